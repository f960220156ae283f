// Internal to the server: state shared by the listener and its sessions.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "http/request.hpp"
#include "http/server.hpp"

namespace lumbung::http {

class Session;

struct ServerCore {
  ServerCore(ServerOptions o, const Router& r, Metrics& m, Logger l);

  // Runs on a worker: the router, the 500 catch-all, finalize_response,
  // serialization, metrics and the access line. `started` is when the request
  // was complete.
  std::string respond(Request req, bool keep_alive, std::chrono::steady_clock::time_point started);
  // A request dropped unanswered because its connection closed while it
  // waited for a worker: counted under route "abandoned".
  void abandon(const Request& req, std::chrono::steady_clock::time_point started);
  // A plain error answered before routing (400, 408, 413, 431, 501): logged,
  // counted under route "rejected", always "Connection: close".
  std::string reject(unsigned status, const std::string& request_id, const std::string& remote_ip,
                     std::string_view method, std::string_view target);

  void add_session(const std::shared_ptr<Session>& s);
  void remove_session(const Session* s);
  std::vector<std::shared_ptr<Session>> live_sessions();

  ServerOptions options;
  const Router& router;
  Metrics& metrics;
  Logger log;
  std::atomic<bool> stopping{false};

  // Declared before the io_context and the pool: sessions unregister while
  // those are destroyed.
  std::mutex sessions_mu;
  std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;

  boost::asio::io_context ioc;
  // After ioc: queued jobs hold work on ioc and are destroyed with the pool.
  boost::asio::thread_pool workers;
};

}  // namespace lumbung::http
