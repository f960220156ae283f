// The accounts module's SQL (internal to src/auth; other modules use
// auth_service.hpp). Every function runs on the caller's session: inside
// Database::transact for writes. SOCI errors propagate as exceptions to the
// caller's transact()/read wrapper, which translates them once.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth.hpp"

namespace lumbung::auth::store_sql {

// ---- users and grants ----
struct UserRow {
  User user;
  std::string password_hash;  // "" = no password set
};
void insert_user(soci::session& sql, const User& user, const std::string& password_hash);
std::optional<UserRow> find_user(soci::session& sql, std::int64_t id);  // with grants
std::optional<UserRow> find_user_by_email(soci::session& sql, const std::string& email);
void update_password(soci::session& sql, std::int64_t id, const std::string& hash, std::int64_t now);
void update_active(soci::session& sql, std::int64_t id, bool active, std::int64_t now);
std::vector<Grant> load_grants(soci::session& sql, std::int64_t user_id);
void replace_grants(soci::session& sql, std::int64_t user_id, const std::vector<Grant>& grants);
// Active users holding an admin grant.
std::int64_t count_active_admins(soci::session& sql);

struct UserQuery {
  std::string pattern;  // "" = any; else a LIKE pattern on LOWER(name) / LOWER(email)
  std::string role;     // "" = any
  std::string region;   // "" = any (grants scoped to exactly this region)
  int active = -1;      // -1 any, 0, 1
  int limit = 50;
  int offset = 0;
};
std::vector<User> list_users(soci::session& sql, const UserQuery& q);  // with grants, ordered by id

// ---- sessions ----
struct SessionRow {
  Session session;
  std::string csrf_token;
};
void insert_session(soci::session& sql, const Session& s, const std::string& csrf_token);
std::optional<SessionRow> find_session(soci::session& sql, const std::string& id_hash);
void touch_session(soci::session& sql, const std::string& id_hash, std::int64_t now, const std::string& ip);
long long delete_session(soci::session& sql, const std::string& id_hash);
// All of a user's sessions except `keep_hash` ("" = none kept); returns the count.
long long delete_user_sessions(soci::session& sql, std::int64_t user_id, const std::string& keep_hash);
std::vector<Session> list_user_sessions(soci::session& sql, std::int64_t user_id);  // newest first

// ---- invites ----
void insert_invite(soci::session& sql, const Invite& invite, const std::string& token_hash);
std::optional<Invite> find_invite(soci::session& sql, const std::string& token_hash);
// Marks it used if still unused; returns rows changed (0 = already used).
long long mark_invite_used(soci::session& sql, std::int64_t id, std::int64_t now);

// ---- password resets ----
struct ResetRow {
  std::int64_t user_id = 0;
  std::int64_t expires_at = 0;
  bool used = false;
};
void insert_reset(soci::session& sql, const std::string& token_hash, std::int64_t user_id, std::int64_t now,
                  std::int64_t expires_at);
std::optional<ResetRow> find_reset(soci::session& sql, const std::string& token_hash);
// Marks this reset used if still unused; returns rows changed (0 = already used).
long long use_reset(soci::session& sql, const std::string& token_hash, std::int64_t now);
// Marks every unused reset of the user used; returns rows changed.
long long use_user_resets(soci::session& sql, std::int64_t user_id, std::int64_t now);

// ---- API tokens ----
void insert_token(soci::session& sql, const ApiToken& token, const std::string& token_hash);
std::optional<ApiToken> find_token_by_hash(soci::session& sql, const std::string& token_hash);
std::optional<ApiToken> find_token(soci::session& sql, std::int64_t id);
void touch_token(soci::session& sql, std::int64_t id, std::int64_t now);
long long revoke_token(soci::session& sql, std::int64_t id, std::int64_t now);  // 0 = already revoked
std::vector<ApiToken> list_tokens(soci::session& sql);                          // newest first

// ---- mail outbox ----
void insert_mail(soci::session& sql, const MailMessage& m);
std::vector<MailMessage> list_mail(soci::session& sql, int limit);  // newest first

// ---- rate limits ----
// Locks the bucket's row (PostgreSQL row lock; SQLite holds the write lock)
// and reads it.
std::optional<RateWindow> lock_rate(soci::session& sql, const std::string& bucket);
// Reads without locking (for checks before anything is counted).
std::optional<RateWindow> read_rate(soci::session& sql, const std::string& bucket);
// Stores `w`: an UPDATE when `existed`, else INSERT ... ON CONFLICT DO NOTHING.
// False when a concurrent writer created the row first (re-lock and retry).
bool write_rate(soci::session& sql, const std::string& bucket, bool existed, const RateWindow& w);
void delete_rate(soci::session& sql, const std::string& bucket);

}  // namespace lumbung::auth::store_sql
