#include "portal/figures.hpp"

#include <algorithm>
#include <map>

#include "store/row.hpp"

namespace lumbung::portal {

namespace {

using store::get_int64;
using store::get_text;

constexpr const char* kPublished = "SELECT COUNT(*) FROM innovations WHERE state = 'published'";
constexpr const char* kRegions =
    "SELECT COUNT(DISTINCT region_code) FROM innovations WHERE state = 'published' AND region_code <> ''";
constexpr const char* kLabs = "SELECT COUNT(*) FROM labs";
constexpr const char* kAdoptions = "SELECT COUNT(*) FROM replication_adoptions";
constexpr const char* kByYear =
    "SELECT year_started, COUNT(*), SUM(digital) FROM innovations WHERE state = 'published' AND year_started > 0 "
    "GROUP BY year_started ORDER BY year_started";
constexpr const char* kBySector =
    "SELECT sector, COUNT(*) FROM innovations WHERE state = 'published' AND sector <> '' GROUP BY sector";
constexpr const char* kByProvince =
    "SELECT i.province_code, COALESCE(MAX(r.name), i.province_code), COUNT(*), SUM(i.digital), SUM(CASE WHEN "
    "i.last_verified_at > 0 THEN 1 ELSE 0 END) FROM innovations i LEFT JOIN regions "
    "r ON r.code = i.province_code WHERE i.state = 'published' AND i.province_code <> '' GROUP BY i.province_code";
constexpr const char* kByProgram =
    "SELECT source_program, COUNT(*), SUM(CASE WHEN last_verified_at > 0 THEN 1 ELSE 0 END) FROM innovations WHERE "
    "state = 'published' GROUP BY source_program";
constexpr const char* kIdeaStages = "SELECT stage, COUNT(*) FROM lab_ideas GROUP BY stage";
constexpr const char* kRequestStates = "SELECT state, COUNT(*) FROM replication_requests GROUP BY state";

std::int64_t scalar(soci::session& sql, const char* q) {
  soci::rowset<soci::row> rs = (sql.prepare << q);
  for (const auto& r : rs) return get_int64(r, 0);
  return 0;
}

void by_count(std::vector<Tally>& t) {
  std::stable_sort(t.begin(), t.end(), [](const Tally& a, const Tally& b) {
    return a.n.front() != b.n.front() ? a.n.front() > b.n.front() : a.label < b.label;
  });
}

}  // namespace

const std::vector<std::string>& funnel_stages() {
  static const std::vector<std::string> s = {"drumup",  "diagnose",      "design", "delivery",
                                             "display", "documentation", "done"};
  return s;
}

Figures count_figures(soci::session& sql) {
  Figures f;
  f.innovations = scalar(sql, kPublished);
  f.regions = scalar(sql, kRegions);
  f.labs = scalar(sql, kLabs);
  f.replications = scalar(sql, kAdoptions);
  {
    soci::rowset<soci::row> rs = (sql.prepare << kByYear);
    for (const auto& r : rs) {
      const auto year = std::to_string(get_int64(r, 0));
      const auto total = get_int64(r, 1), digital = get_int64(r, 2);
      f.by_year.push_back({year, year, {total}});
      f.digital_by_year.push_back({year, year, {digital, total - digital}});
    }
  }
  {
    soci::rowset<soci::row> rs = (sql.prepare << kBySector);
    for (const auto& r : rs) f.by_sector.push_back({get_text(r, 0), get_text(r, 0), {get_int64(r, 1)}});
    by_count(f.by_sector);
  }
  {
    soci::rowset<soci::row> rs = (sql.prepare << kByProvince);
    for (const auto& r : rs) {
      f.by_province.push_back({get_text(r, 0), get_text(r, 1), {get_int64(r, 2)}});
      f.province_detail.push_back(
          {get_text(r, 0), get_text(r, 1), {get_int64(r, 2), get_int64(r, 3), get_int64(r, 4)}});
    }
    by_count(f.by_province);
    by_count(f.province_detail);
  }
  {
    soci::rowset<soci::row> rs = (sql.prepare << kByProgram);
    for (const auto& r : rs) {
      const auto program = get_text(r, 0);
      const auto total = get_int64(r, 1), verified = get_int64(r, 2);
      f.by_program.push_back({program, program, {total}});
      f.verification.push_back({program, program, {verified, total - verified}});
    }
    by_count(f.by_program);
    std::sort(f.verification.begin(), f.verification.end(),
              [](const Tally& a, const Tally& b) { return a.key < b.key; });
  }
  {
    // An idea at stage k has reached every stage before it: the funnel counts
    // ideas at or past each stage.
    std::map<std::string, std::int64_t> at;
    soci::rowset<soci::row> rs = (sql.prepare << kIdeaStages);
    for (const auto& r : rs) at[get_text(r, 0)] += get_int64(r, 1);
    const auto& stages = funnel_stages();
    std::int64_t reached = 0;
    std::vector<std::int64_t> cumulative(stages.size());
    for (std::size_t i = stages.size(); i-- > 0;) {
      reached += at.count(stages[i]) ? at[stages[i]] : 0;
      cumulative[i] = reached;
    }
    for (std::size_t i = 0; i < stages.size(); ++i) f.lab_funnel.push_back({stages[i], stages[i], {cumulative[i]}});
  }
  {
    soci::rowset<soci::row> rs = (sql.prepare << kRequestStates);
    for (const auto& r : rs) f.replication_states.push_back({get_text(r, 0), get_text(r, 0), {get_int64(r, 1)}});
    by_count(f.replication_states);
  }
  return f;
}

std::vector<PublicPage> public_pages(soci::session& sql, std::int64_t now) {
  std::vector<PublicPage> out;
  {
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT id, slug, updated_at FROM innovations WHERE state = 'published' ORDER BY id");
    for (const auto& r : rs) {
      const auto slug = get_text(r, 1);  // the profile's address: /inovasi/{id}-{slug}
      out.push_back(
          {"/inovasi/" + std::to_string(get_int64(r, 0)) + (slug.empty() ? "" : "-" + slug), get_int64(r, 2)});
    }
  }
  {
    long long lnow = now;
    soci::rowset<soci::row> rs = (sql.prepare << "SELECT kind, slug, updated_at FROM articles WHERE published_at > 0 "
                                                 "AND published_at <= :now ORDER BY published_at DESC",
                                  soci::use(lnow, "now"));
    for (const auto& r : rs) out.push_back({"/" + get_text(r, 0) + "/" + get_text(r, 1), get_int64(r, 2)});
  }
  {
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT region_code, MAX(updated_at) FROM innovations WHERE state = 'published' AND "
                        "region_code <> '' GROUP BY region_code ORDER BY region_code");
    for (const auto& r : rs) out.push_back({"/daerah/" + get_text(r, 0), get_int64(r, 1)});
  }
  {
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT province_code, MAX(updated_at) FROM innovations WHERE state = 'published' AND "
                        "province_code <> '' AND province_code <> region_code GROUP BY province_code ORDER BY "
                        "province_code");
    for (const auto& r : rs) out.push_back({"/daerah/" + get_text(r, 0), get_int64(r, 1)});
  }
  return out;
}

}  // namespace lumbung::portal
