// Review and publication (submit, publish, send back, archive, restore), the
// curators' review queue, the editor's own list, and the revision history
// with diffs.
#include <set>

#include "directory/innovation_rules.hpp"
#include "web/editor_common.hpp"
#include "web/format.hpp"
#include "web/url.hpp"

namespace lumbung::web {

using namespace editor;

namespace {

// One state-machine step from a form with {version, comment}.
http::Response transition(const Site& site, const http::Request& req, http::RequestContext& ctx,
                          directory::Action action, Need need, const char* done) {
  auto found = innovation_for(site, req, ctx, need);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& i = std::get<directory::Innovation>(found);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto version = parse_id(form->get_or("version", "")).value_or(-1);
  const auto comment = form->get_or("comment", "");
  auto result = site.innovations.transition(actor_id(ctx), i.id, version, action, comment);
  // What visitors see changed: this node's home page shows it at once (others within the TTL).
  if (result.ok()) {
    site.caches.home.invalidate();
    site.caches.regions.clear();
  }
  if (result)
    return http::Response::redirect("/inovasi/" + std::to_string(i.id) + "/ubah?pesan=" + std::string(done), 303);
  const auto& e = result.error();
  if (e.code() == ErrorCode::invalid) {
    EditPage page{&i, nullptr, e};
    page.status = 400;
    for (const auto& f : e.fields())
      if (f.field == "comment") page.comment_error_key = f.key;
    if (page.comment_error_key.empty()) page.alert_key = "editor.incomplete";
    if (!page.comment_error_key.empty()) page.alert_key = "editor.comment_required";
    return edit_page(site, req, ctx, page);
  }
  if (e.code() == ErrorCode::conflict) {
    const bool stale = version != i.version;
    const auto label = site.catalog.text(lang_of(ctx), "editor.state." + i.state);
    return error_page(site, req, ctx, 409, stale ? "editor.stale_action" : "editor.transition_conflict",
                      {{"state", label}, {"url", "/inovasi/" + std::to_string(i.id) + "/ubah"}});
  }
  return error_page(site, req, ctx, http_status(e.code()));
}

nlohmann::json innovation_row(const Site& site, const std::string& lang, const directory::Innovation& i) {
  return {{"id", i.id},
          {"name", i.name},
          {"region", i.region_name.empty() ? i.region_code : i.region_name},
          {"unit", i.unit_name},
          {"state", i.state},
          {"state_label", site.catalog.text(lang, "editor.state." + i.state)},
          {"updated", format_datetime(i.updated_at, lang)}};
}

std::string author_name(const Site& site, std::map<std::int64_t, std::string>& cache, std::int64_t id,
                        const std::string& lang) {
  if (id == 0) return site.catalog.text(lang, "editor.system");
  if (auto it = cache.find(id); it != cache.end()) return it->second;
  auto u = site.accounts.get_user(id);
  return cache[id] = u ? u->name : "#" + std::to_string(id);
}

}  // namespace

http::Response post_submit_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return transition(site, req, ctx, directory::Action::submit, Need::edit, "diajukan");
}
http::Response post_publish_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return transition(site, req, ctx, directory::Action::publish, Need::publish, "diterbitkan");
}
http::Response post_send_back_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return transition(site, req, ctx, directory::Action::send_back, Need::publish, "dikembalikan");
}
http::Response post_archive_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return transition(site, req, ctx, directory::Action::archive, Need::publish, "diarsipkan");
}
http::Response post_restore_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return transition(site, req, ctx, directory::Action::restore, Need::publish, "dipulihkan");
}

http::Response get_review_queue(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  directory::InnovationFilter filter;
  filter.state = "review";
  directory::PageRequest page{50, req.query.get_or("setelah", "")};
  auto list = site.innovations.list(filter, page);
  if (!list) {
    if (list.error().code() == ErrorCode::invalid) return error_page(site, req, ctx, 400);
    return error_page(site, req, ctx, http_status(list.error().code()));
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& i : list->items) rows.push_back(innovation_row(site, lang, i));
  nlohmann::json model = {{"title_key", "editor.queue_title"}, {"items", rows}};
  if (!list->next_cursor.empty()) model["next_page"] = "/kurasi/tinjauan?setelah=" + url_encode(list->next_cursor);
  auto r = render_page(site, req, ctx, "editor/tinjauan", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response get_my_innovations(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  const auto grants = grants_of(visitor(ctx));
  std::vector<directory::InnovationFilter> filters;
  if (may_publish(grants)) {
    for (const char* state : {"review", "draft"}) {
      directory::InnovationFilter f;
      f.state = state;
      filters.push_back(f);
    }
  }
  for (const auto& g : grants) {
    if (g.role != auth::Role::region_admin && g.role != auth::Role::participant) continue;
    directory::InnovationFilter f;
    f.state = "";
    if (g.scope.kind == auth::ScopeKind::region) f.region_code = g.scope.ref;
    else if (g.scope.kind == auth::ScopeKind::unit) f.unit_id = parse_id(g.scope.ref).value_or(-1);
    else continue;
    filters.push_back(f);
  }
  std::set<std::int64_t> seen;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& f : filters) {
    auto list = site.innovations.list(f, directory::PageRequest{100, ""});
    if (!list) continue;
    for (const auto& i : list->items)
      if (seen.insert(i.id).second && (may_edit(grants, i) || may_publish(grants)) && i.state != "archived")
        rows.push_back(innovation_row(site, lang, i));
  }
  const bool writer = has_role(visitor(ctx), auth::Role::participant) || has_role(visitor(ctx), auth::Role::region_admin) ||
                      has_role(visitor(ctx), auth::Role::curator);
  nlohmann::json model = {{"title_key", "editor.mine_title"}, {"items", rows}, {"can_create", writer}};
  auto r = render_page(site, req, ctx, "editor/inovasiku", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response get_innovation_history(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = innovation_for(site, req, ctx, Need::edit_or_publish);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& i = std::get<directory::Innovation>(found);
  const auto& lang = lang_of(ctx);
  auto revisions = site.innovations.revisions(i.id);
  if (!revisions) return error_page(site, req, ctx, http_status(revisions.error().code()));
  std::map<std::int64_t, std::string> names;
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& rev : *revisions)
    rows.push_back({{"version", rev.version},
                    {"url", "/inovasi/" + std::to_string(i.id) + "/riwayat/" + std::to_string(rev.version)},
                    {"author", author_name(site, names, rev.author_user_id, lang)},
                    {"at", format_datetime(rev.created_at, lang)},
                    {"action", site.catalog.text(lang, "editor.action." + rev.action)},
                    {"comment", rev.comment}});
  nlohmann::json model = {{"title", site.catalog.text(lang, "editor.history_title") + ": " + i.name},
                          {"id", i.id},
                          {"name", i.name},
                          {"revisions", rows}};
  auto r = render_page(site, req, ctx, "editor/riwayat", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response get_innovation_revision(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = innovation_for(site, req, ctx, Need::edit_or_publish);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& i = std::get<directory::Innovation>(found);
  const auto& lang = lang_of(ctx);
  auto version = parse_id(req.path_params.at("version"));
  if (!version) return error_page(site, req, ctx, 404);
  auto revisions = site.innovations.revisions(i.id);
  if (!revisions) return error_page(site, req, ctx, http_status(revisions.error().code()));
  const directory::Revision* rev = nullptr;
  const directory::Revision* before = nullptr;
  for (const auto& r : *revisions) {
    if (r.version == *version) rev = &r;
    else if (r.version < *version && (!before || r.version > before->version)) before = &r;
  }
  if (!rev) return error_page(site, req, ctx, 404);
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& c : directory::diff_revisions(before ? before->snapshot_json : "{}", rev->snapshot_json)) {
    const auto label_key = "editor.field." + c.field;
    const auto& label = site.catalog.text(lang, label_key);
    changes.push_back({{"field", label == label_key ? c.field : label}, {"before", c.before}, {"after", c.after}});
  }
  std::map<std::int64_t, std::string> names;
  nlohmann::json model = {{"title", site.catalog.text(lang, "editor.revision_title") + " " + std::to_string(*version) + ": " + i.name},
                          {"id", i.id},
                          {"name", i.name},
                          {"version", rev->version},
                          {"previous", before ? nlohmann::json(before->version) : nlohmann::json(false)},
                          {"author", author_name(site, names, rev->author_user_id, lang)},
                          {"at", format_datetime(rev->created_at, lang)},
                          {"action", site.catalog.text(lang, "editor.action." + rev->action)},
                          {"comment", rev->comment},
                          {"changes", changes}};
  auto r = render_page(site, req, ctx, "editor/revisi", std::move(model));
  r.cacheable = false;
  return r;
}

}  // namespace lumbung::web
