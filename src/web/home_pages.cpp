#include "web/innovation_view.hpp"
#include "web/site.hpp"
#include "web/site_caches.hpp"

namespace lumbung::web {

namespace {
constexpr int kLatestOnHome = 6;
}

http::Response get_home(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto figures = site.caches.home.get([&]() -> Result<HomeFigures> {
    auto counts = site.innovations.counts();
    if (!counts) return counts.error();
    auto latest = site.innovations.latest_published(kLatestOnHome);
    if (!latest) return latest.error();
    return HomeFigures{*counts, std::move(*latest)};
  });
  if (!figures) {
    site.log->error("{} get_home: {}", ctx.request_id, figures.error().message());
    return error_page(site, req, ctx, http_status(figures.error().code()));
  }
  const auto& counts = figures->counts;
  nlohmann::json items = nlohmann::json::array();
  const auto& lang = ctx.get<RequestLang>().code;
  for (const auto& i : figures->latest) items.push_back(innovation_card(site.catalog, lang, i));
  nlohmann::json model = {{"title_key", "home.title"},
                          {"nav_home", true},
                          {"counts", {{"published", counts.published}, {"regions", counts.regions}}},
                          {"any_latest", !items.empty()},
                          {"latest", items}};
  return render_page(site, req, ctx, "home/index", std::move(model));
}

}  // namespace lumbung::web
