// SQL of the portal (tables of migrations/0011_portal.sql). Every function
// runs on the caller's session; writes expect the caller's transaction. SOCI
// errors propagate as exceptions (Database::transact translates them).
#pragma once

#include <soci/soci.h>

#include <optional>

#include "portal/article.hpp"

namespace lumbung::portal {

void insert_article(soci::session& sql, const Article& a);
void update_article(soci::session& sql, const Article& a);
std::optional<Article> find_article(soci::session& sql, std::int64_t id);
std::optional<Article> find_article_by_slug(soci::session& sql, const std::string& slug);
bool slug_taken(soci::session& sql, const std::string& slug, std::int64_t except_id);

struct ArticleQuery {
  std::string kind;      // "" = any
  std::string category;  // "" = any
  std::string text;      // "" = any; else words all found (case-insensitive) in title, summary or body
  bool published_only = true;
  std::int64_t now = 0;  // with published_only: published_at in (0, now]
  int limit = 20;
  int offset = 0;
};
// Newest first (drafts, then by publication date, for curators).
std::vector<Article> list_articles(soci::session& sql, const ArticleQuery& q);
std::int64_t count_articles(soci::session& sql, const ArticleQuery& q);

void insert_attachment(soci::session& sql, const ArticleAttachment& a);
std::vector<ArticleAttachment> list_attachments(soci::session& sql, std::int64_t article_id);
std::optional<ArticleAttachment> find_attachment(soci::session& sql, std::int64_t id);
void mark_attachment_deleted(soci::session& sql, std::int64_t id, std::int64_t now);

std::vector<FeaturedItem> list_featured(soci::session& sql);
void set_featured(soci::session& sql, const std::string& kind, std::int64_t ref_id, bool on, std::int64_t actor,
                  std::int64_t now);

}  // namespace lumbung::portal
