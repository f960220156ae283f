// News and guides: validation, slugs, scheduling, attachments (PDF), the
// items featured on the home page, and the audit of every change.
#pragma once

#include <filesystem>
#include <optional>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "portal/article.hpp"
#include "portal/article_store.hpp"
#include "store/database.hpp"

namespace lumbung::portal {

// Checks `in` and fills `out` (everything but ids and times). Field errors
// name the form field and an i18n key (portal.error.*). publish_on "" = draft.
std::vector<FieldError> check_article(const ArticleInput& in, Article& out);
// "Berita Baru: Lab 2025!" -> "berita-baru-lab-2025"; ASCII letters and
// digits only, at most 80 characters; "" when the title has none.
std::string slugify(const std::string& title);
// 00:00 WIB (UTC+7) of an ISO date, in unix seconds; nullopt when invalid.
std::optional<std::int64_t> wib_midnight(const std::string& iso_date);
// The ISO date (WIB) of a unix time.
std::string wib_date(std::int64_t unix_seconds);

class ArticleService {
 public:
  static constexpr std::int64_t kMaxAttachmentBytes = 20 * 1024 * 1024;
  ArticleService(store::Database& db, const Clock& clock, std::filesystem::path files_dir)
      : db_(db), clock_(clock), files_dir_(std::move(files_dir)) {}

  Result<Article> create(std::int64_t actor, const ArticleInput& in);
  Result<Article> update(std::int64_t actor, std::int64_t id, const ArticleInput& in);
  Result<Article> get(std::int64_t id);
  // A published article (not draft or scheduled) by its slug; not_found otherwise.
  Result<Article> published(const std::string& kind, const std::string& slug);
  Result<std::vector<Article>> list(ArticleQuery q);
  Result<std::int64_t> count(ArticleQuery q);
  std::int64_t now() const { return clock_.now(); }

  // A PDF (checked by content) attached to the article; invalid with field
  // "file" and key portal.error.file_* when not a PDF, empty or too large.
  Result<ArticleAttachment> attach(std::int64_t actor, std::int64_t article_id, const std::string& filename,
                                   const std::string& bytes, std::int64_t max_bytes = kMaxAttachmentBytes);
  Result<std::vector<ArticleAttachment>> attachments(std::int64_t article_id);
  Result<ArticleAttachment> attachment(std::int64_t id);
  Status remove_attachment(std::int64_t actor, std::int64_t id);
  std::filesystem::path path_of(const std::string& stored_name) const { return files_dir_ / stored_name; }

  Result<std::vector<FeaturedItem>> featured();
  Status set_featured(std::int64_t actor, const std::string& kind, std::int64_t ref_id, bool on);

 private:
  store::Database& db_;
  const Clock& clock_;
  std::filesystem::path files_dir_;
};

}  // namespace lumbung::portal
