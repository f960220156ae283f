// Helpers shared by the lab pages (lab_pages.cpp: list, new lab, dashboard,
// board, enrolment; lab_idea_pages.cpp: an idea's stages). Internal to web/.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "labs/lab_service.hpp"
#include "web/site.hpp"

namespace lumbung::web::lab {

inline constexpr const char* kList = "/lab";
std::string lab_path(std::int64_t lab_id, const std::string& tail = "");
std::string idea_path(std::int64_t lab_id, std::int64_t idea_id, const std::string& tail = "");

// The catalogue text of an error key; keys the shared catalogue lacks come
// from this area ("lab.<key>").
std::string error_text(const Site& site, const std::string& lang, const std::string& key);
// {field: message} of an error's field errors, for forms.
nlohmann::json field_messages(const Site& site, const std::string& lang, const std::optional<Error>& error);

// The page for a failed service call that is not a form error.
http::Response failure_page(const Site& site, const http::Request& req, http::RequestContext& ctx, const Error& e);

// Labels: stage ("lab.stage.<name>"), unit kind, format, mode, partner role.
std::string stage_label(const Site& site, const std::string& lang, const std::string& stage);
std::string unit_kind_label(const Site& site, const std::string& lang, const std::string& kind);

// The header every lab page shows: name, locus, tabs (dashboard, board,
// enrolment for organisers, report), `active` the current tab.
nlohmann::json lab_header(const Site& site, const std::string& lang, const labs::LabView& view,
                          const std::string& active);

// The lab idea an innovation was published from ("labinov", "lab-<lab>-<idea>"
// -> "/lab/<lab>/ide/<idea>"), "" for any other source.
std::string source_idea_path(const std::string& source_program, const std::string& source_id);

// Today's date (UTC) as YYYY-MM-DD.
std::string today(std::int64_t now);

}  // namespace lumbung::web::lab
