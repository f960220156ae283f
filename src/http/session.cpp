#include "http/session.hpp"

#include <algorithm>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>

#include "http/router.hpp"

namespace lumbung::http {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

namespace {

constexpr std::size_t kDrainLimit = 1024 * 1024;  // bytes read and dropped before a close
constexpr auto kDrainTime = std::chrono::seconds(2);
constexpr auto kDrainTimeStopping = std::chrono::milliseconds(250);  // run() should return soon
constexpr auto kNoTimeout = std::chrono::hours(24);

bool is_parse_error(const beast::error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category();
}

}  // namespace

Session::Session(ServerCore& core, tcp::socket socket)
    : core_(core), stream_(std::move(socket)), idle_timer_(stream_.get_executor()) {
  beast::error_code ec;
  auto ep = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ip_ = ep.address().to_string();
  stream_.socket().set_option(tcp::no_delay(true), ec);
}

Session::~Session() { core_.remove_session(this); }

void Session::start() { net::dispatch(stream_.get_executor(), beast::bind_front_handler(&Session::do_read, shared_from_this())); }

void Session::stop() { net::post(stream_.get_executor(), beast::bind_front_handler(&Session::on_stop, shared_from_this())); }

void Session::do_read() {
  if (closed_ || no_more_reads_ || stopping_ || phase_ != Phase::none) return;
  if (slots_.size() >= static_cast<std::size_t>(std::max(1, core_.options.max_pipelined))) return;
  parser_.emplace();
  limit_parser(*parser_, core_.options.max_header_bytes,
               std::max(core_.options.max_body_bytes, core_.options.max_upload_bytes));
  if (buffer_.size() > 0) {
    read_header();  // a pipelined request is already buffered
    return;
  }
  // Wait for the first byte under the idle timer, then the read timeout applies.
  phase_ = Phase::idle;
  stream_.expires_after(kNoTimeout);
  arm_idle_timer();
  stream_.async_read_some(buffer_.prepare(8192),
                          beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
}

void Session::on_first_bytes(beast::error_code ec, std::size_t n) {
  phase_ = Phase::none;
  ++idle_gen_;
  if (ec) return on_read_error(ec);
  buffer_.commit(n);
  if (closed_) return;
  read_header();
}

void Session::read_header() {
  phase_ = Phase::request;
  header_bytes_ = 0;
  stream_.expires_after(std::chrono::seconds(core_.options.read_timeout_seconds));
  parse_header();
}

// Beast's header limit bounds the bytes not yet parsed, not the whole header
// (fields parsed from an earlier read are forgotten), so a client sending its
// fields in small pieces could grow one header without bound: the parser is
// fed here and the whole header block counted.
void Session::parse_header() {
  beast::error_code ec;
  // Beast keeps a field's bytes unparsed until the next line shows it is not folded.
  if (has_obs_fold({static_cast<const char*>(buffer_.data().data()), buffer_.size()})) {
    core_.log->debug("{} http: refused header: obs-fold", remote_ip_);
    return reject(400);
  }
  while (buffer_.size() > 0 && !parser_->is_header_done()) {
    std::size_t used = parser_->put(buffer_.data(), ec);
    buffer_.consume(used);
    header_bytes_ += used;
    if (ec == bhttp::error::need_more) {
      ec = {};
      break;
    }
    if (ec) return on_read_error(ec);
    if (used == 0) break;
  }
  if (header_bytes_ + (parser_->is_header_done() ? 0 : buffer_.size()) > core_.options.max_header_bytes)
    return on_read_error(bhttp::error::header_limit);
  if (parser_->is_header_done()) return on_header({}, header_bytes_);
  stream_.async_read_some(buffer_.prepare(8192), [self = shared_from_this()](beast::error_code read_ec, std::size_t n) {
    if (read_ec) return self->on_read_error(read_ec == net::error::eof && self->header_bytes_ + self->buffer_.size() > 0
                                                ? beast::error_code(bhttp::error::partial_message)
                                                : read_ec);
    self->buffer_.commit(n);
    if (self->closed_) return;
    self->parse_header();
  });
}

void Session::on_header(beast::error_code ec, std::size_t) {
  if (ec) return on_read_error(ec);
  if (closed_) return;
  auto& msg = parser_->get();
  if (msg.method() == bhttp::verb::unknown) return reject(501);
  if (auto why = ambiguous_framing(msg, parser_->chunked()); !why.empty()) {
    core_.log->debug("{} http: refused header: {}", remote_ip_, why);
    return reject(400);
  }
  auto target = parse_target(msg.target());
  if (!target) return reject(400);
  // The body limit depends on the route: check Content-Length before reading it.
  Match m = core_.router.match(msg.method(), target->path);
  std::uint64_t limit = (m.route != nullptr && m.route->upload) ? core_.options.max_upload_bytes
                                                                 : core_.options.max_body_bytes;
  if (auto len = parser_->content_length(); len && *len > limit) return reject(413);
  parser_->body_limit(limit);
  bhttp::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_body, shared_from_this()));
}

void Session::on_body(beast::error_code ec, std::size_t) {
  if (ec) return on_read_error(ec);
  phase_ = Phase::none;
  if (closed_) return;
  BeastRequest msg = parser_->release();
  parser_.reset();
  bool keep_alive = msg.keep_alive();
  auto req = make_request(std::move(msg), remote_ip_, core_.options.trust_proxy);
  if (!req) return reject(400);
  if (!keep_alive) no_more_reads_ = true;
  std::uint64_t seq = first_seq_ + slots_.size();
  slots_.push_back(Slot{false, !keep_alive, {}});
  core_.metrics.request_started();
  auto started = std::chrono::steady_clock::now();
  net::post(core_.workers, [self = shared_from_this(), seq, keep_alive, started, req = std::move(req).value(),
                            work = net::make_work_guard(core_.ioc)]() mutable {
    std::string bytes;
    if (self->gone_.load(std::memory_order_relaxed)) return self->core_.abandon(req, started);
    try {
      bytes = self->core_.respond(std::move(req), keep_alive, started);
    } catch (...) {  // out of memory while finalizing: still answer, never kill the worker
      bytes = "HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    }
    net::post(self->stream_.get_executor(), [self, seq, bytes = std::move(bytes)]() mutable {
      self->complete(seq, std::move(bytes));
    });
  });
  do_read();  // pipelining: read the next request meanwhile
}

void Session::on_read_error(beast::error_code ec) {
  phase_ = Phase::none;
  if (closed_) return;
  if (ec == bhttp::error::header_limit) return reject(431);
  if (ec == bhttp::error::body_limit) return reject(413);
  if (ec == beast::error::timeout) {
    // Beast has closed the socket: a slow client gets no answer.
    core_.log->debug("{} http: read timeout", remote_ip_);
    return close_now();
  }
  if (ec == bhttp::error::end_of_stream || ec == net::error::eof || ec == bhttp::error::partial_message ||
      ec == net::error::operation_aborted) {
    no_more_reads_ = true;
    return maybe_finish();
  }
  if (is_parse_error(ec)) return reject(400);
  close_now();
}

void Session::reject(unsigned status) {
  phase_ = Phase::none;
  no_more_reads_ = true;
  std::string id = new_request_id();
  std::string method = "-";
  std::string target = "-";
  if (parser_ && parser_->is_header_done()) {
    const auto& msg = parser_->get();
    id = request_id_for(msg["X-Request-Id"]);
    method = std::string(msg.method_string());
    target = std::string(msg.target());
  }
  parser_.reset();
  slots_.push_back(Slot{true, true, core_.reject(status, id, remote_ip_, method, target)});
  do_write();
}

void Session::complete(std::uint64_t seq, std::string bytes) {
  if (closed_ || seq < first_seq_ || seq - first_seq_ >= slots_.size()) return;
  Slot& slot = slots_[seq - first_seq_];
  slot.bytes = std::move(bytes);
  slot.ready = true;
  do_write();
}

void Session::do_write() {
  if (closed_ || writing_ || slots_.empty() || !slots_.front().ready) return;
  writing_ = true;
  ++idle_gen_;
  stream_.expires_after(std::chrono::seconds(std::max(core_.options.idle_timeout_seconds, 1)));
  // Status line, headers and body in one buffer: one write, no split packets.
  net::async_write(stream_, net::buffer(slots_.front().bytes),
                   beast::bind_front_handler(&Session::on_write, shared_from_this()));
}

void Session::on_write(beast::error_code ec, std::size_t) {
  writing_ = false;
  if (closed_) return;
  if (ec) return close_now();
  bool close = slots_.front().close;
  slots_.pop_front();
  ++first_seq_;
  if (close) {
    no_more_reads_ = true;
    slots_.clear();
    return graceful_close();
  }
  if (stopping_ && phase_ == Phase::idle) {
    beast::error_code ignored;
    stream_.socket().cancel(ignored);  // wake the idle read; nothing else is pending
  }
  do_write();
  do_read();
  arm_idle_timer();
  maybe_finish();
}

void Session::arm_idle_timer() {
  if (closed_ || phase_ != Phase::idle || writing_ || !slots_.empty()) return;
  std::uint64_t gen = ++idle_gen_;
  idle_timer_.expires_after(std::chrono::seconds(std::max(core_.options.idle_timeout_seconds, 1)));
  idle_timer_.async_wait([self = shared_from_this(), gen](beast::error_code ec) {
    if (ec || gen != self->idle_gen_ || self->closed_) return;
    if (self->phase_ == Phase::idle && self->slots_.empty() && !self->writing_) self->close_now();
  });
}

void Session::on_stop() {
  stopping_ = true;
  if (closed_) return;
  if (phase_ == Phase::idle && !writing_) {
    beast::error_code ignored;
    stream_.socket().cancel(ignored);
  }
  maybe_finish();
}

void Session::maybe_finish() {
  if (closed_ || writing_ || !slots_.empty() || phase_ != Phase::none) return;
  if (no_more_reads_ || stopping_) graceful_close();
}

void Session::graceful_close() {
  // Half-close, then read and drop what the client still sends, so the kernel
  // does not answer unread data with a reset that would destroy our response.
  closed_ = true;
  idle_timer_.cancel();
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (ec) return close_now();
  if (stopping_) stream_.expires_after(kDrainTimeStopping);
  else stream_.expires_after(kDrainTime);
  drain();
}

void Session::drain() {
  stream_.async_read_some(net::buffer(drain_buf_), [self = shared_from_this()](beast::error_code ec, std::size_t n) {
    self->drained_ += n;
    if (ec || self->drained_ > kDrainLimit) return self->close_now();
    self->drain();
  });
}

void Session::close_now() {
  closed_ = true;
  gone_.store(true, std::memory_order_relaxed);
  idle_timer_.cancel();
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.close();
}

}  // namespace lumbung::http
