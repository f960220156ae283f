// The duplicate review queue for curators: likely pairs best first with the
// reasons in words, a side-by-side page to merge (choosing each field from
// the left or the right record), mark "bukan duplikat" or link as related,
// the recent merges with their undo, and a button that rescans the
// repository (also `lumbung duplicates scan`).
#include <algorithm>

#include "core/ids.hpp"
#include "validation/duplicate_service.hpp"
#include "web/format.hpp"
#include "web/innovation_view.hpp"
#include "web/validation_common.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

constexpr const char* kQueue = "/kurasi/duplikat";
constexpr std::size_t kPageSize = 50;

validation::DuplicateService& duplicates(const Site& site) { return *validation_services(site).duplicates; }

std::string pair_path(std::int64_t a, std::int64_t b, const char* tail = "") {
  return std::string(kQueue) + "/" + std::to_string(a) + "/" + std::to_string(b) + tail;
}

// "Nama sama · Singkatan sama (SIPANDU) · Daerah sama".
std::string reasons_text(const Site& site, const std::string& lang, const validation::PairScore& s) {
  std::string out;
  for (const auto& r : s.reasons) out += (out.empty() ? "" : " · ") + text_of(site, lang, "validation.reason." + r);
  return out;
}

std::string source_label(const Site& site, const std::string& lang, const std::string& source) {
  return text_of(site, lang, "kosakata.source." + source);
}

http::Response get_duplicates(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  std::size_t page = 0;
  if (auto p = req.query.get("halaman")) page = static_cast<std::size_t>(parse_id(*p).value_or(1) - 1);
  page = std::min<std::size_t>(page, 100000);
  auto queue = duplicates(site).queue(kPageSize, page * kPageSize);
  if (!queue) return validation_failure(site, req, ctx, "get_duplicates", queue.error());
  auto count = duplicates(site).open_count();
  auto merges = duplicates(site).recent_merges(10);
  auto model = curator_model(ctx, "validation.duplicates_title", "tab_duplicates");
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& p : *queue)
    rows.push_back(
        {{"score", p.score.score},
         {"reasons", reasons_text(site, lang, p.score)},
         {"left",
          {{"name", p.left_name}, {"source", source_label(site, lang, p.left_source)}, {"region", p.left_region}}},
         {"right",
          {{"name", p.right_name}, {"source", source_label(site, lang, p.right_source)}, {"region", p.right_region}}},
         {"url", pair_path(p.left_id, p.right_id)}});
  model["has_pairs"] = !rows.empty();
  model["pairs"] = std::move(rows);
  model["count"] =
      fill(text_of(site, lang, "validation.duplicates_count"), {{"count", std::to_string(count ? *count : 0)}});
  if (queue->size() == kPageSize) model["next_url"] = std::string(kQueue) + "?halaman=" + std::to_string(page + 2);
  nlohmann::json merge_rows = nlohmann::json::array();
  if (merges)
    for (const auto& m : *merges) {
      auto s = site.innovations.get(m.survivor_id);
      auto g = site.innovations.get(m.merged_id);
      merge_rows.push_back({{"survivor", s ? s->name : std::to_string(m.survivor_id)},
                            {"survivor_url", s ? innovation_path(s->id, s->slug) : ""},
                            {"merged", g ? g->name : std::to_string(m.merged_id)},
                            {"when", format_datetime(m.merged_at, lang)},
                            {"undone", m.undone_at != 0},
                            {"undo_action", std::string("/kurasi/gabungan/") + std::to_string(m.id) + "/batal"}});
    }
  model["has_merges"] = !merge_rows.empty();
  model["merges"] = std::move(merge_rows);
  static const std::map<std::string, std::string> kNotices = {{"bukan", "validation.notice.not_duplicate"},
                                                              {"terkait", "validation.notice.related"},
                                                              {"digabung", "validation.notice.merged"},
                                                              {"dibatalkan", "validation.notice.undone"},
                                                              {"dipindai", "validation.notice.scanned"}};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end())
    model["notice"] = fill(text_of(site, lang, it->second), {{"added", req.query.get_or("baru", "0")}});
  auto r = render_page(site, req, ctx, "validation/duplikat", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response post_scan(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  if (!validation::may_curate(grants_of(visitor(ctx)))) return error_page(site, req, ctx, 403);
  auto report = duplicates(site).scan(site.search);
  if (!report) return validation_failure(site, req, ctx, "post_scan", report.error());
  return http::Response::redirect(std::string(kQueue) + "?pesan=dipindai&baru=" + std::to_string(report->added), 303);
}

// Shown value of a merge field.
std::string field_value(const Site& site, const std::string& lang, const directory::Innovation& i,
                        const std::string& field) {
  if (field == "name") return i.name;
  if (field == "summary") return i.summary;
  if (field == "problem") return i.problem;
  if (field == "solution") return i.solution;
  if (field == "novelty") return i.novelty;
  if (field == "beneficiaries") return i.beneficiaries;
  if (field == "results") return i.results;
  if (field == "place") return i.region_name + (i.unit_name.empty() ? "" : " · " + i.unit_name);
  if (field == "sector") return i.sector;
  if (field == "form") return i.form.empty() ? "" : vocabulary_label(site.catalog, lang, "form", i.form);
  if (field == "stage") return i.stage.empty() ? "" : vocabulary_label(site.catalog, lang, "stage", i.stage);
  if (field == "year_started") return i.year_started ? std::to_string(i.year_started) : "";
  if (field == "status") return text_of(site, lang, "kosakata.status." + i.status);
  if (field == "contact")
    return i.contact_name + (i.contact_phone.empty() ? "" : " · " + i.contact_phone) +
           (i.contact_email.empty() ? "" : " · " + i.contact_email);
  return {};
}

std::string provenance(const Site& site, const std::string& lang, const directory::Innovation& i) {
  return source_label(site, lang, i.source_program) + (i.source_id.empty() ? "" : " #" + i.source_id);
}

http::Response get_pair(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto a = parse_id(req.path_params.at("a"));
  auto b = parse_id(req.path_params.at("b"));
  if (!a || !b) return error_page(site, req, ctx, 404);
  auto p = duplicates(site).pair(*a, *b);
  if (!p) return validation_failure(site, req, ctx, "get_pair", p.error());
  auto left = site.innovations.get(p->left_id);
  auto right = site.innovations.get(p->right_id);
  if (!left || !right) return error_page(site, req, ctx, 404);
  auto model = curator_model(ctx, "validation.pair_title", "tab_duplicates");
  model["score"] = p->score.score;
  model["reasons"] = reasons_text(site, lang, p->score);
  model["decided"] = p->decision != "open";
  if (p->decision != "open") model["decision"] = text_of(site, lang, "validation.decision." + p->decision);
  auto side = [&](const directory::Innovation& i) {
    return nlohmann::json{{"id", i.id},
                          {"name", i.name},
                          {"url", innovation_path(i.id, i.slug)},
                          {"provenance", provenance(site, lang, i)},
                          {"state", text_of(site, lang, "validation.record_state." + i.state)},
                          {"awards", i.awards.size()}};
  };
  model["left"] = side(*left);
  model["right"] = side(*right);
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : validation::merge_fields()) {
    const auto lv = field_value(site, lang, *left, f), rv = field_value(site, lang, *right, f);
    fields.push_back({{"name", f},
                      {"label", text_of(site, lang, "validation.merge_field." + f)},
                      {"left", lv},
                      {"right", rv},
                      {"same", lv == rv},
                      // The fuller text is offered first.
                      {"prefer_right", rv.size() > lv.size()}});
  }
  model["fields"] = std::move(fields);
  model["merge_action"] = pair_path(p->left_id, p->right_id, "/gabung");
  model["not_action"] = pair_path(p->left_id, p->right_id, "/bukan");
  model["related_action"] = pair_path(p->left_id, p->right_id, "/terkait");
  auto r = render_page(site, req, ctx, "validation/duplikat_banding", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response decide(const Site& site, const http::Request& req, http::RequestContext& ctx, const char* decision,
                      const char* notice) {
  auto a = parse_id(req.path_params.at("a"));
  auto b = parse_id(req.path_params.at("b"));
  if (!a || !b) return error_page(site, req, ctx, 404);
  auto done = duplicates(site).decide(actor_of(req, ctx), *a, *b, decision);
  if (!done) return validation_failure(site, req, ctx, "duplicate_decide", done.error());
  site.caches.profiles.clear();  // "Inovasi terkait" on both profiles
  return http::Response::redirect(std::string(kQueue) + "?pesan=" + notice, 303);
}

http::Response post_not_duplicate(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return decide(site, req, ctx, "not_duplicate", "bukan");
}
http::Response post_related(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return decide(site, req, ctx, "related", "terkait");
}

http::Response post_merge(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto a = parse_id(req.path_params.at("a"));
  auto b = parse_id(req.path_params.at("b"));
  if (!a || !b) return error_page(site, req, ctx, 404);
  auto p = duplicates(site).pair(*a, *b);
  if (!p) return validation_failure(site, req, ctx, "post_merge", p.error());
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  // survivor = left | right; each field = left | right.
  const bool keep_left = form->get_or("survivor", "left") != "right";
  const auto survivor = keep_left ? p->left_id : p->right_id;
  const auto merged = keep_left ? p->right_id : p->left_id;
  std::map<std::string, std::string> choices;
  for (const auto& f : validation::merge_fields()) {
    const auto side = form->get_or("field_" + f, keep_left ? "left" : "right");
    if (side != "left" && side != "right") return error_page(site, req, ctx, 400);
    choices[f] = (side == "left") == keep_left ? "survivor" : "merged";
  }
  auto done = duplicates(site).merge(actor_of(req, ctx), survivor, merged, choices);
  if (!done) return validation_failure(site, req, ctx, "post_merge", done.error());
  return http::Response::redirect(std::string(kQueue) + "?pesan=digabung", 303);
}

http::Response post_undo_merge(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto done = duplicates(site).undo(actor_of(req, ctx), *id);
  if (!done) return validation_failure(site, req, ctx, "post_undo_merge", done.error());
  return http::Response::redirect(std::string(kQueue) + "?pesan=dibatalkan", 303);
}

}  // namespace

void register_duplicate_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_validation_page(site, fn); };
  const std::string curators = "role:curator,admin";
  // clang-format off
  // method  pattern                              handler                   access
  router.get("/kurasi/duplikat",                  "get_duplicates",         curators, bind(get_duplicates));
  router.post("/kurasi/duplikat/pindai",          "post_duplicate_scan",    curators, bind(post_scan));
  router.get("/kurasi/duplikat/{a}/{b}",          "get_duplicate_pair",     curators, bind(get_pair));
  router.post("/kurasi/duplikat/{a}/{b}/bukan",   "post_not_duplicate",     curators, bind(post_not_duplicate));
  router.post("/kurasi/duplikat/{a}/{b}/terkait", "post_duplicate_related", curators, bind(post_related));
  router.post("/kurasi/duplikat/{a}/{b}/gabung",  "post_duplicate_merge",   curators, bind(post_merge));
  router.post("/kurasi/gabungan/{id}/batal",      "post_undo_merge",        curators, bind(post_undo_merge));
  // clang-format on
}

}  // namespace lumbung::web
