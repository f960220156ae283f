// AccountService, first half: users, grants, invites, API tokens, lists.
// (Login, sessions and passwords: auth_service_sessions.cpp.)
#include "auth/auth_service.hpp"

#include <algorithm>

#include "auth/auth_store.hpp"
#include "auth/service_internal.hpp"

namespace lumbung::auth {

namespace sq = store_sql;
using detail::audit;
using detail::field_error;
using detail::read;
using detail::user_json;
using nlohmann::json;

namespace {

constexpr const char* kTokenPrefix = "lbg_";

bool is_admin(const std::vector<Grant>& grants) {
  return std::any_of(grants.begin(), grants.end(), [](const Grant& g) { return g.role == Role::admin; });
}

// May `actor` change `target`'s account? Admins may; others only when every
// grant the target holds is one they could grant (no grants: admins only).
bool may_manage(const Actor& actor, const User& target, const RegionOf& region_of) {
  if (is_admin(actor.grants)) return true;
  if (target.grants.empty()) return false;
  return std::all_of(target.grants.begin(), target.grants.end(),
                     [&](const Grant& g) { return can_grant(actor.grants, g.role, g.scope, region_of); });
}

Error forbidden(const std::string& operation) {
  return Error(ErrorCode::forbidden, operation + ": not allowed for this actor (error.forbidden)",
               {{"", "error.forbidden"}});
}

Error email_taken(const std::string& operation) {
  return field_error(ErrorCode::conflict, operation, "email", "error.email_taken");
}

Error last_admin(const std::string& operation, const std::string& field) {
  return field_error(ErrorCode::conflict, operation, field, "error.last_admin");
}

std::vector<Grant> dedupe(const std::vector<Grant>& grants) {
  std::vector<Grant> out;
  for (const auto& g : grants) {
    if (std::find(out.begin(), out.end(), g) == out.end()) out.push_back(g);
  }
  return out;
}

Status validate_grants(const std::vector<Grant>& grants, const char* operation) {
  for (const auto& g : grants) {
    if (auto st = validate_grant(g); !st) {
      return Error(ErrorCode::invalid, std::string(operation) + ": " + st.error().message(), st.error().fields());
    }
  }
  return {};
}

// Escapes LIKE wildcards with '!' (the ESCAPE character of the query).
std::string like_pattern(const std::string& query) {
  std::string out = "%";
  for (char c : query) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out + "%";
}

}  // namespace

AccountService::AccountService(store::Database& db, const Clock& clock, AccountOptions options)
    : db_(db), clock_(clock), options_(std::move(options)) {
  init_sodium();
}

const std::string& AccountService::dummy_hash() {
  std::call_once(dummy_once_, [this] {
    auto h = hash_password("lumbung-dummy-password-for-timing", options_.pwhash);
    if (h) dummy_hash_ = *h;
  });
  return dummy_hash_;
}

Result<CreatedUser> AccountService::create_user(const std::string& email_raw, const std::string& name_raw,
                                                const std::vector<Grant>& grants_raw, const std::string& password,
                                                const Actor& actor, const RegionOf& region_of) {
  const char* op = "create_user";
  auto email = normalize_email(email_raw);
  auto name = normalize_name(name_raw);
  CreatedUser out;
  out.generated_password = password.empty() ? random_base64url(15) : std::string();
  const std::string& pw = password.empty() ? out.generated_password : password;
  Status policy = email ? check_password_policy(pw, *email) : Status();
  auto fields = detail::fields_of(
      {email ? nullptr : &email.error(), name ? nullptr : &name.error(), policy ? nullptr : &policy.error()});
  if (!fields.empty()) return Error(ErrorCode::invalid, std::string(op) + ": invalid input", fields);
  const auto grants = dedupe(grants_raw);
  if (auto st = validate_grants(grants, op); !st) return st.error();
  for (const auto& g : grants) {
    if (!can_grant(actor.grants, g.role, g.scope, region_of)) return forbidden(op);
  }
  auto hash = hash_password(pw, options_.pwhash);
  if (!hash) return hash.error();
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Result<CreatedUser> {
    if (sq::find_user_by_email(sql, *email)) return email_taken(op);
    auto id = store::next_id(sql, "users");
    if (!id) return id.error();
    out.user = User{*id, *email, *name, true, grants, now, now};
    sq::insert_user(sql, out.user, *hash);
    if (auto st = audit(sql, actor, "user.create", "user", std::to_string(*id), nullptr, user_json(out.user), now);
        !st) {
      return st.error();
    }
    return out;
  });
}

Result<User> AccountService::get_user(std::int64_t id) {
  return read(db_, "get_user", [&](soci::session& sql) -> Result<User> {
    auto row = sq::find_user(sql, id);
    if (!row) return field_error(ErrorCode::not_found, "get_user", "user", "error.not_found");
    return row->user;
  });
}

Result<std::vector<User>> AccountService::list_users(const UserFilter& f) {
  sq::UserQuery q;
  q.pattern = f.query.empty() ? std::string() : like_pattern(f.query);
  q.role = f.role ? to_string(*f.role) : "";
  q.region = f.region;
  q.active = f.active ? (*f.active ? 1 : 0) : -1;
  q.limit = std::clamp(f.limit, 1, 500);
  q.offset = std::max(f.offset, 0);
  return read(db_, "list_users",
              [&](soci::session& sql) -> Result<std::vector<User>> { return sq::list_users(sql, q); });
}

Status AccountService::set_active(const Actor& actor, std::int64_t user_id, bool active, const RegionOf& region_of) {
  const char* op = "set_active";
  if (actor.user_id != 0 && actor.user_id == user_id) {
    return field_error(ErrorCode::forbidden, op, "active", "error.self_deactivate");
  }
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Status {
    auto row = sq::find_user(sql, user_id);
    if (!row) return field_error(ErrorCode::not_found, op, "user", "error.not_found");
    if (!may_manage(actor, row->user, region_of)) return forbidden(op);
    if (row->user.active == active) return {};
    const json before = user_json(row->user);
    sq::update_active(sql, user_id, active, now);
    if (!active) {
      sq::delete_user_sessions(sql, user_id, "");
      if (is_admin(row->user.grants) && sq::count_active_admins(sql) == 0) return last_admin(op, "active");
    }
    row->user.active = active;
    return audit(sql, actor, active ? "user.activate" : "user.deactivate", "user", std::to_string(user_id), before,
                 user_json(row->user), now);
  });
}

Result<User> AccountService::set_grants(const Actor& actor, std::int64_t user_id, const std::vector<Grant>& raw,
                                        const RegionOf& region_of) {
  const char* op = "set_grants";
  const auto grants = dedupe(raw);
  if (auto st = validate_grants(grants, op); !st) return st.error();
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Result<User> {
    auto row = sq::find_user(sql, user_id);
    if (!row) return field_error(ErrorCode::not_found, op, "user", "error.not_found");
    const auto& old = row->user.grants;
    const auto changed_ok = [&](const Grant& g) { return can_grant(actor.grants, g.role, g.scope, region_of); };
    for (const auto& g : grants) {
      if (std::find(old.begin(), old.end(), g) == old.end() && !changed_ok(g)) return forbidden(op);
    }
    for (const auto& g : old) {
      if (std::find(grants.begin(), grants.end(), g) == grants.end() && !changed_ok(g)) return forbidden(op);
    }
    const json before = user_json(row->user);
    sq::replace_grants(sql, user_id, grants);
    if (is_admin(old) && !is_admin(grants) && sq::count_active_admins(sql) == 0) return last_admin(op, "grants");
    row->user.grants = sq::load_grants(sql, user_id);
    if (auto st =
            audit(sql, actor, "user.set_grants", "user", std::to_string(user_id), before, user_json(row->user), now);
        !st) {
      return st.error();
    }
    return row->user;
  });
}

Result<CreatedInvite> AccountService::invite(const Actor& actor, const std::string& email_raw,
                                             const std::string& name_raw, Role role, const Scope& scope,
                                             const RegionOf& region_of) {
  const char* op = "invite";
  auto email = normalize_email(email_raw);
  auto name = normalize_name(name_raw);
  Status grant_ok = validate_grant(Grant{role, scope});
  auto fields = detail::fields_of(
      {email ? nullptr : &email.error(), name ? nullptr : &name.error(), grant_ok ? nullptr : &grant_ok.error()});
  if (!fields.empty()) return Error(ErrorCode::invalid, std::string(op) + ": invalid input", fields);
  if (!can_grant(actor.grants, role, scope, region_of)) return forbidden(op);
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Result<CreatedInvite> {
    if (sq::find_user_by_email(sql, *email)) return email_taken(op);
    auto id = store::next_id(sql, "invites");
    if (!id) return id.error();
    CreatedInvite out;
    out.raw_token = random_token();
    out.invite = Invite{*id, *email, *name, role, scope, actor.user_id, now, now + options_.invite_valid_seconds, {}};
    sq::insert_invite(sql, out.invite, sha256_hex(out.raw_token));
    auto mail_id = store::next_id(sql, "mail_outbox");
    if (!mail_id) return mail_id.error();
    MailMessage m;
    m.id = *mail_id;
    m.to_email = *email;
    m.kind = "invite";
    m.created_at = now;
    m.subject = "Undangan bergabung di Lumbung Inovasi";
    m.body_text = "Halo " + *name + ",\n\nAnda diundang bergabung di Lumbung Inovasi sebagai " + to_string(role) +
                  " (" + format_scope(scope) + ").\nBuka tautan berikut untuk membuat kata sandi; tautan berlaku " +
                  std::to_string(options_.invite_valid_seconds / 86400) + " hari dan hanya sekali pakai:\n" +
                  options_.base_url + "/undangan/" + out.raw_token + "\n";
    sq::insert_mail(sql, m);
    const json after = {{"email", *email},
                        {"name", *name},
                        {"role", to_string(role)},
                        {"scope", format_scope(scope)},
                        {"expires_at", out.invite.expires_at}};
    if (auto st = audit(sql, actor, "user.invite", "invite", std::to_string(*id), nullptr, after, now); !st) {
      return st.error();
    }
    return out;
  });
}

Result<CreatedToken> AccountService::create_token(const Actor& actor, const std::string& name_raw, Role role,
                                                  const Scope& scope, const RegionOf& region_of) {
  const char* op = "create_token";
  auto name = normalize_name(name_raw);
  Status grant_ok = validate_grant(Grant{role, scope});
  auto fields = detail::fields_of({name ? nullptr : &name.error(), grant_ok ? nullptr : &grant_ok.error()});
  if (!fields.empty()) return Error(ErrorCode::invalid, std::string(op) + ": invalid input", fields);
  if (!can_grant(actor.grants, role, scope, region_of)) return forbidden(op);
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Result<CreatedToken> {
    auto id = store::next_id(sql, "api_tokens");
    if (!id) return id.error();
    CreatedToken out;
    out.raw = kTokenPrefix + random_token();
    out.token = ApiToken{*id, *name, role, scope, actor.user_id, now, std::nullopt, std::nullopt};
    sq::insert_token(sql, out.token, sha256_hex(out.raw));
    const json after = {{"name", *name}, {"role", to_string(role)}, {"scope", format_scope(scope)}};
    if (auto st = audit(sql, actor, "api_token.create", "api_token", std::to_string(*id), nullptr, after, now); !st) {
      return st.error();
    }
    return out;
  });
}

Result<ApiToken> AccountService::authenticate_token(const std::string& raw, const std::string& ip) {
  const char* op = "authenticate_token";
  const auto now = clock_.now();
  const std::string bucket = "token:ip:" + detail::clean_header(ip, 64);
  const auto unauthenticated = [&] {
    return field_error(ErrorCode::unauthenticated, op, "token", "error.token_invalid");
  };
  auto found = read(db_, op, [&](soci::session& sql) -> Result<std::optional<ApiToken>> {
    const auto window = sq::read_rate(sql, bucket);
    const auto d = rate_attempt(window, now, options_.token_failures_per_ip);
    if (!d.allowed) {
      return Error(ErrorCode::too_many,
                   std::string(op) + ": too many failures (retry_after=" + std::to_string(d.retry_after) + ")",
                   {{"token", "error.too_many_attempts"}});
    }
    if (raw.rfind(kTokenPrefix, 0) != 0) return std::optional<ApiToken>();
    return sq::find_token_by_hash(sql, sha256_hex(raw));
  });
  if (!found) return found.error();
  if (!*found || (*found)->revoked_at) {
    auto counted = db_.transact(op, [&](soci::session& sql) {
      return hit_rate_limits(sql, {{bucket, options_.token_failures_per_ip}}, now, op, "token");
    });
    if (!counted) return counted.error();
    return unauthenticated();
  }
  ApiToken token = **found;
  if (!token.last_used_at || now - *token.last_used_at >= options_.touch_interval_seconds) {
    auto touched = db_.transact(op, [&](soci::session& sql) -> Status {
      sq::touch_token(sql, token.id, now);
      return {};
    });
    if (!touched) return touched.error();
    token.last_used_at = now;
  }
  return token;
}

Status AccountService::revoke_token(const Actor& actor, std::int64_t id) {
  const char* op = "revoke_token";
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Status {
    auto token = sq::find_token(sql, id);
    if (!token) return field_error(ErrorCode::not_found, op, "token", "error.not_found");
    const bool creator = actor.user_id != 0 && token->created_by == actor.user_id;
    if (!is_admin(actor.grants) && !creator) return forbidden(op);
    if (sq::revoke_token(sql, id, now) == 0) return {};
    const json before = {
        {"name", token->name}, {"role", to_string(token->role)}, {"scope", format_scope(token->scope)}};
    json after = before;
    after["revoked_at"] = now;
    return audit(sql, actor, "api_token.revoke", "api_token", std::to_string(id), before, after, now);
  });
}

Result<std::vector<ApiToken>> AccountService::list_tokens() {
  return read(db_, "list_tokens",
              [&](soci::session& sql) -> Result<std::vector<ApiToken>> { return sq::list_tokens(sql); });
}

Result<std::vector<MailMessage>> AccountService::list_mail_outbox(int limit) {
  const int n = std::clamp(limit, 1, 500);
  return read(db_, "list_mail_outbox",
              [&](soci::session& sql) -> Result<std::vector<MailMessage>> { return sq::list_mail(sql, n); });
}

Result<std::vector<AuditRecord>> AccountService::list_audit(const AuditFilter& filter) {
  return read(db_, "list_audit", [&](soci::session& sql) { return auth::list_audit(sql, filter); });
}

bool csrf_matches(const std::string& expected, const std::string& given) { return secrets_equal(expected, given); }

}  // namespace lumbung::auth
