#include "http/finalize.hpp"

#include <zlib.h>

#include <gtest/gtest.h>

#include "http/gzip.hpp"

namespace lumbung::http {
namespace {

using boost::beast::http::verb;
const auto kNow = std::chrono::system_clock::from_time_t(784111777);  // Sun, 06 Nov 1994 08:49:37 GMT

std::string gunzip(const std::string& in) {
  z_stream zs{};
  EXPECT_EQ(inflateInit2(&zs, 15 + 16), Z_OK);
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
  EXPECT_EQ(rc, Z_STREAM_END);
  inflateEnd(&zs);
  return out;
}

std::string big_text() {
  std::string s;
  for (int i = 0; i < 200; ++i) s += "Inovasi daerah nomor " + std::to_string(i) + "\n";
  return s;
}

Request get_request(std::vector<std::pair<std::string, std::string>> headers = {}) {
  Request req;
  req.method = verb::get;
  req.path = "/";
  req.target = "/";
  req.request_id = "rid";
  req.headers = std::move(headers);
  return req;
}

TEST(Gzip, RoundTrip) {
  std::string body = big_text();
  auto gz = gzip_compress(body);
  ASSERT_TRUE(gz.has_value());
  EXPECT_LT(gz->size(), body.size());
  EXPECT_EQ(gunzip(*gz), body);
  EXPECT_EQ(gunzip(*gzip_compress("")), "");
}

TEST(Gzip, AcceptsTable) {
  struct Case {
    std::string header;
    bool want;
  };
  const Case cases[] = {
      {"", false},          {"gzip", true},           {"gzip, deflate, br", true}, {"deflate", false},
      {"GZIP", true},       {"gzip;q=0", false},      {"gzip;q=0.5", true},        {"*", true},
      {"*, gzip;q=0", false}, {"br;q=1, *;q=0", false}, {"x-gzip", true},
  };
  for (const auto& c : cases) EXPECT_EQ(accepts_gzip(c.header), c.want) << c.header;
}

TEST(Gzip, CompressibleTypes) {
  for (std::string t : {"text/html; charset=utf-8", "text/css", "application/json", "application/javascript",
                        "image/svg+xml", "application/xml"}) {
    EXPECT_TRUE(compressible_type(t)) << t;
  }
  for (std::string t : {"image/png", "application/pdf", "font/woff2", "application/octet-stream", ""}) {
    EXPECT_FALSE(compressible_type(t)) << t;
  }
}

TEST(Etag, HashAndMatching) {
  std::string a = weak_etag("hello");
  EXPECT_EQ(a.size(), 2u + 1 + 16 + 1);
  EXPECT_EQ(a.substr(0, 3), "W/\"");
  EXPECT_EQ(a, weak_etag("hello"));
  EXPECT_NE(a, weak_etag("hello!"));
  EXPECT_TRUE(etag_matches(a, a));
  EXPECT_TRUE(etag_matches("\"x\", " + a, a));
  EXPECT_TRUE(etag_matches(a.substr(2), a));  // weak comparison ignores W/
  EXPECT_TRUE(etag_matches("*", a));
  EXPECT_FALSE(etag_matches("\"other\"", a));
  EXPECT_FALSE(etag_matches("", a));
}

TEST(Finalize, AddsIdCacheControlEtagAndDate) {
  Request req = get_request();
  Response res = Response::html("<p>hi</p>");
  finalize_response(req, res, kNow);
  EXPECT_EQ(res.get_header("X-Request-Id"), "rid");
  EXPECT_EQ(res.get_header("Cache-Control"), "no-cache");
  EXPECT_EQ(res.get_header("ETag"), weak_etag("<p>hi</p>"));
  EXPECT_EQ(res.get_header("Date"), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(res.get_header("Content-Encoding"), "");
}

TEST(Finalize, KeepsHandlerCacheControl) {
  Request req = get_request();
  Response res = Response::text("x");
  res.header("Cache-Control", "public, max-age=60");
  finalize_response(req, res, kNow);
  EXPECT_EQ(res.get_header("Cache-Control"), "public, max-age=60");
}

TEST(Finalize, IfNoneMatchGives304WithoutBody) {
  Request req = get_request({{"If-None-Match", weak_etag("<p>hi</p>")}});
  Response res = Response::html("<p>hi</p>");
  finalize_response(req, res, kNow);
  EXPECT_EQ(res.status, 304u);
  EXPECT_EQ(res.body, "");
  std::string wire = serialize_response(res, false, true);
  EXPECT_NE(wire.find("HTTP/1.1 304 Not Modified\r\n"), std::string::npos);
  EXPECT_EQ(wire.find("Content-Length"), std::string::npos);
  EXPECT_EQ(wire.substr(wire.size() - 4), "\r\n\r\n");
}

TEST(Finalize, NoEtagFor304CasesThatDoNotApply) {
  struct Case {
    std::string what;
    verb method;
    unsigned status;
    bool cacheable;
  };
  const Case cases[] = {
      {"post", verb::post, 200, true},
      {"404", verb::get, 404, true},
      {"not cacheable", verb::get, 200, false},
  };
  for (const auto& c : cases) {
    Request req = get_request({{"If-None-Match", "*"}});
    req.method = c.method;
    Response res = Response::text("body", c.status);
    res.cacheable = c.cacheable;
    finalize_response(req, res, kNow);
    EXPECT_EQ(res.status, c.status) << c.what;
    EXPECT_EQ(res.get_header("ETag"), "") << c.what;
  }
}

TEST(Finalize, GzipWhenAcceptedLargeCacheableAndText) {
  std::string body = big_text();
  Request req = get_request({{"Accept-Encoding", "gzip, br"}});
  Response res = Response::html(body);
  finalize_response(req, res, kNow);
  EXPECT_EQ(res.get_header("Content-Encoding"), "gzip");
  EXPECT_EQ(res.get_header("Vary"), "Accept-Encoding");
  EXPECT_EQ(res.get_header("ETag"), weak_etag(body));  // of the uncompressed body
  EXPECT_EQ(gunzip(res.body), body);
}

TEST(Finalize, NoGzipTable) {
  struct Case {
    std::string what;
    std::string accept;
    std::string content_type;
    std::size_t size;
    bool cacheable;
  };
  const Case cases[] = {
      {"not accepted", "identity", "text/html", 5000, true},
      {"small", "gzip", "text/html", 1023, true},
      {"png", "gzip", "image/png", 5000, true},
      {"not cacheable", "gzip", "text/html", 5000, false},
  };
  for (const auto& c : cases) {
    Request req = get_request({{"Accept-Encoding", c.accept}});
    Response res = Response::text(std::string(c.size, 'a'));
    res.content_type = c.content_type;
    res.cacheable = c.cacheable;
    finalize_response(req, res, kNow);
    EXPECT_EQ(res.get_header("Content-Encoding"), "") << c.what;
    EXPECT_EQ(res.body.size(), c.size) << c.what;
  }
}

TEST(Serialize, HeadKeepsLengthDropsBody) {
  Response res = Response::text("hello");
  std::string get = serialize_response(res, false, true);
  std::string head = serialize_response(res, true, true);
  EXPECT_NE(head.find("Content-Length: 5\r\n"), std::string::npos);
  EXPECT_EQ(head.substr(head.size() - 4), "\r\n\r\n");
  EXPECT_EQ(get, head + "hello");
  EXPECT_NE(get.find("Connection: keep-alive"), std::string::npos);
  EXPECT_NE(serialize_response(res, false, false).find("Connection: close"), std::string::npos);
}

TEST(Serialize, StripsHeaderInjectionAndHandlerFraming) {
  Response res = Response::text("x");
  res.header("X-Evil", "a\r\nSet-Cookie: pwned=1");
  res.header("Content-Length", "999");
  std::string wire = serialize_response(res, false, true);
  EXPECT_EQ(wire.find("\r\nSet-Cookie"), std::string::npos);
  EXPECT_EQ(wire.find("999"), std::string::npos);
  EXPECT_NE(wire.find("Content-Length: 1\r\n"), std::string::npos);
}

}  // namespace
}  // namespace lumbung::http
