#include "directory/innovation_store.hpp"

#include "store/row.hpp"

namespace lumbung::directory {

namespace {

constexpr const char* kInsertInnovation =
    "INSERT INTO innovations (id, name, summary, region_code, sector, state, version, created_at, updated_at) "
    "VALUES (:id, :name, :summary, :region_code, :sector, :state, 1, :now, :now2)";
constexpr const char* kSelectColumns = "SELECT id, name, summary, region_code, sector, state, version, updated_at "
                                       "FROM innovations ";
constexpr const char* kCountRepository =
    "SELECT COUNT(*), COUNT(DISTINCT region_code) FROM innovations WHERE state = 'published'";
constexpr const char* kPublishedIds = "SELECT id FROM innovations WHERE state = 'published' ORDER BY id";

Innovation from_row(const soci::row& r) {
  Innovation i;
  using store::get_int64;
  using store::get_text;
  i.id = get_int64(r, 0);
  i.name = get_text(r, 1);
  i.summary = get_text(r, 2);
  i.region_code = get_text(r, 3);
  i.sector = get_text(r, 4);
  i.state = get_text(r, 5);
  i.version = get_int64(r, 6);
  i.updated_at = get_int64(r, 7);
  return i;
}

}  // namespace

Result<Innovation> insert_innovation(soci::session& sql, std::int64_t id, const InnovationDraft& d,
                                     std::int64_t now) {
  long long lid = id, lnow = now;
  sql << kInsertInnovation, soci::use(lid, "id"), soci::use(d.name, "name"), soci::use(d.summary, "summary"),
      soci::use(d.region_code, "region_code"), soci::use(d.sector, "sector"), soci::use(d.state, "state"),
      soci::use(lnow, "now"), soci::use(lnow, "now2");
  return Innovation{id, d.name, d.summary, d.region_code, d.sector, d.state, 1, now};
}

Result<std::optional<Innovation>> find_innovation(soci::session& sql, std::int64_t id) {
  long long lid = id;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kSelectColumns) + "WHERE id = :id", soci::use(lid));
  for (const auto& r : rs) return std::optional<Innovation>(from_row(r));
  return std::optional<Innovation>();
}

Result<std::vector<Innovation>> latest_published(soci::session& sql, int limit) {
  std::vector<Innovation> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kSelectColumns) +
                          "WHERE state = 'published' ORDER BY updated_at DESC, id DESC LIMIT :limit",
       soci::use(limit));
  for (const auto& r : rs) out.push_back(from_row(r));
  return out;
}

Result<RepositoryCounts> count_repository(soci::session& sql) {
  long long published = 0, regions = 0;
  sql << kCountRepository, soci::into(published), soci::into(regions);
  return RepositoryCounts{published, regions};
}

Result<std::vector<std::int64_t>> published_ids(soci::session& sql) {
  std::vector<std::int64_t> ids;
  soci::rowset<long long> rs = sql.prepare << kPublishedIds;
  for (long long id : rs) ids.push_back(id);
  return ids;
}

}  // namespace lumbung::directory
