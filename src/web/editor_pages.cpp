// Writing innovations: the profile form (new and edit, with optimistic
// locking), and the route table of the editor. Review, history and the
// editor's lists are in editor_review.cpp; attachments in attachment_pages.cpp.
#include <algorithm>
#include <charconv>
#include <set>

#include "directory/demo_text.hpp"
#include "web/attachment_views.hpp"
#include "web/editor_common.hpp"
#include "web/editor_form.hpp"
#include "web/format.hpp"
#include "web/search_pages.hpp"

namespace lumbung::web {

// editor_review.cpp
http::Response post_submit_innovation(const Site&, const http::Request&, http::RequestContext&);
http::Response post_publish_innovation(const Site&, const http::Request&, http::RequestContext&);
http::Response post_send_back_innovation(const Site&, const http::Request&, http::RequestContext&);
http::Response post_archive_innovation(const Site&, const http::Request&, http::RequestContext&);
http::Response post_restore_innovation(const Site&, const http::Request&, http::RequestContext&);
http::Response get_review_queue(const Site&, const http::Request&, http::RequestContext&);
http::Response get_my_innovations(const Site&, const http::Request&, http::RequestContext&);
http::Response get_innovation_history(const Site&, const http::Request&, http::RequestContext&);
http::Response get_innovation_revision(const Site&, const http::Request&, http::RequestContext&);
// attachment_pages.cpp
http::Response post_attachment(const Site&, const http::Request&, http::RequestContext&);
http::Response get_attachment(const Site&, const http::Request&, http::RequestContext&);
http::Response get_attachment_thumb(const Site&, const http::Request&, http::RequestContext&);
http::Response post_attachment_remove(const Site&, const http::Request&, http::RequestContext&);

namespace editor {

std::string error_text(const Site& site, const std::string& lang, const std::string& key) {
  const auto& text = site.catalog.text(lang, key);
  if (text != key) return text;
  return site.catalog.text(lang, "editor." + key);
}

std::variant<directory::Innovation, http::Response> innovation_for(const Site& site, const http::Request& req,
                                                                    http::RequestContext& ctx, Need need) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto found = site.innovations.get(*id);
  if (!found) return error_page(site, req, ctx, http_status(found.error().code()));
  const auto grants = grants_of(visitor(ctx));
  const bool edit = may_edit(grants, *found);
  const bool publish = may_publish(grants);
  bool allowed = need == Need::edit ? edit : need == Need::publish ? publish : (edit || publish);
  if (allowed) return std::move(*found);
  if (!may_see(grants, *found) && !publish) return error_page(site, req, ctx, 404);
  return error_page(site, req, ctx, 403);
}

directory::AttachmentService attachments(const Site& site) {
  return directory::AttachmentService(site.db, site.innovations.clock(), site.files_dir(), make_thumbnail);
}

}  // namespace editor

namespace {

using namespace editor;

// The form's values from a stored draft.
std::map<std::string, std::string> values_of(const directory::InnovationDraft& d) {
  return {{"name", d.name},
          {"summary", d.summary},
          {"problem", d.problem},
          {"solution", d.solution},
          {"novelty", d.novelty},
          {"beneficiaries", d.beneficiaries},
          {"results", d.results},
          {"region_code", d.region_code},
          {"unit_id", d.unit_id > 0 ? std::to_string(d.unit_id) : ""},
          {"unit_name", d.unit_id > 0 ? "" : d.unit_name},
          {"sector", d.sector},
          {"form", d.form},
          {"digital", d.digital ? "1" : "0"},
          {"stage", d.stage},
          {"initiator", d.initiator},
          {"trial_date", d.trial_date},
          {"implementation_date", d.implementation_date},
          {"budget_text", d.budget_text},
          {"budget_amount", d.budget_amount > 0 ? std::to_string(d.budget_amount) : ""},
          {"funding_source", d.funding_source},
          {"contact_name", d.contact_name},
          {"contact_email", d.contact_email},
          {"contact_phone", d.contact_phone},
          {"year_started", d.year_started > 0 ? std::to_string(d.year_started) : ""},
          {"status", d.status}};
}

std::map<std::string, std::string> values_of(const http::Params& form) {
  std::map<std::string, std::string> out;
  for (const auto& name : profile_field_names()) out[name] = form.get_or(name, "");
  return out;
}

struct FieldDef {
  const char* name;
  const char* kind;        // text, textarea, select, date, email, tel, number, digital
  const char* vocab = "";  // select: stage, form, initiator, status, unit
  bool required = false;
  const char* hint = "";
};

struct GroupDef {
  const char* legend_key;
  std::vector<FieldDef> fields;
};

const std::vector<GroupDef>& groups() {
  static const std::vector<GroupDef> g = {
      {"editor.group_profile",
       {{"name", "text", "", true},
        {"summary", "textarea", "", false, "editor.hint.summary"},
        {"problem", "textarea", "", false, "editor.hint.problem"},
        {"solution", "textarea", "", false, "editor.hint.solution"},
        {"novelty", "textarea"},
        {"beneficiaries", "textarea"},
        {"results", "textarea", "", false, "editor.hint.results"}}},
      {"editor.group_place",
       {{"region_code", "text", "", true, "editor.hint.region_code"},
        {"unit_id", "select", "unit"},
        {"unit_name", "text", "", false, "editor.hint.unit_name"}}},
      {"editor.group_kind",
       {{"sector", "text", "", false, "editor.hint.sector"},
        {"form", "select", "form"},
        {"digital", "digital"},
        {"stage", "select", "stage"},
        {"initiator", "select", "initiator"},
        {"status", "select", "status"},
        {"year_started", "number"}}},
      {"editor.group_time", {{"trial_date", "date"}, {"implementation_date", "date"}}},
      {"editor.group_cost",
       {{"budget_text", "text", "", false, "editor.hint.budget_text"},
        {"budget_amount", "number", "", false, "editor.hint.budget_amount"},
        {"funding_source", "text"}}},
      {"editor.group_contact", {{"contact_name", "text"}, {"contact_email", "email"}, {"contact_phone", "tel"}}},
  };
  return g;
}

const std::vector<std::string>& vocab(const std::string& name) {
  if (name == "stage") return stage_keys();
  if (name == "form") return form_keys();
  if (name == "initiator") return initiator_keys();
  return status_keys();
}

nlohmann::json form_groups(const Site& site, const std::string& lang, const std::map<std::string, std::string>& values,
                           const std::vector<directory::Unit>& units, const std::optional<Error>& error) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& g : groups()) {
    nlohmann::json fields = nlohmann::json::array();
    for (const auto& f : g.fields) {
      const std::string name = f.name;
      const std::string value = values.count(name) ? values.at(name) : "";
      std::string message;
      if (error)
        for (const auto& fe : error->fields())
          if (fe.field == name) {
            message = error_text(site, lang, fe.key);
            break;
          }
      nlohmann::json field = {{"name", name},
                              {"label", site.catalog.text(lang, "editor.field." + name)},
                              {"value", value},
                              {"required", f.required},
                              {"error", message.empty() ? nlohmann::json(false) : nlohmann::json(message)},
                              {"hint", *f.hint ? nlohmann::json(site.catalog.text(lang, f.hint)) : nlohmann::json(false)}};
      const std::string kind = f.kind;
      if (kind == "textarea") {
        field["textarea"] = true;
      } else if (kind == "select" || kind == "digital") {
        nlohmann::json options = nlohmann::json::array();
        if (kind == "digital") {
          options.push_back({{"value", "0"}, {"label", site.catalog.text(lang, "editor.digital.no")}, {"selected", value != "1"}});
          options.push_back({{"value", "1"}, {"label", site.catalog.text(lang, "editor.digital.yes")}, {"selected", value == "1"}});
        } else if (std::string(f.vocab) == "unit") {
          options.push_back({{"value", ""}, {"label", site.catalog.text(lang, "editor.unit_none")}, {"selected", value.empty()}});
          for (const auto& u : units)
            options.push_back({{"value", std::to_string(u.id)}, {"label", u.name}, {"selected", value == std::to_string(u.id)}});
        } else {
          if (std::string(f.vocab) != "status")
            options.push_back({{"value", ""}, {"label", site.catalog.text(lang, "editor.choose")}, {"selected", value.empty()}});
          for (const auto& key : vocab(f.vocab))
            options.push_back({{"value", key},
                               {"label", site.catalog.text(lang, std::string("editor.") + f.vocab + "." + key)},
                               {"selected", value == key}});
        }
        field["select"] = true;
        field["options"] = options;
      } else {
        field["input"] = true;
        field["type"] = kind == "number" ? "text" : kind;
        if (kind == "number") field["numeric"] = true;
        if (name == "sector") field["list"] = "sector-list";
      }
      fields.push_back(std::move(field));
    }
    out.push_back({{"legend", site.catalog.text(lang, g.legend_key)}, {"fields", fields}});
  }
  return out;
}

nlohmann::json sector_options() {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& s : directory::demo::sectors()) out.push_back(s.key);
  return out;
}

std::vector<directory::Unit> units_of(const Site& site, const std::string& region_code) {
  if (region_code.empty()) return {};
  auto units = site.innovations.units(region_code);
  return units ? *units : std::vector<directory::Unit>{};
}

// The region (and unit) a new innovation starts in, from the visitor's grants.
std::pair<std::string, std::int64_t> home_place(const Site& site, const Visitor& v) {
  for (const auto& g : grants_of(v)) {
    if (g.scope.kind == auth::ScopeKind::region &&
        (g.role == auth::Role::region_admin || g.role == auth::Role::participant))
      return {g.scope.ref, 0};
  }
  for (const auto& g : grants_of(v)) {
    if (g.scope.kind == auth::ScopeKind::unit && g.role == auth::Role::participant)
      if (auto id = parse_id(g.scope.ref))
        if (auto unit = site.innovations.unit(*id, 1)) return {unit->unit.region_code, *id};
  }
  return {"", 0};
}

http::Response new_form(const Site& site, const http::Request& req, http::RequestContext& ctx,
                        const std::map<std::string, std::string>& values, const std::optional<Error>& error,
                        unsigned status) {
  const auto& lang = lang_of(ctx);
  const auto region = values.count("region_code") ? values.at("region_code") : "";
  nlohmann::json model = {{"title_key", "editor.new_title"},
                          {"heading", site.catalog.text(lang, "editor.new_title")},
                          {"action", "/inovasi/baru"},
                          {"groups", form_groups(site, lang, values, units_of(site, region), error)},
                          {"sectors", sector_options()},
                          {"version", 0}};
  if (error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  auto r = render_page(site, req, ctx, "editor/ubah", std::move(model), status);
  r.cacheable = false;
  return r;
}

}  // namespace

namespace editor {

http::Response edit_page(const Site& site, const http::Request& req, http::RequestContext& ctx, const EditPage& page) {
  const auto& lang = lang_of(ctx);
  const auto& i = *page.innovation;
  const auto grants = grants_of(visitor(ctx));
  auto values = page.form ? values_of(*page.form) : values_of(i);
  const bool publish = may_publish(grants);
  const bool edit = may_edit(grants, i);
  nlohmann::json model = {
      {"title", site.catalog.text(lang, "editor.edit_title") + ": " + i.name},
      {"heading", i.name},
      {"action", "/inovasi/" + std::to_string(i.id) + "/ubah"},
      {"id", i.id},
      {"version", i.version},
      {"editing", true},
      {"state", i.state},
      {"state_label", site.catalog.text(lang, "editor.state." + i.state)},
      {"published", i.state == "published"},
      {"archived", i.state == "archived"},
      {"updated", format_datetime(i.updated_at, lang)},
      {"groups", form_groups(site, lang, values, units_of(site, values["region_code"]), page.error)},
      {"sectors", sector_options()},
      {"can_submit", edit && i.state == "draft"},
      {"can_review", publish && i.state == "review"},
      {"can_archive", publish && i.state == "published"},
      {"can_restore", publish && i.state == "archived"},
      {"can_upload", edit && i.state != "archived"},
      {"attachments", attachment_json(site, lang, attachments_for(site, i.id, true), edit && i.state != "archived")}};
  if (!i.review_comment.empty() && i.state == "draft") model["review_comment"] = i.review_comment;
  // Curators keep the repository free of duplicates: show them published records very like this one
  // (compared by text, so drafts and records in review get candidates too).
  if (has_role(visitor(ctx), auth::Role::curator)) {
    auto duplicates = duplicate_candidates(site, ctx.request_id, i, kDuplicateCandidates, kDuplicateScore);
    if (!duplicates.empty()) model["duplicates"] = {{"items", std::move(duplicates)}};
  }
  if (!page.alert_key.empty()) model["alert"] = site.catalog.text(lang, page.alert_key);
  else if (page.error && page.error->code() == ErrorCode::invalid && page.comment_error_key.empty())
    model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (!page.notice_key.empty()) model["notice"] = site.catalog.text(lang, page.notice_key);
  if (!page.comment_error_key.empty()) model["comment_error"] = error_text(site, lang, page.comment_error_key);
  if (page.form) model["comment_value"] = page.form->get_or("comment", "");
  // A stale save: what is stored now beside what they typed.
  if (page.form && page.status == 409 && i.state != "archived") {
    nlohmann::json changes = nlohmann::json::array();
    auto current = values_of(i);
    for (const auto& name : profile_field_names())
      if (current[name] != values[name])
        changes.push_back({{"label", site.catalog.text(lang, "editor.field." + name)},
                           {"current", current[name]},
                           {"yours", values[name]}});
    model["conflict"] = {{"changes", changes}, {"has_changes", !changes.empty()}};
  }
  auto r = render_page(site, req, ctx, "editor/ubah", std::move(model), page.status);
  r.cacheable = false;
  return r;
}

}  // namespace editor

http::Response get_new_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto [region, unit] = home_place(site, visitor(ctx));
  directory::InnovationDraft d;
  d.region_code = region;
  d.unit_id = unit;
  return new_form(site, req, ctx, values_of(d), std::nullopt, 200);
}

http::Response post_new_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto parsed = parse_profile_form(*form, directory::InnovationDraft{});
  const auto grants = grants_of(visitor(ctx));
  if (parsed.draft.region_code.empty() && !may_publish(grants) &&
      std::none_of(parsed.errors.begin(), parsed.errors.end(), [](const FieldError& e) { return e.field == "region_code"; }))
    parsed.errors.push_back({"region_code", "error.required"});
  if (!parsed.errors.empty())
    return new_form(site, req, ctx, values_of(*form), Error(ErrorCode::invalid, "new_innovation: invalid", parsed.errors), 400);
  if (!may_write_in(grants, parsed.draft.region_code, parsed.draft.unit_id))
    return error_page(site, req, ctx, 403, "editor.not_your_region");
  auto created = site.innovations.create_draft(actor_id(ctx), parsed.draft);
  if (!created) {
    if (created.error().code() == ErrorCode::invalid)
      return new_form(site, req, ctx, values_of(*form), created.error(), 400);
    return error_page(site, req, ctx, http_status(created.error().code()));
  }
  return http::Response::redirect("/inovasi/" + std::to_string(created->id) + "/ubah?pesan=dibuat", 303);
}

http::Response get_edit_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = innovation_for(site, req, ctx, Need::edit);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& i = std::get<directory::Innovation>(found);
  static const std::map<std::string, std::string> kNotices = {
      {"dibuat", "editor.notice.created"},    {"disimpan", "editor.notice.saved"},
      {"diajukan", "editor.notice.submitted"}, {"diterbitkan", "editor.notice.published"},
      {"dikembalikan", "editor.notice.sent_back"}, {"diarsipkan", "editor.notice.archived"},
      {"dipulihkan", "editor.notice.restored"}, {"lampiran", "editor.notice.uploaded"},
      {"lampiran-dihapus", "editor.notice.attachment_removed"}};
  EditPage page{&i};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end()) page.notice_key = it->second;
  if (i.state == "archived") page.alert_key = "editor.archived_locked";
  return edit_page(site, req, ctx, page);
}

http::Response post_edit_innovation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto found = innovation_for(site, req, ctx, Need::edit);
  if (auto* r = std::get_if<http::Response>(&found)) return std::move(*r);
  const auto& i = std::get<directory::Innovation>(found);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  auto parsed = parse_profile_form(*form, i);
  const auto grants = grants_of(visitor(ctx));
  if (parsed.draft.region_code.empty() && !may_publish(grants) &&
      std::none_of(parsed.errors.begin(), parsed.errors.end(), [](const FieldError& e) { return e.field == "region_code"; }))
    parsed.errors.push_back({"region_code", "error.required"});
  if (!parsed.errors.empty()) {
    EditPage page{&i, &*form, Error(ErrorCode::invalid, "edit_innovation: invalid", parsed.errors)};
    page.status = 400;
    return edit_page(site, req, ctx, page);
  }
  // Moving it: the new place must be theirs too.
  if (!may_write_in(grants, parsed.draft.region_code, parsed.draft.unit_id))
    return error_page(site, req, ctx, 403, "editor.not_your_region");
  auto updated = site.innovations.update(actor_id(ctx), i.id, parsed.version == 0 ? -1 : parsed.version,
                                         parsed.draft);
  if (updated) return http::Response::redirect("/inovasi/" + std::to_string(i.id) + "/ubah?pesan=disimpan", 303);
  const auto& e = updated.error();
  if (e.code() == ErrorCode::invalid) {
    EditPage page{&i, &*form, e};
    page.status = 400;
    return edit_page(site, req, ctx, page);
  }
  if (e.code() == ErrorCode::conflict) {
    // Show the stored version now, and keep what they typed.
    auto now = site.innovations.get(i.id);
    const auto& current = now ? *now : i;
    EditPage page{&current, &*form};
    page.status = 409;
    page.alert_key = current.state == "archived" ? "editor.archived_locked" : "editor.stale";
    return edit_page(site, req, ctx, page);
  }
  return error_page(site, req, ctx, http_status(e.code()));
}

void register_editor_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_page(site, fn); };
  const std::string writers = "role:participant,region_admin,curator,admin";
  const std::string curators = "role:curator,admin";
  using boost::beast::http::verb;
  // clang-format off
  // method  pattern                                handler                       access
  router.get("/inovasi/baru",                       "get_new_innovation",         writers, bind(get_new_innovation));
  router.post("/inovasi/baru",                      "post_new_innovation",        writers, bind(post_new_innovation));
  router.get("/inovasi/{id}/ubah",                  "get_edit_innovation",        "user",  bind(get_edit_innovation));
  router.post("/inovasi/{id}/ubah",                 "post_edit_innovation",       "user",  bind(post_edit_innovation));
  router.post("/inovasi/{id}/ajukan",               "post_submit_innovation",     "user",  bind(post_submit_innovation));
  router.post("/inovasi/{id}/terbitkan",            "post_publish_innovation",    "user",  bind(post_publish_innovation));
  router.post("/inovasi/{id}/kembalikan",           "post_send_back_innovation",  "user",  bind(post_send_back_innovation));
  router.post("/inovasi/{id}/arsipkan",             "post_archive_innovation",    "user",  bind(post_archive_innovation));
  router.post("/inovasi/{id}/pulihkan",             "post_restore_innovation",    "user",  bind(post_restore_innovation));
  router.get("/inovasi/{id}/riwayat",               "get_innovation_history",     "user",  bind(get_innovation_history));
  router.get("/inovasi/{id}/riwayat/{version}",     "get_innovation_revision",    "user",  bind(get_innovation_revision));
  router.get("/inovasiku",                          "get_my_innovations",         "user",  bind(get_my_innovations));
  router.get("/kurasi/tinjauan",                    "get_review_queue",           curators, bind(get_review_queue));
  router.add(http::Route{verb::post, "/inovasi/{id}/lampiran", "post_attachment", "user", bind(post_attachment), /*upload=*/true});
  router.get("/lampiran/{id}",                      "get_attachment",             "public", bind(get_attachment));
  router.get("/lampiran/{id}/thumb",                "get_attachment_thumb",       "public", bind(get_attachment_thumb));
  router.post("/lampiran/{id}/hapus",               "post_attachment_remove",     "user",  bind(post_attachment_remove));
  // clang-format on
}

}  // namespace lumbung::web
