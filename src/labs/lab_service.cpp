#include "labs/lab_service.hpp"

#include <algorithm>
#include <set>

#include "auth/audit.hpp"
#include "core/ids.hpp"
#include "core/text.hpp"
#include "directory/innovation_rules.hpp"
#include "labs/lab_notices.hpp"
#include "labs/lab_store.hpp"

namespace lumbung::labs {

namespace {

constexpr std::size_t kTitleMax = 200;
constexpr std::size_t kCommentMax = 2000;

Error not_found(const char* op, const char* what, std::int64_t id) {
  return Error(ErrorCode::not_found, std::string(op) + ": no " + what + " " + std::to_string(id));
}

Error forbidden(const char* op) { return Error(ErrorCode::forbidden, std::string(op) + ": not allowed"); }

Error invalid(const char* op, std::vector<FieldError> fields) {
  return Error(ErrorCode::invalid, std::string(op) + ": invalid input", std::move(fields));
}

std::string json_text(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status audit(soci::session& sql, const auth::Actor& actor, const char* action, const char* entity, std::int64_t id,
             const nlohmann::json& before, const nlohmann::json& after, std::int64_t now) {
  auth::AuditRecord record;
  record.actor_user_id = actor.user_id;
  record.actor_label = actor.label;
  record.action = action;
  record.entity = entity;
  record.entity_id = std::to_string(id);
  record.before_json = before.is_null() ? "" : json_text(before);
  record.after_json = after.is_null() ? "" : json_text(after);
  record.ip = actor.ip;
  record.at = now;
  return auth::append_audit(sql, record);
}

// A unit belongs to a lab's locus: the lab's region itself, or a region
// below it when the lab is a province's.
bool in_locus(const std::string& lab_region, const std::string& unit_region) {
  return unit_region == lab_region || unit_region.rfind(lab_region + ".", 0) == 0;
}

template <class F>
auto reading(store::Database& db, const char* op, F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  auto sql = db.acquire();
  try {
    return fn(*sql);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, op);
  }
}

const char* text_of(const nlohmann::json& obj, const char* key) {
  if (!obj.is_object() || !obj.contains(key) || !obj.at(key).is_string()) return "";
  return obj.at(key).get_ref<const std::string&>().c_str();
}

}  // namespace

auth::RegionOf LabService::region_of() const {
  store::Database* db = &db_;
  return [db](const auth::Scope& s) -> std::optional<std::string> {
    if (s.kind != auth::ScopeKind::lab && s.kind != auth::ScopeKind::unit) return std::nullopt;
    const auto id = parse_id(s.ref);
    if (!id) return std::nullopt;
    auto sql = db->acquire();
    try {
      if (s.kind == auth::ScopeKind::lab) return lab_region(*sql, *id);
      auto unit = find_unit(*sql, *id);
      if (!unit) return std::nullopt;
      return unit->region_code;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  };
}

Result<LabView> LabService::load(soci::session& sql, const auth::Actor& actor, std::int64_t lab_id) {
  auto lab = find_lab(sql, lab_id);
  if (!lab) return not_found("open_lab", "lab", lab_id);
  auto units = list_lab_units(sql, lab_id);
  auto access = lab_access(actor.grants, actor.user_id, *lab, units);
  if (!access.sees_lab()) return not_found("open_lab", "lab", lab_id);
  std::erase_if(units, [&](const LabUnit& u) { return !access.sees_unit(u.unit_id); });
  return LabView{std::move(*lab), std::move(units), std::move(access)};
}

Result<Lab> LabService::create_lab(const auth::Actor& actor, LabDraft draft) {
  draft.name = trim(draft.name);
  draft.organizer = trim(draft.organizer);
  draft.region_code = trim(draft.region_code);
  if (draft.readiness_items.empty()) draft.readiness_items = default_readiness_items();
  if (draft.rubric.empty()) draft.rubric = default_rubric();
  auto errors = validate_lab(draft);
  if (!errors.empty()) return invalid("create_lab", std::move(errors));
  if (!may_create_lab(actor.grants, draft.region_code)) return forbidden("create_lab");
  const auto now = clock_.now();
  return db_.transact("create_lab", [&](soci::session& sql) -> Result<Lab> {
    auto region = region_name(sql, draft.region_code);
    if (!region) return invalid("create_lab", {{"region_code", "error.unknown_region"}});
    auto id = store::next_id(sql, "labs");
    if (!id) return id.error();
    Lab lab;
    static_cast<LabDraft&>(lab) = draft;
    lab.id = *id;
    lab.region_name = *region;
    lab.created_by = actor.user_id;
    lab.created_at = lab.updated_at = now;
    insert_lab(sql, lab);
    nlohmann::json after = {
        {"name", lab.name}, {"organizer", lab.organizer},      {"region_code", lab.region_code}, {"format", lab.format},
        {"year", lab.year}, {"partners", lab.partners.size()}, {"sessions", lab.sessions.size()}};
    if (auto st = audit(sql, actor, "lab.create", "lab", lab.id, nullptr, after, now); !st) return st.error();
    return lab;
  });
}

Result<Lab> LabService::update_lab(const auth::Actor& actor, std::int64_t lab_id, LabDraft draft) {
  draft.name = trim(draft.name);
  draft.organizer = trim(draft.organizer);
  if (draft.readiness_items.empty()) draft.readiness_items = default_readiness_items();
  if (draft.rubric.empty()) draft.rubric = default_rubric();
  const auto now = clock_.now();
  return db_.transact("update_lab", [&](soci::session& sql) -> Result<Lab> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    if (!view->access.organizer) return forbidden("update_lab");
    draft.region_code = view->lab.region_code;
    auto errors = validate_lab(draft);
    if (!errors.empty()) return invalid("update_lab", std::move(errors));
    Lab lab = view->lab;
    static_cast<LabDraft&>(lab) = draft;
    lab.updated_at = now;
    labs::update_lab(sql, lab);
    const nlohmann::json before = {
        {"name", view->lab.name}, {"organizer", view->lab.organizer},      {"format", view->lab.format},
        {"year", view->lab.year}, {"partners", view->lab.partners.size()}, {"sessions", view->lab.sessions.size()}};
    const nlohmann::json after = {
        {"name", lab.name}, {"organizer", lab.organizer},      {"format", lab.format},
        {"year", lab.year}, {"partners", lab.partners.size()}, {"sessions", lab.sessions.size()}};
    if (auto st = audit(sql, actor, "lab.update", "lab", lab.id, before, after, now); !st) return st.error();
    return lab;
  });
}

Result<std::vector<Lab>> LabService::list_labs(const auth::Actor& actor) {
  return reading(db_, "list_labs", [&](soci::session& sql) -> Result<std::vector<Lab>> {
    std::vector<std::int64_t> unit_ids;
    for (const auto& g : actor.grants)
      if (g.role == auth::Role::participant && g.scope.kind == auth::ScopeKind::unit)
        if (auto id = parse_id(g.scope.ref)) unit_ids.push_back(*id);
    std::set<std::int64_t> member;
    for (auto id : labs_of_units(sql, unit_ids)) member.insert(id);
    if (actor.user_id != 0)
      for (auto id : labs_of_coach(sql, actor.user_id)) member.insert(id);
    std::vector<Lab> out;
    for (auto& lab : ::lumbung::labs::list_labs(sql)) {
      const bool organizer = lab_access(actor.grants, actor.user_id, lab, {}).organizer;
      if (organizer || member.count(lab.id)) out.push_back(std::move(lab));
    }
    return out;
  });
}

Result<LabView> LabService::open_lab(const auth::Actor& actor, std::int64_t lab_id) {
  return reading(db_, "open_lab", [&](soci::session& sql) { return load(sql, actor, lab_id); });
}

Status LabService::enrol_unit(const auth::Actor& actor, std::int64_t lab_id, std::int64_t unit_id,
                              const std::string& coach_email) {
  const auto now = clock_.now();
  return db_.transact("enrol_unit", [&](soci::session& sql) -> Status {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    if (!view->access.organizer) return forbidden("enrol_unit");
    auto unit = find_unit(sql, unit_id);
    if (!unit || !in_locus(view->lab.region_code, unit->region_code))
      return invalid("enrol_unit", {{"unit_id", "lab.error.unknown_unit"}});
    std::int64_t coach = 0;
    if (!trim(coach_email).empty()) {
      auto email = auth::normalize_email(coach_email);
      auto user = email ? find_user_by_email(sql, *email) : std::nullopt;
      if (!user || !user->active || !user_has_role(sql, user->id, "coach"))
        return invalid("enrol_unit", {{"coach_email", "lab.error.not_coach"}});
      coach = user->id;
    }
    upsert_lab_unit(sql, lab_id, unit_id, coach, now);
    return audit(sql, actor, "lab.enrol_unit", "lab", lab_id, nullptr, {{"unit_id", unit_id}, {"coach_user_id", coach}},
                 now);
  });
}

Status LabService::withdraw_unit(const auth::Actor& actor, std::int64_t lab_id, std::int64_t unit_id) {
  const auto now = clock_.now();
  return db_.transact("withdraw_unit", [&](soci::session& sql) -> Status {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    if (!view->access.organizer) return forbidden("withdraw_unit");
    if (count_unit_ideas(sql, lab_id, unit_id) > 0)
      return Error(ErrorCode::conflict, "withdraw_unit: the unit has ideas in this lab");
    if (!delete_lab_unit(sql, lab_id, unit_id)) return not_found("withdraw_unit", "unit", unit_id);
    return audit(sql, actor, "lab.withdraw_unit", "lab", lab_id, {{"unit_id", unit_id}}, nullptr, now);
  });
}

Status LabService::remove_coach(const auth::Actor& actor, std::int64_t lab_id, std::int64_t unit_id) {
  const auto now = clock_.now();
  return db_.transact("remove_coach", [&](soci::session& sql) -> Status {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    if (!view->access.organizer) return forbidden("remove_coach");
    const auto unit =
        std::find_if(view->units.begin(), view->units.end(), [&](const LabUnit& u) { return u.unit_id == unit_id; });
    if (unit == view->units.end() || !set_lab_unit_coach(sql, lab_id, unit_id, 0))
      return not_found("remove_coach", "unit", unit_id);
    return audit(sql, actor, "lab.remove_coach", "lab", lab_id,
                 {{"unit_id", unit_id}, {"coach_user_id", unit->coach_user_id}}, {{"coach_user_id", 0}}, now);
  });
}

Result<std::string> LabService::enrol_person(const auth::Actor& actor, std::int64_t lab_id, std::int64_t unit_id,
                                             const std::string& email, const std::string& name) {
  auto view = open_lab(actor, lab_id);
  if (!view) return view.error();
  if (!view->access.organizer) return forbidden("enrol_person");
  const bool enrolled =
      std::any_of(view->units.begin(), view->units.end(), [&](const LabUnit& u) { return u.unit_id == unit_id; });
  if (!enrolled) return invalid("enrol_person", {{"unit_id", "lab.error.unknown_unit"}});
  auto normalized = auth::normalize_email(email);
  if (!normalized) return normalized.error();
  const auth::Grant grant{auth::Role::participant, auth::Scope::unit(std::to_string(unit_id))};
  auto existing = reading(db_, "enrol_person", [&](soci::session& sql) -> Result<std::optional<UserRow>> {
    return find_user_by_email(sql, *normalized);
  });
  if (!existing) return existing.error();
  if (*existing) {
    auto user = accounts_.get_user((*existing)->id);
    if (!user) return user.error();
    auto grants = user->grants;
    if (std::find(grants.begin(), grants.end(), grant) == grants.end()) grants.push_back(grant);
    auto updated = accounts_.set_grants(actor, user->id, grants, region_of());
    if (!updated) return updated.error();
    return std::string();
  }
  auto invite =
      accounts_.invite(actor, *normalized, name.empty() ? *normalized : name, grant.role, grant.scope, region_of());
  if (!invite) return invite.error();
  return "/undangan/" + invite->raw_token;
}

Result<EnrolmentOutcome> LabService::enrol_csv(const auth::Actor& actor, std::int64_t lab_id, std::string_view text) {
  auto view = open_lab(actor, lab_id);
  if (!view) return view.error();
  if (!view->access.organizer) return forbidden("enrol_csv");
  EnrolmentOutcome out;
  auto parsed = parse_enrolment_csv(text);
  out.problems = std::move(parsed.problems);
  out.rows = static_cast<int>(parsed.rows.size());
  if (!out.problems.empty()) return out;
  // Check every row against the database before writing anything.
  struct Resolved {
    std::int64_t unit_id = 0;
    std::int64_t coach = 0;
    std::string email, name;
    bool existing = false;
  };
  std::vector<Resolved> resolved;
  const auto region_of_fn = region_of();
  auto checked = reading(db_, "enrol_csv", [&](soci::session& sql) -> Status {
    for (const auto& row : parsed.rows) {
      Resolved r;
      auto unit = find_unit_by_name(sql, view->lab.region_code, row.unit);
      if (!unit) {
        out.problems.push_back({row.line, "unit", "lab.csv.unknown_unit"});
        continue;
      }
      r.unit_id = unit->id;
      if (!row.email.empty()) {
        auto email = auth::normalize_email(row.email);
        if (!email) {
          out.problems.push_back({row.line, "email", "lab.csv.invalid_email"});
        } else {
          r.email = *email;
          r.name = row.name.empty() ? *email : row.name;
          r.existing = find_user_by_email(sql, *email).has_value();
          if (!auth::can_grant(actor.grants, auth::Role::participant, auth::Scope::unit(std::to_string(r.unit_id)),
                               region_of_fn))
            out.problems.push_back({row.line, "email", "lab.csv.not_allowed"});
        }
      }
      if (!row.coach_email.empty()) {
        auto email = auth::normalize_email(row.coach_email);
        auto user = email ? find_user_by_email(sql, *email) : std::nullopt;
        if (!user || !user->active || !user_has_role(sql, user->id, "coach"))
          out.problems.push_back({row.line, "coach_email", "lab.csv.unknown_coach"});
        else
          r.coach = user->id;
      }
      resolved.push_back(std::move(r));
    }
    return {};
  });
  if (!checked) return checked.error();
  if (!out.problems.empty()) return out;
  const auto now = clock_.now();
  std::set<std::int64_t> units;
  auto written = db_.transact("enrol_csv", [&](soci::session& sql) -> Status {
    for (const auto& r : resolved) {
      upsert_lab_unit(sql, lab_id, r.unit_id, r.coach, now);
      units.insert(r.unit_id);
    }
    return audit(sql, actor, "lab.enrol_csv", "lab", lab_id, nullptr,
                 {{"rows", resolved.size()}, {"units", units.size()}}, now);
  });
  if (!written) return written.error();
  out.units = static_cast<int>(units.size());
  for (const auto& r : resolved) {
    if (r.email.empty()) continue;
    auto link = enrol_person(actor, lab_id, r.unit_id, r.email, r.name);
    if (!link) return link.error();
    if (link->empty())
      out.granted.push_back(r.email);
    else {
      out.invited.push_back(r.email);
      out.invite_links.push_back(*link);
    }
  }
  return out;
}

Result<Idea> LabService::create_idea(const auth::Actor& actor, std::int64_t lab_id, std::int64_t unit_id,
                                     const std::string& title) {
  const auto t = trim(title);
  if (t.empty()) return invalid("create_idea", {{"title", "error.required"}});
  if (!directory::clean_text(t)) return invalid("create_idea", {{"title", "error.invalid_text"}});
  if (char_count(t) > kTitleMax) return invalid("create_idea", {{"title", "error.too_long"}});
  const auto now = clock_.now();
  return db_.transact("create_idea", [&](soci::session& sql) -> Result<Idea> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    const bool enrolled =
        std::any_of(view->units.begin(), view->units.end(), [&](const LabUnit& u) { return u.unit_id == unit_id; });
    if (!enrolled) return invalid("create_idea", {{"unit_id", "lab.error.unknown_unit"}});
    if (!view->access.works_in(unit_id)) return forbidden("create_idea");
    auto id = store::next_id(sql, "lab_ideas");
    if (!id) return id.error();
    Idea idea;
    idea.id = *id;
    idea.lab_id = lab_id;
    idea.unit_id = unit_id;
    idea.title = t;
    idea.stage = to_string(Stage::drumup);
    idea.created_by = actor.user_id;
    idea.created_at = idea.updated_at = now;
    insert_idea(sql, idea);
    if (auto st = audit(sql, actor, "lab.idea_create", "lab_idea", idea.id, nullptr,
                        {{"lab_id", lab_id}, {"unit_id", unit_id}, {"title", t}}, now);
        !st)
      return st.error();
    auto stored = find_idea(sql, idea.id);
    return stored ? *stored : idea;
  });
}

Result<IdeaView> LabService::open_idea(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id) {
  return reading(db_, "open_idea", [&](soci::session& sql) -> Result<IdeaView> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    auto idea = find_idea(sql, idea_id);
    if (!idea || idea->lab_id != lab_id || !view->access.sees_unit(idea->unit_id))
      return not_found("open_idea", "idea", idea_id);
    IdeaView out{std::move(view->lab), std::move(*idea), {}, {}, {}, {}, std::move(view->access)};
    for (auto& w : list_work(sql, idea_id)) out.work[w.stage] = std::move(w);
    out.comments = list_comments(sql, idea_id);
    out.scores = list_scores(sql, idea_id);
    out.verdicts = list_verdicts(sql, idea_id);
    return out;
  });
}

Result<StageWork> LabService::save_work(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id,
                                        Stage stage, const nlohmann::json& data) {
  const auto now = clock_.now();
  return db_.transact("save_stage_work", [&](soci::session& sql) -> Result<StageWork> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    auto idea = find_idea(sql, idea_id);
    if (!idea || idea->lab_id != lab_id || !view->access.sees_unit(idea->unit_id))
      return not_found("save_stage_work", "idea", idea_id);
    if (!view->access.works_in(idea->unit_id)) return forbidden("save_stage_work");
    if (idea->stage != to_string(stage))
      return Error(ErrorCode::conflict, "save_stage_work: the idea is at " + idea->stage);
    auto work = find_work(sql, idea_id, to_string(stage)).value_or(StageWork{idea_id, to_string(stage)});
    const auto before = work.data;
    work.data = data;
    work.state = "open";
    work.updated_by = actor.user_id;
    work.updated_at = now;
    upsert_work(sql, work);
    idea->updated_at = now;
    update_idea(sql, *idea);
    if (auto st = audit(sql, actor, "lab.stage_save", "lab_idea", idea_id, {{"stage", work.stage}, {"data", before}},
                        {{"stage", work.stage}, {"data", data}}, now);
        !st)
      return st.error();
    return work;
  });
}

Result<Idea> LabService::decide(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id, Stage stage,
                                GateAction action, const std::string& reason) {
  const auto now = clock_.now();
  return db_.transact("decide_stage", [&](soci::session& sql) -> Result<Idea> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    auto idea = find_idea(sql, idea_id);
    if (!idea || idea->lab_id != lab_id || !view->access.sees_unit(idea->unit_id))
      return not_found("decide_stage", "idea", idea_id);
    if (!view->access.gates(idea->unit_id)) return forbidden("decide_stage");
    const auto current = parse_stage(idea->stage).value_or(Stage::done);
    auto work = find_work(sql, idea_id, to_string(stage)).value_or(StageWork{idea_id, to_string(stage)});
    const auto gaps = completion_gaps(stage, work.data, view->lab.readiness_items.size());
    const auto trimmed = trim(reason);
    auto next = gate(current, stage, action, gaps, trimmed, view->lab.with_documentation());
    if (!next) return next.error();
    const bool completed = action == GateAction::complete;
    work.state = completed ? "complete" : "returned";
    work.reason = completed ? "" : trimmed;
    work.decided_by = actor.user_id;
    work.decided_at = now;
    upsert_work(sql, work);
    idea->stage = to_string(*next);
    idea->updated_at = now;
    update_idea(sql, *idea);
    if (auto st = audit(sql, actor, completed ? "lab.stage_complete" : "lab.stage_return", "lab_idea", idea_id,
                        {{"stage", to_string(current)}}, {{"stage", idea->stage}, {"reason", work.reason}}, now);
        !st)
      return st.error();
    if (auto st = notify_gate(sql, view->lab, *idea, to_string(stage), completed, work.reason, now); !st)
      return st.error();
    return *idea;
  });
}

Result<Comment> LabService::comment(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id, Stage stage,
                                    std::int64_t parent_id, const std::string& body) {
  const auto text = trim(body);
  if (text.empty()) return invalid("comment", {{"body", "error.required"}});
  if (!directory::clean_text(text)) return invalid("comment", {{"body", "error.invalid_text"}});
  if (char_count(text) > kCommentMax) return invalid("comment", {{"body", "error.too_long"}});
  const auto now = clock_.now();
  return db_.transact("comment", [&](soci::session& sql) -> Result<Comment> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    auto idea = find_idea(sql, idea_id);
    if (!idea || idea->lab_id != lab_id || !view->access.sees_unit(idea->unit_id))
      return not_found("comment", "idea", idea_id);
    std::int64_t parent_author = 0;
    if (parent_id != 0) {
      const auto all = list_comments(sql, idea_id);
      const auto parent = std::find_if(
          all.begin(), all.end(), [&](const Comment& c) { return c.id == parent_id && c.stage == to_string(stage); });
      if (parent == all.end()) return invalid("comment", {{"parent_id", "lab.error.unknown_comment"}});
      parent_author = parent->author_id;
    }
    auto id = store::next_id(sql, "lab_comments");
    if (!id) return id.error();
    auto author = find_user(sql, actor.user_id);
    Comment c{*id, idea_id, to_string(stage), parent_id, actor.user_id, author ? author->name : actor.label, text, now};
    insert_comment(sql, c);
    if (auto st = audit(sql, actor, "lab.comment", "lab_idea", idea_id, nullptr,
                        {{"comment_id", c.id}, {"stage", c.stage}, {"parent_id", parent_id}}, now);
        !st)
      return st.error();
    const auto unit = std::find_if(view->units.begin(), view->units.end(),
                                   [&](const LabUnit& u) { return u.unit_id == idea->unit_id; });
    const std::int64_t coach = unit == view->units.end() ? 0 : unit->coach_user_id;
    if (auto st = notify_comment(sql, view->lab, *idea, coach, parent_author, c, now); !st) return st.error();
    return c;
  });
}

Status LabService::score(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id, Stage stage,
                         const std::map<std::string, int>& scores) {
  const auto now = clock_.now();
  return db_.transact("score", [&](soci::session& sql) -> Status {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    auto idea = find_idea(sql, idea_id);
    if (!idea || idea->lab_id != lab_id || !view->access.sees_unit(idea->unit_id))
      return not_found("score", "idea", idea_id);
    if (!view->access.gates(idea->unit_id)) return forbidden("score");
    const auto& rubric = view->lab.rubric;
    std::vector<FieldError> errors;
    for (const auto& [criterion, value] : scores) {
      const auto pos = std::find(rubric.begin(), rubric.end(), criterion);
      const auto field = "score_" + std::to_string(pos - rubric.begin() + 1);
      if (pos == rubric.end())
        errors.push_back({"score", "lab.error.unknown_criterion"});
      else if (value < 0 || value > 5)
        errors.push_back({field, "lab.error.score"});
    }
    if (!errors.empty()) return invalid("score", std::move(errors));
    nlohmann::json after = nlohmann::json::object();
    for (const auto& [criterion, value] : scores) {
      if (value == 0) continue;
      upsert_score(sql, idea_id, Score{to_string(stage), criterion, actor.user_id, value, now});
      after[criterion] = value;
    }
    return audit(sql, actor, "lab.score", "lab_idea", idea_id, nullptr,
                 {{"stage", to_string(stage)}, {"scores", after}}, now);
  });
}

Result<Clinic> LabService::record_clinic(const auth::Actor& actor, std::int64_t lab_id, Clinic clinic) {
  clinic.attendees = trim(clinic.attendees);
  clinic.notes = trim(clinic.notes);
  for (auto& a : clinic.actions) {
    a.action = trim(a.action);
    a.owner = trim(a.owner);
  }
  auto errors = validate_clinic(clinic);
  if (!errors.empty()) return invalid("record_clinic", std::move(errors));
  const auto now = clock_.now();
  return db_.transact("record_clinic", [&](soci::session& sql) -> Result<Clinic> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    const auto& access = view->access;
    if (!access.organizer && access.coached_units.empty()) return forbidden("record_clinic");
    if (clinic.unit_id != 0) {
      if (!access.sees_unit(clinic.unit_id)) return invalid("record_clinic", {{"unit_id", "lab.error.unknown_unit"}});
      if (!access.gates(clinic.unit_id)) return forbidden("record_clinic");
    }
    auto id = store::next_id(sql, "lab_clinics");
    if (!id) return id.error();
    clinic.id = *id;
    clinic.lab_id = lab_id;
    clinic.created_by = actor.user_id;
    clinic.created_at = now;
    insert_clinic(sql, clinic);
    if (auto st = audit(sql, actor, "lab.clinic", "lab", lab_id, nullptr,
                        {{"clinic_id", clinic.id},
                         {"held_on", clinic.held_on},
                         {"unit_id", clinic.unit_id},
                         {"actions", clinic.actions.size()}},
                        now);
        !st)
      return st.error();
    return clinic;
  });
}

Result<std::vector<Clinic>> LabService::clinics(const auth::Actor& actor, std::int64_t lab_id) {
  return reading(db_, "lab_clinics", [&](soci::session& sql) -> Result<std::vector<Clinic>> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    auto all = list_clinics(sql, lab_id);
    std::erase_if(all, [&](const Clinic& c) { return c.unit_id != 0 && !view->access.sees_unit(c.unit_id); });
    return all;
  });
}

Status LabService::record_verdict(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id,
                                  const std::string& verdict, const std::string& remarks) {
  const auto text = trim(remarks);
  std::vector<FieldError> errors;
  if (!is_verdict(verdict)) errors.push_back({"verdict", "error.invalid_choice"});
  if (!directory::clean_text(text))
    errors.push_back({"remarks", "error.invalid_text"});
  else if (char_count(text) > kCommentMax)
    errors.push_back({"remarks", "error.too_long"});
  if (!errors.empty()) return invalid("record_verdict", std::move(errors));
  const auto now = clock_.now();
  return db_.transact("record_verdict", [&](soci::session& sql) -> Status {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    auto idea = find_idea(sql, idea_id);
    if (!idea || idea->lab_id != lab_id || !view->access.sees_unit(idea->unit_id))
      return not_found("record_verdict", "idea", idea_id);
    if (!view->access.gates(idea->unit_id)) return forbidden("record_verdict");
    if (view->lab.format != "executive")
      return Error(ErrorCode::conflict, "record_verdict: pitches belong to executive labs");
    auto reviewer = find_user(sql, actor.user_id);
    const Verdict decided{idea_id, actor.user_id, reviewer ? reviewer->name : actor.label, verdict, text, now};
    upsert_verdict(sql, decided);
    if (auto st = notify_verdict(sql, view->lab, *idea, decided, now); !st) return st;
    return audit(sql, actor, "lab.verdict", "lab_idea", idea_id, nullptr, {{"verdict", verdict}, {"remarks", text}},
                 now);
  });
}

Result<Idea> LabService::publish(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id) {
  auto view = open_idea(actor, lab_id, idea_id);
  if (!view) return view.error();
  if (!view->access.works_in(view->idea.unit_id) && !view->access.organizer) return forbidden("publish_idea");
  if (view->idea.innovation_id != 0) return Error(ErrorCode::conflict, "publish_idea: already published");
  const auto delivery = view->work.find(to_string(Stage::delivery));
  if (delivery == view->work.end() || delivery->second.state != "complete")
    return Error(ErrorCode::conflict, "publish_idea: delivery is not complete", {{"publish", "lab.error.no_delivery"}});
  // The profile, prefilled from the stages.
  const auto data_of = [&](Stage s) {
    auto it = view->work.find(to_string(s));
    return it == view->work.end() ? nlohmann::json::object() : it->second.data;
  };
  const auto diagnose = data_of(Stage::diagnose), design = data_of(Stage::design), deliv = data_of(Stage::delivery),
             doc = data_of(Stage::documentation);
  std::vector<UsgProblem> problems;
  if (diagnose.contains("problems") && diagnose.at("problems").is_array())
    for (const auto& p : diagnose.at("problems"))
      problems.push_back(
          {text_of(p, "problem"), p.value("urgency", 0), p.value("seriousness", 0), p.value("growth", 0)});
  const auto ranked = rank_usg(problems);
  std::string problem = std::string(text_of(doc, "problem"));
  if (problem.empty() && !ranked.empty()) problem = problems[ranked.front().index].problem;
  if (const std::string causes = text_of(diagnose, "root_causes");
      !causes.empty() && std::string(text_of(doc, "problem")).empty())
    problem += problem.empty() ? causes : "\n\n" + causes;
  std::string solution = text_of(doc, "solution");
  if (solution.empty()) solution = text_of(diagnose, "idea_statement");
  std::string summary = text_of(doc, "summary");
  if (summary.empty()) summary = text_of(diagnose, "idea_statement");
  std::string results = text_of(deliv, "results");
  if (const std::string figure = text_of(deliv, "result_figure"); !figure.empty())
    results += results.empty() ? figure : "\n\n" + figure;
  auto unit = reading(db_, "publish_idea", [&](soci::session& sql) -> Result<std::optional<UnitRow>> {
    return find_unit(sql, view->idea.unit_id);
  });
  if (!unit) return unit.error();
  if (!*unit) return not_found("publish_idea", "unit", view->idea.unit_id);
  directory::InnovationDraft draft;
  draft.name = view->idea.title;
  draft.summary = summary;
  draft.problem = problem;
  draft.solution = solution;
  draft.results = results;
  draft.beneficiaries = text_of(doc, "beneficiaries");
  draft.region_code = (*unit)->region_code;
  draft.unit_id = view->idea.unit_id;
  draft.source_program = "labinov";
  draft.source_id = "lab-" + std::to_string(lab_id) + "-" + std::to_string(idea_id);
  draft.year_started = view->lab.year;
  draft.stage = "uji_coba";  // Delivery in a lab is a trial run
  (void)design;
  // A draft made by an earlier attempt that failed before linking is reused.
  auto existing = innovations_.find_by_source(draft.source_program, draft.source_id);
  if (!existing) return existing.error();
  std::int64_t innovation_id = 0;
  if (*existing) {
    innovation_id = **existing;
  } else {
    auto created = innovations_.create_draft(actor.user_id, draft);
    if (!created) return created.error();
    innovation_id = created->id;
  }
  const auto now = clock_.now();
  return db_.transact("publish_idea", [&](soci::session& sql) -> Result<Idea> {
    auto idea = find_idea(sql, idea_id);
    if (!idea) return not_found("publish_idea", "idea", idea_id);
    idea->innovation_id = innovation_id;
    idea->updated_at = now;
    update_idea(sql, *idea);
    if (auto st = audit(sql, actor, "lab.idea_publish", "lab_idea", idea_id, nullptr,
                        {{"innovation_id", innovation_id}}, now);
        !st)
      return st.error();
    return *idea;
  });
}

Result<std::vector<Idea>> LabService::board(const auth::Actor& actor, std::int64_t lab_id, const BoardFilter& filter) {
  return reading(db_, "lab_board", [&](soci::session& sql) -> Result<std::vector<Idea>> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    auto ideas = list_ideas(sql, lab_id);
    std::erase_if(ideas, [&](const Idea& i) {
      return !view->access.sees_unit(i.unit_id) || (!filter.unit_kind.empty() && i.unit_kind != filter.unit_kind) ||
             (filter.coach_user_id != 0 && i.coach_user_id != filter.coach_user_id);
    });
    return ideas;
  });
}

Result<std::vector<ReportRow>> LabService::report(const auth::Actor& actor, std::int64_t lab_id) {
  return reading(db_, "lab_report", [&](soci::session& sql) -> Result<std::vector<ReportRow>> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    std::map<std::int64_t, std::string> coaches;
    for (const auto& u : view->units) coaches[u.unit_id] = u.coach_name;
    std::map<std::int64_t, std::map<std::string, double>> scores;
    for (const auto& t : lab_score_totals(sql, lab_id))
      if (t.count > 0) scores[t.idea_id][t.criterion] = static_cast<double>(t.sum) / static_cast<double>(t.count);
    std::map<std::int64_t, std::vector<Verdict>> verdicts;
    for (auto& v : lab_verdicts(sql, lab_id)) verdicts[v.idea_id].push_back(std::move(v));
    std::vector<ReportRow> out;
    for (auto& i : list_ideas(sql, lab_id)) {
      if (!view->access.sees_unit(i.unit_id)) continue;
      const auto id = i.id, unit = i.unit_id;
      out.push_back({std::move(i), coaches[unit], scores[id], verdicts[id]});
    }
    return out;
  });
}

Result<std::vector<Coverage>> LabService::coverage(const auth::Actor& actor, const std::string& region_code, int year) {
  bool allowed = false;
  for (const auto& g : actor.grants) {
    if (g.role == auth::Role::admin) allowed = true;
    if (g.role != auth::Role::lab_organizer && g.role != auth::Role::region_admin) continue;
    if (g.scope.kind == auth::ScopeKind::national ||
        (g.scope.kind == auth::ScopeKind::region && g.scope.ref == region_code))
      allowed = true;
  }
  if (!allowed) return forbidden("lab_coverage");
  if (year < 2000 || year > 2100) return invalid("lab_coverage", {{"tahun", "error.invalid_number"}});
  return reading(db_, "lab_coverage", [&](soci::session& sql) -> Result<std::vector<Coverage>> {
    if (!region_name(sql, region_code)) return not_found("lab_coverage", "region", 0);
    return region_coverage(sql, region_code, year);
  });
}

Result<Dashboard> LabService::dashboard(const auth::Actor& actor, std::int64_t lab_id, const std::string& today) {
  return reading(db_, "lab_dashboard", [&](soci::session& sql) -> Result<Dashboard> {
    auto view = load(sql, actor, lab_id);
    if (!view) return view.error();
    auto ideas = list_ideas(sql, lab_id);
    std::erase_if(ideas, [&](const Idea& i) { return !view->access.sees_unit(i.unit_id); });
    return make_dashboard(view->lab, view->units, ideas, today);
  });
}

Dashboard make_dashboard(const Lab& lab, const std::vector<LabUnit>& units, const std::vector<Idea>& ideas,
                         const std::string& today) {
  Dashboard d;
  d.ideas = static_cast<std::int64_t>(ideas.size());
  d.units = static_cast<std::int64_t>(units.size());
  std::map<std::string, std::int64_t> ideas_by_kind;
  std::map<std::string, std::set<std::int64_t>> units_by_kind;
  for (const auto& i : ideas) {
    ++ideas_by_kind[i.unit_kind];
    units_by_kind[i.unit_kind].insert(i.unit_id);
  }
  const auto by_count = [](auto& v) {
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  };
  for (const auto& [kind, n] : ideas_by_kind) d.ideas_by_kind.push_back({kind, n});
  for (const auto& [kind, set] : units_by_kind)
    d.units_by_kind.push_back({kind, static_cast<std::int64_t>(set.size())});
  by_count(d.ideas_by_kind);
  by_count(d.units_by_kind);
  // Funnel: an idea at stage S has reached S and every stage before it.
  const auto stages = stages_of(lab.with_documentation());
  for (auto s : stages) {
    std::int64_t reached = 0;
    for (const auto& i : ideas)
      if (static_cast<int>(parse_stage(i.stage).value_or(Stage::done)) >= static_cast<int>(s)) ++reached;
    d.funnel.push_back({to_string(s), reached});
  }
  std::int64_t done = 0;
  for (const auto& i : ideas)
    if (i.stage == to_string(Stage::done)) ++done;
  d.funnel.push_back({to_string(Stage::done), done});
  // Overdue: the last session of the idea's current stage ended before today.
  std::map<std::string, std::string> stage_end;
  for (const auto& s : lab.sessions)
    if (stage_end[s.stage] < s.ends_on) stage_end[s.stage] = s.ends_on;
  for (const auto& i : ideas) {
    auto it = stage_end.find(i.stage);
    if (it != stage_end.end() && !it->second.empty() && it->second < today) d.overdue.push_back(i);
  }
  std::map<std::int64_t, Dashboard::CoachLoad> coaches;
  for (const auto& u : units) {
    if (u.coach_user_id == 0) continue;
    auto& c = coaches[u.coach_user_id];
    c.user_id = u.coach_user_id;
    c.name = u.coach_name;
    ++c.units;
  }
  for (const auto& i : ideas)
    if (auto it = coaches.find(i.coach_user_id); it != coaches.end()) ++it->second.ideas;
  for (auto& [id, c] : coaches) d.coaches.push_back(std::move(c));
  std::stable_sort(d.coaches.begin(), d.coaches.end(), [](const auto& a, const auto& b) { return a.ideas > b.ideas; });
  return d;
}

}  // namespace lumbung::labs
