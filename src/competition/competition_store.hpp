// SQL of competitions (tables of migrations/0012_competitions.sql). Every
// function runs on the caller's session (inside its transaction) and throws
// SOCI errors, which the service translates.
#pragma once

#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <optional>

#include "competition/competition.hpp"

namespace lumbung::competition::store_sql {

nlohmann::json config_json(const Config& c);
Config config_from_json(const nlohmann::json& j);

void insert_competition(soci::session& sql, const Competition& c);
void update_phase(soci::session& sql, std::int64_t id, const std::string& phase, std::int64_t now);
std::optional<Competition> find_competition(soci::session& sql, std::int64_t id);
std::vector<Competition> list_competitions(soci::session& sql);

void insert_entry(soci::session& sql, const Entry& e);
void update_entry(soci::session& sql, const Entry& e);
std::optional<Entry> find_entry(soci::session& sql, std::int64_t id);
// with_texts false: answers and attachments are left empty (lists, panels).
std::vector<Entry> list_entries(soci::session& sql, std::int64_t competition_id, bool with_texts = true);
// Entries of the agency (region) in the competition that are submitted or
// further along (not draft, failed or withdrawn), other than `except_id`.
int count_agency_entries(soci::session& sql, std::int64_t competition_id, const std::string& region_code,
                         std::int64_t except_id);
// Did the innovation already win a competition of `level`, or hold an award
// of repository programme `program`?
bool past_winner(soci::session& sql, std::int64_t innovation_id, const std::string& level, const std::string& program);
std::optional<std::string> region_name(soci::session& sql, const std::string& code);

void insert_judge(soci::session& sql, std::int64_t entry_id, std::int64_t judge_id, std::int64_t by, std::int64_t now);
void delete_judge(soci::session& sql, std::int64_t entry_id, std::int64_t judge_id);
std::vector<std::int64_t> judges_of(soci::session& sql, std::int64_t entry_id);
// (entry_id, judge_id) pairs of a competition.
std::vector<std::pair<std::int64_t, std::int64_t>> assignments(soci::session& sql, std::int64_t competition_id);

void put_score(soci::session& sql, const Score& s, std::int64_t now);
std::vector<Score> scores_of_competition(soci::session& sql, std::int64_t competition_id);

void insert_objection(soci::session& sql, const Objection& o);
void update_objection(soci::session& sql, const Objection& o);
std::optional<Objection> find_objection(soci::session& sql, std::int64_t id);
std::vector<Objection> list_objections(soci::session& sql, std::int64_t competition_id);

void put_slot(soci::session& sql, const Slot& s, std::int64_t now);
std::vector<Slot> list_slots(soci::session& sql, std::int64_t competition_id);

// Users (id, name) holding role "judge", for assignment forms.
std::vector<std::pair<std::int64_t, std::string>> judge_users(soci::session& sql);

}  // namespace lumbung::competition::store_sql
