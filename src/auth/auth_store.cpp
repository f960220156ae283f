#include "auth/auth_store.hpp"

#include <algorithm>

#include "store/row.hpp"

namespace lumbung::auth::store_sql {

namespace {

using store::get_int64;
using store::get_text;

// ---- users ----
constexpr const char* kInsertUser =
    "INSERT INTO users (id, email, name, password_hash, active, created_at, updated_at) "
    "VALUES (:id, :email, :name, :hash, :active, :created, :updated)";
constexpr const char* kUserColumns =
    "SELECT id, email, name, password_hash, active, created_at, updated_at FROM users ";
constexpr const char* kUserById = "WHERE id = :id";
constexpr const char* kUserByEmail = "WHERE email = :email";
constexpr const char* kUpdatePassword = "UPDATE users SET password_hash = :hash, updated_at = :now WHERE id = :id";
constexpr const char* kUpdateActive = "UPDATE users SET active = :active, updated_at = :now WHERE id = :id";
constexpr const char* kSelectGrants =
    "SELECT role, scope_kind, scope_ref FROM user_grants WHERE user_id = :id ORDER BY role, scope_kind, scope_ref";
constexpr const char* kDeleteGrants = "DELETE FROM user_grants WHERE user_id = :id";
constexpr const char* kInsertGrant =
    "INSERT INTO user_grants (user_id, role, scope_kind, scope_ref) VALUES (:id, :role, :kind, :ref)";
constexpr const char* kCountActiveAdmins =
    "SELECT COUNT(DISTINCT u.id) FROM users u JOIN user_grants g ON g.user_id = u.id "
    "WHERE u.active = 1 AND g.role = 'admin'";
constexpr const char* kListUsers =
    "SELECT id, email, name, password_hash, active, created_at, updated_at FROM users "
    "WHERE (:has_q = 0 OR LOWER(email) LIKE :q1 ESCAPE '!' OR LOWER(name) LIKE :q2 ESCAPE '!') "
    "AND (:has_role = 0 OR EXISTS (SELECT 1 FROM user_grants g WHERE g.user_id = users.id AND g.role = :role)) "
    "AND (:has_region = 0 OR EXISTS (SELECT 1 FROM user_grants r WHERE r.user_id = users.id "
    "AND r.scope_kind = 'region' AND r.scope_ref = :region)) "
    "AND (:has_active = 0 OR active = :active) "
    "ORDER BY id LIMIT :limit OFFSET :offset";

// ---- sessions ----
constexpr const char* kInsertSession =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent) "
    "VALUES (:id_hash, :user_id, :csrf, :created, :seen, :expires, :ip, :ua)";
constexpr const char* kSessionColumns =
    "SELECT id_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent, csrf_token FROM sessions ";
constexpr const char* kSessionByHash = "WHERE id_hash = :id_hash";
constexpr const char* kSessionsOfUser = "WHERE user_id = :user_id ORDER BY created_at DESC, id_hash";
constexpr const char* kTouchSession = "UPDATE sessions SET last_seen_at = :now, ip = :ip WHERE id_hash = :id_hash";
constexpr const char* kDeleteSession = "DELETE FROM sessions WHERE id_hash = :id_hash";
constexpr const char* kDeleteUserSessions = "DELETE FROM sessions WHERE user_id = :user_id AND id_hash <> :keep";

// ---- invites ----
constexpr const char* kInsertInvite =
    "INSERT INTO invites (id, token_hash, email, name, role, scope_kind, scope_ref, invited_by, created_at, "
    "expires_at) VALUES (:id, :hash, :email, :name, :role, :kind, :ref, :by, :created, :expires)";
constexpr const char* kInviteByHash =
    "SELECT id, email, name, role, scope_kind, scope_ref, invited_by, created_at, expires_at, used_at "
    "FROM invites WHERE token_hash = :hash";
constexpr const char* kUseInvite = "UPDATE invites SET used_at = :now WHERE id = :id AND used_at IS NULL";

// ---- password resets ----
constexpr const char* kInsertReset =
    "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) "
    "VALUES (:hash, :user_id, :created, :expires)";
constexpr const char* kResetByHash =
    "SELECT user_id, expires_at, used_at FROM password_resets WHERE token_hash = :hash";
constexpr const char* kUseReset =
    "UPDATE password_resets SET used_at = :now WHERE token_hash = :hash AND used_at IS NULL";
constexpr const char* kUseUserResets =
    "UPDATE password_resets SET used_at = :now WHERE user_id = :user_id AND used_at IS NULL";

// ---- API tokens ----
constexpr const char* kInsertToken =
    "INSERT INTO api_tokens (id, token_hash, name, role, scope_kind, scope_ref, created_by, created_at) "
    "VALUES (:id, :hash, :name, :role, :kind, :ref, :by, :created)";
constexpr const char* kTokenColumns =
    "SELECT id, name, role, scope_kind, scope_ref, created_by, created_at, last_used_at, revoked_at "
    "FROM api_tokens ";
constexpr const char* kTokenByHash = "WHERE token_hash = :hash";
constexpr const char* kTokenById = "WHERE id = :id";
constexpr const char* kTokensNewestFirst = "ORDER BY id DESC";
constexpr const char* kTouchToken = "UPDATE api_tokens SET last_used_at = :now WHERE id = :id";
constexpr const char* kRevokeToken = "UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL";

// ---- mail outbox ----
constexpr const char* kInsertMail =
    "INSERT INTO mail_outbox (id, to_email, subject, body_text, kind, created_at) "
    "VALUES (:id, :to, :subject, :body, :kind, :created)";
constexpr const char* kListMail =
    "SELECT id, to_email, subject, body_text, kind, created_at, sent_at, status, attempts, next_attempt_at, "
    "last_error FROM mail_outbox "
    "ORDER BY id DESC LIMIT :limit";

// ---- rate limits ----
// A no-op UPDATE takes the row lock on PostgreSQL and reads the row in the
// same statement (a separate SELECT could see a row committed after the
// UPDATE looked, one this transaction has not locked).
constexpr const char* kLockRate =
    "UPDATE rate_limits SET count = count WHERE bucket = :bucket RETURNING window_start, count";
constexpr const char* kSelectRate = "SELECT window_start, count FROM rate_limits WHERE bucket = :bucket";
constexpr const char* kUpdateRate =
    "UPDATE rate_limits SET window_start = :start, count = :count WHERE bucket = :bucket";
constexpr const char* kInsertRate =
    "INSERT INTO rate_limits (bucket, window_start, count) VALUES (:bucket, :start, :count) "
    "ON CONFLICT (bucket) DO NOTHING";
constexpr const char* kDeleteRate = "DELETE FROM rate_limits WHERE bucket = :bucket";

std::optional<std::int64_t> nullable_int(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return std::nullopt;
  return get_int64(r, i);
}

// Stored rows were validated on the way in; unknown text falls back safely.
Role role_of(const std::string& text) { return parse_role(text).value_or(Role::participant); }

Scope scope_of(const std::string& kind, const std::string& ref) {
  if (kind == "region") return Scope::region(ref);
  if (kind == "lab") return Scope::lab(ref);
  if (kind == "unit") return Scope::unit(ref);
  return Scope::national();
}

UserRow user_from_row(const soci::row& r) {
  UserRow u;
  u.user.id = get_int64(r, 0);
  u.user.email = get_text(r, 1);
  u.user.name = get_text(r, 2);
  u.password_hash = get_text(r, 3);
  u.user.active = get_int64(r, 4) != 0;
  u.user.created_at = get_int64(r, 5);
  u.user.updated_at = get_int64(r, 6);
  return u;
}

std::optional<UserRow> one_user(soci::session& sql, soci::rowset<soci::row>& rs) {
  std::optional<UserRow> out;
  for (const auto& r : rs) {
    out = user_from_row(r);
    break;
  }
  if (out) out->user.grants = load_grants(sql, out->user.id);
  return out;
}

Session session_from_row(const soci::row& r) {
  Session s;
  s.id_hash = get_text(r, 0);
  s.user_id = get_int64(r, 1);
  s.created_at = get_int64(r, 2);
  s.last_seen_at = get_int64(r, 3);
  s.expires_at = get_int64(r, 4);
  s.ip = get_text(r, 5);
  s.user_agent = get_text(r, 6);
  return s;
}

ApiToken token_from_row(const soci::row& r) {
  ApiToken t;
  t.id = get_int64(r, 0);
  t.name = get_text(r, 1);
  t.role = role_of(get_text(r, 2));
  t.scope = scope_of(get_text(r, 3), get_text(r, 4));
  t.created_by = get_int64(r, 5);
  t.created_at = get_int64(r, 6);
  t.last_used_at = nullable_int(r, 7);
  t.revoked_at = nullable_int(r, 8);
  return t;
}

long long affected(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace

void insert_user(soci::session& sql, const User& u, const std::string& password_hash) {
  long long id = u.id, created = u.created_at, updated = u.updated_at;
  int active = u.active ? 1 : 0;
  soci::indicator hash_ind = password_hash.empty() ? soci::i_null : soci::i_ok;
  sql << kInsertUser, soci::use(id, "id"), soci::use(u.email, "email"), soci::use(u.name, "name"),
      soci::use(password_hash, hash_ind, "hash"), soci::use(active, "active"), soci::use(created, "created"),
      soci::use(updated, "updated");
  replace_grants(sql, u.id, u.grants);
}

std::optional<UserRow> find_user(soci::session& sql, std::int64_t id) {
  long long lid = id;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kUserColumns) + kUserById, soci::use(lid, "id"));
  return one_user(sql, rs);
}

std::optional<UserRow> find_user_by_email(soci::session& sql, const std::string& email) {
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kUserColumns) + kUserByEmail, soci::use(email, "email"));
  return one_user(sql, rs);
}

void update_password(soci::session& sql, std::int64_t id, const std::string& hash, std::int64_t now) {
  long long lid = id, lnow = now;
  sql << kUpdatePassword, soci::use(hash, "hash"), soci::use(lnow, "now"), soci::use(lid, "id");
}

void update_active(soci::session& sql, std::int64_t id, bool active, std::int64_t now) {
  long long lid = id, lnow = now;
  int a = active ? 1 : 0;
  sql << kUpdateActive, soci::use(a, "active"), soci::use(lnow, "now"), soci::use(lid, "id");
}

std::vector<Grant> load_grants(soci::session& sql, std::int64_t user_id) {
  long long lid = user_id;
  std::vector<Grant> out;
  soci::rowset<soci::row> rs = (sql.prepare << kSelectGrants, soci::use(lid, "id"));
  for (const auto& r : rs) out.push_back(Grant{role_of(get_text(r, 0)), scope_of(get_text(r, 1), get_text(r, 2))});
  return out;
}

void replace_grants(soci::session& sql, std::int64_t user_id, const std::vector<Grant>& grants) {
  long long lid = user_id;
  sql << kDeleteGrants, soci::use(lid, "id");
  std::vector<Grant> unique;
  for (const auto& g : grants) {
    if (std::find(unique.begin(), unique.end(), g) == unique.end()) unique.push_back(g);
  }
  for (const auto& g : unique) {
    const std::string role = to_string(g.role), kind = to_string(g.scope.kind);
    sql << kInsertGrant, soci::use(lid, "id"), soci::use(role, "role"), soci::use(kind, "kind"),
        soci::use(g.scope.ref, "ref");
  }
}

std::int64_t count_active_admins(soci::session& sql) {
  long long n = 0;
  sql << kCountActiveAdmins, soci::into(n);
  return n;
}

std::vector<User> list_users(soci::session& sql, const UserQuery& q) {
  int has_q = q.pattern.empty() ? 0 : 1, has_role = q.role.empty() ? 0 : 1, has_region = q.region.empty() ? 0 : 1,
      has_active = q.active < 0 ? 0 : 1, active = q.active < 0 ? 0 : q.active, limit = q.limit, offset = q.offset;
  std::vector<User> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << kListUsers, soci::use(has_q, "has_q"), soci::use(q.pattern, "q1"), soci::use(q.pattern, "q2"),
       soci::use(has_role, "has_role"), soci::use(q.role, "role"), soci::use(has_region, "has_region"),
       soci::use(q.region, "region"), soci::use(has_active, "has_active"), soci::use(active, "active"),
       soci::use(limit, "limit"), soci::use(offset, "offset"));
  for (const auto& r : rs) out.push_back(user_from_row(r).user);
  for (auto& u : out) u.grants = load_grants(sql, u.id);
  return out;
}

void insert_session(soci::session& sql, const Session& s, const std::string& csrf_token) {
  long long user_id = s.user_id, created = s.created_at, seen = s.last_seen_at, expires = s.expires_at;
  sql << kInsertSession, soci::use(s.id_hash, "id_hash"), soci::use(user_id, "user_id"), soci::use(csrf_token, "csrf"),
      soci::use(created, "created"), soci::use(seen, "seen"), soci::use(expires, "expires"), soci::use(s.ip, "ip"),
      soci::use(s.user_agent, "ua");
}

std::optional<SessionRow> find_session(soci::session& sql, const std::string& id_hash) {
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kSessionColumns) + kSessionByHash, soci::use(id_hash, "id_hash"));
  for (const auto& r : rs) return SessionRow{session_from_row(r), get_text(r, 7)};
  return std::nullopt;
}

void touch_session(soci::session& sql, const std::string& id_hash, std::int64_t now, const std::string& ip) {
  long long lnow = now;
  sql << kTouchSession, soci::use(lnow, "now"), soci::use(ip, "ip"), soci::use(id_hash, "id_hash");
}

long long delete_session(soci::session& sql, const std::string& id_hash) {
  soci::statement st = (sql.prepare << kDeleteSession, soci::use(id_hash, "id_hash"));
  return affected(st);
}

long long delete_user_sessions(soci::session& sql, std::int64_t user_id, const std::string& keep_hash) {
  long long lid = user_id;
  soci::statement st = (sql.prepare << kDeleteUserSessions, soci::use(lid, "user_id"), soci::use(keep_hash, "keep"));
  return affected(st);
}

std::vector<Session> list_user_sessions(soci::session& sql, std::int64_t user_id) {
  long long lid = user_id;
  std::vector<Session> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kSessionColumns) + kSessionsOfUser, soci::use(lid, "user_id"));
  for (const auto& r : rs) out.push_back(session_from_row(r));
  return out;
}

void insert_invite(soci::session& sql, const Invite& i, const std::string& token_hash) {
  long long id = i.id, by = i.invited_by, created = i.created_at, expires = i.expires_at;
  const std::string role = to_string(i.role), kind = to_string(i.scope.kind);
  sql << kInsertInvite, soci::use(id, "id"), soci::use(token_hash, "hash"), soci::use(i.email, "email"),
      soci::use(i.name, "name"), soci::use(role, "role"), soci::use(kind, "kind"), soci::use(i.scope.ref, "ref"),
      soci::use(by, "by"), soci::use(created, "created"), soci::use(expires, "expires");
}

std::optional<Invite> find_invite(soci::session& sql, const std::string& token_hash) {
  soci::rowset<soci::row> rs = (sql.prepare << kInviteByHash, soci::use(token_hash, "hash"));
  for (const auto& r : rs) {
    Invite i;
    i.id = get_int64(r, 0);
    i.email = get_text(r, 1);
    i.name = get_text(r, 2);
    i.role = role_of(get_text(r, 3));
    i.scope = scope_of(get_text(r, 4), get_text(r, 5));
    i.invited_by = get_int64(r, 6);
    i.created_at = get_int64(r, 7);
    i.expires_at = get_int64(r, 8);
    i.used_at = nullable_int(r, 9);
    return i;
  }
  return std::nullopt;
}

long long mark_invite_used(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long lid = id, lnow = now;
  soci::statement st = (sql.prepare << kUseInvite, soci::use(lnow, "now"), soci::use(lid, "id"));
  return affected(st);
}

void insert_reset(soci::session& sql, const std::string& token_hash, std::int64_t user_id, std::int64_t now,
                  std::int64_t expires_at) {
  long long lid = user_id, lnow = now, lexp = expires_at;
  sql << kInsertReset, soci::use(token_hash, "hash"), soci::use(lid, "user_id"), soci::use(lnow, "created"),
      soci::use(lexp, "expires");
}

std::optional<ResetRow> find_reset(soci::session& sql, const std::string& token_hash) {
  soci::rowset<soci::row> rs = (sql.prepare << kResetByHash, soci::use(token_hash, "hash"));
  for (const auto& r : rs) return ResetRow{get_int64(r, 0), get_int64(r, 1), r.get_indicator(2) != soci::i_null};
  return std::nullopt;
}

long long use_reset(soci::session& sql, const std::string& token_hash, std::int64_t now) {
  long long lnow = now;
  soci::statement st = (sql.prepare << kUseReset, soci::use(lnow, "now"), soci::use(token_hash, "hash"));
  return affected(st);
}

long long use_user_resets(soci::session& sql, std::int64_t user_id, std::int64_t now) {
  long long lid = user_id, lnow = now;
  soci::statement st = (sql.prepare << kUseUserResets, soci::use(lnow, "now"), soci::use(lid, "user_id"));
  return affected(st);
}

void insert_token(soci::session& sql, const ApiToken& t, const std::string& token_hash) {
  long long id = t.id, by = t.created_by, created = t.created_at;
  const std::string role = to_string(t.role), kind = to_string(t.scope.kind);
  sql << kInsertToken, soci::use(id, "id"), soci::use(token_hash, "hash"), soci::use(t.name, "name"),
      soci::use(role, "role"), soci::use(kind, "kind"), soci::use(t.scope.ref, "ref"), soci::use(by, "by"),
      soci::use(created, "created");
}

std::optional<ApiToken> find_token_by_hash(soci::session& sql, const std::string& token_hash) {
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kTokenColumns) + kTokenByHash, soci::use(token_hash, "hash"));
  for (const auto& r : rs) return token_from_row(r);
  return std::nullopt;
}

std::optional<ApiToken> find_token(soci::session& sql, std::int64_t id) {
  long long lid = id;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kTokenColumns) + kTokenById, soci::use(lid, "id"));
  for (const auto& r : rs) return token_from_row(r);
  return std::nullopt;
}

void touch_token(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long lid = id, lnow = now;
  sql << kTouchToken, soci::use(lnow, "now"), soci::use(lid, "id");
}

long long revoke_token(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long lid = id, lnow = now;
  soci::statement st = (sql.prepare << kRevokeToken, soci::use(lnow, "now"), soci::use(lid, "id"));
  return affected(st);
}

std::vector<ApiToken> list_tokens(soci::session& sql) {
  std::vector<ApiToken> out;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kTokenColumns) + kTokensNewestFirst);
  for (const auto& r : rs) out.push_back(token_from_row(r));
  return out;
}

void insert_mail(soci::session& sql, const MailMessage& m) {
  long long id = m.id, created = m.created_at;
  sql << kInsertMail, soci::use(id, "id"), soci::use(m.to_email, "to"), soci::use(m.subject, "subject"),
      soci::use(m.body_text, "body"), soci::use(m.kind, "kind"), soci::use(created, "created");
}

std::vector<MailMessage> list_mail(soci::session& sql, int limit) {
  std::vector<MailMessage> out;
  soci::rowset<soci::row> rs = (sql.prepare << kListMail, soci::use(limit, "limit"));
  for (const auto& r : rs) {
    MailMessage m;
    m.id = get_int64(r, 0);
    m.to_email = get_text(r, 1);
    m.subject = get_text(r, 2);
    m.body_text = get_text(r, 3);
    m.kind = get_text(r, 4);
    m.created_at = get_int64(r, 5);
    m.sent_at = nullable_int(r, 6);
    m.status = get_text(r, 7);
    m.attempts = static_cast<int>(get_int64(r, 8));
    m.next_attempt_at = get_int64(r, 9);
    m.last_error = get_text(r, 10);
    out.push_back(std::move(m));
  }
  return out;
}

std::optional<RateWindow> read_rate(soci::session& sql, const std::string& bucket) {
  soci::rowset<soci::row> rs = (sql.prepare << kSelectRate, soci::use(bucket, "bucket"));
  for (const auto& r : rs) return RateWindow{get_int64(r, 0), get_int64(r, 1)};
  return std::nullopt;
}

std::optional<RateWindow> lock_rate(soci::session& sql, const std::string& bucket) {
  long long start = 0, count = 0;
  sql << kLockRate, soci::use(bucket, "bucket"), soci::into(start), soci::into(count);
  if (!sql.got_data()) return std::nullopt;
  return RateWindow{start, count};
}

bool write_rate(soci::session& sql, const std::string& bucket, bool existed, const RateWindow& w) {
  long long start = w.window_start, count = w.count;
  if (existed) {
    sql << kUpdateRate, soci::use(start, "start"), soci::use(count, "count"), soci::use(bucket, "bucket");
    return true;
  }
  soci::statement st =
      (sql.prepare << kInsertRate, soci::use(bucket, "bucket"), soci::use(start, "start"), soci::use(count, "count"));
  return affected(st) == 1;
}

void delete_rate(soci::session& sql, const std::string& bucket) { sql << kDeleteRate, soci::use(bucket, "bucket"); }

}  // namespace lumbung::auth::store_sql
