// Validation campaigns (pemutakhiran) on the site. Curators list, create,
// open and close campaigns and follow them on a dashboard written the way
// ministries report ("2.355 dari 2.928 diperbarui (80%): 1.916 berlanjut,
// 429 berhenti"), by region and by source, with the overdue list. The people
// asked (region admins, unit participants) see their innovations at
// /validasi and answer each on one page: status, results and figures,
// evidence (a link or a file, stored as an attachment of the innovation),
// contact. The service checks who may answer what.
#include <algorithm>
#include <map>
#include <mutex>

#include "core/ids.hpp"
#include "validation/campaign_rules.hpp"
#include "validation/validation_service.hpp"
#include "web/editor_common.hpp"
#include "web/format.hpp"
#include "web/innovation_view.hpp"
#include "web/validation_common.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

constexpr const char* kCampaigns = "/kurasi/validasi";

std::mutex services_mutex;
std::map<const Site*, ValidationServices>& services_by_site() {
  static std::map<const Site*, ValidationServices> services;
  return services;
}

// The campaign service; the routes are registered only where it exists.
validation::ValidationService& campaigns(const Site& site) { return *validation_services(site).campaigns; }

// The catalogue text of a field-error key; shared keys missing from the shared
// catalogue come from this area's "validation.<key>".
std::string error_text(const Site& site, const std::string& lang, const std::string& key) {
  const auto& text = site.catalog.text(lang, key);
  if (text != key) return text;
  return site.catalog.text(lang, "validation." + key);
}

std::string field_error(const Site& site, const std::string& lang, const std::optional<Error>& error,
                        const std::string& field) {
  if (!error) return {};
  for (const auto& f : error->fields())
    if (f.field == field) return error_text(site, lang, f.key);
  return {};
}

std::string campaign_path(std::int64_t id, const char* tail = "") {
  return std::string(kCampaigns) + "/" + std::to_string(id) + tail;
}

std::string answer_path(std::int64_t campaign, std::int64_t innovation) {
  return "/validasi/" + std::to_string(campaign) + "/inovasi/" + std::to_string(innovation);
}

std::string n(std::int64_t value, const std::string& lang) { return validation::group_digits(value, lang); }

// "2.355 dari 2.928 diperbarui (80%): 1.916 berlanjut, 429 berhenti".
std::string progress_text(const Site& site, const std::string& lang, const validation::Progress& p) {
  return fill(text_of(site, lang, "validation.progress"), {{"answered", n(p.answered, lang)},
                                                           {"total", n(p.total, lang)},
                                                           {"percent", std::to_string(p.percent())},
                                                           {"continuing", n(p.continuing, lang)},
                                                           {"stopped", n(p.stopped, lang)}});
}

nlohmann::json progress_json(const Site& site, const std::string& lang, const validation::Progress& p) {
  return {{"label", p.label},
          {"total", n(p.total, lang)},
          {"answered", n(p.answered, lang)},
          {"percent", p.percent()},
          {"continuing", n(p.continuing, lang)},
          {"growing", n(p.growing, lang)},
          {"stopped", n(p.stopped, lang)},
          {"text", progress_text(site, lang, p)}};
}

std::string source_label(const Site& site, const std::string& lang, const std::string& source) {
  return source.empty() ? text_of(site, lang, "validation.any") : text_of(site, lang, "kosakata.source." + source);
}

nlohmann::json filter_json(const Site& site, const std::string& lang, const validation::CampaignFilter& f) {
  nlohmann::json out = nlohmann::json::array();
  if (!f.source.empty())
    out.push_back(
        {{"label", text_of(site, lang, "validation.field.source")}, {"value", source_label(site, lang, f.source)}});
  if (f.year != 0)
    out.push_back({{"label", text_of(site, lang, "validation.field.year")}, {"value", std::to_string(f.year)}});
  if (!f.region.empty())
    out.push_back({{"label", text_of(site, lang, "validation.field.region")}, {"value", f.region}});
  if (!f.unverified_since.empty())
    out.push_back({{"label", text_of(site, lang, "validation.field.unverified_since")}, {"value", f.unverified_since}});
  if (out.empty())
    out.push_back({{"label", text_of(site, lang, "validation.field.selection")},
                   {"value", text_of(site, lang, "validation.all_published")}});
  return out;
}

nlohmann::json campaign_json(const Site& site, const std::string& lang, const validation::Campaign& c) {
  return {{"id", c.id},
          {"title", c.title},
          {"deadline", c.deadline},
          {"state", c.state},
          {"state_label", text_of(site, lang, "validation.state." + c.state)},
          {"items", n(c.items, lang)},
          {"url", campaign_path(c.id)},
          {"filter", filter_json(site, lang, c.filter)}};
}

// ---- Campaign list and creation ------------------------------------------

http::Response get_campaigns(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto list = campaigns(site).list();
  if (!list) return validation_failure(site, req, ctx, "get_campaigns", list.error());
  auto model = curator_model(ctx, "validation.campaigns_title", "tab_validation");
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& c : *list) rows.push_back(campaign_json(site, lang, c));
  model["has_campaigns"] = !rows.empty();
  model["campaigns"] = std::move(rows);
  auto r = render_page(site, req, ctx, "validation/kampanye", std::move(model));
  r.cacheable = false;
  return r;
}

struct CampaignForm {
  validation::CampaignDraft draft;
  std::string year_text;
  std::optional<Error> error;
  unsigned status = 200;
};

http::Response campaign_form(const Site& site, const http::Request& req, http::RequestContext& ctx,
                             const CampaignForm& form) {
  const auto& lang = lang_of(ctx);
  auto model = curator_model(ctx, "validation.new_title", "tab_validation");
  model["action"] = std::string(kCampaigns) + "/baru";
  const auto& d = form.draft;
  model["fields"] = form_fields(
      site, lang,
      {{"title", "validation.field.title", "text", d.title, "off", "validation.field.title_hint", true},
       {"year", "validation.field.year", "text", form.year_text, "off", "validation.field.year_hint"},
       {"region", "validation.field.region", "text", d.filter.region, "off", "validation.field.region_hint"},
       {"unverified_since", "validation.field.unverified_since", "date", d.filter.unverified_since, "off",
        "validation.field.unverified_since_hint"},
       {"deadline", "validation.field.deadline", "date", d.deadline, "off", "validation.field.deadline_hint", true}},
      form.error);
  nlohmann::json sources = nlohmann::json::array();
  sources.push_back(
      {{"value", ""}, {"label", text_of(site, lang, "validation.any")}, {"selected", d.filter.source.empty()}});
  for (const char* s : {"kipp", "iga", "labinov", "lumbung"})
    sources.push_back({{"value", s}, {"label", source_label(site, lang, s)}, {"selected", d.filter.source == s}});
  model["sources"] = std::move(sources);
  if (auto e = field_error(site, lang, form.error, "source"); !e.empty()) model["source_error"] = e;
  // Field errors of shared keys missing from the shared catalogue.
  for (auto& f : model["fields"])
    if (f.contains("error") && f["error"].is_string()) {
      const auto text = f["error"].get<std::string>();
      if (text.rfind("error.", 0) == 0) f["error"] = error_text(site, lang, text);
    }
  if (form.error) model["alert"] = text_of(site, lang, "form.has_errors");
  auto r = render_page(site, req, ctx, "validation/kampanye_baru", std::move(model), form.status);
  r.cacheable = false;
  return r;
}

http::Response get_new_campaign(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return campaign_form(site, req, ctx, CampaignForm{});
}

http::Response post_new_campaign(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  CampaignForm page;
  page.draft.title = form->get_or("title", "");
  page.draft.deadline = form->get_or("deadline", "");
  page.draft.filter.source = form->get_or("source", "");
  page.draft.filter.region = form->get_or("region", "");
  page.draft.filter.unverified_since = form->get_or("unverified_since", "");
  page.year_text = form->get_or("year", "");
  if (!page.year_text.empty()) {
    auto year = parse_id(page.year_text);
    if (!year || *year > 9999) {
      page.error = Error(ErrorCode::invalid, "year", {{"year", "error.out_of_range"}});
      page.status = 400;
      return campaign_form(site, req, ctx, page);
    }
    page.draft.filter.year = static_cast<int>(*year);
  }
  auto created = campaigns(site).create_campaign(actor_of(req, ctx), page.draft);
  if (!created) {
    if (created.error().code() != ErrorCode::invalid)
      return validation_failure(site, req, ctx, "post_new_campaign", created.error());
    page.error = created.error();
    page.status = 400;
    return campaign_form(site, req, ctx, page);
  }
  return http::Response::redirect(campaign_path(created->id, "?pesan=dibuat"), 303);
}

// ---- Dashboard and transitions -------------------------------------------

http::Response get_campaign(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto d = campaigns(site).dashboard(actor_of(req, ctx), *id);
  if (!d) return validation_failure(site, req, ctx, "get_campaign", d.error());
  auto model = curator_model(ctx, "validation.dashboard_title", "tab_validation");
  model["title"] = d->campaign.title;
  model["campaign"] = campaign_json(site, lang, d->campaign);
  model["is_draft"] = d->campaign.state == "draft";
  model["is_open"] = d->campaign.state == "open";
  model["is_closed"] = d->campaign.state == "closed";
  if (d->campaign.state == "draft") {
    auto selected = campaigns(site).count_selected(d->campaign.filter);
    if (selected)
      model["selected_text"] = fill(text_of(site, lang, "validation.selected_now"), {{"count", n(*selected, lang)}});
  }
  model["open_action"] = campaign_path(*id, "/buka");
  model["close_action"] = campaign_path(*id, "/tutup");
  model["reopen_action"] = campaign_path(*id, "/buka-lagi");
  model["total"] = progress_json(site, lang, d->total);
  nlohmann::json regions = nlohmann::json::array(), sources = nlohmann::json::array(),
                 overdue = nlohmann::json::array();
  for (const auto& p : d->by_region) regions.push_back(progress_json(site, lang, p));
  for (auto p : d->by_source) {
    p.label = source_label(site, lang, p.key);
    sources.push_back(progress_json(site, lang, p));
  }
  for (const auto& it : d->overdue)
    overdue.push_back({{"name", it.innovation_name},
                       {"url", innovation_path(it.innovation_id, it.innovation_slug)},
                       {"region", it.region_name},
                       {"unit", it.unit_name},
                       {"source", source_label(site, lang, it.source_program)}});
  model["has_items"] = d->total.total > 0;
  model["by_region"] = std::move(regions);
  model["by_source"] = std::move(sources);
  model["has_overdue"] = !overdue.empty();
  model["overdue_title"] =
      text_of(site, lang, d->past_deadline ? "validation.overdue_title" : "validation.pending_title");
  model["overdue"] = std::move(overdue);
  static const std::map<std::string, std::string> kNotices = {{"dibuat", "validation.notice.created"},
                                                              {"dibuka", "validation.notice.opened"},
                                                              {"ditutup", "validation.notice.closed"}};
  if (auto it = kNotices.find(req.query.get_or("pesan", "")); it != kNotices.end())
    model["notice"] = text_of(site, lang, it->second);
  if (auto e = req.query.get_or("galat", ""); e == "tenggat")
    model["alert"] = text_of(site, lang, "validation.error.deadline_past");
  auto r = render_page(site, req, ctx, "validation/dasbor", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response transition(const Site& site, const http::Request& req, http::RequestContext& ctx, const char* action,
                          const char* notice) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto form = req.form();
  const std::string deadline = form ? form->get_or("deadline", "") : "";
  auto done = campaigns(site).transition(actor_of(req, ctx), *id, action, deadline);
  if (!done) {
    if (done.error().code() == ErrorCode::invalid)
      return http::Response::redirect(campaign_path(*id, "?galat=tenggat"), 303);
    return validation_failure(site, req, ctx, "campaign_transition", done.error());
  }
  return http::Response::redirect(campaign_path(*id, (std::string("?pesan=") + notice).c_str()), 303);
}

http::Response post_open_campaign(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return transition(site, req, ctx, "open", "dibuka");
}
http::Response post_close_campaign(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return transition(site, req, ctx, "close", "ditutup");
}
http::Response post_reopen_campaign(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  return transition(site, req, ctx, "reopen", "dibuka");
}

// ---- Respondents ------------------------------------------------------------

http::Response get_my_validation(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  std::int64_t campaign = 0;
  if (auto k = req.query.get("kampanye")) campaign = parse_id(*k).value_or(0);
  auto items = campaigns(site).inbox(actor_of(req, ctx), campaign);
  if (!items) return validation_failure(site, req, ctx, "get_my_validation", items.error());
  std::map<std::int64_t, std::string> titles;
  nlohmann::json rows = nlohmann::json::array();
  std::int64_t pending = 0;
  for (const auto& it : *items) {
    if (!titles.count(it.campaign_id)) {
      auto c = campaigns(site).get(it.campaign_id);
      titles[it.campaign_id] =
          c ? c->title + " · " + text_of(site, lang, "validation.deadline_short") + " " + c->deadline : "";
    }
    if (it.answered_at == 0) ++pending;
    rows.push_back(
        {{"name", it.innovation_name},
         {"campaign", titles[it.campaign_id]},
         {"region", it.region_name},
         {"unit", it.unit_name},
         {"answered", it.answered_at != 0},
         {"status_label", it.answered_at ? text_of(site, lang, "validation.status." + it.answer.status) : ""},
         {"url", answer_path(it.campaign_id, it.innovation_id)}});
  }
  auto model = nlohmann::json{{"title_key", "validation.inbox_title"}};
  model["has_items"] = !rows.empty();
  model["items"] = std::move(rows);
  model["count"] = fill(text_of(site, lang, "validation.inbox_count"),
                        {{"pending", n(pending, lang)}, {"total", n(static_cast<std::int64_t>(items->size()), lang)}});
  if (req.query.get_or("pesan", "") == "terkirim") model["notice"] = text_of(site, lang, "validation.notice.answered");
  auto r = render_page(site, req, ctx, "validation/kotak", std::move(model));
  r.cacheable = false;
  return r;
}

struct AnswerForm {
  validation::Answer answer;
  std::optional<Error> error;
  std::string alert;
  unsigned status = 200;
};

http::Response answer_page(const Site& site, const http::Request& req, http::RequestContext& ctx,
                           const validation::Item& item, const AnswerForm& form) {
  const auto& lang = lang_of(ctx);
  auto c = campaigns(site).get(item.campaign_id);
  if (!c) return validation_failure(site, req, ctx, "answer_page", c.error());
  auto innovation = site.innovations.get(item.innovation_id);
  if (!innovation) return validation_failure(site, req, ctx, "answer_page", innovation.error());
  nlohmann::json model{{"title_key", "validation.answer_title"}};
  model["action"] = answer_path(item.campaign_id, item.innovation_id);
  model["campaign"] = campaign_json(site, lang, *c);
  model["open"] = validation::accepts_answers(c->state);
  model["innovation"] = {{"name", innovation->name},
                         {"url", innovation_path(innovation->id, innovation->slug)},
                         {"region", innovation->region_name},
                         {"unit", innovation->unit_name},
                         {"source", source_label(site, lang, innovation->source_program)},
                         {"status", text_of(site, lang, "kosakata.status." + innovation->status)},
                         {"results", innovation->results},
                         {"verified", innovation->last_verified_at > 0 ? format_date(innovation->last_verified_at, lang)
                                                                       : text_of(site, lang, "profil.never_verified")}};
  const auto& a = form.answer;
  nlohmann::json statuses = nlohmann::json::array();
  for (const char* s : {"berlanjut", "berkembang", "berhenti"})
    statuses.push_back({{"value", s},
                        {"label", text_of(site, lang, std::string("validation.status.") + s)},
                        {"hint", text_of(site, lang, std::string("validation.status_hint.") + s)},
                        {"checked", a.status == s}});
  model["statuses"] = std::move(statuses);
  if (auto e = field_error(site, lang, form.error, "status"); !e.empty()) model["status_error"] = e;
  for (const char* f : {"results", "figures", "evidence_url", "contact_name", "contact_phone", "contact_email"})
    if (auto e = field_error(site, lang, form.error, f); !e.empty()) model[std::string(f) + "_error"] = e;
  model["results_value"] = a.results;
  model["figures_value"] = a.figures;
  model["evidence_url_value"] = a.evidence_url;
  model["contact_name_value"] = a.contact_name;
  model["contact_phone_value"] = a.contact_phone;
  model["contact_email_value"] = a.contact_email;
  if (a.evidence_attachment > 0) model["evidence_file_url"] = "/lampiran/" + std::to_string(a.evidence_attachment);
  if (item.answered_at > 0)
    model["answered_text"] =
        fill(text_of(site, lang, "validation.answered_at"), {{"when", format_datetime(item.answered_at, lang)}});
  if (form.error) model["alert"] = text_of(site, lang, "form.has_errors");
  if (!form.alert.empty()) model["alert"] = form.alert;
  auto r = render_page(site, req, ctx, "validation/jawab", std::move(model), form.status);
  r.cacheable = false;
  return r;
}

std::optional<std::pair<std::int64_t, std::int64_t>> answer_ids(const http::Request& req) {
  auto c = parse_id(req.path_params.at("id"));
  auto i = parse_id(req.path_params.at("innovation"));
  if (!c || !i) return std::nullopt;
  return std::make_pair(*c, *i);
}

http::Response get_answer(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto ids = answer_ids(req);
  if (!ids) return error_page(site, req, ctx, 404);
  auto item = campaigns(site).item(actor_of(req, ctx), ids->first, ids->second);
  if (!item) return validation_failure(site, req, ctx, "get_answer", item.error());
  AnswerForm form;
  form.answer = item->answer;
  if (item->answered_at == 0) {
    // A first answer starts from what the repository knows.
    auto i = site.innovations.get(item->innovation_id);
    if (i) {
      form.answer.results = i->results;
      form.answer.contact_name = i->contact_name;
      form.answer.contact_phone = i->contact_phone;
      form.answer.contact_email = i->contact_email;
    }
  }
  return answer_page(site, req, ctx, *item, form);
}

http::Response post_answer(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto ids = answer_ids(req);
  if (!ids) return error_page(site, req, ctx, 404);
  const auto actor = actor_of(req, ctx);
  // Someone else's innovation is refused before the body is read.
  auto item = campaigns(site).item(actor, ids->first, ids->second);
  if (!item) return validation_failure(site, req, ctx, "post_answer", item.error());
  // The form is multipart (with an optional evidence file) or urlencoded.
  std::map<std::string, std::string> fields;
  const http::Part* file = nullptr;
  std::optional<std::vector<http::Part>> parts;
  if (req.header("content-type").rfind("multipart/form-data", 0) == 0) {
    auto p = req.multipart();
    if (!p) return error_page(site, req, ctx, 400);
    parts = std::move(*p);
    for (const auto& part : *parts) {
      if (part.name == "evidence_file") {
        if (!part.data.empty()) file = &part;
      } else if (!fields.count(part.name)) {
        fields[part.name] = part.data;
      }
    }
  } else {
    auto form = req.form();
    if (!form) return error_page(site, req, ctx, 400);
    for (const auto& [k, v] : form->items())
      if (!fields.count(k)) fields[k] = v;
  }
  auto get = [&](const char* k) { return fields.count(k) ? fields[k] : std::string(); };
  AnswerForm form;
  form.answer.status = get("status");
  form.answer.results = get("results");
  form.answer.figures = get("figures");
  form.answer.evidence_url = get("evidence_url");
  form.answer.contact_name = get("contact_name");
  form.answer.contact_phone = get("contact_phone");
  form.answer.contact_email = get("contact_email");
  form.answer.evidence_attachment = item->answer.evidence_attachment;
  if (auto errors = validation::validate_answer(form.answer); !errors.empty()) {
    form.error = Error(ErrorCode::invalid, "answer", std::move(errors));
    form.status = 400;
    return answer_page(site, req, ctx, *item, form);
  }
  if (file) {
    auto added = editor::attachments(site).add(actor.user_id, item->innovation_id, file->filename, file->data,
                                               site.config.max_upload_bytes);
    if (!added) {
      if (added.error().code() != ErrorCode::invalid)
        return validation_failure(site, req, ctx, "post_answer", added.error());
      form.alert = added.error().fields().empty() ? text_of(site, lang, "form.has_errors")
                                                  : site.catalog.text(lang, added.error().fields().front().key);
      form.status = 400;
      return answer_page(site, req, ctx, *item, form);
    }
    form.answer.evidence_attachment = added->id;
  }
  auto answered = campaigns(site).answer(actor, ids->first, ids->second, form.answer);
  if (!answered) {
    if (answered.error().code() == ErrorCode::invalid) {
      form.error = answered.error();
      form.status = 400;
      return answer_page(site, req, ctx, *item, form);
    }
    if (answered.error().code() == ErrorCode::conflict) {
      form.alert = text_of(site, lang, "validation.error.not_open");
      form.status = 409;
      return answer_page(site, req, ctx, *item, form);
    }
    return validation_failure(site, req, ctx, "post_answer", answered.error());
  }
  return http::Response::redirect("/validasi?pesan=terkirim", 303);
}

}  // namespace

void attach_validation_services(const Site& site, ValidationServices services) {
  std::lock_guard lock(services_mutex);
  services_by_site()[&site] = services;
}

ValidationServices validation_services(const Site& site) {
  std::lock_guard lock(services_mutex);
  auto it = services_by_site().find(&site);
  return it == services_by_site().end() ? ValidationServices{} : it->second;
}

http::Handler bind_validation_page(const Site& site, PageHandler fn) {
  return [&site, fn](const http::Request& req, http::RequestContext& ctx) {
    const auto services = validation_services(site);
    if (!services.campaigns || !services.duplicates) return error_page(site, req, ctx, 503);
    return fn(site, req, ctx);
  };
}

void register_validation_pages(http::Router& router, const Site& site) {
  auto bind = [&site](PageHandler fn) { return bind_validation_page(site, fn); };
  const std::string curators = "role:curator,admin";
  // clang-format off
  // method  pattern                                   handler                  access
  router.get("/kurasi/validasi",                       "get_campaigns",         curators, bind(get_campaigns));
  router.get("/kurasi/validasi/baru",                  "get_new_campaign",      curators, bind(get_new_campaign));
  router.post("/kurasi/validasi/baru",                 "post_new_campaign",     curators, bind(post_new_campaign));
  router.get("/kurasi/validasi/{id}",                  "get_campaign",          curators, bind(get_campaign));
  router.post("/kurasi/validasi/{id}/buka",            "post_open_campaign",    curators, bind(post_open_campaign));
  router.post("/kurasi/validasi/{id}/tutup",           "post_close_campaign",   curators, bind(post_close_campaign));
  router.post("/kurasi/validasi/{id}/buka-lagi",       "post_reopen_campaign",  curators, bind(post_reopen_campaign));
  router.get("/validasi",                              "get_my_validation",     "user",   bind(get_my_validation));
  router.get("/validasi/{id}/inovasi/{innovation}",    "get_validation_answer", "user",   bind(get_answer));
  router.post("/validasi/{id}/inovasi/{innovation}",   "post_validation_answer", "user",  bind(post_answer));
  // clang-format on
}

}  // namespace lumbung::web
