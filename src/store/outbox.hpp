// The outbox: every change that the search index (or another consumer) must
// see appends a row (entity, entity_id, version) in the same transaction as
// the change. Consumers tail it by id.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/result.hpp"

namespace lumbung::store {

struct OutboxEntry {
  std::int64_t id = 0;
  std::string entity;  // "innovation", ...
  std::int64_t entity_id = 0;
  std::int64_t version = 0;
  std::int64_t created_at = 0;  // unix seconds
};

// Appends inside the caller's transaction (sql must be in one).
Status append_outbox(soci::session& sql, const std::string& entity, std::int64_t entity_id,
                     std::int64_t version, std::int64_t now);
// Entries with id > after, oldest first, at most `limit`.
Result<std::vector<OutboxEntry>> read_outbox(soci::session& sql, std::int64_t after, int limit);
// Highest id in the outbox, 0 when empty.
Result<std::int64_t> outbox_head(soci::session& sql);

}  // namespace lumbung::store
