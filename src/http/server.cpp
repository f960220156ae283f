#include "http/server.hpp"

#include <exception>
#include <thread>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/http/status.hpp>

#include "http/finalize.hpp"
#include "http/session.hpp"

namespace lumbung::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

// ---- ServerCore ----

ServerCore::ServerCore(ServerOptions o, const Router& r, Metrics& m, Logger l)
    : options(std::move(o)),
      router(r),
      metrics(m),
      log(l ? std::move(l) : null_logger()),
      ioc(std::max(1, options.io_threads)),
      workers(static_cast<std::size_t>(std::max(1, options.worker_threads))) {}

std::string ServerCore::respond(Request req, bool keep_alive, std::chrono::steady_clock::time_point started) {
  RequestContext ctx;
  ctx.request_id = req.request_id;
  Response res;
  auto waited = std::chrono::steady_clock::now() - started;
  if (options.queue_timeout_seconds > 0 && waited > std::chrono::seconds(options.queue_timeout_seconds)) {
    // Overloaded: shed the request rather than run it for a client that has
    // probably given up; the connection closes so the client backs off.
    ctx.route_name = "shed";
    res = Response::text("503 Server sedang sibuk; coba lagi sebentar lagi.\n", 503);
    res.cacheable = false;
    res.header("Retry-After", "5");
    keep_alive = false;
  } else {
    try {
      res = router.dispatch(req, ctx);
    } catch (const std::exception& e) {
      log->error("{} http: exception in route={}: {}", req.request_id, ctx.route_name, e.what());
      res = Response::text("500 Internal Server Error\n", 500);
      res.cacheable = false;
    } catch (...) {
      log->error("{} http: unknown exception in route={}", req.request_id, ctx.route_name);
      res = Response::text("500 Internal Server Error\n", 500);
      res.cacheable = false;
    }
  }
  if (ctx.route_name.empty()) ctx.route_name = "not_found";
  finalize_response(req, res, std::chrono::system_clock::now());
  bool head = req.method == bhttp::verb::head;
  std::string bytes = serialize_response(res, head, keep_alive && !stopping.load());
  auto elapsed = std::chrono::steady_clock::now() - started;
  double seconds = std::chrono::duration<double>(elapsed).count();
  metrics.request_finished(ctx.route_name, res.status, seconds);
  log->info("{} {} \"{} {}\" {} {} {}ms route={}", req.request_id, req.remote_ip,
            std::string_view(bhttp::to_string(req.method)), req.target, res.status, head ? 0 : res.body.size(),
            std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), ctx.route_name);
  return bytes;
}

void ServerCore::abandon(const Request& req, std::chrono::steady_clock::time_point started) {
  auto elapsed = std::chrono::steady_clock::now() - started;
  metrics.request_finished("abandoned", 499, std::chrono::duration<double>(elapsed).count());
  log->info("{} {} \"{} {}\" 499 0 {}ms route=abandoned", req.request_id, req.remote_ip,
            std::string_view(bhttp::to_string(req.method)), req.target,
            std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count());
}

std::string ServerCore::reject(unsigned status, const std::string& request_id, const std::string& remote_ip,
                               std::string_view method, std::string_view target) {
  metrics.request_started();
  Response res = Response::text(
      std::to_string(status) + " " + std::string(bhttp::obsolete_reason(static_cast<bhttp::status>(status))) + "\n",
      status);
  res.cacheable = false;
  res.header("X-Request-Id", request_id);
  res.header("Cache-Control", "no-cache");
  res.header("Date", http_date(std::chrono::system_clock::now()));
  metrics.request_finished("rejected", status, 0.0);
  log->info("{} {} \"{} {}\" {} {} 0ms route=rejected", request_id, remote_ip, method, target.substr(0, 256), status,
            res.body.size());
  return serialize_response(res, false, false);
}

void ServerCore::add_session(const std::shared_ptr<Session>& s) {
  std::lock_guard lock(sessions_mu);
  sessions.emplace(s.get(), s);
}

void ServerCore::remove_session(const Session* s) {
  std::lock_guard lock(sessions_mu);
  sessions.erase(s);
}

std::vector<std::shared_ptr<Session>> ServerCore::live_sessions() {
  std::vector<std::shared_ptr<Session>> out;
  std::lock_guard lock(sessions_mu);
  for (auto& [ptr, weak] : sessions) {
    if (auto s = weak.lock()) out.push_back(std::move(s));
  }
  return out;
}

// ---- Server ----

struct Server::Impl : ServerCore {
  Impl(ServerOptions o, const Router& r, Metrics& m, Logger l)
      : ServerCore(std::move(o), r, m, std::move(l)),
        accept_strand(net::make_strand(ioc)),
        acceptor(accept_strand),
        retry_timer(accept_strand) {}

  void do_accept() {
    acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
      if (stopping.load() || !acceptor.is_open()) return;
      if (ec) {
        // Out of descriptors and the like: wait a little rather than spin.
        log->warn("http: accept: {}", ec.message());
        retry_timer.expires_after(std::chrono::milliseconds(100));
        retry_timer.async_wait([this](beast::error_code wait_ec) {
          if (!wait_ec && !stopping.load()) do_accept();
        });
        return;
      }
      auto session = std::make_shared<Session>(*this, std::move(socket));
      add_session(session);
      session->start();
      do_accept();
    });
  }

  void run_io() {
    while (true) {
      try {
        ioc.run();
        return;
      } catch (const std::exception& e) {
        log->error("http: exception in I/O loop: {}", e.what());
      }
    }
  }

  net::strand<net::io_context::executor_type> accept_strand;
  tcp::acceptor acceptor;
  net::steady_timer retry_timer;
  bool listening = false;
};

Server::Server(ServerOptions options, const Router& router, Metrics& metrics, Logger access_log)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics, std::move(access_log))) {}

Server::~Server() {
  impl_->stopping = true;
  impl_->workers.stop();
  impl_->workers.join();
  impl_->ioc.stop();
}

Result<std::uint16_t> Server::listen() {
  auto& im = *impl_;
  std::string where = im.options.host + ":" + std::to_string(im.options.port);
  beast::error_code ec;
  tcp::resolver resolver(im.ioc);
  auto results = resolver.resolve(im.options.host, std::to_string(im.options.port),
                                  tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec || results.empty()) {
    return Error(ErrorCode::unavailable, "http_listen: cannot resolve host: " + ec.message() + " (" + where + ")");
  }
  tcp::endpoint endpoint = results.begin()->endpoint();
  im.acceptor.open(endpoint.protocol(), ec);
  if (!ec) im.acceptor.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) im.acceptor.bind(endpoint, ec);
  if (!ec) im.acceptor.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    beast::error_code ignored;
    im.acceptor.close(ignored);
    return Error(ErrorCode::unavailable, "http_listen: " + ec.message() + " (" + where + ")");
  }
  im.listening = true;
  std::uint16_t port = im.acceptor.local_endpoint(ec).port();
  net::post(im.accept_strand, [&im] { im.do_accept(); });
  return port;
}

void Server::run() {
  auto& im = *impl_;
  std::vector<std::thread> threads;
  for (int i = 1; i < im.options.io_threads; ++i) threads.emplace_back([&im] { im.run_io(); });
  im.run_io();
  for (auto& t : threads) t.join();
  im.workers.join();
}

void Server::stop() {
  auto& im = *impl_;
  net::post(im.accept_strand, [&im] {
    if (im.stopping.exchange(true)) return;
    beast::error_code ignored;
    im.acceptor.close(ignored);
    im.retry_timer.cancel();
    for (auto& s : im.live_sessions()) s->stop();
  });
}

}  // namespace lumbung::http
