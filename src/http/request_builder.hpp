// Turning a Beast message into a Request, for the server and the fuzzers.
// Thread-safe; never throws on bad input.
#pragma once

#include <string>
#include <string_view>

#include <cstdint>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>

#include "core/result.hpp"
#include "http/request.hpp"

namespace lumbung::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastRequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// The limits the server puts on a parser before the route is known: the header
// block, and the largest body any route accepts (narrowed once routed).
void limit_parser(BeastRequestParser& parser, std::size_t max_header_bytes, std::uint64_t max_body_bytes);

// Why a request's header must be refused before its body is read, or "" when
// it may be served. Refused (RFC 9112 3.2, 6.1, 6.3), because another server
// on the path could frame or route it differently (request smuggling): a
// Transfer-Encoding in HTTP/1.0, or whose last coding is not chunked
// (`chunked` is the parser's verdict), or beside a Content-Length; more than
// one Content-Length field, or a list in one; an HTTP/1.1 request without a
// Host field, or with more than one.
std::string_view ambiguous_framing(const BeastRequest& header, bool chunked);

// True when the header block at the start of `unparsed` (up to its blank
// line, or all of it) continues a field on a line starting with a space or a
// tab (obs-fold, RFC 9112 5.2). Refused: Beast would unfold it, a proxy in
// front might read it otherwise.
bool has_obs_fold(std::string_view unparsed);

// A request-target split and decoded.
struct Target {
  std::string path;       // percent-decoded, starts with '/', no NUL
  std::string raw_query;  // after '?', undecoded
  Params query;
};

// Invalid when the target is not origin-form ("/..."), the path has a bad
// %-escape or decodes to a NUL, or the query has a bad %-escape.
Result<Target> parse_target(std::string_view target);

// 1..64 chars of [A-Za-z0-9._-]: an incoming X-Request-Id we may reuse.
bool valid_request_id(std::string_view id);
// 16 random lowercase hex chars.
std::string new_request_id();
// The incoming X-Request-Id if valid, else a new one.
std::string request_id_for(std::string_view incoming);

// Builds the handler's view of `msg` (moves the body out). Invalid as parse_target.
// With trust_proxy, remote_ip becomes the address a reverse proxy put last in
// X-Forwarded-For (kept as the peer when absent or malformed).
Result<Request> make_request(BeastRequest&& msg, std::string remote_ip, bool trust_proxy = false);
// The client address from an X-Forwarded-For value: its last entry if it is an IP, else `peer`.
std::string forwarded_client(std::string_view x_forwarded_for, std::string_view peer);

}  // namespace lumbung::http
