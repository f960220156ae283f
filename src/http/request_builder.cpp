#include "http/request_builder.hpp"

#include <cctype>

#include <algorithm>
#include <random>

#include "http/parse.hpp"

namespace lumbung::http {

Result<Target> parse_target(std::string_view target) {
  if (target.empty() || target.front() != '/') {
    return Error(ErrorCode::invalid, "parse_target: not an origin-form target (target)");
  }
  std::size_t q = target.find('?');
  Target out;
  auto path = percent_decode(target.substr(0, q), false);
  if (!path) return Error(ErrorCode::invalid, "parse_target: bad percent-encoding (path)");
  if (path->find('\0') != std::string::npos) return Error(ErrorCode::invalid, "parse_target: NUL in path (path)");
  out.path = std::move(*path);
  if (q != std::string_view::npos) {
    out.raw_query = std::string(target.substr(q + 1));
    auto query = parse_query(out.raw_query);
    if (!query) return query.error();
    out.query = std::move(query).value();
  }
  return out;
}

std::string_view ambiguous_framing(const BeastRequest& header, bool chunked) {
  namespace bhttp = boost::beast::http;
  int lengths = 0, codings = 0, hosts = 0;
  for (const auto& field : header) {
    if (field.name() == bhttp::field::content_length) {
      ++lengths;
      if (field.value().find(',') != std::string_view::npos) return "content-length list";
    } else if (field.name() == bhttp::field::transfer_encoding) {
      ++codings;
    } else if (field.name() == bhttp::field::host) {
      ++hosts;
    }
  }
  if (lengths > 1) return "more than one content-length";
  if (codings > 0) {
    if (header.version() < 11) return "transfer-encoding in http/1.0";
    if (!chunked) return "transfer-encoding without chunked last";
    if (lengths > 0) return "transfer-encoding and content-length";
  }
  if (header.version() >= 11 && hosts != 1) return hosts == 0 ? "no host" : "more than one host";
  return {};
}

bool has_obs_fold(std::string_view unparsed) {
  auto end = unparsed.find("\r\n\r\n");
  if (end != std::string_view::npos) unparsed = unparsed.substr(0, end + 2);
  return unparsed.find("\r\n ") != std::string_view::npos || unparsed.find("\r\n\t") != std::string_view::npos;
}

void limit_parser(BeastRequestParser& parser, std::size_t max_header_bytes, std::uint64_t max_body_bytes) {
  parser.header_limit(static_cast<std::uint32_t>(std::min<std::size_t>(max_header_bytes, UINT32_MAX)));
  parser.body_limit(max_body_bytes);
}

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
              c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::string new_request_id() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  static constexpr char kHex[] = "0123456789abcdef";
  std::uint64_t v = rng();
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHex[v & 0xf];
    v >>= 4;
  }
  return out;
}

std::string request_id_for(std::string_view incoming) {
  return valid_request_id(incoming) ? std::string(incoming) : new_request_id();
}

std::string forwarded_client(std::string_view x_forwarded_for, std::string_view peer) {
  // The proxy appends the address it saw last; anything before it came from the client.
  auto last = x_forwarded_for.substr(x_forwarded_for.rfind(',') == std::string_view::npos ? 0 : x_forwarded_for.rfind(',') + 1);
  while (!last.empty() && last.front() == ' ') last.remove_prefix(1);
  while (!last.empty() && last.back() == ' ') last.remove_suffix(1);
  if (last.empty() || last.size() > 45) return std::string(peer);
  for (char c : last)
    if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '.' && c != ':') return std::string(peer);
  return std::string(last);
}

Result<Request> make_request(BeastRequest&& msg, std::string remote_ip, bool trust_proxy) {
  auto target = parse_target(msg.target());
  if (!target) return target.error();
  Request req;
  req.method = msg.method();
  req.target = std::string(msg.target());
  req.path = std::move(target->path);
  req.raw_query = std::move(target->raw_query);
  req.query = std::move(target->query);
  req.headers.reserve(16);
  for (const auto& field : msg) {
    req.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  req.body = std::move(msg.body());
  req.remote_ip = std::move(remote_ip);
  if (trust_proxy) {
    if (auto xff = req.header("x-forwarded-for"); !xff.empty()) req.remote_ip = forwarded_client(xff, req.remote_ip);
  }
  req.request_id = request_id_for(req.header("x-request-id"));
  return req;
}

}  // namespace lumbung::http
