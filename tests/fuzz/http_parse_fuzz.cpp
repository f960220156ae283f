// Feeds arbitrary bytes to every parser of outside input in http/: percent
// decoding, query strings, cookies, header parameters, urlencoded forms and
// multipart bodies (with a fixed boundary and with one taken from the input).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/parse.hpp"
#include "http/request.hpp"
#include "http/request_builder.hpp"

using namespace lumbung::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  (void)percent_decode(in, false);
  (void)percent_decode(in, true);
  (void)parse_query(in);
  (void)parse_cookies(in);
  (void)parse_header_value(in);
  (void)multipart_boundary(in);
  (void)parse_target(in);
  (void)valid_request_id(in);

  // Fixed boundary.
  auto fixed = parse_multipart(in, "multipart/form-data; boundary=XyZ");
  if (fixed) {
    for (const auto& p : *fixed) {
      if (p.name.empty()) __builtin_trap();  // a part without name must be rejected
    }
  }
  // First line = Content-Type, the rest = body.
  std::size_t nl = in.find('\n');
  if (nl != std::string_view::npos) {
    std::string_view content_type = in.substr(0, nl);
    std::string_view body = in.substr(nl + 1);
    (void)parse_multipart(body, content_type);
    if (auto b = multipart_boundary(content_type)) (void)parse_multipart_body(body, *b);

    Request req;
    req.headers.emplace_back("Content-Type", std::string(content_type));
    req.headers.emplace_back("Cookie", std::string(body.substr(0, 64)));
    req.body = std::string(body);
    (void)req.form();
    (void)req.multipart();
    (void)req.cookie("sid");
  }
  Request form;
  form.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  form.body = std::string(in);
  auto params = form.form();
  if (params) (void)params->get("a");
  return 0;
}
