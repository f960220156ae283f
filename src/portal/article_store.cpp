#include "portal/article_store.hpp"

#include <algorithm>
#include <deque>

#include "store/row.hpp"

namespace lumbung::portal {

namespace {

using store::get_int64;
using store::get_text;

constexpr const char* kColumns =
    "SELECT id, kind, slug, title, summary, body_md, category, tags, published_at, created_by, created_at, "
    "updated_by, updated_at FROM articles ";
constexpr const char* kInsert =
    "INSERT INTO articles (id, kind, slug, title, summary, body_md, category, tags, published_at, created_by, "
    "created_at, updated_by, updated_at) VALUES (:id, :kind, :slug, :title, :summary, :body_md, :category, :tags, "
    ":published_at, :created_by, :created_at, :updated_by, :updated_at)";
constexpr const char* kUpdate =
    "UPDATE articles SET kind = :kind, slug = :slug, title = :title, summary = :summary, body_md = :body_md, "
    "category = :category, tags = :tags, published_at = :published_at, updated_by = :updated_by, updated_at = "
    ":updated_at WHERE id = :id";
constexpr const char* kSlugTaken = "SELECT COUNT(*) FROM articles WHERE slug = :slug AND id <> :id";
constexpr const char* kAttachmentColumns =
    "SELECT id, article_id, media_type, stored_name, original_name, size_bytes, created_by, created_at, deleted_at "
    "FROM article_attachments ";
constexpr const char* kInsertAttachment =
    "INSERT INTO article_attachments (id, article_id, media_type, stored_name, original_name, size_bytes, "
    "created_by, created_at, deleted_at) VALUES (:id, :article_id, :media_type, :stored_name, :original_name, "
    ":size_bytes, :created_by, :created_at, 0)";
constexpr const char* kDeleteAttachment = "UPDATE article_attachments SET deleted_at = :now WHERE id = :id";
constexpr const char* kSelectFeatured = "SELECT kind, ref_id, position FROM featured_items ORDER BY position, kind";
constexpr const char* kDeleteFeatured = "DELETE FROM featured_items WHERE kind = :kind AND ref_id = :ref_id";
constexpr const char* kMaxPosition = "SELECT COALESCE(MAX(position), 0) FROM featured_items";
constexpr const char* kInsertFeatured =
    "INSERT INTO featured_items (kind, ref_id, position, created_by, created_at) VALUES (:kind, :ref_id, "
    ":position, :created_by, :created_at)";

std::string join_tags(const std::vector<std::string>& tags) {
  std::string out;
  for (const auto& t : tags) out += (out.empty() ? "" : ",") + t;
  return out;
}

std::vector<std::string> split_tags(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text + ",") {
    if (c == ',') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  return out;
}

Article from_row(const soci::row& r) {
  Article a;
  a.id = get_int64(r, 0);
  a.kind = get_text(r, 1);
  a.slug = get_text(r, 2);
  a.title = get_text(r, 3);
  a.summary = get_text(r, 4);
  a.body_md = get_text(r, 5);
  a.category = get_text(r, 6);
  a.tags = split_tags(get_text(r, 7));
  a.published_at = get_int64(r, 8);
  a.created_by = get_int64(r, 9);
  a.created_at = get_int64(r, 10);
  a.updated_by = get_int64(r, 11);
  a.updated_at = get_int64(r, 12);
  return a;
}

ArticleAttachment attachment_from_row(const soci::row& r) {
  ArticleAttachment a;
  a.id = get_int64(r, 0);
  a.article_id = get_int64(r, 1);
  a.media_type = get_text(r, 2);
  a.stored_name = get_text(r, 3);
  a.original_name = get_text(r, 4);
  a.size_bytes = get_int64(r, 5);
  a.created_by = get_int64(r, 6);
  a.created_at = get_int64(r, 7);
  a.deleted_at = get_int64(r, 8);
  return a;
}

std::optional<Article> find_where(soci::session& sql, const std::string& where, const std::string& value) {
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kColumns) + where, soci::use(value, "v"));
  for (const auto& r : rs) return from_row(r);
  return std::nullopt;
}

// The WHERE clause of `q` and its bound values (kept alive by the caller).
struct Where {
  std::string sql = " WHERE 1 = 1";
  std::deque<std::string> texts;
  std::deque<long long> numbers;
  std::vector<std::pair<bool, std::pair<std::size_t, std::string>>> binds;
};

void build_where(const ArticleQuery& q, Where& w) {
  auto text = [&](const std::string& v, const std::string& fragment, const std::string& name) {
    w.sql += fragment;
    w.texts.push_back(v);
    w.binds.push_back({true, {w.texts.size() - 1, name}});
  };
  if (!q.kind.empty()) text(q.kind, " AND kind = :kind", "kind");
  if (!q.category.empty()) text(q.category, " AND category = :category", "category");
  if (q.published_only) {
    w.sql += " AND published_at > 0 AND published_at <= :now";
    w.numbers.push_back(q.now);
    w.binds.push_back({false, {w.numbers.size() - 1, "now"}});
  }
  // Each word of the text must appear in the title, summary, tags or body.
  std::string word;
  int n = 0;
  auto add_word = [&] {
    if (word.empty() || n >= 8) return;
    std::string lower;
    for (char c : word) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    std::string escaped;
    for (char c : lower) {
      if (c == '%' || c == '_' || c == '!') escaped += '!';
      escaped += c;
    }
    const std::string name = "w" + std::to_string(n++);
    text("%" + escaped + "%",
         " AND (LOWER(title) LIKE :" + name + " ESCAPE '!' OR LOWER(summary) LIKE :" + name +
             "b ESCAPE '!' OR LOWER(tags) LIKE :" + name + "c ESCAPE '!' OR LOWER(body_md) LIKE :" + name +
             "d ESCAPE '!')",
         name);
    for (const char* suffix : {"b", "c", "d"}) {
      w.texts.push_back(w.texts.back());
      w.binds.push_back({true, {w.texts.size() - 1, name + suffix}});
    }
    word.clear();
  };
  for (char c : q.text + " ") {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
      add_word();
    else
      word += c;
  }
}

void bind_all(soci::details::prepare_temp_type& prep, Where& w) {
  for (const auto& [is_text, where] : w.binds) {
    if (is_text)
      prep, soci::use(w.texts[where.first], where.second);
    else
      prep, soci::use(w.numbers[where.first], where.second);
  }
}

}  // namespace

const std::vector<std::string>& article_kinds() {
  static const std::vector<std::string> k = {"berita", "panduan"};
  return k;
}

const std::vector<std::string>& categories(const std::string& kind) {
  static const std::vector<std::string> news = {"kegiatan", "kebijakan", "kisah", "pengumuman"};
  static const std::vector<std::string> guides = {"replikasi", "laboratorium", "data", "umum"};
  static const std::vector<std::string> none;
  return kind == "berita" ? news : kind == "panduan" ? guides : none;
}

void insert_article(soci::session& sql, const Article& a) {
  long long id = a.id, published_at = a.published_at, created_by = a.created_by, created_at = a.created_at,
            updated_by = a.updated_by, updated_at = a.updated_at;
  const std::string tags = join_tags(a.tags);
  sql << kInsert, soci::use(id, "id"), soci::use(a.kind, "kind"), soci::use(a.slug, "slug"),
      soci::use(a.title, "title"), soci::use(a.summary, "summary"), soci::use(a.body_md, "body_md"),
      soci::use(a.category, "category"), soci::use(tags, "tags"), soci::use(published_at, "published_at"),
      soci::use(created_by, "created_by"), soci::use(created_at, "created_at"), soci::use(updated_by, "updated_by"),
      soci::use(updated_at, "updated_at");
}

void update_article(soci::session& sql, const Article& a) {
  long long id = a.id, published_at = a.published_at, updated_by = a.updated_by, updated_at = a.updated_at;
  const std::string tags = join_tags(a.tags);
  sql << kUpdate, soci::use(a.kind, "kind"), soci::use(a.slug, "slug"), soci::use(a.title, "title"),
      soci::use(a.summary, "summary"), soci::use(a.body_md, "body_md"), soci::use(a.category, "category"),
      soci::use(tags, "tags"), soci::use(published_at, "published_at"), soci::use(updated_by, "updated_by"),
      soci::use(updated_at, "updated_at"), soci::use(id, "id");
}

std::optional<Article> find_article(soci::session& sql, std::int64_t id) {
  long long lid = id;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kColumns) + "WHERE id = :id", soci::use(lid, "id"));
  for (const auto& r : rs) return from_row(r);
  return std::nullopt;
}

std::optional<Article> find_article_by_slug(soci::session& sql, const std::string& slug) {
  return find_where(sql, "WHERE slug = :v", slug);
}

bool slug_taken(soci::session& sql, const std::string& slug, std::int64_t except_id) {
  long long id = except_id;
  long long n = 0;
  sql << kSlugTaken, soci::use(slug, "slug"), soci::use(id, "id"), soci::into(n);
  return n > 0;
}

std::vector<Article> list_articles(soci::session& sql, const ArticleQuery& q) {
  Where w;
  build_where(q, w);
  std::string query = std::string(kColumns) + w.sql;
  query += q.published_only ? " ORDER BY published_at DESC, id DESC"
                            : " ORDER BY CASE WHEN published_at = 0 THEN 0 "
                              "ELSE 1 END, published_at DESC, id DESC";
  query += " LIMIT " + std::to_string(std::clamp(q.limit, 1, 500)) + " OFFSET " + std::to_string(std::max(0, q.offset));
  std::vector<Article> out;
  soci::details::prepare_temp_type prep = (sql.prepare << query);
  bind_all(prep, w);
  soci::rowset<soci::row> rs(prep);
  for (const auto& r : rs) out.push_back(from_row(r));
  return out;
}

std::int64_t count_articles(soci::session& sql, const ArticleQuery& q) {
  Where w;
  build_where(q, w);
  long long n = 0;
  soci::details::prepare_temp_type prep = (sql.prepare << "SELECT COUNT(*) FROM articles" + w.sql);
  bind_all(prep, w);
  soci::rowset<soci::row> rs(prep);
  for (const auto& r : rs) n = get_int64(r, 0);
  return n;
}

void insert_attachment(soci::session& sql, const ArticleAttachment& a) {
  long long id = a.id, article_id = a.article_id, size = a.size_bytes, by = a.created_by, at = a.created_at;
  sql << kInsertAttachment, soci::use(id, "id"), soci::use(article_id, "article_id"),
      soci::use(a.media_type, "media_type"), soci::use(a.stored_name, "stored_name"),
      soci::use(a.original_name, "original_name"), soci::use(size, "size_bytes"), soci::use(by, "created_by"),
      soci::use(at, "created_at");
}

std::vector<ArticleAttachment> list_attachments(soci::session& sql, std::int64_t article_id) {
  long long id = article_id;
  std::vector<ArticleAttachment> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kAttachmentColumns) + "WHERE article_id = :id AND deleted_at = 0 ORDER BY id",
       soci::use(id, "id"));
  for (const auto& r : rs) out.push_back(attachment_from_row(r));
  return out;
}

std::optional<ArticleAttachment> find_attachment(soci::session& sql, std::int64_t id) {
  long long lid = id;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kAttachmentColumns) + "WHERE id = :id", soci::use(lid, "id"));
  for (const auto& r : rs) return attachment_from_row(r);
  return std::nullopt;
}

void mark_attachment_deleted(soci::session& sql, std::int64_t id, std::int64_t now) {
  long long lid = id, lnow = now;
  sql << kDeleteAttachment, soci::use(lnow, "now"), soci::use(lid, "id");
}

std::vector<FeaturedItem> list_featured(soci::session& sql) {
  std::vector<FeaturedItem> out;
  soci::rowset<soci::row> rs = (sql.prepare << kSelectFeatured);
  for (const auto& r : rs) out.push_back({get_text(r, 0), get_int64(r, 1), static_cast<int>(get_int64(r, 2))});
  return out;
}

void set_featured(soci::session& sql, const std::string& kind, std::int64_t ref_id, bool on, std::int64_t actor,
                  std::int64_t now) {
  long long ref = ref_id;
  sql << kDeleteFeatured, soci::use(kind, "kind"), soci::use(ref, "ref_id");
  if (!on) return;
  long long max = 0;
  {
    soci::rowset<soci::row> rs = (sql.prepare << kMaxPosition);
    for (const auto& r : rs) max = get_int64(r, 0);
  }
  long long position = max + 1, by = actor, at = now;
  sql << kInsertFeatured, soci::use(kind, "kind"), soci::use(ref, "ref_id"), soci::use(position, "position"),
      soci::use(by, "created_by"), soci::use(at, "created_at");
}

}  // namespace lumbung::portal
