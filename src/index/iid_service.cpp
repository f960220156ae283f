#include "index/iid_service.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "auth/audit.hpp"
#include "auth/secrets.hpp"
#include "directory/attachment_rules.hpp"
#include "directory/attachment_service.hpp"
#include "index/iid_notices.hpp"

namespace lumbung::index {

namespace {

Error field_error(ErrorCode code, const std::string& message, const std::string& field, const std::string& key) {
  return Error(code, message, {{field, key}});
}

Status audit(soci::session& sql, const auth::Actor& actor, const std::string& action, const std::string& entity,
             const std::string& entity_id, const nlohmann::json& after, std::int64_t now) {
  auth::AuditRecord r;
  r.actor_user_id = actor.user_id;
  r.actor_label = actor.label;
  r.action = action;
  r.entity = entity;
  r.entity_id = entity_id;
  r.after_json = after.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  r.ip = actor.ip;
  r.at = now;
  return auth::append_audit(sql, r);
}

Result<Framework> load(soci::session& sql, int year) {
  auto f = load_framework(sql, year);
  if (!f) return Error(ErrorCode::not_found, "iid: no framework for " + std::to_string(year));
  return std::move(*f);
}

// Two options of an answer's indicator with the same parameter, or none.
bool valid_param(const Indicator& ind, int param) {
  for (const auto& o : ind.options)
    if (o.param == param) return true;
  return false;
}

}  // namespace

std::vector<FieldError> validate_settings(const Settings& s) {
  std::vector<FieldError> out;
  if (s.divisor_floor < 1 || s.divisor_floor > 1000) out.push_back({"divisor_floor", "iid.error.floor"});
  if (s.count_points_x100 < 0 || s.count_points_x100 > 100000 || s.count_cap < 0 || s.count_cap > 100000)
    out.push_back({"count", "iid.error.count"});
  if (s.window_opens <= 0 || s.window_closes <= s.window_opens) out.push_back({"window", "iid.error.window_dates"});
  bool bands_ok = !s.bands.empty();
  for (const auto& b : s.bands)
    if (b.name.empty() || b.min_x100 < 0 || b.max_x100 > 10000 || b.min_x100 > b.max_x100) bands_ok = false;
  // Bands must not overlap: every index falls in at most one.
  for (std::size_t i = 0; bands_ok && i < s.bands.size(); ++i)
    for (std::size_t j = i + 1; j < s.bands.size(); ++j)
      if (s.bands[i].min_x100 <= s.bands[j].max_x100 && s.bands[j].min_x100 <= s.bands[i].max_x100) bands_ok = false;
  if (!bands_ok) out.push_back({"bands", "iid.error.bands"});
  return out;
}

std::vector<FieldError> validate_indicator(const Indicator& ind) {
  std::vector<FieldError> out;
  if (ind.name.empty() || ind.name.size() > 300) out.push_back({"name", "iid.error.name"});
  if (ind.weight_x100 < 0 || ind.weight_x100 > 10000) out.push_back({"weight", "iid.error.weight"});
  std::set<int> params;
  bool ok = !ind.options.empty();
  for (const auto& o : ind.options)
    if (o.param < 1 || o.param > 100 || o.label.empty() || !params.insert(o.param).second) ok = false;
  if (!ok) out.push_back({"options", "iid.error.options"});
  return out;
}

bool window_open(const Framework& f, std::int64_t now) { return now >= f.window_opens && now < f.window_closes; }

bool may_fill(const std::vector<auth::Grant>& grants, const std::string& region_code) {
  return auth::allows(grants, auth::Role::region_admin, auth::Scope::region(region_code), {});
}

bool may_verify(const std::vector<auth::Grant>& grants) {
  for (const auto& g : grants)
    if ((g.role == auth::Role::admin || g.role == auth::Role::curator) && g.scope.kind == auth::ScopeKind::national)
      return true;
  return false;
}

bool is_flag_cluster(const std::string& cluster) { return cluster == kBorder || cluster == kLagging; }

std::vector<std::string> answers_without_evidence(const std::vector<Answer>& answers) {
  std::vector<std::string> out;
  for (const auto& a : answers)
    if (a.evidence_file.empty()) out.push_back(std::to_string(a.innovation_id) + ":" + a.number);
  return out;
}

Result<std::vector<int>> IidService::years() {
  try {
    auto sql = db_.acquire();
    return list_framework_years(*sql);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "iid years");
  }
}

Result<Framework> IidService::framework(int year) {
  const auto now = clock_.now();
  {
    std::lock_guard lock(cache_mutex_);
    if (auto it = cache_.find(year); it != cache_.end() && now - it->second.loaded_at < kFrameworkTtlSeconds)
      return *it->second.framework;
  }
  try {
    auto sql = db_.acquire();
    auto f = load(*sql, year);
    if (!f) return f.error();
    std::lock_guard lock(cache_mutex_);
    cache_[year] = Cached{now, std::make_shared<const Framework>(*f)};
    return f;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "iid framework");
  }
}

void IidService::forget_frameworks() {
  std::lock_guard lock(cache_mutex_);
  cache_.clear();
}

Result<Framework> IidService::copy_framework(const auth::Actor& actor, int from, int to) {
  if (!may_verify(actor.grants)) return Error(ErrorCode::forbidden, "iid copy: not a curator");
  if (to < 2000 || to > 2100) return field_error(ErrorCode::invalid, "iid copy: year", "year", "iid.error.year");
  const auto now = clock_.now();
  forget_frameworks();
  auto result = db_.transact("iid_copy_framework", [&](soci::session& sql) -> Result<Framework> {
    auto source = load(sql, from);
    if (!source) return source.error();
    if (load_framework(sql, to))
      return field_error(ErrorCode::invalid, "iid copy: year exists", "year", "iid.error.year_exists");
    Framework f = std::move(*source);
    const std::int64_t shift = static_cast<std::int64_t>(to - from) * 365 * 86400;
    f.year = to;
    f.window_opens += shift;
    f.window_closes += shift;
    f.note = "Disalin dari " + std::to_string(from);
    f.updated_at = now;
    f.updated_by = actor.user_id;
    insert_framework(sql, f);
    if (auto st = audit(sql, actor, "iid.framework.copy", "iid_framework", std::to_string(to), {{"from", from}}, now);
        !st)
      return st.error();
    return f;
  });
  forget_frameworks();
  return result;
}

Result<Framework> IidService::save_settings(const auth::Actor& actor, int year, const Settings& s) {
  if (!may_verify(actor.grants)) return Error(ErrorCode::forbidden, "iid settings: not a curator");
  if (auto errors = validate_settings(s); !errors.empty())
    return Error(ErrorCode::invalid, "iid settings: invalid", std::move(errors));
  const auto now = clock_.now();
  forget_frameworks();
  auto result = db_.transact("iid_save_settings", [&](soci::session& sql) -> Result<Framework> {
    auto f = load(sql, year);
    if (!f) return f.error();
    f->divisor_floor = s.divisor_floor;
    f->count_points_x100 = s.count_points_x100;
    f->count_cap = s.count_cap;
    f->window_opens = s.window_opens;
    f->window_closes = s.window_closes;
    f->note = s.note;
    f->bands = s.bands;
    f->updated_at = now;
    f->updated_by = actor.user_id;
    update_framework_settings(sql, *f);
    replace_bands(sql, year, s.bands);
    nlohmann::json bands = nlohmann::json::array();
    for (const auto& b : s.bands) bands.push_back({{"name", b.name}, {"min", b.min_x100}, {"max", b.max_x100}});
    if (auto st = audit(sql, actor, "iid.framework.settings", "iid_framework", std::to_string(year),
                        {{"divisor_floor", s.divisor_floor},
                         {"count_points_x100", s.count_points_x100},
                         {"count_cap", s.count_cap},
                         {"window_opens", s.window_opens},
                         {"window_closes", s.window_closes},
                         {"bands", bands}},
                        now);
        !st)
      return st.error();
    return std::move(*f);
  });
  forget_frameworks();
  return result;
}

Result<Framework> IidService::save_indicator(const auth::Actor& actor, int year, const Indicator& edited) {
  if (!may_verify(actor.grants)) return Error(ErrorCode::forbidden, "iid indicator: not a curator");
  if (auto errors = validate_indicator(edited); !errors.empty())
    return Error(ErrorCode::invalid, "iid indicator: invalid", std::move(errors));
  const auto now = clock_.now();
  forget_frameworks();
  auto result = db_.transact("iid_save_indicator", [&](soci::session& sql) -> Result<Framework> {
    auto f = load(sql, year);
    if (!f) return f.error();
    if (!f->indicator(edited.number))
      return Error(ErrorCode::not_found, "iid indicator: no " + edited.number + " in " + std::to_string(year));
    update_indicator(sql, year, edited);
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : edited.options) options.push_back({{"param", o.param}, {"label", o.label}});
    if (auto st = audit(sql, actor, "iid.indicator.save", "iid_framework", std::to_string(year) + ":" + edited.number,
                        {{"weight_x100", edited.weight_x100},
                         {"mandatory", edited.mandatory},
                         {"name", edited.name},
                         {"options", options}},
                        now);
        !st)
      return st.error();
    return load(sql, year);
  });
  forget_frameworks();
  return result;
}

Result<SubmissionView> IidService::view(int year, const std::string& region_code) {
  try {
    auto sql = db_.acquire();
    SubmissionView v;
    auto f = framework(year);
    if (!f) return f.error();
    v.framework = std::move(*f);
    auto region = find_region_ref(*sql, region_code);
    if (!region) return Error(ErrorCode::not_found, "iid view: no region " + region_code);
    v.region = std::move(*region);
    v.submission = find_submission(*sql, year, region_code);
    std::vector<std::int64_t> ids;
    if (v.submission) {
      ids = submission_innovations(*sql, v.submission->id);
      for (auto id : ids)
        if (auto ref = find_innovation_ref(*sql, id)) v.innovations.push_back(std::move(*ref));
      v.answers = list_answers(*sql, v.submission->id);
    }
    v.score = score(v.framework, ids, v.answers);
    v.window_open = window_open(v.framework, clock_.now());
    v.editable = v.window_open && (!v.submission || v.submission->status == "draft");
    return v;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "iid view");
  }
}

Result<std::vector<InnovationRef>> IidService::candidates(const std::string& region_code) {
  try {
    auto sql = db_.acquire();
    return region_innovations(*sql, region_code);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "iid candidates");
  }
}

Result<Submission> IidService::writable(soci::session& sql, const auth::Actor& actor, const Framework& f,
                                        const std::string& region_code) {
  if (!may_fill(actor.grants, region_code))
    return field_error(ErrorCode::forbidden, "iid: not this region's admin", "region", "iid.error.not_yours");
  const auto now = clock_.now();
  if (now < f.window_opens)
    return field_error(ErrorCode::conflict, "iid: window not open", "window", "iid.error.window_not_open");
  if (now >= f.window_closes)
    return field_error(ErrorCode::conflict, "iid: window closed", "window", "iid.error.window_closed");
  auto s = find_submission(sql, f.year, region_code);
  if (s) {
    if (s->status != "draft")
      return field_error(ErrorCode::conflict, "iid: already submitted", "window", "iid.error.already_submitted");
    return std::move(*s);
  }
  if (!find_region_ref(sql, region_code)) return Error(ErrorCode::not_found, "iid: no region " + region_code);
  auto id = store::next_id(sql, "iid_submissions");
  if (!id) return id.error();
  Submission created;
  created.id = *id;
  created.year = f.year;
  created.region_code = region_code;
  created.created_at = now;
  created.updated_at = now;
  insert_submission(sql, created);
  return created;
}

Status IidService::add_innovation(const auth::Actor& actor, int year, const std::string& region_code,
                                  std::int64_t innovation_id) {
  const auto now = clock_.now();
  return db_.transact("iid_add_innovation", [&](soci::session& sql) -> Status {
    auto f = load(sql, year);
    if (!f) return f.error();
    auto s = writable(sql, actor, *f, region_code);
    if (!s) return s.error();
    auto inn = find_innovation_ref(sql, innovation_id);
    if (!inn || inn->region_code != region_code || inn->state == "archived")
      return field_error(ErrorCode::invalid, "iid: innovation not of region", "innovation",
                         "iid.error.innovation_not_in_region");
    for (auto id : submission_innovations(sql, s->id))
      if (id == innovation_id) return {};
    add_submission_innovation(sql, s->id, innovation_id, now);
    s->updated_at = now;
    update_submission(sql, *s);
    return audit(sql, actor, "iid.innovation.add", "iid_submission", std::to_string(s->id),
                 {{"innovation_id", innovation_id}}, now);
  });
}

Status IidService::remove_innovation(const auth::Actor& actor, int year, const std::string& region_code,
                                     std::int64_t innovation_id) {
  const auto now = clock_.now();
  return db_.transact("iid_remove_innovation", [&](soci::session& sql) -> Status {
    auto f = load(sql, year);
    if (!f) return f.error();
    auto s = writable(sql, actor, *f, region_code);
    if (!s) return s.error();
    remove_submission_innovation(sql, s->id, innovation_id);
    s->updated_at = now;
    update_submission(sql, *s);
    return audit(sql, actor, "iid.innovation.remove", "iid_submission", std::to_string(s->id),
                 {{"innovation_id", innovation_id}}, now);
  });
}

Result<Answer> IidService::save_answer(const auth::Actor& actor, int year, const std::string& region_code,
                                       const AnswerInput& in, std::size_t max_bytes) {
  const bool has_file = !in.file_data.empty() || !in.file_name.empty();
  std::optional<directory::FileType> type;
  if (has_file) {
    if (auto errors = directory::validate_upload(in.file_data, std::min(max_bytes, directory::kMaxAttachmentBytes));
        !errors.empty()) {
      for (auto& e : errors) e.field = "evidence";
      return Error(ErrorCode::invalid, "iid answer: evidence rejected", std::move(errors));
    }
    type = directory::sniff_file_type(in.file_data);
  }
  // The framework and the file are read and written before the write
  // transaction, so the database's write lock is held only for the rows.
  auto f = framework(year);
  if (!f) return f.error();
  const Indicator* ind = f->indicator(in.number);
  if (!ind) return field_error(ErrorCode::invalid, "iid answer: indicator", "number", "iid.error.unknown_indicator");
  const bool per_innovation = ind->aspect == kSid;
  if (per_innovation != (in.innovation_id != 0))
    return field_error(ErrorCode::invalid, "iid answer: level", "number", "iid.error.unknown_indicator");
  if (in.param != 0 && !valid_param(*ind, in.param))
    return field_error(ErrorCode::invalid, "iid answer: param", "param", "iid.error.param");
  if (!may_fill(actor.grants, region_code))
    return field_error(ErrorCode::forbidden, "iid: not this region's admin", "region", "iid.error.not_yours");
  std::string stored;
  if (type) {
    stored = std::to_string(year) + "-" + region_code + "-" + auth::random_token().substr(0, 16) + type->extension;
    if (auto st = directory::write_file(evidence_path(stored), in.file_data); !st) return st.error();
  }
  const auto now = clock_.now();
  std::string replaced;
  auto result = db_.transact("iid_save_answer", [&](soci::session& sql) -> Result<Answer> {
    auto s = writable(sql, actor, *f, region_code);
    if (!s) return s.error();
    if (per_innovation) {
      bool member = false;
      for (auto id : submission_innovations(sql, s->id)) member = member || id == in.innovation_id;
      if (!member)
        return field_error(ErrorCode::invalid, "iid answer: innovation", "innovation",
                           "iid.error.innovation_not_in_region");
    }
    Answer a;
    if (auto old = find_answer(sql, s->id, in.innovation_id, in.number)) a = std::move(*old);
    a.innovation_id = in.innovation_id;
    a.number = in.number;
    a.param = in.param;
    if (type) {
      replaced = a.evidence_file;
      a.evidence_file = stored;
      a.evidence_name = directory::display_file_name(in.file_name);
      a.evidence_type = type->media_type;
    }
    if (a.param == 0 && a.evidence_file.empty())
      return field_error(ErrorCode::invalid, "iid answer: empty", "param", "iid.error.param");
    // A changed answer is verified again.
    a.status = kPending;
    a.reason.clear();
    a.verified_by = a.verified_at = 0;
    a.updated_at = now;
    a.updated_by = actor.user_id;
    save_answer_row(sql, s->id, a);
    s->updated_at = now;
    update_submission(sql, *s);
    if (auto st = audit(sql, actor, "iid.answer.save", "iid_submission", std::to_string(s->id),
                        {{"innovation_id", a.innovation_id},
                         {"number", a.number},
                         {"param", a.param},
                         {"evidence", a.evidence_name}},
                        now);
        !st)
      return st.error();
    return a;
  });
  // The file no row points to any more: the new one after a failure, the
  // replaced one after success.
  const std::string orphan = result ? replaced : stored;
  if (!orphan.empty()) {
    std::error_code ec;
    std::filesystem::remove(evidence_path(orphan), ec);
  }
  return result;
}

Result<Submission> IidService::submit(const auth::Actor& actor, int year, const std::string& region_code) {
  const auto now = clock_.now();
  return db_.transact("iid_submit", [&](soci::session& sql) -> Result<Submission> {
    auto f = load(sql, year);
    if (!f) return f.error();
    auto s = writable(sql, actor, *f, region_code);
    if (!s) return s.error();
    if (auto lacking = answers_without_evidence(list_answers(sql, s->id)); !lacking.empty()) {
      std::vector<FieldError> fields{{"submit", "iid.error.evidence_missing"}};
      for (auto& key : lacking) fields.push_back({std::move(key), "iid.error.evidence_missing"});
      return Error(ErrorCode::invalid, "iid submit: answers without evidence", std::move(fields));
    }
    s->status = "submitted";
    s->submitted_at = now;
    s->submitted_by = actor.user_id;
    s->updated_at = now;
    update_submission(sql, *s);
    if (auto st = audit(sql, actor, "iid.submission.submit", "iid_submission", std::to_string(s->id),
                        {{"year", year}, {"region", region_code}}, now);
        !st)
      return st.error();
    return std::move(*s);
  });
}

Result<std::vector<QueueItem>> IidService::queue(int year, bool all) {
  try {
    auto sql = db_.acquire();
    auto f = load(*sql, year);
    if (!f) return f.error();
    std::vector<QueueItem> out;
    for (const auto& s : list_submissions(*sql, year, "submitted")) {
      auto region = find_region_ref(*sql, s.region_code);
      for (auto& a : list_answers(*sql, s.id)) {
        if (!all && a.status != kPending) continue;
        QueueItem item;
        item.submission = s;
        if (region) item.region = *region;
        if (const auto* ind = f->indicator(a.number)) {
          item.indicator_name = ind->name;
          for (const auto& o : ind->options)
            if (o.param == a.param) item.option_label = o.label;
        }
        if (a.innovation_id != 0)
          if (auto inn = find_innovation_ref(*sql, a.innovation_id)) item.innovation_name = inn->name;
        item.answer = std::move(a);
        out.push_back(std::move(item));
      }
    }
    return out;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "iid queue");
  }
}

Status IidService::decide(const auth::Actor& actor, int year, const std::string& region_code,
                          std::int64_t innovation_id, const std::string& number, bool accept, const std::string& reason,
                          bool override_qc) {
  if (!may_verify(actor.grants)) return Error(ErrorCode::forbidden, "iid decide: not a curator");
  if (override_qc && reason.empty())
    return field_error(ErrorCode::invalid, "iid qc: note", "reason", "iid.error.note_required");
  if (!accept && reason.empty())
    return field_error(ErrorCode::invalid, "iid decide: reason", "reason", "iid.error.reason_required");
  const auto now = clock_.now();
  return db_.transact("iid_decide", [&](soci::session& sql) -> Status {
    auto s = find_submission(sql, year, region_code);
    if (!s) return Error(ErrorCode::not_found, "iid decide: no submission");
    if (s->status != "submitted")
      return field_error(ErrorCode::conflict, "iid decide: draft", "window", "iid.error.not_submitted");
    auto a = find_answer(sql, s->id, innovation_id, number);
    if (!a) return Error(ErrorCode::not_found, "iid decide: no answer");
    const std::string before = a->status;
    a->status = accept ? kAccepted : kRejected;
    if (override_qc) {
      a->qc_by = actor.user_id;
      a->qc_at = now;
      a->qc_note = reason;
      if (!accept) a->reason = reason;
    } else {
      a->reason = accept ? std::string() : reason;
      a->verified_by = actor.user_id;
      a->verified_at = now;
    }
    save_answer_row(sql, s->id, *a);
    if (!accept && before != kRejected) {
      const auto f = load_framework(sql, year);
      const auto* ind = f ? f->indicator(number) : nullptr;
      const auto region = find_region_ref(sql, region_code);
      if (auto st = notify_rejected(sql, *s, region ? region->name : region_code, innovation_id, number,
                                    ind ? ind->name : number, reason, now);
          !st)
        return st;
    }
    return audit(sql, actor, override_qc ? "iid.answer.override" : "iid.answer.verify", "iid_submission",
                 std::to_string(s->id),
                 {{"innovation_id", innovation_id},
                  {"number", number},
                  {"before", before},
                  {"status", a->status},
                  {"reason", reason}},
                 now);
  });
}

Result<std::vector<RankingRow>> IidService::ranking(int year, const std::string& kind) {
  try {
    auto f = framework(year);
    if (!f) return f.error();
    auto sql = db_.acquire();
    std::vector<RankingRow> rows;
    for (auto& s : list_submissions(*sql, year, "submitted")) {
      auto region = find_region_ref(*sql, s.region_code);
      if (!region || (!kind.empty() && region->kind != kind)) continue;
      RankingRow row;
      row.region = std::move(*region);
      row.score = score(*f, submission_innovations(*sql, s.id), list_answers(*sql, s.id));
      row.score.lines.clear();
      row.submission = std::move(s);
      rows.push_back(std::move(row));
    }
    std::vector<Ranked> ranked;
    std::map<std::string, RankingRow*> by_code;
    for (auto& r : rows) {
      ranked.push_back({r.region.code, r.region.name, r.score.index_x100, 0});
      by_code[r.region.code] = &r;
    }
    rank(ranked);
    std::vector<RankingRow> out;
    for (const auto& r : ranked) {
      out.push_back(std::move(*by_code.at(r.region_code)));
      out.back().rank = r.rank;
    }
    return out;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "iid ranking");
  }
}

Result<std::vector<RegionRef>> IidService::cluster_regions(int year, const std::string& cluster) {
  try {
    auto sql = db_.acquire();
    return index::cluster_regions(*sql, year, cluster);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "iid cluster regions");
  }
}

Status IidService::flag_region(const auth::Actor& actor, int year, const std::string& cluster,
                               const std::string& region_code, bool on) {
  if (!may_verify(actor.grants)) return Error(ErrorCode::forbidden, "iid cluster: not a curator");
  if (!is_flag_cluster(cluster))
    return field_error(ErrorCode::invalid, "iid cluster: unknown", "cluster", "iid.error.cluster");
  const auto now = clock_.now();
  return db_.transact("iid_flag_region", [&](soci::session& sql) -> Status {
    if (!load_framework(sql, year)) return Error(ErrorCode::not_found, "iid cluster: no framework");
    if (!find_region_ref(sql, region_code))
      return field_error(ErrorCode::invalid, "iid cluster: region", "region", "iid.error.region");
    set_cluster_flag(sql, year, cluster, region_code, on, now, actor.user_id);
    return audit(sql, actor, on ? "iid.cluster.flag" : "iid.cluster.unflag", "iid_framework",
                 std::to_string(year) + ":" + cluster, {{"region", region_code}}, now);
  });
}

}  // namespace lumbung::index
