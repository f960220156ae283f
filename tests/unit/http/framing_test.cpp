// Request headers whose body length or routing another server could read
// differently (request smuggling) are refused before the body is read.
#include <gtest/gtest.h>

#include <string>

#include "http/request_builder.hpp"

namespace lumbung::http {
namespace {

// Parses a header block as the server does; returns the refusal reason, or
// "parse error" when Beast itself refuses it.
std::string verdict(const std::string& head) {
  BeastRequestParser parser;
  boost::beast::error_code ec;
  parser.eager(false);
  parser.put(boost::asio::buffer(head), ec);
  if (ec && ec != boost::beast::http::error::need_more) return "parse error";
  if (!parser.is_header_done()) return "incomplete";
  return std::string(ambiguous_framing(parser.get(), parser.chunked()));
}

TEST(Framing, OrdinaryRequestsPass) {
  EXPECT_EQ(verdict("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), "");
  EXPECT_EQ(verdict("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\n"), "");
  EXPECT_EQ(verdict("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"), "");
  EXPECT_EQ(verdict("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"), "");
  EXPECT_EQ(verdict("GET / HTTP/1.0\r\n\r\n"), "") << "HTTP/1.0 needs no Host";
}

TEST(Framing, AmbiguousBodyLengthsAreRefused) {
  EXPECT_EQ(verdict("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"),
            "transfer-encoding without chunked last");
  EXPECT_EQ(verdict("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n"),
            "transfer-encoding without chunked last");
  EXPECT_EQ(verdict("POST /a HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Length: 5\r\n\r\n"),
            "transfer-encoding without chunked last");
  EXPECT_EQ(verdict("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n"),
            "more than one content-length");
  EXPECT_EQ(verdict("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5, 5\r\n\r\n"), "content-length list");
  EXPECT_EQ(verdict("POST /a HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n"), "transfer-encoding in http/1.0");
  // Beast refuses these itself.
  EXPECT_EQ(verdict("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"),
            "parse error");
  EXPECT_EQ(verdict("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n"), "parse error");
}

TEST(Framing, HostMustBeThereOnce) {
  EXPECT_EQ(verdict("GET / HTTP/1.1\r\n\r\n"), "no host");
  EXPECT_EQ(verdict("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"), "more than one host");
}

TEST(Framing, ObsFoldIsFoundInTheHeaderOnly) {
  EXPECT_TRUE(has_obs_fold("X-A: a\r\n b\r\n\r\n"));
  EXPECT_TRUE(has_obs_fold("X-A: a\r\n\tb\r\n"));
  EXPECT_TRUE(has_obs_fold("X-A: a\r\n "));
  EXPECT_FALSE(has_obs_fold("X-A: a\r\nX-B: b\r\n\r\n body\r\n more"));
  EXPECT_FALSE(has_obs_fold("X-A: a b\r\n"));
  EXPECT_FALSE(has_obs_fold(""));
}

}  // namespace
}  // namespace lumbung::http
