#include "http/static_files.hpp"

#include <chrono>
#include <fstream>
#include <iterator>
#include <system_error>

#include "http/finalize.hpp"
#include "http/parse.hpp"

namespace lumbung::http {
namespace fs = std::filesystem;

namespace {

bool inside(const fs::path& root, const fs::path& p) {
  auto r = root.begin();
  auto q = p.begin();
  for (; r != root.end(); ++r, ++q) {
    if (r->empty()) continue;  // trailing separator of root
    if (q == p.end() || *r != *q) return false;
  }
  return true;
}

Response not_found() {
  Response r = Response::text("404 Not Found\n", 404);
  r.cacheable = false;
  return r;
}

}  // namespace

std::optional<fs::path> resolve_static_path(const fs::path& canonical_root, std::string_view rel) {
  if (rel.empty() || rel.front() == '/') return std::nullopt;
  if (rel.find('\\') != std::string_view::npos || rel.find('\0') != std::string_view::npos) return std::nullopt;
  std::string_view rest = rel;
  while (true) {
    std::size_t slash = rest.find('/');
    std::string_view seg = rest.substr(0, slash);
    if (seg.empty() || seg.front() == '.') return std::nullopt;  // "", ".", "..", hidden files
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  std::error_code ec;
  fs::path full = fs::canonical(canonical_root / fs::path(std::string(rel)), ec);
  if (ec || !inside(canonical_root, full)) return std::nullopt;
  if (!fs::is_regular_file(full, ec) || ec) return std::nullopt;
  return full;
}

std::string_view mime_type_for(const fs::path& file) {
  std::string ext = to_lower(file.extension().string());
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "application/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".webp") return "image/webp";
  if (ext == ".gif") return "image/gif";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".pdf") return "application/pdf";
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".xml") return "application/xml";
  return "application/octet-stream";
}

Handler static_handler(fs::path root, std::string url_prefix) {
  std::error_code ec;
  fs::path canonical_root = fs::weakly_canonical(root, ec);
  if (ec) canonical_root = root;
  return [canonical_root, url_prefix](const Request& req, RequestContext&) -> Response {
    if (req.path.compare(0, url_prefix.size(), url_prefix) != 0) return not_found();
    auto file = resolve_static_path(canonical_root, std::string_view(req.path).substr(url_prefix.size()));
    if (!file) return not_found();
    std::ifstream in(*file, std::ios::binary);
    if (!in) return not_found();
    Response r;
    r.content_type = std::string(mime_type_for(*file));
    r.body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    r.header("Cache-Control", "public, max-age=604800");
    std::error_code time_ec;
    auto mtime = fs::last_write_time(*file, time_ec);
    if (!time_ec) {
      auto sys = std::chrono::file_clock::to_sys(mtime);
      r.header("Last-Modified", http_date(std::chrono::time_point_cast<std::chrono::system_clock::duration>(sys)));
    }
    return r;
  };
}

}  // namespace lumbung::http
