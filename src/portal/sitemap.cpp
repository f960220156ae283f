#include "portal/sitemap.hpp"

#include <ctime>

#include "portal/svg_chart.hpp"

namespace lumbung::portal {

namespace {

constexpr std::size_t kMaxEntries = 50000;

// Percent-encodes bytes a URL may not hold as they are (non-ASCII, spaces,
// quotes, angle brackets); '/', '?', '=', '&' and unreserved characters stay.
std::string encode_path(const std::string& path) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^' && c != '`' && c != '{' &&
        c != '|' && c != '}' && c != '%' && c != '\'') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

std::string w3c_date(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace

std::string sitemap_xml(const std::string& base_url, const std::vector<SitemapEntry>& entries) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  std::size_t n = 0;
  for (const auto& e : entries) {
    if (++n > kMaxEntries) break;
    out += "<url><loc>" + xml_escape(base_url + encode_path(e.path)) + "</loc>";
    if (e.lastmod > 0) out += "<lastmod>" + w3c_date(e.lastmod) + "</lastmod>";
    out += "</url>\n";
  }
  return out + "</urlset>\n";
}

const std::vector<std::string>& private_prefixes() {
  static const std::vector<std::string> p = {"/akun",       "/admin",    "/kurasi", "/lab",
                                             "/notifikasi", "/api/",     "/masuk",  "/lupa-sandi",
                                             "/atur-ulang", "/undangan", "/bahasa/"};
  return p;
}

std::string robots_txt(const std::string& base_url) {
  std::string out = "User-agent: *\n";
  for (const auto& p : private_prefixes()) out += "Disallow: " + p + "\n";
  out += "Allow: /\n\nSitemap: " + base_url + "/sitemap.xml\n";
  return out;
}

}  // namespace lumbung::portal
