// Public pages of the repository: the directory, innovation profiles (and
// their print view), region and unit profiles (innovation_places.cpp).
#include <algorithm>
#include <sstream>

#include "directory/innovation_rules.hpp"
#include "web/validation_common.hpp"
#include "web/format.hpp"
#include "web/innovation_view.hpp"
#include "web/portal_view.hpp"
#include "web/lab_view.hpp"
#include "web/permissions.hpp"
#include "web/replication_views.hpp"
#include "web/search_pages.hpp"
#include "web/site.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

http::Response get_regions(const Site&, const http::Request&, http::RequestContext&);
http::Response get_region(const Site&, const http::Request&, http::RequestContext&);
http::Response get_unit(const Site&, const http::Request&, http::RequestContext&);

namespace {

constexpr int kDirectoryPageSize = 20;

http::Response failure(const Site& site, const http::Request& req, http::RequestContext& ctx, const char* where,
                       const Error& e) {
  if (e.code() != ErrorCode::not_found && e.code() != ErrorCode::invalid)
    site.log->error("{} {}: {}", ctx.request_id, where, e.message());
  return error_page(site, req, ctx, http_status(e.code()));
}

// Options of a <select>: the "any" entry first, then `values` with labels.
nlohmann::json options(const Site& site, const std::string& lang, const std::string& kind,
                       const std::vector<std::string>& values, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& v : values)
    out.push_back({{"value", v}, {"label", vocabulary_label(site.catalog, lang, kind, v)}, {"selected", v == selected}});
  return out;
}

nlohmann::json region_options(const std::vector<directory::Region>& regions, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : regions) out.push_back({{"value", r.code}, {"label", r.name}, {"selected", r.code == selected}});
  return out;
}

// Text split into paragraphs at blank lines (or single newlines).
nlohmann::json paragraphs(const std::string& text) {
  nlohmann::json out = nlohmann::json::array();
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (line.find_first_not_of(" \t\r") != std::string::npos) out.push_back(line);
  return out;
}

struct Fact {
  std::string label_key, value, href;
};

nlohmann::json facts(const Site& site, const std::string& lang, const std::vector<Fact>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : list) {
    if (f.value.empty()) continue;
    // href false, not missing: a missing key would find the page's own href.
    nlohmann::json fact = {{"label", site.catalog.text(lang, f.label_key)}, {"value", f.value}, {"href", false}};
    if (!f.href.empty()) fact["href"] = f.href;
    out.push_back(std::move(fact));
  }
  return out;
}

std::string province_name(const Site& site, const std::string& code) {
  auto provinces = cached_regions(site, "");
  if (provinces)
    for (const auto& p : *provinces)
      if (p.code == code) return p.name;
  return code;
}

// Everything the profile and its print view show.
nlohmann::json profile_model(const Site& site, const std::string& lang, const directory::Innovation& i) {
  auto label = [&](const char* kind, const std::string& v) { return vocabulary_label(site.catalog, lang, kind, v); };
  auto text = [&](const char* key) { return site.catalog.text(lang, key); };
  nlohmann::json model = {{"title", i.name}, {"card", innovation_card(site.catalog, lang, i)}};
  model["print_href"] = innovation_path(i.id, i.slug) + "/cetak";
  model["href"] = innovation_path(i.id, i.slug);
  if (i.state != "published") model["banner"] = fill(text("profil.state_banner"), {{"state", label("state", i.state)}});

  nlohmann::json crumbs = nlohmann::json::array();
  crumbs.push_back({{"name", text("direktori.title")}, {"href", "/inovasi"}});
  if (!i.province_code.empty())
    crumbs.push_back({{"name", province_name(site, i.province_code)}, {"href", "/daerah/" + i.province_code}});
  if (!i.region_code.empty() && i.region_code != i.province_code)
    crumbs.push_back({{"name", i.region_name.empty() ? i.region_code : i.region_name}, {"href", "/daerah/" + i.region_code}});
  if (i.unit_id > 0 && !i.unit_name.empty())
    crumbs.push_back({{"name", i.unit_name}, {"href", "/unit/" + std::to_string(i.unit_id)}});
  model["breadcrumbs"] = crumbs;

  nlohmann::json sections = nlohmann::json::array();
  const std::pair<const char*, const std::string*> texts[] = {{"problem", &i.problem},
                                                              {"solution", &i.solution},
                                                              {"novelty", &i.novelty},
                                                              {"beneficiaries", &i.beneficiaries},
                                                              {"results", &i.results}};
  for (const auto& [id, body] : texts)
    sections.push_back({{"id", id},
                        {"heading", text((std::string("profil.section.") + id).c_str())},
                        {"paragraphs", paragraphs(*body)}});
  model["sections"] = sections;

  model["cost"] = facts(site, lang, {{"profil.field.budget", i.budget_text, ""},
                                     {"profil.field.budget_amount",
                                      i.budget_amount > 0 ? format_rupiah(i.budget_amount, lang) : "", ""},
                                     {"profil.field.funding", i.funding_source, ""}});
  model["stage"] = facts(site, lang,
                         {{"profil.field.stage", label("stage", i.stage), ""},
                          {"profil.field.form", label("form", i.form), ""},
                          {"profil.field.sector", label("sector", i.sector), ""},
                          {"profil.field.digital", text(i.digital ? "direktori.yes" : "direktori.no"), ""},
                          {"profil.field.initiator", label("initiator", i.initiator), ""},
                          {"profil.field.year_started", i.year_started > 0 ? std::to_string(i.year_started) : "", ""},
                          {"profil.field.trial_date", format_iso_date(i.trial_date, lang), ""},
                          {"profil.field.implementation_date", format_iso_date(i.implementation_date, lang), ""}});
  model["agency"] = facts(
      site, lang,
      {{"profil.field.region", i.region_name.empty() ? i.region_code : i.region_name,
        i.region_code.empty() ? "" : "/daerah/" + i.region_code},
       {"profil.field.unit", i.unit_name, i.unit_id > 0 ? "/unit/" + std::to_string(i.unit_id) : ""},
       {"profil.field.contact_name", i.contact_name, ""},
       {"profil.field.contact_email", i.contact_email, i.contact_email.empty() ? "" : "mailto:" + i.contact_email},
       {"profil.field.contact_phone", i.contact_phone, ""}});
  nlohmann::json awards = nlohmann::json::array();
  for (const auto& a : i.awards)
    awards.push_back({{"award", a.award},
                      {"program", label("source", a.program)},
                      {"year", a.year > 0 ? std::to_string(a.year) : ""}});
  model["awards"] = awards;
  model["source"] = facts(site, lang, {{"profil.field.source_program", label("source", i.source_program), ""},
                                       {"profil.field.source_id", i.source_id, lab::source_idea_path(i.source_program, i.source_id)}});
  model["status"] = facts(
      site, lang,
      {{"profil.field.status", label("status", i.status), ""},
       {"profil.field.last_verified",
        i.last_verified_at > 0 ? format_date(i.last_verified_at, lang) : text("profil.never_verified"), ""},
       {"profil.field.published_at", format_date(i.published_at, lang), ""},
       {"profil.field.updated_at", format_date(i.updated_at, lang), ""}});
  model["stopped"] = i.status == "berhenti";
  return model;
}

// The innovation named by the path's {id} ("123" or "123-slug") if this
// visitor may see it; a 404 page (or a redirect to the canonical slug) if not.
struct Lookup {
  std::optional<directory::Innovation> innovation;
  std::optional<http::Response> answer;
};

Lookup find_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx, const char* suffix) {
  const auto& segment = req.path_params.at("id");
  auto id = parse_leading_id(segment);
  if (!id) return {std::nullopt, error_page(site, req, ctx, 404)};
  auto found = site.innovations.get(*id);
  if (!found) return {std::nullopt, failure(site, req, ctx, "get_innovation", found.error())};
  // A record merged into another (validation/duplicate_service.hpp) leads to the survivor.
  if (auto* merges = validation_services(site).duplicates; found->state == "archived" && merges)
    if (auto survivor = merges->redirect_of(found->id); survivor && *survivor)
      return {std::nullopt, http::Response::redirect("/inovasi/" + std::to_string(**survivor) + suffix, 301)};
  if (!may_see(grants_of(visitor(ctx)), *found)) return {std::nullopt, error_page(site, req, ctx, 404)};
  // A slug that is not the current one (renamed, mistyped) goes to the canonical address.
  const auto canonical = innovation_path(found->id, found->slug);
  if (segment != std::to_string(found->id) && "/inovasi/" + segment != canonical) {
    auto target = canonical + suffix;
    if (!req.raw_query.empty()) target += "?" + req.raw_query;
    return {std::nullopt, http::Response::redirect(target, 301)};
  }
  return {std::move(*found), std::nullopt};
}

}  // namespace

http::Response get_innovations(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto query = parse_directory_query(req.query);
  auto& f = query.filter;
  // A region implies its province, so the region list below can be filled.
  std::string province = f.province_code;
  if (province.empty() && !f.region_code.empty()) province = f.region_code.substr(0, 2);

  auto page = site.innovations.list(f, directory::PageRequest{kDirectoryPageSize, query.cursor, query.order});
  if (!page) return failure(site, req, ctx, "get_innovations", page.error());
  auto provinces = cached_regions(site, "");
  if (!provinces) return failure(site, req, ctx, "get_innovations", provinces.error());
  std::vector<directory::Region> regions;
  if (!province.empty()) {
    auto below = cached_regions(site, province);
    if (!below) return failure(site, req, ctx, "get_innovations", below.error());
    regions = std::move(*below);
  }

  nlohmann::json cards = nlohmann::json::array();
  for (const auto& i : page->items) {
    auto card = innovation_card(site.catalog, lang, i);
    card["replicated"] = false;  // false, not missing: the template must not find an outer value
    if (i.replicated_regions > 0)
      card["replicated"] = fill(site.catalog.text(lang, "direktori.badge.replicated"),
                                {{"n", std::to_string(i.replicated_regions)}});
    cards.push_back(std::move(card));
  }
  auto sectors = sector_keys();
  if (!f.sector.empty() && std::find(sectors.begin(), sectors.end(), f.sector) == sectors.end())
    sectors.push_back(f.sector);
  auto yes_no = [&](std::optional<bool> v) {
    return nlohmann::json::array({{{"value", "1"}, {"label", site.catalog.text(lang, "direktori.yes")}, {"selected", v && *v}},
                                  {{"value", "0"}, {"label", site.catalog.text(lang, "direktori.no")}, {"selected", v && !*v}}});
  };
  nlohmann::json filters = {
      {"provinces", region_options(*provinces, province)},
      {"regions", region_options(regions, f.region_code)},
      {"has_regions", !regions.empty()},
      {"sectors", options(site, lang, "sector", sectors, f.sector)},
      {"forms", options(site, lang, "form", {"pelayanan_publik", "tata_kelola", "lainnya"}, f.form)},
      {"digital", yes_no(f.digital)},
      {"stages", options(site, lang, "stage", {"inisiatif", "uji_coba", "penerapan"}, f.stage)},
      {"statuses", options(site, lang, "status", {"berlanjut", "berhenti"}, f.status)},
      {"sources", options(site, lang, "source", {"lumbung", "kipp", "iga", "labinov"}, f.source_program)},
      {"awarded", f.awarded.value_or(false)},
      {"year", f.year > 0 ? std::to_string(f.year) : ""},
      {"by_replication", query.order == directory::ListOrder::replicated}};
  nlohmann::json model = {{"title_key", "direktori.title"},
                          {"filters", filters},
                          {"cards", cards},
                          {"filtered", std::any_of(query.kept.begin(), query.kept.end(),
                                                   [](const auto& kept) { return kept.first != "urut"; })},
                          {"on_page", fill(site.catalog.text(lang, "direktori.on_page"),
                                           {{"n", std::to_string(page->items.size())}})}};
  if (query.ignored > 0) model["ignored"] = true;
  if (!page->next_cursor.empty()) model["next_href"] = directory_link(query, page->next_cursor);
  if (!query.cursor.empty()) model["first_href"] = directory_link(query);
  return render_page(site, req, ctx, "inovasi/daftar", std::move(model));
}

namespace {

// The profile's own part, without the layout: nothing in it depends on the
// visitor (the layout around it carries the session, the bell and the token).
Result<std::string> render_profile_body(const Site& site, const std::string& request_id, const std::string& lang,
                                        const directory::Innovation& i) {
  auto model = profile_model(site, lang, i);
  auto similar = similar_innovations(site, request_id, i.id, kSimilarOnProfile);
  if (!similar.empty()) model["similar"] = {{"items", std::move(similar)}};
  if (auto* pairs = validation_services(site).duplicates) {
    // Linked by a curator from the duplicates queue ("terkait").
    auto related = pairs->related_to(i.id, kSimilarOnProfile);
    if (!related) return related.error();
    nlohmann::json items = nlohmann::json::array();
    for (const auto& r : *related)
      items.push_back({{"id", r.id}, {"href", innovation_path(r.id, r.slug)}, {"name", r.name}, {"region", r.region}});
    if (!items.empty()) model["related"] = {{"items", std::move(items)}};
  }
  model["replication"] = replication_section(site, lang, i);
  return site.views.render("inovasi/profil", lang, model);
}

}  // namespace

http::Response get_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto lookup = find_innovation(site, req, ctx, "");
  if (lookup.answer) return std::move(*lookup.answer);
  const auto& i = *lookup.innovation;
  const auto& lang = lang_of(ctx);
  const bool published = i.state == "published";
  auto render = [&] { return render_profile_body(site, ctx.request_id, lang, i); };
  // Published profiles: the body is shared by every visitor for a few seconds
  // per (id, version, language), so an edit shows at once (SiteCaches).
  auto body = published ? site.caches.profiles.get(
                              std::to_string(i.id) + "|" + std::to_string(i.version) + "|" + lang, render)
                        : render();
  if (!body) return failure(site, req, ctx, "get_innovation", body.error());
  nlohmann::json model = {{"title", i.name}};
  const auto seo = innovation_seo(i);  // portal_view.cpp: canonical, OpenGraph, JSON-LD
  if (published) seo_model(site, req, lang, seo, model);
  auto r = render_around(site, req, ctx, *body, std::move(model));
  if (!published) r.cacheable = false;
  else seo_inject(site, req, r, seo);
  return r;
}

// The print view: a whole document of its own, without the site's header,
// navigation and footer.
http::Response get_innovation_print(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto lookup = find_innovation(site, req, ctx, "/cetak");
  if (lookup.answer) return std::move(*lookup.answer);
  const auto& lang = lang_of(ctx);
  auto model = profile_model(site, lang, *lookup.innovation);
  model["lang"] = lang;
  model["printed"] = fill(site.catalog.text(lang, "profil.printed_from"),
                          {{"url", site.config.base_url + innovation_path(lookup.innovation->id,
                                                                          lookup.innovation->slug)}});
  auto body = site.views.render("inovasi/cetak", lang, model);
  if (!body) {
    site.log->error("{} render inovasi/cetak: {}", ctx.request_id, body.error().message());
    return http::Response::text("500 Internal Server Error\n", 500);
  }
  auto r = http::Response::html(std::move(*body));
  r.header("Content-Language", lang);
  if (lookup.innovation->state != "published") r.cacheable = false;
  return r;
}

void register_innovation_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  // clang-format off
  // method  pattern                    handler                  access
  router.get("/inovasi",                "get_innovations",       "public", bind(get_innovations));
  router.get("/inovasi/{id}",           "get_innovation",        "public", bind(get_innovation));
  router.get("/inovasi/{id}/cetak",     "get_innovation_print",  "public", bind(get_innovation_print));
  router.get("/daerah",                 "get_regions",           "public", bind(get_regions));
  router.get("/daerah/{code}",          "get_region",            "public", bind(get_region));
  router.get("/unit/{id}",              "get_unit",              "public", bind(get_unit));
  // clang-format on
}

}  // namespace lumbung::web
