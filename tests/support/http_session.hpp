// Test support: a browser-like session against the real server (cookies and
// the CSRF token), form and multipart requests. Header-only; builds on
// server_process.hpp.
#pragma once

#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "support/server_process.hpp"

namespace lumbung::testing_support {

// Who is asking: a browser with a session cookie and its CSRF token.
struct Browser {
  std::string cookies;  // "sid=..." or "csrf=..."
  std::string csrf;
};

inline std::string cookie_value(const HttpReply& r, const std::string& name) {
  for (auto [it, end] = r.headers.equal_range("set-cookie"); it != end; ++it)
    if (it->second.rfind(name + "=", 0) == 0)
      return it->second.substr(name.size() + 1, it->second.find(';') - name.size() - 1);
  return {};
}

inline std::string csrf_field(const std::string& html) {
  std::smatch m;
  static const std::regex re(R"re(name="_csrf" value="([^"]+)")re");
  return std::regex_search(html, m, re) ? m[1].str() : std::string();
}

// "a b&c" -> "a+b%26c" (application/x-www-form-urlencoded).
inline std::string form_encode(const std::string& s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else if (c == ' ') out += '+';
    else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// A request with the browser's cookies; a POST body is a urlencoded form
// with the CSRF token added (unless with_csrf is false).
inline HttpReply send(int port, const std::string& method, const std::string& target, const Browser& b,
                      const std::string& body = "", bool with_csrf = true) {
  std::string form = body;
  if (method == "POST" && with_csrf) form = "_csrf=" + b.csrf + (body.empty() ? "" : "&" + body);
  std::string req = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!b.cookies.empty()) req += "Cookie: " + b.cookies + "\r\n";
  if (method == "POST")
    req += "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + std::to_string(form.size()) + "\r\n";
  req += "\r\n" + (method == "POST" ? form : "");
  return http_raw(port, req);
}

struct FilePart {
  std::string filename;
  std::string content_type;
  std::string data;
};

// POST multipart/form-data with the CSRF field and one file field "file".
inline HttpReply send_file(int port, const std::string& target, const Browser& b, const FilePart& file) {
  const std::string boundary = "----lumbungtestboundary7MA4YWxk";
  std::string body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n" + b.csrf + "\r\n";
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.filename +
          "\"\r\nContent-Type: " + file.content_type + "\r\n\r\n" + file.data + "\r\n--" + boundary + "--\r\n";
  std::string req = "POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!b.cookies.empty()) req += "Cookie: " + b.cookies + "\r\n";
  req += "Content-Type: multipart/form-data; boundary=" + boundary + "\r\nContent-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + body;
  return http_raw(port, req);
}

inline Browser anonymous(int port) {
  auto page = http_get(port, "/masuk");
  Browser b;
  b.csrf = csrf_field(page.body);
  b.cookies = "csrf=" + cookie_value(page, "csrf");
  return b;
}

inline Browser log_in(int port, const std::string& email, const std::string& password) {
  auto anon = anonymous(port);
  auto r = send(port, "POST", "/masuk", anon, "email=" + form_encode(email) + "&password=" + form_encode(password));
  EXPECT_EQ(r.status, 303) << email << ": " << r.body.substr(0, 300);
  Browser b;
  b.cookies = "sid=" + cookie_value(r, "sid");
  b.csrf = csrf_field(send(port, "GET", "/akun", b).body);
  EXPECT_FALSE(b.csrf.empty()) << email;
  return b;
}

}  // namespace lumbung::testing_support
