// The search document of a published innovation.
//
// Free-text fields (prefix, wdf weight):
//   name S 5 · summary 3 · problem P 2 · solution L 1 · novelty, beneficiaries,
//   results 1 · unit name, region name and province name 1 (fields without a
//   prefix are matched through the unprefixed terms every field also gets)
// Boolean filter terms (one per value; the facets of innovation_search.hpp):
//   XS<sector> XR<region_code> XP<province_code> XK<region type> XF<form>
//   XD<0|1> XT<stage> XU<status> XO<source_program> XY<year_started>
//   XA<award program> XV<year of last verification> XN<unit_id>
// Value slots (InnovationSlot; sortable_serialise where numeric):
//   0 updated_at (sortable)  1 year_started (sortable)  2 replication count
//   (sortable; 0 until replication exists)  3 sector  4 region_code
//   5 province_code  6 published_at (sortable)
// Stored data (JSON): {id, name, slug, region_code, region_name, unit_name,
//   sector, summary, year_started, digital}
// Snippets are cut from summary, problem, solution and results.
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "directory/innovation_search.hpp"
#include "directory/innovation_service.hpp"
#include "directory/innovation_store.hpp"
#include "directory/region_store.hpp"

namespace lumbung::directory {

namespace {

// Kemendagri codes: "73" a province, "73.71".."73.79" cities, other "73.NN" regencies.
std::string region_type(const std::string& code) {
  const auto dot = code.find('.');
  if (code.empty()) return "";
  if (dot == std::string::npos) return "province";
  const auto rest = code.substr(dot + 1);
  return rest.size() == 2 && rest[0] == '7' ? "city" : "regency";
}

int year_of(std::int64_t unix_seconds) {
  // Civil year from days since 1970-01-01 (proleptic Gregorian).
  std::int64_t z = unix_seconds / 86400 + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

}  // namespace

search::IndexDocument innovation_document(const Innovation& i, const std::string& province_name) {
  search::IndexDocument doc;
  doc.entity = "innovation";
  doc.id = i.id;
  doc.fields = {{"S", i.name, 5},
                {"", i.summary, 3},
                {"P", i.problem, 2},
                {"L", i.solution, 1},
                {"", i.novelty, 1},
                {"", i.beneficiaries, 1},
                {"", i.results, 1},
                {"", i.unit_name + " " + i.region_name + " " + province_name, 1}};
  auto term = [&](const char* prefix, const std::string& v) {
    if (!v.empty()) doc.boolean_terms.push_back(prefix + v);
  };
  term("XS", i.sector);
  term("XR", i.region_code);
  term("XP", i.province_code);
  term("XK", region_type(i.region_code));
  term("XF", i.form);
  term("XD", i.digital ? "1" : "0");
  term("XT", i.stage);
  term("XU", i.status);
  term("XO", i.source_program);
  if (i.year_started != 0) term("XY", std::to_string(i.year_started));
  for (const auto& a : i.awards) term("XA", a.program);
  if (i.unit_id != 0) term("XN", std::to_string(i.unit_id));
  if (i.last_verified_at > 0) term("XV", std::to_string(year_of(i.last_verified_at)));
  doc.values[kSlotUpdatedAt] = Xapian::sortable_serialise(static_cast<double>(i.updated_at));
  doc.values[kSlotYear] = Xapian::sortable_serialise(i.year_started);
  doc.values[kSlotReplications] = Xapian::sortable_serialise(0);
  doc.values[kSlotSector] = i.sector;
  doc.values[kSlotRegion] = i.region_code;
  doc.values[kSlotProvince] = i.province_code;
  doc.values[kSlotPublishedAt] = Xapian::sortable_serialise(static_cast<double>(i.published_at));
  doc.data = nlohmann::json{{"id", i.id},
                            {"name", i.name},
                            {"slug", i.slug},
                            {"region_code", i.region_code},
                            {"region_name", i.region_name},
                            {"unit_name", i.unit_name},
                            {"sector", i.sector},
                            {"summary", i.summary},
                            {"year_started", i.year_started},
                            {"digital", i.digital}}
                 .dump();
  doc.snippet_text = i.summary + "\n" + i.problem + "\n" + i.solution + "\n" + i.results;
  return doc;
}

search::EntitySource innovation_source() {
  search::EntitySource source;
  source.load = [](soci::session& sql, std::int64_t id) -> Result<std::optional<search::IndexDocument>> {
    try {
      auto found = find_innovation(sql, id);
      if (!found || found->state != "published") return std::optional<search::IndexDocument>();
      std::string province_name;
      if (!found->province_code.empty() && found->province_code != found->region_code)
        if (auto p = region_name(sql, found->province_code)) province_name = *p;
      return std::optional<search::IndexDocument>(innovation_document(*found, province_name));
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "load_innovation_document");
    }
  };
  source.list_ids = [](soci::session& sql) -> Result<std::vector<std::int64_t>> {
    try {
      return published_ids(sql);
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "published_ids");
    }
  };
  return source;
}

}  // namespace lumbung::directory
