#include "curation/import_service.hpp"

#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>

#include "auth/audit.hpp"
#include "directory/innovation_json.hpp"
#include "directory/innovation_rules.hpp"
#include "directory/innovation_service.hpp"
#include "directory/innovation_store.hpp"
#include "directory/region_store.hpp"
#include "validation/duplicate_service.hpp"

namespace lumbung::curation {

namespace {

template <class F>
auto read(store::Database& db, const char* op, F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  auto sql = db.acquire();
  try {
    return fn(*sql);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, op);
  }
}

// What a row will do, found by the checks both passes share.
struct Prepared {
  ParsedRow parsed;
  std::optional<directory::Innovation> existing;
  // The row's record was merged into this one: the row is skipped (a warning),
  // so a re-import neither revives the duplicate nor undoes the curator's choices.
  std::int64_t merged_into = 0;
};

// Looks a row up in the store and checks it: the base it updates, its key,
// the region, the state a new innovation gets.
class RowChecker {
 public:
  RowChecker(std::string source, const ColumnPlan& plan, const std::vector<std::string>& headers)
      : source_(std::move(source)), plan_(plan), headers_(headers) {}

  Prepared check(soci::session& sql, const SheetRow& row) {
    Prepared p;
    // The key: id (lumbung source) or (source_program, source_id).
    ParsedRow keys = parse_row(source_, plan_, row.number, row.cells, headers_, directory::InnovationDraft{});
    if (keys.id > 0) {
      p.existing = directory::find_innovation(sql, keys.id);
    } else if (!keys.draft.source_id.empty()) {
      if (auto id = directory::find_by_source(sql, keys.draft.source_program, keys.draft.source_id))
        p.existing = directory::find_innovation(sql, *id);
    }
    directory::InnovationDraft base;
    if (p.existing) base = *p.existing;
    p.parsed = parse_row(source_, plan_, row.number, row.cells, headers_, base);
    auto& parsed = p.parsed;
    auto& d = parsed.draft;
    if (p.existing && p.existing->state != "archived") keep_merge_choices(sql, *p.existing, parsed);
    auto problem = [&](const std::string& field, const std::string& key, const std::string& value, bool warning) {
      auto it = plan_.column.find(field);
      std::string column = it != plan_.column.end() && it->second < headers_.size() ? headers_[it->second] : field;
      parsed.problems.push_back({row.number, column, key, value, warning});
    };
    if (keys.id > 0 && !p.existing) problem("id", "curation.problem.unknown_id", std::to_string(keys.id), false);
    if (keys.id <= 0 && d.source_id.empty() && source_ == "lumbung")
      problem("source_id", "curation.problem.no_key", "", false);
    if (keys.id > 0 && p.existing && !d.source_id.empty() &&
        (d.source_id != p.existing->source_id || d.source_program != p.existing->source_program)) {
      auto other = directory::find_by_source(sql, d.source_program, d.source_id);
      if (other && *other != keys.id) problem("source_id", "curation.problem.key_taken", d.source_id, false);
    }
    if (p.existing && p.existing->state == "archived") {
      if (auto survivor = validation::merge_survivor(sql, p.existing->id)) {
        p.merged_into = *survivor;
        problem("", "curation.problem.merged", std::to_string(*survivor), true);
        return p;
      }
      problem("", "curation.problem.archived", std::to_string(p.existing->id), false);
    }
    if (!d.region_code.empty() && !known_region(sql, d.region_code))
      problem("region_code", "curation.problem.unknown_region", d.region_code, false);
    // The key seen earlier in the file.
    std::string key = keys.id > 0 ? "#" + std::to_string(keys.id) : d.source_program + "\x1f" + d.source_id;
    if (keys.id > 0 || !d.source_id.empty()) {
      auto [it, fresh] = seen_.emplace(key, row.number);
      if (!fresh && it->second != row.number)
        problem(keys.id > 0 ? "id" : "source_id", "curation.problem.duplicate_in_file", std::to_string(it->second),
                false);
    }
    // The state of a new innovation: published when complete (or as the
    // lumbung file says), else a draft.
    if (!parsed.ok()) return p;  // rejected: what it would be saved as does not matter
    if (!p.existing) {
      bool wants_published = source_ != "lumbung" || d.state == "published" || d.state == "review";
      if (source_ != "lumbung") d.state = "published";
      if (wants_published && !directory::validate_for_review(d).empty()) {
        d.state = "draft";
        problem("", "curation.problem.saved_as_draft", "", true);
      }
    } else {
      auto errors = d.state == "draft" || p.existing->state == "draft" ? std::vector<FieldError>{}
                                                                       : directory::validate_for_review(d);
      for (const auto& e : errors) problem(e.field, "curation.problem.needed_when_published", "", false);
    }
    return p;
  }

 private:
  bool known_region(soci::session& sql, const std::string& code) {
    auto it = regions_.find(code);
    if (it != regions_.end()) return it->second;
    bool known = directory::find_region(sql, code).has_value();
    if (regions_.size() < 100000) regions_.emplace(code, known);
    return known;
  }

  // Fields a curator took from a merged record stay as chosen.
  static void keep_merge_choices(soci::session& sql, const directory::Innovation& stored, ParsedRow& parsed) {
    auto taken = validation::fields_taken_in_merges(sql, stored.id);
    if (taken.empty()) return;
    directory::Innovation next = stored;
    static_cast<directory::InnovationDraft&>(next) = parsed.draft;
    for (const auto& field : taken) validation::take_merge_field(next, stored, field);
    parsed.draft = next;
    auto covered = [&](const std::string& field) {
      for (const auto& t : taken)
        if (field == t || (t == "place" && (field == "region_code" || field == "unit_name")) ||
            (t == "contact" && field.rfind("contact_", 0) == 0))
          return true;
      return false;
    };
    std::erase_if(parsed.fields, covered);
  }

  std::string source_;
  const ColumnPlan& plan_;
  const std::vector<std::string>& headers_;
  std::unordered_map<std::string, bool> regions_;
  std::unordered_map<std::string, int> seen_;
};

nlohmann::json problem_json(const RowProblem& p) {
  return {{"row", p.row}, {"column", p.column}, {"key", p.key}, {"value", p.value}, {"warning", p.warning}};
}

// Keeps the run's problem list and counts.
struct ProblemLog {
  nlohmann::json stored = nlohmann::json::array();
  std::int64_t count = 0;
  const ProblemFn* callback = nullptr;
  void add(const RowProblem& p) {
    ++count;
    if (stored.size() < kMaxStoredProblems) stored.push_back(problem_json(p));
    if (callback && *callback) (*callback)(p);
  }
};

std::string field_json_name(const std::string& field) { return field; }

Status audit(soci::session& sql, std::int64_t actor, const char* action, const std::string& entity,
             const std::string& id, const std::string& after, std::int64_t now) {
  auth::AuditRecord record;
  record.actor_user_id = actor;
  record.action = action;
  record.entity = entity;
  record.entity_id = id;
  record.before_json = "{}";
  record.after_json = after;
  record.at = now;
  return auth::append_audit(sql, record);
}

}  // namespace

Result<ImportService::Preview> ImportService::preview(const std::string& path, std::size_t sample, ReadLimits limits) {
  auto reader = open_table(path, limits);
  if (!reader) return reader.error();
  Preview out;
  SheetRow row;
  auto got = (*reader)->next(row);
  if (!got) return got.error();
  if (*got) out.headers = row.cells;
  while (out.rows.size() < sample) {
    auto more = (*reader)->next(row);
    if (!more) return more.error();
    if (!*more) break;
    out.rows.push_back(row);
  }
  out.format = (*reader)->format();
  out.encoding = (*reader)->encoding();
  out.separator = (*reader)->separator();
  return out;
}

Result<Mapping> ImportService::saved_mapping(const std::string& source) {
  return read(db_, "saved_mapping", [&](soci::session& sql) -> Result<Mapping> { return load_mapping(sql, source); });
}

Status ImportService::save_mapping(std::int64_t actor, const std::string& source, const Mapping& mapping) {
  if (!is_import_source(source))
    return Error(ErrorCode::invalid, "save_mapping: unknown source", {{"source", "error.invalid_choice"}});
  Mapping clean;
  const auto& fields = import_fields();
  for (const auto& [field, header] : mapping)
    if (!header.empty() && std::find(fields.begin(), fields.end(), field) != fields.end()) clean[field] = header;
  const auto now = clock_.now();
  return db_.transact("save_mapping", [&](soci::session& sql) -> Status {
    curation::save_mapping(sql, source, clean, actor, now);
    return audit(sql, actor, "import.mapping_saved", "import_mapping", source, nlohmann::json(clean).dump(), now);
  });
}

Result<Mapping> ImportService::mapping_for(const std::string& source, const std::vector<std::string>& headers) {
  auto saved = saved_mapping(source);
  if (!saved) return saved.error();
  return suggest_mapping(source, headers, *saved);
}

Result<ImportRun> ImportService::queue(const ImportRequest& request, const std::string& state) {
  if (!is_import_source(request.source))
    return Error(ErrorCode::invalid, "queue_import: unknown source", {{"source", "error.invalid_choice"}});
  const auto now = clock_.now();
  return db_.transact("queue_import", [&](soci::session& sql) -> Result<ImportRun> {
    auto id = store::next_id(sql, "import_runs");
    if (!id) return id.error();
    ImportRun run;
    run.id = *id;
    run.source = request.source;
    run.file_name = request.file_name;
    run.file_path = request.file_path;
    run.dry_run = request.dry_run;
    run.created_by = request.actor;
    run.created_at = now;
    run.state = state;
    insert_run(sql, run);
    if (!run.dry_run) {
      nlohmann::json after = {{"source", run.source}, {"file_name", run.file_name}};
      if (auto st =
              audit(sql, request.actor, "import.started", "import_run", std::to_string(run.id), after.dump(), now);
          !st)
        return st.error();
    }
    return run;
  });
}

Result<ImportRun> ImportService::execute(std::int64_t run_id, const ImportRequest& request, const ProgressFn& progress,
                                         const ProblemFn& on_problem) {
  auto loaded = run(run_id);
  if (!loaded) return loaded.error();
  ImportRun r = std::move(*loaded);
  ProblemLog log;
  log.callback = &on_problem;
  auto save = [&](ImportRun& current) -> Status {
    current.problems_json = log.stored.dump();
    current.problem_count = log.count;
    return db_.transact("import_progress", [&](soci::session& sql) -> Status {
      update_run(sql, current);
      return {};
    });
  };
  auto finish = [&](const std::string& state, const std::string& message) -> Result<ImportRun> {
    r.state = state;
    r.message = message;
    r.finished_at = clock_.now();
    if (auto st = save(r); !st) return st.error();
    if (progress) progress(r);
    return r;
  };
  r.state = "running";
  if (auto st = save(r); !st) return st.error();

  auto reader = open_table(request.file_path, request.limits);
  if (!reader) return finish("failed", "curation.run.unreadable");
  SheetRow header;
  auto got = (*reader)->next(header);
  if (!got || !*got) {
    if (!got && !got.error().fields().empty())
      log.add({std::atoi(got.error().fields()[0].field.c_str()), "", got.error().fields()[0].key, "", false});
    return finish("failed", got ? "curation.run.empty_file" : "curation.run.unreadable");
  }
  const std::vector<std::string> headers = header.cells;
  Mapping mapping;
  if (request.mapping) {
    mapping = *request.mapping;
  } else {
    auto m = mapping_for(request.source, headers);
    if (!m) return finish("failed", "curation.run.store_failed");
    mapping = std::move(*m);
  }
  const ColumnPlan plan = plan_columns(request.source, mapping, headers);
  for (const auto& p : plan.problems) log.add(p);
  if (!plan.problems.empty()) return finish("failed", "curation.run.bad_mapping");

  // Pass one: read and check every row, write nothing.
  std::unordered_set<int> rejected;
  {
    RowChecker checker(request.source, plan, headers);
    auto sql = db_.acquire();
    SheetRow row;
    for (;;) {
      auto more = (*reader)->next(row);
      if (!more) {
        const auto& fields = more.error().fields();
        log.add({fields.empty() ? 0 : std::atoi(fields[0].field.c_str()), "",
                 fields.empty() ? "curation.read.bad_file" : fields[0].key, "", false});
        r.rows_done = r.rows_total;
        return finish("failed", "curation.run.unreadable");
      }
      if (!*more) break;
      ++r.rows_total;
      Prepared p;
      try {
        p = checker.check(*sql, row);
      } catch (const std::exception& e) {
        return finish("failed", "curation.run.store_failed");
      }
      for (const auto& problem : p.parsed.problems) log.add(problem);
      if (!p.parsed.ok()) {
        rejected.insert(row.number);
        ++r.rows_rejected;
      } else if (request.dry_run) {
        (p.merged_into ? r.rows_unchanged : p.existing ? r.rows_updated : r.rows_created)++;
      }
      if (r.rows_total % kBatchRows == 0) {
        r.rows_done = request.dry_run ? r.rows_total : 0;
        if (auto st = save(r); !st) return st.error();
        if (progress) progress(r);
      }
    }
  }
  if (request.dry_run) {
    r.rows_done = r.rows_total;
    return finish("done", "");
  }

  // Pass two: write the rows without problems, kBatchRows per transaction.
  auto second = open_table(request.file_path, request.limits);
  if (!second) return finish("failed", "curation.run.unreadable");
  SheetRow row;
  if (auto skip = (*second)->next(row); !skip || !*skip) return finish("failed", "curation.run.unreadable");
  RowChecker checker(request.source, plan, headers);
  bool at_end = false;
  while (!at_end) {
    ImportRun next = r;
    std::vector<RowProblem> batch_problems;
    const auto now = clock_.now();
    auto committed = db_.transact("import_batch", [&](soci::session& sql) -> Status {
      next = r;
      batch_problems.clear();
      for (int n = 0; n < kBatchRows; ++n) {
        auto more = (*second)->next(row);
        if (!more) return more.error();
        if (!*more) {
          at_end = true;
          break;
        }
        ++next.rows_done;
        if (rejected.count(row.number)) continue;
        Prepared p = checker.check(sql, row);
        if (!p.parsed.ok()) {  // changed since pass one (a concurrent edit)
          for (const auto& problem : p.parsed.problems)
            if (!problem.warning) batch_problems.push_back(problem);
          ++next.rows_rejected;
          continue;
        }
        if (p.merged_into) {
          ++next.rows_unchanged;
          continue;
        }
        auto result = directory::upsert_in(sql, request.actor, p.parsed.draft, now, p.existing ? p.existing->id : 0);
        if (!result) {
          if (result.error().code() != ErrorCode::invalid && result.error().code() != ErrorCode::conflict)
            return result.error();
          for (const auto& f : result.error().fields())
            batch_problems.push_back({row.number, f.field, "curation.problem.rejected", f.key, false});
          if (result.error().fields().empty())
            batch_problems.push_back({row.number, "", "curation.problem.rejected", result.error().message(), false});
          ++next.rows_rejected;
          continue;
        }
        if (result->created)
          ++next.rows_created;
        else if (result->changed)
          ++next.rows_updated;
        else
          ++next.rows_unchanged;
        if (!result->changed) continue;
        const auto after = directory::to_json(result->innovation);
        const auto before = p.existing ? directory::to_json(*p.existing) : nlohmann::json::object();
        for (const auto& field : p.parsed.fields) {
          if (field == "id") continue;
          auto name = field_json_name(field);
          if (!after.contains(name)) continue;
          if (result->created || !before.contains(name) || before[name] != after[name])
            set_provenance(sql, result->innovation.id, field, request.source, r.id, now);
        }
      }
      next.problems_json = log.stored.dump();
      next.problem_count = log.count + static_cast<std::int64_t>(batch_problems.size());
      update_run(sql, next);
      return {};
    });
    if (!committed) return finish("failed", "curation.run.store_failed");
    for (const auto& p : batch_problems) log.add(p);
    r = next;
    if (progress) progress(r);
  }
  return finish("done", "");
}

Result<ImportRun> ImportService::import_file(const ImportRequest& request, const ProgressFn& progress,
                                             const ProblemFn& problem) {
  auto queued = queue(request);
  if (!queued) return queued.error();
  return execute(queued->id, request, progress, problem);
}

Result<ImportRun> ImportService::requeue_dry_run(std::int64_t id) {
  return db_.transact("requeue_import", [&](soci::session& sql) -> Result<ImportRun> {
    auto found = find_run(sql, id);
    if (!found) return Error(ErrorCode::not_found, "requeue_import: no run " + std::to_string(id));
    if (!found->dry_run || found->state == "queued" || found->state == "running")
      return Error(ErrorCode::conflict, "requeue_import: run " + std::to_string(id) + " is " + found->state);
    ImportRun fresh;
    fresh.id = found->id;
    fresh.source = found->source;
    fresh.file_name = found->file_name;
    fresh.file_path = found->file_path;
    fresh.dry_run = true;
    fresh.created_by = found->created_by;
    fresh.created_at = found->created_at;
    update_run(sql, fresh);
    return fresh;
  });
}

Result<int> ImportService::fail_interrupted() {
  const auto now = clock_.now();
  return db_.transact("fail_interrupted_imports", [&](soci::session& sql) -> Result<int> {
    int n = 0;
    for (auto& r : recent_runs(sql, 1000)) {
      if (r.state != "queued" && r.state != "running") continue;
      r.state = "failed";
      r.message = "curation.run.interrupted";
      r.finished_at = now;
      update_run(sql, r);
      ++n;
    }
    return n;
  });
}

Result<ImportRun> ImportService::run(std::int64_t id) {
  return read(db_, "import_run", [&](soci::session& sql) -> Result<ImportRun> {
    auto found = find_run(sql, id);
    if (!found) return Error(ErrorCode::not_found, "import_run: no run " + std::to_string(id));
    return std::move(*found);
  });
}

Result<std::vector<ImportRun>> ImportService::recent(int limit) {
  return read(db_, "recent_imports",
              [&](soci::session& sql) -> Result<std::vector<ImportRun>> { return recent_runs(sql, limit); });
}

Result<std::vector<Provenance>> ImportService::provenance(std::int64_t innovation_id) {
  return read(db_, "provenance", [&](soci::session& sql) -> Result<std::vector<Provenance>> {
    return list_provenance(sql, innovation_id);
  });
}

}  // namespace lumbung::curation
