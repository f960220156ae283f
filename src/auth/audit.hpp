// The audit trail: who changed what, when, from where. Rows are appended in
// the same transaction as the change they describe and never updated or
// deleted (there is deliberately no function for either).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth.hpp"
#include "core/result.hpp"

namespace lumbung::auth {

// Appends `record` (its id is assigned from next_id("audit_log"); record.id is
// ignored) inside the caller's transaction. JSON fields must hold no secrets.
// Errors: translated SQL errors (internal, unavailable).
Status append_audit(soci::session& sql, const AuditRecord& record);

struct AuditFilter {
  std::optional<std::int64_t> actor;  // actor_user_id (0 = system)
  std::string entity;                 // "" = any
  std::string entity_id;              // "" = any (only with entity)
  std::string action;                 // "" = any
  std::optional<std::int64_t> from;   // at >= from
  std::optional<std::int64_t> to;     // at < to
  int limit = 50;                     // clamped to 1..500
  std::int64_t before_id = 0;         // > 0: only ids below (paging, newest first)
};

// Newest first (id descending).
Result<std::vector<AuditRecord>> list_audit(soci::session& sql, const AuditFilter& filter);

}  // namespace lumbung::auth
