// SQL of innovations, their awards and revisions. Every function runs on the
// caller's session; writes expect the caller's transaction. SOCI errors
// propagate as exceptions (Database::transact translates them).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/result.hpp"
#include "directory/innovation.hpp"

namespace lumbung::directory {

// A prepared INSERT of a whole innovation row, reusable for batches.
class InnovationInserter {
 public:
  explicit InnovationInserter(soci::session& sql);
  ~InnovationInserter();
  void insert(const Innovation& innovation);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Prepared inserts of revision and award rows, reusable for batches.
class RevisionInserter {
 public:
  explicit RevisionInserter(soci::session& sql);
  ~RevisionInserter();
  void insert(const Revision& revision);
  void insert_award(std::int64_t innovation_id, const Award& award);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Writes every column of `innovation` (whose version is already bumped) when
// the stored version is still `expected_version`; false when it is not.
bool update_innovation(soci::session& sql, const Innovation& innovation, std::int64_t expected_version);
// Runs inside the transaction of an update_innovation that moves an innovation
// to another region. One per process, set at start-up before any write (the
// replication module keeps its adopting-region counts this way; the directory
// cannot depend on it). nullptr: nothing runs.
using RegionMoveHook = void (*)(soci::session& sql, std::int64_t innovation_id);
void set_region_move_hook(RegionMoveHook hook);
void replace_awards(soci::session& sql, std::int64_t innovation_id, const std::vector<Award>& awards);

std::optional<Innovation> find_innovation(soci::session& sql, std::int64_t id);
std::optional<std::int64_t> find_by_source(soci::session& sql, const std::string& program,
                                           const std::string& source_id);
// Invalid cursor -> invalid.
Result<InnovationPage> list_innovations(soci::session& sql, const InnovationFilter& filter,
                                        const PageRequest& page);
std::vector<Innovation> latest_published(soci::session& sql, int limit);
std::vector<Revision> list_revisions(soci::session& sql, std::int64_t innovation_id);
RepositoryCounts count_repository(soci::session& sql);
std::vector<std::int64_t> published_ids(soci::session& sql);
// Published innovations per sector in a region (or a province), most first.
std::vector<std::pair<std::string, std::int64_t>> count_sectors(soci::session& sql, const std::string& region_code,
                                                                bool province);

}  // namespace lumbung::directory
