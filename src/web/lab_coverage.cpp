// "One agency, one innovation" (satu OPD satu inovasi): for a region and a
// year, which units already have a published innovation or a lab idea that
// year, and which have none, per unit type. For the region's lab organisers
// and region admins.
#include <ctime>

#include "web/innovation_view.hpp"
#include "web/lab_view.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

http::Response get_lab_coverage(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  const auto actor = actor_of(req, ctx);
  std::string region = req.query.get_or("daerah", "");
  if (region.empty())
    for (const auto& g : actor.grants)
      if ((g.role == auth::Role::lab_organizer || g.role == auth::Role::region_admin) &&
          g.scope.kind == auth::ScopeKind::region)
        region = g.scope.ref;
  const auto this_year = lab::today(std::time(nullptr)).substr(0, 4);
  const auto year_text = req.query.get_or("tahun", this_year);
  const int year = year_text.size() == 4 && year_text.find_first_not_of("0123456789") == std::string::npos
                       ? std::stoi(year_text)
                       : 0;
  const auto kind = req.query.get_or("jenis", "");
  nlohmann::json model = {{"title_key", "lab.coverage.title"}, {"region", region}, {"year", year_text}};
  if (region.empty()) {
    auto r = render_page(site, req, ctx, "lab/cakupan", std::move(model));
    r.cacheable = false;
    return r;
  }
  auto rows = site.labs->coverage(actor, region, year);
  if (!rows) {
    if (rows.error().code() == ErrorCode::invalid) {
      model["alert"] = site.catalog.text(lang, "lab.coverage.bad_year");
      auto r = render_page(site, req, ctx, "lab/cakupan", std::move(model), 400);
      r.cacheable = false;
      return r;
    }
    return lab::failure_page(site, req, ctx, rows.error());
  }
  struct KindTotal {
    std::int64_t units = 0, covered = 0;
  };
  std::map<std::string, KindTotal> kinds;
  std::int64_t units = 0, covered = 0;
  nlohmann::json missing = nlohmann::json::array(), table = nlohmann::json::array();
  for (const auto& c : *rows) {
    const bool has = c.innovations > 0 || c.ideas > 0;
    auto& k = kinds[c.unit_kind];
    ++k.units;
    k.covered += has ? 1 : 0;
    if (!kind.empty() && c.unit_kind != kind) continue;
    ++units;
    covered += has ? 1 : 0;
    nlohmann::json row = {{"name", c.unit_name},
                          {"href", "/unit/" + std::to_string(c.unit_id)},
                          {"kind", lab::unit_kind_label(site, lang, c.unit_kind)},
                          {"innovations", c.innovations},
                          {"ideas", c.ideas},
                          {"has", has}};
    if (!has) missing.push_back(row);
    table.push_back(std::move(row));
  }
  nlohmann::json kind_rows = nlohmann::json::array(), kind_options = nlohmann::json::array();
  for (const auto& [k, t] : kinds) {
    kind_rows.push_back({{"kind", lab::unit_kind_label(site, lang, k)},
                         {"units", t.units},
                         {"covered", t.covered},
                         {"none", t.units - t.covered}});
    kind_options.push_back({{"value", k}, {"label", lab::unit_kind_label(site, lang, k)}, {"selected", k == kind}});
  }
  model["summary"] = fill(site.catalog.text(lang, "lab.coverage.summary"), {{"covered", std::to_string(covered)},
                                                                            {"units", std::to_string(units)},
                                                                            {"year", year_text},
                                                                            {"none", std::to_string(units - covered)}});
  model["kinds"] = kind_rows;
  model["kind_options"] = kind_options;
  model["missing"] = missing;
  model["has_missing"] = !missing.empty();
  model["units"] = table;
  model["has_units"] = !table.empty();
  auto r = render_page(site, req, ctx, "lab/cakupan", std::move(model));
  r.cacheable = false;
  return r;
}

}  // namespace lumbung::web
