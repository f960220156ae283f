#include "http/parse.hpp"

#include <gtest/gtest.h>

#include "http/request_builder.hpp"

namespace lumbung::http {
namespace {

struct DecodeCase {
  std::string in;
  bool plus_as_space;
  std::optional<std::string> want;
};

TEST(PercentDecode, Table) {
  const DecodeCase cases[] = {
      {"", false, ""},
      {"abc", false, "abc"},
      {"a%20b", false, "a b"},
      {"a+b", false, "a+b"},
      {"a+b", true, "a b"},
      {"%41%42%43", false, "ABC"},
      {"%e2%82%ac", false, "\xe2\x82\xac"},
      {"%00", false, std::string(1, '\0')},
      {"%", false, std::nullopt},
      {"%4", false, std::nullopt},
      {"abc%", false, std::nullopt},
      {"%zz", false, std::nullopt},
      {"%4g", false, std::nullopt},
      {"100%25", false, "100%"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(percent_decode(c.in, c.plus_as_space), c.want) << "input: " << c.in;
  }
}

TEST(ParseQuery, Table) {
  struct Case {
    std::string in;
    std::vector<std::pair<std::string, std::string>> want;
  };
  const Case cases[] = {
      {"", {}},
      {"a=1", {{"a", "1"}}},
      {"a=1&b=x%20y", {{"a", "1"}, {"b", "x y"}}},
      {"q=ktp+el", {{"q", "ktp el"}}},
      {"c", {{"c", ""}}},
      {"a=1&&b=2&", {{"a", "1"}, {"b", "2"}}},
      {"tag=a&tag=b", {{"tag", "a"}, {"tag", "b"}}},
      {"a=b=c", {{"a", "b=c"}}},
      {"%61=%62", {{"a", "b"}}},
      {"=v", {{"", "v"}}},
  };
  for (const auto& c : cases) {
    auto r = parse_query(c.in);
    ASSERT_TRUE(r.ok()) << c.in;
    EXPECT_EQ(r->items(), c.want) << c.in;
  }
}

TEST(ParseQuery, BadEncodingIsInvalid) {
  for (std::string in : {"q=%", "q=%zz", "%=1", "a=1&b=%4"}) {
    auto r = parse_query(in);
    ASSERT_FALSE(r.ok()) << in;
    EXPECT_EQ(r.error().code(), ErrorCode::invalid);
    EXPECT_NE(r.error().message().find("parse_query: bad percent-encoding"), std::string::npos);
  }
}

TEST(Params, Accessors) {
  Params p;
  p.add("a", "1");
  p.add("b", "2");
  p.add("a", "3");
  EXPECT_EQ(p.get("a"), "1");
  EXPECT_EQ(p.get("z"), std::nullopt);
  EXPECT_EQ(p.get_or("z", "dflt"), "dflt");
  EXPECT_EQ(p.get_all("a"), (std::vector<std::string>{"1", "3"}));
  EXPECT_TRUE(p.has("b"));
}

TEST(ParseCookies, Table) {
  struct Case {
    std::string in;
    std::vector<std::pair<std::string, std::string>> want;
  };
  const Case cases[] = {
      {"", {}},
      {"sid=abc", {{"sid", "abc"}}},
      {"sid=abc; lang=id", {{"sid", "abc"}, {"lang", "id"}}},
      {"a=\"quoted\"", {{"a", "quoted"}}},
      {"  a = 1 ;b=2;;", {{"a", "1"}, {"b", "2"}}},
      {"noequals; x=y", {{"x", "y"}}},
      {"=nameless; k=v", {{"k", "v"}}},
      {"k=v=w", {{"k", "v=w"}}},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_cookies(c.in), c.want) << c.in;
}

TEST(Request, HeaderIsCaseInsensitiveAndCookieWorks) {
  Request req;
  req.headers = {{"Content-Type", "text/plain"}, {"Cookie", "sid=s1; lang=en"}};
  EXPECT_EQ(req.header("content-type"), "text/plain");
  EXPECT_EQ(req.header("CONTENT-TYPE"), "text/plain");
  EXPECT_EQ(req.header("x-missing"), "");
  EXPECT_EQ(req.cookie("lang"), "en");
  EXPECT_EQ(req.cookie("nope"), "");
}

TEST(Request, Form) {
  Request req;
  req.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=UTF-8"}};
  req.body = "judul=Inovasi+Desa&ket=a%26b";
  auto form = req.form();
  ASSERT_TRUE(form.ok());
  EXPECT_EQ(form->get("judul"), "Inovasi Desa");
  EXPECT_EQ(form->get("ket"), "a&b");

  req.body = "judul=%zz";
  EXPECT_FALSE(req.form().ok());

  req.headers = {{"Content-Type", "application/json"}};
  req.body = "a=1";
  EXPECT_FALSE(req.form().ok());
}

TEST(HeaderValue, Params) {
  auto hv = parse_header_value(R"(form-data; name="file"; filename="a \"b\".txt")");
  EXPECT_EQ(hv.value, "form-data");
  EXPECT_EQ(hv.param("name"), "file");
  EXPECT_EQ(hv.param("filename"), "a \"b\".txt");
  EXPECT_EQ(hv.param("missing"), std::nullopt);
}

TEST(MultipartBoundary, Table) {
  struct Case {
    std::string content_type;
    std::optional<std::string> want;
  };
  const Case cases[] = {
      {"multipart/form-data; boundary=abc", "abc"},
      {"multipart/form-data; boundary=\"a b:c\"", "a b:c"},
      {"Multipart/Form-Data;BOUNDARY=xyz", "xyz"},
      {"multipart/form-data", std::nullopt},
      {"multipart/form-data; boundary=", std::nullopt},
      {"multipart/form-data; boundary=" + std::string(71, 'x'), std::nullopt},
      {"text/plain; boundary=abc", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(multipart_boundary(c.content_type), c.want) << c.content_type;
}

const char* kCt = "multipart/form-data; boundary=XyZ";

TEST(Multipart, ParsesFieldsAndFiles) {
  std::string body =
      "preamble\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"judul\"\r\n"
      "\r\n"
      "Inovasi\r\n"
      "--XyZ\r\n"
      "content-disposition: form-data; name=\"berkas\"; filename=\"lapor.pdf\"\r\n"
      "Content-Type: application/pdf\r\n"
      "\r\n"
      "%PDF\r\n--not-the-boundary\r\n"
      "--XyZ--\r\n"
      "epilogue";
  auto parts = parse_multipart(body, kCt);
  ASSERT_TRUE(parts.ok()) << parts.error().message();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "judul");
  EXPECT_EQ((*parts)[0].data, "Inovasi");
  EXPECT_EQ((*parts)[0].filename, "");
  EXPECT_EQ((*parts)[1].name, "berkas");
  EXPECT_EQ((*parts)[1].filename, "lapor.pdf");
  EXPECT_EQ((*parts)[1].content_type, "application/pdf");
  EXPECT_EQ((*parts)[1].data, "%PDF\r\n--not-the-boundary");
}

TEST(Multipart, EmptyDataAndQuotedBoundary) {
  std::string body = "--a b\r\nContent-Disposition: form-data; name=x\r\n\r\n\r\n--a b--";
  auto parts = parse_multipart(body, "multipart/form-data; boundary=\"a b\"");
  ASSERT_TRUE(parts.ok()) << parts.error().message();
  ASSERT_EQ(parts->size(), 1u);
  EXPECT_EQ((*parts)[0].name, "x");
  EXPECT_EQ((*parts)[0].data, "");
}

TEST(Multipart, RejectsBadBodies) {
  struct Case {
    std::string what;
    std::string content_type;
    std::string body;
    std::string message_part;
  };
  std::string many;
  for (int i = 0; i < 1001; ++i) many += "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n";
  many += "--XyZ--\r\n";
  const Case cases[] = {
      {"no boundary", "multipart/form-data", "--XyZ--", "missing boundary"},
      {"not multipart", "text/plain", "--XyZ--", "missing boundary"},
      {"no closing delimiter", kCt, "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue", "missing closing"},
      {"no delimiter at all", kCt, "just text", "missing opening"},
      {"part without name", kCt, "--XyZ\r\nContent-Disposition: form-data\r\n\r\nv\r\n--XyZ--", "without name"},
      {"part with no headers", kCt, "--XyZ\r\n\r\nv\r\n--XyZ--", "without name"},
      {"unterminated header", kCt, "--XyZ\r\nContent-Disposition: form-data; name=a", "unterminated"},
      {"malformed header line", kCt, "--XyZ\r\nnocolon\r\n\r\nv\r\n--XyZ--", "malformed part header"},
      {"garbage after delimiter", kCt, "--XyZjunk\r\n", "malformed delimiter"},
      {"too many parts", kCt, many, "too many parts"},
  };
  for (const auto& c : cases) {
    auto r = parse_multipart(c.body, c.content_type);
    ASSERT_FALSE(r.ok()) << c.what;
    EXPECT_EQ(r.error().code(), ErrorCode::invalid) << c.what;
    EXPECT_NE(r.error().message().find(c.message_part), std::string::npos) << c.what << ": " << r.error().message();
  }
}

TEST(Multipart, ThousandPartsAreAllowed) {
  std::string body;
  for (int i = 0; i < 1000; ++i) body += "--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n";
  body += "--XyZ--";
  auto r = parse_multipart(body, kCt);
  ASSERT_TRUE(r.ok()) << r.error().message();
  EXPECT_EQ(r->size(), 1000u);
}

TEST(Request, MultipartUsesContentTypeBoundary) {
  Request req;
  req.headers = {{"content-type", "multipart/form-data; boundary=b1"}};
  req.body = "--b1\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\nv\r\n--b1--\r\n";
  auto parts = req.multipart();
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ((*parts)[0].data, "v");
  req.headers = {{"content-type", "multipart/form-data"}};
  EXPECT_FALSE(req.multipart().ok());
}

TEST(Target, Table) {
  struct Case {
    std::string target;
    bool ok;
    std::string path;
    std::string raw_query;
  };
  const Case cases[] = {
      {"/", true, "/", ""},
      {"/cari?q=ktp%20el", true, "/cari", "q=ktp%20el"},
      {"/a%20b/c", true, "/a b/c", ""},
      {"/a+b", true, "/a+b", ""},
      {"/x?", true, "/x", ""},
      {"/bad%zz", false, "", ""},
      {"/nul%00", false, "", ""},
      {"/q?a=%", false, "", ""},
      {"http://example.com/", false, "", ""},
      {"*", false, "", ""},
      {"", false, "", ""},
  };
  for (const auto& c : cases) {
    auto t = parse_target(c.target);
    ASSERT_EQ(t.ok(), c.ok) << c.target;
    if (!c.ok) continue;
    EXPECT_EQ(t->path, c.path) << c.target;
    EXPECT_EQ(t->raw_query, c.raw_query) << c.target;
  }
}

TEST(RequestId, ValidationAndGeneration) {
  EXPECT_TRUE(valid_request_id("abc-123_X.y"));
  EXPECT_TRUE(valid_request_id(std::string(64, 'a')));
  EXPECT_FALSE(valid_request_id(""));
  EXPECT_FALSE(valid_request_id(std::string(65, 'a')));
  EXPECT_FALSE(valid_request_id("a b"));
  EXPECT_FALSE(valid_request_id("a\"b"));
  std::string id = new_request_id();
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(id.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(new_request_id(), new_request_id());
  EXPECT_EQ(request_id_for("given-1"), "given-1");
  EXPECT_EQ(request_id_for("bad id").size(), 16u);
}

TEST(MakeRequest, FillsFields) {
  BeastRequest msg{boost::beast::http::verb::post, "/inovasi/7?tab=foto&q=a+b", 11};
  msg.set("X-Request-Id", "rid-1");
  msg.set("Host", "x");
  msg.body() = "payload";
  auto req = make_request(std::move(msg), "10.0.0.1");
  ASSERT_TRUE(req.ok());
  EXPECT_EQ(req->method, boost::beast::http::verb::post);
  EXPECT_EQ(req->path, "/inovasi/7");
  EXPECT_EQ(req->raw_query, "tab=foto&q=a+b");
  EXPECT_EQ(req->query.get("q"), "a b");
  EXPECT_EQ(req->body, "payload");
  EXPECT_EQ(req->remote_ip, "10.0.0.1");
  EXPECT_EQ(req->request_id, "rid-1");
  EXPECT_EQ(req->header("host"), "x");
}

}  // namespace
}  // namespace lumbung::http

namespace lumbung::http {
namespace {

TEST(ForwardedClient, TakesTheAddressTheProxyAppended) {
  struct Case {
    const char* xff;
    const char* want;
  };
  const Case cases[] = {
      {"203.0.113.7", "203.0.113.7"},
      {"10.0.0.1, 203.0.113.7", "203.0.113.7"},           // client-supplied entries before it are ignored
      {"203.0.113.7 ,  2001:db8::1 ", "2001:db8::1"},
      {"evil<script>", "127.0.0.1"},
      {"", "127.0.0.1"},
      {"1.2.3.4, ", "127.0.0.1"},
  };
  for (const auto& c : cases) EXPECT_EQ(forwarded_client(c.xff, "127.0.0.1"), c.want) << c.xff;
}

}  // namespace
}  // namespace lumbung::http
