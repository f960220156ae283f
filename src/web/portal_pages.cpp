// News (/berita) and guides (/panduan) for readers, and the curators' editor
// (/kurasi/artikel): Markdown with a preview, categories, tags, a publication
// date (future = scheduled), PDF attachments, and the items featured on the
// home page (/kurasi/unggulan).
#include <fstream>
#include <sstream>

#include "core/ids.hpp"
#include "portal/markdown.hpp"
#include "web/format.hpp"
#include "web/portal_view.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

constexpr const char* kBodyMarker = "<!--portal:html-->";
constexpr int kPageSize = 10;

std::int64_t actor_id(http::RequestContext& ctx) {
  const auto& v = visitor(ctx);
  return v.user ? v.user->id : 0;
}

std::string field_error(const Site& site, const std::string& lang, const std::optional<Error>& error,
                        const std::string& field) {
  if (!error) return {};
  for (const auto& f : error->fields())
    if (f.field == field) return site.catalog.text(lang, f.key);
  return {};
}

std::string file_size(std::int64_t bytes, const std::string& lang) {
  if (bytes >= 1024 * 1024) {
    const auto tenths = bytes * 10 / (1024 * 1024);
    return format_number(tenths / 10, lang) + (lang == "en" ? "." : ",") + std::to_string(tenths % 10) + " MB";
  }
  return format_number(std::max<std::int64_t>(1, bytes / 1024), lang) + " KB";
}

nlohmann::json attachment_list(const std::string& lang, const std::vector<portal::ArticleAttachment>& list) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : list)
    out.push_back({{"id", a.id},
                   {"name", a.original_name},
                   {"url", "/berkas/artikel/" + std::to_string(a.id)},
                   {"size", file_size(a.size_bytes, lang)},
                   {"remove_action", "/kurasi/artikel/lampiran/" + std::to_string(a.id) + "/hapus"}});
  return out;
}

// ---- readers ----------------------------------------------------------------

http::Response article_list(const Site& site, const http::Request& req, http::RequestContext& ctx,
                            const std::string& kind) {
  const auto& lang = lang_of(ctx);
  const auto category = req.query.get_or("kategori", "");
  const auto& cats = portal::categories(kind);
  if (!category.empty() && std::find(cats.begin(), cats.end(), category) == cats.end())
    return error_page(site, req, ctx, 404);
  int page = 1;
  if (auto p = parse_id(req.query.get_or("halaman", "1")); p && *p <= 10000) page = static_cast<int>(*p);
  portal::ArticleQuery q;
  q.kind = kind;
  q.category = category;
  q.limit = kPageSize;
  q.offset = (page - 1) * kPageSize;
  auto service = articles_of(site);
  auto list = service.list(q);
  auto total = service.count(q);
  if (!list || !total) {
    site.log->error("{} article_list: {}", ctx.request_id, (!list ? list.error() : total.error()).message());
    return error_page(site, req, ctx, 503);
  }
  nlohmann::json items = nlohmann::json::array();
  for (const auto& a : *list) items.push_back(article_card(site, lang, a));
  nlohmann::json filters = nlohmann::json::array();
  filters.push_back({{"label", site.catalog.text(lang, "portal.all_categories")},
                     {"href", "/" + kind},
                     {"current", category.empty()}});
  for (const auto& c : cats)
    filters.push_back({{"label", site.catalog.text(lang, "portal.category." + c)},
                       {"href", "/" + kind + "?kategori=" + c},
                       {"current", c == category}});
  const std::string base = "/" + kind + (category.empty() ? "?" : "?kategori=" + category + "&");
  nlohmann::json model = {{"title_key", "portal." + kind + ".title"},
                          {"lead", site.catalog.text(lang, "portal." + kind + ".lead")},
                          {"nav_" + kind, true},
                          {"items", items},
                          {"filters", filters},
                          {"empty", items.empty()},
                          {"prev", page > 1 ? nlohmann::json(base + "halaman=" + std::to_string(page - 1)) : nlohmann::json(false)},
                          {"next", static_cast<std::int64_t>(page) * kPageSize < *total
                                       ? nlohmann::json(base + "halaman=" + std::to_string(page + 1))
                                       : nlohmann::json(false)}};
  const auto url = public_base(site, req) + "/" + kind + (category.empty() ? "" : "?kategori=" + category);
  model["canonical"] = url;
  return render_page(site, req, ctx, "portal/daftar", std::move(model));
}

http::Response article_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                            const std::string& kind) {
  const auto& lang = lang_of(ctx);
  auto service = articles_of(site);
  auto a = service.published(kind, req.path_params.at("slug"));
  if (!a) return error_page(site, req, ctx, http_status(a.error().code()));
  auto files = service.attachments(a->id);
  const auto url = public_base(site, req) + article_path(*a);
  const auto description = a->summary.empty() ? portal::markdown_text(a->body_md).substr(0, 200) : a->summary;
  nlohmann::json tags = nlohmann::json::array();
  for (const auto& t : a->tags) tags.push_back(t);
  nlohmann::json model = {{"title", a->title},
                          {"nav_" + kind, true},
                          {"article", article_card(site, lang, *a)},
                          {"kind_href", "/" + kind},
                          {"kind_title", site.catalog.text(lang, "portal." + kind + ".title")},
                          {"category_href", "/" + kind + "?kategori=" + a->category},
                          {"tags", tags},
                          {"has_tags", !a->tags.empty()},
                          {"files", files ? attachment_list(lang, *files) : nlohmann::json::array()},
                          {"has_files", files && !files->empty()}};
  const auto& v = visitor(ctx);
  if (has_role(v, auth::Role::curator) || has_role(v, auth::Role::admin))
    model["edit_href"] = "/kurasi/artikel/" + std::to_string(a->id) + "/ubah";
  head_model(model, url, "article", a->title, description, lang);
  auto r = render_page(site, req, ctx, "portal/artikel", std::move(model));
  inject_html(r.body, kBodyMarker, {portal::render_markdown(a->body_md)});
  inject_jsonld(r, {{"@context", "https://schema.org"},
                    {"@type", kind == "berita" ? "NewsArticle" : "Article"},
                    {"headline", a->title},
                    {"description", description},
                    {"datePublished", portal::wib_date(a->published_at)},
                    {"dateModified", portal::wib_date(a->updated_at)},
                    {"inLanguage", "id"},
                    {"keywords", a->tags},
                    {"url", url},
                    {"mainEntityOfPage", url}});
  return r;
}

http::Response get_news(const Site& s, const http::Request& r, http::RequestContext& c) {
  return article_list(s, r, c, "berita");
}
http::Response get_guides(const Site& s, const http::Request& r, http::RequestContext& c) {
  return article_list(s, r, c, "panduan");
}
http::Response get_news_item(const Site& s, const http::Request& r, http::RequestContext& c) {
  return article_page(s, r, c, "berita");
}
http::Response get_guide(const Site& s, const http::Request& r, http::RequestContext& c) {
  return article_page(s, r, c, "panduan");
}

// A PDF of an article: public when the article is published, else curators only.
http::Response get_article_file(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto service = articles_of(site);
  auto file = service.attachment(*id);
  if (!file) return error_page(site, req, ctx, http_status(file.error().code()));
  auto a = service.get(file->article_id);
  if (!a) return error_page(site, req, ctx, 404);
  const auto& v = visitor(ctx);
  const bool curator = has_role(v, auth::Role::curator) || has_role(v, auth::Role::admin);
  const bool visible = a->visible(service.now());
  if (!visible && !curator) return error_page(site, req, ctx, 404);
  std::ifstream in(service.path_of(file->stored_name), std::ios::binary);
  if (!in) {
    site.log->error("{} article file {}: {} missing", ctx.request_id, file->id, file->stored_name);
    return error_page(site, req, ctx, 404);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  http::Response r;
  r.status = 200;
  r.content_type = file->media_type;
  r.body = bytes.str();
  r.cacheable = false;
  r.header("Cache-Control", visible ? "public, max-age=3600" : "private, no-store");
  r.header("Content-Disposition", "inline; filename*=UTF-8''" + url_encode(file->original_name));
  return r;
}

// ---- curators -----------------------------------------------------------------

nlohmann::json curator_model(http::RequestContext& ctx, const char* title_key) {
  const auto& v = visitor(ctx);
  return {{"title_key", title_key},
          {"tab_articles", true},
          {"is_admin", has_role(v, auth::Role::admin)},
          {"is_curator", has_role(v, auth::Role::curator) || has_role(v, auth::Role::admin)}};
}

http::Response get_curator_articles(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  portal::ArticleQuery q;
  q.published_only = false;
  q.limit = 500;
  auto service = articles_of(site);
  auto list = service.list(q);
  if (!list) return error_page(site, req, ctx, http_status(list.error().code()));
  const auto now = service.now();
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& a : *list) {
    std::string state = a.published_at == 0 ? "draft" : a.published_at > now ? "scheduled" : "published";
    rows.push_back({{"title", a.title},
                    {"kind", site.catalog.text(lang, "portal.kind." + a.kind)},
                    {"category", site.catalog.text(lang, "portal.category." + a.category)},
                    {"state", site.catalog.text(lang, "portal.state." + state)},
                    {"date", a.published_at > 0 ? format_wib_date(a.published_at, lang) : "—"},
                    {"edit_url", "/kurasi/artikel/" + std::to_string(a.id) + "/ubah"},
                    {"view_url", state == "published" ? nlohmann::json(article_path(a)) : nlohmann::json(false)}});
  }
  auto model = curator_model(ctx, "portal.curate.title");
  model["rows"] = rows;
  model["has_rows"] = !rows.empty();
  static const std::map<std::string, std::string> kNotices = {{"dibuat", "portal.notice.created"},
                                                              {"disimpan", "portal.notice.saved"}};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end())
    model["notice"] = site.catalog.text(lang, it->second);
  auto r = render_page(site, req, ctx, "portal/kurasi_daftar", std::move(model));
  r.cacheable = false;
  return r;
}

struct FormPage {
  std::int64_t id = 0;
  portal::ArticleInput input;
  std::optional<Error> error;
  bool preview = false;
  std::string alert_key;
  unsigned status = 200;
};

http::Response form_page(const Site& site, const http::Request& req, http::RequestContext& ctx, const FormPage& page) {
  const auto& lang = lang_of(ctx);
  auto model = curator_model(ctx, page.id == 0 ? "portal.curate.new_title" : "portal.curate.edit_title");
  const auto& in = page.input;
  model["action"] =
      page.id == 0 ? std::string("/kurasi/artikel/baru") : "/kurasi/artikel/" + std::to_string(page.id) + "/ubah";
  nlohmann::json kinds = nlohmann::json::array();
  for (const auto& k : portal::article_kinds()) {
    nlohmann::json options = nlohmann::json::array();
    for (const auto& c : portal::categories(k))
      options.push_back(
          {{"value", c}, {"label", site.catalog.text(lang, "portal.category." + c)}, {"selected", c == in.category}});
    kinds.push_back({{"value", k},
                     {"label", site.catalog.text(lang, "portal.kind." + k)},
                     {"selected", k == in.kind},
                     {"categories", options}});
  }
  model["kinds"] = kinds;
  model["v"] = {{"title", in.title},           {"slug", in.slug},      {"summary", in.summary}, {"tags", in.tags},
                {"publish_on", in.publish_on}, {"body_md", in.body_md}};
  nlohmann::json errors = nlohmann::json::object();
  for (const char* f : {"kind", "title", "slug", "summary", "category", "tags", "publish_on", "body_md"}) {
    auto e = field_error(site, lang, page.error, f);
    errors[f] = e.empty() ? nlohmann::json(false) : nlohmann::json(e);
  }
  model["e"] = errors;
  if (page.error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (!page.alert_key.empty()) model["alert"] = site.catalog.text(lang, page.alert_key);
  if (page.preview) model["preview"] = true;
  if (page.id != 0) {
    auto service = articles_of(site);
    auto files = service.attachments(page.id);
    model["files"] = files ? attachment_list(lang, *files) : nlohmann::json::array();
    model["upload_action"] = "/kurasi/artikel/" + std::to_string(page.id) + "/lampiran";
    model["feature_action"] = "/kurasi/unggulan";
    model["id"] = page.id;
    auto a = service.get(page.id);
    if (a) model["feature_kind"] = a->kind;
    auto featured = service.featured();
    bool on = false;
    if (featured && a)
      for (const auto& f : *featured) on = on || (f.kind == a->kind && f.ref_id == page.id);
    model["featured"] = on;
    const auto msg = req.query.get_or("pesan", "");
    if (msg == "lampiran") model["notice"] = site.catalog.text(lang, "portal.notice.attached");
    if (msg == "lampiran-dihapus") model["notice"] = site.catalog.text(lang, "portal.notice.detached");
    if (msg == "disimpan") model["notice"] = site.catalog.text(lang, "portal.notice.saved");
  }
  auto r = render_page(site, req, ctx, "portal/kurasi_ubah", std::move(model), page.status);
  if (page.preview) inject_html(r.body, kBodyMarker, {portal::render_markdown(in.body_md)});
  r.cacheable = false;
  return r;
}

// The form of a stored article.
FormPage form_of(const portal::Article& a) {
  std::string tags;
  for (const auto& t : a.tags) tags += (tags.empty() ? "" : ", ") + t;
  return FormPage{a.id,
                  {a.kind, a.slug, a.title, a.summary, a.body_md, a.category, tags,
                   a.published_at > 0 ? portal::wib_date(a.published_at) : ""}};
}

portal::ArticleInput read_input(const http::Params& form) {
  return {form.get_or("kind", ""),    form.get_or("slug", ""),      form.get_or("title", ""),
          form.get_or("summary", ""), form.get_or("body_md", ""),   form.get_or("category", ""),
          form.get_or("tags", ""),    form.get_or("publish_on", "")};
}

http::Response get_new_article(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  FormPage page;
  page.input.kind = req.query.get_or("jenis", "berita") == "panduan" ? "panduan" : "berita";
  return form_page(site, req, ctx, page);
}

http::Response save(const Site& site, const http::Request& req, http::RequestContext& ctx, std::int64_t id) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  FormPage page{id, read_input(*form)};
  if (form->get_or("action", "") == "pratinjau") {
    page.preview = true;
    return form_page(site, req, ctx, page);
  }
  auto service = articles_of(site);
  auto saved = id == 0 ? service.create(actor_id(ctx), page.input) : service.update(actor_id(ctx), id, page.input);
  if (!saved) {
    if (saved.error().code() != ErrorCode::invalid)
      return error_page(site, req, ctx, http_status(saved.error().code()));
    page.error = saved.error();
    page.status = 400;
    return form_page(site, req, ctx, page);
  }
  site.caches.portal.invalidate();
  return http::Response::redirect(
      id == 0 ? "/kurasi/artikel?pesan=dibuat" : "/kurasi/artikel/" + std::to_string(id) + "/ubah?pesan=disimpan", 303);
}

http::Response post_new_article(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return save(site, req, ctx, 0);
}

http::Response get_edit_article(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto a = articles_of(site).get(*id);
  if (!a) return error_page(site, req, ctx, http_status(a.error().code()));
  return form_page(site, req, ctx, form_of(*a));
}

http::Response post_edit_article(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  if (auto a = articles_of(site).get(*id); !a) return error_page(site, req, ctx, http_status(a.error().code()));
  return save(site, req, ctx, *id);
}

http::Response post_article_file(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto service = articles_of(site);
  auto a = service.get(*id);
  if (!a) return error_page(site, req, ctx, http_status(a.error().code()));
  auto reshow = [&](const std::string& key, unsigned status) {
    auto page = form_of(*a);
    page.alert_key = key;
    page.status = status;
    return form_page(site, req, ctx, page);
  };
  auto parts = req.multipart();
  if (!parts) return reshow("portal.error.file_empty", 400);
  const http::Part* file = nullptr;
  for (const auto& p : *parts)
    if (p.name == "file") file = &p;
  if (!file) return reshow("portal.error.file_empty", 400);
  auto added = service.attach(actor_id(ctx), *id, file->filename, file->data,
                              std::min<std::int64_t>(static_cast<std::int64_t>(site.config.max_upload_bytes),
                                                     portal::ArticleService::kMaxAttachmentBytes));
  if (!added) {
    const auto& e = added.error();
    if (e.code() == ErrorCode::invalid && !e.fields().empty())
      return reshow(e.fields().front().key, e.fields().front().key == "portal.error.file_too_large" ? 413 : 400);
    return error_page(site, req, ctx, http_status(e.code()));
  }
  return http::Response::redirect("/kurasi/artikel/" + std::to_string(*id) + "/ubah?pesan=lampiran#lampiran", 303);
}

http::Response post_article_file_remove(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto service = articles_of(site);
  auto file = service.attachment(*id);
  if (!file) return error_page(site, req, ctx, http_status(file.error().code()));
  if (auto st = service.remove_attachment(actor_id(ctx), *id); !st)
    return error_page(site, req, ctx, http_status(st.error().code()));
  return http::Response::redirect(
      "/kurasi/artikel/" + std::to_string(file->article_id) + "/ubah?pesan=lampiran-dihapus#lampiran", 303);
}

// Featured items: the list with links, and adding/removing one.
http::Response get_featured(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto service = articles_of(site);
  auto featured = service.featured();
  if (!featured) return error_page(site, req, ctx, http_status(featured.error().code()));
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& f : *featured) {
    std::string title, href;
    if (f.kind == "inovasi") {
      auto i = site.innovations.get(f.ref_id);
      if (!i) continue;
      title = i->name;
      href = "/inovasi/" + std::to_string(i->id);
    } else {
      auto a = service.get(f.ref_id);
      if (!a) continue;
      title = a->title;
      href = article_path(*a);
    }
    rows.push_back({{"kind", f.kind},
                    {"kind_label", site.catalog.text(lang, "portal.kind." + f.kind)},
                    {"ref_id", f.ref_id},
                    {"title", title},
                    {"href", href}});
  }
  auto model = curator_model(ctx, "portal.featured.title");
  model["rows"] = rows;
  model["has_rows"] = !rows.empty();
  if (req.query.get_or("pesan", "") == "disimpan") model["notice"] = site.catalog.text(lang, "portal.notice.saved");
  if (req.query.get_or("pesan", "") == "tidak-ada")
    model["alert"] = site.catalog.text(lang, "portal.error.no_such_item");
  auto r = render_page(site, req, ctx, "portal/unggulan", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response post_featured(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  const auto kind = form->get_or("kind", "");
  const bool on = form->get_or("on", "1") == "1";
  auto ref = parse_id(form->get_or("ref_id", ""));
  auto service = articles_of(site);
  if (kind != "inovasi" && kind != "berita" && kind != "panduan") return error_page(site, req, ctx, 400);
  if (!ref) return http::Response::redirect("/kurasi/unggulan?pesan=tidak-ada", 303);
  if (on) {
    const bool exists = kind == "inovasi" ? site.innovations.get(*ref).ok() : service.get(*ref).ok();
    if (!exists) return http::Response::redirect("/kurasi/unggulan?pesan=tidak-ada", 303);
  }
  if (auto st = service.set_featured(actor_id(ctx), kind, *ref, on); !st)
    return error_page(site, req, ctx, http_status(st.error().code()));
  auto next = form->get_or("next", "/kurasi/unggulan?pesan=disimpan");
  if (!is_local_path(next)) next = "/kurasi/unggulan?pesan=disimpan";
  return http::Response::redirect(next, 303);
}

}  // namespace

http::Response get_statistics(const Site&, const http::Request&, http::RequestContext&);  // portal_stats_pages.cpp
http::Response get_statistics_csv(const Site&, const http::Request&, http::RequestContext&);
http::Response get_sitemap(const Site&, const http::Request&, http::RequestContext&);
http::Response get_robots(const Site&, const http::Request&, http::RequestContext&);

void register_portal_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  const std::string curators = "role:curator,admin";
  // clang-format off
  // method  pattern                                   handler                      access
  router.get("/berita",                                "get_news",                  "public", bind(get_news));
  router.get("/berita/{slug}",                         "get_news_item",             "public", bind(get_news_item));
  router.get("/panduan",                               "get_guides",                "public", bind(get_guides));
  router.get("/panduan/{slug}",                        "get_guide",                 "public", bind(get_guide));
  router.get("/berkas/artikel/{id}",                   "get_article_file",          "public", bind(get_article_file));
  router.get("/statistik",                             "get_statistics",            "public", bind(get_statistics));
  router.get("/statistik/{chart}",                     "get_statistics_csv",        "public", bind(get_statistics_csv));
  router.get("/sitemap.xml",                           "get_sitemap",               "public", bind(get_sitemap));
  router.get("/robots.txt",                            "get_robots",                "public", bind(get_robots));
  router.get("/kurasi/artikel",                        "get_curator_articles",      curators, bind(get_curator_articles));
  router.get("/kurasi/artikel/baru",                   "get_new_article",           curators, bind(get_new_article));
  router.post("/kurasi/artikel/baru",                  "post_new_article",          curators, bind(post_new_article));
  router.get("/kurasi/artikel/{id}/ubah",              "get_edit_article",          curators, bind(get_edit_article));
  router.post("/kurasi/artikel/{id}/ubah",             "post_edit_article",         curators, bind(post_edit_article));
  router.post("/kurasi/artikel/{id}/lampiran",         "post_article_file",         curators, bind(post_article_file));
  router.post("/kurasi/artikel/lampiran/{id}/hapus",   "post_article_file_remove",  curators, bind(post_article_file_remove));
  router.get("/kurasi/unggulan",                       "get_featured",              curators, bind(get_featured));
  router.post("/kurasi/unggulan",                      "post_featured",             curators, bind(post_featured));
  // clang-format on
}

}  // namespace lumbung::web
