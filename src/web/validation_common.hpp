// What the validation campaign pages and the duplicate queue pages share:
// catalogue lookups, the curators' page model and error answers.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "validation/duplicate_service.hpp"
#include "validation/validation_service.hpp"
#include "web/site.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

// The services of this area for a site (null where not built, e.g. `lumbung
// routes`). Attached once at start-up, before serving; read by the handlers.
struct ValidationServices {
  validation::ValidationService* campaigns = nullptr;
  validation::DuplicateService* duplicates = nullptr;
};
void attach_validation_services(const Site& site, ValidationServices services);
ValidationServices validation_services(const Site& site);

// bind_page for this area's handlers: 503 where the services are not attached.
http::Handler bind_validation_page(const Site& site, PageHandler fn);

void register_validation_pages(http::Router& router, const Site& site);  // web/validation_pages.cpp
void register_duplicate_pages(http::Router& router, const Site& site);   // web/duplicate_pages.cpp

inline std::string text_of(const Site& site, const std::string& lang, const std::string& key) {
  return site.catalog.text(lang, key);
}

// The error page of a failed service call; unexpected errors are logged.
inline http::Response validation_failure(const Site& site, const http::Request& req, http::RequestContext& ctx,
                                         const char* where, const Error& e) {
  if (e.code() != ErrorCode::not_found && e.code() != ErrorCode::invalid && e.code() != ErrorCode::forbidden &&
      e.code() != ErrorCode::conflict)
    site.log->error("{} {}: {}", ctx.request_id, where, e.message());
  return error_page(site, req, ctx, http_status(e.code()));
}

// The model of a curators' page with the admin navigation; `tab` marks the current link.
inline nlohmann::json curator_model(http::RequestContext& ctx, const char* title_key, const char* tab) {
  const auto& v = visitor(ctx);
  return {{"title_key", title_key},
          {"is_admin", has_role(v, auth::Role::admin)},
          {"is_curator", has_role(v, auth::Role::curator)},
          {tab, true}};
}

}  // namespace lumbung::web
