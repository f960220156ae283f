// Administration: users and invitations (for admins and scoped admins), the
// audit log, the mail outbox and API tokens (admins only).
#include <charconv>

#include "auth/auth_service.hpp"
#include "core/ids.hpp"
#include "mail/queue.hpp"
#include "directory/reference_regions.hpp"
#include "notify/notify.hpp"
#include "web/format.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

// Admins and curators see every account; a region admin the accounts of
// their region; everyone else only accounts they could grant to.
bool sees_everyone(const Visitor& v) {
  return has_role(v, auth::Role::admin) || has_role(v, auth::Role::curator);
}
std::string own_region(const Visitor& v) {
  for (const auto& g : v.user->grants)
    if (g.role == auth::Role::region_admin && g.scope.kind == auth::ScopeKind::region) return g.scope.ref;
  return {};
}
// Which region a lab or unit scope lies in, so region admins and lab organisers
// manage the people of their own labs and units.
auth::RegionOf region_of(const Site& site) { return site.labs ? site.labs->region_of() : auth::RegionOf{}; }

bool may_manage(const Site& site, const Visitor& v, const auth::User& target) {
  if (has_role(v, auth::Role::admin)) return true;
  if (target.grants.empty()) return false;
  const auto regions = region_of(site);
  for (const auto& g : target.grants)
    if (!auth::can_grant(v.user->grants, g.role, g.scope, regions)) return false;
  return true;
}

nlohmann::json user_json(const Site& site, const std::string& lang, const auth::User& u) {
  nlohmann::json grants = nlohmann::json::array();
  for (const auto& g : u.grants) grants.push_back(grant_json(site, lang, g));
  return {{"id", u.id}, {"name", u.name}, {"email", u.email}, {"active", u.active}, {"grants", grants}};
}

nlohmann::json admin_model(http::RequestContext& ctx, const char* title_key, const char* tab) {
  const auto& v = visitor(ctx);
  return {{"title_key", title_key},
          {"is_admin", has_role(v, auth::Role::admin)},
          {"is_curator", has_role(v, auth::Role::curator)},
          {tab, true}};
}

// Role and scope from a form into a grant, or the field errors.
Result<auth::Grant> parse_grant(const http::Params& form) {
  std::vector<FieldError> errors;
  auto role = auth::parse_role(form.get_or("peran", ""));
  if (!role) errors.push_back({"peran", "error.role"});
  auto scope_text = form.get_or("cakupan", "");
  if (scope_text.empty()) scope_text = "national";
  if (scope_text == "nasional") scope_text = "national";
  auto scope = auth::parse_scope(scope_text);
  if (!scope) errors.push_back({"cakupan", "error.scope"});
  if (!errors.empty()) return Error(ErrorCode::invalid, "grant: invalid role or scope", std::move(errors));
  auth::Grant g{*role, *scope};
  if (auto s = auth::validate_grant(g); !s) return Error(ErrorCode::invalid, "grant: invalid", {{"cakupan", "error.scope"}});
  return g;
}

// Role/scope form values and their errors for partials/grant_fields.
void add_grant_fields(const Site& site, const std::string& lang, nlohmann::json& model, const http::Params* form,
                      const std::optional<Error>& error) {
  model["roles"] = role_options(site, lang, form ? form->get_or("peran", "participant") : "participant");
  model["scope_value"] = form ? form->get_or("cakupan", "") : "";
  if (error) {
    auto role_error = field_message(site, lang, *error, "peran");
    auto scope_error = field_message(site, lang, *error, "cakupan");
    if (error->code() == ErrorCode::forbidden) scope_error = site.catalog.text(lang, "error.not_allowed_grant");
    if (!role_error.empty()) model["role_error"] = role_error;
    if (!scope_error.empty()) model["scope_error"] = scope_error;
  }
}

}  // namespace

http::Response get_users(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  const auto& v = visitor(ctx);
  auth::UserFilter filter;
  filter.query = req.query.get_or("q", "");
  filter.role = auth::parse_role(req.query.get_or("peran", ""));
  filter.region = req.query.get_or("daerah", "");
  filter.offset = static_cast<int>(parse_id(req.query.get_or("mulai", "0")).value_or(0));
  filter.limit = 50;
  if (!sees_everyone(v) && !own_region(v).empty()) filter.region = own_region(v);
  auto users = site.accounts.list_users(filter);
  if (!users) return error_page(site, req, ctx, http_status(users.error().code()));
  nlohmann::json list = nlohmann::json::array();
  for (const auto& u : *users)
    if (sees_everyone(v) || !own_region(v).empty() || may_manage(site, v, u)) list.push_back(user_json(site, lang, u));
  auto model = admin_model(ctx, "admin.users_title", "tab_users");
  model["users"] = list;
  model["filter"] = {{"q", filter.query}, {"region", filter.region}};
  model["roles"] = role_options(site, lang, req.query.get_or("peran", ""));
  if (static_cast<int>(users->size()) == filter.limit)
    model["next_page"] = "/admin/pengguna?q=" + url_encode(filter.query) + "&peran=" +
                         url_encode(req.query.get_or("peran", "")) + "&daerah=" + url_encode(filter.region) +
                         "&mulai=" + std::to_string(filter.offset + filter.limit);
  return render_page(site, req, ctx, "admin/pengguna", std::move(model));
}

namespace {
http::Response invite_form(const Site& site, const http::Request& req, http::RequestContext& ctx,
                           const http::Params* form, const std::optional<Error>& error, nlohmann::json created) {
  const auto& lang = lang_of(ctx);
  auto model = admin_model(ctx, "admin.invite_title", "tab_invite");
  model["fields"] = form_fields(site, lang,
                                {{"name", "admin.name", "text", form ? form->get_or("name", "") : "", "off", "", true},
                                 {"email", "akun.email", "email", form ? form->get_or("email", "") : "", "off", "", true}},
                                error);
  add_grant_fields(site, lang, model, form, error);
  if (error) model["alert"] = site.catalog.text(lang, error->code() == ErrorCode::forbidden ? "error.not_allowed_grant"
                                                                                          : "form.has_errors");
  if (!created.is_null()) model["created"] = std::move(created);
  unsigned status = !error ? 200 : error->code() == ErrorCode::forbidden ? 403 : error->code() == ErrorCode::conflict ? 409 : 400;
  auto r = render_page(site, req, ctx, "admin/undang", std::move(model), status);
  r.cacheable = false;
  return r;
}
}  // namespace

http::Response get_invite_form(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return invite_form(site, req, ctx, nullptr, std::nullopt, nullptr);
}

http::Response post_invite_user(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto grant = parse_grant(*form);
  if (!grant) return invite_form(site, req, ctx, &*form, grant.error(), nullptr);
  auto created = site.accounts.invite(actor_of(req, ctx), form->get_or("email", ""), form->get_or("name", ""),
                                      grant->role, grant->scope, region_of(site));
  if (!created) return invite_form(site, req, ctx, &*form, created.error(), nullptr);
  const auto& lang = lang_of(ctx);
  auto link = site.accounts.options().base_url + "/undangan/" + created->raw_token;
  nlohmann::json shown = {{"message", fill(site.catalog.text(lang, "admin.invite_created"), {{"email", created->invite.email}})},
                          {"link", link}};
  return invite_form(site, req, ctx, nullptr, std::nullopt, shown);
}

namespace {
http::Response user_page(const Site& site, const http::Request& req, http::RequestContext& ctx, std::int64_t id,
                         const http::Params* form, const std::optional<Error>& error, bool saved) {
  const auto& lang = lang_of(ctx);
  auto user = site.accounts.get_user(id);
  if (!user || !may_manage(site, visitor(ctx), *user)) return error_page(site, req, ctx, 404);
  auto model = admin_model(ctx, "admin.users_title", "tab_users");
  model["heading"] = fill(site.catalog.text(lang, "admin.user_title"), {{"name", user->name}});
  model["user"] = user_json(site, lang, *user);
  add_grant_fields(site, lang, model, form, error);
  if (error && error->code() != ErrorCode::invalid) {
    // The service names the rule that refused (last admin, own account); else a generic refusal.
    std::string key = !error->fields().empty() ? error->fields().front().key
                      : error->code() == ErrorCode::forbidden ? "error.not_allowed_grant"
                                                              : "error.409.body";
    model["alert"] = site.catalog.text(lang, key);
  }
  if (saved) model["notice"] = site.catalog.text(lang, "admin.saved");
  unsigned status = !error ? 200 : error->code() == ErrorCode::forbidden ? 403 : error->code() == ErrorCode::conflict ? 409 : 400;
  auto r = render_page(site, req, ctx, "admin/pengguna_edit", std::move(model), status);
  r.cacheable = false;
  return r;
}
}  // namespace

http::Response get_user(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  return user_page(site, req, ctx, *id, nullptr, std::nullopt, req.query.has("tersimpan"));
}

http::Response post_user_status(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  auto form = req.form();
  if (!id || !form) return error_page(site, req, ctx, !id ? 404 : 400);
  auto user = site.accounts.get_user(*id);
  if (!user || !may_manage(site, visitor(ctx), *user)) return error_page(site, req, ctx, 404);
  auto s = site.accounts.set_active(actor_of(req, ctx), *id, form->get_or("aktif", "0") == "1", region_of(site));
  if (!s) return user_page(site, req, ctx, *id, nullptr, s.error(), false);
  return http::Response::redirect("/admin/pengguna/" + std::to_string(*id) + "?tersimpan=1", 303);
}

namespace {
// Adds (add = true) or removes one grant of a user.
// Tells the user about a role they were given (category account). A failure
// is logged: the grant itself stands.
void notify_role_added(const Site& site, std::int64_t user_id, const auth::Grant& grant) {
  notify::Notice n;
  n.user_id = user_id;
  n.category = notify::Category::account;
  n.event = "account.role_added";
  nlohmann::json scope = auth::format_scope(grant.scope);
  if (grant.scope.kind == auth::ScopeKind::national) scope = {{"key", "scope.national"}};
  if (grant.scope.kind == auth::ScopeKind::region)
    for (const auto& r : directory::reference_regions())
      if (grant.scope.ref == r.code) scope = r.name;
  n.params = {{"role", {{"key", std::string("role.") + auth::to_string(grant.role)}}}, {"scope", scope}};
  n.link = "/akun";
  n.group = "account";
  auto posted = site.db.transact("notify.role_added", [&](soci::session& sql) {
    return notify::post(sql, n, site.innovations.clock().now());
  });
  if (!posted) site.log->warn("notice to user {} not recorded: {}", user_id, posted.error().message());
}

http::Response change_grant(const Site& site, const http::Request& req, http::RequestContext& ctx, bool add) {
  auto id = parse_id(req.path_params.at("id"));
  auto form = req.form();
  if (!id || !form) return error_page(site, req, ctx, !id ? 404 : 400);
  auto user = site.accounts.get_user(*id);
  if (!user || !may_manage(site, visitor(ctx), *user)) return error_page(site, req, ctx, 404);
  auto grant = parse_grant(*form);
  if (!grant) return user_page(site, req, ctx, *id, &*form, grant.error(), false);
  auto grants = user->grants;
  auto it = std::find(grants.begin(), grants.end(), *grant);
  if (add && it == grants.end()) grants.push_back(*grant);
  if (!add && it != grants.end()) grants.erase(it);
  auto updated = site.accounts.set_grants(actor_of(req, ctx), *id, grants, region_of(site));
  if (!updated) return user_page(site, req, ctx, *id, &*form, updated.error(), false);
  if (add) notify_role_added(site, *id, *grant);
  return http::Response::redirect("/admin/pengguna/" + std::to_string(*id) + "?tersimpan=1", 303);
}
}  // namespace

http::Response post_user_grant_add(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return change_grant(site, req, ctx, true);
}
http::Response post_user_grant_remove(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return change_grant(site, req, ctx, false);
}

namespace {
// "2026-11-24" -> unix seconds at 00:00 UTC; nullopt for anything else.
std::optional<std::int64_t> parse_date(const std::string& s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1970 || y > 9999) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  return static_cast<std::int64_t>(timegm(&tm));
}
}  // namespace

http::Response get_audit(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auth::AuditFilter filter;
  auto actor = req.query.get_or("pelaku", "");
  if (!actor.empty()) filter.actor = parse_id(actor).value_or(actor == "0" ? 0 : -1);
  filter.entity = req.query.get_or("entitas", "");
  filter.action = req.query.get_or("tindakan", "");
  filter.from = parse_date(req.query.get_or("dari", ""));
  if (auto to = parse_date(req.query.get_or("sampai", ""))) filter.to = *to + 24 * 3600;
  filter.before_id = parse_id(req.query.get_or("sebelum", "")).value_or(0);
  filter.limit = 100;
  auto records = site.accounts.list_audit(filter);
  if (!records) return error_page(site, req, ctx, http_status(records.error().code()));
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : *records)
    list.push_back({{"at", format_datetime(r.at, lang_of(ctx))},
                    {"actor", r.actor_label + " (" + std::to_string(r.actor_user_id) + ")"},
                    {"ip", r.ip},
                    {"action", r.action},
                    {"entity", r.entity},
                    {"entity_id", r.entity_id},
                    {"before", r.before_json.empty() ? nlohmann::json(false) : nlohmann::json(r.before_json)},
                    {"after", r.after_json.empty() ? nlohmann::json(false) : nlohmann::json(r.after_json)}});
  auto model = admin_model(ctx, "admin.audit_title", "tab_audit");
  model["records"] = list;
  model["filter"] = {{"actor", actor},
                     {"entity", filter.entity},
                     {"action", filter.action},
                     {"from", req.query.get_or("dari", "")},
                     {"to", req.query.get_or("sampai", "")}};
  if (!records->empty() && static_cast<int>(records->size()) == filter.limit)
    model["next_page"] = "/admin/audit?pelaku=" + url_encode(actor) + "&entitas=" + url_encode(filter.entity) +
                         "&tindakan=" + url_encode(filter.action) + "&dari=" + url_encode(req.query.get_or("dari", "")) +
                         "&sampai=" + url_encode(req.query.get_or("sampai", "")) +
                         "&sebelum=" + std::to_string(records->back().id);
  auto r = render_page(site, req, ctx, "admin/audit", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response get_mail(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto messages = site.accounts.list_mail_outbox(100);
  if (!messages) return error_page(site, req, ctx, http_status(messages.error().code()));
  const auto& lang = lang_of(ctx);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : *messages) {
    // A queued message that has failed before is shown as retrying.
    const std::string state = m.status == "queued" && m.attempts > 0 ? "retrying" : m.status;
    nlohmann::json item = {{"id", m.id},
                           {"created", format_datetime(m.created_at, lang)},
                           {"to", m.to_email},
                           {"kind", m.kind},
                           {"subject", m.subject},
                           {"body", m.body_text},
                           {"status", state},
                           {"status_label", site.catalog.text(lang, "admin.mail_status_" + state)},
                           {"attempts", m.attempts},
                           {"error", m.last_error}};
    if (m.status == "queued" && m.next_attempt_at > 0) item["next"] = format_datetime(m.next_attempt_at, lang);
    if (m.sent_at) item["sent_at"] = format_datetime(*m.sent_at, lang);
    if (m.status != "sent") item["retry_action"] = "/admin/surat/" + std::to_string(m.id) + "/kirim-ulang";
    list.push_back(std::move(item));
  }
  auto model = admin_model(ctx, "admin.mail_title", "tab_mail");
  model["messages"] = list;
  if (auto counts = mail::count_queue(site.db); counts)
    model["totals"] = fill(site.catalog.text(lang, "admin.mail_totals"),
                           {{"queued", std::to_string(counts->queued)},
                            {"sent", std::to_string(counts->sent)},
                            {"failed", std::to_string(counts->failed)}});
  static const std::map<std::string, std::string> kNotices = {{"diulang", "admin.mail_retried"},
                                                              {"tidak-diulang", "admin.mail_not_retried"}};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end())
    model["notice"] = site.catalog.text(lang, it->second);
  model["delivery_off"] = site.config.smtp_host.empty();
  auto r = render_page(site, req, ctx, "admin/surat", std::move(model));
  r.cacheable = false;
  return r;
}

// "Send again" on a failed or waiting message: due now, whatever its back-off.
http::Response post_mail_retry(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto retried = mail::retry_now(site.db, *id, site.innovations.clock().now());
  if (!retried) return error_page(site, req, ctx, http_status(retried.error().code()));
  return http::Response::redirect(std::string("/admin/surat?pesan=") + (*retried ? "diulang" : "tidak-diulang"), 303);
}

namespace {
http::Response tokens_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                           const http::Params* form, const std::optional<Error>& error, const std::string& created) {
  const auto& lang = lang_of(ctx);
  auto tokens = site.accounts.list_tokens();
  if (!tokens) return error_page(site, req, ctx, http_status(tokens.error().code()));
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : *tokens)
    list.push_back({{"id", t.id},
                    {"name", t.name},
                    {"role_label", role_label(site, lang, t.role)},
                    {"scope_label", scope_label(site, lang, t.scope)},
                    {"last_used", t.last_used_at ? format_datetime(*t.last_used_at, lang) : site.catalog.text(lang, "admin.never")},
                    {"revoked", t.revoked_at.has_value()}});
  auto model = admin_model(ctx, "admin.tokens_title", "tab_tokens");
  model["tokens"] = list;
  model["fields"] = form_fields(site, lang, {{"name", "admin.token_name", "text", form ? form->get_or("name", "") : "", "off", "", true}}, error);
  add_grant_fields(site, lang, model, form, error);
  if (error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (!created.empty()) model["created"] = created;
  auto r = render_page(site, req, ctx, "admin/token", std::move(model), error ? 400 : 200);
  r.cacheable = false;
  return r;
}
}  // namespace

http::Response get_tokens(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return tokens_page(site, req, ctx, nullptr, std::nullopt, "");
}

http::Response post_token(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto grant = parse_grant(*form);
  if (!grant) return tokens_page(site, req, ctx, &*form, grant.error(), "");
  auto created = site.accounts.create_token(actor_of(req, ctx), form->get_or("name", ""), grant->role, grant->scope);
  if (!created) return tokens_page(site, req, ctx, &*form, created.error(), "");
  return tokens_page(site, req, ctx, nullptr, std::nullopt, created->raw);
}

http::Response post_token_revoke(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto s = site.accounts.revoke_token(actor_of(req, ctx), *id);
  if (!s) return error_page(site, req, ctx, http_status(s.error().code()));
  return http::Response::redirect("/admin/token", 303);
}

}  // namespace lumbung::web
