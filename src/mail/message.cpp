#include "mail/message.hpp"

#include <ctime>

namespace lumbung::mail {

namespace {

bool printable_ascii(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7e) return false;
  return true;
}

std::string base64(const std::string& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    out += k[(v >> 18) & 63];
    out += k[(v >> 12) & 63];
    out += k[(v >> 6) & 63];
    out += k[v & 63];
  }
  if (i + 1 == in.size()) {
    unsigned v = static_cast<unsigned char>(in[i]) << 16;
    out += k[(v >> 18) & 63];
    out += k[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
    out += k[(v >> 18) & 63];
    out += k[(v >> 12) & 63];
    out += k[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// Length of the UTF-8 sequence starting with byte c (1 for stray bytes).
std::size_t utf8_length(unsigned char c) {
  if (c >= 0xf0 && c < 0xf8) return 4;
  if (c >= 0xe0) return c < 0xf0 ? 3 : 1;
  if (c >= 0xc0) return 2;
  return 1;
}

}  // namespace

bool valid_address(const std::string& a) {
  if (a.empty() || a.size() > 254) return false;
  const auto at = a.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == a.size() || a.find('@', at + 1) != std::string::npos)
    return false;
  for (unsigned char c : a) {
    if (c <= 0x20 || c >= 0x7f) return false;
    if (c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '\\' || c == '(' || c == ')' || c == ':')
      return false;
  }
  return true;
}

std::string clean_header_text(const std::string& text) {
  std::string out;
  bool space = false;
  for (unsigned char c : text) {
    const bool blank = c < 0x20 || c == 0x7f || c == ' ';
    if (blank) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

std::string encode_header_text(const std::string& raw) {
  const std::string text = clean_header_text(raw);
  if (printable_ascii(text)) return text;
  // 75 characters per encoded-word: "=?UTF-8?B?" + "?=" leave 63 for base64,
  // i.e. 45 bytes of text (15 groups of 3).
  constexpr std::size_t kBytes = 45;
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t end = i;
    while (end < text.size()) {
      const std::size_t n = utf8_length(static_cast<unsigned char>(text[end]));
      if (end + n - i > kBytes) break;
      end += n;
    }
    if (end == i) end = std::min(text.size(), i + kBytes);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=";
    i = end;
  }
  return out;
}

std::string format_mailbox(const std::string& name, const std::string& address) {
  const std::string clean = clean_header_text(name);
  if (clean.empty()) return "<" + address + ">";
  if (!printable_ascii(clean)) return encode_header_text(clean) + " <" + address + ">";
  std::string quoted = "\"";
  for (char c : clean) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\" <" + address + ">";
}

std::string quoted_printable(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  std::size_t col = 0;
  auto emit = [&](const std::string& piece) {
    if (col + piece.size() > 75) {  // soft break: "=" ends the line at 76
      out += "=\r\n";
      col = 0;
    }
    out += piece;
    col += piece.size();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (c == '\n') {
      // A space or tab just before a line break must be encoded.
      if (!out.empty() && (out.back() == ' ' || out.back() == '\t') && col > 0) {
        const char last = out.back();
        out.pop_back();
        --col;
        emit(std::string("=") + hex[static_cast<unsigned char>(last) >> 4] +
             hex[static_cast<unsigned char>(last) & 15]);
      }
      out += "\r\n";
      col = 0;
      continue;
    }
    const bool literal = (c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t';
    // A line starting with "." or "From " stays literal; SMTP dot-stuffing is the transport's job.
    if (literal)
      emit(std::string(1, static_cast<char>(c)));
    else
      emit(std::string("=") + hex[c >> 4] + hex[c & 15]);
  }
  if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) {
    const char last = out.back();
    out.pop_back();
    out += std::string("=") + hex[static_cast<unsigned char>(last) >> 4] + hex[static_cast<unsigned char>(last) & 15];
  }
  return out;
}

std::string rfc5322_date(std::int64_t unix_seconds) {
  static const char* days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday], tm.tm_mday,
                months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string address_domain(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos ? std::string() : address.substr(at + 1);
}

namespace {

// Content headers, a blank line and the quoted-printable body ending in CRLF.
std::string quoted_printable_part(const char* type, const std::string& body) {
  std::string out = std::string("Content-Type: ") + type + "; charset=UTF-8\r\n";
  out += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
  out += quoted_printable(body);
  if (out.size() < 2 || out.compare(out.size() - 2, 2, "\r\n") != 0) out += "\r\n";
  return out;
}

// An http(s) URL of printable ASCII without spaces or angle brackets, so it
// fits inside <...> of a header and cannot end it.
bool valid_unsubscribe_url(const std::string& url) {
  if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) return false;
  if (url.size() > 900) return false;
  for (unsigned char c : url)
    if (c <= ' ' || c >= 0x7f || c == '<' || c == '>' || c == '"') return false;
  return true;
}

}  // namespace

Result<std::string> build_message(const OutgoingMail& m) {
  if (!valid_address(m.from_address)) return Error(ErrorCode::invalid, "mail: invalid sender address");
  if (!valid_address(m.to_address)) return Error(ErrorCode::invalid, "mail: invalid recipient address");
  if (!valid_address(m.message_id)) return Error(ErrorCode::invalid, "mail: invalid Message-ID");
  std::string out;
  out += "Date: " + rfc5322_date(m.date) + "\r\n";
  out += "Message-ID: <" + m.message_id + ">\r\n";
  out += "From: " + format_mailbox(m.from_name, m.from_address) + "\r\n";
  out += "To: " + format_mailbox(m.to_name, m.to_address) + "\r\n";
  out += "Subject: " + encode_header_text(m.subject) + "\r\n";
  if (!m.unsubscribe_url.empty()) {
    if (!valid_unsubscribe_url(m.unsubscribe_url))
      return Error(ErrorCode::invalid, "mail: invalid unsubscribe address");
    out += "List-Unsubscribe: <" + m.unsubscribe_url + ">\r\n";
    out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
  }
  out += "MIME-Version: 1.0\r\n";
  if (m.body_html.empty()) {
    out += quoted_printable_part("text/plain", m.body_text);
    return out;
  }
  // "=_" never occurs in quoted-printable text (a literal '=' is written =3D),
  // so the boundary cannot appear inside either part.
  const std::string boundary = "=_lumbung_alt_" + std::to_string(m.date);
  out += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n\r\n";
  out += "--" + boundary + "\r\n" + quoted_printable_part("text/plain", m.body_text);
  out += "--" + boundary + "\r\n" + quoted_printable_part("text/html", m.body_html);
  out += "--" + boundary + "--\r\n";
  return out;
}

}  // namespace lumbung::mail
