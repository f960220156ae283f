#include "directory/region_store.hpp"

#include <set>

#include "directory/reference_regions.hpp"
#include "store/row.hpp"

namespace lumbung::directory {

namespace {

using store::get_int64;
using store::get_text;

constexpr const char* kSelectRegionCodes = "SELECT code FROM regions";
constexpr const char* kInsertRegion =
    "INSERT INTO regions (code, parent_code, kind, name, province_code) "
    "VALUES (:code, :parent, :kind, :name, :province)";
constexpr const char* kCountRegions = "SELECT COUNT(*) FROM regions";
constexpr const char* kSelectRegion =
    "SELECT r.code, r.parent_code, r.kind, r.name, r.province_code, "
    // One indexed count per kind (an OR here scans every published innovation,
    // and every save and search-index load looks a region up).
    "CASE WHEN r.kind = 'province' "
    "THEN (SELECT COUNT(*) FROM innovations i WHERE i.state = 'published' AND i.province_code = r.code) "
    "ELSE (SELECT COUNT(*) FROM innovations i WHERE i.state = 'published' AND i.region_code = r.code) END "
    "FROM regions r WHERE r.code = :code";
constexpr const char* kSelectProvinces =
    "SELECT r.code, r.parent_code, r.kind, r.name, r.province_code, "
    "(SELECT COUNT(*) FROM innovations i WHERE i.state = 'published' AND i.province_code = r.code) "
    "FROM regions r WHERE r.kind = 'province' ORDER BY r.code";
constexpr const char* kSelectChildren =
    "SELECT r.code, r.parent_code, r.kind, r.name, r.province_code, "
    "(SELECT COUNT(*) FROM innovations i WHERE i.state = 'published' AND i.region_code = r.code) "
    "FROM regions r WHERE r.parent_code = :parent ORDER BY r.code";
constexpr const char* kInsertUnit =
    "INSERT INTO units (id, region_code, kind, name, created_at) VALUES (:id, :region, :kind, :name, :now)";
constexpr const char* kSelectUnitColumns =
    "SELECT u.id, u.region_code, u.kind, u.name, u.created_at, "
    "(SELECT COUNT(*) FROM innovations i WHERE i.unit_id = u.id AND i.state = 'published') FROM units u ";
constexpr const char* kWhereUnitId = "WHERE u.id = :id";
constexpr const char* kWhereUnitName = "WHERE u.region_code = :region AND u.name = :name";
constexpr const char* kWhereUnitRegion = "WHERE u.region_code = :region ORDER BY u.kind, u.name";

Region region_from_row(const soci::row& r) {
  return {get_text(r, 0), get_text(r, 1), get_text(r, 2), get_text(r, 3), get_text(r, 4), get_int64(r, 5)};
}

Unit unit_from_row(const soci::row& r) {
  return {get_int64(r, 0), get_text(r, 1), get_text(r, 2), get_text(r, 3), get_int64(r, 4), get_int64(r, 5)};
}

}  // namespace

int insert_reference_regions(soci::session& sql) {
  std::set<std::string> present;
  {
    soci::rowset<soci::row> rs = sql.prepare << kSelectRegionCodes;
    for (const auto& r : rs) present.insert(get_text(r, 0));
  }
  std::string code, kind, name, province;
  std::string parent;
  soci::indicator parent_ind = soci::i_null;
  soci::statement st = (sql.prepare << kInsertRegion, soci::use(code, "code"),
                        soci::use(parent, parent_ind, "parent"), soci::use(kind, "kind"), soci::use(name, "name"),
                        soci::use(province, "province"));
  int added = 0;
  for (const auto& ref : reference_regions()) {
    if (std::string_view(ref.kind) == "district" || present.count(ref.code)) continue;
    code = ref.code;
    parent = ref.parent;
    parent_ind = parent.empty() ? soci::i_null : soci::i_ok;
    kind = ref.kind;
    name = ref.name;
    province = code.substr(0, 2);
    st.execute(true);
    ++added;
  }
  return added;
}

std::int64_t count_regions(soci::session& sql) {
  long long n = 0;
  sql << kCountRegions, soci::into(n);
  return n;
}

std::optional<std::string> region_name(soci::session& sql, const std::string& code) {
  std::string name;
  soci::indicator ind = soci::i_null;
  sql << "SELECT name FROM regions WHERE code = :code", soci::use(code, "code"), soci::into(name, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return name;
}

std::optional<Region> find_region(soci::session& sql, const std::string& code) {
  soci::rowset<soci::row> rs = (sql.prepare << kSelectRegion, soci::use(code, "code"));
  for (const auto& r : rs) return region_from_row(r);
  return std::nullopt;
}

std::vector<Region> list_regions(soci::session& sql, const std::string& parent_code) {
  std::vector<Region> out;
  if (parent_code.empty()) {
    soci::rowset<soci::row> rs = sql.prepare << kSelectProvinces;
    for (const auto& r : rs) out.push_back(region_from_row(r));
  } else {
    soci::rowset<soci::row> rs = (sql.prepare << kSelectChildren, soci::use(parent_code, "parent"));
    for (const auto& r : rs) out.push_back(region_from_row(r));
  }
  return out;
}

UnitInserter::UnitInserter(soci::session& sql)
    : st_((sql.prepare << kInsertUnit, soci::use(id_, "id"), soci::use(region_code_, "region"),
           soci::use(kind_, "kind"), soci::use(name_, "name"), soci::use(created_at_, "now"))) {}

void UnitInserter::insert(const Unit& unit) {
  id_ = unit.id, created_at_ = unit.created_at;
  region_code_ = unit.region_code, kind_ = unit.kind, name_ = unit.name;
  st_.execute(true);
}

std::optional<Unit> find_unit(soci::session& sql, std::int64_t id) {
  long long lid = id;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kSelectUnitColumns) + kWhereUnitId, soci::use(lid, "id"));
  for (const auto& r : rs) return unit_from_row(r);
  return std::nullopt;
}

std::optional<Unit> find_unit_by_name(soci::session& sql, const std::string& region_code, const std::string& name) {
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kSelectUnitColumns) + kWhereUnitName,
                                soci::use(region_code, "region"), soci::use(name, "name"));
  for (const auto& r : rs) return unit_from_row(r);
  return std::nullopt;
}

std::vector<Unit> list_units(soci::session& sql, const std::string& region_code) {
  std::vector<Unit> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kSelectUnitColumns) + kWhereUnitRegion, soci::use(region_code, "region"));
  for (const auto& r : rs) out.push_back(unit_from_row(r));
  return out;
}

}  // namespace lumbung::directory
