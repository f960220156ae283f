// Replication pages: an innovation's replication page (willingness and what
// an adopter gets, the ask form, adoptions recorded outside Lumbung), a
// request with its transfer timeline, the caller's requests, the national
// view (origin -> adopter matrix and list, CSV) and the curators' step
// template. The two sides of a request and curators see it; nobody else.
#include <algorithm>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <sstream>
#include <variant>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "replication/replication_rules.hpp"
#include "web/format.hpp"
#include "web/innovation_view.hpp"
#include "web/permissions.hpp"
#include "web/replication_views.hpp"
#include "web/ttl_cache.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

using replication::Request;

const Clock& page_clock() {
  static const SystemClock kClock;
  return kClock;
}

// What the national view (/replikasi) shows for one filter: computed at most
// once per kViewTtlSeconds for all visitors (it aggregates every confirmed
// adoption); this node's own adoption changes show at once.
struct ViewData {
  std::vector<replication::Pair> pairs;  // the newest, at most kListedPairs
  std::vector<replication::ProvincePair> counted;
  std::vector<replication::InnovationLabel> willing;
  std::map<std::string, std::string> province_names;
};
constexpr std::int64_t kViewTtlSeconds = 10;
// Filters kept at once; past this the oldest-built set is dropped whole.
constexpr std::size_t kViewCacheKeys = 256;

// The rendered view (the page's body without the layout) for one filter,
// language and signed-in or not: what is the same for every such visitor.
// Kept as long as the data, cleared with it.
constexpr std::size_t kViewBodyKeys = 4 * kViewCacheKeys;

class ViewCache {
 public:
  TtlMap<std::string, std::string>& bodies() { return bodies_; }
  TtlCache<ViewData>& at(const std::string& key) {
    std::lock_guard lock(mu_);
    if (caches_.size() >= kViewCacheKeys && !caches_.count(key)) caches_.clear();
    auto& c = caches_[key];
    if (!c) c = std::make_shared<TtlCache<ViewData>>(page_clock(), kViewTtlSeconds);
    return *c;
  }
  void invalidate() {
    {
      std::lock_guard lock(mu_);
      caches_.clear();
    }
    bodies_.clear();
  }

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<TtlCache<ViewData>>> caches_;
  TtlMap<std::string, std::string> bodies_{page_clock(), kViewTtlSeconds, kViewBodyKeys};
};

ViewCache& view_cache() {
  static ViewCache cache;
  return cache;
}

// After this node changed willingness or adoptions: the national view and the
// profiles' "Direplikasi oleh" sections show it at once.
void replication_changed(const Site& site) {
  view_cache().invalidate();
  site.caches.profiles.clear();
}

std::int64_t user_id(http::RequestContext& ctx) {
  const auto& v = visitor(ctx);
  return v.user ? v.user->id : 0;
}

// The innovation of path parameter {id} ("12" or "12-slug") when the visitor may see it.
std::optional<directory::Innovation> innovation_of(const Site& site, const http::Request& req,
                                                   http::RequestContext& ctx) {
  auto id = parse_leading_id(req.path_params.at("id"));
  if (!id) return std::nullopt;
  auto found = site.innovations.get(*id);
  if (!found || !may_see(grants_of(visitor(ctx)), *found)) return std::nullopt;
  return std::move(*found);
}

nlohmann::json mode_options(const Site& site, const std::string& lang, const std::string& selected,
                            const std::string& except = "") {
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& m : replication::transfer_modes()) {
    if (m.key == except) continue;
    if (groups.empty() || groups.back()["key"] != m.group)
      groups.push_back({{"key", m.group},
                        {"label", replication_label(site, lang, "group", m.group)},
                        {"modes", nlohmann::json::array()}});
    groups.back()["modes"].push_back(
        {{"value", m.key}, {"label", replication_label(site, lang, "mode", m.key)}, {"selected", m.key == selected}});
  }
  return groups;
}

std::map<std::string, std::string> names_of(const Site& site, std::vector<std::string> codes) {
  std::map<std::string, std::string> out;
  if (auto found = replication_service(site).region_names(codes))
    for (auto& [code, name] : *found) out[code] = name;
  return out;
}

std::string name_in(const std::map<std::string, std::string>& names, const std::string& code) {
  auto it = names.find(code);
  return it == names.end() ? code : it->second;
}

// A text for a mustache section: false when empty (an empty string would
// still open the section).
nlohmann::json text_or_false(const std::string& s) { return s.empty() ? nlohmann::json(false) : nlohmann::json(s); }

std::string request_path(std::int64_t id) { return "/replikasi/permintaan/" + std::to_string(id); }

nlohmann::json request_row(const Site& site, const std::string& lang, const Request& r,
                           const std::map<std::string, std::string>& names, const std::string& innovation_name) {
  return {{"id", r.id},
          {"href", request_path(r.id)},
          {"innovation", innovation_name},
          {"origin", name_in(names, r.origin_region_code)},
          {"adopter", name_in(names, r.adopter_region_code)},
          {"mode", replication_label(site, lang, "mode", r.mode)},
          {"state", replication_label(site, lang, "state", r.state)},
          {"state_key", r.state},
          {"date", format_date(r.created_at, lang)}};
}

// ---- the innovation's replication page ------------------------------------

// What the forms on the page show after a failed post: the typed values and
// the errors, under the form's name ("offer", "ask", "adoption").
struct Typed {
  std::string form;
  const http::Params* values = nullptr;
  std::optional<Error> error;
  std::string alert_key;
  unsigned status = 200;
};

std::string typed(const Typed& t, const char* form, const std::string& field, const std::string& stored) {
  if (t.form == form && t.values) return t.values->get_or(field, "");
  return stored;
}

// The offer's texts by form field name, in display order.
std::vector<std::pair<std::string, std::string>> offer_fields(const replication::Offer& o) {
  return {{"guides", o.guides}, {"sop", o.sop}, {"documents", o.documents}, {"contact", o.contact}, {"costs", o.costs}};
}

http::Response innovation_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                               const directory::Innovation& i, const Typed& t = {}) {
  const auto& lang = lang_of(ctx);
  const auto& v = visitor(ctx);
  const auto grants = grants_of(v);
  auto svc = replication_service(site);
  auto offer = svc.offer(i.id);
  if (!offer) return replication_failure(site, req, ctx, "get_innovation_replication", offer.error());
  auto adoptions = svc.adoptions_of(i.id);
  if (!adoptions) return replication_failure(site, req, ctx, "get_innovation_replication", adoptions.error());
  const bool owner = may_edit(grants, i);
  auto regions = admin_regions(grants);
  regions.erase(std::remove(regions.begin(), regions.end(), i.region_code), regions.end());
  const bool is_admin = has_role(v, auth::Role::admin);

  // Requests: the owner side sees all of this innovation's; an adopter its region's.
  replication::RequestQuery q;
  q.innovation_id = i.id;
  q.everyone = owner || may_publish(grants);
  q.adopter_regions = regions;
  q.requester_id = user_id(ctx);
  std::vector<Request> requests;
  if (v.user) {
    auto found = svc.requests(q);
    if (!found) return replication_failure(site, req, ctx, "get_innovation_replication", found.error());
    requests = std::move(*found);
  }
  std::vector<std::string> codes = {i.region_code};
  for (const auto& a : *adoptions) codes.push_back(a.adopter_region_code);
  for (const auto& r : requests) codes.push_back(r.adopter_region_code);
  for (const auto& r : regions) codes.push_back(r);
  const auto names = names_of(site, codes);

  nlohmann::json model = {{"title", fill(site.catalog.text(lang, "replikasi.innovation_title"), {{"name", i.name}})},
                          {"name", i.name},
                          {"innovation_href", innovation_path(i.id, i.slug)},
                          {"base", "/inovasi/" + std::to_string(i.id) + "/replikasi"},
                          {"origin", name_in(names, i.region_code)},
                          {"willing", offer->willing},
                          {"owner", owner},
                          {"logged_in", v.user.has_value()}};
  nlohmann::json gets = nlohmann::json::array();
  for (const auto& [f, value] : offer_fields(*offer)) {
    if (!value.empty())
      gets.push_back({{"label", site.catalog.text(lang, std::string("replikasi.offer.") + f)}, {"value", value}});
  }
  model["gets"] = gets;
  model["has_gets"] = !gets.empty();
  model["section"] = replication_section(site, lang, i);

  const auto errors = replication_field_errors(site, lang, t.error);
  if (owner) {
    nlohmann::json form = {
        {"willing", t.form == "offer" && t.values ? t.values->get_or("willing", "") == "1" : offer->willing}};
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& [f, stored] : offer_fields(*offer)) {
      nlohmann::json field = {{"name", f},
                              {"label", site.catalog.text(lang, std::string("replikasi.offer.") + f)},
                              {"hint", site.catalog.text(lang, std::string("replikasi.offer.") + f + "_hint")},
                              {"value", typed(t, "offer", f, stored)},
                              {"short", f == std::string("contact")},
                              {"error", false}};
      if (t.form == "offer" && errors.contains(f)) field["error"] = errors[f];
      fields.push_back(std::move(field));
    }
    form["fields"] = fields;
    model["offer_form"] = form;
    nlohmann::json pending = nlohmann::json::array();
    for (const auto& a : *adoptions)
      if (a.state == "pending")
        pending.push_back({{"id", a.id},
                           {"region", name_in(names, a.adopter_region_code)},
                           {"date", format_iso_date(a.adopted_on, lang)},
                           {"evidence", a.evidence},
                           {"action", "/replikasi/adopsi/" + std::to_string(a.id) + "/keputusan"}});
    if (!pending.empty()) model["pending"] = {{"items", pending}};
  }
  // Asking and recording: region admins of another region (admins type a region code).
  if ((!regions.empty() || is_admin) && i.state == "published") {
    nlohmann::json region_options = nlohmann::json::array();
    const auto chosen = t.values ? t.values->get_or("region", "") : "";
    for (const auto& code : regions)
      region_options.push_back({{"value", code}, {"label", name_in(names, code)}, {"selected", code == chosen}});
    nlohmann::json region = {{"options", region_options}, {"free", regions.empty()}, {"value", chosen}};
    if (offer->willing) {
      nlohmann::json ask = {{"region", region},
                            {"about", typed(t, "ask", "requester_about", v.user ? v.user->name : "")},
                            {"problem", typed(t, "ask", "problem", "")},
                            {"adaptation", typed(t, "ask", "adaptation", "")},
                            {"modes", mode_options(site, lang, typed(t, "ask", "mode", ""))},
                            {"errors", t.form == "ask" ? errors : nlohmann::json::object()}};
      model["ask"] = ask;
    }
    model["record"] = {{"region", region},
                       {"adopted_on", typed(t, "adoption", "adopted_on", "")},
                       {"evidence", typed(t, "adoption", "evidence", "")},
                       {"adopted_innovation", typed(t, "adoption", "adopted_innovation", "")},
                       {"errors", t.form == "adoption" ? errors : nlohmann::json::object()}};
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : requests) rows.push_back(request_row(site, lang, r, names, i.name));
  model["requests"] = rows;
  model["has_requests"] = !rows.empty();
  static const std::map<std::string, std::string> kNotices = {{"disimpan", "replikasi.notice.offer_saved"},
                                                              {"dicatat", "replikasi.notice.adoption_recorded"},
                                                              {"diputuskan", "replikasi.notice.adoption_decided"}};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end())
    model["notice"] = site.catalog.text(lang, it->second);
  if (t.error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (!t.alert_key.empty()) model["alert"] = site.catalog.text(lang, t.alert_key);
  auto r = render_page(site, req, ctx, "replikasi/inovasi", std::move(model), t.status);
  r.cacheable = false;
  return r;
}

// A region code typed or chosen in a form: one of the caller's admin regions,
// or (for an admin) any known region.
std::string chosen_region(const Site& site, http::RequestContext& ctx, const http::Params& form) {
  const auto code = form.get_or("region", "");
  const auto grants = grants_of(visitor(ctx));
  if (code.empty()) return "";
  if (auth::allows(grants, auth::Role::region_admin, auth::Scope::region(code), {})) {
    if (!is_region_code(code) || names_of(site, {code}).empty()) return "?";
    return code;
  }
  return "!";
}

// What a region admin's post about a published innovation carries: the
// innovation, the form and the adopting region ("" when none was chosen, so
// the service reports it); otherwise the answer (404, 400, 403 for a region
// the caller does not administer).
struct AdopterPost {
  directory::Innovation innovation;
  http::Params form;
  std::string region;
};
std::variant<AdopterPost, http::Response> adopter_post(const Site& site, const http::Request& req,
                                                       http::RequestContext& ctx) {
  auto i = innovation_of(site, req, ctx);
  if (!i || i->state != "published") return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto region = chosen_region(site, ctx, *form);
  if (region == "!") return error_page(site, req, ctx, 403);
  return AdopterPost{std::move(*i), std::move(*form), region == "?" ? "" : region};
}

}  // namespace

http::Response get_innovation_replication(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto i = innovation_of(site, req, ctx);
  if (!i) return error_page(site, req, ctx, 404);
  return innovation_page(site, req, ctx, *i);
}

http::Response post_replication_offer(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto i = innovation_of(site, req, ctx);
  if (!i) return error_page(site, req, ctx, 404);
  if (!may_edit(grants_of(visitor(ctx)), *i)) return error_page(site, req, ctx, 403);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  replication::Offer o;
  o.willing = form->get_or("willing", "") == "1";
  o.guides = form->get_or("guides", "");
  o.sop = form->get_or("sop", "");
  o.documents = form->get_or("documents", "");
  o.contact = form->get_or("contact", "");
  o.costs = form->get_or("costs", "");
  auto saved = replication_service(site).save_offer(user_id(ctx), *i, o);
  if (!saved) {
    if (saved.error().code() != ErrorCode::invalid)
      return replication_failure(site, req, ctx, "post_replication_offer", saved.error());
    return innovation_page(site, req, ctx, *i, Typed{"offer", &*form, saved.error(), "", 400});
  }
  replication_changed(site);  // the national view lists the innovations open to replication
  return http::Response::redirect("/inovasi/" + std::to_string(i->id) + "/replikasi?pesan=disimpan", 303);
}

http::Response post_replication_request(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto post = adopter_post(site, req, ctx);
  if (auto* answer = std::get_if<http::Response>(&post)) return std::move(*answer);
  auto& [innovation, values, region] = std::get<AdopterPost>(post);
  const auto* i = &innovation;
  const auto* form = &values;
  Request r;
  r.adopter_region_code = region;
  r.requester_about = form->get_or("requester_about", "");
  r.problem = form->get_or("problem", "");
  r.adaptation = form->get_or("adaptation", "");
  r.mode = form->get_or("mode", "");
  auto asked = replication_service(site).ask(user_id(ctx), *i, r);
  if (!asked) {
    const auto& e = asked.error();
    if (e.code() == ErrorCode::invalid) return innovation_page(site, req, ctx, *i, Typed{"ask", &*form, e, "", 400});
    if (e.code() == ErrorCode::conflict) {
      const bool open = e.message().find("(open_request)") != std::string::npos;
      return innovation_page(site, req, ctx, *i,
                             Typed{"ask", &*form, std::nullopt,
                                   open ? "replikasi.alert.open_request" : "replikasi.alert.not_willing", 409});
    }
    return replication_failure(site, req, ctx, "post_replication_request", e);
  }
  return http::Response::redirect(request_path(asked->id) + "?pesan=dikirim", 303);
}

http::Response post_replication_adoption(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto post = adopter_post(site, req, ctx);
  if (auto* answer = std::get_if<http::Response>(&post)) return std::move(*answer);
  auto& [innovation, values, region] = std::get<AdopterPost>(post);
  const auto* i = &innovation;
  const auto* form = &values;
  replication::Adoption a;
  a.adopter_region_code = region;
  a.adopted_on = lumbung::trim(form->get_or("adopted_on", ""));
  a.evidence = form->get_or("evidence", "");
  a.adopted_innovation_id = replication::innovation_reference(form->get_or("adopted_innovation", ""));
  auto recorded = replication_service(site).record_adoption(user_id(ctx), *i, a);
  if (!recorded) {
    if (recorded.error().code() == ErrorCode::invalid)
      return innovation_page(site, req, ctx, *i, Typed{"adoption", &*form, recorded.error(), "", 400});
    return replication_failure(site, req, ctx, "post_replication_adoption", recorded.error());
  }
  return http::Response::redirect("/inovasi/" + std::to_string(i->id) + "/replikasi?pesan=dicatat", 303);
}

http::Response post_adoption_decision(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto svc = replication_service(site);
  auto a = svc.adoption(*id);
  if (!a) return replication_failure(site, req, ctx, "post_adoption_decision", a.error());
  auto i = site.innovations.get(a->innovation_id);
  if (!i) return replication_failure(site, req, ctx, "post_adoption_decision", i.error());
  if (!may_edit(grants_of(visitor(ctx)), *i))
    return error_page(site, req, ctx, may_see(grants_of(visitor(ctx)), *i) ? 403 : 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto decision = form->get_or("decision", "");
  if (decision != "confirm" && decision != "reject") return error_page(site, req, ctx, 400);
  auto decided = svc.decide_adoption(user_id(ctx), *id, decision == "confirm");
  if (!decided) return replication_failure(site, req, ctx, "post_adoption_decision", decided.error());
  replication_changed(site);
  return http::Response::redirect("/inovasi/" + std::to_string(i->id) + "/replikasi?pesan=diputuskan", 303);
}

// ---- a request and its transfer --------------------------------------------

namespace {

struct RequestPage {
  std::optional<Error> error;  // of the action or step form
  std::int64_t step_id = 0;    // the step whose form failed (-1: the edit form)
  const http::Params* values = nullptr;
  std::string alert_key;
  unsigned status = 200;
};

// RequestPage::step_id of the request's edit form.
constexpr std::int64_t kEditForm = -1;

// The request of path parameter {id} with its innovation, when the visitor
// may see it; otherwise the 404 page.
struct Found {
  replication::Transfer transfer;
  directory::Innovation innovation;
};
std::variant<Found, http::Response> request_for(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto t = replication_service(site).transfer(*id);
  if (!t) return replication_failure(site, req, ctx, "get_replication_request", t.error());
  auto i = site.innovations.get(t->request.innovation_id);
  if (!i) return replication_failure(site, req, ctx, "get_replication_request", i.error());
  if (!may_see_request(grants_of(visitor(ctx)), user_id(ctx), *i, t->request)) return error_page(site, req, ctx, 404);
  return Found{std::move(*t), std::move(*i)};
}

http::Response request_page(const Site& site, const http::Request& req, http::RequestContext& ctx, const Found& f,
                            const RequestPage& p = {}) {
  const auto& lang = lang_of(ctx);
  const auto& r = f.transfer.request;
  const auto sides = sides_of(grants_of(visitor(ctx)), f.innovation, r);
  const auto names = names_of(site, {r.origin_region_code, r.adopter_region_code});
  const auto errors = replication_field_errors(site, lang, p.error);
  const auto base = request_path(r.id);

  nlohmann::json model = {
      {"title", fill(site.catalog.text(lang, "replikasi.request_title"), {{"name", f.innovation.name}})},
      {"innovation", f.innovation.name},
      {"innovation_href", innovation_path(f.innovation.id, f.innovation.slug)},
      {"replication_href", "/inovasi/" + std::to_string(f.innovation.id) + "/replikasi"},
      {"origin", name_in(names, r.origin_region_code)},
      {"adopter", name_in(names, r.adopter_region_code)},
      {"about", r.requester_about},
      {"problem", r.problem},
      {"adaptation", r.adaptation},
      {"mode", replication_label(site, lang, "mode", r.mode)},
      {"proposed_mode",
       text_or_false(r.proposed_mode.empty() ? "" : replication_label(site, lang, "mode", r.proposed_mode))},
      {"state", replication_label(site, lang, "state", r.state)},
      {"state_key", r.state},
      {"reason", text_or_false(r.reason)},
      {"date", format_date(r.created_at, lang)},
      {"version", r.version},
      {"action_url", base + "/aksi"}};

  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : replication::actions_for(r.state, sides)) {
    auto t = replication::find_transition(r.state, a, sides);
    nlohmann::json action = {{"action", a},
                             {"label", site.catalog.text(lang, "replikasi.action." + a)},
                             {"needs_reason", t && t->needs_reason},
                             {"needs_mode", t && t->needs_mode},
                             {"complete", a == "complete"},
                             {"primary", a == "accept" || a == "start" || a == "complete"}};
    if (t && t->needs_mode)
      action["modes"] = mode_options(site, lang, p.values ? p.values->get_or("mode", "") : "", r.mode);
    actions.push_back(std::move(action));
  }
  model["actions"] = actions;
  model["has_actions"] = !actions.empty();
  model["errors"] = p.step_id == 0 ? errors : nlohmann::json::object();
  // The sender may still change what it asked until the owner answers.
  if (sides.requester && replication::may_edit_request(r.state)) {
    const bool failed = p.step_id == kEditForm && p.values;
    auto value = [&](const char* field, const std::string& stored) {
      return failed ? p.values->get_or(field, "") : stored;
    };
    model["edit"] = {{"action", base + "/ubah"},
                     {"version", r.version},
                     {"about", value("requester_about", r.requester_about)},
                     {"problem", value("problem", r.problem)},
                     {"adaptation", value("adaptation", r.adaptation)},
                     {"modes", mode_options(site, lang, value("mode", r.mode))},
                     {"open", p.step_id == kEditForm},
                     {"errors", p.step_id == kEditForm ? errors : nlohmann::json::object()}};
  }

  const bool editable = replication::steps_editable(r.state) && (sides.owner || sides.requester);
  nlohmann::json steps = nlohmann::json::array();
  for (const auto& s : f.transfer.steps) {
    nlohmann::json docs = nlohmann::json::array();
    for (const auto& d : f.transfer.documents)
      if (d.step_id == s.id)
        docs.push_back({{"name", d.original_name},
                        {"href", "/replikasi/dokumen/" + std::to_string(d.id)},
                        {"remove", editable ? nlohmann::json("/replikasi/dokumen/" + std::to_string(d.id) + "/hapus")
                                            : nlohmann::json(false)},
                        {"date", format_date(d.created_at, lang)}});
    const bool failed = p.step_id == s.id && p.values;
    auto value = [&](const char* field, const std::string& stored) {
      return failed ? p.values->get_or(field, "") : stored;
    };
    nlohmann::json statuses = nlohmann::json::array();
    for (const auto& st : replication::step_statuses())
      statuses.push_back({{"value", st},
                          {"label", replication_label(site, lang, "step_status", st)},
                          {"selected", st == value("status", s.status)}});
    steps.push_back({{"id", s.id},
                     {"position", s.position},
                     {"name", s.name},
                     {"status", replication_label(site, lang, "step_status", s.status)},
                     {"status_key", s.status},
                     {"start", text_or_false(format_iso_date(s.start_date, lang))},
                     {"end", text_or_false(format_iso_date(s.end_date, lang))},
                     {"notes", text_or_false(s.notes)},
                     {"documents", docs},
                     {"has_documents", !docs.empty()},
                     {"editable", editable},
                     {"action", base + "/langkah/" + std::to_string(s.id)},
                     {"upload", base + "/langkah/" + std::to_string(s.id) + "/dokumen"},
                     {"statuses", statuses},
                     {"start_value", value("start_date", s.start_date)},
                     {"end_value", value("end_date", s.end_date)},
                     {"notes_value", value("notes", s.notes)},
                     {"errors", p.step_id == s.id ? errors : nlohmann::json::object()},
                     {"open", p.step_id == s.id}});
  }
  model["steps"] = steps;
  model["has_steps"] = !steps.empty();

  nlohmann::json history = nlohmann::json::array();
  for (const auto& e : f.transfer.events) {
    std::string note = e.note;
    if (e.action == "counter_propose" || (e.action == "accept" && !note.empty()))
      note = replication_label(site, lang, "mode", note);
    if (const auto tab = note.find('\t'); e.action == "step" && tab != std::string::npos)
      note = note.substr(0, tab) + ": " + replication_label(site, lang, "step_status", note.substr(tab + 1));
    history.push_back({{"what", site.catalog.text(lang, "replikasi.event." + e.action)},
                       {"note", text_or_false(note)},
                       {"when", format_datetime(e.at, lang)}});
  }
  model["history"] = history;
  static const std::map<std::string, std::string> kNotices = {{"dikirim", "replikasi.notice.requested"},
                                                              {"diubah", "replikasi.notice.moved"},
                                                              {"langkah", "replikasi.notice.step_saved"},
                                                              {"dokumen", "replikasi.notice.document_added"},
                                                              {"dokumen-dihapus", "replikasi.notice.document_removed"},
                                                              {"disunting", "replikasi.notice.request_edited"}};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end())
    model["notice"] = site.catalog.text(lang, it->second);
  if (p.error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (!p.alert_key.empty()) model["alert"] = replication_error_text(site, lang, p.alert_key);
  auto response = render_page(site, req, ctx, "replikasi/permintaan", std::move(model), p.status);
  response.cacheable = false;
  return response;
}

// The answer to a failed move or step change.
http::Response refused(const Site& site, const http::Request& req, http::RequestContext& ctx, const Found& f,
                       const Error& e, const http::Params& form, std::int64_t step_id) {
  switch (e.code()) {
    case ErrorCode::invalid:
      return request_page(site, req, ctx, f, {e, step_id, &form, "", 400});
    case ErrorCode::conflict:
      return request_page(site, req, ctx, f, {std::nullopt, 0, nullptr, "replikasi.alert.conflict", 409});
    case ErrorCode::forbidden:
      return error_page(site, req, ctx, 403);
    default:
      return replication_failure(site, req, ctx, "replication_request", e);
  }
}

}  // namespace

http::Response get_replication_request(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = request_for(site, req, ctx);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  return request_page(site, req, ctx, std::get<Found>(found));
}

http::Response post_replication_move(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = request_for(site, req, ctx);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& f = std::get<Found>(found);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  replication::Move m;
  m.action = form->get_or("action", "");
  if (!replication::is_action(m.action)) return error_page(site, req, ctx, 400);
  m.expected_version = parse_id(form->get_or("version", "")).value_or(0);
  m.mode = form->get_or("mode", "");
  m.reason = form->get_or("reason", "");
  if (m.action == "complete")
    m.adopted_innovation_id = replication::innovation_reference(form->get_or("adopted_innovation", ""));
  const auto sides = sides_of(grants_of(visitor(ctx)), f.innovation, f.transfer.request);
  auto moved = replication_service(site).move(user_id(ctx), sides, f.transfer.request.id, m);
  if (!moved) {
    if (moved.error().code() == ErrorCode::invalid || moved.error().code() == ErrorCode::conflict) {
      // Show the request as it is now.
      auto again = request_for(site, req, ctx);
      if (auto* r = std::get_if<http::Response>(&again)) return std::move(*r);
      return refused(site, req, ctx, std::get<Found>(again), moved.error(), *form, 0);
    }
    return refused(site, req, ctx, f, moved.error(), *form, 0);
  }
  if (m.action == "complete") replication_changed(site);  // a completed transfer is a new adoption
  return http::Response::redirect(request_path(moved->id) + "?pesan=diubah", 303);
}

http::Response post_replication_step(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = request_for(site, req, ctx);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& f = std::get<Found>(found);
  auto step_id = parse_id(req.path_params.at("step"));
  if (!step_id) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  replication::Step s;
  s.id = *step_id;
  s.status = form->get_or("status", "");
  s.start_date = lumbung::trim(form->get_or("start_date", ""));
  s.end_date = lumbung::trim(form->get_or("end_date", ""));
  s.notes = form->get_or("notes", "");
  const auto sides = sides_of(grants_of(visitor(ctx)), f.innovation, f.transfer.request);
  auto saved = replication_service(site).update_step(user_id(ctx), sides, f.transfer.request.id, s);
  if (!saved) return refused(site, req, ctx, f, saved.error(), *form, *step_id);
  return http::Response::redirect(
      request_path(f.transfer.request.id) + "?pesan=langkah#langkah-" + std::to_string(*step_id), 303);
}

http::Response post_replication_document(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = request_for(site, req, ctx);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& f = std::get<Found>(found);
  auto step_id = parse_id(req.path_params.at("step"));
  if (!step_id) return error_page(site, req, ctx, 404);
  auto parts = req.multipart();
  const http::Part* file = nullptr;
  if (parts)
    for (const auto& part : *parts)
      if (part.name == "file") file = &part;
  if (!file) return request_page(site, req, ctx, f, {std::nullopt, 0, nullptr, "editor.file_missing", 400});
  const auto sides = sides_of(grants_of(visitor(ctx)), f.innovation, f.transfer.request);
  auto added = replication_service(site).add_document(user_id(ctx), sides, f.transfer.request.id, *step_id,
                                                      file->filename, file->data, site.config.max_upload_bytes);
  if (!added) {
    const auto& e = added.error();
    if (e.code() == ErrorCode::invalid && !e.fields().empty())
      return request_page(site, req, ctx, f, {std::nullopt, 0, nullptr, e.fields().front().key, 400});
    return refused(site, req, ctx, f, e, http::Params{}, 0);
  }
  return http::Response::redirect(
      request_path(f.transfer.request.id) + "?pesan=dokumen#langkah-" + std::to_string(*step_id), 303);
}

http::Response post_replication_edit(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = request_for(site, req, ctx);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& f = std::get<Found>(found);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  Request changes;
  changes.requester_about = form->get_or("requester_about", "");
  changes.problem = form->get_or("problem", "");
  changes.adaptation = form->get_or("adaptation", "");
  changes.mode = form->get_or("mode", "");
  const auto sides = sides_of(grants_of(visitor(ctx)), f.innovation, f.transfer.request);
  auto edited = replication_service(site).edit_request(user_id(ctx), sides, f.transfer.request.id, changes,
                                                       parse_id(form->get_or("version", "")).value_or(0));
  if (!edited) {
    if (edited.error().code() == ErrorCode::invalid)
      return request_page(site, req, ctx, f, {edited.error(), kEditForm, &*form, "", 400});
    return refused(site, req, ctx, f, edited.error(), *form, 0);
  }
  return http::Response::redirect(request_path(edited->id) + "?pesan=disunting", 303);
}

// The document of path parameter {id} with its request and innovation, when
// the visitor may see the request; otherwise the answer to give.
struct DocumentFound {
  replication::Document document;
  Found found;
};
std::variant<DocumentFound, http::Response> document_for(const Site& site, const http::Request& req,
                                                         http::RequestContext& ctx, const char* op) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto svc = replication_service(site);
  auto d = svc.document(*id);
  if (!d) return replication_failure(site, req, ctx, op, d.error());
  auto t = svc.transfer(d->request_id);
  if (!t) return replication_failure(site, req, ctx, op, t.error());
  auto i = site.innovations.get(t->request.innovation_id);
  if (!i) return replication_failure(site, req, ctx, op, i.error());
  if (!may_see_request(grants_of(visitor(ctx)), user_id(ctx), *i, t->request)) return error_page(site, req, ctx, 404);
  return DocumentFound{std::move(*d), Found{std::move(*t), std::move(*i)}};
}

http::Response post_replication_document_remove(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = document_for(site, req, ctx, "post_replication_document_remove");
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  auto& [d, f] = std::get<DocumentFound>(found);
  const auto sides = sides_of(grants_of(visitor(ctx)), f.innovation, f.transfer.request);
  if (auto st = replication_service(site).remove_document(user_id(ctx), sides, d.request_id, d.id); !st)
    return refused(site, req, ctx, f, st.error(), http::Params{}, 0);
  return http::Response::redirect(
      request_path(d.request_id) + "?pesan=dokumen-dihapus#langkah-" + std::to_string(d.step_id), 303);
}

http::Response get_replication_document(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = document_for(site, req, ctx, "get_replication_document");
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto* d = &std::get<DocumentFound>(found).document;
  auto svc = replication_service(site);
  std::ifstream in(svc.path_of(*d), std::ios::binary);
  if (!in) {
    site.log->error("{} replication document {}: file {} missing", ctx.request_id, d->id, d->stored_name);
    return error_page(site, req, ctx, 404);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  http::Response r;
  r.content_type = d->media_type;
  r.body = bytes.str();
  r.cacheable = false;
  r.header("Cache-Control", "private, no-store");
  r.header("Content-Disposition", "inline; filename*=UTF-8''" + url_encode(d->original_name));
  return r;
}

http::Response get_replication_requests(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  const auto& v = visitor(ctx);
  const auto grants = grants_of(v);
  replication::RequestQuery q;
  q.everyone = may_publish(grants);
  q.adopter_regions = admin_regions(grants);
  // The owner side: the region's admins and its participants (who may edit its innovations).
  q.origin_regions = admin_regions(grants);
  for (const auto& g : grants)
    if (g.role == auth::Role::participant && g.scope.kind == auth::ScopeKind::region &&
        std::find(q.origin_regions.begin(), q.origin_regions.end(), g.scope.ref) == q.origin_regions.end())
      q.origin_regions.push_back(g.scope.ref);
  q.requester_id = user_id(ctx);
  auto found = replication_service(site).requests(q);
  if (!found) return replication_failure(site, req, ctx, "get_replication_requests", found.error());
  std::vector<std::string> codes;
  std::map<std::int64_t, directory::Innovation> innovations;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : *found) {
    codes.push_back(r.origin_region_code);
    codes.push_back(r.adopter_region_code);
  }
  const auto names = names_of(site, codes);
  for (const auto& r : *found) {
    if (!innovations.count(r.innovation_id)) {
      auto i = site.innovations.get(r.innovation_id);
      if (!i) continue;
      innovations.emplace(r.innovation_id, std::move(*i));
    }
    rows.push_back(request_row(site, lang, r, names, innovations.at(r.innovation_id).name));
  }
  nlohmann::json model = {
      {"title_key", "replikasi.requests_title"}, {"requests", rows}, {"has_requests", !rows.empty()}};
  auto r = render_page(site, req, ctx, "replikasi/permintaan_daftar", std::move(model));
  r.cacheable = false;
  return r;
}

// ---- the national view ------------------------------------------------------

namespace {

// The list under the matrix shows the newest pairs; the CSV has them all.
constexpr int kListedPairs = 100;
// Innovations open to replication listed on the view (newest statements first).
constexpr int kListedWilling = 30;

struct ViewQuery {
  std::string sector;
  int year = 0;
};

ViewQuery view_query(const http::Request& req) {
  ViewQuery q;
  const auto sector = req.query.get_or("urusan", "");
  if (is_sector_key(sector)) q.sector = sector;
  const auto year = parse_id(req.query.get_or("tahun", ""));
  if (year && *year >= 1900 && *year <= 2999) q.year = static_cast<int>(*year);
  return q;
}

// A CSV field: quoted when needed; a leading = + - @ is neutralised so a
// spreadsheet never runs it as a formula.
std::string csv_field(std::string s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s = "'" + s;
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

namespace {

// The body of /replikasi for one filter, language and signed-in or not.
Result<std::string> render_view_body(const Site& site, const std::string& lang, const ViewQuery& q, bool logged_in) {
  auto data = view_cache().at(q.sector + "|" + std::to_string(q.year)).get([&]() -> Result<ViewData> {
    auto svc = replication_service(site);
    ViewData d;
    auto pairs = svc.pairs(q.sector, q.year, kListedPairs);
    if (!pairs) return pairs.error();
    d.pairs = std::move(*pairs);
    auto counted = svc.province_pairs(q.sector, q.year);
    if (!counted) return counted.error();
    d.counted = std::move(*counted);
    auto willing = svc.willing(q.sector, kListedWilling);
    if (!willing) return willing.error();
    d.willing = std::move(*willing);
    auto provinces = cached_regions(site, "");
    if (!provinces) return provinces.error();
    for (const auto& p : *provinces) d.province_names[p.code] = p.name;
    return d;
  });
  if (!data) return data.error();
  const auto* pairs = &data->pairs;
  const auto* counted = &data->counted;
  const auto& province_names = data->province_names;
  nlohmann::json open = nlohmann::json::array();
  for (const auto& w : data->willing)
    open.push_back(
        {{"name", w.name}, {"href", innovation_path(w.id, w.slug) + "/replikasi"}, {"region", w.region_name}});

  std::set<std::string> origins, adopters;
  std::map<std::pair<std::string, std::string>, std::int64_t> cells;
  std::int64_t all = 0;
  for (const auto& c : *counted) {
    origins.insert(c.origin_province);
    adopters.insert(c.adopter_province);
    cells[{c.origin_province, c.adopter_province}] = c.adoptions;
    all += c.adoptions;
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : *pairs) {
    list.push_back({{"innovation", p.innovation_name},
                    {"href", innovation_path(p.adoption.innovation_id, p.innovation_slug)},
                    {"origin", p.origin_name},
                    {"adopter", p.adopter_name},
                    {"sector", vocabulary_label(site.catalog, lang, "sector", p.sector)},
                    {"date", format_iso_date(p.adoption.adopted_on, lang)},
                    {"outside", p.adoption.request_id == 0}});
  }
  nlohmann::json columns = nlohmann::json::array();
  for (const auto& a : adopters) columns.push_back({{"name", name_in(province_names, a)}});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& o : origins) {
    nlohmann::json row_cells = nlohmann::json::array();
    std::int64_t total = 0;
    for (const auto& a : adopters) {
      const std::int64_t n = cells.count({o, a}) ? cells[{o, a}] : 0;
      total += n;
      row_cells.push_back({{"n", n}, {"empty", n == 0}});
    }
    rows.push_back({{"name", name_in(province_names, o)}, {"cells", row_cells}, {"total", total}});
  }
  nlohmann::json sectors = nlohmann::json::array();
  for (const auto& s : sector_keys())
    sectors.push_back(
        {{"value", s}, {"label", vocabulary_label(site.catalog, lang, "sector", s)}, {"selected", s == q.sector}});
  std::string export_href = "/replikasi/ekspor";
  std::string sep = "?";
  if (!q.sector.empty()) export_href += sep + "urusan=" + url_encode(q.sector), sep = "&";
  if (q.year > 0) export_href += sep + "tahun=" + std::to_string(q.year);
  nlohmann::json model = {
      {"sectors", sectors},
      {"year", q.year > 0 ? std::to_string(q.year) : ""},
      {"columns", columns},
      {"rows", rows},
      {"has_pairs", !list.empty()},
      {"willing", open},
      {"has_willing", !open.empty()},
      {"more",
       all > static_cast<std::int64_t>(list.size())
           ? nlohmann::json(fill(site.catalog.text(lang, "replikasi.view.more"), {{"n", std::to_string(list.size())}}))
           : nlohmann::json(false)},
      {"pairs", list},
      {"count", fill(site.catalog.text(lang, "replikasi.view.count"), {{"n", std::to_string(all)}})},
      {"export_href", export_href},
      {"logged_in", logged_in},
      {"title", site.catalog.text(lang, "replikasi.view_title")}};
  return site.views.render("replikasi/peta", lang, model);
}

}  // namespace

http::Response get_replication_view(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  const auto q = view_query(req);
  const bool logged_in = visitor(ctx).user.has_value();
  const auto key = q.sector + "|" + std::to_string(q.year) + "|" + lang + "|" + (logged_in ? "1" : "0");
  auto body = view_cache().bodies().get(key, [&] { return render_view_body(site, lang, q, logged_in); });
  if (!body) return replication_failure(site, req, ctx, "get_replication_view", body.error());
  return render_around(site, req, ctx, *body, {{"title_key", "replikasi.view_title"}});
}

http::Response get_replication_export(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto q = view_query(req);
  auto pairs = replication_service(site).pairs(q.sector, q.year);
  if (!pairs) return replication_failure(site, req, ctx, "get_replication_export", pairs.error());
  std::string out =
      "innovation_id,innovation,sector,origin_region_code,origin_region,adopter_region_code,adopter_region,"
      "adopted_on,via,adopted_innovation_id\r\n";
  for (const auto& p : *pairs) {
    const auto& a = p.adoption;
    out += std::to_string(a.innovation_id) + "," + csv_field(p.innovation_name) + "," + csv_field(p.sector) + "," +
           csv_field(a.origin_region_code) + "," + csv_field(p.origin_name) + "," + csv_field(a.adopter_region_code) +
           "," + csv_field(p.adopter_name) + "," + csv_field(a.adopted_on) + "," +
           (a.request_id == 0 ? "outside" : "lumbung") + "," +
           (a.adopted_innovation_id > 0 ? std::to_string(a.adopted_innovation_id) : "") + "\r\n";
  }
  http::Response r;
  r.content_type = "text/csv; charset=utf-8";
  r.body = std::move(out);
  r.header("Content-Disposition", "attachment; filename=\"replikasi.csv\"");
  return r;
}

// ---- the curators' step template -------------------------------------------

namespace {

http::Response template_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                             const std::string& steps, const std::optional<Error>& error, unsigned status) {
  const auto& lang = lang_of(ctx);
  const auto& v = visitor(ctx);
  nlohmann::json model = {{"title_key", "replikasi.template_title"},
                          {"is_admin", has_role(v, auth::Role::admin)},
                          {"is_curator", has_role(v, auth::Role::curator)},
                          {"tab_replication", true},
                          {"steps", steps}};
  const auto errors = replication_field_errors(site, lang, error);
  if (errors.contains("steps")) model["steps_error"] = errors["steps"];
  if (error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (req.query.get_or("pesan", "") == "disimpan")
    model["notice"] = site.catalog.text(lang, "replikasi.notice.template_saved");
  auto r = render_page(site, req, ctx, "replikasi/langkah", std::move(model), status);
  r.cacheable = false;
  return r;
}

}  // namespace

http::Response get_step_template(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto names = replication_service(site).step_template();
  if (!names) return replication_failure(site, req, ctx, "get_step_template", names.error());
  std::string text;
  for (const auto& n : *names) text += (text.empty() ? "" : "\n") + n;
  return template_page(site, req, ctx, text, std::nullopt, 200);
}

http::Response post_step_template(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto text = form->get_or("steps", "");
  std::vector<std::string> names;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) names.push_back(line);
  auto saved = replication_service(site).save_step_template(user_id(ctx), names);
  if (!saved) {
    if (saved.error().code() != ErrorCode::invalid)
      return replication_failure(site, req, ctx, "post_step_template", saved.error());
    return template_page(site, req, ctx, text, saved.error(), 400);
  }
  return http::Response::redirect("/kurasi/replikasi/langkah?pesan=disimpan", 303);
}

void register_replication_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  const std::string curators = "role:curator,admin";
  const std::string region_admins = "role:region_admin,admin";
  // clang-format off
  // method  pattern                                          handler                        access
  router.get("/inovasi/{id}/replikasi",                       "get_innovation_replication",  "public", bind(get_innovation_replication));
  router.post("/inovasi/{id}/replikasi/kesediaan",            "post_replication_offer",      "user",   bind(post_replication_offer));
  router.post("/inovasi/{id}/replikasi/permintaan",           "post_replication_request",    region_admins, bind(post_replication_request));
  router.post("/inovasi/{id}/replikasi/adopsi",               "post_replication_adoption",   region_admins, bind(post_replication_adoption));
  router.post("/replikasi/adopsi/{id}/keputusan",             "post_adoption_decision",      "user",   bind(post_adoption_decision));
  router.get("/replikasi",                                    "get_replication_view",        "public", bind(get_replication_view));
  router.get("/replikasi/ekspor",                             "get_replication_export",      "public", bind(get_replication_export));
  router.get("/replikasi/permintaan",                         "get_replication_requests",    "user",   bind(get_replication_requests));
  router.get("/replikasi/permintaan/{id}",                    "get_replication_request",     "user",   bind(get_replication_request));
  router.post("/replikasi/permintaan/{id}/aksi",              "post_replication_move",       "user",   bind(post_replication_move));
  router.post("/replikasi/permintaan/{id}/langkah/{step}",    "post_replication_step",       "user",   bind(post_replication_step));
  router.post("/replikasi/permintaan/{id}/langkah/{step}/dokumen", "post_replication_document", "user", bind(post_replication_document));
  router.get("/replikasi/dokumen/{id}",                       "get_replication_document",    "user",   bind(get_replication_document));
  router.post("/replikasi/dokumen/{id}/hapus",                "post_replication_document_remove", "user", bind(post_replication_document_remove));
  router.post("/replikasi/permintaan/{id}/ubah",              "post_replication_edit",       "user",   bind(post_replication_edit));
  router.get("/kurasi/replikasi/langkah",                     "get_step_template",           curators, bind(get_step_template));
  router.post("/kurasi/replikasi/langkah",                    "post_step_template",          curators, bind(post_step_template));
  // clang-format on
  register_hub_pages(router, site);
}

}  // namespace lumbung::web
