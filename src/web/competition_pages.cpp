// Competitions, public and participant pages: the list of calls, a call,
// an agency's entry form (new and edit; the server counts words on every
// save), an entry as its agency, judge or the secretariat sees it (with the
// judge's scoring form), the panel / plenary view, finalists with the public
// objection form, and results by cluster. The secretariat's pages are in
// competition_admin_pages.cpp. Scope checks live in CompetitionService.
#include <algorithm>
#include <set>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "web/competition_view.hpp"
#include "web/innovation_view.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

// competition_admin_pages.cpp
void register_competition_admin_pages(http::Router& router, const Site& site);

namespace {

using namespace comp;
using competition::Entry;

nlohmann::json choices(const std::vector<std::string>& values, const std::string& selected,
                       const std::function<std::string(const std::string&)>& label) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : values) out.push_back({{"value", v}, {"label", label(v)}, {"selected", v == selected}});
  return out;
}

// Regions the caller may enter for: their region_admin / participant grants.
std::vector<std::string> own_regions(const std::vector<auth::Grant>& grants) {
  std::vector<std::string> out;
  for (const auto& g : grants)
    if ((g.role == auth::Role::region_admin || g.role == auth::Role::participant) &&
        g.scope.kind == auth::ScopeKind::region && std::find(out.begin(), out.end(), g.scope.ref) == out.end())
      out.push_back(g.scope.ref);
  return out;
}

bool may_enter_somewhere(const std::vector<auth::Grant>& grants) {
  if (competition::manages(grants)) return true;
  return std::any_of(grants.begin(), grants.end(), [](const auth::Grant& g) {
    return g.role == auth::Role::region_admin ||
           (g.role == auth::Role::participant &&
            (g.scope.kind == auth::ScopeKind::region || g.scope.kind == auth::ScopeKind::unit));
  });
}

competition::EntryInput read_entry(const http::Params& form, const competition::Config& config) {
  competition::EntryInput in;
  in.region_code = trim(form.get_or("region_code", ""));
  in.unit_id = parse_id(form.get_or("unit_id", "")).value_or(0);
  in.cluster = form.get_or("cluster", "");
  in.group_name = form.get_or("group_name", "");
  in.category = form.get_or("category", "");
  in.title = form.get_or("title", "");
  in.innovation_id = parse_id(trim(form.get_or("innovation_id", ""))).value_or(0);
  in.started_on = form.get_or("started_on", "");
  for (const auto& a : config.aspects) in.answers[a.key] = form.get_or("answer_" + a.key, "");
  for (const auto& a : config.attachments) in.attachments[a.key] = form.get_or("attachment_" + a.key, "");
  return in;
}

competition::EntryInput input_of(const Entry& e) {
  competition::EntryInput in;
  in.region_code = e.region_code;
  in.unit_id = e.unit_id;
  in.cluster = e.cluster;
  in.group_name = e.group_name;
  in.category = e.category;
  in.title = e.title;
  in.innovation_id = e.innovation_id;
  in.started_on = e.started_on;
  in.answers = e.answers;
  in.attachments = e.attachments;
  return in;
}

// The entry form's fields, with what was typed and the errors.
nlohmann::json entry_form_json(const Site& site, const std::string& lang, const competition::Competition& c,
                               const competition::EntryInput& in, const nlohmann::json& errors) {
  const auto err = [&](const std::string& k) { return errors.contains(k) ? errors[k] : nlohmann::json(false); };
  nlohmann::json aspects = nlohmann::json::array();
  for (const auto& a : c.config.aspects) {
    auto it = in.answers.find(a.key);
    const std::string value = it == in.answers.end() ? "" : it->second;
    const int words = competition::word_count(value);
    aspects.push_back({{"key", a.key},
                       {"label", a.label},
                       {"weight", a.weight},
                       {"limit", a.word_limit},
                       {"value", value},
                       {"words", words},
                       {"over", words > a.word_limit},
                       {"error", err("answer_" + a.key)}});
  }
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& a : c.config.attachments) {
    auto it = in.attachments.find(a.key);
    attachments.push_back({{"key", a.key},
                           {"label", a.label},
                           {"value", it == in.attachments.end() ? "" : it->second},
                           {"error", err("attachment_" + a.key)}});
  }
  nlohmann::json f = nlohmann::json::object();
  f["title"] = {{"value", in.title}, {"error", err("title")}};
  f["region_code"] = {{"value", in.region_code}, {"error", err("region_code")}};
  f["innovation_id"] = {{"value", in.innovation_id ? std::to_string(in.innovation_id) : ""},
                        {"error", err("innovation_id")}};
  f["started_on"] = {{"value", in.started_on}, {"error", err("started_on")}};
  f["cluster"] = {{"error", err("cluster")}};
  f["group_name"] = {{"error", err("group_name")}};
  f["category"] = {{"error", err("category")}};
  nlohmann::json cluster_choices =
      choices(competition::clusters(), in.cluster, [&](const std::string& v) { return cluster_label(site, lang, v); });
  nlohmann::json automatic = {
      {"value", ""}, {"label", site.catalog.text(lang, "competition.cluster.auto")}, {"selected", in.cluster.empty()}};
  cluster_choices.insert(cluster_choices.begin(), automatic);
  return {{"f", f},
          {"aspects", aspects},
          {"attachments", attachments},
          {"has_attachments", !attachments.empty()},
          {"clusters", cluster_choices},
          {"groups", choices(c.config.groups, in.group_name, [](const std::string& v) { return v; })},
          {"categories", choices(c.config.categories, in.category, [](const std::string& v) { return v; })},
          {"submit_error", err("submit")}};
}

http::Response entry_form_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                               const competition::Competition& c, const Entry* existing,
                               const competition::EntryInput& in, const std::optional<Error>& error) {
  const auto& lang = lang_of(ctx);
  auto errors = field_messages(site, lang, error);
  nlohmann::json model = entry_form_json(site, lang, c, in, errors);
  model["competition"] = competition_json(site, lang, c);
  model["title"] = existing ? existing->title : site.catalog.text(lang, "competition.entry.new_title");
  model["action"] = existing ? entry_path(c.id, existing->id) : competition_path(c.id, "proposal");
  if (existing) model["withdraw"] = entry_path(c.id, existing->id, "tarik");
  model["regions"] = own_regions(grants_of(visitor(ctx)));
  if (error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  auto r = render_page(site, req, ctx, "competition/proposal_form", std::move(model), error ? 400 : 200);
  r.cacheable = false;
  return r;
}

// An entry page that is not the agency's edit form: the proposal read-only,
// the judge's scoring form, the state.
http::Response entry_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                          const competition::Competition& c, const Entry& e, const std::optional<Error>& error,
                          const http::Params* typed) {
  const auto& lang = lang_of(ctx);
  const auto actor = actor_of(req, ctx);
  nlohmann::json model = {{"title", e.title}, {"competition", competition_json(site, lang, c)}};
  nlohmann::json answers = nlohmann::json::array();
  for (const auto& a : c.config.aspects) {
    auto it = e.answers.find(a.key);
    const std::string text = it == e.answers.end() ? "" : it->second;
    answers.push_back(
        {{"label", a.label}, {"weight", a.weight}, {"text", text}, {"words", competition::word_count(text)}});
  }
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& a : c.config.attachments) {
    auto it = e.attachments.find(a.key);
    const std::string link = it == e.attachments.end() ? "" : it->second;
    attachments.push_back({{"label", a.label}, {"link", link}, {"has_link", !link.empty()}});
  }
  model["entry"] = {
      {"id", e.id},
      {"title", e.title},
      {"region", e.region_name.empty() ? e.region_code : e.region_name},
      {"cluster", cluster_label(site, lang, e.cluster)},
      {"group", e.group_name},
      {"category", e.category},
      {"started_on", format_iso_date(e.started_on, lang)},
      {"state", state_label(site, lang, e.state)},
      {"reason",
       text_or_false(e.admin_reason.empty() ? "" : site.catalog.text(lang, "competition.reason." + e.admin_reason))},
      {"has_reason", !e.admin_reason.empty()},
      {"answers", answers},
      {"attachments", attachments},
      {"desk_score", text_or_false(e.desk_score ? points(e.desk_score, lang) : "")},
      {"final_score", text_or_false(e.final_score ? points(e.final_score, lang) : "")},
      {"award", text_or_false(e.award)}};
  const bool agency = competition::may_enter(actor.grants, e.region_code, e.unit_id);
  if (agency && c.phase == "registration" && (e.state == "draft" || e.state == "submitted"))
    model["withdraw"] = entry_path(c.id, e.id, "tarik");
  if (competition::manages(actor.grants)) model["manage"] = manage_path(c.id);
  // The judge's scoring form in the desk and presentation rounds.
  if (competition::is_judge(actor.grants)) {
    std::string stage;
    if (c.phase == "desk" && e.state == "passed") stage = "desk";
    if (c.phase == "presentation" && e.state == "finalist") stage = "presentation";
    if (!stage.empty()) {
      auto mine = site.competitions->my_scores(actor, e.id);
      std::map<std::string, int> given;
      if (mine)
        for (const auto& s : *mine)
          if (s.stage == stage) given[s.aspect] = s.score;
      const auto errors = field_messages(site, lang, error);
      nlohmann::json rows = nlohmann::json::array();
      const auto row = [&](const std::string& key, const std::string& label, int weight) {
        std::string value = given.contains(key) ? std::to_string(given[key]) : "";
        if (typed) value = typed->get_or("score_" + key, "");
        rows.push_back({{"key", key},
                        {"label", label},
                        {"weight", weight},
                        {"value", value},
                        {"error", errors.contains("score_" + key) ? errors["score_" + key] : nlohmann::json(false)}});
      };
      if (stage == "desk") {
        for (const auto& a : c.config.aspects)
          if (a.weight > 0) row(a.key, a.label, a.weight);
      } else {
        row("presentation", site.catalog.text(lang, "competition.score.presentation"), 30);
      }
      model["scoring"] = {{"stage", stage},
                          {"rows", rows},
                          {"action", entry_path(c.id, e.id, "nilai")},
                          {"scored", !given.empty()},
                          {"presentation", stage == "presentation"}};
    }
  }
  if (error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  const auto pesan = req.query.get_or("pesan", "");
  if (pesan == "tersimpan" || pesan == "diajukan" || pesan == "dinilai")
    model["notice"] = site.catalog.text(lang, "competition.notice." + pesan);
  auto r = render_page(site, req, ctx, "competition/proposal", std::move(model), error ? 400 : 200);
  r.cacheable = false;
  return r;
}

// Loads the competition of the path; nullopt + response when it fails.
struct Loaded {
  std::optional<competition::Competition> c;
  std::optional<http::Response> failure;
};
Loaded load(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = id_param(req, "id");
  if (!id) return {std::nullopt, error_page(site, req, ctx, 404)};
  auto c = site.competitions->get(*id);
  if (!c) return {std::nullopt, failure_page(site, req, ctx, c.error())};
  return {*c, std::nullopt};
}

// The entry of the path, as the caller may see it, in the path's competition.
Result<Entry> load_entry(const Site& site, const http::Request& req, http::RequestContext& ctx,
                         const competition::Competition& c) {
  auto id = id_param(req, "entry");
  if (!id) return Error(ErrorCode::not_found, "entry: bad id");
  auto e = site.competitions->get_entry(actor_of(req, ctx), *id);
  if (!e) return e.error();
  if (e->competition_id != c.id) return Error(ErrorCode::not_found, "entry: other competition");
  return e;
}

http::Response get_competitions(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto list = site.competitions->list();
  if (!list) return failure_page(site, req, ctx, list.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& c : *list) rows.push_back(competition_json(site, lang, c));
  nlohmann::json model = {{"title_key", "competition.list_title"},
                          {"competitions", rows},
                          {"has_competitions", !rows.empty()},
                          {"may_create", competition::manages(grants_of(visitor(ctx)))}};
  return render_page(site, req, ctx, "competition/daftar", std::move(model));
}

http::Response get_competition(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto loaded = load(site, req, ctx);
  if (loaded.failure) return *loaded.failure;
  const auto& c = *loaded.c;
  const auto actor = actor_of(req, ctx);
  nlohmann::json model = {{"title", c.name}, {"competition", competition_json(site, lang, c)}};
  if (actor.user_id != 0) {
    auto entries = site.competitions->entries(actor, c.id);
    if (!entries) return failure_page(site, req, ctx, entries.error());
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& e : *entries)
      rows.push_back({{"title", e.title},
                      {"href", entry_path(c.id, e.id)},
                      {"region", e.region_name},
                      {"state", state_label(site, lang, e.state)}});
    model["entries"] = rows;
    model["has_entries"] = !rows.empty();
    model["may_enter"] = c.phase == "registration" && may_enter_somewhere(actor.grants);
    model["judge"] = competition::is_judge(actor.grants) || competition::manages(actor.grants);
    if (competition::manages(actor.grants)) model["manage"] = manage_path(c.id);
  }
  model["new_entry"] = competition_path(c.id, "proposal/baru");
  model["panel"] = competition_path(c.id, "panel");
  model["finalists"] = competition_path(c.id, "finalis");
  model["results"] = competition_path(c.id, "hasil");
  if (req.query.get_or("pesan", "") == "ditarik")
    model["notice"] = site.catalog.text(lang, "competition.notice.ditarik");
  auto r = render_page(site, req, ctx, "competition/lihat", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response get_new_entry(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto loaded = load(site, req, ctx);
  if (loaded.failure) return *loaded.failure;
  if (loaded.c->phase != "registration")
    return error_page(site, req, ctx, 409, "competition.error.registration_closed");
  competition::EntryInput in;
  const auto regions = own_regions(grants_of(visitor(ctx)));
  if (!regions.empty()) in.region_code = regions.front();
  if (!loaded.c->config.groups.empty()) in.group_name = loaded.c->config.groups.front();
  return entry_form_page(site, req, ctx, *loaded.c, nullptr, in, std::nullopt);
}

http::Response save(const Site& site, const http::Request& req, http::RequestContext& ctx, std::int64_t entry_id) {
  auto loaded = load(site, req, ctx);
  if (loaded.failure) return *loaded.failure;
  const auto& c = *loaded.c;
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  std::optional<Entry> existing;
  if (entry_id != 0) {
    auto e = load_entry(site, req, ctx, c);
    if (!e) return failure_page(site, req, ctx, e.error());
    existing = *e;
  }
  const auto in = read_entry(*form, c.config);
  const bool submit = form->get_or("action", "save") == "submit";
  auto saved = site.competitions->save_entry(actor_of(req, ctx), c.id, entry_id, in, submit);
  if (!saved) {
    if (saved.error().code() != ErrorCode::invalid && saved.error().code() != ErrorCode::conflict)
      return failure_page(site, req, ctx, saved.error());
    // Nothing typed is lost: the form comes back with the messages.
    return entry_form_page(site, req, ctx, c, existing ? &*existing : nullptr, in, saved.error());
  }
  return http::Response::redirect(entry_path(c.id, saved->id) + (submit ? "?pesan=diajukan" : "?pesan=tersimpan"), 303);
}

http::Response post_new_entry(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return save(site, req, ctx, 0);
}

http::Response post_entry(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = id_param(req, "entry");
  if (!id) return error_page(site, req, ctx, 404);
  return save(site, req, ctx, *id);
}

http::Response get_entry(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto loaded = load(site, req, ctx);
  if (loaded.failure) return *loaded.failure;
  const auto& c = *loaded.c;
  auto e = load_entry(site, req, ctx, c);
  if (!e) return failure_page(site, req, ctx, e.error());
  const auto actor = actor_of(req, ctx);
  const bool writer =
      competition::may_enter(actor.grants, e->region_code, e->unit_id) || competition::manages(actor.grants);
  if (writer && e->state == "draft" && c.phase == "registration") {
    auto page = entry_form_page(site, req, ctx, c, &*e, input_of(*e), std::nullopt);
    return page;
  }
  return entry_page(site, req, ctx, c, *e, std::nullopt, nullptr);
}

http::Response post_withdraw(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto loaded = load(site, req, ctx);
  if (loaded.failure) return *loaded.failure;
  auto e = load_entry(site, req, ctx, *loaded.c);
  if (!e) return failure_page(site, req, ctx, e.error());
  auto done = site.competitions->withdraw_entry(actor_of(req, ctx), e->id);
  if (!done) return failure_page(site, req, ctx, done.error());
  return http::Response::redirect(competition_path(loaded.c->id) + "?pesan=ditarik", 303);
}

http::Response post_score(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto loaded = load(site, req, ctx);
  if (loaded.failure) return *loaded.failure;
  const auto& c = *loaded.c;
  auto e = load_entry(site, req, ctx, c);
  if (!e) return failure_page(site, req, ctx, e.error());
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto stage = form->get_or("stage", "");
  std::map<std::string, int> scores;
  std::vector<FieldError> bad;
  for (const auto& [k, v] : form->items()) {
    if (k.rfind("score_", 0) != 0) continue;
    const auto text = trim(v);
    if (text.empty()) continue;
    auto n = parse_id(text);
    if (text == "0") n = 0;
    if (!n || *n > 100)
      bad.push_back({k, "competition.error.score"});
    else
      scores[k.substr(6)] = static_cast<int>(*n);
  }
  if (!bad.empty()) return entry_page(site, req, ctx, c, *e, Error(ErrorCode::invalid, "score: invalid", bad), &*form);
  auto st = site.competitions->score(actor_of(req, ctx), e->id, stage, scores);
  if (!st) {
    if (st.error().code() == ErrorCode::invalid) return entry_page(site, req, ctx, c, *e, st.error(), &*form);
    return failure_page(site, req, ctx, st.error());
  }
  return http::Response::redirect(entry_path(c.id, e->id) + "?pesan=dinilai", 303);
}

http::Response get_panel(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto loaded = load(site, req, ctx);
  if (loaded.failure) return *loaded.failure;
  const auto& c = *loaded.c;
  const auto actor = actor_of(req, ctx);
  auto rows = site.competitions->panel(actor, c.id);
  if (!rows) return failure_page(site, req, ctx, rows.error());
  auto judges = site.competitions->judges();
  std::map<std::int64_t, std::string> names;
  if (judges)
    for (const auto& [id, name] : *judges) names[id] = name;
  nlohmann::json out = nlohmann::json::array();
  int position = 0;
  for (const auto& r : *rows) {
    nlohmann::json totals = nlohmann::json::array();
    for (auto t : r.desk.judge_totals) totals.push_back(points(t, lang));
    std::string panel;
    for (auto j : r.judges) panel += (panel.empty() ? "" : ", ") + (names.contains(j) ? names[j] : std::to_string(j));
    out.push_back({{"position", ++position},
                   {"title", r.entry.title},
                   {"href", entry_path(c.id, r.entry.id)},
                   {"region", r.entry.region_name},
                   {"state", state_label(site, lang, r.entry.state)},
                   {"judges", panel},
                   {"totals", totals},
                   {"mean", r.desk.judge_totals.empty() ? "–" : points(r.desk.mean, lang)},
                   {"spread", r.desk.judge_totals.size() < 2 ? "–" : points(r.desk.spread, lang)},
                   {"flagged", r.flagged},
                   {"complete", r.desk.complete},
                   {"presentation", r.presentation ? points(r.presentation, lang) : "–"},
                   {"final", r.entry.final_score ? points(r.entry.final_score, lang) : "–"}});
  }
  nlohmann::json model = {
      {"title", site.catalog.text(lang, competition::manages(actor.grants) ? "competition.panel.plenary_title"
                                                                           : "competition.panel.title")},
      {"competition", competition_json(site, lang, c)},
      {"rows", out},
      {"has_rows", !out.empty()},
      {"flag", points(competition::kSpreadFlag, lang)}};
  auto r = render_page(site, req, ctx, "competition/panel", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response finalists_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                              const competition::Competition& c, std::int64_t failed_entry,
                              const std::optional<Error>& error, const http::Params* typed) {
  const auto& lang = lang_of(ctx);
  auto list = site.competitions->public_entries(c.id, "finalist");
  if (!list) return failure_page(site, req, ctx, list.error());
  auto slots = site.competitions->slots(c.id);
  std::map<std::int64_t, competition::Slot> slot_of;
  if (slots)
    for (const auto& s : *slots) slot_of[s.entry_id] = s;
  const auto errors = field_messages(site, lang, error);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& e : *list) {
    nlohmann::json row = {{"id", e.id},
                          {"rank", e.ranking},
                          {"title", e.title},
                          {"region", e.region_name},
                          {"cluster", cluster_label(site, lang, e.cluster)},
                          {"action", entry_path(c.id, e.id, "sanggah")}};
    if (slot_of.contains(e.id))
      row["slot"] = {{"at", slot_of[e.id].starts_at.substr(0, 10) + " " + slot_of[e.id].starts_at.substr(11) + " WIB"}};
    if (failed_entry == e.id) {
      row["open"] = true;
      for (const char* k : {"name", "email", "body"}) {
        row["v_" + std::string(k)] = typed ? typed->get_or(k, "") : "";
        row["e_" + std::string(k)] = errors.contains(k) ? errors[k] : nlohmann::json(false);
      }
    }
    rows.push_back(row);
  }
  nlohmann::json model = {{"title", site.catalog.text(lang, "competition.finalists.title") + " · " + c.name},
                          {"competition", competition_json(site, lang, c)},
                          {"rows", rows},
                          {"has_rows", !rows.empty()}};
  if (error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (req.query.get_or("pesan", "") == "sanggah")
    model["notice"] = site.catalog.text(lang, "competition.notice.sanggah");
  auto r = render_page(site, req, ctx, "competition/finalis", std::move(model), error ? 400 : 200);
  r.cacheable = false;
  return r;
}

http::Response get_finalists(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto loaded = load(site, req, ctx);
  if (loaded.failure) return *loaded.failure;
  return finalists_page(site, req, ctx, *loaded.c, 0, std::nullopt, nullptr);
}

http::Response post_objection(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto loaded = load(site, req, ctx);
  if (loaded.failure) return *loaded.failure;
  const auto& c = *loaded.c;
  auto entry = id_param(req, "entry");
  if (!entry) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto done = competition_path(c.id, "finalis") + "?pesan=sanggah";
  // A filled hidden field is a robot: it is thanked and nothing is stored.
  if (!trim(form->get_or("website", "")).empty()) return http::Response::redirect(done, 303);
  auto finalists = site.competitions->public_entries(c.id, "finalist");
  if (!finalists) return failure_page(site, req, ctx, finalists.error());
  if (std::none_of(finalists->begin(), finalists->end(), [&](const Entry& e) { return e.id == *entry; }))
    return error_page(site, req, ctx, 404);
  auto filed = site.competitions->file_objection(*entry, form->get_or("name", ""), form->get_or("email", ""),
                                                 form->get_or("body", ""), req.remote_ip);
  if (!filed) {
    if (filed.error().code() == ErrorCode::invalid)
      return finalists_page(site, req, ctx, c, *entry, filed.error(), &*form);
    return failure_page(site, req, ctx, filed.error());
  }
  return http::Response::redirect(done, 303);
}

http::Response get_results(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto loaded = load(site, req, ctx);
  if (loaded.failure) return *loaded.failure;
  const auto& c = *loaded.c;
  auto winners = site.competitions->public_entries(c.id, "winner");
  if (!winners) return failure_page(site, req, ctx, winners.error());
  nlohmann::json clusters = nlohmann::json::array();
  for (const auto& cluster : competition::clusters()) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& e : *winners)
      if (e.cluster == cluster)
        rows.push_back({{"rank", e.ranking},
                        {"title", e.title},
                        {"region", e.region_name},
                        {"award", e.award},
                        {"score", points(e.final_score, lang)},
                        {"href", text_or_false(e.innovation_id ? "/inovasi/" + std::to_string(e.innovation_id) : "")}});
    if (!rows.empty())
      clusters.push_back({{"label", cluster_label(site, lang, cluster)}, {"rows", rows}, {"count", rows.size()}});
  }
  nlohmann::json model = {{"title", site.catalog.text(lang, "competition.results.title") + " · " + c.name},
                          {"competition", competition_json(site, lang, c)},
                          {"clusters", clusters},
                          {"has_results", !clusters.empty()}};
  return render_page(site, req, ctx, "competition/hasil", std::move(model));
}

}  // namespace

void register_competition_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  const std::string agencies = "role:region_admin,participant,curator";
  // clang-format off
  // method  pattern                                         handler                        access
  router.get("/kompetisi",                                   "get_competitions",            "public",     bind(get_competitions));
  router.get("/kompetisi/{id}",                              "get_competition",             "public",     bind(get_competition));
  router.get("/kompetisi/{id}/finalis",                      "get_competition_finalists",   "public",     bind(get_finalists));
  router.get("/kompetisi/{id}/hasil",                        "get_competition_results",     "public",     bind(get_results));
  router.post("/kompetisi/{id}/proposal/{entry}/sanggah",    "post_competition_objection",  "public",     bind(post_objection));
  router.get("/kompetisi/{id}/proposal/baru",                "get_competition_new_entry",   agencies,     bind(get_new_entry));
  router.post("/kompetisi/{id}/proposal",                    "post_competition_new_entry",  agencies,     bind(post_new_entry));
  router.get("/kompetisi/{id}/proposal/{entry}",             "get_competition_entry",       "user",       bind(get_entry));
  router.post("/kompetisi/{id}/proposal/{entry}",            "post_competition_entry",      agencies,     bind(post_entry));
  router.post("/kompetisi/{id}/proposal/{entry}/tarik",      "post_competition_withdraw",   agencies,     bind(post_withdraw));
  router.post("/kompetisi/{id}/proposal/{entry}/nilai",      "post_competition_score",      "role:judge", bind(post_score));
  router.get("/kompetisi/{id}/panel",                        "get_competition_panel",       "role:judge,curator", bind(get_panel));
  // clang-format on
  register_competition_admin_pages(router, site);
}

}  // namespace lumbung::web
