// What the portal pages share: the article service of the site, HTML made on
// the server (sanitised Markdown, SVG charts, JSON-LD) put into a rendered
// page, the site's public address, and article cards.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "portal/article_service.hpp"
#include "web/site.hpp"

namespace lumbung::web {

portal::ArticleService articles_of(const Site& site);
// The statistics figures, computed at most once per SiteCaches::kPortalTtlSeconds.
Result<portal::Figures> portal_figures(const Site& site);

// Replaces, in order, each occurrence of `marker` (an HTML comment written
// literally in a template, which escaped values can never produce) with the
// next of `html`; extra markers are removed.
void inject_html(std::string& page, const std::string& marker, const std::vector<std::string>& html);

// The site's public address: Config::base_url, else http://<Host>.
std::string public_base(const Site& site, const http::Request& req);

// Puts canonical URL, OpenGraph fields and (when `jsonld` is an object) the
// JSON-LD into the model / page: call head_model before render_page and
// inject_jsonld after.
void head_model(nlohmann::json& model, const std::string& url, const std::string& type, const std::string& title,
                const std::string& description, const std::string& lang);
void inject_jsonld(http::Response& r, const nlohmann::json& jsonld);

// Search-engine and link-preview metadata of a public page: canonical URL,
// OpenGraph, schema.org JSON-LD. seo_model before render_page, seo_inject after.
struct PageSeo {
  std::string path;  // "/inovasi/12"
  std::string type;  // OpenGraph type: website, article
  std::string title, description;
  nlohmann::json jsonld;  // "url" is added
};
PageSeo innovation_seo(const directory::Innovation& i);
PageSeo region_seo(const std::string& code, const std::string& name, const std::string& description);
void seo_model(const Site& site, const http::Request& req, const std::string& lang, const PageSeo& seo,
               nlohmann::json& model);
void seo_inject(const Site& site, const http::Request& req, http::Response& r, const PageSeo& seo);

// An article as a card on lists, the home page and search results.
nlohmann::json article_card(const Site& site, const std::string& lang, const portal::Article& a);
std::string article_path(const portal::Article& a);

// The "Berita dan panduan" block of /cari: published articles matching `q`.
nlohmann::json article_search_model(const Site& site, const std::string& lang, const std::string& q);

}  // namespace lumbung::web
