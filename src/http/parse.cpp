#include "http/parse.hpp"

#include <algorithm>

namespace lumbung::http {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// A name for error messages: short and printable.
std::string error_key(std::string_view raw) {
  std::string out;
  for (char c : raw.substr(0, 32)) out += (c >= 0x20 && c < 0x7f) ? c : '?';
  return out;
}

// Reads a quoted-string starting at s[i] == '"'; advances i past the closing quote.
std::string read_quoted(std::string_view s, std::size_t& i) {
  std::string out;
  ++i;
  while (i < s.size() && s[i] != '"') {
    if (s[i] == '\\' && i + 1 < s.size()) ++i;
    out += s[i++];
  }
  if (i < s.size()) ++i;  // closing quote
  return out;
}

}  // namespace

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

std::optional<std::string> percent_decode(std::string_view in, bool plus_as_space) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      if (i + 2 >= in.size()) return std::nullopt;
      int hi = hex_value(in[i + 1]);
      int lo = hex_value(in[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else if (c == '+' && plus_as_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

Result<Params> parse_query(std::string_view query) {
  Params params;
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view piece = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (piece.empty()) continue;
    std::size_t eq = piece.find('=');
    std::string_view raw_name = piece.substr(0, eq);
    std::string_view raw_value = eq == std::string_view::npos ? std::string_view{} : piece.substr(eq + 1);
    auto name = percent_decode(raw_name, true);
    auto value = percent_decode(raw_value, true);
    if (!name || !value) {
      return Error(ErrorCode::invalid, "parse_query: bad percent-encoding (" + error_key(raw_name) + ")");
    }
    params.add(std::move(*name), std::move(*value));
  }
  return params;
}

std::vector<std::pair<std::string, std::string>> parse_cookies(std::string_view header) {
  std::vector<std::pair<std::string, std::string>> out;
  while (!header.empty()) {
    std::size_t semi = header.find(';');
    std::string_view piece = trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
    std::size_t eq = piece.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = trim(piece.substr(0, eq));
    std::string_view value = trim(piece.substr(eq + 1));
    if (name.empty()) continue;
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    out.emplace_back(std::string(name), std::string(value));
  }
  return out;
}

std::optional<std::string> HeaderValue::param(std::string_view name) const {
  for (const auto& [n, v] : params) {
    if (n == name) return v;
  }
  return std::nullopt;
}

HeaderValue parse_header_value(std::string_view header) {
  HeaderValue hv;
  std::size_t semi = header.find(';');
  hv.value = to_lower(trim(header.substr(0, semi)));
  if (semi == std::string_view::npos) return hv;
  std::string_view s = header;
  std::size_t i = semi + 1;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ';')) ++i;
    std::size_t name_start = i;
    while (i < s.size() && s[i] != '=' && s[i] != ';') ++i;
    std::string name = to_lower(trim(s.substr(name_start, i - name_start)));
    std::string value;
    if (i < s.size() && s[i] == '=') {
      ++i;
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
      if (i < s.size() && s[i] == '"') {
        value = read_quoted(s, i);
        while (i < s.size() && s[i] != ';') ++i;
      } else {
        std::size_t v_start = i;
        while (i < s.size() && s[i] != ';') ++i;
        value = std::string(trim(s.substr(v_start, i - v_start)));
      }
    }
    if (!name.empty()) hv.params.emplace_back(std::move(name), std::move(value));
  }
  return hv;
}

std::optional<std::string> multipart_boundary(std::string_view content_type) {
  HeaderValue hv = parse_header_value(content_type);
  if (hv.value != "multipart/form-data") return std::nullopt;
  auto boundary = hv.param("boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
  for (char c : *boundary) {
    if (c == '\r' || c == '\n' || c == '\0') return std::nullopt;
  }
  return boundary;
}

Result<std::vector<Part>> parse_multipart(std::string_view body, std::string_view content_type,
                                          MultipartLimits limits) {
  auto boundary = multipart_boundary(content_type);
  if (!boundary) return Error(ErrorCode::invalid, "parse_multipart: missing boundary (content-type)");
  return parse_multipart_body(body, *boundary, limits);
}

Result<std::vector<Part>> parse_multipart_body(std::string_view body, std::string_view boundary,
                                               MultipartLimits limits) {
  if (boundary.empty()) return Error(ErrorCode::invalid, "parse_multipart: missing boundary (content-type)");
  const std::string dash = "--" + std::string(boundary);
  const std::string delimiter = "\r\n" + dash;
  auto fail = [](const std::string& what) {
    return Error(ErrorCode::invalid, "parse_multipart: " + what);
  };

  // The first delimiter: at the very start or after a preamble ending in CRLF.
  std::size_t pos;
  if (body.substr(0, dash.size()) == dash) {
    pos = dash.size();
  } else {
    std::size_t found = body.find(delimiter);
    if (found == std::string_view::npos) return fail("missing opening delimiter (body)");
    pos = found + delimiter.size();
  }

  std::vector<Part> parts;
  while (true) {
    // After a delimiter: "--" closes, otherwise optional whitespace then CRLF.
    if (body.substr(pos, 2) == "--") return parts;
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return fail("malformed delimiter line (body)");
    pos += 2;
    if (parts.size() >= limits.max_parts) return fail("too many parts (parts)");

    // Part headers, up to an empty line.
    std::size_t header_end = body.find("\r\n\r\n", pos);
    std::string_view headers;
    if (body.substr(pos, 2) == "\r\n") {
      header_end = pos;  // no headers at all
    } else if (header_end == std::string_view::npos) {
      return fail("unterminated part header (part " + std::to_string(parts.size()) + ")");
    } else {
      headers = body.substr(pos, header_end - pos);
      header_end += 2;
    }
    if (headers.size() > limits.max_part_header_bytes) {
      return fail("part header too large (part " + std::to_string(parts.size()) + ")");
    }
    Part part;
    bool has_name = false;
    while (!headers.empty()) {
      std::size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos || colon == 0) {
        return fail("malformed part header (part " + std::to_string(parts.size()) + ")");
      }
      std::string_view name = trim(line.substr(0, colon));
      std::string_view value = trim(line.substr(colon + 1));
      if (iequals(name, "content-disposition")) {
        HeaderValue hv = parse_header_value(value);
        if (hv.value != "form-data") return fail("part is not form-data (part " + std::to_string(parts.size()) + ")");
        if (auto n = hv.param("name")) {
          part.name = std::move(*n);
          has_name = true;
        }
        if (auto f = hv.param("filename")) part.filename = std::move(*f);
      } else if (iequals(name, "content-type")) {
        part.content_type = std::string(value);
      }
    }
    if (!has_name || part.name.empty()) return fail("part without name (part " + std::to_string(parts.size()) + ")");

    std::size_t data_start = header_end + 2;
    std::size_t data_end = body.find(delimiter, data_start);
    if (data_start > body.size() || data_end == std::string_view::npos) {
      return fail("missing closing delimiter (body)");
    }
    part.data = std::string(body.substr(data_start, data_end - data_start));
    parts.push_back(std::move(part));
    pos = data_end + delimiter.size();
  }
}

}  // namespace lumbung::http
