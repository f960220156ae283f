// Competitions, the secretariat's pages (curators): a new competition (from
// the 2023 KIPP template or a copy of an earlier one), and one page to run
// it: the round and the button to the next, administrative decisions with a
// reason from the list, judges per entry (conflicts of interest refused),
// objections to resolve, presentation slots.
#include <algorithm>

#include "core/ids.hpp"
#include "core/text.hpp"
#include "web/competition_view.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

using namespace comp;
using competition::Entry;

constexpr int kAspectRows = 10;
constexpr int kAttachmentRows = 5;

std::string lines_text(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('\n', start);
    auto line = trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!line.empty()) out.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

int number(const http::Params& form, const std::string& key, int fallback) {
  const auto text = trim(form.get_or(key, ""));
  if (text.empty() || text.size() > 6 || text.find_first_not_of("0123456789") != std::string::npos) return fallback;
  return std::stoi(text);
}

// The form's values as typed (strings), for re-showing.
using Values = std::map<std::string, std::string>;

Values values_of(const competition::CompetitionDraft& d) {
  Values v;
  v["name"] = d.name;
  v["level"] = d.level;
  v["year"] = d.year ? std::to_string(d.year) : "";
  v["award_label"] = d.award_label;
  const auto& c = d.config;
  v["groups"] = lines_text(c.groups);
  v["categories"] = lines_text(c.categories);
  v["min_age_years"] = std::to_string(c.min_age_years);
  v["cap_per_agency"] = std::to_string(c.cap_per_agency);
  v["exclude_past_winners"] = c.exclude_past_winners ? "1" : "";
  for (std::size_t i = 0; i < c.aspects.size(); ++i) {
    const auto p = "aspects_" + std::to_string(i + 1) + "_";
    v[p + "key"] = c.aspects[i].key;
    v[p + "label"] = c.aspects[i].label;
    v[p + "weight"] = std::to_string(c.aspects[i].weight);
    v[p + "word_limit"] = std::to_string(c.aspects[i].word_limit);
  }
  for (std::size_t i = 0; i < c.attachments.size(); ++i) {
    const auto p = "attachments_" + std::to_string(i + 1) + "_";
    v[p + "key"] = c.attachments[i].key;
    v[p + "label"] = c.attachments[i].label;
  }
  const auto& r = c.rounds;
  v["registration_opens"] = r.registration_opens;
  v["registration_closes"] = r.registration_closes;
  v["administrative_closes"] = r.administrative_closes;
  v["desk_closes"] = r.desk_closes;
  v["objection_closes"] = r.objection_closes;
  v["presentation_closes"] = r.presentation_closes;
  v["results_on"] = r.results_on;
  v["top_n"] = std::to_string(c.top_n);
  v["top_m"] = std::to_string(c.top_m);
  return v;
}

competition::CompetitionDraft read_competition(const http::Params& form) {
  competition::CompetitionDraft d;
  d.name = form.get_or("name", "");
  d.level = form.get_or("level", "");
  d.year = number(form, "year", 0);
  d.award_label = form.get_or("award_label", "");
  auto& c = d.config;
  c.groups = split_lines(form.get_or("groups", ""));
  c.categories = split_lines(form.get_or("categories", ""));
  c.min_age_years = number(form, "min_age_years", -1);
  c.cap_per_agency = number(form, "cap_per_agency", -1);
  c.exclude_past_winners = form.has("exclude_past_winners");
  for (int i = 1; i <= kAspectRows; ++i) {
    const auto p = "aspects_" + std::to_string(i) + "_";
    competition::Aspect a{trim(form.get_or(p + "key", "")), trim(form.get_or(p + "label", "")),
                          number(form, p + "weight", -1), number(form, p + "word_limit", 0)};
    if (a.key.empty() && a.label.empty()) continue;
    c.aspects.push_back(a);
  }
  for (int i = 1; i <= kAttachmentRows; ++i) {
    const auto p = "attachments_" + std::to_string(i) + "_";
    competition::RequiredAttachment a{trim(form.get_or(p + "key", "")), trim(form.get_or(p + "label", ""))};
    if (a.key.empty() && a.label.empty()) continue;
    c.attachments.push_back(a);
  }
  c.rounds = {trim(form.get_or("registration_opens", "")),
              trim(form.get_or("registration_closes", "")),
              trim(form.get_or("administrative_closes", "")),
              trim(form.get_or("desk_closes", "")),
              trim(form.get_or("objection_closes", "")),
              trim(form.get_or("presentation_closes", "")),
              trim(form.get_or("results_on", ""))};
  c.top_n = number(form, "top_n", 0);
  c.top_m = number(form, "top_m", 0);
  return d;
}

http::Response competition_form(const Site& site, const http::Request& req, http::RequestContext& ctx,
                                const Values& typed, const std::optional<Error>& error) {
  const auto& lang = lang_of(ctx);
  auto errors = field_messages(site, lang, error);
  // Row errors ("aspects_3_weight") show on their row.
  const auto value = [&](const std::string& k) {
    auto it = typed.find(k);
    return it == typed.end() ? std::string() : it->second;
  };
  const auto err = [&](const std::string& k) { return errors.contains(k) ? errors[k] : nlohmann::json(false); };
  nlohmann::json f = nlohmann::json::object();
  for (const char* k : {"name", "year", "award_label", "groups", "categories", "min_age_years", "cap_per_agency",
                        "registration_opens", "registration_closes", "administrative_closes", "desk_closes",
                        "objection_closes", "presentation_closes", "results_on", "top_n", "top_m", "aspects", "level"})
    f[k] = {{"value", value(k)}, {"error", err(k)}};
  nlohmann::json levels = nlohmann::json::array();
  for (const char* l : {"nasional", "provinsi", "kementerian"})
    levels.push_back({{"value", l},
                      {"label", site.catalog.text(lang, std::string("competition.level.") + l)},
                      {"selected", value("level") == l}});
  nlohmann::json aspects = nlohmann::json::array();
  for (int i = 1; i <= kAspectRows; ++i) {
    const auto p = "aspects_" + std::to_string(i) + "_";
    nlohmann::json row_error = false;
    for (const char* k : {"key", "label", "weight", "word_limit"})
      if (err(p + k).is_string()) row_error = err(p + k);
    aspects.push_back({{"n", i},
                       {"key", value(p + "key")},
                       {"label", value(p + "label")},
                       {"weight", value(p + "weight")},
                       {"word_limit", value(p + "word_limit")},
                       {"error", row_error}});
  }
  nlohmann::json attachments = nlohmann::json::array();
  for (int i = 1; i <= kAttachmentRows; ++i) {
    const auto p = "attachments_" + std::to_string(i) + "_";
    attachments.push_back({{"n", i},
                           {"key", value(p + "key")},
                           {"label", value(p + "label")},
                           {"error", err("attachments_" + std::to_string(i))}});
  }
  nlohmann::json model = {{"title_key", "competition.new_title"},
                          {"f", f},
                          {"levels", levels},
                          {"aspects", aspects},
                          {"attachments", attachments},
                          {"exclude_past_winners", !value("exclude_past_winners").empty()}};
  auto list = site.competitions->list();
  nlohmann::json copies = nlohmann::json::array();
  if (list)
    for (const auto& c : *list) copies.push_back({{"id", c.id}, {"name", c.name}});
  model["copies"] = copies;
  model["has_copies"] = !copies.empty();
  if (error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  auto r = render_page(site, req, ctx, "competition/baru", std::move(model), error ? 400 : 200);
  r.cacheable = false;
  return r;
}

http::Response get_new_competition(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  competition::CompetitionDraft d;
  d.config = competition::kipp_2023_template();
  d.level = "nasional";
  // "Salin" copies an earlier competition's rules (dates and name are new).
  if (auto from = parse_id(req.query.get_or("salin", ""))) {
    auto c = site.competitions->get(*from);
    if (!c) return failure_page(site, req, ctx, c.error());
    d.config = c->config;
    d.config.rounds = {};
    d.level = c->level;
  }
  return competition_form(site, req, ctx, values_of(d), std::nullopt);
}

http::Response post_new_competition(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  Values typed;
  for (const auto& [k, v] : form->items()) typed[k] = v;
  auto created = site.competitions->create(actor_of(req, ctx), read_competition(*form));
  if (!created) {
    if (created.error().code() != ErrorCode::invalid) return failure_page(site, req, ctx, created.error());
    return competition_form(site, req, ctx, typed, created.error());
  }
  return http::Response::redirect(manage_path(created->id) + "?pesan=dibuat", 303);
}

http::Response manage_page(const Site& site, const http::Request& req, http::RequestContext& ctx, std::int64_t id,
                           std::int64_t failed_entry, const std::optional<Error>& error) {
  const auto& lang = lang_of(ctx);
  const auto actor = actor_of(req, ctx);
  auto c = site.competitions->get(id);
  if (!c) return failure_page(site, req, ctx, c.error());
  auto entries = site.competitions->entries(actor, id);
  if (!entries) return failure_page(site, req, ctx, entries.error());
  auto panel = site.competitions->panel(actor, id);
  if (!panel) return failure_page(site, req, ctx, panel.error());
  auto judges = site.competitions->judges();
  if (!judges) return failure_page(site, req, ctx, judges.error());
  auto objections = site.competitions->objections(actor, id);
  if (!objections) return failure_page(site, req, ctx, objections.error());
  auto slots = site.competitions->slots(id);
  if (!slots) return failure_page(site, req, ctx, slots.error());
  std::map<std::int64_t, std::string> names;
  for (const auto& [jid, name] : *judges) names[jid] = name;
  std::map<std::int64_t, const competition::PanelRow*> panel_of;
  for (const auto& r : *panel) panel_of[r.entry.id] = &r;
  std::map<std::int64_t, competition::Slot> slot_of;
  for (const auto& s : *slots) slot_of[s.entry_id] = s;
  const auto errors = field_messages(site, lang, error);
  nlohmann::json reasons = nlohmann::json::array();
  for (const auto& r : competition::admin_reasons())
    reasons.push_back({{"value", r}, {"label", site.catalog.text(lang, "competition.reason." + r)}});
  nlohmann::json rows = nlohmann::json::array();
  std::map<std::string, int> counts;
  for (const auto& e : *entries) {
    ++counts[e.state];
    if (e.state == "draft" || e.state == "withdrawn") continue;
    nlohmann::json row = {
        {"id", e.id},
        {"title", e.title},
        {"href", entry_path(id, e.id)},
        {"region", e.region_name},
        {"cluster", cluster_label(site, lang, e.cluster)},
        {"state", state_label(site, lang, e.state)},
        {"reason",
         text_or_false(e.admin_reason.empty() ? "" : site.catalog.text(lang, "competition.reason." + e.admin_reason))},
        {"decide",
         c->phase == "administrative" && (e.state == "submitted" || e.state == "passed" || e.state == "failed")},
        {"decide_action", manage_path(id, "proposal/" + std::to_string(e.id) + "/seleksi")},
        {"reasons", reasons}};
    if (e.state == "passed" || e.state == "finalist" || e.state == "winner") {
      nlohmann::json assigned = nlohmann::json::array();
      if (panel_of.contains(e.id))
        for (auto j : panel_of[e.id]->judges)
          assigned.push_back({{"id", j}, {"name", names.contains(j) ? names[j] : std::to_string(j)}});
      nlohmann::json options = nlohmann::json::array();
      for (const auto& [jid, name] : *judges) options.push_back({{"id", jid}, {"name", name}});
      row["judges"] = {{"assigned", assigned},
                       {"options", options},
                       {"action", manage_path(id, "proposal/" + std::to_string(e.id) + "/juri")},
                       {"may_assign", e.state != "winner"}};
      if (panel_of.contains(e.id)) {
        const auto& p = *panel_of[e.id];
        row["desk"] = p.desk.judge_totals.empty() ? "–" : points(p.desk.mean, lang);
        row["flagged"] = p.flagged;
      }
    }
    if (e.state == "finalist" || e.state == "winner") {
      row["slot"] = {{"action", manage_path(id, "proposal/" + std::to_string(e.id) + "/jadwal")},
                     {"starts_at", text_or_false(slot_of.contains(e.id) ? slot_of[e.id].starts_at : "")},
                     {"link", slot_of.contains(e.id) ? slot_of[e.id].link : ""},
                     {"editable", c->phase == "finalists" || c->phase == "presentation"}};
    }
    if (failed_entry == e.id && error) {
      nlohmann::json msg = false;
      for (const auto& [k, v] : errors.items()) msg = v;
      row["error"] = msg;
    }
    rows.push_back(row);
  }
  nlohmann::json objs = nlohmann::json::array();
  for (const auto& o : *objections)
    objs.push_back({{"id", o.id},
                    {"entry", o.entry_title},
                    {"name", o.name},
                    {"email", o.email},
                    {"body", o.body},
                    {"open", o.state == "open"},
                    {"state", site.catalog.text(lang, "competition.objection." + o.state)},
                    {"resolution", text_or_false(o.resolution)},
                    {"action", manage_path(id, "sanggah/" + std::to_string(o.id))}});
  nlohmann::json summary = nlohmann::json::array();
  for (const char* s : {"draft", "submitted", "passed", "failed", "finalist", "winner", "withdrawn"})
    if (counts[s] > 0) summary.push_back({{"state", state_label(site, lang, s)}, {"count", counts[s]}});
  const auto next = competition::next_phase(c->phase);
  nlohmann::json model = {{"title", c->name},
                          {"competition", competition_json(site, lang, *c)},
                          {"rows", rows},
                          {"has_rows", !rows.empty()},
                          {"summary", summary},
                          {"has_summary", !summary.empty()},
                          {"objections", objs},
                          {"has_objections", !objs.empty()},
                          {"panel", competition_path(id, "panel")},
                          {"copy", "/kurasi/kompetisi/baru?salin=" + std::to_string(id)}};
  if (!next.empty())
    model["advance"] = {{"action", manage_path(id, "tahap")},
                        {"label", fill(site.catalog.text(lang, "competition.manage.advance"),
                                       {{"phase", phase_label(site, lang, next)}})},
                        {"hint", site.catalog.text(lang, "competition.manage.advance_hint." + c->phase)}};
  if (error && failed_entry == 0) {
    nlohmann::json msg = false;
    for (const auto& [k, v] : errors.items()) msg = v;
    model["alert"] = msg;
  } else if (error) {
    model["alert"] = site.catalog.text(lang, "form.has_errors");
  }
  const auto pesan = req.query.get_or("pesan", "");
  if (pesan == "dibuat" || pesan == "maju" || pesan == "tersimpan")
    model["notice"] = site.catalog.text(lang, "competition.notice." + pesan);
  auto r = render_page(site, req, ctx, "competition/kelola", std::move(model), error ? 409 : 200);
  if (error && (error->code() == ErrorCode::invalid)) r.status = 400;
  r.cacheable = false;
  return r;
}

http::Response get_manage(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = id_param(req, "id");
  if (!id) return error_page(site, req, ctx, 404);
  return manage_page(site, req, ctx, *id, 0, std::nullopt);
}

// After a secretariat action: back to the page, or the page with the error.
http::Response after(const Site& site, const http::Request& req, http::RequestContext& ctx, std::int64_t id,
                     std::int64_t entry, const Status& st) {
  if (!st) {
    const auto code = st.error().code();
    if (code == ErrorCode::invalid || code == ErrorCode::conflict)
      return manage_page(site, req, ctx, id, entry, st.error());
    return failure_page(site, req, ctx, st.error());
  }
  return http::Response::redirect(manage_path(id) + "?pesan=tersimpan" + (entry ? "#e" + std::to_string(entry) : ""),
                                  303);
}

// The entry of the path must belong to the competition of the path.
std::optional<Entry> path_entry(const Site& site, const http::Request& req, http::RequestContext& ctx,
                                std::int64_t id) {
  auto entry = id_param(req, "entry");
  if (!entry) return std::nullopt;
  auto e = site.competitions->get_entry(actor_of(req, ctx), *entry);
  if (!e || e->competition_id != id) return std::nullopt;
  return *e;
}

http::Response post_advance(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = id_param(req, "id");
  if (!id) return error_page(site, req, ctx, 404);
  auto done = site.competitions->advance(actor_of(req, ctx), *id);
  if (!done) {
    if (done.error().code() == ErrorCode::conflict) return manage_page(site, req, ctx, *id, 0, done.error());
    return failure_page(site, req, ctx, done.error());
  }
  return http::Response::redirect(manage_path(*id) + "?pesan=maju", 303);
}

// A secretariat action on the entry of the path (which must belong to the
// competition of the path) with the posted form.
template <class F>
http::Response entry_action(const Site& site, const http::Request& req, http::RequestContext& ctx, F act) {
  auto id = id_param(req, "id");
  if (!id) return error_page(site, req, ctx, 404);
  auto e = path_entry(site, req, ctx, *id);
  if (!e) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  return after(site, req, ctx, *id, e->id, act(actor_of(req, ctx), e->id, *form));
}

http::Response post_decide(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return entry_action(site, req, ctx, [&](const auth::Actor& actor, std::int64_t entry, const http::Params& form) {
    auto done =
        site.competitions->decide_admin(actor, entry, form.get_or("decision", "") == "pass", form.get_or("reason", ""));
    return done ? Status{} : Status(done.error());
  });
}

http::Response post_judge(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return entry_action(site, req, ctx, [&](const auth::Actor& actor, std::int64_t entry, const http::Params& form) {
    const auto judge = parse_id(form.get_or("judge_id", "")).value_or(0);
    return form.has("remove") ? site.competitions->unassign_judge(actor, entry, judge)
                              : site.competitions->assign_judge(actor, entry, judge);
  });
}

http::Response post_slot(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return entry_action(site, req, ctx, [&](const auth::Actor& actor, std::int64_t entry, const http::Params& form) {
    return site.competitions->set_slot(actor, entry, form.get_or("starts_at", ""), form.get_or("link", ""));
  });
}

http::Response post_resolve(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = id_param(req, "id");
  auto objection = id_param(req, "objection");
  if (!id || !objection) return error_page(site, req, ctx, 404);
  auto c = site.competitions->get(*id);
  if (!c) return failure_page(site, req, ctx, c.error());
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto actor = actor_of(req, ctx);
  auto list = site.competitions->objections(actor, *id);
  if (!list) return failure_page(site, req, ctx, list.error());
  if (std::none_of(list->begin(), list->end(), [&](const competition::Objection& o) { return o.id == *objection; }))
    return error_page(site, req, ctx, 404);
  auto done = site.competitions->resolve_objection(actor, *objection, form->get_or("decision", "") == "upheld",
                                                   form->get_or("resolution", ""));
  return after(site, req, ctx, *id, 0, done ? Status{} : Status(done.error()));
}

}  // namespace

void register_competition_admin_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  const std::string curators = "role:curator";
  // clang-format off
  // method  pattern                                                  handler                          access
  router.get("/kurasi/kompetisi/baru",                                "get_competition_new",           curators, bind(get_new_competition));
  router.post("/kurasi/kompetisi/baru",                               "post_competition_new",          curators, bind(post_new_competition));
  router.get("/kurasi/kompetisi/{id}",                                "get_competition_manage",        curators, bind(get_manage));
  router.post("/kurasi/kompetisi/{id}/tahap",                         "post_competition_advance",      curators, bind(post_advance));
  router.post("/kurasi/kompetisi/{id}/proposal/{entry}/seleksi",      "post_competition_decide",       curators, bind(post_decide));
  router.post("/kurasi/kompetisi/{id}/proposal/{entry}/juri",         "post_competition_judge",        curators, bind(post_judge));
  router.post("/kurasi/kompetisi/{id}/proposal/{entry}/jadwal",       "post_competition_slot",         curators, bind(post_slot));
  router.post("/kurasi/kompetisi/{id}/sanggah/{objection}",           "post_competition_resolve",      curators, bind(post_resolve));
  // clang-format on
}

}  // namespace lumbung::web
