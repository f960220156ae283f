// Shared start-up steps of the subcommands.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>

#include "auth/auth_service.hpp"
#include "core/config.hpp"
#include "core/log.hpp"
#include "core/result.hpp"
#include "notify/mailer.hpp"
#include "search/search_index.hpp"
#include "store/database.hpp"
#include "store/migrate.hpp"

namespace lumbung::cli {

// One login per role for a demo (seed-demo --accounts); passwords in <data>/demo-accounts.txt.
Status seed_demo_accounts(const Config& config, store::Database& db);
// After the demo accounts: labs, replications, IID submissions and competitions
// they work on, through the domain services (demo_areas.cpp); the same seed on
// the same day gives the same data; areas already holding data are left alone.
Status seed_demo_areas(const Config& config, store::Database& db, std::uint64_t seed);
// Opens the configured database; with migrate=true also applies pending migrations.
Result<std::unique_ptr<store::Database>> open_database(const Config& config, const Logger& log, bool migrate);
// The directory's replication counts (innovations.replicated_regions, migration
// 0017) counted afresh; returns how many changed. open_database(migrate) calls it.
Result<int> refresh_replication_counts(store::Database& db);
// <data>/search
std::filesystem::path search_dir(const Config& config);
// Every entity kind the search index holds.
search::EntitySources entity_sources();
// Opens the search index for serving, with the innovation facets; rebuilds it
// from the database first when its document layout is outdated.
Result<std::unique_ptr<search::SearchIndex>> open_search_index(const Config& config, store::Database& db,
                                                               const Logger& log);
// Account settings from the process settings.
auth::AccountOptions account_options(const Config& config);
// Notification mail settings from the process settings.
notify::MailerOptions mailer_options(const Config& config);
// Prints "lumbung: <message>" to stderr and returns exit code 1.
int fail(const Error& error);

}  // namespace lumbung::cli
