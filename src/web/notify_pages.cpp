// The inbox of a logged-in user: the list of notifications (newest first,
// unread marked), opening one (marks it read and follows its link), marking
// all read, and the mail settings per category. The bell with the unread
// count in the header comes from render_page (page.cpp).
#include "core/ids.hpp"
#include "notify/notify.hpp"
#include "web/format.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

constexpr const char* kInboxPath = "/notifikasi";
constexpr const char* kSettingsPath = "/notifikasi/pengaturan";
constexpr int kPageSize = 30;

std::int64_t user_id(http::RequestContext& ctx) {
  const auto& v = visitor(ctx);
  return v.user ? v.user->id : 0;
}

std::string category_label(const Site& site, const std::string& lang, notify::Category c) {
  return site.catalog.text(lang, std::string("notifikasi.category.") + notify::to_string(c));
}

}  // namespace

http::Response get_inbox(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  const auto before = parse_id(req.query.get_or("sebelum", "")).value_or(0);
  notify::Inbox inbox(site.db);
  auto items = inbox.list(user_id(ctx), before, kPageSize + 1);
  if (!items) return error_page(site, req, ctx, http_status(items.error().code()));
  const bool more = static_cast<int>(items->size()) > kPageSize;
  if (more) items->pop_back();
  auto rows = nlohmann::json::array();
  for (const auto& n : *items)
    rows.push_back({{"id", n.id},
                    {"text", notify::render_text(site.catalog, lang, n)},
                    {"url", std::string(kInboxPath) + "/" + std::to_string(n.id)},
                    {"category", category_label(site, lang, n.category)},
                    {"context", n.group_label},
                    {"when", format_datetime(n.created_at, lang)},
                    {"when_iso", format_iso8601(n.created_at)},
                    {"unread", !n.read_at.has_value()}});
  nlohmann::json model = {{"title_key", "notifikasi.title"}, {"has_items", !rows.empty()}, {"items", rows}};
  if (more) model["older_url"] = std::string(kInboxPath) + "?sebelum=" + std::to_string(items->back().id);
  if (before > 0) model["newest_url"] = kInboxPath;
  if (req.query.get_or("pesan", "") == "dibaca") model["notice"] = site.catalog.text(lang, "notifikasi.all_read_done");
  auto r = render_page(site, req, ctx, "notifikasi/kotak", std::move(model));
  r.cacheable = false;
  return r;
}

// Opens a notification: marks it read and follows its link (a path on this
// site; anything else leads back to the inbox).
http::Response get_notification(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  notify::Inbox inbox(site.db);
  auto opened = inbox.open(user_id(ctx), *id, site.innovations.clock().now());
  if (!opened) return error_page(site, req, ctx, http_status(opened.error().code()));
  if (!*opened) return error_page(site, req, ctx, 404);
  const auto& link = (*opened)->link;
  auto r = http::Response::redirect(is_local_path(link) ? link : std::string(kInboxPath), 303);
  r.cacheable = false;
  return r;
}

http::Response post_inbox_read_all(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  notify::Inbox inbox(site.db);
  auto marked = inbox.mark_all_read(user_id(ctx), site.innovations.clock().now());
  if (!marked) return error_page(site, req, ctx, http_status(marked.error().code()));
  return http::Response::redirect(std::string(kInboxPath) + "?pesan=dibaca", 303);
}

namespace {

http::Response settings_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                             const notify::Settings& settings, unsigned status, const std::string& alert_key) {
  const auto& lang = lang_of(ctx);
  auto categories = nlohmann::json::array();
  for (const auto& [category, frequency] : settings) {
    auto options = nlohmann::json::array();
    for (auto f :
         {notify::Frequency::immediately, notify::Frequency::daily, notify::Frequency::weekly, notify::Frequency::off})
      options.push_back(
          {{"value", notify::to_string(f)},
           {"label", site.catalog.text(lang, std::string("notifikasi.frequency.") + notify::to_string(f))},
           {"checked", f == frequency}});
    categories.push_back(
        {{"name", notify::to_string(category)},
         {"label", category_label(site, lang, category)},
         {"hint", site.catalog.text(lang, std::string("notifikasi.category_hint.") + notify::to_string(category))},
         {"options", options}});
  }
  nlohmann::json model = {{"title_key", "notifikasi.settings_title"}, {"categories", categories}};
  if (req.query.get_or("pesan", "") == "disimpan") model["notice"] = site.catalog.text(lang, "notifikasi.saved");
  if (!alert_key.empty()) model["alert"] = site.catalog.text(lang, alert_key);
  auto r = render_page(site, req, ctx, "notifikasi/pengaturan", std::move(model), status);
  r.cacheable = false;
  return r;
}

}  // namespace

http::Response get_inbox_settings(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  notify::Inbox inbox(site.db);
  auto settings = inbox.settings(user_id(ctx));
  if (!settings) return error_page(site, req, ctx, http_status(settings.error().code()));
  return settings_page(site, req, ctx, *settings, 200, {});
}

// One radio group per category ("lab=daily", ...); a category left out keeps
// its setting, an unknown frequency re-shows the form with nothing saved.
http::Response post_inbox_settings(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  notify::Inbox inbox(site.db);
  auto settings = inbox.settings(user_id(ctx));
  if (!settings) return error_page(site, req, ctx, http_status(settings.error().code()));
  for (auto& [category, frequency] : *settings) {
    const auto value = form->get_or(notify::to_string(category), "");
    if (value.empty()) continue;
    auto parsed = notify::parse_frequency(value);
    if (!parsed) return settings_page(site, req, ctx, *settings, 400, "notifikasi.bad_frequency");
    frequency = *parsed;
  }
  if (auto saved = inbox.save_settings(user_id(ctx), *settings); !saved)
    return error_page(site, req, ctx, http_status(saved.error().code()));
  return http::Response::redirect(std::string(kSettingsPath) + "?pesan=disimpan", 303);
}

}  // namespace lumbung::web
