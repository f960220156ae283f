// News (berita) and guides (panduan) of the portal: written by curators in
// Markdown, published on a date (a future date = scheduled).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lumbung::portal {

struct Article {
  std::int64_t id = 0;
  std::string kind;  // berita | panduan
  std::string slug;  // the URL's last segment: /berita/{slug}
  std::string title;
  std::string summary;
  std::string body_md;
  std::string category;           // one of categories(kind)
  std::vector<std::string> tags;  // lower case, no commas
  std::int64_t published_at = 0;  // 0 = draft; > now = scheduled
  std::int64_t created_by = 0, created_at = 0, updated_by = 0, updated_at = 0;

  bool visible(std::int64_t now) const { return published_at > 0 && published_at <= now; }
};

// What a curator typed in the form.
struct ArticleInput {
  std::string kind, slug, title, summary, body_md, category, tags;
  std::string publish_on;  // YYYY-MM-DD (00:00 WIB) or "" for a draft
};

struct ArticleAttachment {
  std::int64_t id = 0, article_id = 0;
  std::string media_type, stored_name, original_name;
  std::int64_t size_bytes = 0, created_by = 0, created_at = 0, deleted_at = 0;
};

struct FeaturedItem {
  std::string kind;  // inovasi | berita | panduan
  std::int64_t ref_id = 0;
  int position = 0;
};

const std::vector<std::string>& article_kinds();
// The categories of a kind (i18n keys portal.category.<name>).
const std::vector<std::string>& categories(const std::string& kind);

}  // namespace lumbung::portal
