// lumbung serve: config -> logger -> store (migrate) -> search -> services ->
// router -> listener -> signals -> threads -> join.
#include <atomic>
#include <csignal>
#include <iostream>
#include <pthread.h>
#include <thread>

#include "cli/app.hpp"
#include "cli/application.hpp"
#include "cli/wiring.hpp"
#include "http/server.hpp"
#include "mail/delivery.hpp"
#include "search/indexer.hpp"

namespace lumbung::cli {

int run_serve(const Config& config) {
  // Block SIGINT/SIGTERM in every thread; one thread waits for them below.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  auto log = make_logger("lumbung", config.log_level, config.log_format);
  auto access_log = make_logger("http", config.log_level, config.log_format);

  auto app = build_application(config, log, /*with_search=*/true);
  if (!app) return fail(app.error());
  search::Indexer indexer(*(*app)->db, *(*app)->index, entity_sources(), log);
  mail::SmtpSettings smtp;
  smtp.host = config.smtp_host;
  smtp.port = config.smtp_port;
  smtp.starttls = config.smtp_starttls;
  smtp.user = config.smtp_user;
  smtp.password = config.smtp_password;
  smtp.from_address = config.mail_from;
  mail::RetryPolicy retry{config.mail_retry_seconds, std::int64_t{config.mail_give_up_days} * 86400};
  mail::Delivery delivery(*(*app)->db, smtp, retry, (*app)->clock, log);

  http::ServerOptions options;
  options.host = config.host;
  options.port = config.port;
  options.io_threads = config.io_threads;
  options.worker_threads = config.worker_threads;
  options.max_header_bytes = config.max_header_bytes;
  options.max_body_bytes = config.max_body_bytes;
  options.max_upload_bytes = config.max_upload_bytes;
  options.read_timeout_seconds = config.read_timeout_seconds;
  options.idle_timeout_seconds = config.idle_timeout_seconds;
  options.max_pipelined = config.max_pipelined;
  options.queue_timeout_seconds = config.queue_timeout_seconds;
  options.trust_proxy = config.trust_proxy;
  http::Server server(options, (*app)->router, (*app)->metrics, access_log);
  auto port = server.listen();
  if (!port) return fail(port.error());

  indexer.start();
  (*app)->mailer->start();
  (*app)->import_jobs->start();
  if (!config.smtp_host.empty()) delivery.start();
  else log->warn("mail: no --smtp-host; outgoing mail stays queued");
  std::cout << "listening on http://" << config.host << ":" << *port << std::endl;

  std::atomic<bool> signalled{false};
  std::thread signal_waiter([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    signalled = true;
    if (sig == SIGINT || sig == SIGTERM) log->info("signal {}: finishing in-flight requests", sig);
    server.stop();
  });
  server.run();
  // run() also returns if the server stopped for another reason: wake the waiter.
  if (!signalled) pthread_kill(signal_waiter.native_handle(), SIGTERM);
  signal_waiter.join();
  indexer.stop();
  (*app)->mailer->stop();
  delivery.stop();
  log->info("stopped");
  return 0;
}

}  // namespace lumbung::cli

namespace lumbung::cli {

int run_routes(const Config& config) {
  auto app = build_application(config, make_logger("lumbung", "warn"));
  if (!app) return fail(app.error());
  for (const auto& r : (*app)->router.routes())
    std::cout << boost::beast::http::to_string(r.method) << "\t" << r.pattern << "\t" << r.name << "\t" << r.access
              << "\n";
  return 0;
}

}  // namespace lumbung::cli
