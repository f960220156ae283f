// The search synonym dictionary for curators: the list of groups with a
// filter, and the form to add, change or delete a group. Queries use the
// dictionary through SynonymService::dictionary(); a change shows in search on
// this node at once and on the others within SynonymService::kReloadSeconds.
#include <algorithm>

#include "core/ids.hpp"
#include "search/synonyms.hpp"
#include "web/format.hpp"
#include "web/url.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

constexpr const char *kListPath = "/kurasi/sinonim";

std::int64_t actor_id(http::RequestContext &ctx) {
  const auto &v = visitor(ctx);
  return v.user ? v.user->id : 0;
}

std::string group_path(std::int64_t id, const char *tail) {
  return std::string(kListPath) + "/" + std::to_string(id) + "/" + tail;
}

// The catalogue text of a field-error key; keys the shared catalogue lacks
// come from this area's "kurasi.<key>".
std::string error_text(const Site &site, const std::string &lang, const std::string &key) {
  const auto &text = site.catalog.text(lang, key);
  if (text != key) return text;
  return site.catalog.text(lang, "kurasi." + key);
}

std::string field_error(const Site &site, const std::string &lang, const std::optional<Error> &error,
                        const std::string &field) {
  if (!error) return {};
  for (const auto &f : error->fields())
    if (f.field == field) return error_text(site, lang, f.key);
  return {};
}

// The textarea's phrases: one per line or separated by commas, blanks dropped
// (the service normalises and checks them).
std::vector<std::string> split_phrases(const std::string &text) {
  std::vector<std::string> out;
  std::string current;
  auto flush = [&] {
    const auto b = current.find_first_not_of(" \t\r");
    if (b != std::string::npos) out.push_back(current.substr(b, current.find_last_not_of(" \t\r") - b + 1));
    current.clear();
  };
  for (char c : text) {
    if (c == '\n' || c == ',')
      flush();
    else
      current += c;
  }
  flush();
  return out;
}

std::string join(const std::vector<std::string> &phrases, const std::string &separator) {
  std::string out;
  for (const auto &p : phrases) out += (out.empty() ? "" : separator) + p;
  return out;
}

nlohmann::json base_model(http::RequestContext &ctx, const char *title_key) {
  const auto &v = visitor(ctx);
  return {{"title_key", title_key},
          {"is_admin", has_role(v, auth::Role::admin)},
          {"is_curator", has_role(v, auth::Role::curator)},
          {"tab_synonyms", true}};
}

// Whether any phrase (or the note) of `g` contains the normalised query.
bool matches(const directory::SynonymGroup &g, const std::string &query) {
  if (query.empty()) return true;
  for (const auto &p : g.phrases)
    if (p.find(query) != std::string::npos) return true;
  return search::normalize_phrase(g.note).find(query) != std::string::npos;
}

// The form of a new (id 0) or existing group. `phrases`/`note` are what the
// form shows: the stored values, or what was typed when re-shown after an
// error.
struct FormPage {
  std::int64_t id = 0;
  std::string phrases;
  std::string note;
  std::optional<Error> error;
  unsigned status = 200;
};

http::Response form_page(const Site &site, const http::Request &req, http::RequestContext &ctx, const FormPage &page) {
  const auto &lang = lang_of(ctx);
  auto model = base_model(ctx, page.id == 0 ? "kurasi.new_title" : "kurasi.edit_title");
  model["action"] = page.id == 0 ? std::string(kListPath) + "/baru" : group_path(page.id, "ubah");
  model["phrases_value"] = page.phrases;
  model["note_value"] = page.note;
  const auto phrases_error = field_error(site, lang, page.error, "phrases");
  const auto note_error = field_error(site, lang, page.error, "note");
  if (!phrases_error.empty()) model["phrases_error"] = phrases_error;
  if (!note_error.empty()) model["note_error"] = note_error;
  if (page.error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (page.id != 0) model["delete_action"] = group_path(page.id, "hapus");
  auto r = render_page(site, req, ctx, "kurasi/sinonim_ubah", std::move(model), page.status);
  r.cacheable = false;
  return r;
}

// The answer to a failed service call: the form again for invalid input,
// else the error page of its code.
http::Response failed(const Site &site, const http::Request &req, http::RequestContext &ctx, const Error &e,
                      FormPage page) {
  if (e.code() != ErrorCode::invalid) return error_page(site, req, ctx, http_status(e.code()));
  page.error = e;
  page.status = 400;
  return form_page(site, req, ctx, page);
}

}  // namespace

http::Response get_synonyms(const Site &site, const http::Request &req, http::RequestContext &ctx) {
  const auto &lang = lang_of(ctx);
  auto groups = site.synonyms.list();
  if (!groups) return error_page(site, req, ctx, http_status(groups.error().code()));
  const auto q = req.query.get_or("q", "");
  const auto query = search::normalize_phrase(q);
  nlohmann::json rows = nlohmann::json::array();
  for (const auto &g : *groups) {
    if (!matches(g, query)) continue;
    const std::string first = g.phrases.empty() ? std::to_string(g.id) : g.phrases.front();
    rows.push_back({{"id", g.id},
                    {"phrases", g.phrases},
                    {"note", g.note},
                    {"has_note", !g.note.empty()},
                    {"updated", g.updated_at == 0 ? site.catalog.text(lang, "kurasi.seeded")
                                                  : format_datetime(g.updated_at, lang)},
                    {"edit_url", group_path(g.id, "ubah")},
                    {"edit_label", fill(site.catalog.text(lang, "kurasi.edit_label"), {{"first", first}})},
                    {"delete_action", group_path(g.id, "hapus")},
                    {"delete_label", fill(site.catalog.text(lang, "kurasi.delete_label"), {{"first", first}})}});
  }
  auto model = base_model(ctx, "kurasi.synonyms_title");
  model["q"] = q;
  model["filtered"] = !query.empty();
  model["count"] = fill(site.catalog.text(lang, "kurasi.count"), {{"count", std::to_string(rows.size())}});
  if (rows.empty() && !query.empty()) model["no_match"] = fill(site.catalog.text(lang, "kurasi.no_match"), {{"q", q}});
  model["has_groups"] = !rows.empty();
  model["groups"] = std::move(rows);
  static const std::map<std::string, std::string> kNotices = {
      {"dibuat", "kurasi.notice.created"}, {"disimpan", "kurasi.notice.saved"}, {"dihapus", "kurasi.notice.removed"}};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end())
    model["notice"] = site.catalog.text(lang, it->second);
  // After a deletion: the deleted group, to add back with one button.
  if (req.query.get_or("pesan", "") == "dihapus" && !req.query.get_or("frasa", "").empty())
    model["undo"] = {{"phrases", req.query.get_or("frasa", "")}, {"note", req.query.get_or("catatan", "")}};
  auto r = render_page(site, req, ctx, "kurasi/sinonim", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response get_new_synonym(const Site &site, const http::Request &req, http::RequestContext &ctx) {
  return form_page(site, req, ctx, FormPage{});
}

http::Response post_new_synonym(const Site &site, const http::Request &req, http::RequestContext &ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  FormPage page{0, form->get_or("phrases", ""), form->get_or("note", "")};
  auto created = site.synonyms.create(actor_id(ctx), split_phrases(page.phrases), page.note);
  if (!created) return failed(site, req, ctx, created.error(), std::move(page));
  return http::Response::redirect(std::string(kListPath) + "?pesan=dibuat", 303);
}

http::Response get_edit_synonym(const Site &site, const http::Request &req, http::RequestContext &ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto group = site.synonyms.get(*id);
  if (!group) return error_page(site, req, ctx, http_status(group.error().code()));
  return form_page(site, req, ctx, FormPage{group->id, join(group->phrases, "\n"), group->note});
}

http::Response post_edit_synonym(const Site &site, const http::Request &req, http::RequestContext &ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  // A missing group is 404 whatever was typed.
  if (auto group = site.synonyms.get(*id); !group) return error_page(site, req, ctx, http_status(group.error().code()));
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  FormPage page{*id, form->get_or("phrases", ""), form->get_or("note", "")};
  auto updated = site.synonyms.update(actor_id(ctx), *id, split_phrases(page.phrases), page.note);
  if (!updated) return failed(site, req, ctx, updated.error(), std::move(page));
  return http::Response::redirect(std::string(kListPath) + "?pesan=disimpan", 303);
}

http::Response post_remove_synonym(const Site &site, const http::Request &req, http::RequestContext &ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto group = site.synonyms.get(*id);
  if (!group) return error_page(site, req, ctx, http_status(group.error().code()));
  auto removed = site.synonyms.remove(actor_id(ctx), *id);
  if (!removed) return error_page(site, req, ctx, http_status(removed.error().code()));
  // The list offers to add the group back (a deletion is one tap on a phone).
  return http::Response::redirect(std::string(kListPath) + "?pesan=dihapus&frasa=" +
                                      url_encode(join(group->phrases, ", ")) + "&catatan=" + url_encode(group->note),
                                  303);
}

void register_synonym_pages(http::Router &router, const Site &site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  const std::string curators = "role:curator,admin";
  // clang-format off
  // method  pattern                          handler                 access
  router.get("/kurasi/sinonim",               "get_synonyms",         curators, bind(get_synonyms));
  router.get("/kurasi/sinonim/baru",          "get_new_synonym",      curators, bind(get_new_synonym));
  router.post("/kurasi/sinonim/baru",         "post_new_synonym",     curators, bind(post_new_synonym));
  router.get("/kurasi/sinonim/{id}/ubah",     "get_edit_synonym",     curators, bind(get_edit_synonym));
  router.post("/kurasi/sinonim/{id}/ubah",    "post_edit_synonym",    curators, bind(post_edit_synonym));
  router.post("/kurasi/sinonim/{id}/hapus",   "post_remove_synonym",  curators, bind(post_remove_synonym));
  // clang-format on
}

}  // namespace lumbung::web
