// What replication pages share with the rest of the site: the service over
// the site's database and files, the sides a caller stands on, and the
// "Direplikasi oleh" section of an innovation profile.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth.hpp"
#include "directory/innovation.hpp"
#include "replication/replication_service.hpp"
#include "web/site.hpp"

namespace lumbung::web {

// The replication service over the site's database and the uploads directory (Site::files_dir).
replication::ReplicationService replication_service(const Site& site);

// The sides `grants` stand on in request `r` of innovation `i`: the owner
// side may edit the innovation (web/permissions.hpp); the requester side is
// the adopting region's admin.
replication::Sides sides_of(const std::vector<auth::Grant>& grants, const directory::Innovation& i,
                            const replication::Request& r);
// Who may see a request, its steps and documents: its two sides, the user
// who asked, curators and admins.
bool may_see_request(const std::vector<auth::Grant>& grants, std::int64_t user_id, const directory::Innovation& i,
                     const replication::Request& r);
// The regions whose admin `grants` hold (the regions they may ask for).
std::vector<std::string> admin_regions(const std::vector<auth::Grant>& grants);

// The text of a field-error key; keys the shared catalogue lacks come from
// this area ("replikasi.<key>").
std::string replication_error_text(const Site& site, const std::string& lang, const std::string& key);
// {field: message} of an invalid Error (the first message of each field).
nlohmann::json replication_field_errors(const Site& site, const std::string& lang, const std::optional<Error>& error);
// The error page of a failed call, logging store failures with the request id.
http::Response replication_failure(const Site& site, const http::Request& req, http::RequestContext& ctx,
                                   const char* where, const Error& e);

// Labels of the replication vocabularies (catalogue "replikasi.mode.<key>",
// "replikasi.state.<key>", "replikasi.step_status.<key>", "replikasi.group.<key>").
std::string replication_label(const Site& site, const std::string& lang, const std::string& kind,
                              const std::string& key);

// The Hub JIPP pages (web/replication_hub_pages.cpp), registered with the
// replication pages.
void register_hub_pages(http::Router& router, const Site& site);

// The profile's replication section: {count, count_text, adopters: [{region,
// region_href, date, href}], origins: [{name, href, region}], willing, href};
// null when there is nothing to show and the origin is not willing.
nlohmann::json replication_section(const Site& site, const std::string& lang, const directory::Innovation& i);

}  // namespace lumbung::web
