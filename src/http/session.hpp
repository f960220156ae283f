// Internal to the server: one keep-alive connection. All members run on the
// connection's strand; handlers run on the worker pool and post their bytes back.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "http/request_builder.hpp"
#include "http/server_core.hpp"

namespace lumbung::http {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(ServerCore& core, boost::asio::ip::tcp::socket socket);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start();
  // Server stopping: no new requests; answer the ones already read, then close.
  void stop();

 private:
  // Responses in request order; written when ready, front first.
  struct Slot {
    bool ready = false;
    bool close = false;  // close the connection after writing
    std::string bytes;
  };
  // idle: waiting for a request's first byte; request: reading header/body.
  enum class Phase { none, idle, request };

  void do_read();
  void on_first_bytes(boost::beast::error_code ec, std::size_t n);
  void read_header();
  void parse_header();
  void on_header(boost::beast::error_code ec, std::size_t n);
  void on_body(boost::beast::error_code ec, std::size_t n);
  void on_read_error(boost::beast::error_code ec);
  void reject(unsigned status);
  void complete(std::uint64_t seq, std::string bytes);
  void do_write();
  void on_write(boost::beast::error_code ec, std::size_t n);
  void arm_idle_timer();
  void on_stop();
  void maybe_finish();
  void graceful_close();
  void drain();
  void close_now();

  ServerCore& core_;
  boost::beast::tcp_stream stream_;
  boost::asio::steady_timer idle_timer_;
  boost::beast::flat_buffer buffer_;
  std::optional<BeastRequestParser> parser_;
  std::deque<Slot> slots_;
  std::uint64_t first_seq_ = 0;  // sequence number of slots_.front()
  Phase phase_ = Phase::none;
  bool writing_ = false;
  bool no_more_reads_ = false;  // Connection: close, an error, or EOF
  bool stopping_ = false;
  bool closed_ = false;  // closing or closed: no new reads or writes
  // Set with closed_ by close_now(); read by workers, which skip requests of a
  // connection that is gone.
  std::atomic<bool> gone_{false};
  std::uint64_t idle_gen_ = 0;
  std::size_t drained_ = 0;
  std::size_t header_bytes_ = 0;  // of the request being read, parsed so far
  std::array<char, 4096> drain_buf_{};
  std::string remote_ip_;
};

}  // namespace lumbung::http
