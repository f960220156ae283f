#include "cli/application.hpp"

#include "api/api_routes.hpp"
#include "cli/app.hpp"
#include "cli/wiring.hpp"
#include "index/iid_deadlines.hpp"
#include "labs/lab_deadlines.hpp"
#include "competition/competition_deadlines.hpp"
#include "validation/validation_deadlines.hpp"
#include "web/validation_common.hpp"

namespace lumbung::cli {

Result<std::unique_ptr<Application>> build_application(const Config& config, Logger log, bool with_search) {
  auto app = std::make_unique<Application>();
  app->log = log;
  const auto resources = resource_dir(config);
  auto db = open_database(config, log, /*migrate=*/true);
  if (!db) return db.error();
  app->db = std::move(*db);
  auto catalog = Catalog::load(resources / "i18n");
  if (!catalog) return catalog.error();
  app->catalog = std::move(*catalog);
  auto views = web::Views::load(resources / "templates", app->catalog);
  if (!views) return views.error();
  app->views = std::move(*views);
  app->innovations = std::make_unique<directory::InnovationService>(*app->db, app->clock);
  app->accounts = std::make_unique<auth::AccountService>(*app->db, app->clock, account_options(config));
  app->caches = std::make_unique<web::SiteCaches>(app->clock);
  app->synonyms = std::make_unique<directory::SynonymService>(*app->db, app->clock);
  app->mailer = std::make_unique<notify::Mailer>(*app->db, app->catalog, app->clock, mailer_options(config), log);
  app->mailer->add_deadline_source(index::window_deadline_source(*app->db));
  app->mailer->add_deadline_source(labs::stage_deadline_source(*app->db));
  app->mailer->add_deadline_source(competition::round_deadline_source(*app->db));
  app->mailer->add_deadline_source(validation::campaign_deadline_source(*app->db));
  if (with_search) {
    auto index = open_search_index(config, *app->db, log);
    if (!index) return index.error();
    app->index = std::move(*index);
  }
  app->site = std::make_unique<web::Site>(web::Site{config, app->catalog, app->views, *app->db, *app->innovations,
                                                    *app->accounts, app->metrics, resources / "static", log,
                                                    config.data_dir, *app->caches, *app->synonyms,
                                                    app->index.get()});
  app->labs = std::make_unique<labs::LabService>(*app->db, app->clock, *app->innovations, *app->accounts);
  app->site->labs = app->labs.get();
  app->competitions = std::make_unique<competition::CompetitionService>(*app->db, app->clock, *app->innovations);
  app->site->competitions = app->competitions.get();
  app->imports = std::make_unique<curation::ImportService>(*app->db, app->clock);
  app->import_jobs = std::make_unique<curation::ImportJobs>(*app->imports, log);
  app->site->imports = app->imports.get();
  app->site->import_jobs = app->import_jobs.get();
  app->validation = std::make_unique<validation::ValidationService>(*app->db, app->clock);
  app->duplicates = std::make_unique<validation::DuplicateService>(*app->db, app->clock);
  web::attach_validation_services(*app->site, {app->validation.get(), app->duplicates.get()});
  web::register_routes(app->router, *app->site);
  api::register_routes(app->router, *app->site);
  return app;
}

}  // namespace lumbung::cli
