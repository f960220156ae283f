// What the server does to every response after the handler: request id,
// default Cache-Control, ETag and If-None-Match (304), gzip, Date, and the
// serialization into one buffer. Pure functions; thread-safe.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "http/request.hpp"
#include "http/response.hpp"

namespace lumbung::http {

// RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string http_date(std::chrono::system_clock::time_point t);
// W/"<16 hex of the 64-bit FNV-1a hash of body>".
std::string weak_etag(std::string_view body);
// If-None-Match against an ETag, by weak comparison; "*" matches anything.
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// In order: X-Request-Id (req.request_id); Cache-Control: no-cache unless set;
// for GET/HEAD 200 cacheable responses an ETag (the handler's or weak_etag of
// the body) and 304 without body when If-None-Match matches; gzip with
// Content-Encoding and Vary when the client accepts it, the body is at least
// kGzipMinBytes, cacheable and of a compressible type; Date.
void finalize_response(const Request& req, Response& res, std::chrono::system_clock::time_point now);

// Status line, headers (Content-Type, the handler's, Content-Length,
// Connection) and body as one buffer. HEAD keeps Content-Length but drops the
// body; 1xx/204/304 have neither. CR/LF in header names or values become spaces;
// Content-Length, Transfer-Encoding and Connection set by handlers are ignored.
std::string serialize_response(const Response& res, bool head_request, bool keep_alive);

}  // namespace lumbung::http
