// AccountService, second half: login, sessions, invite acceptance, passwords
// and the rate limits they share.
#include <algorithm>

#include "auth/auth_service.hpp"
#include "auth/auth_store.hpp"
#include "auth/service_internal.hpp"

namespace lumbung::auth {

namespace sq = store_sql;
using detail::audit;
using detail::clean_header;
using detail::field_error;
using detail::read;
using nlohmann::json;

namespace {

constexpr std::size_t kMaxPasswordBytes = 1024;

Error login_failed() { return field_error(ErrorCode::unauthenticated, "login", "email", "error.login_failed"); }

Error session_invalid(const char* key) { return field_error(ErrorCode::unauthenticated, "session", "session", key); }

// Bucket key for an email as typed when it does not even parse (any bytes:
// hashed so the key is always storable text).
std::string loose_email_key(const std::string& raw) {
  std::string out = raw;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return "#" + sha256_hex(out);
}

Actor actor_for(const User& user, const std::string& ip) { return Actor{user.id, user.email, user.grants, ip}; }

}  // namespace

Status AccountService::hit_rate_limits(soci::session& sql,
                                       const std::vector<std::pair<std::string, RateLimit>>& buckets, std::int64_t now,
                                       const char* operation, const char* field) {
  // One bucket at a time, in the caller's fixed order, each locked (or
  // inserted) before the next is touched: two transactions then always meet
  // at the same first bucket and never deadlock. A refusal returns an error,
  // so transact() rolls back the buckets already counted.
  for (const auto& [bucket, limit] : buckets) {
    bool counted = false;
    for (int round = 0; round < 3 && !counted; ++round) {
      const auto current = sq::lock_rate(sql, bucket);
      const auto d = rate_attempt(current, now, limit);
      if (!d.allowed) {
        return Error(ErrorCode::too_many,
                     std::string(operation) + ": too many attempts (retry_after=" + std::to_string(d.retry_after) + ")",
                     {{field, "error.too_many_attempts"}});
      }
      // false: a concurrent transaction created the row first; lock it and retry.
      counted = sq::write_rate(sql, bucket, current.has_value(), d.next);
    }
    if (!counted) return make_error(ErrorCode::unavailable, std::string(operation) + ": rate limit row keeps changing");
  }
  return {};
}

void AccountService::uncount(soci::session& sql, const std::string& bucket) {
  const auto w = sq::lock_rate(sql, bucket);
  if (w && w->count > 0) (void)sq::write_rate(sql, bucket, true, RateWindow{w->window_start, w->count - 1});
}

Result<NewSession> AccountService::open_session(soci::session& sql, const User& user, const std::string& ip,
                                                const std::string& user_agent, std::int64_t now) {
  NewSession out;
  out.raw_id = random_token();
  out.csrf_token = random_token();
  out.user_id = user.id;
  out.expires_at = now + options_.session_absolute_seconds;
  Session s{sha256_hex(out.raw_id),       user.id, now, now, out.expires_at, clean_header(ip, 64),
            clean_header(user_agent, 512)};
  sq::insert_session(sql, s, out.csrf_token);
  if (auto st =
          audit(sql, actor_for(user, ip), "session.login", "user", std::to_string(user.id), nullptr, nullptr, now);
      !st) {
    return st.error();
  }
  return out;
}

Result<NewSession> AccountService::login(const std::string& email_raw, const std::string& password,
                                         const std::string& ip, const std::string& user_agent) {
  const char* op = "login";
  const auto email = normalize_email(email_raw);
  const std::vector<std::pair<std::string, RateLimit>> buckets = {
      {"login:email:" + (email ? *email : loose_email_key(email_raw)), options_.login_per_account},
      {"login:ip:" + clean_header(ip, 64), options_.login_per_ip}};
  const auto now = clock_.now();
  // 1. Count the attempt first (refused when over the limit), read the account.
  auto found = db_.transact(op, [&](soci::session& sql) -> Result<std::optional<sq::UserRow>> {
    if (auto st = hit_rate_limits(sql, buckets, now, op); !st) return st.error();
    if (!email) return std::optional<sq::UserRow>();
    return sq::find_user_by_email(sql, *email);
  });
  if (!found) return found.error();
  // 2. Check the password outside any transaction (argon2id is slow on purpose).
  const auto& row = *found;
  const bool has_hash = row.has_value() && !row->password_hash.empty();
  const bool sane = !password.empty() && password.size() <= kMaxPasswordBytes;
  const bool match = sane && verify_password(has_hash ? row->password_hash : dummy_hash(), password) && has_hash;
  if (!match) return login_failed();
  if (!row->user.active) return field_error(ErrorCode::forbidden, op, "email", "error.account_inactive");
  std::string rehash;
  if (needs_rehash(row->password_hash, options_.pwhash)) {
    if (auto h = hash_password(password, options_.pwhash)) rehash = *h;
  }
  // 3. Success: take the counted attempt back and open a fresh session.
  return db_.transact(op, [&](soci::session& sql) -> Result<NewSession> {
    auto current = sq::find_user(sql, row->user.id);
    if (!current || !current->user.active) return login_failed();
    sq::delete_rate(sql, buckets[0].first);
    uncount(sql, buckets[1].first);
    if (!rehash.empty()) sq::update_password(sql, current->user.id, rehash, now);
    return open_session(sql, current->user, ip, user_agent, now);
  });
}

Result<SessionAuth> AccountService::authenticate_session(const std::string& raw_session_id, const std::string& ip) {
  const char* op = "authenticate_session";
  if (raw_session_id.empty() || raw_session_id.size() > 128) return session_invalid("error.login_required");
  const std::string hash = sha256_hex(raw_session_id);
  const auto now = clock_.now();
  struct Found {
    std::optional<sq::SessionRow> session;
    std::optional<sq::UserRow> user;
  };
  auto found = read(db_, op, [&](soci::session& sql) -> Result<Found> {
    Found f;
    f.session = sq::find_session(sql, hash);
    if (f.session) f.user = sq::find_user(sql, f.session->session.user_id);
    return f;
  });
  if (!found) return found.error();
  if (!found->session) return session_invalid("error.login_required");
  Session s = found->session->session;
  const bool expired = now >= s.expires_at || now >= s.last_seen_at + options_.session_idle_seconds;
  if (expired || !found->user || !found->user->user.active) {
    auto ended = db_.transact(op, [&](soci::session& sql) -> Status {
      sq::delete_session(sql, hash);
      return {};
    });
    if (!ended) return ended.error();
    return session_invalid(expired ? "error.session_expired" : "error.login_required");
  }
  if (now - s.last_seen_at >= options_.touch_interval_seconds) {
    auto touched = db_.transact(op, [&](soci::session& sql) -> Status {
      sq::touch_session(sql, hash, now, clean_header(ip, 64));
      return {};
    });
    if (!touched) return touched.error();
    s.last_seen_at = now;
    s.ip = clean_header(ip, 64);
  }
  return SessionAuth{found->user->user, s, found->session->csrf_token};
}

Status AccountService::logout(const std::string& raw_session_id) {
  if (raw_session_id.empty()) return {};
  const std::string hash = sha256_hex(raw_session_id);
  const auto now = clock_.now();
  return db_.transact("logout", [&](soci::session& sql) -> Status {
    auto s = sq::find_session(sql, hash);
    if (!s) return {};
    sq::delete_session(sql, hash);
    auto user = sq::find_user(sql, s->session.user_id);
    const Actor actor = user ? actor_for(user->user, s->session.ip) : Actor{s->session.user_id, "", {}, s->session.ip};
    return audit(sql, actor, "session.logout", "user", std::to_string(s->session.user_id), nullptr, nullptr, now);
  });
}

Result<std::vector<Session>> AccountService::list_sessions(std::int64_t user_id) {
  return read(db_, "list_sessions", [&](soci::session& sql) -> Result<std::vector<Session>> {
    auto all = sq::list_user_sessions(sql, user_id);
    const auto now = clock_.now();
    std::erase_if(all, [&](const Session& s) {
      return now >= s.expires_at || now >= s.last_seen_at + options_.session_idle_seconds;
    });
    return all;
  });
}

Status AccountService::end_session(std::int64_t user_id, const std::string& id_hash, const std::string& ip) {
  const char* op = "end_session";
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Status {
    auto s = sq::find_session(sql, id_hash);
    if (!s || s->session.user_id != user_id) return field_error(ErrorCode::not_found, op, "session", "error.not_found");
    sq::delete_session(sql, id_hash);
    auto user = sq::find_user(sql, user_id);
    const Actor actor = user ? actor_for(user->user, ip) : Actor{user_id, "", {}, ip};
    return audit(sql, actor, "session.end", "user", std::to_string(user_id), nullptr, nullptr, now);
  });
}

Result<std::int64_t> AccountService::end_other_sessions(std::int64_t user_id, const std::string& keep_hash,
                                                        const std::string& ip) {
  const auto now = clock_.now();
  return db_.transact("end_other_sessions", [&](soci::session& sql) -> Result<std::int64_t> {
    const auto n = sq::delete_user_sessions(sql, user_id, keep_hash);
    if (n == 0) return std::int64_t{0};
    auto user = sq::find_user(sql, user_id);
    const Actor actor = user ? actor_for(user->user, ip) : Actor{user_id, "", {}, ip};
    if (auto st =
            audit(sql, actor, "session.end_others", "user", std::to_string(user_id), nullptr, json{{"ended", n}}, now);
        !st) {
      return st.error();
    }
    return static_cast<std::int64_t>(n);
  });
}

Result<Invite> AccountService::find_invite(const std::string& raw_token) {
  const char* op = "find_invite";
  const auto now = clock_.now();
  return read(db_, op, [&](soci::session& sql) -> Result<Invite> {
    auto i = raw_token.empty() ? std::nullopt : sq::find_invite(sql, sha256_hex(raw_token));
    if (!i || i->used_at || now >= i->expires_at) {
      return field_error(ErrorCode::not_found, op, "token", "error.invite_invalid");
    }
    return *i;
  });
}

Result<NewSession> AccountService::accept_invite(const std::string& raw_token, const std::string& password,
                                                 const std::string& ip, const std::string& user_agent) {
  const char* op = "accept_invite";
  auto invite = find_invite(raw_token);
  if (!invite) return invite.error();
  if (auto st = check_password_policy(password, invite->email); !st) return st.error();
  auto hash = hash_password(password, options_.pwhash);
  if (!hash) return hash.error();
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Result<NewSession> {
    // Re-check inside the transaction: the link is one-time.
    auto i = sq::find_invite(sql, sha256_hex(raw_token));
    if (!i || i->used_at || now >= i->expires_at || sq::mark_invite_used(sql, i->id, now) != 1) {
      return field_error(ErrorCode::not_found, op, "token", "error.invite_invalid");
    }
    if (sq::find_user_by_email(sql, i->email))
      return field_error(ErrorCode::conflict, op, "email", "error.email_taken");
    auto id = store::next_id(sql, "users");
    if (!id) return id.error();
    User user{*id, i->email, i->name, true, {Grant{i->role, i->scope}}, now, now};
    sq::insert_user(sql, user, *hash);
    const json after = detail::user_json(user);
    if (auto st = audit(sql, actor_for(user, ip), "user.accept_invite", "user", std::to_string(*id), nullptr,
                        json{{"invite_id", i->id}, {"user", after}}, now);
        !st) {
      return st.error();
    }
    return open_session(sql, user, ip, user_agent, now);
  });
}

Status AccountService::change_password(std::int64_t user_id, const std::string& current_session_id_hash,
                                       const std::string& old_password, const std::string& new_password,
                                       const std::string& ip) {
  const char* op = "change_password";
  auto user = get_user(user_id);
  if (!user) return user.error();
  if (auto st = check_password_policy(new_password, user->email); !st) return st.error();
  const auto now = clock_.now();
  const std::vector<std::pair<std::string, RateLimit>> buckets = {
      {"login:email:" + user->email, options_.login_per_account}};
  // Count the attempt like a login, then check the old password.
  auto row = db_.transact(op, [&](soci::session& sql) -> Result<std::optional<sq::UserRow>> {
    if (auto st = hit_rate_limits(sql, buckets, now, op, "old_password"); !st) return st.error();
    return sq::find_user(sql, user_id);
  });
  if (!row) return row.error();
  if (!*row || (*row)->password_hash.empty() || old_password.size() > kMaxPasswordBytes ||
      !verify_password((*row)->password_hash, old_password)) {
    return field_error(ErrorCode::invalid, op, "old_password", "error.password_wrong");
  }
  auto hash = hash_password(new_password, options_.pwhash);
  if (!hash) return hash.error();
  return db_.transact(op, [&](soci::session& sql) -> Status {
    sq::delete_rate(sql, buckets[0].first);
    sq::update_password(sql, user_id, *hash, now);
    const auto ended = sq::delete_user_sessions(sql, user_id, current_session_id_hash);
    return audit(sql, actor_for(user.value(), ip), "user.password_change", "user", std::to_string(user_id), nullptr,
                 json{{"sessions_ended", ended}}, now);
  });
}

Result<std::optional<std::string>> AccountService::request_password_reset(const std::string& email_raw,
                                                                          const std::string& ip) {
  const char* op = "request_password_reset";
  auto email = normalize_email(email_raw);
  if (!email) return email.error();
  const auto now = clock_.now();
  const std::vector<std::pair<std::string, RateLimit>> buckets = {
      {"reset:email:" + *email, options_.reset_per_email}, {"reset:ip:" + clean_header(ip, 64), options_.reset_per_ip}};
  return db_.transact(op, [&](soci::session& sql) -> Result<std::optional<std::string>> {
    if (auto st = hit_rate_limits(sql, buckets, now, op); !st) return st.error();
    auto row = sq::find_user_by_email(sql, *email);
    if (!row || !row->user.active) return std::optional<std::string>();
    std::string raw = random_token();
    sq::insert_reset(sql, sha256_hex(raw), row->user.id, now, now + options_.reset_valid_seconds);
    auto mail_id = store::next_id(sql, "mail_outbox");
    if (!mail_id) return mail_id.error();
    MailMessage m;
    m.id = *mail_id;
    m.to_email = *email;
    m.kind = "password_reset";
    m.created_at = now;
    m.subject = "Atur ulang kata sandi Lumbung Inovasi";
    m.body_text = "Halo " + row->user.name + ",\n\nBuka tautan berikut untuk membuat kata sandi baru; tautan berlaku " +
                  std::to_string(options_.reset_valid_seconds / 60) + " menit dan hanya sekali pakai:\n" +
                  options_.base_url + "/atur-ulang/" + raw +
                  "\n\nAbaikan pesan ini bila Anda tidak memintanya; kata sandi Anda tidak berubah.\n";
    sq::insert_mail(sql, m);
    Actor actor{0, "system", {}, ip};
    if (auto st = audit(sql, actor, "user.password_reset_request", "user", std::to_string(row->user.id), nullptr,
                        nullptr, now);
        !st) {
      return st.error();
    }
    return std::optional<std::string>(std::move(raw));
  });
}

Status AccountService::reset_password(const std::string& raw_token, const std::string& new_password,
                                      const std::string& ip) {
  const char* op = "reset_password";
  const auto invalid = [&] { return field_error(ErrorCode::not_found, op, "token", "error.reset_invalid"); };
  if (raw_token.empty()) return invalid();
  const std::string token_hash = sha256_hex(raw_token);
  const auto now = clock_.now();
  auto user = read(db_, op, [&](soci::session& sql) -> Result<User> {
    auto r = sq::find_reset(sql, token_hash);
    if (!r || r->used || now >= r->expires_at) return invalid();
    auto u = sq::find_user(sql, r->user_id);
    if (!u || !u->user.active) return invalid();
    return u->user;
  });
  if (!user) return user.error();
  if (auto st = check_password_policy(new_password, user->email); !st) return st.error();
  auto hash = hash_password(new_password, options_.pwhash);
  if (!hash) return hash.error();
  return db_.transact(op, [&](soci::session& sql) -> Status {
    auto r = sq::find_reset(sql, token_hash);
    if (!r || r->used || now >= r->expires_at || sq::use_reset(sql, token_hash, now) != 1) return invalid();
    sq::use_user_resets(sql, r->user_id, now);
    sq::update_password(sql, r->user_id, *hash, now);
    const auto ended = sq::delete_user_sessions(sql, r->user_id, "");
    return audit(sql, actor_for(user.value(), ip), "user.password_reset", "user", std::to_string(r->user_id), nullptr,
                 json{{"sessions_ended", ended}}, now);
  });
}

}  // namespace lumbung::auth
