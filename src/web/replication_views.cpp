#include "web/replication_views.hpp"

#include <algorithm>

#include "replication/replication_rules.hpp"
#include "web/innovation_view.hpp"
#include "web/permissions.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

replication::ReplicationService replication_service(const Site& site) {
  return replication::ReplicationService(site.db, site.innovations.clock(), site.files_dir());
}

replication::Sides sides_of(const std::vector<auth::Grant>& grants, const directory::Innovation& i,
                            const replication::Request& r) {
  replication::Sides s;
  s.owner = may_edit(grants, i);
  s.requester = auth::allows(grants, auth::Role::region_admin, auth::Scope::region(r.adopter_region_code), {});
  return s;
}

bool may_see_request(const std::vector<auth::Grant>& grants, std::int64_t user_id, const directory::Innovation& i,
                     const replication::Request& r) {
  if (may_publish(grants) || (user_id > 0 && user_id == r.requester_id)) return true;
  const auto s = sides_of(grants, i, r);
  return s.owner || s.requester;
}

std::vector<std::string> admin_regions(const std::vector<auth::Grant>& grants) {
  std::vector<std::string> out;
  for (const auto& g : grants)
    if (g.role == auth::Role::region_admin && g.scope.kind == auth::ScopeKind::region &&
        std::find(out.begin(), out.end(), g.scope.ref) == out.end())
      out.push_back(g.scope.ref);
  return out;
}

std::string replication_error_text(const Site& site, const std::string& lang, const std::string& key) {
  const auto& text = site.catalog.text(lang, key);
  if (text != key) return text;
  return site.catalog.text(lang, "replikasi." + key);
}

nlohmann::json replication_field_errors(const Site& site, const std::string& lang, const std::optional<Error>& error) {
  nlohmann::json out = nlohmann::json::object();
  if (!error) return out;
  for (const auto& f : error->fields())
    if (!out.contains(f.field)) out[f.field] = replication_error_text(site, lang, f.key);
  return out;
}

http::Response replication_failure(const Site& site, const http::Request& req, http::RequestContext& ctx,
                                   const char* where, const Error& e) {
  if (e.code() == ErrorCode::unavailable || e.code() == ErrorCode::internal)
    site.log->error("{} {}: {}", ctx.request_id, where, e.message());
  return error_page(site, req, ctx, http_status(e.code()));
}

std::string replication_label(const Site& site, const std::string& lang, const std::string& kind,
                              const std::string& key) {
  const auto full = "replikasi." + kind + "." + key;
  const auto& text = site.catalog.text(lang, full);
  return text == full ? key : text;
}

nlohmann::json replication_section(const Site& site, const std::string& lang, const directory::Innovation& i) {
  auto svc = replication_service(site);
  auto offer = svc.offer(i.id);
  auto adoptions = svc.adoptions_of(i.id);
  auto origins = svc.adopted_from(i.id);
  if (!offer || !adoptions || !origins) {
    site.log->warn("replication_section {}: store unavailable", i.id);
    return nullptr;
  }
  std::vector<std::string> codes;
  for (const auto& a : *adoptions) codes.push_back(a.adopter_region_code);
  for (const auto& a : *origins) codes.push_back(a.origin_region_code);
  std::map<std::string, std::string> names;
  if (auto found = svc.region_names(codes))
    for (auto& [code, name] : *found) names[code] = name;
  auto name_of = [&](const std::string& code) { return names.count(code) ? names[code] : code; };

  nlohmann::json adopters = nlohmann::json::array();
  for (const auto& a : *adoptions) {
    if (a.state != "confirmed") continue;
    nlohmann::json row = {{"region", name_of(a.adopter_region_code)},
                          {"region_href", "/daerah/" + a.adopter_region_code},
                          {"date", format_iso_date(a.adopted_on, lang)},
                          {"outside", a.request_id == 0},
                          {"href", false}};
    if (a.adopted_innovation_id > 0) row["href"] = "/inovasi/" + std::to_string(a.adopted_innovation_id);
    adopters.push_back(std::move(row));
  }
  nlohmann::json from = nlohmann::json::array();
  for (const auto& a : *origins) {
    auto origin = site.innovations.get(a.innovation_id);
    if (!origin || origin->state != "published") continue;
    from.push_back({{"name", origin->name},
                    {"href", innovation_path(origin->id, origin->slug)},
                    {"region", name_of(a.origin_region_code)}});
  }
  const auto count = replication::count_adopting_regions(*adoptions, i.region_code);
  if (adopters.empty() && from.empty() && !offer->willing) return nullptr;
  return {{"count", count},
          {"count_text", fill(site.catalog.text(lang, "replikasi.profile.count"), {{"n", std::to_string(count)}})},
          {"adopters", adopters},
          {"has_adopters", !adopters.empty()},
          {"origins", from},
          {"has_origins", !from.empty()},
          {"willing", offer->willing},
          {"href", innovation_path(i.id, i.slug) + "/replikasi"}};
}

}  // namespace lumbung::web
