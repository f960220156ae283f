// Who is asking: the session behind the request's cookie, the CSRF token its
// forms must carry, and the helpers pages use to show roles and form errors.
#pragma once

#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/auth.hpp"
#include "web/site.hpp"

namespace lumbung::web {

inline constexpr const char* kSessionCookie = "sid";
inline constexpr const char* kCsrfCookie = "csrf";  // anonymous visitors' CSRF token (double submit)
inline constexpr const char* kCsrfField = "_csrf";

struct Visitor {
  std::optional<auth::User> user;  // set when a valid session came with the request
  std::optional<auth::ApiToken> token;  // set when a valid `Authorization: Bearer` token came instead
  std::string session_hash;        // SHA-256 of the session id (identifies "this session")
  std::string csrf;                // the token this visitor's forms must carry
  bool issue_csrf_cookie = false;  // an anonymous visitor without one gets it with this response
};

Visitor& visitor(http::RequestContext& ctx);
// The acting user for service calls (with the request's IP).
auth::Actor actor_of(const http::Request& req, http::RequestContext& ctx);
// True when the visitor holds `role` in any scope, or is admin.
bool has_role(const Visitor& v, auth::Role role);
// The caller's grants: the session user's, or the API token's one grant.
std::vector<auth::Grant> grants_of(const Visitor& v);

// Reads the session cookie (or an `Authorization: Bearer` API token: a wrong
// or revoked one gets 401, too many of them 429), and checks the CSRF token of
// every non-GET request made with cookies (403 page with nothing changed when
// it is missing or wrong).
http::Middleware session_middleware(const Site& site);
// Enforces the route's declared access: "public", "user" (a logged-in
// person), "client" (a person or an API token), or "role:a,b" (any of the
// roles, in any scope, by session or token; admins always pass). Anonymous
// visitors are sent to the login page (GET) or refused; others get a 403
// page naming the roles needed.
http::Middleware access_middleware(const Site& site);

std::string role_label(const Site& site, const std::string& lang, auth::Role role);
std::string scope_label(const Site& site, const std::string& lang, const auth::Scope& scope);
nlohmann::json grant_json(const Site& site, const std::string& lang, const auth::Grant& grant);
// Role options for a <select>, with `selected` marked.
nlohmann::json role_options(const Site& site, const std::string& lang, const std::string& selected);

// One form field for partials/field.mustache.
struct FieldSpec {
  std::string name, label_key, type = "text", value, autocomplete, hint_key;
  bool required = false;
};
// Renders fields with the error messages of `error` (if any) in `lang`.
nlohmann::json form_fields(const Site& site, const std::string& lang, const std::vector<FieldSpec>& specs,
                           const std::optional<Error>& error);
// The message for `field` in `error`, in `lang`; "" if the field has none.
std::string field_message(const Site& site, const std::string& lang, const Error& error, const std::string& field);

}  // namespace lumbung::web
