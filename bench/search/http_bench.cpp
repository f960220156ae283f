// http: GET /api/v1/search over keep-alive connections (Boost.Beast, one
// synchronous connection per client thread). The time of a query is from
// writing the request to having read the whole response.
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "core/url.hpp"
#include "commands.hpp"
#include "corpus.hpp"
#include "measure.hpp"

namespace lumbung::bench {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

std::string target_of(const BenchQuery& b) {
  std::string t = "/api/v1/search?q=" + url_encode(b.q);
  if (!b.sector.empty()) t += "&sector=" + url_encode(b.sector);
  if (!b.province_code.empty()) t += "&province=" + url_encode(b.province_code);
  if (b.year_from != 0) t += "&year_from=" + std::to_string(b.year_from) + "&year_to=" + std::to_string(b.year_to);
  return t + "&facets=sector,province&limit=20";
}

class Connection {
 public:
  Connection(std::string host, std::string port) : host_(std::move(host)), port_(std::move(port)) { connect(); }

  Outcome get(const BenchQuery& b) {
    http::request<http::empty_body> req{http::verb::get, target_of(b), 11};
    req.set(http::field::host, host_ + ":" + port_);
    req.set(http::field::user_agent, "lumbung-bench-search");
    req.set(http::field::accept, "application/json");
    req.keep_alive(true);
    http::write(*stream_, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(*stream_, buffer, res);
    const bool reconnect = res.need_eof();
    Outcome out;
    if (res.result() != http::status::ok) {
      out.ok = false;
      out.error = "HTTP " + std::to_string(res.result_int()) + ": " + res.body().substr(0, 300);
    } else {
      // The whole call is timed: read "total" without parsing the JSON.
      const auto& body = res.body();
      const auto at = body.find("\"total\":");
      if (at != std::string::npos) out.total = std::strtoull(body.c_str() + at + 8, nullptr, 10);
    }
    if (reconnect) connect();
    return out;
  }

 private:
  void connect() {
    stream_ = std::make_unique<beast::tcp_stream>(ioc_);
    tcp::resolver resolver(ioc_);
    stream_->connect(resolver.resolve(host_, port_));
    stream_->socket().set_option(tcp::no_delay(true));
  }

  std::string host_;
  std::string port_;
  net::io_context ioc_;
  std::unique_ptr<beast::tcp_stream> stream_;
};

}  // namespace

int run_http(const std::string& host, const std::string& port, const std::filesystem::path& queries_file,
             const RunOptions& options) {
  const auto queries = read_queries(queries_file);
  auto m = measure("lumbung HTTP x" + std::to_string(options.clients), queries, options.clients, options.rounds,
                   [&]() -> Client {
                     auto conn = std::make_shared<Connection>(host, port);
                     return [conn](const BenchQuery& b) { return conn->get(b); };
                   });
  print(m, queries);
  auto j = to_json(m, queries);
  j["target_example"] = queries.empty() ? "" : target_of(queries.front());
  write_json(options.json, j);
  return m.errors == 0 ? 0 : 1;
}

}  // namespace lumbung::bench
