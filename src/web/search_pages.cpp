// The search pages: results with facets, sorting and paging (/cari), the
// problem finder (/solusi), and the similar innovations other pages show.
// Every parameter lives in the URL, so a search is a link and works without
// JavaScript; static/js/search.js only adds suggestions while typing.
#include "web/search_pages.hpp"
#include "web/portal_view.hpp"

#include <algorithm>
#include <set>

#include "directory/innovation_search.hpp"
#include "search/search_index.hpp"
#include "web/innovation_view.hpp"
#include "web/search_view.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// The query's pairs without empty values: an empty form field ("year_from=")
// means "not set", as if it were absent.
Params non_empty(const http::Params& query) {
  Params out;
  for (const auto& [name, value] : query.items())
    if (!value.empty()) out.emplace_back(name, value);
  return out;
}

std::string str_of(const nlohmann::json& data, const char* key) {
  auto it = data.find(key);
  return it != data.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// Empty text as false: an empty string would still open a mustache section.
nlohmann::json or_false(const std::string& text) { return text.empty() ? nlohmann::json(false) : nlohmann::json(text); }

// One hit as the result lists show it: name and link, region line, snippet
// (the start of the summary when the engine cut none, as for an empty query).
nlohmann::json hit_model(const Site& site, const std::string& lang, const search::Match& m) {
  auto data = nlohmann::json::parse(m.data, nullptr, false);
  if (data.is_discarded() || !data.is_object()) data = nlohmann::json::object();
  auto name = str_of(data, "name");
  if (name.empty()) name = "#" + std::to_string(m.id);
  const auto region_code = str_of(data, "region_code");
  auto region_name = str_of(data, "region_name");
  if (region_name.empty()) region_name = region_code;
  const auto sector = str_of(data, "sector");
  const auto year = data.value("year_started", 0);
  const auto replicated = data.value("replicated", 0);
  auto snippet = snippet_json(m.snippet);
  if (snippet.empty()) {
    const auto summary = shorten(str_of(data, "summary"), 200);
    if (!summary.empty()) snippet.push_back({{"text", summary}, {"hit", false}});
  }
  nlohmann::json region = false;
  if (!region_code.empty()) region = {{"name", region_name}, {"href", "/daerah/" + region_code}};
  return {{"id", m.id},
          {"name", name},
          {"href", innovation_path(m.id, str_of(data, "slug"))},
          {"region", region},
          {"unit", or_false(str_of(data, "unit_name"))},
          {"sector", or_false(sector.empty() ? "" : vocabulary_label(site.catalog, lang, "sector", sector))},
          {"year", year > 0 ? nlohmann::json(std::to_string(year)) : nlohmann::json(false)},
          {"replicated", replicated > 0 ? nlohmann::json(fill(site.catalog.text(lang, "cari.replicated"),
                                                              {{"n", std::to_string(replicated)}}))
                                        : nlohmann::json(false)},
          {"snippet", snippet}};
}

std::map<std::string, std::string> province_names(const Site& site) {
  std::map<std::string, std::string> out;
  if (auto provinces = cached_regions(site, ""))
    for (const auto& p : *provinces) out[p.code] = p.name;
  return out;
}

// The pager of a result list: previous/next and page numbers, each linking
// to `href(page)`.
template <class Href>
nlohmann::json pager_model(int current, int last, const Href& href) {
  nlohmann::json pages = nlohmann::json::array();
  for (const auto& slot : pager_slots(current, last))
    pages.push_back({{"number", slot.number},
                     {"gap", slot.number == 0},
                     {"current", slot.current},
                     {"link", slot.number != 0 && !slot.current},
                     {"href", slot.number == 0 ? "" : href(slot.number)}});
  nlohmann::json out = {{"pages", pages}, {"prev_href", false}, {"next_href", false}};
  if (current > 1 && current <= last) out["prev_href"] = href(current - 1);
  if (current < last) out["next_href"] = href(current + 1);
  if (pages.empty() && !out["prev_href"].is_string() && !out["next_href"].is_string()) return false;
  return out;
}

std::string total_text(const Site& site, const std::string& lang, std::uint64_t total) {
  return fill(site.catalog.text(lang, total == 1 ? "cari.total_one" : "cari.total"),
              {{"n", format_count(total, lang)}});
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// The answer when the search fails: 400 with the search page for a bad
// query, the error page (503 while the index is busy) otherwise.
http::Response search_failure(const Site& site, const http::Request& req, http::RequestContext& ctx,
                              const char* where, const Error& e) {
  if (e.code() != ErrorCode::invalid && e.code() != ErrorCode::unavailable)
    site.log->error("{} {}: {}", ctx.request_id, where, e.message());
  return error_page(site, req, ctx, http_status(e.code()));
}

using FacetValue = std::pair<std::string, std::string>;  // {facet, value}; {} = none

// Links of the results page: a request's query string under /cari, with the
// exact flag and a page number. A changed filter or sort starts at page 1.
struct SearchLinks {
  bool exact = false;
  std::string to(const directory::SearchRequest& r, int page = 1, const FacetValue& without = {},
                 const FacetValue& with = {}) const {
    auto qs = directory::search_query_string(r, without, with);
    if (exact) qs += (qs.empty() ? "" : "&") + std::string("exact=1");
    if (page > 1) qs += (qs.empty() ? "" : "&") + std::string("page=") + std::to_string(page);
    return qs.empty() ? std::string("/cari") : "/cari?" + qs;
  }
};

// The facets with their counts: each value a link that adds or removes it;
// values past the first few fold away, chosen ones always stay in view.
nlohmann::json facets_model(const Site& site, const std::string& lang, const directory::SearchRequest& request,
                            const SearchLinks& links, const search::Results& results) {
  std::map<std::string, std::string> provinces;
  if (auto it = results.facets.find("province"); it != results.facets.end() && !it->second.empty())
    provinces = province_names(site);
  nlohmann::json out = nlohmann::json::array();
  for (const auto& spec : directory::innovation_facets()) {
    std::vector<search::FacetCount> counts;
    if (auto it = results.facets.find(spec.name); it != results.facets.end()) counts = it->second;
    std::set<std::string> active;
    if (auto it = request.filters.find(spec.name); it != request.filters.end())
      active.insert(it->second.begin(), it->second.end());
    // A chosen value stays visible (to be removed) even when nothing matches it.
    for (const auto& v : active)
      if (std::none_of(counts.begin(), counts.end(), [&](const auto& c) { return c.value == v; }))
        counts.push_back({v, 0});
    if (counts.empty()) continue;
    // Years read best newest first; other facets most first, as counted.
    if (spec.name == "year" || spec.name == "verified")
      std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
    nlohmann::json shown = nlohmann::json::array(), more = nlohmann::json::array();
    for (const auto& c : counts) {
      const bool on = active.count(c.value) != 0;
      const FacetValue value{spec.name, c.value};
      nlohmann::json item = {{"value", c.value},
                             {"label", facet_value_label(site.catalog, lang, spec.name, c.value, provinces)},
                             {"count", format_count(c.count, lang)},
                             {"active", on},
                             {"href", on ? links.to(request, 1, value) : links.to(request, 1, {}, value)}};
      (shown.size() < kFacetValuesShown || on ? shown : more).push_back(std::move(item));
    }
    out.push_back({{"name", spec.name},
                   {"label", site.catalog.text(lang, "cari.facet." + spec.name)},
                   {"values", shown},
                   {"more", more},
                   {"has_more", !more.empty()},
                   {"more_text", fill(site.catalog.text(lang, "cari.more_values"), {{"n", std::to_string(more.size())}})}});
  }
  return out;
}

// The chosen filters and year range as chips, each a link without it.
nlohmann::json chips_model(const Site& site, const std::string& lang, const directory::SearchRequest& request,
                           const SearchLinks& links) {
  nlohmann::json chips = nlohmann::json::array();
  std::map<std::string, std::string> provinces;
  if (request.filters.count("province")) provinces = province_names(site);
  for (const auto& spec : directory::innovation_facets()) {
    auto it = request.filters.find(spec.name);
    if (it == request.filters.end()) continue;
    for (const auto& v : it->second)
      chips.push_back({{"label", site.catalog.text(lang, "cari.facet." + spec.name) + ": " +
                                     facet_value_label(site.catalog, lang, spec.name, v, provinces)},
                       {"href", links.to(request, 1, {spec.name, v})}});
  }
  if (request.year_from > 0 || request.year_to > 0) {
    auto without_years = request;
    without_years.year_from = without_years.year_to = 0;
    const auto from = std::to_string(request.year_from), to = std::to_string(request.year_to);
    const auto range = request.year_from > 0 && request.year_to > 0 ? from + "–" + to
                       : request.year_from > 0                      ? "≥ " + from
                                                                    : "≤ " + to;
    chips.push_back({{"label", site.catalog.text(lang, "cari.year_range") + ": " + range},
                     {"href", links.to(without_years)}});
  }
  return chips;
}

// The year range form: the other parameters ride along as hidden fields.
nlohmann::json year_form_model(const directory::SearchRequest& request, bool exact) {
  nlohmann::json hidden = nlohmann::json::array();
  if (!request.q.empty()) hidden.push_back({{"name", "q"}, {"value", request.q}});
  for (const auto& [name, values] : request.filters)
    for (const auto& v : values) hidden.push_back({{"name", name}, {"value", v}});
  if (request.sort != "relevance") hidden.push_back({{"name", "sort"}, {"value", request.sort}});
  if (exact) hidden.push_back({{"name", "exact"}, {"value", "1"}});
  return {{"hidden", hidden},
          {"from", request.year_from > 0 ? std::to_string(request.year_from) : ""},
          {"to", request.year_to > 0 ? std::to_string(request.year_to) : ""}};
}

// Sort links; without words there is no relevance, and newest is the default.
nlohmann::json sorts_model(const Site& site, const std::string& lang, const directory::SearchRequest& request,
                           const SearchLinks& links, bool browse) {
  const std::string current = browse && request.sort == "relevance" ? "newest" : request.sort;
  nlohmann::json sorts = nlohmann::json::array();
  for (const std::string s : {"relevance", "newest", "replicated"}) {
    if (browse && s == "relevance") continue;
    auto sorted = request;
    sorted.sort = s;
    sorts.push_back({{"value", s},
                     {"label", site.catalog.text(lang, "cari.sort." + s)},
                     {"current", current == s},
                     {"href", links.to(sorted)}});
  }
  return sorts;
}

// "Maksud Anda" or "Menampilkan hasil untuk" into the model. Words searched
// exactly as typed that find nothing still get a suggestion.
void spelling_model(const Site& site, const directory::SearchRequest& request, const search::Query& query,
                    search::Results& results, bool exact, nlohmann::json& model) {
  if (exact && results.total == 0 && !query.text.empty()) {
    auto counting = query;
    counting.correct_spelling = true;
    counting.limit = 0;
    counting.facets.clear();
    if (auto corrected = site.search->find(counting); corrected && corrected->suggestion) {
      results.suggestion = corrected->suggestion;
      results.corrected = false;
    }
  }
  if (!results.suggestion || results.suggestion->empty()) return;
  if (results.corrected) {
    model["corrected"] = {{"shown", *results.suggestion},
                          {"original", request.q},
                          {"original_href", SearchLinks{true}.to(request)}};
  } else {
    auto suggested = request;
    suggested.q = *results.suggestion;
    model["suggestion"] = {{"text", *results.suggestion}, {"href", SearchLinks{false}.to(suggested)}};
  }
}

}  // namespace

http::Response get_search(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto text = [&](const char* key) { return site.catalog.text(lang, key); };
  const auto raw_q = req.query.get_or("q", "");
  const SearchLinks links{req.query.get_or("exact", "") == "1"};
  nlohmann::json model = {{"query", raw_q}};
  model["title"] = raw_q.empty() ? text("cari.browse_title") : fill(text("cari.title_query"), {{"q", raw_q}});
  model["heading"] = raw_q.empty() ? text("cari.browse_title") : fill(text("cari.heading"), {{"q", raw_q}});
  if (!site.search) return error_page(site, req, ctx, 503);

  auto request = directory::read_search_params(non_empty(req.query));
  const auto page = parse_search_page(req.query.get("page"));
  if (!request || !page) {
    model["error"] = request ? text("cari.error.page") : search_error_text(site.catalog, lang, request.error());
    model["restart_href"] = raw_q.empty() ? "/cari" : "/cari?q=" + url_encode(raw_q);
    auto r = render_page(site, req, ctx, "cari/hasil", std::move(model), 400);
    r.cacheable = false;
    return r;
  }

  const bool browse = request->q.find_first_not_of(" \t\r\n") == std::string::npos;
  auto query = directory::to_query(*request, search::QueryMode::keywords);  // no words: newest first
  query.offset = static_cast<std::size_t>(*page - 1) * kSearchPageSize;
  query.limit = kSearchPageSize;
  query.correct_spelling = !links.exact;
  const auto synonyms = site.synonyms.dictionary();  // kept alive while the query runs
  query.synonyms = synonyms.get();
  auto results = site.search->find(query);
  if (!results) return search_failure(site, req, ctx, "get_search", results.error());

  nlohmann::json hits = nlohmann::json::array();
  for (const auto& m : results->hits) hits.push_back(hit_model(site, lang, m));
  model["results"] = hits;
  model["total"] = results->total;
  model["total_text"] = total_text(site, lang, results->total);
  model["first_number"] = query.offset + 1;
  model["no_results"] = results->total == 0;
  model["has_results"] = results->total > 0;  // sorting and facets only then
  model["beyond_last"] = results->total > 0 && hits.empty();
  model["first_page_href"] = links.to(*request);
  model["pager"] = hits.empty() ? nlohmann::json(false)
                                : pager_model(*page, page_count(results->total),
                                              [&](int n) { return links.to(*request, n); });
  if (*page > 1)
    model["title"] = model["title"].get<std::string>() + " · " +
                     fill(text("cari.page_n"), {{"n", std::to_string(*page)}});
  spelling_model(site, *request, query, *results, links.exact, model);
  if (!results->ignored_words.empty()) model["ignored"] = joined(results->ignored_words);

  model["facets"] = facets_model(site, lang, *request, links, *results);
  auto chips = chips_model(site, lang, *request, links);
  model["has_chips"] = !chips.empty();
  model["active_count"] = chips.empty() ? nlohmann::json(false) : nlohmann::json(std::to_string(chips.size()));
  model["chips"] = std::move(chips);
  auto cleared = *request;
  cleared.filters.clear();
  cleared.year_from = cleared.year_to = 0;
  model["clear_href"] = links.to(cleared);
  model["year_form"] = year_form_model(*request, links.exact);
  model["sorts"] = sorts_model(site, lang, *request, links, browse);
  model["articles"] = article_search_model(site, lang, raw_q);  // portal_view.cpp: news and guides
  return render_page(site, req, ctx, "cari/hasil", std::move(model));
}

http::Response get_solutions(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto text = [&](const char* key) { return site.catalog.text(lang, key); };
  const auto problem = req.query.get_or("problem", "");
  const auto region_type = req.query.get_or("region_type", "");
  const auto sector = req.query.get_or("sector", "");
  nlohmann::json model = {{"title_key", "cari.solusi.title"}, {"problem", problem}, {"nav_solutions", true}};

  nlohmann::json region_types = nlohmann::json::array();
  for (const char* v : {"province", "regency", "city"})
    region_types.push_back(
        {{"value", v}, {"label", vocabulary_label(site.catalog, lang, "region_kind", v)}, {"selected", region_type == v}});
  auto sectors = sector_keys();
  nlohmann::json sector_options = nlohmann::json::array();
  for (const auto& s : sectors)
    sector_options.push_back(
        {{"value", s}, {"label", vocabulary_label(site.catalog, lang, "sector", s)}, {"selected", sector == s}});
  model["region_types"] = region_types;
  model["sectors"] = sector_options;
  if (!site.search) return error_page(site, req, ctx, 503);

  auto bad_request = [&](const std::string& message) {
    model["error"] = message;
    auto r = render_page(site, req, ctx, "cari/solusi", std::move(model), 400);
    r.cacheable = false;
    return r;
  };
  if (problem.size() > kMaxProblemBytes)
    return bad_request(fill(text("cari.error.problem_too_long"), {{"n", std::to_string(kMaxProblemBytes)}}));
  const auto page = parse_search_page(req.query.get("page"));
  if (!page) return bad_request(text("cari.error.page"));
  if (problem.find_first_not_of(" \t\r\n") == std::string::npos)
    return render_page(site, req, ctx, "cari/solusi", std::move(model));

  Params params = {{"q", problem}};
  if (!region_type.empty()) params.emplace_back("region_type", region_type);
  if (!sector.empty()) params.emplace_back("sector", sector);
  auto request = directory::read_search_params(params);
  if (!request) return bad_request(search_error_text(site.catalog, lang, request.error()));
  auto query = directory::to_query(*request, search::QueryMode::problem);
  query.facets.clear();
  query.offset = static_cast<std::size_t>(*page - 1) * kSearchPageSize;
  query.limit = kSearchPageSize;
  const auto synonyms = site.synonyms.dictionary();  // kept alive while the query runs
  query.synonyms = synonyms.get();
  auto results = site.search->find(query);
  if (!results) return search_failure(site, req, ctx, "get_solutions", results.error());

  nlohmann::json hits = nlohmann::json::array();
  for (const auto& m : results->hits) {
    auto hit = hit_model(site, lang, m);
    hit["why"] = or_false(why_line(site.catalog, lang, m.matched_words));
    hits.push_back(std::move(hit));
  }
  auto href = [&](int n) {
    std::string out = "/solusi?problem=" + url_encode(problem);
    if (!region_type.empty()) out += "&region_type=" + url_encode(region_type);
    if (!sector.empty()) out += "&sector=" + url_encode(sector);
    if (n > 1) out += "&page=" + std::to_string(n);
    return out;
  };
  model["searched"] = true;
  model["results"] = hits;
  model["total"] = results->total;
  model["total_text"] = total_text(site, lang, results->total);
  model["first_number"] = query.offset + 1;
  model["no_results"] = results->total == 0;
  model["beyond_last"] = results->total > 0 && hits.empty();
  model["first_page_href"] = href(1);
  model["pager"] = hits.empty() ? nlohmann::json(false) : pager_model(*page, page_count(results->total), href);
  if (!results->ignored_words.empty()) model["ignored"] = joined(results->ignored_words);
  return render_page(site, req, ctx, "cari/solusi", std::move(model));
}

namespace {

nlohmann::json similar_items(const std::vector<search::Match>& matches, std::int64_t id, double min_score) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& m : matches) {
    if (m.score < min_score || m.id == id) continue;
    auto data = nlohmann::json::parse(m.data, nullptr, false);
    if (data.is_discarded() || !data.is_object()) data = nlohmann::json::object();
    auto name = str_of(data, "name");
    auto region = str_of(data, "region_name");
    if (region.empty()) region = str_of(data, "region_code");
    out.push_back({{"id", m.id},
                   {"name", name.empty() ? "#" + std::to_string(m.id) : name},
                   {"href", innovation_path(m.id, str_of(data, "slug"))},
                   {"region", or_false(region)},
                   {"score_percent", std::to_string(static_cast<int>(m.score * 100 + 0.5))}});
  }
  return out;
}

}  // namespace

nlohmann::json similar_innovations(const Site& site, const std::string& request_id, std::int64_t id,
                                   std::size_t limit, double min_score) {
  if (!site.search) return nlohmann::json::array();
  auto similar = site.caches.similar.get({id, limit}, [&] { return site.search->similar("innovation", id, limit); });
  if (!similar) {
    site.log->warn("{} similar innovation {}: {}", request_id, id, similar.error().message());
    return nlohmann::json::array();
  }
  return similar_items(*similar, id, min_score);
}

nlohmann::json duplicate_candidates(const Site& site, const std::string& request_id, const directory::Innovation& i,
                                    std::size_t limit, double min_score) {
  if (!site.search) return nlohmann::json::array();
  const auto text = i.name + "\n" + i.summary + "\n" + i.problem + "\n" + i.solution;
  auto similar = site.search->similar_to_text("innovation", text, i.id, limit);
  if (!similar) {
    site.log->warn("{} duplicates of innovation {}: {}", request_id, i.id, similar.error().message());
    return nlohmann::json::array();
  }
  return similar_items(*similar, i.id, min_score);
}

void register_search_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  // clang-format off
  // method  pattern    handler          access
  router.get("/cari",   "get_search",    "public", bind(get_search));
  router.get("/solusi", "get_solutions", "public", bind(get_solutions));
  // clang-format on
}

}  // namespace lumbung::web
