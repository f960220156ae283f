// The search document of a published innovation.
//
// Free-text fields (prefix, wdf weight):
//   name S 5 · summary B 3 · problem P 2 · solution+novelty+beneficiaries+results
//   (no prefix) 1 · unit name, region name and province name U 1
// Boolean filter terms (one per value):
//   XS<sector> XR<region_code> XP<province_code> XF<form> XD<0|1> XT<stage>
//   XU<status> XO<source_program> XY<year_started> XA<award program> XN<unit_id>
// Value slots (sortable with Xapian::sortable_serialise where numeric):
//   0 updated_at (sortable)  1 year_started (sortable)  2 replication count
//   (sortable; 0 until replication exists)  3 sector  4 region_code
//   5 province_code  6 published_at (sortable)
// Stored data (JSON): {id, name, slug, region_code, region_name, unit_name,
//   sector, summary, year_started, digital}
#include <nlohmann/json.hpp>
#include <xapian.h>

#include "directory/innovation_service.hpp"
#include "directory/innovation_store.hpp"
#include "directory/region_store.hpp"

namespace lumbung::directory {

namespace {

enum Slot : unsigned { kUpdatedAt = 0, kYear = 1, kReplications = 2, kSector = 3, kRegion = 4, kProvince = 5,
                       kPublishedAt = 6 };

search::IndexDocument make_document(const Innovation& i, const std::string& province_name) {
  search::IndexDocument doc;
  doc.entity = "innovation";
  doc.id = i.id;
  doc.fields = {{"S", i.name, 5},
                {"B", i.summary, 3},
                {"P", i.problem, 2},
                {"", i.solution, 1},
                {"", i.novelty, 1},
                {"", i.beneficiaries, 1},
                {"", i.results, 1},
                {"U", i.unit_name + " " + i.region_name + " " + province_name, 1}};
  auto term = [&](const char* prefix, const std::string& v) {
    if (!v.empty()) doc.boolean_terms.push_back(prefix + v);
  };
  term("XS", i.sector);
  term("XR", i.region_code);
  term("XP", i.province_code);
  term("XF", i.form);
  term("XD", i.digital ? "1" : "0");
  term("XT", i.stage);
  term("XU", i.status);
  term("XO", i.source_program);
  if (i.year_started != 0) term("XY", std::to_string(i.year_started));
  for (const auto& a : i.awards) term("XA", a.program);
  if (i.unit_id != 0) term("XN", std::to_string(i.unit_id));
  doc.values[kUpdatedAt] = Xapian::sortable_serialise(static_cast<double>(i.updated_at));
  doc.values[kYear] = Xapian::sortable_serialise(i.year_started);
  doc.values[kReplications] = Xapian::sortable_serialise(0);
  doc.values[kSector] = i.sector;
  doc.values[kRegion] = i.region_code;
  doc.values[kProvince] = i.province_code;
  doc.values[kPublishedAt] = Xapian::sortable_serialise(static_cast<double>(i.published_at));
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
  return doc;
}

}  // namespace

search::EntitySource innovation_source() {
  search::EntitySource source;
  source.load = [](soci::session& sql, std::int64_t id) -> Result<std::optional<search::IndexDocument>> {
    try {
      auto found = find_innovation(sql, id);
      if (!found || found->state != "published") return std::optional<search::IndexDocument>();
      std::string province_name;
      if (!found->province_code.empty() && found->province_code != found->region_code)
        if (auto p = find_region(sql, found->province_code)) province_name = p->name;
      return std::optional<search::IndexDocument>(make_document(*found, province_name));
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
