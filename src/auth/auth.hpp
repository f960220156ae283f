// Accounts: roles, scopes, grants, users, sessions, invites, API tokens and
// the audit trail, plus the pure rules over them (auth_rules.cpp: no SQL, no
// logging). Every permission is a (role, scope) pair; a user may hold several.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace lumbung::auth {

enum class Role { participant, coach, lab_organizer, region_admin, curator, judge, admin };

// "participant", "coach", "lab_organizer", "region_admin", "curator", "judge", "admin".
const char* to_string(Role role);
// Exact (case-sensitive) inverse of to_string; nullopt for anything else.
std::optional<Role> parse_role(std::string_view text);
// All roles, in declaration order (for forms and tests).
const std::vector<Role>& all_roles();

enum class ScopeKind { national, region, lab, unit };
const char* to_string(ScopeKind kind);

// Where a grant applies. ref is empty for national, a Kemendagri region code
// for region ("73", "73.72", "73.72.01", "73.72.01.1001"), a decimal id for
// lab and unit ("12", "345").
struct Scope {
  ScopeKind kind = ScopeKind::national;
  std::string ref;

  static Scope national() { return {ScopeKind::national, {}}; }
  static Scope region(std::string code) { return {ScopeKind::region, std::move(code)}; }
  static Scope lab(std::string id) { return {ScopeKind::lab, std::move(id)}; }
  static Scope unit(std::string id) { return {ScopeKind::unit, std::move(id)}; }
  friend bool operator==(const Scope&, const Scope&) = default;
};

// "national", "region:73.72", "lab:12", "unit:345".
std::string format_scope(const Scope& scope);
// Inverse of format_scope; invalid (field "scope", key "error.scope") for
// anything else: unknown kind, missing/extra ref, malformed region code,
// non-numeric or zero-padded lab/unit id.
Result<Scope> parse_scope(std::string_view text);

struct Grant {
  Role role = Role::participant;
  Scope scope;
  friend bool operator==(const Grant&, const Grant&) = default;
};

// Region code of a lab or unit scope (nullopt when unknown). Injected because
// labs and units live in other modules; an empty function knows nothing.
using RegionOf = std::function<std::optional<std::string>(const Scope&)>;

struct User {
  std::int64_t id = 0;
  std::string email;  // normalised (trimmed, lower-case)
  std::string name;
  bool active = true;
  std::vector<Grant> grants;
  std::int64_t created_at = 0;  // unix seconds
  std::int64_t updated_at = 0;
};

// A login session. The raw session id lives only in the browser's cookie;
// the database keeps its SHA-256 (id_hash).
struct Session {
  std::string id_hash;
  std::int64_t user_id = 0;
  std::int64_t created_at = 0;
  std::int64_t last_seen_at = 0;  // refreshed at most once a minute
  std::int64_t expires_at = 0;    // absolute end; idle end is last_seen_at + idle
  std::string ip;                 // last address seen
  std::string user_agent;
};

struct ApiToken {
  std::int64_t id = 0;
  std::string name;
  Role role = Role::participant;
  Scope scope;
  std::int64_t created_by = 0;  // user id, 0 = system/cli
  std::int64_t created_at = 0;
  std::optional<std::int64_t> last_used_at;  // refreshed at most once a minute
  std::optional<std::int64_t> revoked_at;
};

struct Invite {
  std::int64_t id = 0;
  std::string email;
  std::string name;
  Role role = Role::participant;
  Scope scope;
  std::int64_t invited_by = 0;
  std::int64_t created_at = 0;
  std::int64_t expires_at = 0;
  std::optional<std::int64_t> used_at;
};

struct AuditRecord {
  std::int64_t id = 0;
  std::int64_t actor_user_id = 0;  // 0 = system / cli
  std::string actor_label;         // email or "cli"
  std::string action;              // "user.invite", "session.login", ...
  std::string entity;              // "user", "api_token", ...
  std::string entity_id;
  std::string before_json;  // "" or a JSON object; never secrets
  std::string after_json;
  std::string ip;
  std::int64_t at = 0;
};

// A message of the outgoing mail queue (mail/queue.hpp delivers it; an admin
// page lists them).
struct MailMessage {
  std::int64_t id = 0;
  std::string to_email;
  std::string subject;
  std::string body_text;
  std::string kind;  // "invite", "password_reset"
  std::int64_t created_at = 0;
  std::optional<std::int64_t> sent_at;
  std::string status = "queued";  // queued, sent, failed
  int attempts = 0;
  std::int64_t next_attempt_at = 0;
  std::string last_error;  // the relay's answer of the last failed attempt
};

// Who is acting: a logged-in user (with the grants loaded for this request)
// or the system (CLI, jobs), which acts as admin.
struct Actor {
  std::int64_t user_id = 0;  // 0 = system / cli
  std::string label;         // email, or "cli"
  std::vector<Grant> grants;
  std::string ip;

  static Actor system(std::string label = "cli") {
    return Actor{0, std::move(label), {Grant{Role::admin, Scope::national()}}, {}};
  }
  static Actor of(const User& user, std::string ip = {}) {
    return Actor{user.id, user.email, user.grants, std::move(ip)};
  }
};

// ---- Rules (auth_rules.cpp) ------------------------------------------------

// Trims, lower-cases (ASCII), then checks: exactly one '@', non-empty local
// part, a domain with a dot not at either end, no spaces or control
// characters, at most 254 bytes. invalid {"email", "error.email"} otherwise.
Result<std::string> normalize_email(std::string_view raw);

// Trims ASCII whitespace; 1..120 code points of valid UTF-8 with no control
// characters (C0, DEL, C1). Markup is kept as-is: escaping is the view's job.
// Keys: error.name_required, error.name_long, error.name_invalid.
Result<std::string> normalize_name(std::string_view raw);

// At least 10 code points, at most 1024 bytes, not one repeated character,
// not the account's email (case-insensitive). Field "password", keys
// error.password_short / _long / _repetitive / _is_email.
Status check_password_policy(std::string_view password, std::string_view normalized_email);

// Role/scope combinations that make sense: admin and curator are national,
// region_admin is a region; the scope ref must be well-formed.
// invalid {"scope", "error.scope"} otherwise.
Status validate_grant(const Grant& grant);

// Does `outer` contain `inner`? national contains everything; a scope
// contains itself; region R contains labs and units whose region_of is R.
// Regions are not nested: province "73" does not contain "73.72".
bool scope_contains(const Scope& outer, const Scope& inner, const RegionOf& region_of);

// May an actor holding `actor` grant (role, scope) to someone?
//   admin: anything.
//   region_admin of R: participant, coach, region_admin within R.
//   lab_organizer of lab L or region R: participant, coach within it.
//   curator (national): judge, curator.
//   everyone else: nothing.
bool can_grant(const std::vector<Grant>& actor, Role role, const Scope& scope, const RegionOf& region_of);

// Does `grants` allow acting as `needed` on `target`? admin always; otherwise
// some grant with role == needed whose scope contains target.
bool allows(const std::vector<Grant>& grants, Role needed, const Scope& target, const RegionOf& region_of);

// Fixed-window rate limiting: at most `limit` counted events per window.
struct RateLimit {
  std::int64_t limit = 5;
  std::int64_t window_seconds = 60;
};
struct RateWindow {
  std::int64_t window_start = 0;
  std::int64_t count = 0;
  friend bool operator==(const RateWindow&, const RateWindow&) = default;
};
struct RateDecision {
  bool allowed = true;
  std::int64_t retry_after = 0;  // seconds until allowed again, when refused
  RateWindow next;               // the window after counting this event (unchanged when refused)
};
// One more event at `now` given the stored window (nullopt = none yet). A
// window that ended (now >= start + window) starts afresh at now.
RateDecision rate_attempt(const std::optional<RateWindow>& current, std::int64_t now, const RateLimit& limit);

// Seconds to wait, read from a too_many Error made by this module
// ("...(retry_after=N)"); nullopt for other errors.
std::optional<std::int64_t> retry_after_seconds(const Error& error);

}  // namespace lumbung::auth
