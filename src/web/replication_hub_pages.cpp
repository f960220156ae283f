// Hub JIPP pages: the list of hubs, a hub's page (members, their
// innovations, replication activity among them, forums and events), the
// form a hub admin uses to record an event, and the curators' hub form.
#include <algorithm>
#include <set>
#include <sstream>

#include "core/ids.hpp"
#include "replication/hub_service.hpp"
#include "web/innovation_view.hpp"
#include "web/permissions.hpp"
#include "web/replication_views.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

using replication::Hub;
using replication::HubEvent;

replication::HubService hubs(const Site& site) { return replication::HubService(site.db, site.innovations.clock()); }

std::int64_t user_id(http::RequestContext& ctx) {
  const auto& v = visitor(ctx);
  return v.user ? v.user->id : 0;
}

std::string hub_path(std::int64_t id) { return "/hub/" + std::to_string(id); }

bool may_run(const std::vector<auth::Grant>& grants, std::int64_t user, const Hub& h) {
  return may_publish(grants) || (user > 0 && std::find(h.admins.begin(), h.admins.end(), user) != h.admins.end());
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text + "\n") {
    if (c == '\n' || c == ',') {
      const auto b = current.find_first_not_of(" \t\r");
      if (b != std::string::npos) out.push_back(current.substr(b, current.find_last_not_of(" \t\r") - b + 1));
      current.clear();
    } else {
      current += c;
    }
  }
  return out;
}

std::string joined_ids(const std::vector<std::int64_t>& ids) {
  std::string out;
  for (auto id : ids) out += (out.empty() ? "" : "\n") + std::to_string(id);
  return out;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

// ---- a hub's page ------------------------------------------------------------

struct EventForm {
  const http::Params* values = nullptr;
  std::optional<Error> error;
  unsigned status = 200;
};

// The hub page lists its members' newest adoptions, at most this many.
constexpr int kHubActivityRows = 100;

http::Response hub_page(const Site& site, const http::Request& req, http::RequestContext& ctx, const Hub& h,
                        const EventForm& form = {}) {
  const auto& lang = lang_of(ctx);
  auto svc = hubs(site);
  auto events = svc.events(h.id);
  if (!events) return replication_failure(site, req, ctx, "get_hub", events.error());
  auto innovations = svc.innovations(h, 5);
  if (!innovations) return replication_failure(site, req, ctx, "get_hub", innovations.error());
  auto pairs = replication_service(site).hub_pairs(h.id, kHubActivityRows);
  if (!pairs) return replication_failure(site, req, ctx, "get_hub", pairs.error());
  std::vector<std::string> codes = h.members;
  if (!h.region_code.empty()) codes.push_back(h.region_code);
  std::map<std::string, std::string> names;
  if (auto found = replication_service(site).region_names(codes))
    for (auto& [code, name] : *found) names[code] = name;
  auto name_of = [&](const std::string& c) { return names.count(c) ? names[c] : c; };

  nlohmann::json member_rows = nlohmann::json::array();
  for (const auto& m : h.members) member_rows.push_back({{"name", name_of(m)}, {"href", "/daerah/" + m}});
  if (auto units = svc.unit_names(h))
    for (const auto& [unit_id, unit] : *units)
      member_rows.push_back(
          {{"name", unit.empty() ? std::to_string(unit_id) : unit}, {"href", "/unit/" + std::to_string(unit_id)}});
  nlohmann::json innovation_rows = nlohmann::json::array();
  for (const auto& i : *innovations)
    innovation_rows.push_back(
        {{"name", i.name}, {"href", innovation_path(i.id, i.slug)}, {"region", name_of(i.region_code)}});
  nlohmann::json activity = nlohmann::json::array();
  for (const auto& p : *pairs) {
    activity.push_back({{"innovation", p.innovation_name},
                        {"href", innovation_path(p.adoption.innovation_id, p.innovation_slug)},
                        {"origin", p.origin_name},
                        {"adopter", p.adopter_name},
                        {"date", format_iso_date(p.adoption.adopted_on, lang)}});
  }
  nlohmann::json event_rows = nlohmann::json::array();
  for (const auto& e : *events)
    event_rows.push_back({{"title", e.title},
                          {"date", format_iso_date(e.held_on, lang)},
                          {"mode", replication_label(site, lang, "event_mode", e.mode)},
                          {"agenda", e.agenda.empty() ? nlohmann::json(false) : nlohmann::json(e.agenda)},
                          {"attendees", e.attendees.empty() ? nlohmann::json(false) : nlohmann::json(e.attendees)},
                          {"outcome", e.outcome.empty() ? nlohmann::json(false) : nlohmann::json(e.outcome)}});
  nlohmann::json model = {
      {"title", h.name},
      {"kind", replication_label(site, lang, "hub_kind", h.kind)},
      {"province", h.region_code.empty() ? nlohmann::json(false) : nlohmann::json(name_of(h.region_code))},
      {"description", h.description.empty() ? nlohmann::json(false) : nlohmann::json(h.description)},
      {"members", member_rows},
      {"has_members", !member_rows.empty()},
      {"innovations", innovation_rows},
      {"has_innovations", !innovation_rows.empty()},
      {"activity", activity},
      {"has_activity", !activity.empty()},
      {"events", event_rows},
      {"has_events", !event_rows.empty()}};
  const auto grants = grants_of(visitor(ctx));
  const bool runs = may_run(grants, user_id(ctx), h);
  if (runs) {
    auto value = [&](const char* f) { return form.values ? form.values->get_or(f, "") : std::string(); };
    nlohmann::json modes = nlohmann::json::array();
    for (const auto& m : replication::event_modes())
      modes.push_back(
          {{"value", m}, {"label", replication_label(site, lang, "event_mode", m)}, {"selected", m == value("mode")}});
    model["event_form"] = {
        {"action", hub_path(h.id) + "/forum"}, {"title", value("title")},
        {"held_on", value("held_on")},         {"modes", modes},
        {"agenda", value("agenda")},           {"attendees", value("attendees")},
        {"outcome", value("outcome")},         {"errors", replication_field_errors(site, lang, form.error)}};
  }
  if (may_publish(grants)) model["edit_href"] = "/kurasi/hub/" + std::to_string(h.id) + "/ubah";
  if (form.error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (req.query.get_or("pesan", "") == "forum")
    model["notice"] = site.catalog.text(lang, "replikasi.notice.event_added");
  if (req.query.get_or("pesan", "") == "disimpan")
    model["notice"] = site.catalog.text(lang, "replikasi.notice.hub_saved");
  auto r = render_page(site, req, ctx, "replikasi/hub", std::move(model), form.status);
  if (form.status != 200 || runs) r.cacheable = false;
  return r;
}

// ---- the curators' hub form -------------------------------------------------

struct HubForm {
  std::int64_t id = 0;
  Hub hub;
  std::string admins;  // emails, one per line
  std::optional<Error> error;
  unsigned status = 200;
};

http::Response hub_form(const Site& site, const http::Request& req, http::RequestContext& ctx, const HubForm& f) {
  const auto& lang = lang_of(ctx);
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& k : replication::hub_kinds())
    kinds.push_back(
        {{"value", k}, {"label", replication_label(site, lang, "hub_kind", k)}, {"selected", k == f.hub.kind}});
  const auto& v = visitor(ctx);
  nlohmann::json model = {
      {"title_key", f.id == 0 ? "replikasi.hub.new_title" : "replikasi.hub.edit_title"},
      {"is_admin", has_role(v, auth::Role::admin)},
      {"is_curator", has_role(v, auth::Role::curator)},
      {"tab_hubs", true},
      {"action", f.id == 0 ? std::string("/kurasi/hub/baru") : "/kurasi/hub/" + std::to_string(f.id) + "/ubah"},
      {"kinds", kinds},
      {"name", f.hub.name},
      {"region_code", f.hub.region_code},
      {"description", f.hub.description},
      {"members", joined(f.hub.members)},
      {"units", joined_ids(f.hub.units)},
      {"admins", f.admins},
      {"errors", replication_field_errors(site, lang, f.error)}};
  if (f.error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  auto r = render_page(site, req, ctx, "replikasi/hub_ubah", std::move(model), f.status);
  r.cacheable = false;
  return r;
}

HubForm read_hub_form(const http::Params& form, std::int64_t id) {
  HubForm f;
  f.id = id;
  f.hub.kind = form.get_or("kind", "");
  f.hub.name = form.get_or("name", "");
  f.hub.region_code = form.get_or("region_code", "");
  f.hub.description = form.get_or("description", "");
  f.hub.members = lines(form.get_or("members", ""));
  for (const auto& line : lines(form.get_or("units", ""))) {
    // A line is a unit id, or a unit page address ending in one (/unit/345).
    const auto slash = line.find_last_of('/');
    f.hub.units.push_back(parse_id(slash == std::string::npos ? line : line.substr(slash + 1)).value_or(-1));
  }
  f.admins = form.get_or("admins", "");
  return f;
}

}  // namespace

http::Response get_hubs(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto list = hubs(site).list();
  if (!list) return replication_failure(site, req, ctx, "get_hubs", list.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& h : *list)
    rows.push_back({{"name", h.name},
                    {"href", hub_path(h.id)},
                    {"kind", replication_label(site, lang, "hub_kind", h.kind)},
                    {"members", fill(site.catalog.text(lang, "replikasi.hub.member_count"),
                                     {{"n", std::to_string(h.members.size() + h.units.size())}})}});
  nlohmann::json model = {{"title_key", "replikasi.hub.title"}, {"hubs", rows}, {"has_hubs", !rows.empty()}};
  if (may_publish(grants_of(visitor(ctx)))) model["new_href"] = "/kurasi/hub/baru";
  return render_page(site, req, ctx, "replikasi/hub_daftar", std::move(model));
}

http::Response get_hub(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto h = hubs(site).get(*id);
  if (!h) return replication_failure(site, req, ctx, "get_hub", h.error());
  return hub_page(site, req, ctx, *h);
}

http::Response post_hub_event(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto h = hubs(site).get(*id);
  if (!h) return replication_failure(site, req, ctx, "post_hub_event", h.error());
  if (!may_run(grants_of(visitor(ctx)), user_id(ctx), *h)) return error_page(site, req, ctx, 403);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  HubEvent e;
  e.title = form->get_or("title", "");
  e.held_on = form->get_or("held_on", "");
  e.mode = form->get_or("mode", "");
  e.agenda = form->get_or("agenda", "");
  e.attendees = form->get_or("attendees", "");
  e.outcome = form->get_or("outcome", "");
  auto added = hubs(site).add_event(user_id(ctx), *id, e);
  if (!added) {
    if (added.error().code() != ErrorCode::invalid)
      return replication_failure(site, req, ctx, "post_hub_event", added.error());
    return hub_page(site, req, ctx, *h, {&*form, added.error(), 400});
  }
  return http::Response::redirect(hub_path(*id) + "?pesan=forum#forum", 303);
}

http::Response get_new_hub(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return hub_form(site, req, ctx, HubForm{});
}

http::Response post_new_hub(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto f = read_hub_form(*form, 0);
  auto created = hubs(site).create(user_id(ctx), f.hub, lines(f.admins));
  if (!created) {
    if (created.error().code() != ErrorCode::invalid)
      return replication_failure(site, req, ctx, "post_new_hub", created.error());
    f.error = created.error();
    f.status = 400;
    return hub_form(site, req, ctx, f);
  }
  return http::Response::redirect(hub_path(created->id) + "?pesan=disimpan", 303);
}

http::Response get_edit_hub(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto svc = hubs(site);
  auto h = svc.get(*id);
  if (!h) return replication_failure(site, req, ctx, "get_edit_hub", h.error());
  auto emails = svc.admin_emails(*h);
  if (!emails) return replication_failure(site, req, ctx, "get_edit_hub", emails.error());
  return hub_form(site, req, ctx, HubForm{*id, *h, joined(*emails)});
}

http::Response post_edit_hub(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  if (auto h = hubs(site).get(*id); !h) return replication_failure(site, req, ctx, "post_edit_hub", h.error());
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto f = read_hub_form(*form, *id);
  auto saved = hubs(site).update(user_id(ctx), *id, f.hub, lines(f.admins));
  if (!saved) {
    if (saved.error().code() != ErrorCode::invalid)
      return replication_failure(site, req, ctx, "post_edit_hub", saved.error());
    f.error = saved.error();
    f.status = 400;
    return hub_form(site, req, ctx, f);
  }
  return http::Response::redirect(hub_path(*id) + "?pesan=disimpan", 303);
}

void register_hub_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  const std::string curators = "role:curator,admin";
  // clang-format off
  // method  pattern                       handler            access
  router.get("/hub",                       "get_hubs",        "public", bind(get_hubs));
  router.get("/hub/{id}",                  "get_hub",         "public", bind(get_hub));
  router.post("/hub/{id}/forum",           "post_hub_event",  "user",   bind(post_hub_event));
  router.get("/kurasi/hub/baru",           "get_new_hub",     curators, bind(get_new_hub));
  router.post("/kurasi/hub/baru",          "post_new_hub",    curators, bind(post_new_hub));
  router.get("/kurasi/hub/{id}/ubah",      "get_edit_hub",    curators, bind(get_edit_hub));
  router.post("/kurasi/hub/{id}/ubah",     "post_edit_hub",   curators, bind(post_edit_hub));
  // clang-format on
}

}  // namespace lumbung::web
