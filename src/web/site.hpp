// What the HTML handlers share: settings, catalogue, templates, services.
// Handlers translate HTTP into domain calls and render pages; no SQL here.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "auth/auth_service.hpp"
#include "core/config.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "directory/innovation_service.hpp"
#include "directory/synonym_service.hpp"
#include "http/metrics.hpp"
#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "curation/import_jobs.hpp"
#include "labs/lab_service.hpp"
#include "competition/competition_service.hpp"
#include "store/database.hpp"
#include "web/site_caches.hpp"
#include "web/views.hpp"

namespace lumbung::web {

struct Site {
  const Config& config;
  const Catalog& catalog;
  const Views& views;
  store::Database& db;
  directory::InnovationService& innovations;
  auth::AccountService& accounts;
  http::Metrics& metrics;
  std::filesystem::path static_dir;
  Logger log;
  std::filesystem::path data_dir;  // the installation's data directory
  // Where uploads live (--files, default <data_dir>/files), shared by a cluster's nodes.
  std::filesystem::path files_dir() const { return uploads_dir(config); }
  SiteCaches& caches;              // figures shown a few seconds late (site_caches.hpp)
  directory::SynonymService& synonyms;
  // The search index; null in processes that do not serve (`lumbung routes`),
  // where search handlers answer 503.
  const search::SearchIndex* search = nullptr;
  // Innovation labs; null in processes that built no lab service.
  labs::LabService* labs = nullptr;
  // Competitions; null in processes that built no competition service.
  competition::CompetitionService* competitions = nullptr;
  // Imports and their background runner; null where none were built.
  curation::ImportService* imports = nullptr;
  curation::ImportJobs* import_jobs = nullptr;
};

// A handler of the site: a plain function of the site and the request.
using PageHandler = http::Response (*)(const Site&, const http::Request&, http::RequestContext&);
http::Handler bind_page(const Site& site, PageHandler fn);

// The language chosen for this request (cookie, then Accept-Language, then id).
struct RequestLang {
  std::string code = "id";
};
inline const std::string& lang_of(http::RequestContext& ctx) { return ctx.get<RequestLang>().code; }

// Every route of the site, one line each, with its access requirement.
// Areas with many routes register them in their own file, called from here.
void register_routes(http::Router& router, Site& site);
void register_innovation_pages(http::Router& router, const Site& site);  // web/innovation_pages.cpp
void register_editor_pages(http::Router& router, const Site& site);      // web/editor_pages.cpp
void register_synonym_pages(http::Router& router, const Site& site);     // web/synonym_pages.cpp
void register_search_pages(http::Router& router, const Site& site);      // web/search_pages.cpp
void register_iid_pages(http::Router& router, const Site& site);         // web/iid_pages.cpp
void register_replication_pages(http::Router& router, const Site& site);  // web/replication_pages.cpp
void register_lab_pages(http::Router& router, const Site& site);         // web/lab_pages.cpp
void register_portal_pages(http::Router& router, const Site& site);      // web/portal_pages.cpp
void register_competition_pages(http::Router& router, const Site& site);  // web/competition_pages.cpp
void register_curation_pages(http::Router& router, const Site& site);    // web/curation_pages.cpp

// site.innovations.regions(parent) through the site's cache: counts a few
// seconds old, without counting the innovations of every province per request.
Result<std::vector<directory::Region>> cached_regions(const Site& site, const std::string& parent_code);

// Renders `view` inside the layout. `model` gets the common fields (lang,
// other_lang, path, title) added.
http::Response render_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                           const std::string& view, nlohmann::json model, unsigned status = 200);
// The same around a body rendered earlier (a cached one: it must hold nothing
// of the visitor's own, such as the CSRF token).
http::Response render_around(const Site& site, const http::Request& req, http::RequestContext& ctx,
                             const std::string& body, nlohmann::json model, unsigned status = 200);
// The error page for `status` (400, 403, 404, 405, 500, 503) in the request's
// language; `message_key` (with {{placeholders}} filled from `values`)
// replaces the status's standard explanation.
http::Response error_page(const Site& site, const http::Request& req, http::RequestContext& ctx, unsigned status,
                          const std::string& message_key = {}, const std::map<std::string, std::string>& values = {});

// Middleware: language choice, security headers, error pages for handler failures.
http::Middleware language_middleware(const Site& site);
http::Middleware security_headers_middleware();
http::Middleware error_middleware(const Site& site);

// HTTP status for a domain error code.
unsigned http_status(ErrorCode code);

}  // namespace lumbung::web
