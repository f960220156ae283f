// SQL of imports: saved mappings, import runs and field provenance. Every
// function runs on the caller's session; writes expect the caller's
// transaction. SOCI errors propagate (Database::transact translates them).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "curation/import_rules.hpp"

namespace lumbung::curation {

struct ImportRun {
  std::int64_t id = 0;
  std::string source;
  std::string file_name;  // as uploaded
  std::string file_path;  // the stored copy
  bool dry_run = false;
  std::string state = "queued";  // queued, running, done, failed
  std::int64_t rows_total = 0;   // rows read so far (the header excluded)
  std::int64_t rows_done = 0;    // rows handled (written, unchanged or rejected)
  std::int64_t rows_created = 0;
  std::int64_t rows_updated = 0;
  std::int64_t rows_unchanged = 0;
  std::int64_t rows_rejected = 0;
  std::int64_t problem_count = 0;
  std::string problems_json = "[]";  // the first kMaxStoredProblems
  std::string message;               // why a run failed (i18n key) or ""
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t finished_at = 0;
};

struct Provenance {
  std::string field;
  std::string source;
  std::int64_t import_id = 0;
  std::int64_t set_at = 0;
  bool operator==(const Provenance&) const = default;
};

Mapping load_mapping(soci::session& sql, const std::string& source);
// Replaces the saved mapping of a source.
void save_mapping(soci::session& sql, const std::string& source, const Mapping& mapping, std::int64_t actor,
                  std::int64_t now);

void insert_run(soci::session& sql, const ImportRun& run);
void update_run(soci::session& sql, const ImportRun& run);
std::optional<ImportRun> find_run(soci::session& sql, std::int64_t id);
std::vector<ImportRun> recent_runs(soci::session& sql, int limit);

// Records that `source` (import `import_id`) set `field` of an innovation.
void set_provenance(soci::session& sql, std::int64_t innovation_id, const std::string& field, const std::string& source,
                    std::int64_t import_id, std::int64_t now);
std::vector<Provenance> list_provenance(soci::session& sql, std::int64_t innovation_id);

}  // namespace lumbung::curation
