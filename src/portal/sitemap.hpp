// sitemap.xml (sitemaps.org protocol 0.9) and robots.txt of the public site.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lumbung::portal {

struct SitemapEntry {
  std::string path;          // absolute path on the site ("/berita/slug")
  std::int64_t lastmod = 0;  // unix seconds; 0 = omitted
};

// The <urlset> of `entries` under `base_url` (scheme and host, no trailing
// slash). Locations are percent-encoded where needed and XML-escaped; at most
// 50,000 entries are written (the protocol's limit), the rest are dropped.
std::string sitemap_xml(const std::string& base_url, const std::vector<SitemapEntry>& entries);

// robots.txt: everything public may be crawled except the private areas
// (/akun, /admin, /kurasi, /lab, /notifikasi, /api and forms), and the
// sitemap's location.
std::string robots_txt(const std::string& base_url);

// The areas robots.txt keeps out.
const std::vector<std::string>& private_prefixes();

}  // namespace lumbung::portal
