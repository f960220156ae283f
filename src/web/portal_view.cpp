#include "web/portal_view.hpp"

#include "web/format.hpp"
#include "web/innovation_view.hpp"

namespace lumbung::web {

portal::ArticleService articles_of(const Site& site) {
  return portal::ArticleService(site.db, site.innovations.clock(), site.files_dir());
}

Result<portal::Figures> portal_figures(const Site& site) {
  return site.caches.portal.get([&]() -> Result<portal::Figures> {
    try {
      auto sql = site.db.acquire();
      return portal::count_figures(*sql);
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "count_figures");
    }
  });
}

void inject_html(std::string& page, const std::string& marker, const std::vector<std::string>& html) {
  std::string out;
  out.reserve(page.size());
  std::size_t from = 0, next = 0;
  for (std::size_t at; (at = page.find(marker, from)) != std::string::npos; from = at + marker.size()) {
    out.append(page, from, at - from);
    if (next < html.size()) out += html[next++];
  }
  out.append(page, from);
  page = std::move(out);
}

std::string public_base(const Site& site, const http::Request& req) {
  if (!site.config.base_url.empty()) {
    auto base = site.config.base_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base;
  }
  std::string host(req.header("Host"));
  // Only a plain host[:port] is echoed back into pages.
  for (char c : host)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
          c == ':' || c == '[' || c == ']'))
      return "http://localhost";
  return "http://" + (host.empty() ? std::string("localhost") : host);
}

void head_model(nlohmann::json& model, const std::string& url, const std::string& type, const std::string& title,
                const std::string& description, const std::string& lang) {
  model["canonical"] = url;
  model["og"] = {{"type", type},
                 {"title", title},
                 {"description", description},
                 {"url", url},
                 {"locale", lang == "en" ? "en_US" : "id_ID"}};
  model["jsonld"] = true;
}

void inject_jsonld(http::Response& r, const nlohmann::json& jsonld) {
  auto text = jsonld.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  // Inside <script> only "</" could end the element early.
  std::string safe;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '<')
      safe += "\\u003c";
    else
      safe += text[i];
  }
  inject_html(r.body, "<!--jsonld-->", {"<script type=\"application/ld+json\">" + safe + "</script>"});
}

PageSeo innovation_seo(const directory::Innovation& i) {
  PageSeo seo{innovation_path(i.id, i.slug), "article", i.name, i.summary, {}};
  seo.jsonld = {
      {"@context", "https://schema.org"}, {"@type", "CreativeWork"}, {"name", i.name},
      {"description", i.summary},         {"inLanguage", "id"},      {"dateModified", portal::wib_date(i.updated_at)}};
  if (!i.region_name.empty())
    seo.jsonld["spatialCoverage"] = {{"@type", "AdministrativeArea"}, {"name", i.region_name}};
  if (!i.sector.empty()) seo.jsonld["about"] = i.sector;
  return seo;
}

PageSeo region_seo(const std::string& code, const std::string& name, const std::string& description) {
  PageSeo seo{"/daerah/" + code, "website", name, description, {}};
  seo.jsonld = {{"@context", "https://schema.org"},
                {"@type", "AdministrativeArea"},
                {"name", name},
                {"identifier", code},
                {"description", description},
                {"containedInPlace", {{"@type", "Country"}, {"name", "Indonesia"}}}};
  return seo;
}

void seo_model(const Site& site, const http::Request& req, const std::string& lang, const PageSeo& seo,
               nlohmann::json& model) {
  head_model(model, public_base(site, req) + seo.path, seo.type, seo.title, seo.description, lang);
}

void seo_inject(const Site& site, const http::Request& req, http::Response& r, const PageSeo& seo) {
  auto jsonld = seo.jsonld;
  jsonld["url"] = public_base(site, req) + seo.path;
  inject_jsonld(r, jsonld);
}

std::string article_path(const portal::Article& a) { return "/" + a.kind + "/" + a.slug; }

nlohmann::json article_card(const Site& site, const std::string& lang, const portal::Article& a) {
  return {{"title", a.title},
          {"href", article_path(a)},
          {"summary", a.summary},
          {"date", a.published_at > 0 ? format_wib_date(a.published_at, lang) : ""},
          {"date_iso", a.published_at > 0 ? portal::wib_date(a.published_at) : ""},
          {"kind", site.catalog.text(lang, "portal.kind." + a.kind)},
          {"category", site.catalog.text(lang, "portal.category." + a.category)}};
}

nlohmann::json article_search_model(const Site& site, const std::string& lang, const std::string& q) {
  if (q.empty()) return false;
  portal::ArticleQuery query;
  query.text = q;
  query.limit = 5;
  auto service = articles_of(site);
  auto found = service.list(query);
  auto total = service.count(query);
  if (!found || !total || found->empty()) return false;
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : *found) items.push_back(article_card(site, lang, a));
  return {{"items", items},
          {"count", fill(site.catalog.text(lang, "portal.search_count"), {{"count", format_number(*total, lang)}})}};
}

}  // namespace lumbung::web
