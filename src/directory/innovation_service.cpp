#include "directory/innovation_service.hpp"

#include <nlohmann/json.hpp>

#include "directory/innovation_store.hpp"
#include "store/outbox.hpp"

namespace lumbung::directory {

Result<Innovation> InnovationService::create(const InnovationDraft& draft) {
  if (auto errors = validate_draft(draft); !errors.empty())
    return Error(ErrorCode::invalid, "create_innovation: invalid draft", std::move(errors));
  const auto now = clock_.now();
  return db_.transact("create_innovation", [&](soci::session& sql) -> Result<Innovation> {
    auto id = store::next_id(sql, "innovations");
    if (!id) return id.error();
    auto created = insert_innovation(sql, *id, draft, now);
    if (!created) return created.error();
    if (auto s = store::append_outbox(sql, "innovation", *id, created->version, now); !s) return s.error();
    return created;
  });
}

Result<std::vector<Innovation>> InnovationService::latest_published(int limit) {
  auto sql = db_.acquire();
  try {
    return directory::latest_published(*sql, limit);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "latest_published");
  }
}

Result<RepositoryCounts> InnovationService::counts() {
  auto sql = db_.acquire();
  try {
    return count_repository(*sql);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "count_repository");
  }
}

search::EntitySource innovation_source() {
  search::EntitySource source;
  source.load = [](soci::session& sql, std::int64_t id) -> Result<std::optional<search::IndexDocument>> {
    auto found = find_innovation(sql, id);
    if (!found) return found.error();
    if (!found->has_value() || (*found)->state != "published") return std::optional<search::IndexDocument>();
    const Innovation& i = **found;
    search::IndexDocument doc;
    doc.entity = "innovation";
    doc.id = i.id;
    doc.fields = {{"S", i.name, 5}, {"B", i.summary, 2}};
    doc.boolean_terms = {"XS" + i.sector, "XR" + i.region_code};
    doc.data = nlohmann::json{{"id", i.id}, {"name", i.name}, {"region_code", i.region_code}}.dump();
    return std::optional<search::IndexDocument>(std::move(doc));
  };
  source.list_ids = [](soci::session& sql) { return published_ids(sql); };
  return source;
}

}  // namespace lumbung::directory
