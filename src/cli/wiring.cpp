#include "cli/wiring.hpp"

#include <iostream>

#include "cli/app.hpp"
#include "directory/innovation_search.hpp"
#include "directory/innovation_service.hpp"
#include "replication/replication_index.hpp"
#include "replication/replication_store.hpp"
#include "search/indexer.hpp"

namespace lumbung::cli {

Result<std::unique_ptr<store::Database>> open_database(const Config& config, const Logger& log, bool migrate) {
  auto db = store::Database::open(config.database_url, config.data_dir, config.db_pool_size, log);
  replication::keep_counts_on_region_moves();
  if (!db || !migrate) return db;
  auto report = store::migrate(**db, resource_dir(config) / "migrations");
  if (!report) return report.error();
  for (const auto& name : report->applied) log->info("migrate: applied {}", name);
  // Reference data every installation needs: the Kemendagri regions.
  SystemClock clock;
  directory::InnovationService innovations(**db, clock);
  auto regions = innovations.load_reference_regions();
  if (!regions) return regions.error();
  if (*regions > 0) log->info("regions: loaded {} reference regions", *regions);
  auto recounted = refresh_replication_counts(**db);
  if (!recounted) return recounted.error();
  if (*recounted > 0) log->info("replication: counted adopting regions of {} innovations", *recounted);
  return db;
}

Result<int> refresh_replication_counts(store::Database& db) {
  return db.transact("refresh_replicated_regions", [](soci::session& sql) -> Result<int> {
    return replication::refresh_all_replicated_regions(sql);
  });
}

std::filesystem::path search_dir(const Config& config) { return std::filesystem::path(config.data_dir) / "search"; }

search::EntitySources entity_sources() {
  return {{"innovation", replication::with_replication_counts(directory::innovation_source())}};
}

Result<std::unique_ptr<search::SearchIndex>> open_search_index(const Config& config, store::Database& db,
                                                               const Logger& log) {
  const auto dir = search_dir(config);
  if (search::SearchIndex::needs_rebuild(dir)) {
    log->info("search: index layout outdated, rebuilding from the database");
    auto count = search::reindex(db, dir, entity_sources(), log);
    if (!count) return count.error();
    log->info("search: indexed {} documents", *count);
  }
  return search::SearchIndex::open(dir, directory::innovation_facets());
}

auth::AccountOptions account_options(const Config& config) {
  auth::AccountOptions options;
  options.base_url = config.base_url;
  return options;
}

notify::MailerOptions mailer_options(const Config& config) {
  notify::MailerOptions options;
  options.base_url = config.base_url;
  options.digest_hour = config.digest_hour;
  options.reminder_offsets.clear();
  for (int days : parse_reminder_days(config.reminder_days).value_or(std::vector<int>{7, 1}))
    options.reminder_offsets.push_back(std::int64_t{days} * 86400);
  return options;
}

int fail(const Error& error) {
  std::cerr << "lumbung: " << error.message() << "\n";
  return 1;
}

}  // namespace lumbung::cli
