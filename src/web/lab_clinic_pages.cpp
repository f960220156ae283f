// Coaching clinics of a lab: the sessions held (date, mode, attendees, notes,
// follow-up actions with owners and due dates) and the form a coach or the
// organiser records one with.
#include "core/ids.hpp"
#include "web/innovation_view.hpp"
#include "web/lab_view.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

using namespace lab;

constexpr int kActionRows = 3;

http::Response clinic_page(const Site& site, const http::Request& req, http::RequestContext& ctx, std::int64_t id,
                           const http::Params* typed, const std::optional<Error>& error) {
  const auto& lang = lang_of(ctx);
  const auto actor = actor_of(req, ctx);
  auto view = site.labs->open_lab(actor, id);
  if (!view) return failure_page(site, req, ctx, view.error());
  auto clinics = site.labs->clinics(actor, id);
  if (!clinics) return failure_page(site, req, ctx, clinics.error());
  const auto value = [&](const std::string& k) { return typed ? typed->get_or(k, "") : std::string(); };
  const auto errors = field_messages(site, lang, error);
  const auto err = [&](const std::string& k) { return errors.contains(k) ? errors.at(k) : nlohmann::json(false); };
  nlohmann::json list = nlohmann::json::array();
  for (const auto& c : *clinics) {
    nlohmann::json actions = nlohmann::json::array();
    for (const auto& a : c.actions)
      actions.push_back({{"action", a.action}, {"owner", a.owner}, {"due", format_iso_date(a.due, lang)}});
    list.push_back({{"held_on", format_iso_date(c.held_on, lang)},
                    {"mode", site.catalog.text(lang, "lab.mode." + c.mode)},
                    {"unit", c.unit_id == 0 ? site.catalog.text(lang, "lab.clinic.whole_lab") : c.unit_name},
                    {"attendees", c.attendees},
                    {"notes", c.notes},
                    {"actions", actions},
                    {"has_actions", !actions.empty()}});
  }
  nlohmann::json model = {{"title", view->lab.name + " · " + site.catalog.text(lang, "lab.tab.clinics")},
                          {"lab", lab_header(site, lang, *view, "clinics")},
                          {"clinics", list},
                          {"has_clinics", !list.empty()}};
  const bool may_record = view->access.organizer || !view->access.coached_units.empty();
  if (may_record) {
    nlohmann::json units = nlohmann::json::array();
    units.push_back({{"id", 0},
                     {"name", site.catalog.text(lang, "lab.clinic.whole_lab")},
                     {"selected", value("unit_id").empty() || value("unit_id") == "0"}});
    for (const auto& u : view->units)
      if (view->access.gates(u.unit_id))
        units.push_back(
            {{"id", u.unit_id}, {"name", u.unit_name}, {"selected", value("unit_id") == std::to_string(u.unit_id)}});
    nlohmann::json modes = nlohmann::json::array();
    for (const char* m : {"luring", "daring", "hybrid"})
      modes.push_back({{"value", m},
                       {"label", site.catalog.text(lang, std::string("lab.mode.") + m)},
                       {"selected", value("mode") == m}});
    nlohmann::json actions = nlohmann::json::array();
    for (int i = 1; i <= kActionRows; ++i) {
      const auto p = "actions_" + std::to_string(i) + "_";
      nlohmann::json row_error = false;
      for (const char* f : {"action", "owner", "due"})
        if (err(p + f).is_string()) row_error = err(p + f);
      actions.push_back({{"n", i},
                         {"action", value(p + "action")},
                         {"owner", value(p + "owner")},
                         {"due", value(p + "due")},
                         {"error", row_error}});
    }
    model["form"] = {{"action", lab_path(id, "klinik")},
                     {"units", units},
                     {"modes", modes},
                     {"held_on", value("held_on")},
                     {"held_on_error", err("held_on")},
                     {"attendees", value("attendees")},
                     {"attendees_error", err("attendees")},
                     {"notes", value("notes")},
                     {"notes_error", err("notes")},
                     {"actions", actions}};
  }
  if (error) model["alert"] = site.catalog.text(lang, "form.has_errors");
  if (req.query.get_or("pesan", "") == "dicatat") model["notice"] = site.catalog.text(lang, "lab.notice.clinic");
  auto r = render_page(site, req, ctx, "lab/klinik", std::move(model), error ? 400 : 200);
  r.cacheable = false;
  return r;
}

}  // namespace

http::Response get_lab_clinics(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  return clinic_page(site, req, ctx, *id, nullptr, std::nullopt);
}

http::Response post_lab_clinic(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  auto form = req.form();
  if (!form) return error_page(site, req, ctx, 400);
  labs::Clinic c;
  c.unit_id = parse_id(form->get_or("unit_id", "")).value_or(0);
  c.held_on = form->get_or("held_on", "");
  c.mode = form->get_or("mode", "");
  c.attendees = form->get_or("attendees", "");
  c.notes = form->get_or("notes", "");
  std::vector<int> rows;
  for (int i = 1; i <= kActionRows; ++i) {
    const auto p = "actions_" + std::to_string(i) + "_";
    labs::ClinicAction a{form->get_or(p + "action", ""), form->get_or(p + "owner", ""), form->get_or(p + "due", "")};
    if (a.action.empty() && a.owner.empty() && a.due.empty()) continue;
    c.actions.push_back(a);
    rows.push_back(i);
  }
  auto recorded = site.labs->record_clinic(actor_of(req, ctx), *id, c);
  if (!recorded) {
    if (recorded.error().code() != ErrorCode::invalid) return failure_page(site, req, ctx, recorded.error());
    // Action errors name the n-th filled row; the form shows them at the row typed in.
    std::vector<FieldError> fields;
    for (auto f : recorded.error().fields()) {
      if (f.field.rfind("actions_", 0) == 0) {
        const auto rest = f.field.substr(8);
        const auto n = parse_id(rest.substr(0, rest.find('_')));
        if (n && *n >= 1 && static_cast<std::size_t>(*n) <= rows.size())
          f.field = "actions_" + std::to_string(rows[static_cast<std::size_t>(*n - 1)]) + rest.substr(rest.find('_'));
      }
      fields.push_back(f);
    }
    return clinic_page(site, req, ctx, *id, &*form, Error(ErrorCode::invalid, recorded.error().message(), fields));
  }
  return http::Response::redirect(lab_path(*id, "klinik") + "?pesan=dicatat", 303);
}

}  // namespace lumbung::web
