#include "web/competition_view.hpp"

#include "core/ids.hpp"
#include "web/innovation_view.hpp"

namespace lumbung::web::comp {

std::string competition_path(std::int64_t id, const std::string& tail) {
  return "/kompetisi/" + std::to_string(id) + (tail.empty() ? "" : "/" + tail);
}

std::string entry_path(std::int64_t competition_id, std::int64_t entry_id, const std::string& tail) {
  return competition_path(competition_id, "proposal/" + std::to_string(entry_id)) + (tail.empty() ? "" : "/" + tail);
}

std::string manage_path(std::int64_t id, const std::string& tail) {
  return "/kurasi/kompetisi/" + std::to_string(id) + (tail.empty() ? "" : "/" + tail);
}

std::string message(const Site& site, const std::string& lang, const std::string& key) {
  const auto& text = site.catalog.text(lang, key);
  if (text != key) return text;
  return site.catalog.text(lang, "competition." + key);
}

nlohmann::json field_messages(const Site& site, const std::string& lang, const std::optional<Error>& error) {
  nlohmann::json out = nlohmann::json::object();
  if (!error) return out;
  for (const auto& f : error->fields())
    if (!out.contains(f.field)) out[f.field] = message(site, lang, f.key);
  return out;
}

http::Response failure_page(const Site& site, const http::Request& req, http::RequestContext& ctx, const Error& e) {
  if ((e.code() == ErrorCode::conflict || e.code() == ErrorCode::too_many) && !e.fields().empty())
    return error_page(site, req, ctx, http_status(e.code()), e.fields().front().key);
  return error_page(site, req, ctx, http_status(e.code()));
}

std::string points(std::int64_t hundredths, const std::string& lang) {
  const auto whole = hundredths / 100, frac = hundredths % 100;
  return std::to_string(whole) + (lang == "id" ? "," : ".") + (frac < 10 ? "0" : "") + std::to_string(frac);
}

std::string phase_label(const Site& site, const std::string& lang, const std::string& phase) {
  return site.catalog.text(lang, "competition.phase." + phase);
}

std::string state_label(const Site& site, const std::string& lang, const std::string& state) {
  return site.catalog.text(lang, "competition.state." + state);
}

std::string cluster_label(const Site& site, const std::string& lang, const std::string& cluster) {
  return site.catalog.text(lang, "competition.cluster." + cluster);
}

nlohmann::json competition_json(const Site& site, const std::string& lang, const competition::Competition& c) {
  const auto& cfg = c.config;
  const auto& r = cfg.rounds;
  nlohmann::json rounds = nlohmann::json::array();
  const std::vector<std::pair<std::string, std::string>> dates = {
      {"registration",
       format_iso_date(r.registration_opens, lang) + " – " + format_iso_date(r.registration_closes, lang)},
      {"administrative", format_iso_date(r.administrative_closes, lang)},
      {"desk", format_iso_date(r.desk_closes, lang)},
      {"finalists", format_iso_date(r.objection_closes, lang)},
      {"presentation", format_iso_date(r.presentation_closes, lang)},
      {"published", format_iso_date(r.results_on, lang)}};
  const int at = competition::phase_index(c.phase);
  for (const auto& [phase, when] : dates)
    rounds.push_back({{"label", phase_label(site, lang, phase)},
                      {"dates", when},
                      {"current", phase == c.phase || (phase == "presentation" && c.phase == "final")},
                      {"done", competition::phase_index(phase) < at}});
  nlohmann::json aspects = nlohmann::json::array();
  for (const auto& a : cfg.aspects)
    aspects.push_back({{"key", a.key}, {"label", a.label}, {"weight", a.weight}, {"word_limit", a.word_limit}});
  nlohmann::json attachments = nlohmann::json::array();
  for (const auto& a : cfg.attachments) attachments.push_back({{"key", a.key}, {"label", a.label}});
  std::string groups, categories;
  for (const auto& g : cfg.groups) groups += (groups.empty() ? "" : ", ") + g;
  for (const auto& g : cfg.categories) categories += (categories.empty() ? "" : "; ") + g;
  return {{"id", c.id},
          {"name", c.name},
          {"href", competition_path(c.id)},
          {"level", site.catalog.text(lang, "competition.level." + c.level)},
          {"year", c.year},
          {"phase", c.phase},
          {"phase_label", phase_label(site, lang, c.phase)},
          {"rounds", rounds},
          {"aspects", aspects},
          {"attachments", attachments},
          {"groups", groups},
          {"categories", categories},
          {"min_age",
           fill(site.catalog.text(lang, "competition.rule.min_age"), {{"years", std::to_string(cfg.min_age_years)}})},
          {"cap", cfg.cap_per_agency > 0 ? fill(site.catalog.text(lang, "competition.rule.cap"),
                                                {{"n", std::to_string(cfg.cap_per_agency)}})
                                         : site.catalog.text(lang, "competition.rule.no_cap")},
          {"past_winners", cfg.exclude_past_winners},
          {"top_n", cfg.top_n},
          {"top_m", cfg.top_m},
          {"registration_open", c.phase == "registration"},
          {"finalists_public", at >= competition::phase_index("finalists")},
          {"objection_open", c.phase == "finalists"},
          {"published", c.phase == "published"}};
}

std::optional<std::int64_t> id_param(const http::Request& req, const char* name) {
  auto it = req.path_params.find(name);
  if (it == req.path_params.end()) return std::nullopt;
  return parse_id(it->second);
}

}  // namespace lumbung::web::comp
