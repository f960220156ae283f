#include "api/replication_handlers.hpp"

#include <charconv>
#include <set>

#include "api/problem.hpp"
#include "core/ids.hpp"
#include "replication/replication_rules.hpp"
#include "web/innovation_view.hpp"
#include "web/permissions.hpp"
#include "web/replication_views.hpp"
#include "web/visitor.hpp"

namespace lumbung::api {

namespace {

constexpr int kDefaultAdoptions = 100;
constexpr int kMaxAdoptions = 1000;

http::Response json_response(const nlohmann::json& body) {
  return http::Response::json(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), 200);
}

nlohmann::json adoption_json(const replication::Adoption& a) {
  return {{"id", a.id},
          {"innovation_id", a.innovation_id},
          {"origin_region_code", a.origin_region_code},
          {"adopter_region_code", a.adopter_region_code},
          {"adopted_on", a.adopted_on},
          {"via", a.request_id == 0 ? "outside" : "lumbung"},
          {"adopted_innovation_id", a.adopted_innovation_id > 0 ? nlohmann::json(a.adopted_innovation_id) : nullptr}};
}

}  // namespace

http::Response get_replication_adoptions(const web::Site& site, const http::Request& req, http::RequestContext&) {
  std::vector<FieldError> errors;
  const auto sector = req.query.get_or("sector", "");
  if (!sector.empty() && !web::is_sector_key(sector)) errors.push_back({"sector", "error.invalid_choice"});
  int year = 0;
  if (auto y = req.query.get("year"); y && !y->empty()) {
    auto parsed = parse_id(*y);
    if (!parsed || *parsed < 1900 || *parsed > 2999)
      errors.push_back({"year", "error.out_of_range"});
    else
      year = static_cast<int>(*parsed);
  }
  int limit = kDefaultAdoptions;
  if (auto l = req.query.get("limit"); l && !l->empty()) {
    auto parsed = parse_id(*l);
    if (!parsed || *parsed > kMaxAdoptions)
      errors.push_back({"limit", "error.out_of_range"});
    else
      limit = static_cast<int>(*parsed);
  }
  if (!errors.empty()) return problem_response(Problem{400, {}, "the query has invalid parameters", std::move(errors)});
  auto pairs = web::replication_service(site).pairs(sector, year, limit);
  if (!pairs) return problem_response(problem_from(pairs.error()));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& p : *pairs) {
    auto item = adoption_json(p.adoption);
    item["innovation_name"] = p.innovation_name;
    item["sector"] = p.sector;
    item["origin_region_name"] = p.origin_name;
    item["adopter_region_name"] = p.adopter_name;
    items.push_back(std::move(item));
  }
  return json_response({{"items", items}});
}

http::Response get_innovation_replication(const web::Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return problem_response(404, "no such innovation");
  auto found = site.innovations.get(*id);
  if (!found) return problem_response(problem_from(found.error()));
  if (!web::may_see(web::grants_of(web::visitor(ctx)), *found)) return problem_response(404, "no such innovation");
  auto svc = web::replication_service(site);
  auto offer = svc.offer(*id);
  if (!offer) return problem_response(problem_from(offer.error()));
  auto adoptions = svc.adoptions_of(*id);
  if (!adoptions) return problem_response(problem_from(adoptions.error()));
  nlohmann::json confirmed = nlohmann::json::array();
  std::set<std::string> regions;
  for (const auto& a : *adoptions) {
    if (a.state != "confirmed") continue;
    confirmed.push_back(adoption_json(a));
    if (a.adopter_region_code != found->region_code) regions.insert(a.adopter_region_code);
  }
  nlohmann::json adopting = nlohmann::json::array();
  if (auto names = svc.region_names({regions.begin(), regions.end()}))
    for (const auto& [code, name] : *names) adopting.push_back({{"code", code}, {"name", name}});
  auto r =
      json_response({{"innovation_id", *id},
                     {"region_code", found->region_code},
                     {"willing", offer->willing},
                     {"offer",
                      {{"guides", offer->guides},
                       {"sop", offer->sop},
                       {"documents", offer->documents},
                       {"contact", offer->contact},
                       {"costs", offer->costs}}},
                     {"adopting_regions_count", replication::count_adopting_regions(*adoptions, found->region_code)},
                     {"adopting_regions", adopting},
                     {"adoptions", confirmed}});
  if (found->state != "published") r.cacheable = false;
  return r;
}

}  // namespace lumbung::api
