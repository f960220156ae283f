// The Beast HTTP/1.1 server: async sockets on I/O threads, handlers on a worker
// pool, so a slow client never holds a worker. Limits and timeouts come from
// ServerOptions; a malformed request gets a 4xx (or the connection is closed),
// never a crash.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/log.hpp"
#include "core/result.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"

namespace lumbung::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  int io_threads = 1;
  int worker_threads = 4;
  std::size_t max_header_bytes = 16 * 1024;        // 431 past it
  std::size_t max_body_bytes = 1024 * 1024;        // 413 past it, before routing
  std::size_t max_upload_bytes = 20 * 1024 * 1024;  // for routes with upload = true
  int read_timeout_seconds = 15;  // a whole request must arrive within this
  int idle_timeout_seconds = 60;  // keep-alive connection with nothing to do
  int max_pipelined = 8;          // queued responses per connection before reads pause
  int queue_timeout_seconds = 0;  // 503 without running a request that waited longer for a worker; 0: no limit
  bool trust_proxy = false;       // take the client address from X-Forwarded-For (behind nginx only)
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics, Logger access_log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Bind and listen; returns the bound port (useful with port 0).
  Result<std::uint16_t> listen();
  // Run I/O and worker threads; returns once stop() has drained everything.
  void run();
  // Stop accepting, let in-flight requests finish and close idle connections.
  // Safe to call from a signal handler's asio callback or another thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumbung::http
