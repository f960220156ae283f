// Read-only JSON of replication (issue 8), the public parts only:
//   GET /api/v1/replication/adoptions?sector=&year=&limit=  confirmed
//       origin -> adopter pairs, newest first (what /replikasi and its CSV show)
//   GET /api/v1/innovations/{id}/replication  the origin's offer (willingness
//       and what an adopter gets), the distinct adopting regions (IID
//       indicator 31) and each confirmed adoption
// Requests and transfers stay private to their two sides (not in the API).
#pragma once

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site.hpp"

namespace lumbung::api {

http::Response get_replication_adoptions(const web::Site& site, const http::Request& req, http::RequestContext& ctx);
http::Response get_innovation_replication(const web::Site& site, const http::Request& req, http::RequestContext& ctx);

}  // namespace lumbung::api
