// Feeds arbitrary bytes to a Beast request parser with the server's limits, then
// builds the handler's Request from whatever parsed and routes it, as the
// server does.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <boost/beast/core/error.hpp>

#include "http/request_builder.hpp"
#include "http/router.hpp"
#include "http/server.hpp"

using namespace lumbung::http;

namespace {

const Router& router() {
  static const Router r = [] {
    Router rt;
    auto h = [](const Request& req, RequestContext&) {
      (void)req.form();
      (void)req.multipart();
      return Response::text(req.path);
    };
    rt.get("/", "get_home", "public", h);
    rt.get("/inovasi/{id}", "get_innovation", "public", h);
    rt.get("/inovasi/baru", "get_new_innovation", "public", h);
    rt.post("/inovasi", "post_innovation", "public", h);
    rt.get("/static/{path...}", "get_static", "public", h);
    return rt;
  }();
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ServerOptions limits;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  BeastRequestParser parser;
  limit_parser(parser, limits.max_header_bytes, limits.max_body_bytes);
  parser.eager(true);
  boost::beast::error_code ec;
  std::size_t used = 0;
  // Feed in two pieces, as a socket might deliver them; a message complete in
  // the first piece is not fed again (Beast's reads stop there too, and put()
  // on a finished parser is a precondition violation).
  std::size_t split = size / 2;
  used += parser.put(boost::asio::buffer(in.data(), split), ec);
  if (ec == boost::beast::http::error::need_more) ec = {};
  if (!ec && !parser.is_done()) used += parser.put(boost::asio::buffer(in.data() + used, size - used), ec);
  if (!ec && !parser.is_done()) parser.put_eof(ec);
  if (ec || !parser.is_done()) return 0;
  // The server refuses ambiguous framing before routing; the check never throws.
  if (!ambiguous_framing(parser.get(), parser.chunked()).empty()) return 0;

  auto req = make_request(parser.release(), "127.0.0.1");
  if (!req) return 0;
  if (req->path.empty() || req->path.front() != '/') __builtin_trap();
  RequestContext ctx;
  Response res = router().dispatch(*req, ctx);
  if (ctx.route_name.empty()) __builtin_trap();
  return 0;
}
