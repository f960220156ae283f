// SQL of the IID: frameworks by year and the regions' submissions. Every
// function runs on the caller's session; writes expect the caller's
// transaction. SOCI errors propagate as exceptions (Database::transact
// translates them).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "index/framework.hpp"

namespace lumbung::index {

struct Submission {
  std::int64_t id = 0;
  int year = 0;
  std::string region_code;
  std::string status = "draft";  // draft | submitted
  std::int64_t submitted_at = 0;
  std::int64_t submitted_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// An innovation a region can put in its submission.
struct InnovationRef {
  std::int64_t id = 0;
  std::string name;
  std::string region_code;
  std::string state;
};

// A region with its cluster kind (province, regency, city).
struct RegionRef {
  std::string code;
  std::string name;
  std::string kind;
};

std::vector<int> list_framework_years(soci::session& sql);
std::optional<Framework> load_framework(soci::session& sql, int year);
// Inserts a whole framework (its year must be new).
void insert_framework(soci::session& sql, const Framework& framework);
// Writes the framework row's settings (floor, count rule, window, note).
void update_framework_settings(soci::session& sql, const Framework& framework);
void replace_bands(soci::session& sql, int year, const std::vector<Band>& bands);
// Writes an indicator's name, weight, mandatory flag, evidence and options.
void update_indicator(soci::session& sql, int year, const Indicator& indicator);

std::optional<Submission> find_submission(soci::session& sql, int year, const std::string& region_code);
std::optional<Submission> find_submission_by_id(soci::session& sql, std::int64_t id);
void insert_submission(soci::session& sql, const Submission& submission);
void update_submission(soci::session& sql, const Submission& submission);
// Submissions of a year with status `status` ("" = any), by region code.
std::vector<Submission> list_submissions(soci::session& sql, int year, const std::string& status);

std::vector<std::int64_t> submission_innovations(soci::session& sql, std::int64_t submission_id);
void add_submission_innovation(soci::session& sql, std::int64_t submission_id, std::int64_t innovation_id,
                               std::int64_t now);
// Removes the innovation and its answers from the submission.
void remove_submission_innovation(soci::session& sql, std::int64_t submission_id, std::int64_t innovation_id);

std::vector<Answer> list_answers(soci::session& sql, std::int64_t submission_id);
std::optional<Answer> find_answer(soci::session& sql, std::int64_t submission_id, std::int64_t innovation_id,
                                  const std::string& number);
// Inserts or replaces the answer's row.
void save_answer_row(soci::session& sql, std::int64_t submission_id, const Answer& answer);

// Innovations located in `region_code` (any state but archived), by name.
std::vector<InnovationRef> region_innovations(soci::session& sql, const std::string& region_code);
std::optional<InnovationRef> find_innovation_ref(soci::session& sql, std::int64_t id);
std::optional<RegionRef> find_region_ref(soci::session& sql, const std::string& code);

// Regions flagged for a special ranking cluster (perbatasan, tertinggal) in a
// framework year (table region_cluster_flags), by region code.
std::vector<RegionRef> cluster_regions(soci::session& sql, int year, const std::string& cluster);
// Flags (on) or unflags a region; flagging twice keeps one row.
void set_cluster_flag(soci::session& sql, int year, const std::string& cluster, const std::string& region_code, bool on,
                      std::int64_t now, std::int64_t by);

}  // namespace lumbung::index
