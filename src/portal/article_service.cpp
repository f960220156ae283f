#include "portal/article_service.hpp"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "core/text.hpp"
#include "directory/attachment_rules.hpp"

namespace lumbung::portal {

namespace {

constexpr std::size_t kMaxTitle = 200, kMaxSummary = 400, kMaxBody = 100000, kMaxTags = 12, kMaxTag = 40;
constexpr std::int64_t kWibOffset = 7 * 3600;

template <class F>
auto read(store::Database& db, const char* op, F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  try {
    auto sql = db.acquire();
    return fn(*sql);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, op);
  }
}

std::string article_json(const Article& a) {
  return nlohmann::json{{"kind", a.kind},
                        {"slug", a.slug},
                        {"title", a.title},
                        {"category", a.category},
                        {"tags", a.tags},
                        {"published_at", a.published_at},
                        {"body_chars", char_count(a.body_md)}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status audit(soci::session& sql, std::int64_t actor, const char* action, const std::string& entity, std::int64_t id,
             const std::string& before, const std::string& after, std::int64_t now) {
  auth::AuditRecord record;
  record.actor_user_id = actor;
  record.action = action;
  record.entity = entity;
  record.entity_id = std::to_string(id);
  record.before_json = before;
  record.after_json = after;
  record.at = now;
  return auth::append_audit(sql, record);
}

bool valid_slug(const std::string& s) {
  if (s.empty() || s.size() > 80 || s.front() == '-' || s.back() == '-') return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  return true;
}

Status write_file(const std::filesystem::path& path, const std::string& bytes) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  const auto tmp = path.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) return Error(ErrorCode::internal, "write " + tmp + " failed");
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Error(ErrorCode::internal, "rename " + tmp + ": " + ec.message());
  return {};
}

}  // namespace

std::string slugify(const std::string& title) {
  std::string out;
  bool dash = false;
  for (char c : title) {
    const char l = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) {
      if (dash && !out.empty()) out += '-';
      dash = false;
      out += l;
      if (out.size() >= 80) break;
    } else {
      dash = true;
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

std::optional<std::int64_t> wib_midnight(const std::string& iso_date) {
  if (!valid_iso_date(iso_date, 2000, 2100)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = std::stoi(iso_date.substr(0, 4)) - 1900;
  tm.tm_mon = std::stoi(iso_date.substr(5, 2)) - 1;
  tm.tm_mday = std::stoi(iso_date.substr(8, 2));
  return static_cast<std::int64_t>(timegm(&tm)) - kWibOffset;
}

std::string wib_date(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds + kWibOffset);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::vector<FieldError> check_article(const ArticleInput& in, Article& out) {
  std::vector<FieldError> errors;
  out.kind = trim(in.kind);
  if (out.kind != "berita" && out.kind != "panduan") errors.push_back({"kind", "portal.error.kind"});
  out.title = trim(in.title);
  if (out.title.empty())
    errors.push_back({"title", "portal.error.required"});
  else if (char_count(out.title) > kMaxTitle)
    errors.push_back({"title", "portal.error.too_long"});
  out.summary = trim(in.summary);
  if (char_count(out.summary) > kMaxSummary) errors.push_back({"summary", "portal.error.too_long"});
  out.body_md = in.body_md;
  if (trim(out.body_md).empty())
    errors.push_back({"body_md", "portal.error.required"});
  else if (out.body_md.size() > kMaxBody)
    errors.push_back({"body_md", "portal.error.too_long"});
  out.category = trim(in.category);
  const auto& cats = categories(out.kind);
  if (std::find(cats.begin(), cats.end(), out.category) == cats.end() && !cats.empty())
    errors.push_back({"category", "portal.error.category"});
  out.slug = trim(in.slug);
  if (out.slug.empty()) out.slug = slugify(out.title);
  if (!out.title.empty() && !valid_slug(out.slug)) errors.push_back({"slug", "portal.error.slug"});
  out.tags.clear();
  std::string tag;
  bool tags_ok = true;
  for (char c : in.tags + ",") {
    if (c == ',' || c == '\n') {
      auto t = trim(tag);
      for (auto& ch : t)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      if (!t.empty() && std::find(out.tags.begin(), out.tags.end(), t) == out.tags.end()) {
        if (char_count(t) > kMaxTag) tags_ok = false;
        out.tags.push_back(t);
      }
      tag.clear();
    } else {
      tag += c;
    }
  }
  if (!tags_ok || out.tags.size() > kMaxTags) errors.push_back({"tags", "portal.error.tags"});
  const auto date = trim(in.publish_on);
  out.published_at = 0;
  if (!date.empty()) {
    auto t = wib_midnight(date);
    if (!t)
      errors.push_back({"publish_on", "portal.error.date"});
    else
      out.published_at = *t;
  }
  return errors;
}

Result<Article> ArticleService::create(std::int64_t actor, const ArticleInput& in) {
  Article a;
  if (auto errors = check_article(in, a); !errors.empty())
    return Error(ErrorCode::invalid, "create_article: invalid input", std::move(errors));
  const auto now = clock_.now();
  return db_.transact("create_article", [&](soci::session& sql) -> Result<Article> {
    if (slug_taken(sql, a.slug, 0))
      return Error(ErrorCode::invalid, "create_article: slug taken", {{"slug", "portal.error.slug_taken"}});
    auto id = store::next_id(sql, "articles");
    if (!id) return id.error();
    a.id = *id;
    a.created_by = a.updated_by = actor;
    a.created_at = a.updated_at = now;
    insert_article(sql, a);
    if (auto st = audit(sql, actor, "article.create", "article", a.id, "", article_json(a), now); !st)
      return st.error();
    return a;
  });
}

Result<Article> ArticleService::update(std::int64_t actor, std::int64_t id, const ArticleInput& in) {
  Article a;
  if (auto errors = check_article(in, a); !errors.empty())
    return Error(ErrorCode::invalid, "update_article: invalid input", std::move(errors));
  const auto now = clock_.now();
  return db_.transact("update_article", [&](soci::session& sql) -> Result<Article> {
    auto before = find_article(sql, id);
    if (!before) return Error(ErrorCode::not_found, "update_article: no article " + std::to_string(id));
    if (slug_taken(sql, a.slug, id))
      return Error(ErrorCode::invalid, "update_article: slug taken", {{"slug", "portal.error.slug_taken"}});
    a.id = id;
    a.created_by = before->created_by;
    a.created_at = before->created_at;
    a.updated_by = actor;
    a.updated_at = now;
    update_article(sql, a);
    if (auto st = audit(sql, actor, "article.update", "article", id, article_json(*before), article_json(a), now); !st)
      return st.error();
    return a;
  });
}

Result<Article> ArticleService::get(std::int64_t id) {
  return read(db_, "get_article", [&](soci::session& sql) -> Result<Article> {
    auto a = find_article(sql, id);
    if (!a) return Error(ErrorCode::not_found, "get_article: no article " + std::to_string(id));
    return *a;
  });
}

Result<Article> ArticleService::published(const std::string& kind, const std::string& slug) {
  const auto now = clock_.now();
  return read(db_, "published_article", [&](soci::session& sql) -> Result<Article> {
    auto a = find_article_by_slug(sql, slug);
    if (!a || a->kind != kind || !a->visible(now))
      return Error(ErrorCode::not_found, "published_article: no " + kind + " " + slug);
    return *a;
  });
}

Result<std::vector<Article>> ArticleService::list(ArticleQuery q) {
  if (q.now == 0) q.now = clock_.now();
  return read(db_, "list_articles",
              [&](soci::session& sql) -> Result<std::vector<Article>> { return list_articles(sql, q); });
}

Result<std::int64_t> ArticleService::count(ArticleQuery q) {
  if (q.now == 0) q.now = clock_.now();
  return read(db_, "count_articles",
              [&](soci::session& sql) -> Result<std::int64_t> { return count_articles(sql, q); });
}

Result<ArticleAttachment> ArticleService::attach(std::int64_t actor, std::int64_t article_id,
                                                 const std::string& filename, const std::string& bytes,
                                                 std::int64_t max_bytes) {
  if (bytes.empty()) return Error(ErrorCode::invalid, "attach: empty", {{"file", "portal.error.file_empty"}});
  if (static_cast<std::int64_t>(bytes.size()) > max_bytes)
    return Error(ErrorCode::invalid, "attach: too large", {{"file", "portal.error.file_too_large"}});
  const auto type = directory::sniff_file_type(bytes);
  if (!type || type->kind != "pdf")
    return Error(ErrorCode::invalid, "attach: not a PDF", {{"file", "portal.error.file_type"}});
  const auto now = clock_.now();
  std::filesystem::path written;
  auto result = db_.transact("attach_article_file", [&](soci::session& sql) -> Result<ArticleAttachment> {
    if (!find_article(sql, article_id))
      return Error(ErrorCode::not_found, "attach: no article " + std::to_string(article_id));
    auto id = store::next_id(sql, "article_attachments");
    if (!id) return id.error();
    ArticleAttachment a;
    a.id = *id;
    a.article_id = article_id;
    a.media_type = type->media_type;
    a.stored_name = "artikel-" + std::to_string(*id) + type->extension;
    a.original_name = directory::display_file_name(filename);
    a.size_bytes = static_cast<std::int64_t>(bytes.size());
    a.created_by = actor;
    a.created_at = now;
    if (auto st = write_file(path_of(a.stored_name), bytes); !st) return st.error();
    written = path_of(a.stored_name);
    insert_attachment(sql, a);
    const auto after = nlohmann::json{{"file", a.original_name}, {"size", a.size_bytes}}.dump(
        -1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (auto st = audit(sql, actor, "article.attach", "article", article_id, "", after, now); !st) return st.error();
    return a;
  });
  if (!result && !written.empty()) {
    std::error_code ec;
    std::filesystem::remove(written, ec);
  }
  return result;
}

Result<std::vector<ArticleAttachment>> ArticleService::attachments(std::int64_t article_id) {
  return read(db_, "article_attachments", [&](soci::session& sql) -> Result<std::vector<ArticleAttachment>> {
    return list_attachments(sql, article_id);
  });
}

Result<ArticleAttachment> ArticleService::attachment(std::int64_t id) {
  return read(db_, "article_attachment", [&](soci::session& sql) -> Result<ArticleAttachment> {
    auto a = find_attachment(sql, id);
    if (!a || a->deleted_at != 0) return Error(ErrorCode::not_found, "no article attachment " + std::to_string(id));
    return *a;
  });
}

Status ArticleService::remove_attachment(std::int64_t actor, std::int64_t id) {
  const auto now = clock_.now();
  std::string stored;
  auto st = db_.transact("remove_article_attachment", [&](soci::session& sql) -> Status {
    auto a = find_attachment(sql, id);
    if (!a || a->deleted_at != 0) return Error(ErrorCode::not_found, "no article attachment " + std::to_string(id));
    mark_attachment_deleted(sql, id, now);
    stored = a->stored_name;
    const auto before =
        nlohmann::json{{"file", a->original_name}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return audit(sql, actor, "article.detach", "article", a->article_id, before, "", now);
  });
  if (st) {
    std::error_code ec;
    std::filesystem::remove(path_of(stored), ec);
  }
  return st;
}

Result<std::vector<FeaturedItem>> ArticleService::featured() {
  return read(db_, "featured_items",
              [&](soci::session& sql) -> Result<std::vector<FeaturedItem>> { return list_featured(sql); });
}

Status ArticleService::set_featured(std::int64_t actor, const std::string& kind, std::int64_t ref_id, bool on) {
  if (kind != "inovasi" && kind != "berita" && kind != "panduan")
    return Error(ErrorCode::invalid, "set_featured: bad kind", {{"kind", "portal.error.kind"}});
  const auto now = clock_.now();
  return db_.transact("set_featured", [&](soci::session& sql) -> Status {
    portal::set_featured(sql, kind, ref_id, on, actor, now);
    return audit(sql, actor, on ? "featured.add" : "featured.remove", kind, ref_id, "", "", now);
  });
}

}  // namespace lumbung::portal
