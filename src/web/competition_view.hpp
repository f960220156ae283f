// Helpers shared by the competition pages (competition_pages.cpp: the call,
// entries, judging, finalists, objections, results; competition_admin_pages.cpp:
// the secretariat's pages under /kurasi/kompetisi). Internal to web/.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "competition/competition_service.hpp"
#include "web/site.hpp"

namespace lumbung::web::comp {

std::string competition_path(std::int64_t id, const std::string& tail = "");
std::string entry_path(std::int64_t competition_id, std::int64_t entry_id, const std::string& tail = "");
std::string manage_path(std::int64_t id, const std::string& tail = "");

// The catalogue text of an error key; keys the shared catalogue lacks come
// from this area ("competition.<key>").
std::string message(const Site& site, const std::string& lang, const std::string& key);
// {field: message} of an error's field errors.
nlohmann::json field_messages(const Site& site, const std::string& lang, const std::optional<Error>& error);
// The page for a failed call that is not a form error (a conflict or rate
// limit shows its field's message).
http::Response failure_page(const Site& site, const http::Request& req, http::RequestContext& ctx, const Error& e);

// Hundredths of a point as "83,25" (id) or "83.25" (en).
std::string points(std::int64_t hundredths, const std::string& lang);

// The call as the pages show it: name, level, year, phase, rounds with
// dates, aspects, attachments, groups, categories, eligibility.
nlohmann::json competition_json(const Site& site, const std::string& lang, const competition::Competition& c);
std::string phase_label(const Site& site, const std::string& lang, const std::string& phase);
std::string state_label(const Site& site, const std::string& lang, const std::string& state);
std::string cluster_label(const Site& site, const std::string& lang, const std::string& cluster);

// A text for a {{#section}}: false when empty (an empty string would still
// open the section).
inline nlohmann::json text_or_false(const std::string& s) {
  return s.empty() ? nlohmann::json(false) : nlohmann::json(s);
}

std::optional<std::int64_t> id_param(const http::Request& req, const char* name);

}  // namespace lumbung::web::comp
