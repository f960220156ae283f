// SQL of the labs module (tables of migrations/0010_labs.sql). Every function
// runs on the caller's session; writes expect the caller's transaction. SOCI
// errors propagate as exceptions (Database::transact translates them).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "labs/lab.hpp"

namespace lumbung::labs {

void insert_lab(soci::session& sql, const Lab& lab);
// Rewrites the lab's own columns (not id, region, creator) and its partners and sessions.
void update_lab(soci::session& sql, const Lab& lab);
std::optional<Lab> find_lab(soci::session& sql, std::int64_t id);
// Every lab (without partners and sessions), newest first; `region` "" = any.
std::vector<Lab> list_labs(soci::session& sql, const std::string& region = "");

std::vector<LabUnit> list_lab_units(soci::session& sql, std::int64_t lab_id);
// Inserts or, for an enrolled unit, changes the coach when coach_user_id != 0.
void upsert_lab_unit(soci::session& sql, std::int64_t lab_id, std::int64_t unit_id, std::int64_t coach_user_id,
                     std::int64_t now);
// Sets (0 = clears) an enrolled unit's coach; false when the unit is not enrolled.
bool set_lab_unit_coach(soci::session& sql, std::int64_t lab_id, std::int64_t unit_id, std::int64_t coach_user_id);
// Removes an enrolled unit; false when it was not enrolled.
bool delete_lab_unit(soci::session& sql, std::int64_t lab_id, std::int64_t unit_id);
// Ideas of `unit_id` in the lab.
long long count_unit_ideas(soci::session& sql, std::int64_t lab_id, std::int64_t unit_id);
// Labs with `unit_id` enrolled, or coached by `coach_user_id` (0 = skip).
std::vector<std::int64_t> labs_of_units(soci::session& sql, const std::vector<std::int64_t>& unit_ids);
std::vector<std::int64_t> labs_of_coach(soci::session& sql, std::int64_t coach_user_id);

struct UnitRow {
  std::int64_t id = 0;
  std::string region_code, kind, name;
};
std::optional<UnitRow> find_unit(soci::session& sql, std::int64_t id);
// The unit named `name` (case-insensitive, ASCII) in `region_code`.
std::optional<UnitRow> find_unit_by_name(soci::session& sql, const std::string& region_code, const std::string& name);

void insert_idea(soci::session& sql, const Idea& idea);
std::optional<Idea> find_idea(soci::session& sql, std::int64_t id);
std::vector<Idea> list_ideas(soci::session& sql, std::int64_t lab_id);
void update_idea(soci::session& sql, const Idea& idea);  // stage, innovation_id, title, updated_at

std::optional<StageWork> find_work(soci::session& sql, std::int64_t idea_id, const std::string& stage);
std::vector<StageWork> list_work(soci::session& sql, std::int64_t idea_id);
void upsert_work(soci::session& sql, const StageWork& work);

void insert_comment(soci::session& sql, const Comment& comment);
std::vector<Comment> list_comments(soci::session& sql, std::int64_t idea_id);
void upsert_score(soci::session& sql, std::int64_t idea_id, const Score& score);
std::vector<Score> list_scores(soci::session& sql, std::int64_t idea_id);

// One verdict per reviewer and idea (a second one replaces the first).
void upsert_verdict(soci::session& sql, const Verdict& verdict);
std::vector<Verdict> list_verdicts(soci::session& sql, std::int64_t idea_id);
// Every verdict on the ideas of a lab, by idea then reviewer.
std::vector<Verdict> lab_verdicts(soci::session& sql, std::int64_t lab_id);

void insert_clinic(soci::session& sql, const Clinic& clinic);
// The lab's clinics, newest first.
std::vector<Clinic> list_clinics(soci::session& sql, std::int64_t lab_id);

struct UserRow {
  std::int64_t id = 0;
  std::string email, name;
  bool active = true;
};
std::optional<UserRow> find_user_by_email(soci::session& sql, const std::string& email);
std::optional<UserRow> find_user(soci::session& sql, std::int64_t id);
// Whether the user holds `role` in any scope.
bool user_has_role(soci::session& sql, std::int64_t user_id, const std::string& role);
// Per idea of a lab and rubric criterion: the sum and number of scores given
// (all stages and scorers).
struct ScoreTotal {
  std::int64_t idea_id = 0;
  std::string criterion;
  std::int64_t sum = 0;
  std::int64_t count = 0;
};
std::vector<ScoreTotal> lab_score_totals(soci::session& sql, std::int64_t lab_id);

// Every unit of `region_code` with its published innovations started or
// published in `year` and its ideas in the region's labs of `year`.
std::vector<Coverage> region_coverage(soci::session& sql, const std::string& region_code, int year);

std::optional<std::string> lab_region(soci::session& sql, std::int64_t lab_id);
// The name of region `code`, if it exists.
std::optional<std::string> region_name(soci::session& sql, const std::string& code);

}  // namespace lumbung::labs
