#include "web/format.hpp"
#include "web/innovation_view.hpp"
#include "web/portal_view.hpp"
#include "web/site.hpp"
#include "web/site_caches.hpp"

namespace lumbung::web {

namespace {
constexpr int kLatestOnHome = 6;
constexpr int kNewsOnHome = 3;

// The portal's part of the home page: labs and replications counted, the
// latest news, and the items curators feature. A failure leaves them out
// rather than failing the page.
void add_pulse(const Site& site, const std::string& lang, nlohmann::json& model) {
  auto figures = portal_figures(site);
  if (figures) {
    model["pulse"] = {{"labs", format_number(figures->labs, lang)},
                      {"replications", format_number(figures->replications, lang)}};
  }
  auto service = articles_of(site);
  portal::ArticleQuery q;
  q.kind = "berita";
  q.limit = kNewsOnHome;
  nlohmann::json news = nlohmann::json::array();
  if (auto list = service.list(q))
    for (const auto& a : *list) news.push_back(article_card(site, lang, a));
  model["news"] = news;
  model["any_news"] = !news.empty();
  nlohmann::json featured = nlohmann::json::array();
  if (auto items = service.featured()) {
    for (const auto& f : *items) {
      if (f.kind == "inovasi") {
        auto i = site.innovations.get(f.ref_id);
        if (i && i->state == "published") featured.push_back(innovation_card(site.catalog, lang, *i));
      } else if (auto a = service.get(f.ref_id); a && a->visible(service.now())) {
        auto card = article_card(site, lang, *a);
        card["name"] = a->title;
        card["sector"] = card["kind"];
        featured.push_back(card);
      }
    }
  }
  model["featured"] = featured;
  model["any_featured"] = !featured.empty();
}
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
  // Counts in the page's language: 1.234 (id), 1,234 (en).
  model["counts"]["published_text"] = format_number(counts.published, lang);
  model["counts"]["regions_text"] = format_number(counts.regions, lang);
  add_pulse(site, lang, model);
  model["canonical"] = public_base(site, req) + "/";
  return render_page(site, req, ctx, "home/index", std::move(model));
}

}  // namespace lumbung::web
