// Read-only JSON of the regional innovation index (IID, issue 9):
//   GET /api/v1/iid/{year}/framework         aspects, variables, indicators with
//                                           options, bands and the scoring rules
//   GET /api/v1/iid/{year}/ranking?cluster=  submitted regions ranked (cluster:
//                                           provinsi, kabupaten, kota,
//                                           perbatasan, tertinggal; none = all)
//   GET /api/v1/iid/{year}/regions/{code}    a submitted region's score, by
//                                           variable and answer by answer
// Public: only submitted entries, never evidence files. Errors are
// application/problem+json.
#pragma once

#include "http/request.hpp"
#include "http/response.hpp"
#include "web/site.hpp"

namespace lumbung::api {

http::Response get_iid_framework(const web::Site& site, const http::Request& req, http::RequestContext& ctx);
http::Response get_iid_ranking(const web::Site& site, const http::Request& req, http::RequestContext& ctx);
http::Response get_iid_region(const web::Site& site, const http::Request& req, http::RequestContext& ctx);

}  // namespace lumbung::api
