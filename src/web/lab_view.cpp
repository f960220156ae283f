#include "web/lab_view.hpp"

#include <ctime>

#include "core/ids.hpp"
#include "web/innovation_view.hpp"
#include "web/visitor.hpp"

namespace lumbung::web::lab {

std::string lab_path(std::int64_t lab_id, const std::string& tail) {
  return std::string(kList) + "/" + std::to_string(lab_id) + (tail.empty() ? "" : "/" + tail);
}

std::string idea_path(std::int64_t lab_id, std::int64_t idea_id, const std::string& tail) {
  return lab_path(lab_id, "ide/" + std::to_string(idea_id)) + (tail.empty() ? "" : "/" + tail);
}

std::string error_text(const Site& site, const std::string& lang, const std::string& key) {
  const auto& text = site.catalog.text(lang, key);
  if (text != key) return text;
  return site.catalog.text(lang, "lab." + key);
}

nlohmann::json field_messages(const Site& site, const std::string& lang, const std::optional<Error>& error) {
  nlohmann::json out = nlohmann::json::object();
  if (!error) return out;
  for (const auto& f : error->fields())
    if (!out.contains(f.field)) out[f.field] = error_text(site, lang, f.key);
  return out;
}

http::Response failure_page(const Site& site, const http::Request& req, http::RequestContext& ctx, const Error& e) {
  if (e.code() == ErrorCode::conflict && !e.fields().empty())
    return error_page(site, req, ctx, 409, "lab." + e.fields().front().key.substr(4));
  return error_page(site, req, ctx, http_status(e.code()));
}

std::string stage_label(const Site& site, const std::string& lang, const std::string& stage) {
  return site.catalog.text(lang, "lab.stage." + stage);
}

std::string unit_kind_label(const Site& site, const std::string& lang, const std::string& kind) {
  return vocabulary_label(site.catalog, lang, "unit_kind", kind);
}

nlohmann::json lab_header(const Site& site, const std::string& lang, const labs::LabView& view,
                          const std::string& active) {
  const auto& l = view.lab;
  nlohmann::json tabs = nlohmann::json::array();
  auto tab = [&](const char* key, const std::string& href, const char* name) {
    tabs.push_back({{"label", site.catalog.text(lang, key)}, {"href", href}, {"current", active == name}});
  };
  tab("lab.tab.dashboard", lab_path(l.id), "dashboard");
  tab("lab.tab.board", lab_path(l.id, "papan"), "board");
  tab("lab.tab.units", lab_path(l.id, "peserta"), "units");
  tab("lab.tab.clinics", lab_path(l.id, "klinik"), "clinics");
  tab("lab.tab.report", lab_path(l.id, "laporan"), "report");
  return {{"id", l.id},
          {"name", l.name},
          {"organizer", l.organizer},
          {"region", l.region_name.empty() ? l.region_code : l.region_name},
          {"year", l.year},
          {"format", site.catalog.text(lang, "lab.format." + l.format)},
          {"href", lab_path(l.id)},
          {"tabs", tabs}};
}

std::string source_idea_path(const std::string& source_program, const std::string& source_id) {
  if (source_program != "labinov" || source_id.rfind("lab-", 0) != 0) return "";
  const auto dash = source_id.find('-', 4);
  if (dash == std::string::npos) return "";
  auto lab_id = parse_id(source_id.substr(4, dash - 4));
  auto idea_id = parse_id(source_id.substr(dash + 1));
  if (!lab_id || !idea_id) return "";
  return idea_path(*lab_id, *idea_id);
}

std::string today(std::int64_t now) {
  std::time_t t = static_cast<std::time_t>(now);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace lumbung::web::lab
