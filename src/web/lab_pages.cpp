// Innovation labs, lab-level pages: the list of labs a user sees, a new lab,
// a lab's dashboard, its board of idea cards, enrolment of units, people and
// coaches (one by one or by CSV), and the report. The idea pages are in
// lab_idea_pages.cpp. Scope checks live in labs::LabService.
#include <algorithm>

#include "core/ids.hpp"
#include "web/innovation_view.hpp"
#include "web/lab_view.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

// lab_report.cpp
http::Response get_lab_report(const Site&, const http::Request&, http::RequestContext&);
http::Response get_lab_report_xlsx(const Site&, const http::Request&, http::RequestContext&);
// lab_clinic_pages.cpp
http::Response get_lab_clinics(const Site&, const http::Request&, http::RequestContext&);
http::Response post_lab_clinic(const Site&, const http::Request&, http::RequestContext&);
// lab_coverage.cpp
http::Response get_lab_coverage(const Site&, const http::Request&, http::RequestContext&);
// lab_idea_pages.cpp
http::Response get_lab_idea(const Site&, const http::Request&, http::RequestContext&);
http::Response get_lab_idea_print(const Site&, const http::Request&, http::RequestContext&);
http::Response post_lab_stage_work(const Site&, const http::Request&, http::RequestContext&);
http::Response post_lab_stage_decision(const Site&, const http::Request&, http::RequestContext&);
http::Response post_lab_comment(const Site&, const http::Request&, http::RequestContext&);
http::Response post_lab_score(const Site&, const http::Request&, http::RequestContext&);
http::Response post_lab_publish(const Site&, const http::Request&, http::RequestContext&);
http::Response post_lab_verdict(const Site&, const http::Request&, http::RequestContext&);

namespace {

using namespace lab;

constexpr int kPartnerRows = 4;
constexpr int kClinicRows = 2;
// Cards a board column shows before "show all N" (a column alone shows all).
constexpr std::size_t kCardsPerColumn = 40;
// Overdue ideas the dashboard lists by name.
constexpr std::size_t kOverdueShown = 20;

nlohmann::json choices(const Site& site, const std::string& lang, const char* prefix,
                       std::initializer_list<const char*> values, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const char* v : values)
    out.push_back(
        {{"value", v}, {"label", site.catalog.text(lang, std::string(prefix) + v)}, {"selected", selected == v}});
  return out;
}

// The schedule rows the form shows: every stage, then coaching clinics.
std::vector<std::string> session_stages() {
  std::vector<std::string> out;
  for (auto s : labs::stages_of(true)) out.push_back(labs::to_string(s));
  for (int i = 0; i < kClinicRows; ++i) out.push_back("clinic");
  return out;
}

// ---- new lab ----

struct LabForm {
  labs::LabDraft draft;
  std::map<std::string, std::string> values;  // as typed
  std::vector<FieldError> errors;             // form-level (parse) errors
};

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
    auto line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    const auto b = line.find_first_not_of(" \t\r");
    if (b != std::string::npos) out.push_back(line.substr(b, line.find_last_not_of(" \t\r") - b + 1));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

// Renames "<prefix>_<i>_<field>" errors (i counts the filled rows) to the
// form row they came from.
void remap(std::vector<FieldError>& errors, const std::string& prefix, const std::vector<int>& rows) {
  for (auto& e : errors) {
    if (e.field.rfind(prefix + "_", 0) != 0) continue;
    const auto rest = e.field.substr(prefix.size() + 1);
    const auto underscore = rest.find('_');
    auto index = parse_id(rest.substr(0, underscore));
    if (!index || *index < 1 || static_cast<std::size_t>(*index) > rows.size()) continue;
    e.field = prefix + "_" + std::to_string(rows[static_cast<std::size_t>(*index - 1)]) + rest.substr(underscore);
  }
}

LabForm read_lab_form(const http::Params& form) {
  LabForm f;
  for (const auto& [k, v] : form.items()) f.values[k] = v;
  auto& d = f.draft;
  d.name = form.get_or("name", "");
  d.organizer = form.get_or("organizer", "");
  d.region_code = form.get_or("region_code", "");
  d.format = form.get_or("format", "regular");
  const auto year = form.get_or("year", "");
  d.year = year.size() == 4 && year.find_first_not_of("0123456789") == std::string::npos ? std::stoi(year) : 0;
  std::vector<int> partner_rows, session_rows;
  for (int i = 1; i <= kPartnerRows; ++i) {
    const auto p = "partners_" + std::to_string(i) + "_";
    labs::Partner partner{form.get_or(p + "name", ""), form.get_or(p + "mou_ref", ""), form.get_or(p + "role", "")};
    if (partner.name.empty() && partner.mou_ref.empty()) continue;
    d.partners.push_back(partner);
    partner_rows.push_back(i);
  }
  const auto stages = session_stages();
  for (std::size_t i = 1; i <= stages.size(); ++i) {
    const auto p = "sessions_" + std::to_string(i) + "_";
    labs::Session s{stages[i - 1], form.get_or(p + "starts_on", ""), form.get_or(p + "ends_on", ""),
                    form.get_or(p + "mode", ""), form.get_or(p + "place", "")};
    if (s.starts_on.empty() && s.ends_on.empty() && s.place.empty()) continue;
    if (s.ends_on.empty()) s.ends_on = s.starts_on;
    d.sessions.push_back(s);
    session_rows.push_back(static_cast<int>(i));
  }
  d.readiness_items = split_lines(form.get_or("readiness_items", ""));
  d.rubric = split_lines(form.get_or("rubric", ""));
  f.errors = labs::validate_lab(d);  // only to learn the row mapping; the service validates again
  remap(f.errors, "partners", partner_rows);
  remap(f.errors, "sessions", session_rows);
  return f;
}

// The form's values for an existing lab, as if typed.
LabForm lab_as_typed(const labs::Lab& lab) {
  LabForm f;
  f.draft = lab;
  auto& v = f.values;
  v["name"] = lab.name;
  v["organizer"] = lab.organizer;
  v["region_code"] = lab.region_code;
  v["year"] = std::to_string(lab.year);
  v["format"] = lab.format;
  v["readiness_items"] = lines_text(lab.readiness_items);
  v["rubric"] = lines_text(lab.rubric);
  for (std::size_t i = 0; i < lab.partners.size() && i < static_cast<std::size_t>(kPartnerRows); ++i) {
    const auto p = "partners_" + std::to_string(i + 1) + "_";
    v[p + "name"] = lab.partners[i].name;
    v[p + "mou_ref"] = lab.partners[i].mou_ref;
    v[p + "role"] = lab.partners[i].role;
  }
  const auto stages = session_stages();
  for (const auto& s : lab.sessions) {
    const auto pos = std::find(stages.begin(), stages.end(), s.stage);
    if (pos == stages.end()) continue;
    const auto p = "sessions_" + std::to_string(pos - stages.begin() + 1) + "_";
    v[p + "starts_on"] = s.starts_on;
    v[p + "ends_on"] = s.ends_on;
    v[p + "mode"] = s.mode;
    v[p + "place"] = s.place;
  }
  return f;
}

// The new-lab form, or with `editing` the form of that lab (its region fixed).
http::Response lab_form_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                             const LabForm* typed, const std::optional<Error>& error,
                             const labs::Lab* editing = nullptr) {
  const auto& lang = lang_of(ctx);
  LabForm current;
  if (editing && !typed) {
    current = lab_as_typed(*editing);
    typed = &current;
  }
  const auto value = [&](const std::string& k, const std::string& fallback = "") {
    if (!typed) return fallback;
    auto it = typed->values.find(k);
    return it == typed->values.end() ? std::string() : it->second;
  };
  auto errors = field_messages(site, lang, error);
  if (typed)
    for (const auto& e : typed->errors)
      if (!errors.contains(e.field)) errors[e.field] = error_text(site, lang, e.key);
  if (error && error->code() == ErrorCode::invalid && error->fields().size() == 1 &&
      error->fields().front().field == "region_code")
    errors["region_code"] = error_text(site, lang, error->fields().front().key);
  const auto err = [&](const std::string& k) { return errors.contains(k) ? errors[k] : nlohmann::json(false); };
  // A region-scoped organiser's own region comes prefilled.
  std::string own_region;
  for (const auto& g : visitor(ctx).user ? visitor(ctx).user->grants : std::vector<auth::Grant>{})
    if (g.role == auth::Role::lab_organizer && g.scope.kind == auth::ScopeKind::region) own_region = g.scope.ref;
  nlohmann::json model = {{"title_key", editing ? "lab.edit_title" : "lab.new_title"},
                          {"editing", editing != nullptr},
                          {"action", editing ? lab_path(editing->id, "ubah") : std::string("/lab/baru")}};
  if (editing) model["lab_href"] = lab_path(editing->id);
  nlohmann::json fields = nlohmann::json::object();
  for (const char* k : {"name", "organizer", "region_code", "year", "readiness_items", "rubric"}) {
    fields[k] = {{"value", value(k)}, {"error", err(k)}};
  }
  if (editing) fields["region_code"]["value"] = editing->region_code;
  if (!typed) {
    fields["region_code"]["value"] = own_region;
    fields["year"]["value"] = today(std::time(nullptr)).substr(0, 4);
    fields["readiness_items"]["value"] = lines_text(labs::default_readiness_items());
    fields["rubric"]["value"] = lines_text(labs::default_rubric());
  }
  model["f"] = fields;
  model["formats"] = choices(site, lang, "lab.format.", {"regular", "executive"}, value("format", "regular"));
  nlohmann::json partners = nlohmann::json::array();
  for (int i = 1; i <= kPartnerRows; ++i) {
    const auto p = "partners_" + std::to_string(i) + "_";
    partners.push_back(
        {{"n", i},
         {"name", value(p + "name")},
         {"mou_ref", value(p + "mou_ref")},
         {"roles", choices(site, lang, "lab.partner_role.",
                           {"academia", "community", "business", "media", "government"}, value(p + "role"))},
         {"error", err(p + "name").is_string() ? err(p + "name") : err(p + "role")}});
  }
  model["partners"] = partners;
  nlohmann::json sessions = nlohmann::json::array();
  const auto stages = session_stages();
  for (std::size_t i = 1; i <= stages.size(); ++i) {
    const auto p = "sessions_" + std::to_string(i) + "_";
    nlohmann::json row_error = false;
    for (const char* f : {"starts_on", "ends_on", "mode", "place", "stage"})
      if (err(p + f).is_string()) row_error = err(p + f);
    sessions.push_back({{"n", i},
                        {"label", stage_label(site, lang, stages[i - 1])},
                        {"optional", stages[i - 1] == "documentation" || stages[i - 1] == "clinic"},
                        {"starts_on", value(p + "starts_on")},
                        {"ends_on", value(p + "ends_on")},
                        {"place", value(p + "place")},
                        {"modes", choices(site, lang, "lab.mode.", {"luring", "daring", "hybrid"}, value(p + "mode"))},
                        {"error", row_error}});
  }
  model["sessions"] = sessions;
  if (error || (typed && !typed->errors.empty())) model["alert"] = site.catalog.text(lang, "form.has_errors");
  auto r = render_page(site, req, ctx, "lab/baru", std::move(model), error ? 400 : 200);
  r.cacheable = false;
  return r;
}

std::optional<std::int64_t> lab_id_of(const http::Request& req) { return parse_id(req.path_params.at("id")); }

// ---- enrolment page ----

struct EnrolPage {
  std::optional<Error> error;  // of the form that failed
  std::string form;            // "unit", "person" or "csv"
  const http::Params* typed = nullptr;
  std::optional<labs::EnrolmentOutcome> outcome;
  std::string notice_key;
  std::string invite_link;
};

}  // namespace

http::Response get_labs(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  const auto actor = actor_of(req, ctx);
  auto labs = site.labs->list_labs(actor);
  if (!labs) return failure_page(site, req, ctx, labs.error());
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& l : *labs)
    rows.push_back({{"name", l.name},
                    {"href", lab_path(l.id)},
                    {"organizer", l.organizer},
                    {"region", l.region_name.empty() ? l.region_code : l.region_name},
                    {"year", l.year},
                    {"format", site.catalog.text(lang, "lab.format." + l.format)}});
  bool may_create = false;
  for (const auto& g : actor.grants)
    may_create = may_create || g.role == auth::Role::admin ||
                 (g.role == auth::Role::lab_organizer && g.scope.kind != auth::ScopeKind::lab &&
                  g.scope.kind != auth::ScopeKind::unit);
  nlohmann::json model = {{"title_key", "lab.list_title"},
                          {"labs", rows},
                          {"has_labs", !rows.empty()},
                          {"may_create", may_create},
                          {"may_cover", may_create || has_role(visitor(ctx), auth::Role::region_admin)}};
  if (req.query.get_or("pesan", "") == "dibuat") model["notice"] = site.catalog.text(lang, "lab.notice.created");
  auto r = render_page(site, req, ctx, "lab/daftar", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response get_new_lab(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return lab_form_page(site, req, ctx, nullptr, std::nullopt);
}

http::Response post_new_lab(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto typed = read_lab_form(*form);
  if (!typed.errors.empty())
    return lab_form_page(site, req, ctx, &typed, Error(ErrorCode::invalid, "create_lab: invalid input"));
  auto created = site.labs->create_lab(actor_of(req, ctx), typed.draft);
  if (!created) {
    if (created.error().code() != ErrorCode::invalid) return failure_page(site, req, ctx, created.error());
    return lab_form_page(site, req, ctx, &typed, created.error());
  }
  return http::Response::redirect(lab_path(created->id, "peserta") + "?pesan=dibuat", 303);
}

http::Response get_edit_lab(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = lab_id_of(req);
  if (!id) return error_page(site, req, ctx, 404);
  auto view = site.labs->open_lab(actor_of(req, ctx), *id);
  if (!view) return failure_page(site, req, ctx, view.error());
  if (!view->access.organizer) return error_page(site, req, ctx, 403);
  return lab_form_page(site, req, ctx, nullptr, std::nullopt, &view->lab);
}

http::Response post_edit_lab(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = lab_id_of(req);
  if (!id) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto actor = actor_of(req, ctx);
  auto view = site.labs->open_lab(actor, *id);
  if (!view) return failure_page(site, req, ctx, view.error());
  auto typed = read_lab_form(*form);
  if (!typed.errors.empty())
    return lab_form_page(site, req, ctx, &typed, Error(ErrorCode::invalid, "update_lab: invalid input"), &view->lab);
  auto updated = site.labs->update_lab(actor, *id, typed.draft);
  if (!updated) {
    if (updated.error().code() != ErrorCode::invalid) return failure_page(site, req, ctx, updated.error());
    return lab_form_page(site, req, ctx, &typed, updated.error(), &view->lab);
  }
  return http::Response::redirect(lab_path(*id) + "?pesan=diubah", 303);
}

http::Response get_lab(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto id = lab_id_of(req);
  if (!id) return error_page(site, req, ctx, 404);
  const auto actor = actor_of(req, ctx);
  auto view = site.labs->open_lab(actor, *id);
  if (!view) return failure_page(site, req, ctx, view.error());
  auto dash = site.labs->dashboard(actor, *id, today(std::time(nullptr)));
  if (!dash) return failure_page(site, req, ctx, dash.error());
  // "174 ide dari 35 OPD, 18 kecamatan, ..."
  std::string parts;
  for (const auto& [kind, n] : dash->units_by_kind)
    parts += (parts.empty() ? "" : ", ") + std::to_string(n) + " " + unit_kind_label(site, lang, kind);
  nlohmann::json model = {{"title", view->lab.name}, {"lab", lab_header(site, lang, *view, "dashboard")}};
  model["headline"] = dash->ideas == 0 ? site.catalog.text(lang, "lab.dash.no_ideas")
                                       : fill(site.catalog.text(lang, "lab.dash.headline"),
                                              {{"ideas", std::to_string(dash->ideas)}, {"units", parts}});
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& [kind, n] : dash->ideas_by_kind) {
    std::int64_t units = 0;
    for (const auto& [k, u] : dash->units_by_kind)
      if (k == kind) units = u;
    kinds.push_back({{"kind", unit_kind_label(site, lang, kind)}, {"ideas", n}, {"units", units}});
  }
  model["kinds"] = kinds;
  nlohmann::json funnel = nlohmann::json::array();
  for (const auto& [stage, n] : dash->funnel)
    funnel.push_back(
        {{"stage", stage_label(site, lang, stage)}, {"count", n}, {"max", std::max<std::int64_t>(dash->ideas, 1)}});
  model["funnel"] = funnel;
  nlohmann::json overdue = nlohmann::json::array();
  if (dash->overdue.size() > kOverdueShown)
    model["overdue_more"] = fill(site.catalog.text(lang, "lab.dash.overdue_more"),
                                 {{"n", std::to_string(dash->overdue.size() - kOverdueShown)}});
  for (const auto& i : dash->overdue)
    if (overdue.size() < kOverdueShown)
      overdue.push_back({{"title", i.title},
                         {"href", idea_path(*id, i.id)},
                         {"unit", i.unit_name},
                         {"stage", stage_label(site, lang, i.stage)}});
  model["overdue"] = overdue;
  model["has_overdue"] = !overdue.empty();
  nlohmann::json coaches = nlohmann::json::array();
  for (const auto& c : dash->coaches) coaches.push_back({{"name", c.name}, {"units", c.units}, {"ideas", c.ideas}});
  model["coaches"] = coaches;
  model["has_coaches"] = !coaches.empty();
  nlohmann::json schedule = nlohmann::json::array();
  for (const auto& s : view->lab.sessions)
    schedule.push_back({{"stage", stage_label(site, lang, s.stage)},
                        {"dates", s.starts_on == s.ends_on
                                      ? format_iso_date(s.starts_on, lang)
                                      : format_iso_date(s.starts_on, lang) + " – " + format_iso_date(s.ends_on, lang)},
                        {"mode", site.catalog.text(lang, "lab.mode." + s.mode)},
                        {"place", s.place},
                        {"place_is_link", s.place.rfind("https://", 0) == 0}});
  model["schedule"] = schedule;
  nlohmann::json partners = nlohmann::json::array();
  for (const auto& p : view->lab.partners)
    partners.push_back({{"name", p.name},
                        {"mou_ref", p.mou_ref.empty() ? nlohmann::json(false) : nlohmann::json(p.mou_ref)},
                        {"role", site.catalog.text(lang, "lab.partner_role." + p.role)}});
  model["partners"] = partners;
  model["has_partners"] = !partners.empty();
  // New idea: for the units the caller works in.
  nlohmann::json units = nlohmann::json::array();
  for (const auto& u : view->units)
    if (view->access.works_in(u.unit_id)) units.push_back({{"id", u.unit_id}, {"name", u.unit_name}});
  model["idea_units"] = units;
  model["may_add_idea"] = !units.empty();
  model["idea_action"] = lab_path(*id, "ide");
  if (view->access.organizer) model["edit_href"] = lab_path(*id, "ubah");
  if (req.query.get_or("pesan", "") == "diubah") model["notice"] = site.catalog.text(lang, "lab.notice.updated");
  auto r = render_page(site, req, ctx, "lab/dasbor", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response get_lab_board(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto id = lab_id_of(req);
  if (!id) return error_page(site, req, ctx, 404);
  const auto actor = actor_of(req, ctx);
  auto view = site.labs->open_lab(actor, *id);
  if (!view) return failure_page(site, req, ctx, view.error());
  labs::BoardFilter filter;
  filter.unit_kind = req.query.get_or("jenis", "");
  filter.coach_user_id = parse_id(req.query.get_or("coach", "")).value_or(0);
  auto ideas = site.labs->board(actor, *id, filter);
  if (!ideas) return failure_page(site, req, ctx, ideas.error());
  auto stages = labs::stages_of(view->lab.with_documentation());
  stages.push_back(labs::Stage::done);
  // One stage shown whole (?tahap=), or every stage with its first cards.
  const auto only = labs::parse_stage(req.query.get_or("tahap", ""));
  auto filter_href = [&](const std::string& stage) {
    std::string href = lab_path(*id, "papan") + "?tahap=" + stage;
    if (!filter.unit_kind.empty()) href += "&jenis=" + url_encode(filter.unit_kind);
    if (filter.coach_user_id != 0) href += "&coach=" + std::to_string(filter.coach_user_id);
    return href;
  };
  nlohmann::json columns = nlohmann::json::array();
  for (auto s : stages) {
    if (only && *only != s) continue;
    const std::string stage = labs::to_string(s);
    nlohmann::json cards = nlohmann::json::array();
    std::size_t count = 0;
    for (const auto& i : *ideas) {
      if (i.stage != stage) continue;
      if (++count > kCardsPerColumn && !only) continue;
      cards.push_back({{"title", i.title},
                       {"href", idea_path(*id, i.id)},
                       {"unit", i.unit_name},
                       {"kind", unit_kind_label(site, lang, i.unit_kind)},
                       {"published", i.innovation_id != 0}});
    }
    nlohmann::json more = false;
    if (count > cards.size())
      more = {{"href", filter_href(stage)},
              {"label", fill(site.catalog.text(lang, "lab.board.more"), {{"n", std::to_string(count)}})}};
    columns.push_back({{"stage", stage_label(site, lang, stage)},
                       {"count", count},
                       {"cards", cards},
                       {"more", more},
                       {"empty", cards.empty()}});
  }
  std::vector<std::string> kinds;
  std::map<std::int64_t, std::string> coaches;
  for (const auto& u : view->units) {
    if (std::find(kinds.begin(), kinds.end(), u.unit_kind) == kinds.end()) kinds.push_back(u.unit_kind);
    if (u.coach_user_id != 0) coaches[u.coach_user_id] = u.coach_name;
  }
  nlohmann::json kind_options = nlohmann::json::array();
  for (const auto& k : kinds)
    kind_options.push_back(
        {{"value", k}, {"label", unit_kind_label(site, lang, k)}, {"selected", k == filter.unit_kind}});
  nlohmann::json coach_options = nlohmann::json::array();
  for (const auto& [cid, name] : coaches)
    coach_options.push_back({{"value", cid}, {"label", name}, {"selected", cid == filter.coach_user_id}});
  nlohmann::json model = {
      {"title", view->lab.name + " · " + site.catalog.text(lang, "lab.tab.board")},
      {"lab", lab_header(site, lang, *view, "board")},
      {"columns", columns},
      {"kinds", kind_options},
      {"coaches", coach_options},
      {"count", fill(site.catalog.text(lang, "lab.board.count"), {{"n", std::to_string(ideas->size())}})},
      {"filtered", !filter.unit_kind.empty() || filter.coach_user_id != 0 || only},
      {"one_stage", only.has_value()},
      {"action", lab_path(*id, "papan")}};
  auto r = render_page(site, req, ctx, "lab/papan", std::move(model));
  r.cacheable = false;
  return r;
}

namespace {

http::Response enrol_page(const Site& site, const http::Request& req, http::RequestContext& ctx, std::int64_t id,
                          const EnrolPage& page) {
  const auto& lang = lang_of(ctx);
  auto view = site.labs->open_lab(actor_of(req, ctx), id);
  if (!view) return failure_page(site, req, ctx, view.error());
  if (!view->access.organizer) return error_page(site, req, ctx, 403);
  const auto typed = [&](const char* k) { return page.typed ? page.typed->get_or(k, "") : std::string(); };
  nlohmann::json enrolled = nlohmann::json::array();
  std::set<std::int64_t> enrolled_ids;
  for (const auto& u : view->units) {
    enrolled_ids.insert(u.unit_id);
    enrolled.push_back({{"id", u.unit_id},
                        {"name", u.unit_name},
                        {"kind", unit_kind_label(site, lang, u.unit_kind)},
                        {"coach", u.coach_name.empty() ? nlohmann::json(false) : nlohmann::json(u.coach_name)},
                        {"withdraw_action", lab_path(id, "peserta/" + std::to_string(u.unit_id) + "/keluarkan")},
                        {"uncoach_action", lab_path(id, "peserta/" + std::to_string(u.unit_id) + "/lepas-coach")},
                        {"selected", typed("unit_id") == std::to_string(u.unit_id)}});
  }
  nlohmann::json candidates = nlohmann::json::array();
  if (auto units = site.innovations.units(view->lab.region_code))
    for (const auto& u : *units)
      if (!enrolled_ids.count(u.id))
        candidates.push_back({{"id", u.id},
                              {"label", u.name + " (" + unit_kind_label(site, lang, u.kind) + ")"},
                              {"selected", typed("unit_id") == std::to_string(u.id)}});
  const auto errors = field_messages(site, lang, page.error);
  const auto err = [&](const std::string& form, const std::string& k) {
    return page.form == form && errors.contains(k) ? errors.at(k) : nlohmann::json(false);
  };
  nlohmann::json model = {{"title", view->lab.name + " · " + site.catalog.text(lang, "lab.tab.units")},
                          {"lab", lab_header(site, lang, *view, "units")},
                          {"enrolled", enrolled},
                          {"has_enrolled", !enrolled.empty()},
                          {"candidates", candidates},
                          {"unit_action", lab_path(id, "peserta")},
                          {"person_action", lab_path(id, "peserta/orang")},
                          {"csv_action", lab_path(id, "peserta/csv")},
                          {"coach_email", page.form == "unit" ? typed("coach_email") : ""},
                          {"email", page.form == "person" ? typed("email") : ""},
                          {"name", page.form == "person" ? typed("name") : ""},
                          {"csv", page.form == "csv" ? typed("csv") : ""},
                          {"unit_error", err("unit", "unit_id")},
                          {"coach_error", err("unit", "coach_email")},
                          {"person_unit_error", err("person", "unit_id")},
                          {"email_error", err("person", "email")}};
  if (page.error && page.error->code() == ErrorCode::forbidden)
    model["alert"] = site.catalog.text(lang, "lab.error.not_allowed");
  else if (page.error && page.error->code() == ErrorCode::conflict)
    model["alert"] = site.catalog.text(lang, "lab.error.unit_has_ideas");
  else if (page.error)
    model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (!page.notice_key.empty()) model["notice"] = site.catalog.text(lang, page.notice_key);
  if (!page.invite_link.empty()) model["invite_link"] = site.accounts.options().base_url + page.invite_link;
  if (page.outcome) {
    const auto& o = *page.outcome;
    nlohmann::json problems = nlohmann::json::array();
    for (const auto& p : o.problems)
      problems.push_back({{"row", p.row == 0 ? std::string("–") : std::to_string(p.row)},
                          {"column", p.column.empty() ? std::string("–") : p.column},
                          {"reason", site.catalog.text(lang, p.key)}});
    model["csv_problems"] = problems;
    model["has_csv_problems"] = !problems.empty();
    if (o.problems.empty()) {
      nlohmann::json links = nlohmann::json::array();
      for (std::size_t i = 0; i < o.invited.size() && i < o.invite_links.size(); ++i)
        links.push_back({{"email", o.invited[i]}, {"link", site.accounts.options().base_url + o.invite_links[i]}});
      model["notice"] = fill(site.catalog.text(lang, "lab.csv.done"), {{"units", std::to_string(o.units)},
                                                                       {"invited", std::to_string(o.invited.size())},
                                                                       {"granted", std::to_string(o.granted.size())}});
      model["has_csv_links"] = !links.empty();
      model["csv_links"] = links;
    } else {
      model["alert"] = site.catalog.text(lang, "lab.csv.rejected");
    }
  }
  const unsigned status = page.error && page.error->code() == ErrorCode::conflict                    ? 409
                          : page.error || (page.outcome && !page.outcome->problems.empty()) ? 400
                                                                                             : 200;
  auto r = render_page(site, req, ctx, "lab/peserta", std::move(model), status);
  r.cacheable = false;
  return r;
}

}  // namespace

http::Response get_lab_units(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = lab_id_of(req);
  if (!id) return error_page(site, req, ctx, 404);
  EnrolPage page;
  const auto msg = req.query.get_or("pesan", "");
  if (msg == "dibuat") page.notice_key = "lab.notice.created";
  if (msg == "unit") page.notice_key = "lab.notice.enrolled";
  if (msg == "keluar") page.notice_key = "lab.notice.withdrawn";
  if (msg == "tanpa-coach") page.notice_key = "lab.notice.uncoached";
  return enrol_page(site, req, ctx, *id, page);
}

http::Response post_lab_unit(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = lab_id_of(req);
  if (!id) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto unit = parse_id(form->get_or("unit_id", "")).value_or(0);
  auto done = site.labs->enrol_unit(actor_of(req, ctx), *id, unit, form->get_or("coach_email", ""));
  if (!done) {
    if (done.error().code() != ErrorCode::invalid) return failure_page(site, req, ctx, done.error());
    return enrol_page(site, req, ctx, *id, EnrolPage{done.error(), "unit", &*form});
  }
  return http::Response::redirect(lab_path(*id, "peserta") + "?pesan=unit", 303);
}

// Withdraws a unit (what = unit) or its coach (what = coach) from the lab.
http::Response unit_removal(const Site& site, const http::Request& req, http::RequestContext& ctx, bool whole_unit) {
  auto id = lab_id_of(req);
  auto unit = parse_id(req.path_params.at("unit"));
  if (!id || !unit) return error_page(site, req, ctx, 404);
  const auto actor = actor_of(req, ctx);
  auto done = whole_unit ? site.labs->withdraw_unit(actor, *id, *unit) : site.labs->remove_coach(actor, *id, *unit);
  if (!done) {
    if (done.error().code() != ErrorCode::conflict) return failure_page(site, req, ctx, done.error());
    EnrolPage page;
    page.error = done.error();
    return enrol_page(site, req, ctx, *id, page);
  }
  return http::Response::redirect(lab_path(*id, "peserta") + (whole_unit ? "?pesan=keluar" : "?pesan=tanpa-coach"),
                                  303);
}

http::Response post_lab_unit_withdraw(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return unit_removal(site, req, ctx, true);
}

http::Response post_lab_unit_uncoach(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return unit_removal(site, req, ctx, false);
}

http::Response post_lab_person(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = lab_id_of(req);
  if (!id) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto unit = parse_id(form->get_or("unit_id", "")).value_or(0);
  auto link =
      site.labs->enrol_person(actor_of(req, ctx), *id, unit, form->get_or("email", ""), form->get_or("name", ""));
  if (!link) {
    const auto code = link.error().code();
    if (code == ErrorCode::not_found) return failure_page(site, req, ctx, link.error());
    return enrol_page(site, req, ctx, *id, EnrolPage{link.error(), "person", &*form});
  }
  EnrolPage page;
  page.notice_key = link->empty() ? "lab.notice.granted" : "lab.notice.invited";
  page.invite_link = *link;
  return enrol_page(site, req, ctx, *id, page);
}

http::Response post_lab_csv(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = lab_id_of(req);
  if (!id) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto outcome = site.labs->enrol_csv(actor_of(req, ctx), *id, form->get_or("csv", ""));
  if (!outcome) return failure_page(site, req, ctx, outcome.error());
  EnrolPage page;
  page.form = "csv";
  if (!outcome->problems.empty()) page.typed = &*form;
  page.outcome = std::move(*outcome);
  return enrol_page(site, req, ctx, *id, page);
}

http::Response post_lab_idea(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = lab_id_of(req);
  if (!id) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto unit = parse_id(form->get_or("unit_id", "")).value_or(0);
  auto idea = site.labs->create_idea(actor_of(req, ctx), *id, unit, form->get_or("title", ""));
  if (!idea) {
    if (idea.error().code() == ErrorCode::invalid) return error_page(site, req, ctx, 400, "lab.error.idea_invalid");
    return failure_page(site, req, ctx, idea.error());
  }
  return http::Response::redirect(idea_path(*id, idea->id), 303);
}

void register_lab_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  const std::string members = "role:participant,coach,lab_organizer";
  const std::string organizers = "role:lab_organizer";
  const std::string workers = "role:participant,lab_organizer";
  const std::string gatekeepers = "role:coach,lab_organizer";
  // clang-format off
  // method  pattern                                          handler                     access
  router.get("/lab",                                          "get_labs",                 members,     bind(get_labs));
  router.get("/lab/cakupan",                                  "get_lab_coverage",         "role:lab_organizer,region_admin", bind(get_lab_coverage));
  router.get("/lab/baru",                                     "get_new_lab",              organizers,  bind(get_new_lab));
  router.post("/lab/baru",                                    "post_new_lab",             organizers,  bind(post_new_lab));
  router.get("/lab/{id}/ubah",                                "get_edit_lab",             organizers,  bind(get_edit_lab));
  router.post("/lab/{id}/ubah",                               "post_edit_lab",            organizers,  bind(post_edit_lab));
  router.get("/lab/{id}",                                     "get_lab",                  members,     bind(get_lab));
  router.get("/lab/{id}/papan",                               "get_lab_board",            members,     bind(get_lab_board));
  router.get("/lab/{id}/laporan",                             "get_lab_report",           members,     bind(get_lab_report));
  router.get("/lab/{id}/laporan.xlsx",                        "get_lab_report_xlsx",      members,     bind(get_lab_report_xlsx));
  router.get("/lab/{id}/klinik",                              "get_lab_clinics",          members,     bind(get_lab_clinics));
  router.post("/lab/{id}/klinik",                             "post_lab_clinic",          gatekeepers, bind(post_lab_clinic));
  router.get("/lab/{id}/peserta",                             "get_lab_units",            organizers,  bind(get_lab_units));
  router.post("/lab/{id}/peserta",                            "post_lab_unit",            organizers,  bind(post_lab_unit));
  router.post("/lab/{id}/peserta/orang",                      "post_lab_person",          organizers,  bind(post_lab_person));
  router.post("/lab/{id}/peserta/csv",                        "post_lab_csv",             organizers,  bind(post_lab_csv));
  router.post("/lab/{id}/peserta/{unit}/keluarkan",           "post_lab_unit_withdraw",   organizers,  bind(post_lab_unit_withdraw));
  router.post("/lab/{id}/peserta/{unit}/lepas-coach",         "post_lab_unit_uncoach",    organizers,  bind(post_lab_unit_uncoach));
  router.post("/lab/{id}/ide",                                "post_lab_idea",            workers,     bind(post_lab_idea));
  router.get("/lab/{id}/ide/{idea}",                          "get_lab_idea",             members,     bind(get_lab_idea));
  router.get("/lab/{id}/ide/{idea}/cetak",                    "get_lab_idea_print",       members,     bind(get_lab_idea_print));
  router.post("/lab/{id}/ide/{idea}/tahap/{stage}",           "post_lab_stage_work",      workers,     bind(post_lab_stage_work));
  router.post("/lab/{id}/ide/{idea}/tahap/{stage}/keputusan", "post_lab_stage_decision",  gatekeepers, bind(post_lab_stage_decision));
  router.post("/lab/{id}/ide/{idea}/komentar",                "post_lab_comment",         members,     bind(post_lab_comment));
  router.post("/lab/{id}/ide/{idea}/nilai",                   "post_lab_score",           gatekeepers, bind(post_lab_score));
  router.post("/lab/{id}/ide/{idea}/putusan",                 "post_lab_verdict",         gatekeepers, bind(post_lab_verdict));
  router.post("/lab/{id}/ide/{idea}/terbitkan",               "post_lab_publish",         workers,     bind(post_lab_publish));
  // clang-format on
}

}  // namespace lumbung::web
