// The replication count in the search index: the directory's sort
// "replicated" orders by value slot kSlotReplications, which this source
// fills with IID indicator 31 (distinct adopting regions, count_adopting_regions).
// The service appends an outbox row for the origin innovation whenever an
// adoption is confirmed, so the indexer reloads it through this source.
#pragma once

#include "search/search_index.hpp"

namespace lumbung::replication {

// `inner` (directory::innovation_source()) with the replication count set on
// every document it loads.
// The documents also carry "replicated" (the count) in their stored data, and
// the boolean term kReplicableTerm when the origin is open to replication
// (facet "replicable", prefix "XW", value "1").
search::EntitySource with_replication_counts(search::EntitySource inner);
inline constexpr const char* kReplicableTerm = "XW1";

}  // namespace lumbung::replication
