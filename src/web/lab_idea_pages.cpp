// Innovation labs, an idea's pages: the stage tabs with each stage's
// structured form (stage_rules.hpp), the gate (complete or return), threaded
// comments, rubric scores, "similar solved innovations" beside the Diagnose
// problems, publishing to the repository, and the one-page print view.
#include <algorithm>

#include "core/ids.hpp"
#include "directory/innovation_search.hpp"
#include "web/format.hpp"
#include "web/innovation_view.hpp"
#include "web/lab_view.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

using namespace lab;

constexpr std::size_t kSimilarShown = 5;

const char* kind_flag(labs::FieldKind k) {
  switch (k) {
    case labs::FieldKind::text:
      return "is_text";
    case labs::FieldKind::textarea:
      return "is_textarea";
    case labs::FieldKind::date:
      return "is_date";
    case labs::FieldKind::score:
      return "is_score";
    case labs::FieldKind::url:
      return "is_url";
    case labs::FieldKind::number:
      return "is_number";
  }
  return "is_text";
}

nlohmann::json score_options(const std::string& value) {
  nlohmann::json out = nlohmann::json::array();
  out.push_back({{"value", ""}, {"label", "–"}, {"selected", value.empty() || value == "0"}});
  for (int i = 1; i <= 5; ++i)
    out.push_back(
        {{"value", std::to_string(i)}, {"label", std::to_string(i)}, {"selected", value == std::to_string(i)}});
  return out;
}

nlohmann::json field_model(const Site& site, const std::string& lang, const labs::FormField& f, const std::string& name,
                           const std::map<std::string, std::string>& values, const nlohmann::json& errors) {
  auto it = values.find(name);
  const auto value = it == values.end() ? std::string() : it->second;
  nlohmann::json m = {
      {"name", name},           {"label", site.catalog.text(lang, std::string("lab.field.") + f.name)},
      {"value", value},         {"has_value", !value.empty() && value != "0"},
      {"needed", f.needed},     {"error", errors.contains(name) ? errors.at(name) : nlohmann::json(false)},
      {kind_flag(f.kind), true}};
  if (f.kind == labs::FieldKind::score) m["options"] = score_options(value);
  return m;
}

// The stage form (or its read-only view) of `stage`.
nlohmann::json stage_form_model(const Site& site, const std::string& lang, labs::Stage stage, const labs::Lab& lab,
                                const std::map<std::string, std::string>& values, const nlohmann::json& errors) {
  const auto& form = labs::stage_form(stage);
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : form.fields) fields.push_back(field_model(site, lang, f, f.name, values, errors));
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& g : form.groups) {
    nlohmann::json rows = nlohmann::json::array();
    for (int r = 1; r <= g.rows; ++r) {
      nlohmann::json cells = nlohmann::json::array();
      std::string summary;  // the row's values on one line, for the read-only view
      for (const auto& f : g.fields) {
        const auto name = std::string(g.name) + "_" + std::to_string(r) + "_" + f.name;
        auto cell = field_model(site, lang, f, name, values, errors);
        if (cell["has_value"].get<bool>()) summary += (summary.empty() ? "" : " · ") + cell["value"].get<std::string>();
        cells.push_back(std::move(cell));
      }
      rows.push_back({{"n", r}, {"cells", cells}, {"filled", !summary.empty()}, {"summary", summary}});
    }
    nlohmann::json headers = nlohmann::json::array();
    for (const auto& f : g.fields) headers.push_back(site.catalog.text(lang, std::string("lab.field.") + f.name));
    groups.push_back({{"label", site.catalog.text(lang, std::string("lab.group.") + g.name)},
                      {"hint", site.catalog.text(lang, std::string("lab.group.") + g.name + "_hint")},
                      {"headers", headers},
                      {"rows", rows},
                      {"error", errors.contains(g.name) ? errors.at(g.name) : nlohmann::json(false)}});
  }
  nlohmann::json readiness = nlohmann::json::array();
  if (form.readiness)
    for (std::size_t i = 0; i < lab.readiness_items.size(); ++i) {
      const auto name = "readiness_" + std::to_string(i + 1);
      auto it = values.find(name);
      const auto value = it == values.end() ? std::string() : it->second;
      readiness.push_back({{"name", name},
                           {"label", lab.readiness_items[i]},
                           {"value", value},
                           {"options", score_options(value)},
                           {"error", errors.contains(name) ? errors.at(name) : nlohmann::json(false)}});
    }
  return {{"fields", fields},
          {"groups", groups},
          {"readiness", readiness},
          {"has_readiness", !readiness.empty()},
          {"lead", site.catalog.text(lang, std::string("lab.stage_lead.") + labs::to_string(stage))}};
}

// USG ranking of the Diagnose problems as stored.
nlohmann::json usg_model(const nlohmann::json& data, std::vector<labs::UsgProblem>& problems) {
  if (data.is_object() && data.contains("problems") && data.at("problems").is_array())
    for (const auto& p : data.at("problems"))
      if (p.is_object())
        problems.push_back({p.value("problem", std::string()), p.value("urgency", 0), p.value("seriousness", 0),
                            p.value("growth", 0)});
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : labs::rank_usg(problems)) {
    const auto& p = problems[r.index];
    rows.push_back({{"rank", r.rank},
                    {"problem", p.problem},
                    {"u", p.urgency},
                    {"s", p.seriousness},
                    {"g", p.growth},
                    {"total", r.total},
                    {"top", r.rank == 1}});
  }
  return rows;
}

// Published innovations that solved a problem like `problem` ("Cari solusi").
nlohmann::json similar_solutions(const Site& site, http::RequestContext& ctx, const std::string& problem) {
  nlohmann::json out = nlohmann::json::array();
  if (!site.search || problem.empty()) return out;
  auto request = directory::read_search_params({{"q", problem.substr(0, 500)}});
  if (!request) return out;
  auto query = directory::to_query(*request, search::QueryMode::problem);
  query.facets.clear();
  query.limit = kSimilarShown;
  const auto synonyms = site.synonyms.dictionary();
  query.synonyms = synonyms.get();
  auto results = site.search->find(query);
  if (!results) {
    site.log->warn("{} lab similar solutions: {}", ctx.request_id, results.error().message());
    return out;
  }
  for (const auto& m : results->hits) {
    auto data = nlohmann::json::parse(m.data, nullptr, false);
    if (!data.is_object()) continue;
    out.push_back({{"name", data.value("name", std::string())},
                   {"href", innovation_path(m.id, data.value("slug", std::string()))},
                   // The replication page's request form (region admins ask there).
                   {"replicate_href", "/inovasi/" + std::to_string(m.id) + "/replikasi#minta"},
                   {"region", data.value("region_name", std::string())}});
  }
  return out;
}

struct IdeaPage {
  std::string stage;                    // the tab shown ("" = the idea's current stage)
  const http::Params* typed = nullptr;  // the stage form as typed
  std::optional<Error> error;           // of the stage form or the gate
  std::string form;                     // which form failed: work, gate, comment, score
  std::string notice_key;
};

std::optional<std::pair<std::int64_t, std::int64_t>> ids_of(const http::Request& req) {
  auto lab = parse_id(req.path_params.at("id"));
  auto idea = parse_id(req.path_params.at("idea"));
  if (!lab || !idea) return std::nullopt;
  return std::pair{*lab, *idea};
}

http::Response idea_page(const Site& site, const http::Request& req, http::RequestContext& ctx, std::int64_t lab_id,
                         std::int64_t idea_id, const IdeaPage& page) {
  const auto& lang = lang_of(ctx);
  auto view = site.labs->open_idea(actor_of(req, ctx), lab_id, idea_id);
  if (!view) return failure_page(site, req, ctx, view.error());
  const auto& idea = view->idea;
  const auto& lab = view->lab;
  const auto stages = labs::stages_of(lab.with_documentation());
  const auto current = labs::parse_stage(idea.stage).value_or(labs::Stage::done);
  auto shown = labs::parse_stage(page.stage).value_or(current);
  if (shown == labs::Stage::done) shown = stages.back();
  if (std::find(stages.begin(), stages.end(), shown) == stages.end()) shown = stages.back();
  const auto shown_name = std::string(labs::to_string(shown));
  auto work_it = view->work.find(shown_name);
  const labs::StageWork* work = work_it == view->work.end() ? nullptr : &work_it->second;

  nlohmann::json tabs = nlohmann::json::array();
  for (auto s : stages) {
    const std::string name = labs::to_string(s);
    auto w = view->work.find(name);
    const char* state = s == current                                      ? "current"
                        : static_cast<int>(s) < static_cast<int>(current) ? "complete"
                                                                          : "later";
    if (w != view->work.end() && w->second.state == "returned" && s == current) state = "returned";
    tabs.push_back({{"label", stage_label(site, lang, name)},
                    {"href", idea_path(lab_id, idea_id) + "?tahap=" + name},
                    {"current", s == shown},
                    {"state", site.catalog.text(lang, std::string("lab.state.") + state)},
                    {"state_class", state}});
  }
  const bool editable = view->access.works_in(idea.unit_id) && shown == current;
  std::map<std::string, std::string> values;
  if (page.typed && page.form == "work")
    for (const auto& [k, v] : page.typed->items()) values[k] = v;
  else if (work)
    values = labs::form_values(shown, work->data, lab.readiness_items.size());
  const auto errors =
      field_messages(site, lang, page.form == "work" || page.form == "gate" ? page.error : std::nullopt);
  nlohmann::json model = {{"title", idea.title},
                          {"lab", lab_header(site, lang, labs::LabView{lab, {}, view->access}, "board")}};
  model["idea"] = {{"title", idea.title},
                   {"unit", idea.unit_name},
                   {"kind", unit_kind_label(site, lang, idea.unit_kind)},
                   {"stage", stage_label(site, lang, idea.stage)},
                   {"print_href", idea_path(lab_id, idea_id, "cetak")}};
  model["tabs"] = tabs;
  model["stage_name"] = stage_label(site, lang, shown_name);
  model["form"] = stage_form_model(site, lang, shown, lab, values, errors);
  model["editable"] = editable;
  model["work_action"] = idea_path(lab_id, idea_id, "tahap/" + shown_name);
  if (work && work->state == "returned") model["returned_reason"] = work->reason;
  if (work && work->state == "complete") model["completed"] = true;
  if (shown == labs::Stage::diagnose) {
    std::vector<labs::UsgProblem> problems;
    auto usg = usg_model(work ? work->data : nlohmann::json::object(), problems);
    model["usg"] = usg;
    model["has_usg"] = !usg.empty();
    std::string top;
    if (!usg.empty()) top = usg.front()["problem"].get<std::string>();
    auto similar = similar_solutions(site, ctx, top);
    model["similar"] = similar;
    model["has_similar"] = !similar.empty();
    model["show_similar"] = !top.empty();
    model["solutions_href"] = "/solusi?problem=" + url_encode(top);
  }
  // Gate.
  if (view->access.gates(idea.unit_id) && shown == current) {
    model["gate_action"] = idea_path(lab_id, idea_id, "tahap/" + shown_name + "/keputusan");
    if (page.form == "gate" && page.error)
      model["reason_error"] = errors.contains("reason") ? errors.at("reason") : nlohmann::json(false);
  }
  // Comments of the shown stage, threaded.
  nlohmann::json threads = nlohmann::json::array();
  for (const auto& c : view->comments) {
    if (c.stage != shown_name || c.parent_id != 0) continue;
    nlohmann::json replies = nlohmann::json::array();
    for (const auto& r : view->comments)
      if (r.parent_id == c.id)
        replies.push_back({{"id", r.id},
                           {"author", r.author_name},
                           {"body", r.body},
                           {"at", format_datetime(r.created_at, lang)}});
    threads.push_back({{"id", c.id},
                       {"author", c.author_name},
                       {"body", c.body},
                       {"at", format_datetime(c.created_at, lang)},
                       {"replies", replies}});
  }
  model["threads"] = threads;
  model["has_threads"] = !threads.empty();
  model["comment_action"] = idea_path(lab_id, idea_id, "komentar");
  model["comment_error"] =
      page.form == "comment" && page.error
          ? nlohmann::json(error_text(
                site, lang, page.error->fields().empty() ? "error.required" : page.error->fields().front().key))
          : nlohmann::json(false);
  model["stage_key"] = shown_name;
  // Rubric scores of the shown stage: the caller's own and the average.
  nlohmann::json rubric = nlohmann::json::array();
  const auto me = visitor(ctx).user ? visitor(ctx).user->id : 0;
  for (std::size_t i = 0; i < lab.rubric.size(); ++i) {
    int mine = 0, sum = 0, n = 0;
    for (const auto& s : view->scores)
      if (s.stage == shown_name && s.criterion == lab.rubric[i]) {
        sum += s.score;
        ++n;
        if (s.scorer_id == me) mine = s.score;
      }
    char avg[16];
    std::snprintf(avg, sizeof avg, "%.1f", n ? static_cast<double>(sum) / n : 0.0);
    rubric.push_back({{"name", "score_" + std::to_string(i + 1)},
                      {"criterion", lab.rubric[i]},
                      {"options", score_options(std::to_string(mine))},
                      {"average", n ? nlohmann::json(std::string(avg)) : nlohmann::json(false)},
                      {"count", n}});
  }
  model["rubric"] = rubric;
  model["may_score"] = view->access.gates(idea.unit_id) && !rubric.empty();
  model["score_action"] = idea_path(lab_id, idea_id, "nilai");
  // Executive labs: verdicts on the pitch.
  if (lab.format == "executive") {
    nlohmann::json verdicts = nlohmann::json::array();
    for (const auto& v : view->verdicts)
      verdicts.push_back({{"reviewer", v.reviewer_name},
                          {"verdict", site.catalog.text(lang, "lab.verdict." + v.verdict)},
                          {"remarks", v.remarks},
                          {"at", format_datetime(v.decided_at, lang)}});
    model["executive"] = true;
    model["verdicts"] = verdicts;
    model["has_verdicts"] = !verdicts.empty();
    if (view->access.gates(idea.unit_id)) {
      std::string mine;
      for (const auto& v : view->verdicts)
        if (v.reviewer_id == me) mine = v.verdict;
      nlohmann::json options = nlohmann::json::array();
      for (const char* v : {"lanjut", "perbaiki", "tolak"})
        options.push_back({{"value", v},
                           {"label", site.catalog.text(lang, std::string("lab.verdict.") + v)},
                           {"selected", mine == v}});
      model["verdict_action"] = idea_path(lab_id, idea_id, "putusan");
      model["verdict_options"] = options;
    }
  }
  // Publishing.
  const auto delivery = view->work.find("delivery");
  const bool delivered = delivery != view->work.end() && delivery->second.state == "complete";
  if (idea.innovation_id != 0)
    model["innovation_href"] = innovation_path(idea.innovation_id, "");
  else if (delivered && (view->access.works_in(idea.unit_id) || view->access.organizer))
    model["publish_action"] = idea_path(lab_id, idea_id, "terbitkan");
  if (!page.notice_key.empty()) model["notice"] = site.catalog.text(lang, page.notice_key);
  if (page.error && page.form == "work") model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (page.error && page.form == "gate") model["alert"] = site.catalog.text(lang, "lab.error.gate_failed");
  auto r = render_page(site, req, ctx, "lab/ide", std::move(model), page.error ? 400 : 200);
  r.cacheable = false;
  return r;
}

}  // namespace

http::Response get_lab_idea(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto ids = ids_of(req);
  if (!ids) return error_page(site, req, ctx, 404);
  IdeaPage page;
  page.stage = req.query.get_or("tahap", "");
  static const std::map<std::string, std::string> kNotices = {
      {"disimpan", "lab.notice.saved"},        {"selesai", "lab.notice.completed"},
      {"dikembalikan", "lab.notice.returned"}, {"komentar", "lab.notice.commented"},
      {"nilai", "lab.notice.scored"},          {"terbit", "lab.notice.published"},
      {"putusan", "lab.notice.verdict"}};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end()) page.notice_key = it->second;
  return idea_page(site, req, ctx, ids->first, ids->second, page);
}

http::Response post_lab_stage_work(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto ids = ids_of(req);
  auto stage = labs::parse_stage(req.path_params.at("stage"));
  if (!ids || !stage || *stage == labs::Stage::done) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto actor = actor_of(req, ctx);
  auto view = site.labs->open_idea(actor, ids->first, ids->second);
  if (!view) return failure_page(site, req, ctx, view.error());
  auto data = labs::read_stage_form(
      *stage, [&](const std::string& k) { return form->get_or(k, ""); }, view->lab.readiness_items.size());
  const std::string stage_name = labs::to_string(*stage);
  if (!data)
    return idea_page(site, req, ctx, ids->first, ids->second, IdeaPage{stage_name, &*form, data.error(), "work"});
  auto saved = site.labs->save_work(actor, ids->first, ids->second, *stage, *data);
  if (!saved) return failure_page(site, req, ctx, saved.error());
  return http::Response::redirect(idea_path(ids->first, ids->second) + "?tahap=" + stage_name + "&pesan=disimpan", 303);
}

http::Response post_lab_stage_decision(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto ids = ids_of(req);
  auto stage = labs::parse_stage(req.path_params.at("stage"));
  if (!ids || !stage || *stage == labs::Stage::done) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto decision = form->get_or("decision", "");
  if (decision != "complete" && decision != "return") return error_page(site, req, ctx, 400);
  const auto action = decision == "complete" ? labs::GateAction::complete : labs::GateAction::send_back;
  auto idea =
      site.labs->decide(actor_of(req, ctx), ids->first, ids->second, *stage, action, form->get_or("reason", ""));
  const std::string stage_name = labs::to_string(*stage);
  if (!idea) {
    if (idea.error().code() != ErrorCode::invalid) return failure_page(site, req, ctx, idea.error());
    return idea_page(site, req, ctx, ids->first, ids->second, IdeaPage{stage_name, nullptr, idea.error(), "gate"});
  }
  const auto next = action == labs::GateAction::complete && idea->stage != "done" ? idea->stage : stage_name;
  return http::Response::redirect(idea_path(ids->first, ids->second) + "?tahap=" + next +
                                      "&pesan=" + (action == labs::GateAction::complete ? "selesai" : "dikembalikan"),
                                  303);
}

http::Response post_lab_comment(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto ids = ids_of(req);
  if (!ids) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto stage = labs::parse_stage(form->get_or("stage", ""));
  if (!stage || *stage == labs::Stage::done) return error_page(site, req, ctx, 400);
  const auto parent = parse_id(form->get_or("parent_id", "")).value_or(0);
  auto c = site.labs->comment(actor_of(req, ctx), ids->first, ids->second, *stage, parent, form->get_or("body", ""));
  const std::string stage_name = labs::to_string(*stage);
  if (!c) {
    if (c.error().code() != ErrorCode::invalid) return failure_page(site, req, ctx, c.error());
    return idea_page(site, req, ctx, ids->first, ids->second, IdeaPage{stage_name, nullptr, c.error(), "comment"});
  }
  return http::Response::redirect(idea_path(ids->first, ids->second) + "?tahap=" + stage_name + "&pesan=komentar", 303);
}

http::Response post_lab_score(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto ids = ids_of(req);
  if (!ids) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto stage = labs::parse_stage(form->get_or("stage", ""));
  if (!stage || *stage == labs::Stage::done) return error_page(site, req, ctx, 400);
  const auto actor = actor_of(req, ctx);
  auto view = site.labs->open_idea(actor, ids->first, ids->second);
  if (!view) return failure_page(site, req, ctx, view.error());
  std::map<std::string, int> scores;
  for (std::size_t i = 0; i < view->lab.rubric.size(); ++i) {
    const auto v = form->get_or("score_" + std::to_string(i + 1), "");
    if (v.empty()) continue;
    if (v.size() != 1 || v[0] < '0' || v[0] > '5') return error_page(site, req, ctx, 400, "lab.error.score");
    scores[view->lab.rubric[i]] = v[0] - '0';
  }
  auto done = site.labs->score(actor, ids->first, ids->second, *stage, scores);
  if (!done) return failure_page(site, req, ctx, done.error());
  return http::Response::redirect(
      idea_path(ids->first, ids->second) + "?tahap=" + labs::to_string(*stage) + "&pesan=nilai", 303);
}

http::Response post_lab_verdict(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto ids = ids_of(req);
  if (!ids) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto done = site.labs->record_verdict(actor_of(req, ctx), ids->first, ids->second, form->get_or("verdict", ""),
                                        form->get_or("remarks", ""));
  if (!done) {
    if (done.error().code() == ErrorCode::invalid) return error_page(site, req, ctx, 400, "lab.error.verdict_invalid");
    return failure_page(site, req, ctx, done.error());
  }
  return http::Response::redirect(idea_path(ids->first, ids->second) + "?pesan=putusan", 303);
}

http::Response post_lab_publish(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto ids = ids_of(req);
  if (!ids) return error_page(site, req, ctx, 404);
  auto idea = site.labs->publish(actor_of(req, ctx), ids->first, ids->second);
  if (!idea) {
    if (idea.error().code() == ErrorCode::invalid) return error_page(site, req, ctx, 400, "lab.error.publish_invalid");
    return failure_page(site, req, ctx, idea.error());
  }
  return http::Response::redirect(idea_path(ids->first, ids->second) + "?pesan=terbit", 303);
}

http::Response get_lab_idea_print(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto ids = ids_of(req);
  if (!ids) return error_page(site, req, ctx, 404);
  auto view = site.labs->open_idea(actor_of(req, ctx), ids->first, ids->second);
  if (!view) return failure_page(site, req, ctx, view.error());
  nlohmann::json sections = nlohmann::json::array();
  for (auto s : labs::stages_of(view->lab.with_documentation())) {
    auto w = view->work.find(labs::to_string(s));
    if (w == view->work.end()) continue;
    const auto values = labs::form_values(s, w->second.data, view->lab.readiness_items.size());
    nlohmann::json items = nlohmann::json::array();
    const auto& form = labs::stage_form(s);
    for (const auto& f : form.fields)
      if (auto it = values.find(f.name); it != values.end() && !it->second.empty())
        items.push_back(
            {{"label", site.catalog.text(lang, std::string("lab.field.") + f.name)}, {"value", it->second}});
    for (const auto& g : form.groups)
      for (int r = 1; r <= g.rows; ++r) {
        std::string line;
        for (const auto& f : g.fields)
          if (auto it = values.find(std::string(g.name) + "_" + std::to_string(r) + "_" + f.name);
              it != values.end() && !it->second.empty() && it->second != "0")
            line += (line.empty() ? "" : " · ") + it->second;
        if (!line.empty())
          items.push_back({{"label", site.catalog.text(lang, std::string("lab.group.") + g.name)}, {"value", line}});
      }
    sections.push_back({{"stage", stage_label(site, lang, labs::to_string(s))}, {"items", items}});
  }
  nlohmann::json model = {{"title", view->idea.title},
                          {"lab_name", view->lab.name},
                          {"idea",
                           {{"title", view->idea.title},
                            {"unit", view->idea.unit_name},
                            {"stage", stage_label(site, lang, view->idea.stage)},
                            {"back", idea_path(ids->first, ids->second)}}},
                          {"sections", sections}};
  return render_page(site, req, ctx, "lab/cetak", std::move(model));
}

}  // namespace lumbung::web
