// Maintenance subcommands: migrate, seed-demo, reindex.
#include <iostream>

#include "cli/app.hpp"
#include "cli/wiring.hpp"
#include "directory/demo_seed.hpp"
#include "search/indexer.hpp"
#include "validation/duplicate_service.hpp"
#include <chrono>

namespace lumbung::cli {

int run_migrate(const Config& config) {
  auto log = make_logger("lumbung", config.log_level);
  auto db = open_database(config, log, /*migrate=*/false);
  if (!db) return fail(db.error());
  auto report = store::migrate(**db, resource_dir(config) / "migrations");
  if (!report) return fail(report.error());
  for (const auto& name : report->applied) std::cout << "applied " << name << "\n";
  std::cout << "schema version " << report->current_version << "\n";
  SystemClock clock;
  directory::InnovationService innovations(**db, clock);
  auto regions = innovations.load_reference_regions();
  if (!regions) return fail(regions.error());
  if (*regions > 0) std::cout << "loaded " << *regions << " reference regions\n";
  auto recounted = refresh_replication_counts(**db);
  if (!recounted) return fail(recounted.error());
  if (*recounted > 0) std::cout << "counted adopting regions of " << *recounted << " innovations\n";
  return 0;
}

int run_seed_demo(const Config& config, std::uint64_t seed, int count, bool accounts) {
  auto log = make_logger("lumbung", config.log_level);
  auto db = open_database(config, log, /*migrate=*/true);
  if (!db) return fail(db.error());
  SystemClock clock;
  directory::InnovationService innovations(**db, clock);
  auto report = directory::seed_demo(innovations, seed, count);
  if (!report) return fail(report.error());
  if (report->already_seeded)
    std::cout << "demo: the repository already holds innovations; nothing added\n";
  else
    std::cout << "demo: created " << report->created << " innovations and " << report->units << " units\n";
  if (accounts) {
    if (auto st = seed_demo_accounts(config, **db); !st) return fail(st.error());
    if (auto st = seed_demo_areas(config, **db, seed); !st) return fail(st.error());
  }
  return 0;
}

int run_reindex(const Config& config) {
  auto log = make_logger("lumbung", config.log_level);
  auto db = open_database(config, log, /*migrate=*/true);
  if (!db) return fail(db.error());
  auto count = search::reindex(**db, search_dir(config), entity_sources(), log);
  if (!count) return fail(count.error());
  std::cout << "reindex: " << *count << " documents\n";
  return 0;
}

int run_duplicates_scan(const Config& config, std::size_t neighbours, bool names_only) {
  auto log = make_logger("lumbung", config.log_level);
  auto db = open_database(config, log, /*migrate=*/true);
  if (!db) return fail(db.error());
  std::unique_ptr<search::SearchIndex> index;
  if (!names_only) {
    auto opened = open_search_index(config, **db, log);
    if (!opened) {
      std::cerr << "duplicates: the search index is in use (" << opened.error().message()
                << "); comparing names only. Stop the server, or use the scan button on /kurasi/duplikat.\n";
    } else {
      index = std::move(*opened);
    }
  }
  SystemClock clock;
  validation::DuplicateService service(**db, clock);
  const auto started = std::chrono::steady_clock::now();
  auto report = service.scan(index.get(), neighbours);
  if (!report) return fail(report.error());
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "duplicates: " << report->records << " records, " << report->candidates << " pairs compared, "
            << report->pairs << " likely duplicates (" << report->added << " new in the queue), "
            << (index ? "with" : "without") << " text similarity, " << seconds << " s\n";
  return 0;
}

}  // namespace lumbung::cli
