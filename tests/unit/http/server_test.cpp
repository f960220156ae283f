// The server over real TCP sockets on 127.0.0.1: framing, keep-alive,
// pipelining, limits, timeouts, errors and graceful stop. No timed assertions:
// timeouts only keep a broken server from hanging the test.
#include "http/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <atomic>
#include <chrono>
#include <future>
#include <map>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

namespace lumbung::http {
namespace {

using namespace std::chrono_literals;

struct Reply {
  unsigned status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool ok = false;  // a complete response was read
};

class Client {
 public:
  explicit Client(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    timeval tv{10, 0};  // keeps a broken server from hanging the test
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~Client() { ::close(fd_); }
  bool connected() const { return connected_; }
  int fd() const { return fd_; }

  bool send(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads one response; `head` = the request was HEAD (no body follows).
  Reply read(bool head = false) {
    Reply r;
    std::size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return r;
    }
    std::string header_block = buf_.substr(0, end);
    buf_.erase(0, end + 4);
    std::istringstream in(header_block);
    std::string line;
    std::getline(in, line);
    if (line.rfind("HTTP/1.1 ", 0) != 0) return r;
    r.status = static_cast<unsigned>(std::stoul(line.substr(9, 3)));
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      r.headers[name] = value;
    }
    std::size_t length = 0;
    if (r.headers.count("content-length")) length = std::stoul(r.headers["content-length"]);
    if (head || r.status == 304 || r.status == 204) length = 0;
    while (buf_.size() < length) {
      if (!fill()) return r;
    }
    r.body = buf_.substr(0, length);
    buf_.erase(0, length);
    r.ok = true;
    return r;
  }

  // True when the server closed the connection (EOF or reset) before the timeout.
  bool closed_by_peer() {
    char c;
    ssize_t n = ::recv(fd_, &c, 1, 0);
    if (n == 0) return true;
    return n < 0 && errno == ECONNRESET;
  }

  std::string leftover() const { return buf_; }

 private:
  bool fill() {
    char tmp[65536];
    ssize_t n = ::recv(fd_, tmp, sizeof tmp, 0);
    if (n <= 0) return false;
    buf_.append(tmp, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string buf_;
};

std::string gunzip(const std::string& in) {
  z_stream zs{};
  inflateInit2(&zs, 15 + 16);
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  std::string out;
  char buf[4096];
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
  } while (rc == Z_OK);
  inflateEnd(&zs);
  return rc == Z_STREAM_END ? out : "<inflate failed>";
}

std::string big_text() {
  std::string s;
  for (int i = 0; i < 300; ++i) s += "Inovasi pelayanan publik " + std::to_string(i) + "\n";
  return s;
}

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    router_.get("/hello", "get_hello", "public", [](const Request&, RequestContext&) {
      return Response::text("hello");
    });
    router_.get("/big", "get_big", "public", [](const Request&, RequestContext&) { return Response::html(big_text()); });
    router_.get("/slow", "get_slow", "public", [this](const Request& req, RequestContext&) {
      slow_started_.store(true);
      std::this_thread::sleep_for(std::chrono::milliseconds(std::stoi(req.query.get_or("ms", "300"))));
      return Response::text("slow");
    });
    router_.post("/echo", "post_echo", "public", [this](const Request& req, RequestContext&) {
      ++echo_calls_;
      return Response::text("got " + std::to_string(req.body.size()));
    });
    router_.add(Route{boost::beast::http::verb::post, "/upload", "post_upload", "public",
                      [](const Request& req, RequestContext&) {
                        auto parts = req.multipart();
                        if (!parts) return Response::text("bad form", 400);
                        return Response::text("parts " + std::to_string(parts->size()));
                      },
                      true});
    router_.get("/boom", "get_boom", "public", [](const Request&, RequestContext&) -> Response {
      throw std::runtime_error("secret-internal-detail");
    });
    router_.get("/id", "get_id", "public",
                [](const Request& req, RequestContext&) { return Response::text(req.request_id); });

    log_ = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::ostream_sink_mt>(log_stream_));
    log_->set_pattern("%v");
    server_ = std::make_unique<Server>(options, router_, metrics_, log_);
    auto port = server_->listen();
    ASSERT_TRUE(port.ok()) << port.error().message();
    port_ = *port;
    ASSERT_NE(port_, 0);
    done_ = std::async(std::launch::async, [this] { server_->run(); });
  }

  void TearDown() override {
    if (!server_) return;
    server_->stop();
    EXPECT_EQ(done_.wait_for(15s), std::future_status::ready) << "run() did not return after stop()";
  }

  std::string access_log() {
    log_->flush();
    return log_stream_.str();
  }

  Router router_;
  Metrics metrics_;
  std::ostringstream log_stream_;
  Logger log_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
  std::future<void> done_;
  std::atomic<bool> slow_started_{false};
  std::atomic<int> echo_calls_{0};
};

const std::string kGetHello = "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n";

TEST_F(ServerTest, Get200WithHeadersAndAccessLog) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.connected());
  ASSERT_TRUE(c.send("GET /hello?x=1 HTTP/1.1\r\nHost: t\r\nX-Request-Id: req-42\r\n\r\n"));
  Reply r = c.read();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.headers["content-length"], "5");
  EXPECT_EQ(r.headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(r.headers["x-request-id"], "req-42");
  EXPECT_EQ(r.headers["cache-control"], "no-cache");
  EXPECT_FALSE(r.headers["date"].empty());
  EXPECT_FALSE(r.headers["etag"].empty());

  ASSERT_TRUE(c.send("GET /nope HTTP/1.1\r\nHost: t\r\n\r\n"));
  Reply nf = c.read();
  EXPECT_EQ(nf.status, 404u);
  EXPECT_EQ(nf.headers["x-request-id"].size(), 16u);

  std::string log = access_log();
  EXPECT_NE(log.find("req-42 127.0.0.1 \"GET /hello?x=1\" 200 5 "), std::string::npos) << log;
  EXPECT_NE(log.find("route=get_hello"), std::string::npos) << log;
  EXPECT_NE(log.find("route=not_found"), std::string::npos) << log;
  std::string metrics = metrics_.render();
  EXPECT_NE(metrics.find("lumbung_http_requests_total{route=\"get_hello\",status=\"200\"} 1"), std::string::npos);
  EXPECT_NE(metrics.find("lumbung_http_requests_total{route=\"not_found\",status=\"404\"} 1"), std::string::npos);
}

TEST_F(ServerTest, KeepAliveServesSeveralRequests) {
  start();
  Client c(port_);
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(c.send(kGetHello));
    Reply r = c.read();
    ASSERT_TRUE(r.ok) << i;
    EXPECT_EQ(r.body, "hello");
    EXPECT_EQ(r.headers["connection"], "keep-alive");
  }
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"));
  Reply r = c.read();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.headers["connection"], "close");
  EXPECT_TRUE(c.closed_by_peer());
}

TEST_F(ServerTest, PipelinedRequestsAnsweredInOrder) {
  ServerOptions o;
  o.max_pipelined = 2;
  o.worker_threads = 4;
  start(o);
  Client c(port_);
  // The first is slow, later ones fast: answers must still come in order.
  std::string batch = "GET /slow?ms=150 HTTP/1.1\r\nHost: t\r\n\r\n";
  for (int i = 0; i < 4; ++i) batch += "GET /id HTTP/1.1\r\nHost: t\r\nX-Request-Id: n" + std::to_string(i) + "\r\n\r\n";
  ASSERT_TRUE(c.send(batch));
  Reply first = c.read();
  ASSERT_TRUE(first.ok);
  EXPECT_EQ(first.body, "slow");
  for (int i = 0; i < 4; ++i) {
    Reply r = c.read();
    ASSERT_TRUE(r.ok) << i;
    EXPECT_EQ(r.body, "n" + std::to_string(i));
  }
}

TEST_F(ServerTest, HeadHasGetHeadersAndNoBody) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  Reply r = c.read(/*head=*/true);
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.headers["content-length"], "5");
  EXPECT_EQ(r.body, "");
  // No body bytes were sent: the next response starts right away.
  ASSERT_TRUE(c.send(kGetHello));
  Reply next = c.read();
  ASSERT_TRUE(next.ok);
  EXPECT_EQ(next.body, "hello");
}

TEST_F(ServerTest, GzipWhenAccepted) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send("GET /big HTTP/1.1\r\nHost: t\r\nAccept-Encoding: gzip, deflate\r\n\r\n"));
  Reply r = c.read();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.headers["content-encoding"], "gzip");
  EXPECT_EQ(r.headers["vary"], "Accept-Encoding");
  EXPECT_LT(r.body.size(), big_text().size());
  EXPECT_EQ(gunzip(r.body), big_text());

  ASSERT_TRUE(c.send("GET /big HTTP/1.1\r\nHost: t\r\n\r\n"));
  Reply plain = c.read();
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  EXPECT_EQ(plain.body, big_text());
}

TEST_F(ServerTest, IfNoneMatchGives304) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send(kGetHello));
  Reply r = c.read();
  std::string etag = r.headers["etag"];
  ASSERT_FALSE(etag.empty());
  ASSERT_TRUE(c.send("GET /hello HTTP/1.1\r\nHost: t\r\nIf-None-Match: " + etag + "\r\n\r\n"));
  Reply nm = c.read();
  ASSERT_TRUE(nm.ok);
  EXPECT_EQ(nm.status, 304u);
  EXPECT_EQ(nm.body, "");
  EXPECT_EQ(nm.headers["etag"], etag);
  // The connection is still in step.
  ASSERT_TRUE(c.send(kGetHello));
  EXPECT_EQ(c.read().body, "hello");
}

struct BadRequestCase {
  std::string what;
  std::string bytes;
  unsigned status;
};

TEST_F(ServerTest, BadRequestsGet4xxAndClose) {
  start();
  const BadRequestCase cases[] = {
      {"malformed request line", "GARBAGE\r\n\r\n", 400},
      {"bad header syntax", "GET / HTTP/1.1\r\nHost t\r\n\r\n", 400},
      {"bad version", "GET / HTTP/9.9x\r\n\r\n", 400},
      {"oversized header", "GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(20 * 1024, 'a') + "\r\n\r\n", 431},
      {"bad percent-encoding", "GET /a%zz HTTP/1.1\r\nHost: t\r\n\r\n", 400},
      {"bad query encoding", "GET /hello?q=%G1 HTTP/1.1\r\nHost: t\r\n\r\n", 400},
      {"unknown method", "FOO / HTTP/1.1\r\nHost: t\r\n\r\n", 501},
      {"absolute-form target", "GET http://x/ HTTP/1.1\r\nHost: t\r\n\r\n", 400},
  };
  for (const auto& c : cases) {
    Client cl(port_);
    ASSERT_TRUE(cl.send(c.bytes)) << c.what;
    Reply r = cl.read();
    ASSERT_TRUE(r.ok) << c.what;
    EXPECT_EQ(r.status, c.status) << c.what;
    EXPECT_EQ(r.headers["connection"], "close") << c.what;
    EXPECT_TRUE(cl.closed_by_peer()) << c.what;
  }
  // The server keeps serving.
  Client ok(port_);
  ASSERT_TRUE(ok.send(kGetHello));
  EXPECT_EQ(ok.read().status, 200u);
}

TEST_F(ServerTest, OversizedBodyGets413BeforeTheHandler) {
  start();
  {
    Client c(port_);
    ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2097152\r\n\r\n"));
    Reply r = c.read();
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.status, 413u);
  }
  {
    // Chunked: the chunk size alone is past the limit.
    Client c(port_);
    ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n" +
                       std::string(4096, 'x')));
    Reply r = c.read();
    ASSERT_TRUE(r.ok);
    EXPECT_EQ(r.status, 413u);
  }
  EXPECT_EQ(echo_calls_.load(), 0);
  {
    // Within the limit it reaches the handler.
    Client c(port_);
    ASSERT_TRUE(c.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\n\r\nabc"));
    EXPECT_EQ(c.read().body, "got 3");
  }
}

TEST_F(ServerTest, UploadRoutesGetTheLargerLimit) {
  start();
  std::string data(2 * 1024 * 1024, 'z');
  std::string body = "--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n\r\n" + data + "\r\n--b--\r\n";
  Client c(port_);
  ASSERT_TRUE(c.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body));
  Reply r = c.read();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "parts 1");
}

TEST_F(ServerTest, BadMultipartGetsTheHandlersAnswer) {
  start();
  std::string body = "--b\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--b--\r\n";
  Client c(port_);
  ASSERT_TRUE(c.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body));
  Reply r = c.read();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 400u);
  EXPECT_EQ(r.body, "bad form");
}

TEST_F(ServerTest, MethodNotAllowedHasAllow) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  Reply r = c.read();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 405u);
  EXPECT_EQ(r.headers["allow"], "GET, HEAD");
}

TEST_F(ServerTest, HandlerExceptionGivesPlain500) {
  start();
  Client c(port_);
  ASSERT_TRUE(c.send("GET /boom HTTP/1.1\r\nHost: t\r\nX-Request-Id: boom-1\r\n\r\n"));
  Reply r = c.read();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 500u);
  EXPECT_EQ(r.body.find("secret-internal-detail"), std::string::npos);
  EXPECT_EQ(r.headers["x-request-id"], "boom-1");
  // Logged with the request id, and the connection still works.
  EXPECT_NE(access_log().find("boom-1 http: exception in route=get_boom: secret-internal-detail"), std::string::npos);
  ASSERT_TRUE(c.send(kGetHello));
  EXPECT_EQ(c.read().status, 200u);
}

TEST_F(ServerTest, SlowClientIsCutOffWhileOthersAreServed) {
  ServerOptions o;
  o.read_timeout_seconds = 1;
  start(o);
  Client slow(port_);
  ASSERT_TRUE(slow.connected());
  std::atomic<bool> cut{false};
  std::thread trickle([&] {
    const std::string request = "GET /hello HTTP/1.1\r\nHost: t\r\nX-Padding: " + std::string(100, 'p') + "\r\n\r\n";
    for (char ch : request) {
      pollfd p{slow.fd(), POLLIN, 0};
      if (::poll(&p, 1, 0) > 0) break;  // the server answered or closed
      if (::send(slow.fd(), &ch, 1, MSG_NOSIGNAL) != 1) break;
      std::this_thread::sleep_for(300ms);
    }
    cut = true;
  });
  // Meanwhile another client is served.
  Client other(port_);
  ASSERT_TRUE(other.send(kGetHello));
  Reply r = other.read();
  EXPECT_EQ(r.status, 200u);
  trickle.join();
  EXPECT_TRUE(cut.load());
  // The slow request is never served: a 408 or a closed connection.
  Reply late = slow.read();
  if (late.ok) {
    EXPECT_EQ(late.status, 408u);
  } else {
    EXPECT_EQ(late.status, 0u);  // closed before any response
  }
}

TEST_F(ServerTest, IdleKeepAliveConnectionIsClosed) {
  ServerOptions o;
  o.idle_timeout_seconds = 1;
  start(o);
  Client c(port_);
  ASSERT_TRUE(c.send(kGetHello));
  EXPECT_EQ(c.read().status, 200u);
  EXPECT_TRUE(c.closed_by_peer());  // within the client's 10 s receive timeout
}

TEST_F(ServerTest, StopFinishesInFlightRequest) {
  start();
  Client c(port_);
  Client idle(port_);
  ASSERT_TRUE(idle.send(kGetHello));
  ASSERT_EQ(idle.read().status, 200u);
  ASSERT_TRUE(c.send("GET /slow?ms=300 HTTP/1.1\r\nHost: t\r\n\r\n"));
  for (int i = 0; i < 1000 && !slow_started_.load(); ++i) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(slow_started_.load());
  server_->stop();
  Reply r = c.read();
  ASSERT_TRUE(r.ok);
  EXPECT_EQ(r.status, 200u);
  EXPECT_EQ(r.body, "slow");
  EXPECT_EQ(done_.wait_for(15s), std::future_status::ready);
  EXPECT_TRUE(idle.closed_by_peer());
  // No longer accepting.
  Client late(port_);
  EXPECT_TRUE(!late.connected() || late.closed_by_peer());
}

// Overload: a request that waited longer than the queue timeout for a worker
// is answered 503 without running its handler.
TEST_F(ServerTest, RequestQueuedPastTheTimeoutIsShedWithoutRunning) {
  ServerOptions options;
  options.worker_threads = 1;
  options.queue_timeout_seconds = 1;
  start(options);
  Client busy(port_);
  ASSERT_TRUE(busy.send("GET /slow?ms=2500 HTTP/1.1\r\nHost: t\r\n\r\n"));
  for (int i = 0; i < 1000 && !slow_started_.load(); ++i) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(slow_started_.load());
  Client waiting(port_);
  ASSERT_TRUE(waiting.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi"));
  Reply shed = waiting.read();
  ASSERT_TRUE(shed.ok);
  EXPECT_EQ(shed.status, 503u);
  EXPECT_EQ(shed.headers["retry-after"], "5");
  EXPECT_EQ(shed.headers["connection"], "close");
  EXPECT_EQ(echo_calls_.load(), 0);
  EXPECT_EQ(busy.read().status, 200u);
  EXPECT_NE(access_log().find("503"), std::string::npos);
  EXPECT_NE(access_log().find("route=shed"), std::string::npos);
}

// A connection reset while its request waits for a worker: the handler never runs.
TEST_F(ServerTest, RequestOfAConnectionThatIsGoneIsNotRun) {
  ServerOptions options;
  options.worker_threads = 1;
  start(options);
  Client busy(port_);
  ASSERT_TRUE(busy.send("GET /slow?ms=800 HTTP/1.1\r\nHost: t\r\n\r\n"));
  for (int i = 0; i < 1000 && !slow_started_.load(); ++i) std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(slow_started_.load());
  {
    Client gone(port_);
    ASSERT_TRUE(gone.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\nhi"));
    // Reset only once the server has read the request (two in flight), or the
    // kernel would drop the unread bytes with the connection.
    auto two_in_flight = [&] {
      return metrics_.render().find("lumbung_http_requests_in_flight 2") != std::string::npos;
    };
    for (int i = 0; i < 1000 && !two_in_flight(); ++i) std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(two_in_flight());
    linger reset{1, 0};  // close with RST, as a client that gave up does
    ::setsockopt(gone.fd(), SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
  }
  EXPECT_EQ(busy.read().status, 200u);
  for (int i = 0; i < 1000 && access_log().find("route=abandoned") == std::string::npos; ++i)
    std::this_thread::sleep_for(5ms);
  EXPECT_NE(access_log().find("route=abandoned"), std::string::npos);
  EXPECT_EQ(echo_calls_.load(), 0);
  // The server still serves.
  Client after(port_);
  ASSERT_TRUE(after.send(kGetHello));
  EXPECT_EQ(after.read().status, 200u);
}

}  // namespace
}  // namespace lumbung::http
