#include "api/iid_handlers.hpp"

#include <charconv>

#include "api/problem.hpp"
#include "index/scoring.hpp"
#include "web/iid_access.hpp"
#include "web/iid_view.hpp"

namespace lumbung::api {

namespace {

http::Response json_response(const nlohmann::json& body) {
  return http::Response::json(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), 200);
}

double x100(long long value) { return static_cast<double>(value) / 100.0; }

// {year} as a four-digit year, nullopt otherwise.
std::optional<int> year_of(const http::Request& req) {
  const auto& text = req.path_params.at("year");
  int year = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
  if (text.size() != 4 || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return year;
}

nlohmann::json score_json(const index::Score& s) {
  nlohmann::json by_variable = nlohmann::json::object();
  for (const auto& [code, points] : s.by_variable) by_variable[code] = points;
  return {{"spd", s.spd},
          {"sid_sum", s.sid_sum},
          {"divisor", s.divisor},
          {"sid", s.sid},
          {"count_score", s.count_score},
          {"total", s.total},
          {"maximum", s.maximum},
          {"index", x100(s.index_x100)},
          {"predicate", s.predicate},
          {"innovations", s.innovations},
          {"by_variable", by_variable}};
}

}  // namespace

http::Response get_iid_framework(const web::Site& site, const http::Request& req, http::RequestContext&) {
  auto year = year_of(req);
  if (!year) return problem_response(404, "no IID framework for that year");
  auto f = web::iid_service(site).framework(*year);
  if (!f) return problem_response(problem_from(f.error()));
  nlohmann::json variables = nlohmann::json::array();
  for (const auto& v : f->variables)
    variables.push_back({{"code", v.code}, {"aspect", v.aspect}, {"name", v.name}, {"position", v.position}});
  nlohmann::json indicators = nlohmann::json::array();
  for (const auto& i : f->indicators) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& o : i.options) options.push_back({{"param", o.param}, {"label", o.label}});
    indicators.push_back({{"number", i.number},
                          {"position", i.position},
                          {"variable", i.variable},
                          {"name", i.name},
                          {"weight", x100(i.weight_x100)},
                          {"mandatory", i.mandatory},
                          {"aspect", i.aspect},
                          {"evidence", i.evidence},
                          {"options", options}});
  }
  nlohmann::json bands = nlohmann::json::array();
  for (const auto& b : f->bands)
    bands.push_back({{"name", b.name}, {"min", x100(b.min_x100)}, {"max", x100(b.max_x100)}});
  return json_response({{"year", f->year},
                        {"divisor_floor", f->divisor_floor},
                        {"count_points", x100(f->count_points_x100)},
                        {"count_cap", f->count_cap},
                        {"window_opens", web::format_date(f->window_opens)},
                        {"window_closes", web::format_date(f->window_closes)},
                        {"maximum_total", index::maximum_total(*f)},
                        {"variables", variables},
                        {"indicators", indicators},
                        {"bands", bands}});
}

http::Response get_iid_ranking(const web::Site& site, const http::Request& req, http::RequestContext&) {
  auto year = year_of(req);
  if (!year) return problem_response(404, "no IID framework for that year");
  const auto cluster = req.query.get_or("cluster", "");
  const auto kind = web::cluster_kind(cluster);
  if (!cluster.empty() && kind.empty())
    return problem_response(Problem{400,
                                    {},
                                    "cluster: must be provinsi, kabupaten, kota, perbatasan or tertinggal",
                                    {{"cluster", "error.invalid_choice"}}});
  auto rows = web::iid_ranking(site, *year, kind);
  if (!rows) return problem_response(problem_from(rows.error()));
  nlohmann::json items = nlohmann::json::array();
  for (const auto& r : *rows)
    items.push_back({{"rank", r.rank},
                     {"region_code", r.region.code},
                     {"region_name", r.region.name},
                     {"region_kind", r.region.kind},
                     {"index", x100(r.score.index_x100)},
                     {"predicate", r.score.predicate},
                     {"total", r.score.total},
                     {"innovations", r.score.innovations}});
  return json_response({{"year", *year}, {"cluster", cluster}, {"items", items}});
}

http::Response get_iid_region(const web::Site& site, const http::Request& req, http::RequestContext&) {
  auto year = year_of(req);
  if (!year) return problem_response(404, "no IID framework for that year");
  auto v = web::iid_service(site).view(*year, req.path_params.at("code"));
  if (!v) return problem_response(problem_from(v.error()));
  if (!v->submission || v->submission->status != "submitted")
    return problem_response(404, "this region has not submitted its IID entry for that year");
  nlohmann::json answers = nlohmann::json::array();
  for (const auto& l : v->score.lines)
    answers.push_back({{"innovation_id", l.innovation_id},
                       {"number", l.number},
                       {"param", l.param},
                       {"points", x100(l.points_x100)},
                       {"status", l.status},
                       {"counted", l.counted}});
  nlohmann::json innovations = nlohmann::json::array();
  for (const auto& i : v->innovations) innovations.push_back({{"id", i.id}, {"name", i.name}});
  return json_response({{"year", *year},
                        {"region_code", v->region.code},
                        {"region_name", v->region.name},
                        {"region_kind", v->region.kind},
                        {"submitted_at", web::format_date(v->submission->submitted_at)},
                        {"score", score_json(v->score)},
                        {"innovations", innovations},
                        {"answers", answers}});
}

}  // namespace lumbung::api
