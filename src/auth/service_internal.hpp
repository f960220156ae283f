// Helpers shared by the two halves of AccountService (auth_service.cpp:
// users, invites, tokens; auth_service_sessions.cpp: login, sessions,
// passwords). Internal to src/auth.
#pragma once

#include <soci/soci.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "auth/audit.hpp"
#include "auth/auth.hpp"
#include "store/database.hpp"

namespace lumbung::auth::detail {

// Client-supplied header text (IP, User-Agent) made safe to store on both
// engines: printable ASCII kept, anything else becomes '?', cut at `max`.
inline std::string clean_header(std::string_view text, std::size_t max = 256) {
  std::string out;
  out.reserve(std::min(text.size(), max));
  for (char c : text.substr(0, max)) out += (c >= 0x20 && c <= 0x7e) ? c : '?';
  return out;
}

inline nlohmann::json grants_json(const std::vector<Grant>& grants) {
  auto out = nlohmann::json::array();
  for (const auto& g : grants) out.push_back({{"role", to_string(g.role)}, {"scope", format_scope(g.scope)}});
  return out;
}

// What the audit trail keeps of a user: never the password hash.
inline nlohmann::json user_json(const User& u) {
  return {{"id", u.id}, {"email", u.email}, {"name", u.name}, {"active", u.active}, {"grants", grants_json(u.grants)}};
}

inline std::string dump(const nlohmann::json& j) { return j.is_null() ? std::string() : j.dump(); }

inline Status audit(soci::session& sql, const Actor& actor, std::string action, std::string entity,
                    std::string entity_id, const nlohmann::json& before, const nlohmann::json& after,
                    std::int64_t now) {
  AuditRecord r;
  r.actor_user_id = actor.user_id;
  r.actor_label = actor.label;
  r.action = std::move(action);
  r.entity = std::move(entity);
  r.entity_id = std::move(entity_id);
  r.before_json = dump(before);
  r.after_json = dump(after);
  r.ip = clean_header(actor.ip, 64);
  r.at = now;
  return append_audit(sql, r);
}

inline Error field_error(ErrorCode code, const std::string& operation, const std::string& field,
                         const std::string& key) {
  return Error(code, operation + ": " + field + " (" + key + ")", {{field, key}});
}

// Merges several validation results into one invalid error listing every field.
inline std::vector<FieldError> fields_of(const std::vector<const Error*>& errors) {
  std::vector<FieldError> out;
  for (const Error* e : errors) {
    if (e == nullptr) continue;
    out.insert(out.end(), e->fields().begin(), e->fields().end());
  }
  return out;
}

// Runs fn on a pooled session in autocommit mode (reads), translating SOCI
// errors like Database::transact does.
template <class F>
auto read(store::Database& db, const char* operation, F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  using R = decltype(fn(std::declval<soci::session&>()));
  auto lease = db.acquire();
  try {
    return fn(*lease);
  } catch (const soci::soci_error& e) {
    return R(store::translate_sql_error(e, operation));
  }
}

}  // namespace lumbung::auth::detail
