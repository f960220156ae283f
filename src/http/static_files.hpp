// Serving files from a directory, e.g. the route
//   router.get("/static/{path...}", "get_static", "public", static_handler(root, "/static/"));
// Thread-safe: the handler keeps only the canonical root.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "http/router.hpp"

namespace lumbung::http {

// The file under `root` named by the relative URL path `rel` ("css/site.css"),
// or nullopt when `rel` is empty, absolute, holds "..", ".", a hidden segment
// (".git"), an empty segment, a backslash or NUL, or when the canonical path
// (after symlinks) is not a regular file inside the canonical `root`.
std::optional<std::filesystem::path> resolve_static_path(const std::filesystem::path& canonical_root,
                                                         std::string_view rel);

// Content-Type by extension: css, js, mjs, svg, png, jpg/jpeg, webp, gif, ico,
// woff2, woff, txt, json, pdf, html, xml, map; "application/octet-stream" otherwise.
std::string_view mime_type_for(const std::filesystem::path& file);

// A GET handler serving files under `root` for request paths starting with
// `url_prefix` ("/static/"): 200 with Content-Type, Cache-Control "public,
// max-age=604800" and Last-Modified (the server adds the ETag/304 and gzip);
// 404 for anything resolve_static_path rejects.
Handler static_handler(std::filesystem::path root, std::string url_prefix);

}  // namespace lumbung::http
