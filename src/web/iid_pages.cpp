// The regional innovation index (IID) pages:
//   public:   /iid (ranking per cluster), /iid/{tahun}/daerah/{kode} (a
//             region's breakdown, every number expandable into its answers),
//             /iid/{tahun}/peringkat.csv (export)
//   region:   /iid/{tahun}/pengisian (the region admin's submission: SPD
//             answers, innovations with their SID answers, evidence uploads,
//             the provisional score and what is missing, submit)
//   curators: /kurasi/iid (frameworks, copy), /kurasi/iid/{tahun} (settings,
//             window, bands), /kurasi/iid/{tahun}/indikator/{nomor},
//             /kurasi/iid/{tahun}/verifikasi (evidence queue, QC overrides)
// The rules live in index::IidService; handlers translate HTTP and render.
#include <algorithm>
#include <array>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <sstream>

#include "core/ids.hpp"
#include "index/iid_service.hpp"
#include "web/format.hpp"
#include "web/iid_access.hpp"
#include "web/iid_view.hpp"
#include "web/ttl_cache.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

const Clock& clock() {
  static const SystemClock kClock;
  return kClock;
}

// One service per process (it keeps the frameworks in memory for a few seconds).
index::IidService& service(const Site& site) {
  static index::IidService instance(site.db, clock(), site.files_dir() / "iid");
  return instance;
}

// The public rankings of each year, computed at most once per
// kRankingTtlSeconds (scoring 550 entries takes about a second); this node's
// own submissions and verification decisions show at once.
constexpr std::int64_t kRankingTtlSeconds = 10;
using RankingCache = TtlCache<std::vector<index::RankingRow>>;

RankingCache& ranking_cache(int year) {
  static std::mutex mu;
  static std::map<int, std::unique_ptr<RankingCache>> caches;
  std::lock_guard lock(mu);
  auto& c = caches[year];
  if (!c) c = std::make_unique<RankingCache>(clock(), kRankingTtlSeconds);
  return *c;
}

// The ranking of `kind`'s regions ("" = all; "perbatasan" and "tertinggal"
// = the regions curators flagged for that year), ranked within that cluster.
Result<std::vector<index::RankingRow>> cluster_ranking(const Site& site, int year, const std::string& kind) {
  auto all = ranking_cache(year).get([&] { return service(site).ranking(year, ""); });
  if (!all) return all.error();
  std::set<std::string> flagged;
  const bool by_flag = index::is_flag_cluster(kind);
  if (by_flag) {
    auto regions = service(site).cluster_regions(year, kind);
    if (!regions) return regions.error();
    for (const auto& r : *regions) flagged.insert(r.code);
  }
  std::vector<index::RankingRow> rows;
  for (const auto& r : *all)
    if (kind.empty() || (by_flag ? flagged.count(r.region.code) > 0 : r.region.kind == kind)) rows.push_back(r);
  // Already in ranking order: competition ranks again within the cluster.
  for (std::size_t i = 0; i < rows.size(); ++i)
    rows[i].rank = (i > 0 && rows[i].score.index_x100 == rows[i - 1].score.index_x100) ? rows[i - 1].rank
                                                                                       : static_cast<int>(i) + 1;
  return rows;
}

std::string text(const Site& site, const std::string& lang, const std::string& key) {
  return site.catalog.text(lang, key);
}

// The catalogue text of an error's first field key (or of its code).
std::string error_message(const Site& site, const std::string& lang, const Error& e) {
  if (!e.fields().empty()) return text(site, lang, e.fields().front().key);
  return text(site, lang, "iid.error.generic");
}

// A text for a mustache section: absent (false) when empty.
nlohmann::json opt(const std::string& value) { return value.empty() ? nlohmann::json() : nlohmann::json(value); }

unsigned error_status(const Error& e) {
  if (e.code() == ErrorCode::invalid) {
    for (const auto& f : e.fields())
      if (f.key == "editor.file_too_large") return 413;
    return 400;
  }
  return http_status(e.code());
}

std::optional<int> year_param(const http::Request& req) {
  auto it = req.path_params.find("tahun");
  if (it == req.path_params.end() || it->second.size() != 4) return std::nullopt;
  auto id = parse_id(it->second);
  if (!id) return std::nullopt;
  return static_cast<int>(*id);
}

std::string status_label(const Site& site, const std::string& lang, const std::string& status) {
  if (status.empty()) return text(site, lang, "iid.status.unanswered");
  return text(site, lang, "iid.status." + status);
}

nlohmann::json score_json(const Site& site, const std::string& lang, const index::Score& s) {
  return {{"spd", index::format_points(s.spd)},
          {"sid", index::format_points(s.sid)},
          {"sid_sum", index::format_points(s.sid_sum)},
          {"divisor", s.divisor},
          {"count", index::format_points(s.count_score)},
          {"total", index::format_points(s.total)},
          {"maximum", index::format_points(s.maximum)},
          {"index", index::format_x100(s.index_x100)},
          {"predicate", s.predicate.empty() ? text(site, lang, "iid.no_band") : s.predicate},
          {"innovations", s.innovations}};
}

std::string innovation_name(const index::SubmissionView& v, std::int64_t id) {
  for (const auto& i : v.innovations)
    if (i.id == id) return i.name;
  return std::to_string(id);
}

// "Indikator 16 · Regulasi inovasi daerah · Makassar Sehat" for "501:16".
std::string describe_key(const Site& site, const std::string& lang, const index::SubmissionView& v,
                         const std::string& key) {
  const auto colon = key.find(':');
  const auto inn = parse_id(key.substr(0, colon)).value_or(0);
  const auto number = key.substr(colon + 1);
  std::string out = fill(text(site, lang, "iid.indicator_n"), {{"number", number}});
  if (const auto* ind = v.framework.indicator(number)) out += " · " + ind->name;
  if (inn != 0) out += " · " + innovation_name(v, inn);
  return out;
}

// The error to show next to one indicator's form after a failed save.
struct FormError {
  std::int64_t innovation_id = 0;
  std::string number;
  std::string message;
  int param = 0;
};

std::string evidence_url(int year, const std::string& region, std::int64_t inn, const std::string& number) {
  return "/iid/" + std::to_string(year) + "/bukti/" + region + "/" + std::to_string(inn) + "/" + number;
}

// The indicators of one aspect (for one innovation, 0 for SPD) as rows of
// the submission page or the public breakdown.
nlohmann::json indicator_rows(const Site& site, const std::string& lang, const index::SubmissionView& v,
                              const std::string& aspect, std::int64_t innovation_id, bool show_evidence,
                              const std::optional<FormError>& error) {
  std::map<std::string, const index::Answer*> answers;
  for (const auto& a : v.answers)
    if (a.innovation_id == innovation_id) answers[a.number] = &a;
  std::map<std::string, const index::Line*> lines;
  for (const auto& l : v.score.lines)
    if (l.innovation_id == innovation_id) lines[l.number] = &l;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& ind : v.framework.indicators) {
    if (ind.aspect != aspect) continue;
    const index::Answer* a = answers.count(ind.number) ? answers[ind.number] : nullptr;
    const index::Line* line = lines.count(ind.number) ? lines[ind.number] : nullptr;
    const bool has_error = error && error->innovation_id == innovation_id && error->number == ind.number;
    const int chosen = has_error ? error->param : (a ? a->param : 0);
    nlohmann::json options = nlohmann::json::array();
    std::string chosen_label;
    for (const auto& o : ind.options) {
      options.push_back({{"param", o.param}, {"label", o.label}, {"selected", o.param == chosen}});
      if (a && o.param == a->param) chosen_label = o.label;
    }
    const auto* variable = v.framework.variable(ind.variable);
    const std::string status = a ? a->status : "";
    nlohmann::json row = {{"anchor", "i-" + std::to_string(innovation_id) + "-" + ind.number},
                          {"number", ind.number},
                          {"name", ind.name},
                          {"variable", variable ? variable->name : ind.variable},
                          {"weight", index::format_x100(ind.weight_x100)},
                          {"mandatory", ind.mandatory},
                          {"evidence_rule", ind.evidence},
                          {"options", options},
                          {"innovation_id", innovation_id},
                          {"answered", a != nullptr && a->param > 0},
                          {"chosen", chosen_label},
                          {"points", index::format_x100(line ? line->points_x100 : 0)},
                          {"status", status_label(site, lang, status)},
                          {"status_class", status.empty() ? "unanswered" : status},
                          {"rejected", status == index::kRejected},
                          {"reason", opt(a ? a->reason : "")},
                          {"qc_note", opt(a ? a->qc_note : "")},
                          {"has_evidence", a != nullptr && !a->evidence_file.empty()},
                          {"evidence_name", a ? a->evidence_name : ""},
                          {"error", opt(has_error ? error->message : "")}};
    if (show_evidence && a && !a->evidence_file.empty())
      row["evidence_url"] = evidence_url(v.framework.year, v.region.code, innovation_id, ind.number);
    rows.push_back(std::move(row));
  }
  return rows;
}

// The score by variable, each expandable into its indicator lines.
nlohmann::json variable_breakdown(const Site& site, const std::string& lang, const index::SubmissionView& v,
                                  bool show_evidence) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& var : v.framework.variables) {
    nlohmann::json lines = nlohmann::json::array();
    const std::vector<std::int64_t> owners = [&] {
      std::vector<std::int64_t> ids;
      if (var.aspect == index::kSid)
        for (const auto& i : v.innovations) ids.push_back(i.id);
      else
        ids.push_back(0);
      return ids;
    }();
    for (auto owner : owners)
      for (auto& row : indicator_rows(site, lang, v, var.aspect, owner, show_evidence, std::nullopt)) {
        if (row["variable"] != var.name) continue;
        if (owner != 0) row["innovation"] = innovation_name(v, owner);
        lines.push_back(std::move(row));
      }
    const auto it = v.score.by_variable.find(var.code);
    out.push_back({{"name", var.name},
                   {"aspect", var.aspect == index::kSid ? "SID" : "SPD"},
                   {"points", index::format_points(it == v.score.by_variable.end() ? 0 : it->second)},
                   {"is_count", var.code == v.framework.count_variable},
                   {"lines", lines}});
  }
  return out;
}

nlohmann::json base_model(http::RequestContext& ctx, const char* title_key) {
  const auto& vis = visitor(ctx);
  return {{"title_key", title_key},
          {"is_admin", has_role(vis, auth::Role::admin)},
          {"is_curator", has_role(vis, auth::Role::curator)},
          {"tab_iid", true}};
}

// ---------------------------------------------------------------- public

http::Response get_ranking(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto& svc = service(site);
  auto years = svc.years();
  if (!years) return error_page(site, req, ctx, http_status(years.error().code()));
  nlohmann::json model = {{"title_key", "iid.title"}};
  if (years->empty()) {
    model["no_years"] = true;
    return render_page(site, req, ctx, "iid/peringkat", std::move(model));
  }
  int year = years->front();
  if (auto y = req.query.get("tahun")) {
    auto parsed = parse_id(*y);
    if (!parsed || std::find(years->begin(), years->end(), static_cast<int>(*parsed)) == years->end())
      return error_page(site, req, ctx, 404, "iid.error.no_year", {{"year", *y}});
    year = static_cast<int>(*parsed);
  }
  const auto cluster = req.query.get_or("klaster", "");
  const auto kind = cluster_kind(cluster);
  auto rows = cluster_ranking(site, year, kind);
  if (!rows) return error_page(site, req, ctx, http_status(rows.error().code()));
  nlohmann::json year_links = nlohmann::json::array();
  for (int y : *years)
    year_links.push_back({{"year", y},
                          {"url", "/iid?tahun=" + std::to_string(y) + (kind.empty() ? "" : "&klaster=" + cluster)},
                          {"current", y == year}});
  nlohmann::json clusters = nlohmann::json::array();
  for (const char* c : {"", "provinsi", "kabupaten", "kota", "perbatasan", "tertinggal"})
    clusters.push_back({{"label", text(site, lang, std::string("iid.cluster.") + (*c ? c : "semua"))},
                        {"url", "/iid?tahun=" + std::to_string(year) + (*c ? std::string("&klaster=") + c : "")},
                        {"current", cluster_kind(c) == kind}});
  nlohmann::json list = nlohmann::json::array();
  for (const auto& r : *rows) {
    auto s = score_json(site, lang, r.score);
    s["rank"] = r.rank;
    s["region"] = r.region.name;
    s["url"] = "/iid/" + std::to_string(year) + "/daerah/" + r.region.code;
    list.push_back(std::move(s));
  }
  model["year"] = year;
  model["years"] = year_links;
  model["clusters"] = clusters;
  model["flag_cluster"] = index::is_flag_cluster(kind);
  model["rows"] = list;
  model["has_rows"] = !list.empty();
  model["csv_url"] = "/iid/" + std::to_string(year) + "/peringkat.csv" + (kind.empty() ? "" : "?klaster=" + cluster);
  model["xlsx_url"] = "/iid/" + std::to_string(year) + "/peringkat.xlsx" + (kind.empty() ? "" : "?klaster=" + cluster);
  // Links to the visitor's own work on this year.
  const auto& vis = visitor(ctx);
  if (has_role(vis, auth::Role::region_admin)) model["filling_url"] = "/iid/" + std::to_string(year) + "/pengisian";
  if (has_role(vis, auth::Role::curator)) model["verify_url"] = "/kurasi/iid/" + std::to_string(year) + "/verifikasi";
  model["count"] = fill(text(site, lang, "iid.count"), {{"count", std::to_string(list.size())}});
  auto r = render_page(site, req, ctx, "iid/peringkat", std::move(model));
  r.header("Cache-Control", "no-cache");
  return r;
}

// The ranking of a year (and cluster) as a file: CSV, or XLSX when `xlsx`.
http::Response export_ranking(const Site& site, const http::Request& req, http::RequestContext& ctx, bool xlsx) {
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  auto rows = cluster_ranking(site, *year, cluster_kind(req.query.get_or("klaster", "")));
  if (!rows) return error_page(site, req, ctx, http_status(rows.error().code()));
  http::Response r;
  r.status = 200;
  if (xlsx) {
    auto book = ranking_xlsx(*year, *rows, site.data_dir / "tmp");
    if (!book) {
      site.log->error("{} export_ranking: {}", ctx.request_id, book.error().message());
      return error_page(site, req, ctx, 503);
    }
    r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    r.body = std::move(*book);
    r.cacheable = false;  // already compressed
  } else {
    r.content_type = "text/csv; charset=utf-8";
    r.body = ranking_csv(*year, *rows);
  }
  r.header("Content-Disposition",
           "attachment; filename=\"iid-" + std::to_string(*year) + (xlsx ? ".xlsx" : ".csv") + "\"");
  r.header("Cache-Control", "no-cache");
  return r;
}

http::Response get_ranking_csv(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return export_ranking(site, req, ctx, false);
}

http::Response get_ranking_xlsx(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return export_ranking(site, req, ctx, true);
}

http::Response get_region(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  const auto& code = req.path_params.at("kode");
  auto& svc = service(site);
  auto v = svc.view(*year, code);
  if (!v) return error_page(site, req, ctx, http_status(v.error().code()));
  const auto grants = grants_of(visitor(ctx));
  const bool insider = index::may_fill(grants, code) || index::may_verify(grants);
  const bool submitted = v->submission && v->submission->status == "submitted";
  // Drafts are visible to their region and the curators only.
  if (!submitted && !insider) return error_page(site, req, ctx, 404, "iid.error.not_published");
  nlohmann::json model = {{"title_key", "iid.region_title"}};
  model.erase("title_key");
  model["title"] = v->region.name + " · IID " + std::to_string(*year);
  model["region"] = v->region.name;
  model["year"] = *year;
  model["draft"] = !submitted;
  model["score"] = score_json(site, lang, v->score);
  model["variables"] = variable_breakdown(site, lang, *v, insider);
  nlohmann::json history = nlohmann::json::array();
  if (auto years = svc.years())
    for (int y : *years) {
      if (y == *year) continue;
      auto other = svc.view(y, code);
      if (!other || !other->submission || other->submission->status != "submitted") continue;
      history.push_back({{"year", y},
                         {"index", index::format_x100(other->score.index_x100)},
                         {"predicate", other->score.predicate},
                         {"url", "/iid/" + std::to_string(y) + "/daerah/" + code}});
    }
  model["history"] = history;
  model["has_history"] = !history.empty();
  model["ranking_url"] = "/iid?tahun=" + std::to_string(*year);
  auto r = render_page(site, req, ctx, "iid/daerah", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response get_old_index(const Site&, const http::Request&, http::RequestContext&) {
  return http::Response::redirect("/iid", 301);
}

// ---------------------------------------------------------------- region submission

// The region codes the visitor administers.
std::vector<std::string> own_regions(http::RequestContext& ctx) {
  std::vector<std::string> out;
  for (const auto& g : grants_of(visitor(ctx)))
    if (g.role == auth::Role::region_admin && g.scope.kind == auth::ScopeKind::region) out.push_back(g.scope.ref);
  return out;
}

// The region a submission request is about: the "daerah" field or query, else
// the visitor's only region; "" when it must be chosen.
std::string chosen_region(const http::Request& req, http::RequestContext& ctx, const std::string& field = {}) {
  if (!field.empty()) return field;
  if (auto d = req.query.get("daerah"); d && !d->empty()) return *d;
  const auto own = own_regions(ctx);
  return own.size() == 1 ? own.front() : std::string();
}

// Entries with more innovations than this show one innovation's answers at a time.
constexpr std::size_t kInnovationsInline = 10;

std::string filling_path(int year, const std::string& region) {
  return "/iid/" + std::to_string(year) + "/pengisian?daerah=" + url_encode(region);
}

struct FillingPage {
  int year = 0;
  std::string region;
  std::optional<FormError> error;
  std::string alert;
  std::vector<std::string> alert_items;  // answer keys the alert is about ("innovation_id:number")
  // The new-innovation form as typed, and its field errors (catalogue texts).
  std::string typed_name, typed_summary;
  std::map<std::string, std::string> register_errors;
  unsigned status = 200;
};

http::Response filling_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                            const FillingPage& page) {
  const auto& lang = lang_of(ctx);
  auto model = base_model(ctx, "iid.filling_title");
  model["year"] = page.year;
  const auto own = own_regions(ctx);
  if (page.region.empty()) {
    // An admin or a holder of several regions picks one.
    nlohmann::json choices = nlohmann::json::array();
    for (const auto& code : own) choices.push_back({{"code", code}, {"url", filling_path(page.year, code)}});
    model["choose"] = true;
    model["choices"] = choices;
    return render_page(site, req, ctx, "iid/pengisian", std::move(model), page.status);
  }
  if (!index::may_fill(grants_of(visitor(ctx)), page.region))
    return error_page(site, req, ctx, 403, "iid.error.not_yours");
  auto& svc = service(site);
  auto v = svc.view(page.year, page.region);
  if (!v) return error_page(site, req, ctx, http_status(v.error().code()));
  model["region"] = v->region.name;
  model["region_code"] = v->region.code;
  model["score"] = score_json(site, lang, v->score);
  model["editable"] = v->editable;
  model["submitted"] = v->submission && v->submission->status == "submitted";
  if (v->submission && v->submission->submitted_at > 0)
    model["submitted_at"] = format_datetime(v->submission->submitted_at, lang);
  model["window"] =
      fill(text(site, lang, "iid.window"), {{"opens", format_datetime(v->framework.window_opens, lang)},
                                            {"closes", format_datetime(v->framework.window_closes, lang)}});
  if (!v->editable) {
    const auto now = clock().now();
    std::string key = "iid.error.already_submitted";
    if (!model["submitted"].get<bool>())
      key = now < v->framework.window_opens ? "iid.error.window_not_open" : "iid.error.window_closed";
    model["locked"] = text(site, lang, key);
  }
  // Rejections first: the region must see why.
  nlohmann::json rejected = nlohmann::json::array();
  for (const auto& a : v->answers)
    if (a.status == index::kRejected)
      rejected.push_back({{"what", describe_key(site, lang, *v, std::to_string(a.innovation_id) + ":" + a.number)},
                          {"reason", a.reason},
                          {"anchor", "i-" + std::to_string(a.innovation_id) + "-" + a.number}});
  model["rejected"] = rejected;
  model["has_rejected"] = !rejected.empty();
  nlohmann::json missing = nlohmann::json::array();
  for (const auto& key : v->score.missing_mandatory) missing.push_back(describe_key(site, lang, *v, key));
  model["missing_mandatory"] = missing;
  model["has_missing_mandatory"] = !missing.empty();
  model["missing_optional_count"] = v->score.missing_optional.size();
  model["has_missing_optional"] = !v->score.missing_optional.empty();
  // SPD indicators grouped by variable.
  nlohmann::json spd = nlohmann::json::array();
  const auto spd_rows = indicator_rows(site, lang, *v, index::kSpd, 0, true, page.error);
  for (const auto& var : v->framework.variables) {
    if (var.aspect != index::kSpd) continue;
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : spd_rows)
      if (r["variable"] == var.name) rows.push_back(r);
    spd.push_back({{"name", var.name}, {"rows", rows}});
  }
  model["spd"] = spd;
  // A long entry (up to 50 innovations and more) shows each innovation's
  // answers on its own: the list gives name and progress, and ?inovasi={id}
  // opens one (as does a failed save of it).
  nlohmann::json innovations = nlohmann::json::array();
  std::set<std::int64_t> chosen;
  const bool long_entry = v->innovations.size() > kInnovationsInline;
  std::int64_t focus = parse_id(req.query.get_or("inovasi", "")).value_or(0);
  if (page.error && page.error->innovation_id != 0) focus = page.error->innovation_id;
  std::size_t sid_indicators = 0;
  for (const auto& ind : v->framework.indicators) sid_indicators += ind.aspect == index::kSid;
  for (const auto& i : v->innovations) {
    chosen.insert(i.id);
    const bool shown = !long_entry || i.id == focus;
    std::size_t answered = 0;
    for (const auto& a : v->answers) answered += a.innovation_id == i.id && a.param != 0;
    innovations.push_back(
        {{"id", i.id},
         {"name", i.name},
         {"open", i.id == focus},
         {"collapsed", !shown},
         {"open_url", filling_path(page.year, page.region) + "&inovasi=" + std::to_string(i.id) + "#inovasi-" +
                          std::to_string(i.id)},
         {"progress", fill(text(site, lang, "iid.innovation_progress"),
                           {{"answered", std::to_string(answered)}, {"total", std::to_string(sid_indicators)}})},
         {"rows",
          shown ? indicator_rows(site, lang, *v, index::kSid, i.id, true, page.error) : nlohmann::json::array()}});
  }
  model["innovations"] = innovations;
  model["has_innovations"] = !innovations.empty();
  nlohmann::json candidates = nlohmann::json::array();
  if (auto all = svc.candidates(page.region))
    for (const auto& c : *all)
      if (!chosen.count(c.id)) candidates.push_back({{"id", c.id}, {"name", c.name}});
  model["candidates"] = candidates;
  model["has_candidates"] = !candidates.empty();
  model["new_innovation_url"] = "/inovasi/baru";
  nlohmann::json register_errors = nlohmann::json::object();
  for (const auto& [field, message] : page.register_errors) register_errors[field] = message;
  model["register"] = {{"name", page.typed_name},
                       {"summary", page.typed_summary},
                       {"errors", register_errors},
                       {"open", !page.register_errors.empty()}};
  model["public_url"] = "/iid/" + std::to_string(page.year) + "/daerah/" + page.region;
  if (!page.alert.empty()) model["alert"] = page.alert;
  nlohmann::json alert_items = nlohmann::json::array();
  for (const auto& key : page.alert_items) {
    const auto colon = key.find(':');
    alert_items.push_back({{"what", describe_key(site, lang, *v, key)},
                           {"anchor", "i-" + key.substr(0, colon) + "-" + key.substr(colon + 1)}});
  }
  model["alert_items"] = alert_items;
  model["has_alert_items"] = !alert_items.empty();
  static const std::map<std::string, std::string> kNotices = {{"disimpan", "iid.notice.saved"},
                                                              {"ditambah", "iid.notice.added"},
                                                              {"dihapus", "iid.notice.removed"},
                                                              {"dikirim", "iid.notice.submitted"},
                                                              {"didaftarkan", "iid.notice.registered"}};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end())
    model["notice"] = text(site, lang, it->second);
  auto r = render_page(site, req, ctx, "iid/pengisian", std::move(model), page.status);
  r.cacheable = false;
  return r;
}

http::Response get_filling(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  if (auto f = service(site).framework(*year); !f) return error_page(site, req, ctx, http_status(f.error().code()));
  return filling_page(site, req, ctx, FillingPage{*year, chosen_region(req, ctx)});
}

// The answer to a failed write: the page again with the message (nothing
// typed is lost: the chosen option stays selected).
http::Response failed_write(const Site& site, const http::Request& req, http::RequestContext& ctx, int year,
                            const std::string& region, const Error& e, std::optional<FormError> at = std::nullopt) {
  if (e.code() == ErrorCode::not_found) return error_page(site, req, ctx, 404);
  if (e.code() == ErrorCode::internal || e.code() == ErrorCode::unavailable) {
    site.log->error("{} iid write: {}", ctx.request_id, e.message());
    return error_page(site, req, ctx, http_status(e.code()));
  }
  FillingPage page{year, region};
  page.alert = error_message(site, lang_of(ctx), e);
  // A refused submission lists every answer still without evidence.
  for (std::size_t i = 1; i < e.fields().size(); ++i)
    if (e.fields()[i].key == "iid.error.evidence_missing") page.alert_items.push_back(e.fields()[i].field);
  if (at) {
    at->message = page.alert;
    page.error = std::move(at);
  }
  page.status = error_status(e);
  return filling_page(site, req, ctx, page);
}

http::Response post_answer(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  auto parts = req.multipart();
  std::map<std::string, const http::Part*> fields;
  if (parts)
    for (const auto& p : *parts) fields.emplace(p.name, &p);
  else if (auto form = req.form(); !form)
    return error_page(site, req, ctx, 400);
  auto value = [&](const char* name) -> std::string {
    if (parts) return fields.count(name) ? fields[name]->data : std::string();
    auto form = req.form();
    return form ? form->get_or(name, "") : std::string();
  };
  const auto region = value("daerah");
  if (region.empty()) return error_page(site, req, ctx, 400);
  index::AnswerInput in;
  in.innovation_id = parse_id(value("inovasi")).value_or(0);
  in.number = value("nomor");
  in.param = static_cast<int>(parse_id(value("param")).value_or(0));
  if (parts && fields.count("bukti") && !fields["bukti"]->filename.empty()) {
    in.file_name = fields["bukti"]->filename;
    in.file_data = fields["bukti"]->data;
  }
  auto saved = service(site).save_answer(actor_of(req, ctx), *year, region, in, site.config.max_upload_bytes);
  if (!saved)
    return failed_write(site, req, ctx, *year, region, saved.error(),
                        FormError{in.innovation_id, in.number, "", in.param});
  return http::Response::redirect(filling_path(*year, region) +
                                      (in.innovation_id != 0 ? "&inovasi=" + std::to_string(in.innovation_id) : "") +
                                      "&pesan=disimpan#i-" + std::to_string(in.innovation_id) + "-" + in.number,
                                  303);
}

// The entry's form posts without a file (add or remove an innovation, submit):
// `write` runs the service call for (year, region, the "inovasi" field); on
// success the page again with `notice`, at `anchor`.
using EntryWrite = Status (*)(index::IidService&, const auth::Actor&, int, const std::string&, std::int64_t);

http::Response entry_write(const Site& site, const http::Request& req, http::RequestContext& ctx, EntryWrite write,
                           const std::string& notice, const std::string& anchor) {
  auto year = year_param(req);
  auto form = req.form();
  if (!year || !form) return error_page(site, req, ctx, year ? 400 : 404);
  const auto region = form->get_or("daerah", "");
  const auto id = parse_id(form->get_or("inovasi", "")).value_or(0);
  auto& svc = service(site);
  if (auto st = write(svc, actor_of(req, ctx), *year, region, id); !st)
    return failed_write(site, req, ctx, *year, region, st.error());
  return http::Response::redirect(filling_path(*year, region) + "&pesan=" + notice + anchor, 303);
}

http::Response post_add_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  const auto id = form ? form->get_or("inovasi", "") : std::string();
  return entry_write(
      site, req, ctx,
      [](index::IidService& s, const auth::Actor& a, int y, const std::string& r, std::int64_t i) {
        return s.add_innovation(a, y, r, i);
      },
      "ditambah", "#inovasi-" + std::to_string(parse_id(id).value_or(0)));
}

http::Response post_remove_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return entry_write(
      site, req, ctx,
      [](index::IidService& s, const auth::Actor& a, int y, const std::string& r, std::int64_t i) {
        return s.remove_innovation(a, y, r, i);
      },
      "dihapus", "#inovasi");
}

// Registers a new innovation of the region (a draft in the repository, through
// the directory service, so it is found and completed like any other) and adds
// it to the entry. Form fields: daerah, nama, ringkasan.
http::Response post_register_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  auto form = req.form();
  if (!year || !form) return error_page(site, req, ctx, year ? 400 : 404);
  const auto region = form->get_or("daerah", "");
  auto& svc = service(site);
  const auto actor = actor_of(req, ctx);
  if (!index::may_fill(actor.grants, region))
    return failed_write(
        site, req, ctx, *year, region,
        Error(ErrorCode::forbidden, "iid register: not this region's admin", {{"region", "iid.error.not_yours"}}));
  // Nothing is created when the entry cannot take it (window, submitted).
  auto v = svc.view(*year, region);
  if (!v) return failed_write(site, req, ctx, *year, region, v.error());
  if (!v->editable) {
    const bool submitted = v->submission && v->submission->status != "draft";
    const char* key = submitted                                   ? "iid.error.already_submitted"
                      : clock().now() < v->framework.window_opens ? "iid.error.window_not_open"
                                                                  : "iid.error.window_closed";
    return failed_write(site, req, ctx, *year, region, Error(ErrorCode::conflict, "iid register", {{"window", key}}));
  }
  directory::InnovationDraft draft;
  draft.name = form->get_or("nama", "");
  draft.summary = form->get_or("ringkasan", "");
  draft.region_code = region;
  auto created = site.innovations.create_draft(actor.user_id, draft);
  if (!created) {
    if (created.error().code() != ErrorCode::invalid)
      return failed_write(site, req, ctx, *year, region, created.error());
    const auto& lang = lang_of(ctx);
    FillingPage page{*year, region};
    page.typed_name = draft.name;
    page.typed_summary = draft.summary;
    for (const auto& f : created.error().fields()) page.register_errors[f.field] = text(site, lang, f.key);
    page.alert = text(site, lang, "form.has_errors");
    page.status = 400;
    return filling_page(site, req, ctx, page);
  }
  if (auto st = svc.add_innovation(actor, *year, region, created->id); !st)
    return failed_write(site, req, ctx, *year, region, st.error());
  return http::Response::redirect(
      filling_path(*year, region) + "&pesan=didaftarkan#inovasi-" + std::to_string(created->id), 303);
}

http::Response post_submit(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return entry_write(
      site, req, ctx,
      [](index::IidService& s, const auth::Actor& a, int y, const std::string& r, std::int64_t) -> Status {
        if (auto sub = s.submit(a, y, r); !sub) return sub.error();
        ranking_cache(y).invalidate();
        return {};
      },
      "dikirim", "");
}

http::Response get_evidence(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  const auto& region = req.path_params.at("kode");
  const auto grants = grants_of(visitor(ctx));
  if (!index::may_fill(grants, region) && !index::may_verify(grants)) return error_page(site, req, ctx, 404);
  const auto inn = parse_id(req.path_params.at("inovasi"));
  auto& svc = service(site);
  auto v = svc.view(*year, region);
  if (!v || !inn) return error_page(site, req, ctx, 404);
  for (const auto& a : v->answers) {
    if (a.innovation_id != *inn || a.number != req.path_params.at("nomor") || a.evidence_file.empty()) continue;
    std::ifstream in(svc.evidence_path(a.evidence_file), std::ios::binary);
    if (!in) break;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    http::Response r;
    r.status = 200;
    r.content_type = a.evidence_type.empty() ? "application/octet-stream" : a.evidence_type;
    r.body = bytes.str();
    r.cacheable = false;
    r.header("Cache-Control", "private, no-store");
    r.header("Content-Disposition", "inline; filename*=UTF-8''" + url_encode(a.evidence_name));
    return r;
  }
  return error_page(site, req, ctx, 404);
}

// ---------------------------------------------------------------- verification

http::Response verification_page(const Site& site, const http::Request& req, http::RequestContext& ctx, int year,
                                 const std::string& alert = {}, unsigned status = 200) {
  const auto& lang = lang_of(ctx);
  const bool all = req.query.get_or("semua", "") == "1";
  auto items = service(site).queue(year, all);
  if (!items) return error_page(site, req, ctx, http_status(items.error().code()));
  // Quality control by sampling: ?semua=1&sampel=N shows N answers drawn at
  // random (the same draw for the same N and year, so a reviewer can come back).
  const auto sample = parse_id(req.query.get_or("sampel", "")).value_or(0);
  if (all && sample > 0 && static_cast<std::size_t>(sample) < items->size()) {
    std::mt19937_64 draw(static_cast<std::uint64_t>(year) * 1000003u + static_cast<std::uint64_t>(sample));
    std::shuffle(items->begin(), items->end(), draw);
    items->resize(static_cast<std::size_t>(sample));
  }
  auto model = base_model(ctx, "iid.verify_title");
  model["year"] = year;
  model["sample_url"] = "/kurasi/iid/" + std::to_string(year) + "/verifikasi?semua=1&sampel=20";
  model["all"] = all;
  model["action"] = "/kurasi/iid/" + std::to_string(year) + "/verifikasi" + std::string(all ? "?semua=1" : "");
  model["toggle_url"] = "/kurasi/iid/" + std::to_string(year) + "/verifikasi" + std::string(all ? "" : "?semua=1");
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& it : *items) {
    const auto& a = it.answer;
    rows.push_back({{"region", it.region.name},
                    {"region_code", it.region.code},
                    {"innovation_id", a.innovation_id},
                    {"innovation", opt(it.innovation_name)},
                    {"number", a.number},
                    {"indicator", it.indicator_name},
                    {"option", it.option_label},
                    {"param", a.param},
                    {"status", status_label(site, lang, a.status)},
                    {"status_class", a.status},
                    {"pending", a.status == index::kPending},
                    {"reason", opt(a.reason)},
                    {"qc_note", opt(a.qc_note)},
                    {"has_evidence", !a.evidence_file.empty()},
                    {"evidence_name", a.evidence_name},
                    {"evidence_url", evidence_url(year, it.region.code, a.innovation_id, a.number)},
                    {"region_url", "/iid/" + std::to_string(year) + "/daerah/" + it.region.code}});
  }
  model["rows"] = rows;
  model["has_rows"] = !rows.empty();
  model["count"] = fill(text(site, lang, all ? "iid.verify_count_all" : "iid.verify_count"),
                        {{"count", std::to_string(rows.size())}});
  if (!alert.empty()) model["alert"] = alert;
  if (req.query.get_or("pesan", "") == "diputus") model["notice"] = text(site, lang, "iid.notice.decided");
  auto r = render_page(site, req, ctx, "iid/verifikasi", std::move(model), status);
  r.cacheable = false;
  return r;
}

http::Response get_verification(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  return verification_page(site, req, ctx, *year);
}

http::Response post_verification(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  auto form = req.form();
  if (!year || !form) return error_page(site, req, ctx, year ? 400 : 404);
  const auto decision = form->get_or("keputusan", "");
  if (decision != "terima" && decision != "tolak") return error_page(site, req, ctx, 400);
  const bool qc = form->get_or("qc", "") == "1";
  auto st = service(site).decide(actor_of(req, ctx), *year, form->get_or("daerah", ""),
                                 parse_id(form->get_or("inovasi", "")).value_or(0), form->get_or("nomor", ""),
                                 decision == "terima", form->get_or("alasan", ""), qc);
  if (!st) {
    if (st.error().code() == ErrorCode::not_found) return error_page(site, req, ctx, 404);
    return verification_page(site, req, ctx, *year, error_message(site, lang_of(ctx), st.error()),
                             error_status(st.error()));
  }
  ranking_cache(*year).invalidate();
  const bool all = req.query.get_or("semua", "") == "1";
  return http::Response::redirect(
      "/kurasi/iid/" + std::to_string(*year) + "/verifikasi?" + std::string(all ? "semua=1&" : "") + "pesan=diputus",
      303);
}

// ---------------------------------------------------------------- frameworks

http::Response get_frameworks(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto years = service(site).years();
  if (!years) return error_page(site, req, ctx, http_status(years.error().code()));
  auto model = base_model(ctx, "iid.frameworks_title");
  nlohmann::json rows = nlohmann::json::array();
  for (int y : *years)
    rows.push_back({{"year", y},
                    {"url", "/kurasi/iid/" + std::to_string(y)},
                    {"verify_url", "/kurasi/iid/" + std::to_string(y) + "/verifikasi"}});
  model["rows"] = rows;
  model["from_value"] = req.query.get_or("dari", years->empty() ? "" : std::to_string(years->front()));
  model["to_value"] = req.query.get_or("ke", years->empty() ? "" : std::to_string(years->front() + 1));
  if (auto e = req.query.get("galat")) model["alert"] = text(site, lang, "iid.error." + *e);
  return render_page(site, req, ctx, "iid/kerangka", std::move(model));
}

http::Response post_copy_framework(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto from_text = form->get_or("dari", ""), to_text = form->get_or("ke", "");
  const auto from = parse_id(from_text), to = parse_id(to_text);
  auto back = [&](const std::string& key) {
    return http::Response::redirect(
        "/kurasi/iid?galat=" + key + "&dari=" + url_encode(from_text) + "&ke=" + url_encode(to_text), 303);
  };
  if (!from || !to) return back("year");
  auto copied = service(site).copy_framework(actor_of(req, ctx), static_cast<int>(*from), static_cast<int>(*to));
  if (!copied) {
    const auto& e = copied.error();
    if (e.code() == ErrorCode::invalid && !e.fields().empty()) return back(e.fields().front().key.substr(10));
    if (e.code() == ErrorCode::not_found) return back("year");
    return error_page(site, req, ctx, http_status(e.code()));
  }
  return http::Response::redirect("/kurasi/iid/" + std::to_string(*to) + "?pesan=disalin", 303);
}

// What the settings form shows: stored values or what was typed.
struct SettingsForm {
  std::string floor, points, cap, opens, closes, note;
  std::vector<std::array<std::string, 3>> bands;
};

SettingsForm settings_form(const index::Framework& f) {
  SettingsForm s{std::to_string(f.divisor_floor),
                 index::format_x100(f.count_points_x100),
                 std::to_string(f.count_cap),
                 format_date(f.window_opens),
                 format_date(f.window_closes - 1),
                 f.note,
                 {}};
  for (const auto& b : f.bands)
    s.bands.push_back({b.name, index::format_x100(b.min_x100), index::format_x100(b.max_x100)});
  return s;
}

http::Response framework_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                              const index::Framework& f, const SettingsForm& form, const std::optional<Error>& error,
                              unsigned status = 200) {
  const auto& lang = lang_of(ctx);
  auto model = base_model(ctx, "iid.framework_title");
  model.erase("title_key");
  model["title"] = fill(text(site, lang, "iid.framework_heading"), {{"year", std::to_string(f.year)}});
  model["year"] = f.year;
  model["action"] = "/kurasi/iid/" + std::to_string(f.year);
  model["floor"] = form.floor;
  model["points"] = form.points;
  model["cap"] = form.cap;
  model["opens"] = form.opens;
  model["closes"] = form.closes;
  model["note"] = form.note;
  nlohmann::json bands = nlohmann::json::array();
  auto band_rows = form.bands;
  while (band_rows.size() < 6) band_rows.push_back({"", "", ""});
  for (std::size_t i = 0; i < band_rows.size(); ++i)
    bands.push_back({{"i", i}, {"name", band_rows[i][0]}, {"min", band_rows[i][1]}, {"max", band_rows[i][2]}});
  model["bands"] = bands;
  if (error) {
    model["alert"] = text(site, lang, "form.has_errors");
    for (const auto& fe : error->fields()) model["error_" + fe.field] = text(site, lang, fe.key);
  }
  model["maximum"] = index::format_points(index::maximum_total(f));
  nlohmann::json vars = nlohmann::json::array();
  for (const auto& v : f.variables) {
    nlohmann::json inds = nlohmann::json::array();
    for (const auto& i : f.indicators) {
      if (i.variable != v.code) continue;
      std::string options;
      for (const auto& o : i.options)
        options += (options.empty() ? "" : " / ") + std::to_string(o.param) + ": " + o.label;
      inds.push_back({{"number", i.number},
                      {"name", i.name},
                      {"weight", index::format_x100(i.weight_x100)},
                      {"mandatory", i.mandatory},
                      {"options", options},
                      {"edit_url", "/kurasi/iid/" + std::to_string(f.year) + "/indikator/" + i.number}});
    }
    vars.push_back({{"name", v.name}, {"aspect", v.aspect == index::kSid ? "SID" : "SPD"}, {"indicators", inds}});
  }
  model["variables"] = vars;
  model["verify_url"] = "/kurasi/iid/" + std::to_string(f.year) + "/verifikasi";
  model["clusters_url"] = "/kurasi/iid/" + std::to_string(f.year) + "/klaster";
  static const std::map<std::string, std::string> kNotices = {{"disalin", "iid.notice.copied"},
                                                              {"disimpan", "iid.notice.framework_saved"}};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end())
    model["notice"] = text(site, lang, it->second);
  auto r = render_page(site, req, ctx, "iid/kerangka_ubah", std::move(model), status);
  r.cacheable = false;
  return r;
}

http::Response get_framework(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  auto f = service(site).framework(*year);
  if (!f) return error_page(site, req, ctx, http_status(f.error().code()));
  return framework_page(site, req, ctx, *f, settings_form(*f), std::nullopt);
}

http::Response post_framework(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  auto& svc = service(site);
  auto f = svc.framework(*year);
  if (!f) return error_page(site, req, ctx, http_status(f.error().code()));
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  SettingsForm typed{form->get_or("floor", ""),
                     form->get_or("points", ""),
                     form->get_or("cap", ""),
                     form->get_or("opens", ""),
                     form->get_or("closes", ""),
                     form->get_or("note", ""),
                     {}};
  index::Settings s;
  std::vector<FieldError> errors;
  s.divisor_floor = static_cast<int>(parse_id(typed.floor).value_or(0));
  auto points = parse_x100(typed.points);
  auto cap = parse_id(typed.cap);
  if (!points || !cap || *cap > 100000) errors.push_back({"count", "iid.error.count"});
  s.count_points_x100 = points.value_or(0);
  s.count_cap = static_cast<int>(cap.value_or(0));
  auto opens = parse_date(typed.opens), closes = parse_date(typed.closes);
  s.window_opens = opens.value_or(0);
  s.window_closes = closes ? *closes + 86400 : 0;  // through the whole closing day
  s.note = typed.note.substr(0, 500);
  bool bands_ok = true;
  for (int i = 0; i < 6; ++i) {
    const auto n = std::to_string(i);
    const auto name = form->get_or("band_name_" + n, ""), lo = form->get_or("band_min_" + n, ""),
               hi = form->get_or("band_max_" + n, "");
    if (name.empty() && lo.empty() && hi.empty()) continue;
    typed.bands.push_back({name, lo, hi});
    auto min = parse_x100(lo), max = parse_x100(hi);
    if (!min || !max) bands_ok = false;
    s.bands.push_back({name, min.value_or(0), max.value_or(0)});
  }
  for (auto& e : index::validate_settings(s))
    if (e.field != "count" || errors.empty()) errors.push_back(e);
  if (!bands_ok && std::none_of(errors.begin(), errors.end(), [](const auto& e) { return e.field == "bands"; }))
    errors.push_back({"bands", "iid.error.bands"});
  if (!errors.empty())
    return framework_page(site, req, ctx, *f, typed, Error(ErrorCode::invalid, "settings", errors), 400);
  auto saved = svc.save_settings(actor_of(req, ctx), *year, s);
  if (!saved) {
    if (saved.error().code() == ErrorCode::invalid)
      return framework_page(site, req, ctx, *f, typed, saved.error(), 400);
    return error_page(site, req, ctx, http_status(saved.error().code()));
  }
  ranking_cache(*year).invalidate();  // bands and rules change predicates and scores
  return http::Response::redirect("/kurasi/iid/" + std::to_string(*year) + "?pesan=disimpan", 303);
}

http::Response indicator_page(const Site& site, const http::Request& req, http::RequestContext& ctx, int year,
                              const index::Indicator& ind, const std::string& weight,
                              const std::vector<std::string>& labels, const std::optional<Error>& error,
                              unsigned status = 200) {
  const auto& lang = lang_of(ctx);
  auto model = base_model(ctx, "iid.indicator_title");
  model.erase("title_key");
  model["title"] =
      fill(text(site, lang, "iid.indicator_heading"), {{"number", ind.number}, {"year", std::to_string(year)}});
  model["year"] = year;
  model["number"] = ind.number;
  model["aspect"] = ind.aspect == index::kSid ? "SID" : "SPD";
  model["name"] = ind.name;
  model["weight"] = weight;
  model["mandatory"] = ind.mandatory;
  model["evidence"] = ind.evidence;
  nlohmann::json options = nlohmann::json::array();
  for (std::size_t i = 0; i < labels.size(); ++i) options.push_back({{"param", i + 1}, {"label", labels[i]}});
  model["options"] = options;
  model["action"] = "/kurasi/iid/" + std::to_string(year) + "/indikator/" + ind.number;
  model["back_url"] = "/kurasi/iid/" + std::to_string(year);
  if (error) {
    model["alert"] = text(site, lang, "form.has_errors");
    for (const auto& fe : error->fields()) model["error_" + fe.field] = text(site, lang, fe.key);
  }
  auto r = render_page(site, req, ctx, "iid/indikator", std::move(model), status);
  r.cacheable = false;
  return r;
}

constexpr std::size_t kOptionSlots = 5;

http::Response get_indicator(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  auto f = service(site).framework(*year);
  if (!f) return error_page(site, req, ctx, http_status(f.error().code()));
  const auto* ind = f->indicator(req.path_params.at("nomor"));
  if (!ind) return error_page(site, req, ctx, 404);
  std::vector<std::string> labels(kOptionSlots);
  for (const auto& o : ind->options)
    if (o.param >= 1 && static_cast<std::size_t>(o.param) <= kOptionSlots) labels[o.param - 1] = o.label;
  return indicator_page(site, req, ctx, *year, *ind, index::format_x100(ind->weight_x100), labels, std::nullopt);
}

http::Response post_indicator(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  auto& svc = service(site);
  auto f = svc.framework(*year);
  if (!f) return error_page(site, req, ctx, http_status(f.error().code()));
  const auto* stored = f->indicator(req.path_params.at("nomor"));
  if (!stored) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  index::Indicator ind = *stored;
  ind.name = form->get_or("name", "");
  ind.evidence = form->get_or("evidence", "").substr(0, 500);
  ind.mandatory = form->get_or("mandatory", "") == "1";
  const auto weight = form->get_or("weight", "");
  auto w = parse_x100(weight);
  ind.weight_x100 = w.value_or(-1);
  std::vector<std::string> labels;
  ind.options.clear();
  for (std::size_t i = 1; i <= kOptionSlots; ++i) {
    labels.push_back(form->get_or("option_" + std::to_string(i), ""));
    if (!labels.back().empty()) ind.options.push_back({static_cast<int>(i), labels.back()});
  }
  auto saved = svc.save_indicator(actor_of(req, ctx), *year, ind);
  if (!saved) {
    if (saved.error().code() == ErrorCode::invalid)
      return indicator_page(site, req, ctx, *year, ind, weight, labels, saved.error(), 400);
    return error_page(site, req, ctx, http_status(saved.error().code()));
  }
  ranking_cache(*year).invalidate();
  return http::Response::redirect("/kurasi/iid/" + std::to_string(*year) + "?pesan=disimpan#n-" + ind.number, 303);
}

// ---------------------------------------------------------------- clusters

// /kurasi/iid/{tahun}/klaster: the border and lagging regions curators flag
// for a year (no official list exists); the ranking's clusters of the same
// names filter by them.
http::Response clusters_page(const Site& site, const http::Request& req, http::RequestContext& ctx, int year,
                             const std::string& alert = {}, const std::string& typed_cluster = {},
                             const std::string& typed = {}, unsigned status = 200) {
  const auto& lang = lang_of(ctx);
  auto& svc = service(site);
  auto f = svc.framework(year);
  if (!f) return error_page(site, req, ctx, http_status(f.error().code()));
  auto model = base_model(ctx, "iid.clusters_title");
  model["year"] = year;
  model["action"] = "/kurasi/iid/" + std::to_string(year) + "/klaster";
  model["framework_url"] = "/kurasi/iid/" + std::to_string(year);
  nlohmann::json groups = nlohmann::json::array();
  for (const char* c : {index::kBorder, index::kLagging}) {
    auto regions = svc.cluster_regions(year, c);
    if (!regions) return error_page(site, req, ctx, http_status(regions.error().code()));
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : *regions) rows.push_back({{"code", r.code}, {"name", r.name}});
    groups.push_back({{"cluster", c},
                      {"label", text(site, lang, std::string("iid.cluster.") + c)},
                      {"count", fill(text(site, lang, "iid.clusters_count"), {{"count", std::to_string(rows.size())}})},
                      {"rows", rows},
                      {"has_rows", !rows.empty()},
                      {"typed", typed_cluster == c ? typed : std::string()},
                      {"ranking_url", "/iid?tahun=" + std::to_string(year) + "&klaster=" + c}});
  }
  model["groups"] = groups;
  if (!alert.empty()) model["alert"] = alert;
  if (req.query.get_or("pesan", "") == "disimpan") model["notice"] = text(site, lang, "iid.notice.clusters_saved");
  auto r = render_page(site, req, ctx, "iid/klaster", std::move(model), status);
  r.cacheable = false;
  return r;
}

http::Response get_clusters(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  if (!year) return error_page(site, req, ctx, 404);
  return clusters_page(site, req, ctx, *year);
}

// Form fields: klaster (perbatasan|tertinggal), daerah (region codes separated
// by spaces, commas or new lines), aksi (tandai = flag, hapus = unflag).
http::Response post_clusters(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto year = year_param(req);
  auto form = req.form();
  if (!year || !form) return error_page(site, req, ctx, year ? 400 : 404);
  const auto cluster = form->get_or("klaster", "");
  const auto typed = form->get_or("daerah", "");
  const bool on = form->get_or("aksi", "tandai") != "hapus";
  std::vector<std::string> codes;
  std::string current;
  for (char c : typed + " ") {
    if (c == ' ' || c == ',' || c == '\n' || c == '\r' || c == '\t' || c == ';') {
      if (!current.empty()) codes.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  const auto& lang = lang_of(ctx);
  if (codes.empty())
    return clusters_page(site, req, ctx, *year, text(site, lang, "iid.error.region"), cluster, typed, 400);
  auto& svc = service(site);
  const auto actor = actor_of(req, ctx);
  std::vector<std::string> refused;
  for (const auto& code : codes) {
    auto st = svc.flag_region(actor, *year, cluster, code, on);
    if (st) continue;
    const auto& e = st.error();
    if (e.code() != ErrorCode::invalid) return error_page(site, req, ctx, http_status(e.code()));
    if (!e.fields().empty() && e.fields().front().key == "iid.error.cluster")
      return clusters_page(site, req, ctx, *year, text(site, lang, "iid.error.cluster"), cluster, typed, 400);
    refused.push_back(code);
  }
  ranking_cache(*year).invalidate();
  if (!refused.empty()) {
    std::string list;
    for (const auto& c : refused) list += (list.empty() ? "" : ", ") + c;
    return clusters_page(site, req, ctx, *year, text(site, lang, "iid.error.region") + " " + list, cluster, list, 400);
  }
  return http::Response::redirect("/kurasi/iid/" + std::to_string(*year) + "/klaster?pesan=disimpan", 303);
}

}  // namespace

index::IidService& iid_service(const Site& site) { return service(site); }

Result<std::vector<index::RankingRow>> iid_ranking(const Site& site, int year, const std::string& kind) {
  return cluster_ranking(site, year, kind);
}

void register_iid_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  const std::string curators = "role:curator,admin";
  const std::string regions = "role:region_admin,admin";
  const std::string evidence = "role:region_admin,curator,admin";
  // clang-format off
  // method  pattern                                           handler                   access
  router.get("/iid",                                           "get_iid_ranking",        "public",  bind(get_ranking));
  router.get("/indeks",                                        "get_iid_old_index",      "public",  bind(get_old_index));
  router.get("/iid/{tahun}/peringkat.csv",                     "get_iid_ranking_csv",    "public",  bind(get_ranking_csv));
  router.get("/iid/{tahun}/peringkat.xlsx",                    "get_iid_ranking_xlsx",   "public",  bind(get_ranking_xlsx));
  router.get("/iid/{tahun}/daerah/{kode}",                     "get_iid_region",         "public",  bind(get_region));
  router.get("/iid/{tahun}/pengisian",                         "get_iid_filling",        regions,   bind(get_filling));
  router.post("/iid/{tahun}/pengisian/jawaban",                "post_iid_answer",        regions,   bind(post_answer));
  router.post("/iid/{tahun}/pengisian/inovasi",                "post_iid_add_innovation", regions,  bind(post_add_innovation));
  router.post("/iid/{tahun}/pengisian/inovasi/baru",           "post_iid_register_innovation", regions, bind(post_register_innovation));
  router.post("/iid/{tahun}/pengisian/inovasi/hapus",          "post_iid_remove_innovation", regions, bind(post_remove_innovation));
  router.post("/iid/{tahun}/pengisian/kirim",                  "post_iid_submit",        regions,   bind(post_submit));
  router.get("/iid/{tahun}/bukti/{kode}/{inovasi}/{nomor}",    "get_iid_evidence",       evidence,  bind(get_evidence));
  router.get("/kurasi/iid",                                    "get_iid_frameworks",     curators,  bind(get_frameworks));
  router.post("/kurasi/iid/salin",                             "post_iid_copy",          curators,  bind(post_copy_framework));
  router.get("/kurasi/iid/{tahun}",                            "get_iid_framework",      curators,  bind(get_framework));
  router.post("/kurasi/iid/{tahun}",                           "post_iid_framework",     curators,  bind(post_framework));
  router.get("/kurasi/iid/{tahun}/indikator/{nomor}",          "get_iid_indicator",      curators,  bind(get_indicator));
  router.post("/kurasi/iid/{tahun}/indikator/{nomor}",         "post_iid_indicator",     curators,  bind(post_indicator));
  router.get("/kurasi/iid/{tahun}/klaster",                    "get_iid_clusters",       curators,  bind(get_clusters));
  router.post("/kurasi/iid/{tahun}/klaster",                   "post_iid_clusters",      curators,  bind(post_clusters));
  router.get("/kurasi/iid/{tahun}/verifikasi",                 "get_iid_verification",   curators,  bind(get_verification));
  router.post("/kurasi/iid/{tahun}/verifikasi",                "post_iid_verification",  curators,  bind(post_verification));
  // clang-format on
}

}  // namespace lumbung::web
