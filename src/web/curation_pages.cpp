// Imports and exports for curators: upload a file, confirm the column
// mapping of its source, see the dry run with every row's problems, import
// (in the background, with a progress bar that refreshes without
// JavaScript), and download any directory view as CSV, XLSX or JSON Lines.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

#include "core/ids.hpp"
#include "curation/export_writer.hpp"
#include "web/format.hpp"
#include "web/innovation_view.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

constexpr const char* kImportPath = "/kurasi/impor";
constexpr std::size_t kPreviewProblems = 500;

std::int64_t actor_id(http::RequestContext& ctx) {
  const auto& v = visitor(ctx);
  return v.user ? v.user->id : 0;
}

std::string run_path(std::int64_t id, const char* tail = "") {
  return std::string(kImportPath) + "/" + std::to_string(id) + tail;
}

nlohmann::json base_model(http::RequestContext& ctx, const char* title_key) {
  const auto& v = visitor(ctx);
  return {{"title_key", title_key},
          {"is_admin", has_role(v, auth::Role::admin)},
          {"is_curator", has_role(v, auth::Role::curator)},
          {"tab_imports", true}};
}

http::Response page(const Site& site, const http::Request& req, http::RequestContext& ctx, const std::string& view,
                    nlohmann::json model, unsigned status = 200) {
  auto r = render_page(site, req, ctx, view, std::move(model), status);
  r.cacheable = false;
  return r;
}

const char* const kSources[] = {"kipp", "iga", "labinov", "lumbung"};

nlohmann::json source_options(const Site& site, const std::string& lang, const std::string& selected) {
  nlohmann::json out = nlohmann::json::array();
  for (const char* s : kSources)
    out.push_back(
        {{"value", s}, {"label", vocabulary_label(site.catalog, lang, "source", s)}, {"selected", selected == s}});
  return out;
}

std::string problem_text(const Site& site, const std::string& lang, const nlohmann::json& p) {
  return fill(site.catalog.text(lang, p.value("key", std::string())), {{"value", p.value("value", std::string())}});
}

// The upload form with the recent runs, and the export form.
http::Response index_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                          const std::string& source, const std::string& alert_key, unsigned status) {
  const auto& lang = lang_of(ctx);
  auto model = base_model(ctx, "curation.title");
  model["sources"] = source_options(site, lang, source.empty() ? "kipp" : source);
  model["export_sources"] = source_options(site, lang, "");
  if (!alert_key.empty()) model["alert"] = site.catalog.text(lang, alert_key);
  model["max_mb"] = std::to_string(site.config.max_upload_bytes / (1024 * 1024));
  nlohmann::json runs = nlohmann::json::array();
  if (auto recent = site.imports->recent(20)) {
    for (const auto& r : *recent) {
      runs.push_back({{"url", run_path(r.id)},
                      {"id", r.id},
                      {"file_name", r.file_name},
                      {"source", vocabulary_label(site.catalog, lang, "source", r.source)},
                      {"kind", site.catalog.text(lang, r.dry_run ? "curation.kind.dry_run" : "curation.kind.import")},
                      {"state", site.catalog.text(lang, "curation.state." + r.state)},
                      {"rows", r.rows_total},
                      {"when", format_datetime(r.created_at, lang)}});
    }
  }
  model["has_runs"] = !runs.empty();
  model["runs"] = std::move(runs);
  return page(site, req, ctx, "curation/impor", std::move(model), status);
}

std::string random_token() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

}  // namespace

http::Response get_imports(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return index_page(site, req, ctx, req.query.get_or("sumber", ""), "", 200);
}

http::Response post_upload(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto parts = req.multipart();
  if (!parts) return index_page(site, req, ctx, "", "curation.upload.no_file", 400);
  std::string source;
  const http::Part* file = nullptr;
  for (const auto& p : *parts) {
    if (p.name == "source") source = p.data;
    if (p.name == "file") file = &p;
  }
  if (!curation::is_import_source(source)) return index_page(site, req, ctx, "", "curation.upload.no_source", 400);
  if (!file || file->data.empty()) return index_page(site, req, ctx, source, "curation.upload.no_file", 400);
  if (file->data.size() > site.config.max_upload_bytes)
    return index_page(site, req, ctx, source, "curation.upload.too_large", 413);
  const bool zip = file->data.compare(0, 4, std::string_view("PK\x03\x04", 4)) == 0;
  const auto dir = site.data_dir / "imports";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const auto path = dir / (random_token() + (zip ? ".xlsx" : ".csv"));
  {
    std::ofstream out(path, std::ios::binary);
    out.write(file->data.data(), static_cast<std::streamsize>(file->data.size()));
    if (!out) {
      site.log->error("{} post_upload: cannot write {}", ctx.request_id, path.string());
      return error_page(site, req, ctx, 503);
    }
  }
  // The file must at least have a readable header row.
  auto preview = site.imports->preview(path.string(), 1);
  if (!preview || preview->headers.empty()) {
    std::filesystem::remove(path, ec);
    return index_page(site, req, ctx, source, "curation.upload.unreadable", 400);
  }
  curation::ImportRequest request;
  request.actor = actor_id(ctx);
  request.source = source;
  request.file_name = file->filename.empty() ? path.filename().string() : file->filename.substr(0, 200);
  request.file_path = path.string();
  request.dry_run = true;
  auto run = site.imports->queue(request, "uploaded");
  if (!run) return error_page(site, req, ctx, http_status(run.error().code()));
  return http::Response::redirect(run_path(run->id, "/pemetaan"), 303);
}

namespace {

std::optional<curation::ImportRun> load_run(const Site& site, const http::Request& req) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return std::nullopt;
  auto run = site.imports->run(*id);
  if (!run) return std::nullopt;
  return std::move(*run);
}

http::Response mapping_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                            const curation::ImportRun& run, const curation::Mapping& chosen, const std::string& alert,
                            unsigned status) {
  const auto& lang = lang_of(ctx);
  auto preview = site.imports->preview(run.file_path, 3);
  if (!preview) return index_page(site, req, ctx, run.source, "curation.upload.unreadable", 400);
  auto model = base_model(ctx, "curation.mapping_title");
  model["action"] = run_path(run.id, "/pemetaan");
  model["file_name"] = run.file_name;
  model["source"] = vocabulary_label(site.catalog, lang, "source", run.source);
  model["format"] = fill(site.catalog.text(lang, "curation.file_format"),
                         {{"format", preview->format == "xlsx" ? "XLSX" : "CSV"},
                          {"encoding", preview->encoding == "utf-8" ? "UTF-8" : "Windows-1252"}});
  if (!alert.empty()) model["alert"] = alert;
  const auto required = curation::required_fields(run.source);
  nlohmann::json fields = nlohmann::json::array();
  for (const auto& f : curation::import_fields()) {
    if (run.source != "lumbung" && (f == "id" || f == "source_program" || f == "state")) continue;
    auto it = chosen.find(f);
    const std::string current = it == chosen.end() ? "" : it->second;
    nlohmann::json options = nlohmann::json::array();
    options.push_back(
        {{"value", ""}, {"label", site.catalog.text(lang, "curation.unmapped")}, {"selected", current.empty()}});
    for (const auto& h : preview->headers)
      if (!h.empty()) options.push_back({{"value", h}, {"label", h}, {"selected", h == current}});
    // The first sample value of the chosen column, to check the choice by eye.
    std::string sample;
    for (std::size_t k = 0; k < preview->headers.size(); ++k)
      if (!current.empty() && preview->headers[k] == current && !preview->rows.empty() &&
          k < preview->rows[0].cells.size())
        sample = preview->rows[0].cells[k].substr(0, 80);
    fields.push_back({{"field", f},
                      {"label", site.catalog.text(lang, "curation.field." + f)},
                      {"required", std::find(required.begin(), required.end(), f) != required.end()},
                      {"sample", sample},
                      {"has_sample", !sample.empty()},
                      {"options", std::move(options)}});
  }
  // The fields that must be mapped first: they identify the rows.
  std::stable_partition(fields.begin(), fields.end(),
                        [](const nlohmann::json& f) { return f.value("required", false); });
  model["fields"] = std::move(fields);
  return page(site, req, ctx, "curation/pemetaan", std::move(model), status);
}

}  // namespace

http::Response get_mapping(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto run = load_run(site, req);
  if (!run) return error_page(site, req, ctx, 404);
  auto preview = site.imports->preview(run->file_path, 0);
  if (!preview) return index_page(site, req, ctx, run->source, "curation.upload.unreadable", 400);
  auto mapping = site.imports->mapping_for(run->source, preview->headers);
  if (!mapping) return error_page(site, req, ctx, http_status(mapping.error().code()));
  return mapping_page(site, req, ctx, *run, *mapping, "", 200);
}

http::Response post_mapping(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto run = load_run(site, req);
  if (!run) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  curation::Mapping mapping;
  for (const auto& f : curation::import_fields()) {
    auto v = form->get_or("map_" + f, "");
    if (!v.empty()) mapping[f] = v;
  }
  auto preview = site.imports->preview(run->file_path, 0);
  if (!preview) return index_page(site, req, ctx, run->source, "curation.upload.unreadable", 400);
  auto plan = curation::plan_columns(run->source, mapping, preview->headers);
  if (!plan.problems.empty()) {
    std::string alert;
    for (const auto& p : plan.problems) {
      if (!alert.empty()) alert += " ";
      alert += fill(site.catalog.text(lang, p.key),
                    {{"value", p.value.empty() ? p.column : site.catalog.text(lang, "curation.field." + p.value)}});
    }
    return mapping_page(site, req, ctx, *run, mapping, alert, 400);
  }
  if (auto saved = site.imports->save_mapping(actor_id(ctx), run->source, mapping); !saved)
    return error_page(site, req, ctx, http_status(saved.error().code()));
  auto queued = site.imports->requeue_dry_run(run->id);
  if (!queued) return http::Response::redirect(run_path(run->id), 303);  // already running: show it
  curation::ImportRequest request;
  request.actor = actor_id(ctx);
  request.source = run->source;
  request.file_name = run->file_name;
  request.file_path = run->file_path;
  request.dry_run = true;
  site.import_jobs->submit(run->id, request);
  return http::Response::redirect(run_path(run->id), 303);
}

http::Response get_run(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto run = load_run(site, req);
  if (!run) return error_page(site, req, ctx, 404);
  const auto& r = *run;
  auto model = base_model(ctx, r.dry_run ? "curation.preview_title" : "curation.result_title");
  model["file_name"] = r.file_name;
  model["source"] = vocabulary_label(site.catalog, lang, "source", r.source);
  model["state"] = site.catalog.text(lang, "curation.state." + r.state);
  const bool active = r.state == "queued" || r.state == "running";
  model["active"] = active;
  model["uploaded"] = r.state == "uploaded";
  model["mapping_url"] = run_path(r.id, "/pemetaan");
  // Reading counts rows as it goes; writing knows the total from the first pass.
  const std::int64_t max = std::max<std::int64_t>(r.rows_total, 1);
  model["progress_value"] = r.dry_run || r.rows_done == 0 ? r.rows_total : r.rows_done;
  model["progress_max"] = r.dry_run || r.rows_done == 0 ? std::max<std::int64_t>(r.rows_total, 1) : max;
  model["progress_text"] = fill(site.catalog.text(lang, r.dry_run || r.rows_done == 0 ? "curation.progress.reading"
                                                                                      : "curation.progress.writing"),
                                {{"done", std::to_string(r.rows_done)}, {"total", std::to_string(r.rows_total)}});
  model["done"] = r.state == "done";
  model["failed"] = r.state == "failed";
  if (r.state == "failed" && !r.message.empty()) model["alert"] = site.catalog.text(lang, r.message);
  auto count = [&](const char* key, std::int64_t n) {
    return fill(site.catalog.text(lang, key), {{"n", std::to_string(n)}});
  };
  if (r.state == "done") {
    nlohmann::json lines = nlohmann::json::array();
    lines.push_back(count("curation.count.total", r.rows_total));
    if (r.dry_run) {
      lines.push_back(count("curation.count.would_create", r.rows_created));
      lines.push_back(count("curation.count.would_update", r.rows_updated));
    } else {
      lines.push_back(count("curation.count.created", r.rows_created));
      lines.push_back(count("curation.count.updated", r.rows_updated));
      lines.push_back(count("curation.count.unchanged", r.rows_unchanged));
    }
    lines.push_back(count("curation.count.rejected", r.rows_rejected));
    model["counts"] = std::move(lines);
    model["has_counts"] = true;
    const auto importable = r.rows_total - r.rows_rejected;
    if (r.dry_run && importable > 0) {
      model["import_action"] = run_path(r.id, "/jalankan");
      model["import_label"] = count("curation.import_rows", importable);
    }
  }
  auto problems = nlohmann::json::parse(r.problems_json, nullptr, false);
  nlohmann::json rows = nlohmann::json::array();
  if (problems.is_array()) {
    for (const auto& p : problems) {
      if (rows.size() >= kPreviewProblems) break;
      if (!p.is_object()) continue;
      rows.push_back({{"row", p.value("row", 0)},
                      {"column", p.value("column", std::string())},
                      {"text", problem_text(site, lang, p)},
                      {"warning", p.value("warning", false)}});
    }
  }
  model["has_problems"] = !rows.empty();
  model["problems"] = std::move(rows);
  if (r.problem_count > static_cast<std::int64_t>(kPreviewProblems))
    model["more_problems"] =
        count("curation.more_problems", r.problem_count - static_cast<std::int64_t>(kPreviewProblems));
  model["problem_count"] = count("curation.count.problems", r.problem_count);
  return page(site, req, ctx, "curation/hasil", std::move(model));
}

http::Response post_run_import(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto run = load_run(site, req);
  if (!run) return error_page(site, req, ctx, 404);
  if (!run->dry_run || run->state != "done") return http::Response::redirect(run_path(run->id), 303);
  curation::ImportRequest request;
  request.actor = actor_id(ctx);
  request.source = run->source;
  request.file_name = run->file_name;
  request.file_path = run->file_path;
  request.dry_run = false;
  auto queued = site.imports->queue(request);
  if (!queued) return error_page(site, req, ctx, http_status(queued.error().code()));
  site.import_jobs->submit(queued->id, request);
  return http::Response::redirect(run_path(queued->id), 303);
}

// The directory view named by the query (the directory's own parameters:
// provinsi, wilayah, urusan, sumber, ...) as a file. The file is written a
// page of rows at a time, then sent.
http::Response get_export(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto format = curation::parse_export_format(req.query.get_or("format", "csv"));
  if (!format) return error_page(site, req, ctx, 400);
  auto query = parse_directory_query(req.query);
  const auto dir = site.data_dir / "exports";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const auto path = dir / (random_token() + "." + curation::extension(*format));
  auto rows = curation::export_file(site.innovations, query.filter, *format, path.string());
  if (!rows) {
    std::filesystem::remove(path, ec);
    site.log->error("{} get_export: {}", ctx.request_id, rows.error().message());
    return error_page(site, req, ctx, http_status(rows.error().code()));
  }
  std::ifstream in(path, std::ios::binary);
  std::string body((std::istreambuf_iterator<char>(in)), {});
  in.close();
  std::filesystem::remove(path, ec);
  http::Response r;
  r.content_type = curation::content_type(*format);
  r.body = std::move(body);
  r.cacheable = false;
  r.header("Content-Disposition",
           std::string("attachment; filename=\"lumbung-inovasi.") + curation::extension(*format) + "\"");
  r.header("Cache-Control", "no-store");
  return r;
}

void register_curation_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  const std::string curators = "role:curator,admin";
  using boost::beast::http::verb;
  // clang-format off
  // method  pattern                          handler               access
  router.get("/kurasi/impor",                  "get_imports",        curators, bind(get_imports));
  router.add(http::Route{verb::post, "/kurasi/impor", "post_import_upload", curators, bind(post_upload), /*upload=*/true});
  router.get("/kurasi/impor/{id}",             "get_import_run",     curators, bind(get_run));
  router.get("/kurasi/impor/{id}/pemetaan",    "get_import_mapping", curators, bind(get_mapping));
  router.post("/kurasi/impor/{id}/pemetaan",   "post_import_mapping", curators, bind(post_mapping));
  router.post("/kurasi/impor/{id}/jalankan",   "post_import_start",  curators, bind(post_run_import));
  router.get("/kurasi/ekspor",                 "get_export",         curators, bind(get_export));
  // clang-format on
}

}  // namespace lumbung::web
