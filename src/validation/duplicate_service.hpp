// The duplicate review queue: detection over every record (scan), the
// curator's decisions (not a duplicate: never proposed again; related), and
// merges side by side that can be undone exactly.
//
// A merge writes the survivor with each chosen field taken from either record,
// the awards of both and the later verification, and archives the merged
// record (its own source programme and id stay on it: every provenance is
// kept). While the merge stands, /inovasi/{merged} redirects to the survivor.
// Undo writes both records back as they were before the merge.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "directory/innovation.hpp"
#include "search/search_index.hpp"
#include "store/database.hpp"
#include "validation/validation.hpp"

namespace lumbung::validation {

struct ScanReport {
  std::int64_t records = 0;     // innovations compared
  std::int64_t candidates = 0;  // pairs scored
  std::int64_t pairs = 0;       // pairs at or above kMinPairScore
  std::int64_t added = 0;       // of which new in the queue
};

// The fields a merge chooses, in the side-by-side order.
const std::vector<std::string>& merge_fields();

class DuplicateService {
 public:
  DuplicateService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Compares every draft, in-review and published record with those sharing
  // its name, acronym or a rare name word, and (with an index) the records
  // most like its text; records the pairs scoring at least kMinPairScore.
  // Pairs already decided keep their decision.
  Result<ScanReport> scan(const search::SearchIndex* index, std::size_t text_neighbours = 5);

  // Open pairs, best first.
  Result<std::vector<DuplicatePair>> queue(std::size_t limit, std::size_t offset = 0);
  Result<std::int64_t> open_count();
  Result<DuplicatePair> pair(std::int64_t a, std::int64_t b);

  // decision: not_duplicate | related. Curators only.
  Status decide(const auth::Actor& actor, std::int64_t a, std::int64_t b, const std::string& decision);

  // Merges `merged` into `survivor`; choices: field (merge_fields()) ->
  // "survivor" | "merged" (missing = survivor). Curators only.
  Result<Merge> merge(const auth::Actor& actor, std::int64_t survivor, std::int64_t merged,
                      const std::map<std::string, std::string>& choices);
  // Restores both records as they were before; conflict when already undone.
  Result<Merge> undo(const auth::Actor& actor, std::int64_t merge_id);
  Result<std::vector<Merge>> recent_merges(std::size_t limit);
  // The survivor an old record redirects to, if it was merged.
  Result<std::optional<std::int64_t>> redirect_of(std::int64_t id);
  // Published innovations marked related to `id`, by name (at most `limit`).
  Result<std::vector<RelatedInnovation>> related_to(std::int64_t id, std::size_t limit);

 private:
  store::Database& db_;
  const Clock& clock_;
};

// The record `id` was merged into while that merge stands (following a merge
// of the survivor in turn), inside the caller's transaction; nullopt when
// `id` is not merged.
std::optional<std::int64_t> merge_survivor(soci::session& sql, std::int64_t id);

// The merge fields (merge_fields()) a curator took from the merged record in
// the merges `survivor_id` survived that stand: an import of the survivor's
// own source must not write those back.
std::vector<std::string> fields_taken_in_merges(soci::session& sql, std::int64_t survivor_id);
// Copies merge field `field` of `from` onto `to` (a "place" is the region and
// unit, a "contact" the name, e-mail and phone).
void take_merge_field(directory::Innovation& to, const directory::Innovation& from, const std::string& field);

}  // namespace lumbung::validation
