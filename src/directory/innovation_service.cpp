#include "directory/innovation_service.hpp"

#include "directory/innovation_json.hpp"
#include "directory/innovation_store.hpp"
#include "directory/region_store.hpp"
#include "store/outbox.hpp"

namespace lumbung::directory {

namespace {

// Copies the writable fields of a draft onto a stored innovation.
void apply_draft(Innovation& i, const InnovationDraft& d) {
  const std::string state = i.state;
  static_cast<InnovationDraft&>(i) = d;
  i.state = state;
}

// Fills province_code and unit_id from region_code and unit_id/unit_name,
// creating a unit named in unit_name when the region has none of that name.
Status resolve_place(soci::session& sql, Innovation& i, std::int64_t now) {
  if (i.region_code.empty()) {
    i.province_code.clear();
    if (i.unit_id > 0 || !i.unit_name.empty())
      return Error(ErrorCode::invalid, "save_innovation: a unit needs a region", {{"region_code", "error.required"}});
    return {};
  }
  auto region = find_region(sql, i.region_code);
  if (!region)
    return Error(ErrorCode::invalid, "save_innovation: unknown region " + i.region_code,
                 {{"region_code", "error.unknown_region"}});
  i.province_code = region->province_code;
  i.region_name = region->name;
  if (i.unit_id > 0) {
    auto unit = find_unit(sql, i.unit_id);
    if (!unit || unit->region_code != i.region_code)
      return Error(ErrorCode::invalid, "save_innovation: unit not in region", {{"unit_id", "error.unknown_unit"}});
    i.unit_name = unit->name;
  } else if (!i.unit_name.empty()) {
    if (auto unit = find_unit_by_name(sql, i.region_code, i.unit_name)) {
      i.unit_id = unit->id;
    } else {
      auto id = store::next_id(sql, "units");
      if (!id) return id.error();
      UnitInserter(sql).insert({*id, i.region_code, guess_unit_kind(i.unit_name), i.unit_name, now, 0});
      i.unit_id = *id;
    }
  }
  return {};
}

// The revision and the outbox row of a write (the outbox row last).
Status record_write(soci::session& sql, const Innovation& i, std::int64_t actor, const char* action,
                    const std::string& comment, std::int64_t now) {
  auto rev = store::next_id(sql, "innovation_revisions");
  if (!rev) return rev.error();
  RevisionInserter(sql).insert({*rev, i.id, i.version, actor, now, action, to_json(i).dump(), comment});
  return store::append_outbox(sql, "innovation", i.id, i.version, now);
}

Error invalid(const char* op, std::vector<FieldError> errors) {
  return Error(ErrorCode::invalid, std::string(op) + ": invalid innovation", std::move(errors));
}

template <class F>
auto read(store::Database& db, const char* op, F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  auto sql = db.acquire();
  try {
    return fn(*sql);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, op);
  }
}

// Loads, checks the version and that the state allows editing.
Result<Innovation> load_for_write(soci::session& sql, const char* op, std::int64_t id, std::int64_t expected) {
  auto found = find_innovation(sql, id);
  if (!found) return Error(ErrorCode::not_found, std::string(op) + ": no innovation " + std::to_string(id));
  if (expected != 0 && found->version != expected)
    return Error(ErrorCode::conflict, std::string(op) + ": version " + std::to_string(expected) + " is stale (now " +
                                          std::to_string(found->version) + ") (version)");
  return std::move(*found);
}

// Writes `next` over `current` (version bump, revision, outbox).
Result<Innovation> save(soci::session& sql, const char* op, Innovation next, std::int64_t current_version,
                        std::int64_t actor, const char* action, const std::string& comment, std::int64_t now,
                        bool awards_changed) {
  next.version = current_version + 1;
  next.updated_at = now;
  next.updated_by = actor;
  if (!update_innovation(sql, next, current_version))
    return Error(ErrorCode::conflict, std::string(op) + ": changed concurrently (version)");
  if (awards_changed) replace_awards(sql, next.id, next.awards);
  if (auto st = record_write(sql, next, actor, action, comment, now); !st) return st.error();
  return next;
}

// Inserts a new innovation from a validated draft (revision and outbox row included).
Result<Innovation> insert_new(soci::session& sql, std::int64_t actor, const InnovationDraft& draft, std::int64_t now,
                              const char* action) {
  Innovation i;
  static_cast<InnovationDraft&>(i) = draft;
  if (auto st = resolve_place(sql, i, now); !st) return st.error();
  auto id = store::next_id(sql, "innovations");
  if (!id) return id.error();
  i.id = *id;
  i.slug = make_slug(i.name);
  i.version = 1;
  i.created_at = i.updated_at = now;
  i.created_by = i.updated_by = actor;
  if (i.state == "published") i.published_at = now;
  InnovationInserter(sql).insert(i);
  RevisionInserter awards(sql);
  for (const auto& a : i.awards) awards.insert_award(i.id, a);
  if (auto st = record_write(sql, i, actor, action, "", now); !st) return st.error();
  return i;
}

}  // namespace

Result<int> InnovationService::load_reference_regions() {
  return db_.transact("load_reference_regions",
                      [&](soci::session& sql) -> Result<int> { return insert_reference_regions(sql); });
}

Result<Innovation> InnovationService::create(std::int64_t actor, const InnovationDraft& draft) {
  if (draft.state == "archived") return invalid("create_innovation", {{"state", "error.invalid_choice"}});
  auto errors = draft.state == "draft" ? validate_draft(draft) : validate_for_review(draft);
  if (!errors.empty()) return invalid("create_innovation", std::move(errors));
  const auto now = clock_.now();
  return db_.transact("create_innovation", [&](soci::session& sql) -> Result<Innovation> {
    return insert_new(sql, actor, draft, now, "create");
  });
}

Result<Innovation> InnovationService::create_draft(std::int64_t actor, const InnovationDraft& draft) {
  InnovationDraft d = draft;
  d.state = "draft";
  return create(actor, d);
}

Result<Innovation> InnovationService::update(std::int64_t actor, std::int64_t id, std::int64_t expected_version,
                                             const InnovationDraft& draft, const std::string& comment) {
  const auto now = clock_.now();
  return db_.transact("update_innovation", [&](soci::session& sql) -> Result<Innovation> {
    auto current = load_for_write(sql, "update_innovation", id, expected_version);
    if (!current) return current.error();
    if (!editable(current->state))
      return Error(ErrorCode::conflict, "update_innovation: " + current->state + " innovations cannot be edited (state)");
    Innovation next = *current;
    apply_draft(next, draft);
    next.slug = make_slug(next.name);
    auto errors = next.state == "draft" ? validate_draft(next) : validate_for_review(next);
    if (!errors.empty()) return invalid("update_innovation", std::move(errors));
    if (auto st = resolve_place(sql, next, now); !st) return st.error();
    // Compared before the call: the order in which arguments are evaluated is unspecified, and `next` is moved.
    const bool awards_changed = next.awards != current->awards;
    return save(sql, "update_innovation", std::move(next), current->version, actor, "update", comment, now,
                awards_changed);
  });
}

Result<UpsertResult> InnovationService::upsert(std::int64_t actor, const InnovationDraft& draft) {
  if (draft.source_id.empty()) return invalid("upsert_innovation", {{"source_id", "error.required"}});
  std::optional<std::int64_t> existing;
  {
    auto found = read(db_, "upsert_innovation", [&](soci::session& sql) -> Result<std::optional<std::int64_t>> {
      return directory::find_by_source(sql, draft.source_program, draft.source_id);
    });
    if (!found) return found.error();
    existing = *found;
  }
  if (!existing) {
    auto created = create(actor, draft);
    if (!created) return created.error();
    return UpsertResult{std::move(*created), true};
  }
  auto updated = update(actor, *existing, 0, draft, "import");
  if (!updated) return updated.error();
  return UpsertResult{std::move(*updated), false};
}

Result<UpsertResult> upsert_in(soci::session& sql, std::int64_t actor, const InnovationDraft& draft, std::int64_t now,
                               std::int64_t id) {
  const char* op = "upsert_innovation";
  if (id <= 0 && draft.source_id.empty()) return invalid(op, {{"source_id", "error.required"}});
  auto existing =
      id > 0 ? std::optional<std::int64_t>(id) : directory::find_by_source(sql, draft.source_program, draft.source_id);
  if (!existing) {
    if (draft.state == "archived") return invalid(op, {{"state", "error.invalid_choice"}});
    auto errors = draft.state == "draft" ? validate_draft(draft) : validate_for_review(draft);
    if (!errors.empty()) return invalid(op, std::move(errors));
    auto created = insert_new(sql, actor, draft, now, "import");
    if (!created) return created.error();
    return UpsertResult{std::move(*created), true, true};
  }
  auto current = load_for_write(sql, op, *existing, 0);
  if (!current) return current.error();
  if (!editable(current->state))
    return Error(ErrorCode::conflict, "upsert_innovation: " + current->state + " innovations cannot be edited (state)");
  Innovation next = *current;
  apply_draft(next, draft);
  next.slug = make_slug(next.name);
  auto errors = next.state == "draft" ? validate_draft(next) : validate_for_review(next);
  if (!errors.empty()) return invalid(op, std::move(errors));
  if (auto st = resolve_place(sql, next, now); !st) return st.error();
  if (to_json(next) == to_json(*current)) return UpsertResult{std::move(*current), false, false};
  const bool awards_changed = next.awards != current->awards;
  auto saved = save(sql, op, std::move(next), current->version, actor, "import", "import", now, awards_changed);
  if (!saved) return saved.error();
  return UpsertResult{std::move(*saved), false, true};
}

Result<Innovation> InnovationService::transition(std::int64_t actor, std::int64_t id, std::int64_t expected_version,
                                                 Action action, const std::string& comment) {
  const auto now = clock_.now();
  const std::string op = std::string(to_string(action)) + "_innovation";
  return db_.transact(op.c_str(), [&](soci::session& sql) -> Result<Innovation> {
    auto current = load_for_write(sql, op.c_str(), id, expected_version);
    if (!current) return current.error();
    auto to = next_state(current->state, action, comment);
    if (!to) return to.error();
    Innovation next = *current;
    next.state = *to;
    if (*to == "review" || *to == "published") {
      if (auto errors = validate_for_review(next); !errors.empty()) return invalid(op.c_str(), std::move(errors));
    }
    if (action == Action::send_back) next.review_comment = comment;
    if (action == Action::publish) next.review_comment.clear();
    if (*to == "published" && next.published_at == 0) next.published_at = now;
    return save(sql, op.c_str(), std::move(next), current->version, actor, to_string(action), comment, now, false);
  });
}

Result<Innovation> InnovationService::submit(std::int64_t actor, std::int64_t id, std::int64_t v) {
  return transition(actor, id, v, Action::submit);
}
Result<Innovation> InnovationService::publish(std::int64_t actor, std::int64_t id, std::int64_t v) {
  return transition(actor, id, v, Action::publish);
}
Result<Innovation> InnovationService::send_back(std::int64_t actor, std::int64_t id, std::int64_t v,
                                                const std::string& comment) {
  return transition(actor, id, v, Action::send_back, comment);
}
Result<Innovation> InnovationService::withdraw(std::int64_t actor, std::int64_t id, std::int64_t v) {
  return transition(actor, id, v, Action::withdraw);
}
Result<Innovation> InnovationService::archive(std::int64_t actor, std::int64_t id, std::int64_t v) {
  return transition(actor, id, v, Action::archive);
}
Result<Innovation> InnovationService::restore(std::int64_t actor, std::int64_t id, std::int64_t v) {
  return transition(actor, id, v, Action::restore);
}

Result<Innovation> InnovationService::get(std::int64_t id) {
  return read(db_, "get_innovation", [&](soci::session& sql) -> Result<Innovation> {
    auto found = find_innovation(sql, id);
    if (!found) return Error(ErrorCode::not_found, "get_innovation: no innovation " + std::to_string(id));
    return std::move(*found);
  });
}

Result<std::optional<std::int64_t>> InnovationService::find_by_source(const std::string& program,
                                                                      const std::string& source_id) {
  return read(db_, "find_by_source", [&](soci::session& sql) -> Result<std::optional<std::int64_t>> {
    return directory::find_by_source(sql, program, source_id);
  });
}

Result<InnovationPage> InnovationService::list(const InnovationFilter& filter, const PageRequest& page) {
  return read(db_, "list_innovations",
              [&](soci::session& sql) -> Result<InnovationPage> { return list_innovations(sql, filter, page); });
}

Result<std::vector<Revision>> InnovationService::revisions(std::int64_t id) {
  return read(db_, "innovation_revisions",
              [&](soci::session& sql) -> Result<std::vector<Revision>> { return list_revisions(sql, id); });
}

Result<std::vector<Innovation>> InnovationService::latest_published(int limit) {
  return read(db_, "latest_published",
              [&](soci::session& sql) -> Result<std::vector<Innovation>> { return directory::latest_published(sql, limit); });
}

Result<RepositoryCounts> InnovationService::counts() {
  return read(db_, "count_repository",
              [&](soci::session& sql) -> Result<RepositoryCounts> { return count_repository(sql); });
}

Result<std::vector<Region>> InnovationService::regions(const std::string& parent_code) {
  return read(db_, "list_regions",
              [&](soci::session& sql) -> Result<std::vector<Region>> { return list_regions(sql, parent_code); });
}

Result<RegionProfile> InnovationService::region(const std::string& code) {
  return read(db_, "get_region", [&](soci::session& sql) -> Result<RegionProfile> {
    auto found = find_region(sql, code);
    if (!found) return Error(ErrorCode::not_found, "get_region: no region " + code);
    RegionProfile p;
    p.region = std::move(*found);
    const bool province = p.region.kind == "province";
    if (province) {
      p.children = list_regions(sql, p.region.code);
    } else {
      p.parent = find_region(sql, p.region.parent_code);
      p.units = list_units(sql, p.region.code);
    }
    p.sectors = count_sectors(sql, p.region.code, province);
    return p;
  });
}

Result<UnitProfile> InnovationService::unit(std::int64_t id, int limit) {
  return read(db_, "get_unit", [&](soci::session& sql) -> Result<UnitProfile> {
    auto found = find_unit(sql, id);
    if (!found) return Error(ErrorCode::not_found, "get_unit: no unit " + std::to_string(id));
    UnitProfile p;
    p.unit = std::move(*found);
    if (auto r = find_region(sql, p.unit.region_code)) p.region = std::move(*r);
    InnovationFilter f;
    f.unit_id = id;
    auto page = list_innovations(sql, f, PageRequest{limit, ""});
    if (!page) return page.error();
    p.innovations = std::move(page->items);
    return p;
  });
}

Result<std::vector<Unit>> InnovationService::units(const std::string& region_code) {
  return read(db_, "list_units",
              [&](soci::session& sql) -> Result<std::vector<Unit>> { return list_units(sql, region_code); });
}

Result<Unit> InnovationService::create_unit(std::int64_t /*actor*/, const std::string& region_code,
                                            const std::string& kind, const std::string& name) {
  std::vector<FieldError> errors;
  if (!is_unit_kind(kind)) errors.push_back({"kind", "error.invalid_choice"});
  if (name.find_first_not_of(" \t") == std::string::npos) errors.push_back({"name", "error.required"});
  else if (name.size() > 300) errors.push_back({"name", "error.too_long"});
  if (!errors.empty()) return Error(ErrorCode::invalid, "create_unit: invalid unit", std::move(errors));
  const auto now = clock_.now();
  return db_.transact("create_unit", [&](soci::session& sql) -> Result<Unit> {
    auto region = find_region(sql, region_code);
    if (!region)
      return Error(ErrorCode::invalid, "create_unit: unknown region " + region_code,
                   {{"region_code", "error.unknown_region"}});
    auto id = store::next_id(sql, "units");
    if (!id) return id.error();
    Unit u{*id, region_code, kind, name, now, 0};
    UnitInserter(sql).insert(u);
    return u;
  });
}

}  // namespace lumbung::directory
