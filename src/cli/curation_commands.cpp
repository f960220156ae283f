// Imports and exports: `lumbung import`, `lumbung export`, `lumbung open-data`.
#include <chrono>
#include <iostream>

#include "cli/app.hpp"
#include "cli/wiring.hpp"
#include "core/i18n.hpp"
#include "curation/export_writer.hpp"
#include "curation/import_service.hpp"
#include "search/indexer.hpp"

namespace lumbung::cli {

namespace {

// "baris 12, kolom "Tahapan Inovasi": ..." in Indonesian from the catalogue.
std::string describe(const Catalog& catalog, const curation::RowProblem& p) {
  std::string where = fill(catalog.text("id", "curation.problem.where_row"), {{"row", std::to_string(p.row)}});
  if (!p.column.empty()) where += fill(catalog.text("id", "curation.problem.where_column"), {{"column", p.column}});
  std::string text = fill(catalog.text("id", p.key), {{"value", p.value}});
  return (p.warning ? "peringatan: " : "") + where + ": " + text;
}

}  // namespace

int run_import(const Config& config, const ImportOptions& options) {
  auto log = make_logger("lumbung", config.log_level);
  auto catalog = Catalog::load(resource_dir(config) / "i18n");
  if (!catalog) return fail(catalog.error());
  auto db = open_database(config, log, /*migrate=*/true);
  if (!db) return fail(db.error());
  SystemClock clock;
  directory::InnovationService innovations(**db, clock);
  if (auto regions = innovations.load_reference_regions(); !regions) return fail(regions.error());
  curation::ImportService imports(**db, clock);
  curation::ImportRequest request;
  request.source = options.source;
  request.file_name = std::filesystem::path(options.file).filename().string();
  request.file_path = options.file;
  request.dry_run = options.dry_run;
  std::size_t shown = 0;
  const auto started = std::chrono::steady_clock::now();
  auto seconds_since = [](std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
  };
  auto run = imports.import_file(
      request,
      [&](const curation::ImportRun& r) {
        if (r.state == "running")
          std::cerr << "\r" << r.rows_total << " baris dibaca, " << r.rows_done << " diproses" << std::flush;
      },
      [&](const curation::RowProblem& p) {
        if (shown++ < options.max_problems) std::cout << describe(*catalog, p) << "\n";
      });
  std::cerr << "\n";
  if (!run) return fail(run.error());
  if (shown > options.max_problems) std::cout << "... dan " << (shown - options.max_problems) << " masalah lain\n";
  const auto& r = *run;
  if (r.state == "failed") {
    std::cout << "impor gagal: " << catalog->text("id", r.message) << "\n";
    return 1;
  }
  if (r.dry_run) {
    std::cout << "uji coba (tidak ada yang disimpan): " << r.rows_total << " baris; " << r.rows_created
              << " akan ditambahkan, " << r.rows_updated << " akan diperbarui, " << r.rows_rejected
              << " ditolak karena masalah\n";
    return r.rows_rejected > 0 ? 3 : 0;
  }
  std::cout << "impor selesai (nomor " << r.id << "): " << r.rows_total << " baris; " << r.rows_created
            << " ditambahkan, " << r.rows_updated << " diperbarui, " << r.rows_unchanged << " tidak berubah, "
            << r.rows_rejected << " ditolak (" << seconds_since(started) << " detik)\n";
  // Index now when no server holds the index; a running server's indexer
  // picks the rows up from the outbox by itself.
  auto index = open_search_index(config, **db, log);
  if (!index) {
    std::cout << "indeks pencarian: diperbarui oleh server yang sedang berjalan\n";
    return r.rows_rejected > 0 ? 3 : 0;
  }
  const auto indexing = std::chrono::steady_clock::now();
  search::Indexer indexer(**db, **index, entity_sources(), log);
  auto applied = indexer.run_once();
  if (!applied) return fail(applied.error());
  std::cout << "indeks pencarian: " << *applied << " perubahan diterapkan (" << seconds_since(indexing)
            << " detik)\n";
  return r.rows_rejected > 0 ? 3 : 0;
}

int run_export(const Config& config, const ExportOptions& options) {
  auto log = make_logger("lumbung", config.log_level);
  auto db = open_database(config, log, /*migrate=*/true);
  if (!db) return fail(db.error());
  SystemClock clock;
  directory::InnovationService innovations(**db, clock);
  if (!options.open_data_dir.empty()) {
    auto rows = curation::export_open_data(innovations, options.open_data_dir);
    if (!rows) return fail(rows.error());
    std::cout << "data terbuka: " << *rows << " inovasi di " << options.open_data_dir << "\n";
    return 0;
  }
  auto format = curation::parse_export_format(options.format);
  if (!format) {
    std::cerr << "export: --format must be csv, xlsx or jsonl\n";
    return 2;
  }
  directory::InnovationFilter filter;
  filter.state = options.state == "all" ? "" : options.state;
  filter.source_program = options.source;
  filter.region_code = options.region;
  filter.province_code = options.province;
  filter.sector = options.sector;
  filter.year = options.year;
  auto rows = curation::export_file(innovations, filter, *format, options.file);
  if (!rows) return fail(rows.error());
  std::cout << "ekspor: " << *rows << " inovasi ke " << options.file << "\n";
  return 0;
}

}  // namespace lumbung::cli
