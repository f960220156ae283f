// Readiness (/readyz) and the operational gauges of /metrics: what a load
// balancer and monitoring need to know beyond "the process answers".
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace lumbung::web {

// A node may lag the outbox by this many entries and still count as caught up:
// the indexer applies new entries within a fraction of a second, so a node
// under steady writes is not taken out of the pool, while a new or returning
// node stays out until it has worked through its backlog.
inline constexpr std::int64_t kReadyMaxIndexLag = 100;

// What the readiness check observed; nullopt where it could not be read.
// Ready when the database answers, holds every migration this release ships
// (a newer schema is fine: migrations only add) and the index lag is within
// kReadyMaxIndexLag.
struct ReadinessFacts {
  bool database_reachable = false;
  std::optional<int> schema_files_version;     // highest migration this release ships
  std::optional<int> schema_database_version;  // highest migration the database records
  bool has_index = false;                      // false in processes without a search index
  std::optional<std::int64_t> outbox_head;     // newest outbox id
  std::int64_t index_position = 0;             // last outbox id the index applied
};

struct Readiness {
  bool ready = false;
  // {"status": "ready"|"not_ready", "database": "...", "migrations": "...",
  //  "index": "...", "not_ready": ["database", ...]}
  nlohmann::json body;
};

Readiness assess_readiness(const ReadinessFacts& facts);

}  // namespace lumbung::web
