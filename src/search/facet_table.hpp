// The documents of every facet value (and of every entity kind) as bit sets,
// kept in memory beside the index: filters and exact facet counts become set
// operations instead of reading each matching document's values.
//
// Built from the index's boolean terms when it opens; then updated at each
// commit from the documents written since (FacetTable::Change). A table is
// immutable once published; an update copies the table but shares every value
// set it does not touch, so readers holding the old one are never disturbed.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "search/bits.hpp"
#include "search/query.hpp"

namespace lumbung::search {

// Every document carries "XE<entity>" (added by SearchIndex::replace). Facet
// prefixes must not be prefixes of one another (the domain's are two letters).
inline constexpr const char* kEntityPrefix = "XE";

class FacetTable {
 public:
  using ValueSets = std::map<std::string, std::shared_ptr<const Bits>>;  // value -> documents

  // One document written since the last commit: its boolean terms, or
  // removed (terms ignored).
  struct Change {
    Xapian::docid id = 0;
    bool removed = false;
    std::vector<std::string> terms;
  };

  FacetTable() = default;
  FacetTable(std::vector<FacetSpec> specs, const Xapian::Database& db);

  // A copy with `changes` applied in order.
  std::shared_ptr<const FacetTable> with(const std::vector<Change>& changes) const;

  const std::vector<FacetSpec>& specs() const { return specs_; }
  // Index into specs() of facet `name`, or -1.
  int find(const std::string& name) const;
  const ValueSets& values(std::size_t facet) const { return values_[facet]; }
  // Documents of `entity` (empty set if none).
  const Bits& entity(const std::string& name) const;

 private:
  std::vector<FacetSpec> specs_;
  std::vector<ValueSets> values_;  // per spec
  ValueSets entities_;
};

}  // namespace lumbung::search
