// Region and unit profiles of the repository: /daerah, /daerah/{code}, /unit/{id}.
#include <algorithm>

#include "web/innovation_view.hpp"
#include "web/portal_view.hpp"
#include "web/site.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

constexpr int kLatestInRegion = 6;
constexpr int kInnovationsOfUnit = 50;

http::Response failure(const Site& site, const http::Request& req, http::RequestContext& ctx, const char* where,
                       const Error& e) {
  if (e.code() != ErrorCode::not_found && e.code() != ErrorCode::invalid)
    site.log->error("{} {}: {}", ctx.request_id, where, e.message());
  return error_page(site, req, ctx, http_status(e.code()));
}

nlohmann::json region_list(const Site& site, const std::string& lang, const std::vector<directory::Region>& regions) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : regions)
    out.push_back({{"code", r.code},
                   {"name", r.name},
                   {"kind", vocabulary_label(site.catalog, lang, "region_kind", r.kind)},
                   {"href", "/daerah/" + r.code},
                   {"count", r.published}});
  return out;
}

}  // namespace

http::Response get_regions(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto provinces = cached_regions(site, "");
  if (!provinces) return failure(site, req, ctx, "get_regions", provinces.error());
  nlohmann::json model = {{"title_key", "daerah.index_title"},
                          {"regions", region_list(site, lang_of(ctx), *provinces)}};
  return render_page(site, req, ctx, "daerah/indeks", std::move(model));
}

http::Response get_region(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& code = req.path_params.at("code");
  if (!is_region_code(code)) return error_page(site, req, ctx, 404);
  auto profile = site.innovations.region(code);
  if (!profile) return failure(site, req, ctx, "get_region", profile.error());
  const auto& lang = lang_of(ctx);
  const auto& region = profile->region;
  const bool province = region.kind == "province";

  directory::InnovationFilter filter;
  if (province) filter.province_code = region.code;
  else filter.region_code = region.code;
  auto latest = site.innovations.list(filter, directory::PageRequest{kLatestInRegion, ""});
  if (!latest) return failure(site, req, ctx, "get_region", latest.error());
  nlohmann::json cards = nlohmann::json::array();
  for (const auto& i : latest->items) cards.push_back(innovation_card(site.catalog, lang, i));

  const std::string all_href = province ? "/inovasi?provinsi=" + url_encode(region.code)
                                        : "/inovasi?daerah=" + url_encode(region.code);
  nlohmann::json sectors = nlohmann::json::array();
  for (const auto& [sector, count] : profile->sectors)
    sectors.push_back({{"label", vocabulary_label(site.catalog, lang, "sector", sector)},
                       {"count", count},
                       {"href", all_href + "&urusan=" + url_encode(sector)}});
  nlohmann::json units = nlohmann::json::array();
  std::int64_t quiet_units = 0;  // units without a published innovation
  for (const auto& u : profile->units) {
    if (u.published == 0) {
      ++quiet_units;
      continue;
    }
    units.push_back({{"name", u.name},
                     {"kind", vocabulary_label(site.catalog, lang, "unit_kind", u.kind)},
                     {"href", "/unit/" + std::to_string(u.id)},
                     {"count", u.published}});
  }
  nlohmann::json crumbs = nlohmann::json::array();
  crumbs.push_back({{"name", site.catalog.text(lang, "daerah.index_title")}, {"href", "/daerah"}});
  if (profile->parent) crumbs.push_back({{"name", profile->parent->name}, {"href", "/daerah/" + profile->parent->code}});

  nlohmann::json model = {
      {"title", region.name},
      {"region",
       {{"code", region.code},
        {"name", region.name},
        {"kind", vocabulary_label(site.catalog, lang, "region_kind", region.kind)},
        {"published", region.published}}},
      {"province", province},
      {"breadcrumbs", crumbs},
      {"children", region_list(site, lang, profile->children)},
      {"units", units},
      {"sectors", sectors},
      {"latest", cards},
      {"all_href", all_href},
      {"count_text", fill(site.catalog.text(lang, "daerah.count"), {{"n", std::to_string(region.published)}})}};
  if (quiet_units > 0)
    model["quiet_units"] = fill(site.catalog.text(lang, "daerah.quiet_units"), {{"n", std::to_string(quiet_units)}});
  const auto seo = region_seo(region.code, region.name, model["count_text"].get<std::string>());  // portal_view.cpp
  seo_model(site, req, lang, seo, model);
  auto r = render_page(site, req, ctx, "daerah/profil", std::move(model));
  seo_inject(site, req, r, seo);
  return r;
}

http::Response get_unit(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_leading_id(req.path_params.at("id"));
  if (!id || req.path_params.at("id") != std::to_string(*id)) return error_page(site, req, ctx, 404);
  auto profile = site.innovations.unit(*id, kInnovationsOfUnit);
  if (!profile) return failure(site, req, ctx, "get_unit", profile.error());
  const auto& lang = lang_of(ctx);
  const auto& unit = profile->unit;
  nlohmann::json cards = nlohmann::json::array();
  for (const auto& i : profile->innovations) cards.push_back(innovation_card(site.catalog, lang, i));

  nlohmann::json crumbs = nlohmann::json::array();
  crumbs.push_back({{"name", site.catalog.text(lang, "daerah.index_title")}, {"href", "/daerah"}});
  const auto& region = profile->region;
  if (!region.parent_code.empty()) {
    if (auto parent = cached_regions(site, ""); parent) {
      auto it = std::find_if(parent->begin(), parent->end(),
                             [&](const directory::Region& r) { return r.code == region.parent_code; });
      if (it != parent->end()) crumbs.push_back({{"name", it->name}, {"href", "/daerah/" + it->code}});
    }
  }
  if (!region.code.empty()) crumbs.push_back({{"name", region.name}, {"href", "/daerah/" + region.code}});

  nlohmann::json model = {
      {"title", unit.name},
      {"unit",
       {{"name", unit.name},
        {"kind", vocabulary_label(site.catalog, lang, "unit_kind", unit.kind)},
        {"published", unit.published}}},
      {"region", {{"name", region.name}, {"href", "/daerah/" + region.code}}},
      {"breadcrumbs", crumbs},
      {"innovations", cards},
      {"count_text", fill(site.catalog.text(lang, "daerah.count"), {{"n", std::to_string(unit.published)}})}};
  if (static_cast<int>(profile->innovations.size()) >= kInnovationsOfUnit && unit.published > kInnovationsOfUnit)
    model["more"] = fill(site.catalog.text(lang, "unit.more"), {{"n", std::to_string(kInnovationsOfUnit)}});
  return render_page(site, req, ctx, "unit/profil", std::move(model));
}

}  // namespace lumbung::web
