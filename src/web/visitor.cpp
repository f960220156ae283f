#include "web/visitor.hpp"

#include "auth/auth_service.hpp"
#include "auth/secrets.hpp"
#include "web/url.hpp"

namespace lumbung::web {

namespace {

bool is_safe_method(boost::beast::http::verb m) {
  return m == boost::beast::http::verb::get || m == boost::beast::http::verb::head;
}

// The CSRF token a request carries: the X-CSRF-Token header, or the _csrf form field.
std::string submitted_csrf(const http::Request& req) {
  if (auto h = req.header("X-CSRF-Token"); !h.empty()) return std::string(h);
  auto type = req.header("Content-Type");
  if (type.rfind("application/x-www-form-urlencoded", 0) == 0) {
    if (auto form = req.form(); form.ok()) return form->get_or(kCsrfField, "");
  } else if (type.rfind("multipart/form-data", 0) == 0) {
    if (auto parts = req.multipart(); parts.ok())
      for (const auto& p : *parts)
        if (p.name == kCsrfField) return p.data;
  }
  return {};
}

}  // namespace

Visitor& visitor(http::RequestContext& ctx) { return ctx.get<Visitor>(); }

auth::Actor actor_of(const http::Request& req, http::RequestContext& ctx) {
  const auto& v = visitor(ctx);
  if (!v.user) return auth::Actor{0, "anonymous", {}, req.remote_ip};
  return auth::Actor::of(*v.user, req.remote_ip);
}

std::vector<auth::Grant> grants_of(const Visitor& v) {
  if (v.user) return v.user->grants;
  if (v.token) return {auth::Grant{v.token->role, v.token->scope}};
  return {};
}

bool has_role(const Visitor& v, auth::Role role) {
  for (const auto& g : grants_of(v))
    if (g.role == role || g.role == auth::Role::admin) return true;
  return false;
}


http::Middleware session_middleware(const Site& site) {
  return [&site](const http::Request& req, http::RequestContext& ctx, const http::Handler& next) {
    auto& v = visitor(ctx);
    if (auto authz = req.header("Authorization"); authz.rfind("Bearer ", 0) == 0) {
      auto token = site.accounts.authenticate_token(std::string(authz.substr(7)), req.remote_ip);
      if (!token) {
        if (token.error().code() == ErrorCode::too_many) {
          auto r = http::Response::problem(429, "Too Many Requests", "too many failed token attempts; try again later");
          r.header("Retry-After", std::to_string(auth::retry_after_seconds(token.error()).value_or(60)));
          return r;
        }
        if (token.error().code() == ErrorCode::unauthenticated) {
          auto r = http::Response::problem(401, "Unauthorized", "the API token is unknown or revoked");
          r.header("WWW-Authenticate", "Bearer");
          return r;
        }
        return http::Response::problem(503, "Service Unavailable", "the token could not be checked; try again");
      }
      v.token = *token;
      // A token request carries no cookies, so there is nothing to forge: no CSRF check.
      return next(req, ctx);
    }
    if (auto sid = req.cookie(kSessionCookie); !sid.empty()) {
      auto auth = site.accounts.authenticate_session(sid, req.remote_ip);
      if (auth.ok()) {
        v.user = auth->user;
        v.session_hash = auth->session.id_hash;
        v.csrf = auth->csrf_token;
      }
    }
    if (!v.user) {
      v.csrf = req.cookie(kCsrfCookie);
      if (v.csrf.size() < 32) {
        v.csrf = auth::random_token();
        v.issue_csrf_cookie = true;
      }
    }
    // Only real handlers need the token; a 404 or 405 changes nothing anyway.
    const bool routed = ctx.route_name != "not_found" && ctx.route_name != "method_not_allowed";
    const bool api = req.path.rfind("/api/", 0) == 0;
    // An API call without cookies has no session to ride on: nothing to forge
    // (and the API takes only JSON, which a cross-site form cannot send).
    const bool cookieless_api = api && req.header("Cookie").empty();
    if (routed && !cookieless_api && !is_safe_method(req.method) && !auth::csrf_matches(v.csrf, submitted_csrf(req))) {
      if (api) return http::Response::problem(403, "Forbidden", "missing or wrong CSRF token (X-CSRF-Token) for a cookie session");
      auto page = error_page(site, req, ctx, 403, "form.csrf_failed");
      page.cacheable = false;
      return page;
    }
    auto response = next(req, ctx);
    if (v.issue_csrf_cookie)
      response.header("Set-Cookie", http::set_cookie_value(kCsrfCookie, v.csrf, -1, true, site.config.secure_cookies));
    return response;
  };
}

http::Middleware access_middleware(const Site& site) {
  return [&site](const http::Request& req, http::RequestContext& ctx, const http::Handler& next) {
    const std::string& access = ctx.route_access;
    if (access.empty() || access == "public") return next(req, ctx);
    auto& v = visitor(ctx);
    if (access == "client" && v.token) return next(req, ctx);
    if (!v.user && !(v.token && access.rfind("role:", 0) == 0)) {
      if (req.path.rfind("/api/", 0) == 0) {
        auto r = http::Response::problem(401, "Unauthorized", "this endpoint needs `Authorization: Bearer <token>`");
        r.header("WWW-Authenticate", "Bearer");
        return r;
      }
      if (is_safe_method(req.method)) return http::Response::redirect("/masuk?next=" + url_encode(req.target), 303);
      return error_page(site, req, ctx, 403, "forbidden.login");
    }
    if (access == "user" || access == "client") return next(req, ctx);
    if (access.rfind("role:", 0) == 0) {
      std::vector<auth::Role> needed;
      std::string list = access.substr(5);
      std::size_t start = 0;
      while (start <= list.size()) {
        auto comma = list.find(',', start);
        auto name = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (auto role = auth::parse_role(name)) needed.push_back(*role);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
      for (auto role : needed)
        if (has_role(v, role)) return next(req, ctx);
      if (req.path.rfind("/api/", 0) == 0) return http::Response::problem(403, "Forbidden", "this token's role may not do this");
      const auto& lang = ctx.get<RequestLang>().code;
      std::string names;
      for (auto role : needed) names += (names.empty() ? "" : ", ") + role_label(site, lang, role);
      return error_page(site, req, ctx, 403, "forbidden.needs", {{"roles", names}});
    }
    site.log->error("{} route {} has an unknown access rule '{}'", ctx.request_id, ctx.route_name, access);
    return error_page(site, req, ctx, 403);
  };
}

std::string role_label(const Site& site, const std::string& lang, auth::Role role) {
  return site.catalog.text(lang, std::string("role.") + auth::to_string(role));
}

std::string scope_label(const Site& site, const std::string& lang, const auth::Scope& scope) {
  auto kind = site.catalog.text(lang, std::string("scope.") + auth::to_string(scope.kind));
  return scope.ref.empty() ? kind : kind + " " + scope.ref;
}

nlohmann::json grant_json(const Site& site, const std::string& lang, const auth::Grant& g) {
  return {{"role", auth::to_string(g.role)},
          {"scope", auth::format_scope(g.scope)},
          {"role_label", role_label(site, lang, g.role)},
          {"scope_label", scope_label(site, lang, g.scope)}};
}

nlohmann::json role_options(const Site& site, const std::string& lang, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (auto role : auth::all_roles())
    out.push_back({{"value", auth::to_string(role)},
                   {"label", role_label(site, lang, role)},
                   {"selected", selected == auth::to_string(role)}});
  return out;
}

std::string field_message(const Site& site, const std::string& lang, const Error& error, const std::string& field) {
  for (const auto& f : error.fields())
    if (f.field == field) return site.catalog.text(lang, f.key);
  return {};
}

nlohmann::json form_fields(const Site& site, const std::string& lang, const std::vector<FieldSpec>& specs,
                           const std::optional<Error>& error) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : specs) {
    std::string message = error ? field_message(site, lang, *error, s.name) : std::string();
    out.push_back({{"name", s.name},
                   {"label", site.catalog.text(lang, s.label_key)},
                   {"type", s.type},
                   {"value", s.type == "password" ? std::string() : s.value},
                   {"autocomplete", s.autocomplete.empty() ? nlohmann::json(false) : nlohmann::json(s.autocomplete)},
                   {"hint", s.hint_key.empty() ? nlohmann::json(false) : nlohmann::json(site.catalog.text(lang, s.hint_key))},
                   {"error", message.empty() ? nlohmann::json(false) : nlohmann::json(message)},
                   {"required", s.required}});
  }
  return out;
}

}  // namespace lumbung::web
