#include "competition/competition_service.hpp"

#include <algorithm>
#include <ctime>
#include <set>

#include "auth/audit.hpp"
#include "auth/auth_store.hpp"
#include "competition/competition_store.hpp"
#include "core/text.hpp"
#include "notify/notify.hpp"

namespace lumbung::competition {

namespace sq = store_sql;

namespace {

constexpr std::int64_t kWib = 7 * 3600;
constexpr std::size_t kTitleMax = 200;
constexpr std::size_t kObjectionMax = 4000;

Error not_found(const char* op, const char* what, std::int64_t id) {
  return Error(ErrorCode::not_found, std::string(op) + ": no " + what + " " + std::to_string(id));
}
Error forbidden(const char* op) { return Error(ErrorCode::forbidden, std::string(op) + ": not allowed"); }
Error invalid(const char* op, std::vector<FieldError> fields) {
  return Error(ErrorCode::invalid, std::string(op) + ": invalid input", std::move(fields));
}
Error conflict(const char* op, const std::string& field, const std::string& key) {
  return Error(ErrorCode::conflict, std::string(op) + ": " + key, {{field, key}});
}

Status audit(soci::session& sql, const auth::Actor& actor, const std::string& action, const char* entity,
             std::int64_t id, const nlohmann::json& after, std::int64_t now) {
  auth::AuditRecord record;
  record.actor_user_id = actor.user_id;
  record.actor_label = actor.label;
  record.action = action;
  record.entity = entity;
  record.entity_id = std::to_string(id);
  record.after_json = after.is_null() ? "" : after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  record.ip = actor.ip;
  record.at = now;
  return auth::append_audit(sql, record);
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

// Today in WIB (YYYY-MM-DD).
std::string local_date(std::int64_t t) {
  std::time_t local = static_cast<std::time_t>(t + kWib);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

bool scope_has_region(const auth::Scope& s, const std::string& region) {
  return s.kind == auth::ScopeKind::region && (region == s.ref || region.rfind(s.ref + ".", 0) == 0);
}

// Who hears about an entry: whoever wrote it and the region admins of its region.
std::vector<std::int64_t> entry_people(soci::session& sql, const Entry& e) {
  std::set<std::int64_t> ids;
  if (e.created_by != 0) ids.insert(e.created_by);
  for (auto u : notify::grant_holders(sql, "region_admin", "region", e.region_code)) ids.insert(u);
  return {ids.begin(), ids.end()};
}

Status tell(soci::session& sql, const std::vector<std::int64_t>& users, const Competition& c, const std::string& event,
            nlohmann::json params, const std::string& link, std::int64_t now) {
  for (auto u : users) {
    notify::Notice n;
    n.user_id = u;
    n.category = notify::Category::competition;
    n.event = "competition." + event;
    n.params = params;
    n.link = link;
    n.group = "competition:" + std::to_string(c.id);
    n.group_label = c.name;
    if (auto st = notify::post(sql, n, now); !st) return st;
  }
  return {};
}

std::string entry_link(const Entry& e) {
  return "/kompetisi/" + std::to_string(e.competition_id) + "/proposal/" + std::to_string(e.id);
}

bool visible_to(const auth::Actor& actor, const Entry& e, const std::vector<std::int64_t>& judges) {
  if (manages(actor.grants)) return true;
  if (may_enter(actor.grants, e.region_code, e.unit_id)) return true;
  return is_judge(actor.grants) && std::find(judges.begin(), judges.end(), actor.user_id) != judges.end() &&
         e.state != "draft" && e.state != "withdrawn";
}

// Scores grouped by entry, so that consolidating N entries reads each score once.
std::map<std::int64_t, std::vector<Score>> by_entry(const std::vector<Score>& scores) {
  std::map<std::int64_t, std::vector<Score>> out;
  for (const auto& s : scores) out[s.entry_id].push_back(s);
  return out;
}

// Mean presentation score of an entry in hundredths (0 when none), and how many judges gave one.
std::pair<std::int64_t, std::int64_t> presentation_mean(const std::vector<Score>& scores) {
  std::int64_t sum = 0, n = 0;
  for (const auto& s : scores)
    if (s.stage == "presentation") sum += s.score * 100, ++n;
  return {n ? (2 * sum + n) / (2 * n) : 0, n};
}

}  // namespace

bool manages(const std::vector<auth::Grant>& grants) {
  for (const auto& g : grants)
    if ((g.role == auth::Role::admin || g.role == auth::Role::curator) && g.scope.kind == auth::ScopeKind::national)
      return true;
  return false;
}

bool may_enter(const std::vector<auth::Grant>& grants, const std::string& region_code, std::int64_t unit_id) {
  if (region_code.empty()) return false;
  for (const auto& g : grants) {
    if (g.role != auth::Role::region_admin && g.role != auth::Role::participant) continue;
    if (scope_has_region(g.scope, region_code)) return true;
    if (g.role == auth::Role::participant && g.scope.kind == auth::ScopeKind::unit && unit_id != 0 &&
        g.scope.ref == std::to_string(unit_id))
      return true;
  }
  return false;
}

bool is_judge(const std::vector<auth::Grant>& grants) {
  return std::any_of(grants.begin(), grants.end(), [](const auth::Grant& g) { return g.role == auth::Role::judge; });
}

std::string award_program(const std::string& level) { return level == "nasional" ? "kipp" : "lainnya"; }

std::string award_text(const Competition& c) { return "Top " + std::to_string(c.config.top_m) + " " + c.award_label; }

Result<Competition> CompetitionService::create(const auth::Actor& actor, CompetitionDraft draft) {
  if (!manages(actor.grants)) return forbidden("create_competition");
  draft.name = trim(draft.name);
  draft.award_label = trim(draft.award_label);
  if (auto errors = validate_competition(draft); !errors.empty()) return invalid("create_competition", errors);
  const auto now = clock_.now();
  return db_.transact("create_competition", [&](soci::session& sql) -> Result<Competition> {
    auto id = store::next_id(sql, "competitions");
    if (!id) return id.error();
    Competition c;
    static_cast<CompetitionDraft&>(c) = draft;
    c.id = *id;
    c.phase = "registration";
    c.created_by = actor.user_id;
    c.created_at = c.updated_at = now;
    sq::insert_competition(sql, c);
    if (auto st = audit(sql, actor, "competition.create", "competition", c.id, {{"name", c.name}}, now); !st)
      return st.error();
    return c;
  });
}

Result<std::vector<Competition>> CompetitionService::list() {
  return reading(db_, "list_competitions",
                 [&](soci::session& sql) -> Result<std::vector<Competition>> { return sq::list_competitions(sql); });
}

Result<Competition> CompetitionService::get(std::int64_t id) {
  return reading(db_, "get_competition", [&](soci::session& sql) -> Result<Competition> {
    auto c = sq::find_competition(sql, id);
    if (!c) return not_found("get_competition", "competition", id);
    return *c;
  });
}

Result<Competition> CompetitionService::advance(const auth::Actor& actor, std::int64_t id) {
  const char* op = "advance_competition";
  if (!manages(actor.grants)) return forbidden(op);
  const auto now = clock_.now();
  std::vector<Entry> winners;  // to write into the repository after commit
  auto advanced = db_.transact(op, [&](soci::session& sql) -> Result<Competition> {
    auto c = sq::find_competition(sql, id);
    if (!c) return not_found(op, "competition", id);
    const auto next = next_phase(c->phase);
    if (next.empty()) return conflict(op, "phase", "competition.error.last_phase");
    auto entries = sq::list_entries(sql, id);
    std::map<std::int64_t, std::size_t> position;  // entry id -> index in entries
    for (std::size_t i = 0; i < entries.size(); ++i) position[entries[i].id] = i;
    if (c->phase == "administrative") {
      for (const auto& e : entries)
        if (e.state == "submitted") return conflict(op, "phase", "competition.error.undecided");
    }
    if (c->phase == "desk") {
      auto scores = by_entry(sq::scores_of_competition(sql, id));
      std::map<std::int64_t, std::size_t> judges;
      for (const auto& [entry, judge] : sq::assignments(sql, id)) ++judges[entry];
      std::vector<Ranked> candidates;
      for (auto& e : entries) {
        if (e.state != "passed") continue;
        const auto d = consolidate(e.id, c->config.aspects, judges[e.id], scores[e.id]);
        if (!d.complete) return conflict(op, "phase", "competition.error.unscored");
        e.desk_score = d.mean;
        candidates.push_back({e.id, d.mean, d.top_aspect, -d.spread, e.submitted_at});
      }
      const auto ranked = rank(candidates);
      for (std::size_t i = 0; i < ranked.size(); ++i) {
        auto it = entries.begin() + static_cast<std::ptrdiff_t>(position.at(ranked[i].entry_id));
        it->ranking = static_cast<int>(i + 1);
        if (static_cast<int>(i) < c->config.top_n) it->state = "finalist";
        it->updated_at = now;
        sq::update_entry(sql, *it);
        if (it->state == "finalist")
          if (auto st = tell(sql, entry_people(sql, *it), *c, "finalist",
                             {{"title", it->title}, {"competition", c->name}}, entry_link(*it), now);
              !st)
            return st.error();
      }
    }
    if (c->phase == "finalists") {
      for (const auto& o : sq::list_objections(sql, id))
        if (o.state == "open") return conflict(op, "phase", "competition.error.objections_open");
    }
    if (c->phase == "presentation") {
      auto scores = by_entry(sq::scores_of_competition(sql, id));
      std::vector<Ranked> candidates;
      for (auto& e : entries) {
        if (e.state != "finalist") continue;
        const auto [presentation, n] = presentation_mean(scores[e.id]);
        if (n == 0) return conflict(op, "phase", "competition.error.unscored");
        e.final_score = final_score(e.desk_score, presentation);
        candidates.push_back({e.id, e.final_score, presentation, e.desk_score, e.submitted_at});
      }
      const auto ranked = rank(candidates);
      for (std::size_t i = 0; i < ranked.size(); ++i) {
        auto it = entries.begin() + static_cast<std::ptrdiff_t>(position.at(ranked[i].entry_id));
        it->ranking = static_cast<int>(i + 1);
        if (static_cast<int>(i) < c->config.top_m) {
          it->state = "winner";
          it->award = award_text(*c);
        }
        it->updated_at = now;
        sq::update_entry(sql, *it);
      }
    }
    if (c->phase == "final") {
      for (const auto& e : entries) {
        if (e.state == "winner") winners.push_back(e);
        if (e.state == "winner" || e.state == "finalist")
          if (auto st = tell(sql, entry_people(sql, e), *c, "results", {{"title", e.title}, {"competition", c->name}},
                             "/kompetisi/" + std::to_string(id) + "/hasil", now);
              !st)
            return st.error();
      }
    }
    sq::update_phase(sql, id, next, now);
    if (auto st = audit(sql, actor, "competition.advance", "competition", id, {{"from", c->phase}, {"to", next}}, now);
        !st)
      return st.error();
    c->phase = next;
    c->updated_at = now;
    return *c;
  });
  if (!advanced || advanced->phase != "published") return advanced;
  // Winners become (or update) repository innovations with the award as
  // provenance; the innovation service writes the search outbox row.
  const directory::Award award{award_program(advanced->level), advanced->year, award_text(*advanced)};
  for (auto& e : winners) {
    if (e.innovation_id != 0) {
      auto inn = innovations_.get(e.innovation_id);
      if (!inn) return inn.error();
      directory::InnovationDraft d = *inn;
      if (std::find(d.awards.begin(), d.awards.end(), award) == d.awards.end()) d.awards.push_back(award);
      auto updated = innovations_.update(actor.user_id, e.innovation_id, 0, d, "Penghargaan " + award.award);
      if (!updated) return updated.error();
      continue;
    }
    directory::InnovationDraft d;
    d.name = e.title;
    const auto& aspects = advanced->config.aspects;
    const auto answer = [&](std::size_t i) {
      if (i >= aspects.size()) return std::string();
      auto it = e.answers.find(aspects[i].key);
      return it == e.answers.end() ? std::string() : it->second;
    };
    d.summary = answer(0).empty() ? e.title : answer(0);
    d.problem = answer(1).empty() ? e.title : answer(1);
    d.solution = answer(2).empty() ? e.title : answer(2);
    d.results = answer(4).empty() ? e.title : answer(4);
    d.region_code = e.region_code;
    d.unit_id = e.unit_id;
    d.sector = "pelayanan publik";
    d.form = "pelayanan_publik";
    d.stage = "penerapan";
    d.implementation_date = e.started_on;
    d.source_program = advanced->level == "nasional" ? "kipp" : "lumbung";
    d.source_id = "kompetisi-" + std::to_string(e.competition_id) + "-" + std::to_string(e.id);
    d.awards = {award};
    d.state = "published";
    auto existing = innovations_.find_by_source(d.source_program, d.source_id);
    if (!existing) return existing.error();
    std::int64_t innovation_id = 0;
    if (*existing) {
      innovation_id = **existing;
    } else {
      auto created = innovations_.create(actor.user_id, d);
      if (!created && created.error().code() == ErrorCode::invalid)
        created = innovations_.create_draft(actor.user_id, d);
      if (!created) return created.error();
      innovation_id = created->id;
    }
    auto linked = db_.transact(op, [&](soci::session& sql) -> Status {
      auto stored = sq::find_entry(sql, e.id);
      if (!stored) return not_found(op, "entry", e.id);
      stored->innovation_id = innovation_id;
      sq::update_entry(sql, *stored);
      return {};
    });
    if (!linked) return linked.error();
  }
  return advanced;
}

Result<Entry> CompetitionService::save_entry(const auth::Actor& actor, std::int64_t competition_id,
                                             std::int64_t entry_id, const EntryInput& in, bool submit) {
  const char* op = submit ? "submit_entry" : "save_entry";
  const auto now = clock_.now();
  // The innovation the entry starts from must be one the agency may edit.
  std::optional<directory::Innovation> innovation;
  if (in.innovation_id != 0) {
    auto inn = innovations_.get(in.innovation_id);
    if (!inn) return invalid(op, {{"innovation_id", "competition.error.innovation"}});
    innovation = *inn;
  }
  return db_.transact(op, [&](soci::session& sql) -> Result<Entry> {
    auto c = sq::find_competition(sql, competition_id);
    if (!c) return not_found(op, "competition", competition_id);
    Entry e;
    if (entry_id != 0) {
      auto found = sq::find_entry(sql, entry_id);
      if (!found || found->competition_id != competition_id) return not_found(op, "entry", entry_id);
      if (!may_enter(actor.grants, found->region_code, found->unit_id) && !manages(actor.grants))
        return not_found(op, "entry", entry_id);
      e = *found;
      if (e.state != "draft") return conflict(op, "submit", "competition.error.not_draft");
    } else {
      e.competition_id = competition_id;
      e.created_by = actor.user_id;
      e.created_at = now;
    }
    if (c->phase != "registration") return conflict(op, "submit", "competition.error.registration_closed");
    std::vector<FieldError> errors;
    e.region_code = trim(in.region_code);
    e.unit_id = in.unit_id;
    if (innovation) {
      e.innovation_id = innovation->id;
      e.region_code = innovation->region_code;
      e.unit_id = innovation->unit_id;
    }
    auto region = sq::region_name(sql, e.region_code);
    if (!region)
      errors.push_back({"region_code", "error.unknown_region"});
    else if (!may_enter(actor.grants, e.region_code, e.unit_id) && !manages(actor.grants))
      return forbidden(op);
    e.region_name = region.value_or("");
    e.cluster = in.cluster.empty() ? default_cluster(e.region_code, e.region_name) : in.cluster;
    if (std::find(clusters().begin(), clusters().end(), e.cluster) == clusters().end())
      errors.push_back({"cluster", "competition.error.cluster"});
    e.group_name = in.group_name;
    e.category = in.category;
    e.title = trim(in.title);
    if (e.title.empty())
      errors.push_back({"title", "error.required"});
    else if (char_count(e.title) > kTitleMax)
      errors.push_back({"title", "error.too_long"});
    e.started_on = trim(in.started_on);
    if (!e.started_on.empty() && !valid_iso_date(e.started_on)) errors.push_back({"started_on", "error.invalid_date"});
    e.answers.clear();
    for (const auto& a : c->config.aspects) {
      auto it = in.answers.find(a.key);
      if (it == in.answers.end()) continue;
      e.answers[a.key] = it->second;
      if (word_count(it->second) > a.word_limit)
        errors.push_back({"answer_" + a.key, "competition.error.too_many_words"});
    }
    e.attachments.clear();
    for (const auto& a : c->config.attachments) {
      auto it = in.attachments.find(a.key);
      if (it == in.attachments.end() || trim(it->second).empty()) continue;
      const auto link = trim(it->second);
      if (link.rfind("https://", 0) != 0 && link.rfind("http://", 0) != 0)
        errors.push_back({"attachment_" + a.key, "competition.error.link"});
      e.attachments[a.key] = link;
    }
    if (!errors.empty()) return invalid(op, errors);
    if (submit) {
      EligibilityFacts facts;
      facts.today = local_date(now);
      facts.agency_submitted = sq::count_agency_entries(sql, competition_id, e.region_code, e.id);
      facts.past_winner = sq::past_winner(sql, e.innovation_id, c->level, award_program(c->level));
      if (auto problems = check_submission(c->config, e, facts); !problems.empty()) return invalid(op, problems);
      e.state = "submitted";
      e.submitted_at = now;
    }
    e.updated_at = now;
    if (e.id == 0) {
      auto id = store::next_id(sql, "competition_entries");
      if (!id) return id.error();
      e.id = *id;
      sq::insert_entry(sql, e);
    } else {
      sq::update_entry(sql, e);
    }
    if (auto st = audit(sql, actor, std::string("competition.") + op, "competition_entry", e.id,
                        {{"title", e.title}, {"state", e.state}}, now);
        !st)
      return st.error();
    return e;
  });
}

Result<Entry> CompetitionService::withdraw_entry(const auth::Actor& actor, std::int64_t entry_id) {
  const char* op = "withdraw_entry";
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Result<Entry> {
    auto e = sq::find_entry(sql, entry_id);
    if (!e || (!may_enter(actor.grants, e->region_code, e->unit_id) && !manages(actor.grants)))
      return not_found(op, "entry", entry_id);
    auto c = sq::find_competition(sql, e->competition_id);
    if (!c || c->phase != "registration" || (e->state != "draft" && e->state != "submitted"))
      return conflict(op, "withdraw", "competition.error.registration_closed");
    e->state = "withdrawn";
    e->updated_at = now;
    sq::update_entry(sql, *e);
    if (auto st =
            audit(sql, actor, "competition.withdraw_entry", "competition_entry", e->id, {{"state", e->state}}, now);
        !st)
      return st.error();
    return *e;
  });
}

Result<Entry> CompetitionService::get_entry(const auth::Actor& actor, std::int64_t entry_id) {
  return reading(db_, "get_entry", [&](soci::session& sql) -> Result<Entry> {
    auto e = sq::find_entry(sql, entry_id);
    if (!e || !visible_to(actor, *e, sq::judges_of(sql, entry_id))) return not_found("get_entry", "entry", entry_id);
    return *e;
  });
}

Result<std::vector<Entry>> CompetitionService::entries(const auth::Actor& actor, std::int64_t competition_id) {
  return reading(db_, "list_entries", [&](soci::session& sql) -> Result<std::vector<Entry>> {
    if (!sq::find_competition(sql, competition_id)) return not_found("list_entries", "competition", competition_id);
    auto all = sq::list_entries(sql, competition_id, false);
    if (manages(actor.grants)) return all;
    std::map<std::int64_t, std::vector<std::int64_t>> judges;
    for (const auto& [entry, judge] : sq::assignments(sql, competition_id)) judges[entry].push_back(judge);
    std::erase_if(all, [&](const Entry& e) { return !visible_to(actor, e, judges[e.id]); });
    return all;
  });
}

Result<std::vector<Entry>> CompetitionService::public_entries(std::int64_t competition_id, const std::string& state) {
  return reading(db_, "public_entries", [&](soci::session& sql) -> Result<std::vector<Entry>> {
    auto c = sq::find_competition(sql, competition_id);
    if (!c) return not_found("public_entries", "competition", competition_id);
    const int at = phase_index(c->phase);
    std::vector<Entry> out;
    if ((state == "finalist" && at < phase_index("finalists")) || (state == "winner" && c->phase != "published"))
      return out;
    for (auto& e : sq::list_entries(sql, competition_id, false))
      if (e.state == state || (state == "finalist" && e.state == "winner")) out.push_back(std::move(e));
    std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) {
      if (a.ranking != b.ranking) return a.ranking < b.ranking;
      return a.id < b.id;
    });
    return out;
  });
}

Result<Entry> CompetitionService::decide_admin(const auth::Actor& actor, std::int64_t entry_id, bool pass,
                                               const std::string& reason) {
  const char* op = "decide_admin";
  if (!manages(actor.grants)) return forbidden(op);
  if (!pass && std::find(admin_reasons().begin(), admin_reasons().end(), reason) == admin_reasons().end())
    return invalid(op, {{"reason", "competition.error.reason"}});
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Result<Entry> {
    auto e = sq::find_entry(sql, entry_id);
    if (!e) return not_found(op, "entry", entry_id);
    auto c = sq::find_competition(sql, e->competition_id);
    if (!c || c->phase != "administrative") return conflict(op, "decision", "competition.error.wrong_phase");
    if (e->state != "submitted" && e->state != "passed" && e->state != "failed")
      return conflict(op, "decision", "competition.error.not_submitted");
    e->state = pass ? "passed" : "failed";
    e->admin_reason = pass ? "" : reason;
    e->updated_at = now;
    sq::update_entry(sql, *e);
    if (auto st =
            tell(sql, entry_people(sql, *e), *c, pass ? "entry_passed" : "entry_failed",
                 {{"title", e->title}, {"competition", c->name}, {"reason", e->admin_reason}}, entry_link(*e), now);
        !st)
      return st.error();
    if (auto st = audit(sql, actor, "competition.decide_admin", "competition_entry", e->id,
                        {{"state", e->state}, {"reason", e->admin_reason}}, now);
        !st)
      return st.error();
    return *e;
  });
}

Status CompetitionService::assign_judge(const auth::Actor& actor, std::int64_t entry_id, std::int64_t judge_id) {
  const char* op = "assign_judge";
  if (!manages(actor.grants)) return forbidden(op);
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Status {
    auto e = sq::find_entry(sql, entry_id);
    if (!e) return not_found(op, "entry", entry_id);
    auto c = sq::find_competition(sql, e->competition_id);
    if (e->state != "passed" && e->state != "finalist") return conflict(op, "judge_id", "competition.error.not_passed");
    auto judge = auth::store_sql::find_user(sql, judge_id);
    if (!judge || !judge->user.active || !is_judge(judge->user.grants))
      return invalid(op, {{"judge_id", "competition.error.not_judge"}});
    if (conflicts(judge->user.grants, judge_id, *e))
      return conflict(op, "judge_id", "competition.error.conflict_of_interest");
    const auto current = sq::judges_of(sql, entry_id);
    if (std::find(current.begin(), current.end(), judge_id) != current.end()) return {};
    sq::insert_judge(sql, entry_id, judge_id, actor.user_id, now);
    if (auto st = tell(sql, {judge_id}, *c, "judge_assigned", {{"title", e->title}, {"competition", c->name}},
                       entry_link(*e), now);
        !st)
      return st;
    return audit(sql, actor, "competition.assign_judge", "competition_entry", entry_id, {{"judge_id", judge_id}}, now);
  });
}

Status CompetitionService::unassign_judge(const auth::Actor& actor, std::int64_t entry_id, std::int64_t judge_id) {
  const char* op = "unassign_judge";
  if (!manages(actor.grants)) return forbidden(op);
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Status {
    if (!sq::find_entry(sql, entry_id)) return not_found(op, "entry", entry_id);
    sq::delete_judge(sql, entry_id, judge_id);
    return audit(sql, actor, "competition.unassign_judge", "competition_entry", entry_id, {{"judge_id", judge_id}},
                 now);
  });
}

Result<std::vector<std::pair<std::int64_t, std::string>>> CompetitionService::judges() {
  return reading(db_, "judges", [&](soci::session& sql) -> Result<std::vector<std::pair<std::int64_t, std::string>>> {
    return sq::judge_users(sql);
  });
}

Status CompetitionService::score(const auth::Actor& actor, std::int64_t entry_id, const std::string& stage,
                                 const std::map<std::string, int>& scores) {
  const char* op = "score_entry";
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Status {
    auto e = sq::find_entry(sql, entry_id);
    const auto judges = e ? sq::judges_of(sql, entry_id) : std::vector<std::int64_t>{};
    if (!e || !visible_to(actor, *e, judges)) return not_found(op, "entry", entry_id);
    if (std::find(judges.begin(), judges.end(), actor.user_id) == judges.end() || !is_judge(actor.grants))
      return forbidden(op);
    auto c = sq::find_competition(sql, e->competition_id);
    const bool desk = stage == "desk" && c->phase == "desk" && e->state == "passed";
    const bool presentation = stage == "presentation" && c->phase == "presentation" && e->state == "finalist";
    if (!desk && !presentation) return conflict(op, "score", "competition.error.wrong_phase");
    std::vector<std::string> keys;
    if (desk) {
      for (const auto& a : c->config.aspects)
        if (a.weight > 0) keys.push_back(a.key);
    } else {
      keys = {"presentation"};
    }
    std::vector<FieldError> errors;
    for (const auto& k : keys) {
      auto it = scores.find(k);
      if (it == scores.end())
        errors.push_back({"score_" + k, "error.required"});
      else if (it->second < 0 || it->second > 100)
        errors.push_back({"score_" + k, "competition.error.score"});
    }
    if (!errors.empty()) return invalid(op, errors);
    for (const auto& k : keys) sq::put_score(sql, {entry_id, actor.user_id, stage, k, scores.at(k)}, now);
    return audit(sql, actor, "competition.score", "competition_entry", entry_id, {{"stage", stage}}, now);
  });
}

Result<std::vector<Score>> CompetitionService::my_scores(const auth::Actor& actor, std::int64_t entry_id) {
  return reading(db_, "my_scores", [&](soci::session& sql) -> Result<std::vector<Score>> {
    auto e = sq::find_entry(sql, entry_id);
    if (!e) return not_found("my_scores", "entry", entry_id);
    std::vector<Score> out;
    for (auto& s : sq::scores_of_competition(sql, e->competition_id))
      if (s.entry_id == entry_id && s.judge_id == actor.user_id) out.push_back(s);
    return out;
  });
}

Result<std::vector<PanelRow>> CompetitionService::panel(const auth::Actor& actor, std::int64_t competition_id) {
  return reading(db_, "panel", [&](soci::session& sql) -> Result<std::vector<PanelRow>> {
    auto c = sq::find_competition(sql, competition_id);
    if (!c) return not_found("panel", "competition", competition_id);
    const bool manager = manages(actor.grants);
    if (!manager && !is_judge(actor.grants)) return forbidden("panel");
    std::map<std::int64_t, std::vector<std::int64_t>> judges;
    for (const auto& [entry, judge] : sq::assignments(sql, competition_id)) judges[entry].push_back(judge);
    auto scores = by_entry(sq::scores_of_competition(sql, competition_id));
    std::vector<PanelRow> out;
    for (auto& e : sq::list_entries(sql, competition_id, false)) {
      if (e.state != "passed" && e.state != "finalist" && e.state != "winner") continue;
      const auto& js = judges[e.id];
      if (!manager && std::find(js.begin(), js.end(), actor.user_id) == js.end()) continue;
      PanelRow row;
      row.judges = js;
      row.desk = consolidate(e.id, c->config.aspects, js.size(), scores[e.id]);
      row.presentation = presentation_mean(scores[e.id]).first;
      row.flagged = row.desk.spread > kSpreadFlag;
      row.entry = std::move(e);
      out.push_back(std::move(row));
    }
    std::sort(out.begin(), out.end(), [](const PanelRow& a, const PanelRow& b) {
      if (a.desk.mean != b.desk.mean) return a.desk.mean > b.desk.mean;
      return a.entry.id < b.entry.id;
    });
    return out;
  });
}

Result<Objection> CompetitionService::file_objection(std::int64_t entry_id, const std::string& name,
                                                     const std::string& email, const std::string& body,
                                                     const std::string& ip) {
  const char* op = "file_objection";
  const auto now = clock_.now();
  Objection o;
  o.entry_id = entry_id;
  o.name = trim(name);
  o.email = trim(email);
  o.body = trim(body);
  o.ip = ip;
  std::vector<FieldError> errors;
  if (o.name.empty())
    errors.push_back({"name", "error.required"});
  else if (char_count(o.name) > kTitleMax)
    errors.push_back({"name", "error.too_long"});
  if (!o.email.empty() && !auth::normalize_email(o.email)) errors.push_back({"email", "error.email"});
  if (o.body.empty())
    errors.push_back({"body", "error.required"});
  else if (char_count(o.body) > kObjectionMax)
    errors.push_back({"body", "error.too_long"});
  if (!errors.empty()) return invalid(op, errors);
  return db_.transact(op, [&](soci::session& sql) -> Result<Objection> {
    auto e = sq::find_entry(sql, entry_id);
    if (!e || (e->state != "finalist")) return not_found(op, "entry", entry_id);
    auto c = sq::find_competition(sql, e->competition_id);
    if (!c || c->phase != "finalists") return conflict(op, "body", "competition.error.objection_closed");
    const auto bucket = "competition_objection:" + ip;
    for (int attempt = 0; attempt < 3; ++attempt) {
      auto current = auth::store_sql::lock_rate(sql, bucket);
      auto decision = auth::rate_attempt(current, now, {kObjectionsPerHour, 3600});
      if (!decision.allowed)
        return Error(
            ErrorCode::too_many,
            std::string(op) + ": too many objections (retry_after=" + std::to_string(decision.retry_after) + ")",
            {{"body", "competition.error.too_many"}});
      if (auth::store_sql::write_rate(sql, bucket, current.has_value(), decision.next)) break;
    }
    auto id = store::next_id(sql, "competition_objections");
    if (!id) return id.error();
    o.id = *id;
    o.created_at = now;
    o.entry_title = e->title;
    sq::insert_objection(sql, o);
    return o;
  });
}

Result<Objection> CompetitionService::resolve_objection(const auth::Actor& actor, std::int64_t objection_id,
                                                        bool upheld, const std::string& resolution) {
  const char* op = "resolve_objection";
  if (!manages(actor.grants)) return forbidden(op);
  if (trim(resolution).empty()) return invalid(op, {{"resolution", "error.required"}});
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Result<Objection> {
    auto o = sq::find_objection(sql, objection_id);
    if (!o) return not_found(op, "objection", objection_id);
    if (o->state != "open") return conflict(op, "resolution", "competition.error.resolved");
    o->state = upheld ? "upheld" : "dismissed";
    o->resolution = trim(resolution);
    o->resolved_by = actor.user_id;
    o->resolved_at = now;
    sq::update_objection(sql, *o);
    if (upheld) {
      auto e = sq::find_entry(sql, o->entry_id);
      if (e && e->state == "finalist") {
        e->state = "failed";
        e->admin_reason = "objection";
        e->updated_at = now;
        sq::update_entry(sql, *e);
      }
    }
    if (auto st = audit(sql, actor, "competition.resolve_objection", "competition_objection", o->id,
                        {{"state", o->state}, {"resolution", o->resolution}}, now);
        !st)
      return st.error();
    return *o;
  });
}

Result<std::vector<Objection>> CompetitionService::objections(const auth::Actor& actor, std::int64_t competition_id) {
  if (!manages(actor.grants)) return forbidden("objections");
  return reading(db_, "objections", [&](soci::session& sql) -> Result<std::vector<Objection>> {
    return sq::list_objections(sql, competition_id);
  });
}

Status CompetitionService::set_slot(const auth::Actor& actor, std::int64_t entry_id, const std::string& starts_at,
                                    const std::string& link) {
  const char* op = "set_slot";
  if (!manages(actor.grants)) return forbidden(op);
  std::vector<FieldError> errors;
  const auto at = trim(starts_at), url = trim(link);
  if (at.size() != 16 || !valid_iso_date(at.substr(0, 10)) || at[10] != 'T' || at[13] != ':')
    errors.push_back({"starts_at", "competition.error.datetime"});
  if (url.rfind("https://", 0) != 0) errors.push_back({"link", "competition.error.link"});
  if (!errors.empty()) return invalid(op, errors);
  const auto now = clock_.now();
  return db_.transact(op, [&](soci::session& sql) -> Status {
    auto e = sq::find_entry(sql, entry_id);
    if (!e) return not_found(op, "entry", entry_id);
    if (e->state != "finalist") return conflict(op, "starts_at", "competition.error.not_finalist");
    sq::put_slot(sql, {entry_id, at, url}, now);
    return audit(sql, actor, "competition.slot", "competition_entry", entry_id, {{"starts_at", at}, {"link", url}},
                 now);
  });
}

Result<std::vector<Slot>> CompetitionService::slots(std::int64_t competition_id) {
  return reading(db_, "slots",
                 [&](soci::session& sql) -> Result<std::vector<Slot>> { return sq::list_slots(sql, competition_id); });
}

}  // namespace lumbung::competition
