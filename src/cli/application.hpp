// Everything a serving process holds, wired in one place: the database, the
// catalogue and templates, the domain services, the site and its routes.
// `serve` adds the search index, the indexer and the listener; `routes`
// only prints the route table.
#pragma once

#include <memory>

#include "auth/auth_service.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/i18n.hpp"
#include "directory/innovation_service.hpp"
#include "directory/synonym_service.hpp"
#include "notify/mailer.hpp"
#include "labs/lab_service.hpp"
#include "competition/competition_service.hpp"
#include "curation/import_jobs.hpp"
#include "validation/duplicate_service.hpp"
#include "validation/validation_service.hpp"
#include "search/search_index.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "store/database.hpp"
#include "web/site.hpp"
#include "web/views.hpp"

namespace lumbung::cli {

struct Application {
  Logger log;
  std::unique_ptr<store::Database> db;
  Catalog catalog;
  web::Views views;
  SystemClock clock;
  std::unique_ptr<directory::InnovationService> innovations;
  std::unique_ptr<auth::AccountService> accounts;
  http::Metrics metrics;
  std::unique_ptr<web::SiteCaches> caches;
  std::unique_ptr<directory::SynonymService> synonyms;
  std::unique_ptr<search::SearchIndex> index;  // only when built with_search
  // Notification mail and deadline reminders; modules with deadlines add
  // their sources here. Started by `serve`.
  std::unique_ptr<notify::Mailer> mailer;
  std::unique_ptr<labs::LabService> labs;
  std::unique_ptr<competition::CompetitionService> competitions;
  std::unique_ptr<curation::ImportService> imports;
  std::unique_ptr<curation::ImportJobs> import_jobs;  // started by `serve`
  std::unique_ptr<validation::ValidationService> validation;
  std::unique_ptr<validation::DuplicateService> duplicates;
  std::unique_ptr<web::Site> site;
  http::Router router;
};

// Opens and migrates the database, loads catalogue and templates, builds the
// services and registers every route. `with_search` also opens the search
// index (rebuilding it first if its layout is outdated), which takes the
// index's write lock: only the serving process does.
Result<std::unique_ptr<Application>> build_application(const Config& config, Logger log, bool with_search = false);

}  // namespace lumbung::cli
