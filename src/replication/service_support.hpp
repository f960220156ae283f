// What the replication services share (internal to the module): a read on a
// pooled session with SOCI errors translated, and the audit record of a change.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>
#include <utility>

#include "auth/audit.hpp"
#include "store/database.hpp"

namespace lumbung::replication {

// fn(session) on a pooled session (autocommit); SOCI errors become Errors of `op`.
template <class F>
auto read(store::Database& db, const char* op, F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  auto sql = db.acquire();
  try {
    return fn(*sql);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, op);
  }
}

// Appends the audit record of `action` on (entity, id) inside the caller's transaction.
inline Status audit(soci::session& sql, std::int64_t actor, const std::string& action, const char* entity,
                    std::int64_t id, const std::string& before, const std::string& after, std::int64_t now) {
  auth::AuditRecord record;
  record.actor_user_id = actor;
  record.action = action;
  record.entity = entity;
  record.entity_id = std::to_string(id);
  record.before_json = before;
  record.after_json = after;
  record.at = now;
  return auth::append_audit(sql, record);
}

// "YYYY-MM-DD" of a unix time (UTC).
inline std::string iso_day(std::int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace lumbung::replication
