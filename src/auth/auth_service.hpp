// Account use cases: users, invites, login sessions, password changes and
// resets, grants, API tokens, the mail outbox. Each use case is one
// transaction (login is two: the attempt is counted before the password
// check so concurrent guesses cannot exceed the limit) and every write
// appends an audit record in the same transaction, without secrets.
//
// Raw secrets (session ids, invite/reset/API tokens) are returned once and
// never stored: the database keeps their SHA-256. Thread-safe: the service
// holds no mutable state besides a lazily made dummy hash.
//
// Errors (ErrorCode): invalid (with FieldError{field, i18n key}), not_found,
// conflict, forbidden, unauthenticated, too_many (retry_after_seconds() reads
// the wait), unavailable/internal from the database.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "auth/audit.hpp"
#include "auth/auth.hpp"
#include "auth/secrets.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace lumbung::auth {

struct AccountOptions {
  std::int64_t session_idle_seconds = 8 * 3600;           // a session ends after this long unused
  std::int64_t session_absolute_seconds = 7 * 24 * 3600;  // and this long after login, whatever happens
  std::int64_t touch_interval_seconds = 60;               // last_seen_at/last_used_at written at most this often
  std::int64_t invite_valid_seconds = 7 * 24 * 3600;      // an invite link works this long
  std::int64_t reset_valid_seconds = 3600;                // a password-reset link works this long
  PwhashLimits pwhash = PwhashLimits::interactive();      // argon2id cost of new hashes
  RateLimit login_per_account{5, 60};                     // failed logins per email per window
  RateLimit login_per_ip{20, 60};                         // failed logins per IP per window
  RateLimit reset_per_email{3, 3600};                     // reset requests per email per window
  RateLimit reset_per_ip{10, 3600};                       // reset requests per IP per window
  RateLimit token_failures_per_ip{20, 60};                // unknown/revoked API tokens per IP per window
  std::string base_url;                                   // prefix of links in mail, e.g. "https://lumbung.go.id"
};

// A new login session: the raw id goes into the cookie, never anywhere else.
struct NewSession {
  std::string raw_id;
  std::string csrf_token;
  std::int64_t user_id = 0;
  std::int64_t expires_at = 0;
};

// A request's authenticated session.
struct SessionAuth {
  User user;  // with grants
  Session session;
  std::string csrf_token;
};

struct CreatedUser {
  User user;
  std::string generated_password;  // set only when no password was given; show once
};

struct CreatedInvite {
  Invite invite;
  std::string raw_token;  // the link is /undangan/<raw_token>
};

struct CreatedToken {
  ApiToken token;
  std::string raw;  // "lbg_..."; show once
};

struct UserFilter {
  std::string query;         // substring of name or email, case-insensitive (ASCII)
  std::optional<Role> role;  // holds this role (any scope)
  std::string region;        // holds a grant scoped to exactly this region
  std::optional<bool> active;
  int limit = 50;  // clamped to 1..500
  int offset = 0;
};

class AccountService {
 public:
  // Calls init_sodium() (throws std::runtime_error when libsodium cannot start).
  AccountService(store::Database& db, const Clock& clock, AccountOptions options = {});

  const AccountOptions& options() const { return options_; }

  // ---- users ----
  // For `lumbung user add` and seeding: `password` empty -> a random one is
  // generated and returned once. The actor must be able to grant every grant.
  // conflict {"email","error.email_taken"} when the email has an account.
  Result<CreatedUser> create_user(const std::string& email, const std::string& name, const std::vector<Grant>& grants,
                                  const std::string& password, const Actor& actor, const RegionOf& region_of = {});
  Result<User> get_user(std::int64_t id);
  Result<std::vector<User>> list_users(const UserFilter& filter);
  // Activates/deactivates; deactivating ends all the user's sessions. Nobody
  // may change their own state; the actor must be able to grant all the
  // target's grants (users without grants: admins only); the last active
  // admin cannot be deactivated (conflict {"active","error.last_admin"}).
  Status set_active(const Actor& actor, std::int64_t user_id, bool active, const RegionOf& region_of = {});
  // Replaces the user's grants. Every added and every removed grant must be
  // one the actor can grant; removing the last active admin's admin grant is
  // conflict {"grants","error.last_admin"}.
  Result<User> set_grants(const Actor& actor, std::int64_t user_id, const std::vector<Grant>& grants,
                          const RegionOf& region_of = {});

  // ---- invites ----
  // forbidden unless can_grant(actor, role, scope); conflict when the email
  // has an account. Writes a mail_outbox message with the link.
  Result<CreatedInvite> invite(const Actor& actor, const std::string& email, const std::string& name, Role role,
                               const Scope& scope, const RegionOf& region_of = {});
  // A valid (unused, unexpired) invite, else not_found {"token","error.invite_invalid"}.
  Result<Invite> find_invite(const std::string& raw_token);
  // Creates the account with the invite's grant and `password`, uses the
  // invite up and logs the new user in.
  Result<NewSession> accept_invite(const std::string& raw_token, const std::string& password, const std::string& ip,
                                   const std::string& user_agent);

  // ---- sessions ----
  // unauthenticated {"email","error.login_failed"} for a wrong email or
  // password (same message and similar time either way); forbidden
  // {"email","error.account_inactive"} for a deactivated account with the
  // right password; too_many {"email","error.too_many_attempts"} once the
  // account or IP used up its failed attempts in the window (even with the
  // right password). A new random session id every time.
  Result<NewSession> login(const std::string& email, const std::string& password, const std::string& ip,
                           const std::string& user_agent);
  // unauthenticated for an unknown, expired (idle or absolute) session or an
  // inactive user. Refreshes last_seen_at/ip at most once a minute.
  Result<SessionAuth> authenticate_session(const std::string& raw_session_id, const std::string& ip);
  // Ends the session (ok also when it did not exist).
  Status logout(const std::string& raw_session_id);
  Result<std::vector<Session>> list_sessions(std::int64_t user_id);
  // Ends one of the user's own sessions by id_hash; not_found otherwise.
  Status end_session(std::int64_t user_id, const std::string& session_id_hash, const std::string& ip = {});
  // Ends all the user's sessions but `keep_session_id_hash`; returns how many.
  Result<std::int64_t> end_other_sessions(std::int64_t user_id, const std::string& keep_session_id_hash,
                                          const std::string& ip = {});

  // ---- passwords ----
  // invalid {"old_password","error.password_wrong"} for a wrong old
  // password (counted like a failed login); ends the other sessions.
  Status change_password(std::int64_t user_id, const std::string& current_session_id_hash,
                         const std::string& old_password, const std::string& new_password, const std::string& ip = {});
  // Always ok for a well-formed email whether or not an account exists (the
  // caller must say the same thing either way). When it exists and is
  // active, writes the /atur-ulang/<token> link to the mail outbox and
  // returns the raw token (for CLI/tests; never show it to the requester).
  // too_many when the email or IP asked too often.
  Result<std::optional<std::string>> request_password_reset(const std::string& email, const std::string& ip);
  // One-time; ends all the user's sessions and voids other reset links.
  // not_found {"token","error.reset_invalid"} for an unknown/used/expired token.
  Status reset_password(const std::string& raw_token, const std::string& new_password, const std::string& ip = {});

  // ---- API tokens ----
  // forbidden unless can_grant(actor, role, scope). Raw token starts "lbg_".
  Result<CreatedToken> create_token(const Actor& actor, const std::string& name, Role role, const Scope& scope,
                                    const RegionOf& region_of = {});
  // unauthenticated for unknown or revoked tokens (counted per IP: too_many
  // after token_failures_per_ip). Refreshes last_used_at at most once a minute.
  Result<ApiToken> authenticate_token(const std::string& raw, const std::string& ip);
  // Admins, or the token's creator. not_found for an unknown id; revoking
  // twice is ok.
  Status revoke_token(const Actor& actor, std::int64_t id);
  Result<std::vector<ApiToken>> list_tokens();

  // ---- mail outbox and audit ----
  Result<std::vector<MailMessage>> list_mail_outbox(int limit = 50);
  Result<std::vector<AuditRecord>> list_audit(const AuditFilter& filter);

 private:
  Result<NewSession> open_session(soci::session& sql, const User& user, const std::string& ip,
                                  const std::string& user_agent, std::int64_t now);
  // Counts one event in every bucket (in order), or fails too_many when one is
  // over its limit (the caller's transaction then counts none).
  Status hit_rate_limits(soci::session& sql, const std::vector<std::pair<std::string, RateLimit>>& buckets,
                         std::int64_t now, const char* operation, const char* field = "email");
  // Takes back one counted event (a success after a counted attempt).
  void uncount(soci::session& sql, const std::string& bucket);
  // A hash to verify against when the account does not exist (equal timing).
  const std::string& dummy_hash();

  store::Database& db_;
  const Clock& clock_;
  AccountOptions options_;
  std::once_flag dummy_once_;
  std::string dummy_hash_;
};

// Compares a CSRF token from a form/header with the session's, in constant
// time; false when either is empty or the lengths differ.
bool csrf_matches(const std::string& expected, const std::string& given);

}  // namespace lumbung::auth
