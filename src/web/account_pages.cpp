// Log in and out, forgotten passwords, invitations, and the user's own account.
#include <cmath>

#include "auth/auth_service.hpp"
#include "web/format.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

std::string user_agent(const http::Request& req) { return std::string(req.header("User-Agent").substr(0, 300)); }

http::Response with_session_cookie(const Site& site, http::Response r, const std::string& raw_id) {
  r.header("Set-Cookie", http::set_cookie_value(kSessionCookie, raw_id,
                                                static_cast<int>(site.accounts.options().session_absolute_seconds),
                                                true, site.config.secure_cookies));
  r.cacheable = false;
  return r;
}

// The user-facing sentence for a login/reset failure.
std::string auth_failure(const Site& site, const std::string& lang, const Error& e) {
  switch (e.code()) {
    case ErrorCode::too_many: {
      auto seconds = auth::retry_after_seconds(e).value_or(60);
      auto minutes = std::max<std::int64_t>(1, (seconds + 59) / 60);
      return fill(site.catalog.text(lang, "akun.too_many"), {{"minutes", std::to_string(minutes)}});
    }
    case ErrorCode::forbidden: return site.catalog.text(lang, "akun.login_inactive");
    case ErrorCode::unauthenticated: return site.catalog.text(lang, "akun.login_failed");
    default: return site.catalog.text(lang, "error.503.body");
  }
}

std::vector<FieldSpec> login_fields(const std::string& email) {
  return {{"email", "akun.email", "email", email, "username", "", true},
          {"password", "akun.password", "password", "", "current-password", "", true}};
}

std::vector<FieldSpec> new_password_fields() {
  return {{"password", "akun.password_new", "password", "", "new-password", "akun.password_hint", true},
          {"password_again", "akun.password_again", "password", "", "new-password", "", true}};
}

// invalid {"password_again", ...} when the two new passwords differ.
std::optional<Error> mismatch(const http::Params& form) {
  if (form.get_or("password", "") == form.get_or("password_again", "")) return std::nullopt;
  return Error(ErrorCode::invalid, "password: the two differ", {{"password_again", "akun.password_mismatch"}});
}

}  // namespace

http::Response get_login(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto next = req.query.get_or("next", "/akun");
  if (!is_local_path(next)) next = "/akun";
  if (visitor(ctx).user) return http::Response::redirect(next, 303);
  nlohmann::json model = {{"title_key", "akun.login_title"},
                          {"next", next},
                          {"fields", form_fields(site, lang_of(ctx), login_fields(""), std::nullopt)}};
  if (req.query.has("keluar")) model["notice"] = site.catalog.text(lang_of(ctx), "akun.logged_out");
  if (req.query.has("sandi")) model["notice"] = site.catalog.text(lang_of(ctx), "akun.reset_done");
  return render_page(site, req, ctx, "akun/masuk", std::move(model));
}

http::Response post_login(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto email = form->get_or("email", "");
  auto next = form->get_or("next", "/akun");
  if (!is_local_path(next)) next = "/akun";
  auto session = site.accounts.login(email, form->get_or("password", ""), req.remote_ip, user_agent(req));
  if (session.ok()) return with_session_cookie(site, http::Response::redirect(next, 303), session->raw_id);
  const auto& lang = lang_of(ctx);
  nlohmann::json model = {{"title_key", "akun.login_title"},
                          {"next", next},
                          {"alert", auth_failure(site, lang, session.error())},
                          {"fields", form_fields(site, lang, login_fields(email), std::nullopt)}};
  unsigned status = session.error().code() == ErrorCode::too_many ? 429 : 401;
  auto r = render_page(site, req, ctx, "akun/masuk", std::move(model), status);
  if (auto after = auth::retry_after_seconds(session.error())) r.header("Retry-After", std::to_string(*after));
  return r;
}

http::Response post_logout(const Site& site, const http::Request& req, http::RequestContext&) {
  if (auto s = site.accounts.logout(req.cookie(kSessionCookie)); !s) site.log->warn("logout: {}", s.error().message());
  auto r = http::Response::redirect("/masuk?keluar=1", 303);
  r.header("Set-Cookie", http::set_cookie_value(kSessionCookie, "", 0, true, site.config.secure_cookies));
  r.cacheable = false;
  return r;
}

http::Response get_forgot(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  nlohmann::json model = {
      {"title_key", "akun.forgot_title"},
      {"fields", form_fields(site, lang_of(ctx), {{"email", "akun.email", "email", "", "email", "", true}}, std::nullopt)}};
  return render_page(site, req, ctx, "akun/lupa", std::move(model));
}

http::Response post_forgot(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto& lang = lang_of(ctx);
  auto email = form->get_or("email", "");
  auto result = site.accounts.request_password_reset(email, req.remote_ip);
  nlohmann::json model = {{"title_key", "akun.forgot_title"}};
  unsigned status = 200;
  if (result.ok()) {
    // The same answer whether or not the account exists.
    model["sent"] = true;
    model["notice"] = site.catalog.text(lang, "akun.forgot_sent");
  } else if (result.error().code() == ErrorCode::invalid) {
    model["fields"] = form_fields(site, lang, {{"email", "akun.email", "email", email, "email", "", true}}, result.error());
    model["alert"] = site.catalog.text(lang, "form.has_errors");
    status = 400;
  } else {
    model["fields"] = form_fields(site, lang, {{"email", "akun.email", "email", email, "email", "", true}}, std::nullopt);
    model["alert"] = auth_failure(site, lang, result.error());
    status = result.error().code() == ErrorCode::too_many ? 429 : 503;
  }
  return render_page(site, req, ctx, "akun/lupa", std::move(model), status);
}

http::Response get_reset(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  // The token is only checked when used; the form is the same either way.
  nlohmann::json model = {{"title_key", "akun.reset_title"},
                          {"valid", true},
                          {"token", req.path_params.at("token")},
                          {"fields", form_fields(site, lang_of(ctx), new_password_fields(), std::nullopt)}};
  return render_page(site, req, ctx, "akun/atur_ulang", std::move(model));
}

http::Response post_reset(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto& lang = lang_of(ctx);
  const auto& token = req.path_params.at("token");
  std::optional<Error> error = mismatch(*form);
  if (!error) {
    auto s = site.accounts.reset_password(token, form->get_or("password", ""), req.remote_ip);
    if (s.ok()) return http::Response::redirect("/masuk?sandi=1", 303);
    error = s.error();
  }
  nlohmann::json model = {{"title_key", "akun.reset_title"}, {"token", token}};
  unsigned status = 400;
  if (error->code() == ErrorCode::invalid) {
    model["valid"] = true;
    model["alert"] = site.catalog.text(lang, "form.has_errors");
    model["fields"] = form_fields(site, lang, new_password_fields(), error);
  } else {
    model["valid"] = false;
    model["alert"] = site.catalog.text(lang, "akun.reset_invalid");
    status = 404;
  }
  return render_page(site, req, ctx, "akun/atur_ulang", std::move(model), status);
}

namespace {
http::Response invite_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                           const std::optional<Error>& error) {
  const auto& lang = lang_of(ctx);
  const auto& token = req.path_params.at("token");
  auto invite = site.accounts.find_invite(token);
  nlohmann::json model = {{"title_key", "akun.invite_title"}};
  if (!invite) {
    model["alert"] = site.catalog.text(lang, "akun.invite_invalid");
    return render_page(site, req, ctx, "akun/undangan", std::move(model), 404);
  }
  model["invite"] = {{"name", invite->name},
                     {"email", invite->email},
                     {"token", token},
                     {"role_label", role_label(site, lang, invite->role)},
                     {"scope_label", scope_label(site, lang, invite->scope)},
                     {"fields", form_fields(site, lang, new_password_fields(), error)}};
  if (error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  return render_page(site, req, ctx, "akun/undangan", std::move(model), error ? 400 : 200);
}
}  // namespace

http::Response get_invite(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return invite_page(site, req, ctx, std::nullopt);
}

http::Response post_invite(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  if (auto e = mismatch(*form)) return invite_page(site, req, ctx, e);
  auto session = site.accounts.accept_invite(req.path_params.at("token"), form->get_or("password", ""),
                                             req.remote_ip, user_agent(req));
  if (session.ok()) return with_session_cookie(site, http::Response::redirect("/akun", 303), session->raw_id);
  if (session.error().code() == ErrorCode::invalid) return invite_page(site, req, ctx, session.error());
  return invite_page(site, req, ctx, std::nullopt);  // used up meanwhile: the page says so
}

namespace {
http::Response account_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                            const std::optional<Error>& error, const std::string& notice_key) {
  const auto& lang = lang_of(ctx);
  const auto& v = visitor(ctx);
  nlohmann::json grants = nlohmann::json::array();
  for (const auto& g : v.user->grants) grants.push_back(grant_json(site, lang, g));
  nlohmann::json sessions = nlohmann::json::array();
  if (auto list = site.accounts.list_sessions(v.user->id); list.ok())
    for (const auto& s : *list)
      sessions.push_back({{"key", s.id_hash},
                          {"current", s.id_hash == v.session_hash},
                          {"user_agent", short_user_agent(s.user_agent)},
                          {"ip", s.ip},
                          {"created", format_datetime(s.created_at, lang)},
                          {"last_seen", format_datetime(s.last_seen_at, lang)}});
  std::vector<FieldSpec> fields = {{"old_password", "akun.password_old", "password", "", "current-password", "", true}};
  for (auto& f : new_password_fields()) fields.push_back(f);
  nlohmann::json model = {{"title_key", "akun.account_title"},
                          {"account", {{"name", v.user->name}, {"email", v.user->email}, {"grants", grants}}},
                          {"sessions", sessions},
                          {"fields", form_fields(site, lang, fields, error)}};
  if (error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (!notice_key.empty()) model["notice"] = site.catalog.text(lang, notice_key);
  auto r = render_page(site, req, ctx, "akun/akun", std::move(model), error ? 400 : 200);
  r.cacheable = false;
  return r;
}
}  // namespace

http::Response get_account(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  std::string notice;
  if (req.query.has("sandi")) notice = "akun.password_changed";
  if (req.query.has("sesi")) notice = "akun.session_ended";
  return account_page(site, req, ctx, std::nullopt, notice);
}

http::Response post_password(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  if (auto e = mismatch(*form)) return account_page(site, req, ctx, e, "");
  const auto& v = visitor(ctx);
  auto s = site.accounts.change_password(v.user->id, v.session_hash, form->get_or("old_password", ""),
                                         form->get_or("password", ""), req.remote_ip);
  if (s.ok()) return http::Response::redirect("/akun?sandi=1", 303);
  if (s.error().code() == ErrorCode::invalid) return account_page(site, req, ctx, s.error(), "");
  return error_page(site, req, ctx, s.error().code() == ErrorCode::too_many ? 429 : 503);
}

http::Response post_end_session(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& v = visitor(ctx);
  auto s = site.accounts.end_session(v.user->id, req.path_params.at("key"), req.remote_ip);
  if (!s.ok()) return error_page(site, req, ctx, 404);
  return http::Response::redirect("/akun?sesi=1#sesi", 303);
}

}  // namespace lumbung::web
