#include "labs/lab_deadlines.hpp"

#include <ctime>
#include <map>
#include <tuple>

#include "store/row.hpp"

namespace lumbung::labs {
namespace {

constexpr std::int64_t kWib = 7 * 3600;

// Sessions of a stage (not coaching clinics) ending in [from, to], with the
// participants of units whose ideas are still in that stage.
constexpr const char* kDue =
    "SELECT s.lab_id, l.name, s.stage, s.ends_on, g.user_id FROM lab_sessions s "
    "JOIN labs l ON l.id = s.lab_id "
    "JOIN lab_ideas i ON i.lab_id = s.lab_id AND i.stage = s.stage "
    "JOIN user_grants g ON g.role = 'participant' AND g.scope_kind = 'unit' AND g.scope_ref = CAST(i.unit_id AS TEXT) "
    "JOIN users u ON u.id = g.user_id AND u.active = 1 "
    "WHERE s.stage <> 'clinic' AND s.ends_on >= :from AND s.ends_on <= :until "
    "ORDER BY s.lab_id, s.stage, g.user_id";

std::string local_date(std::int64_t t) {
  std::time_t local = static_cast<std::time_t>(t + kWib);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

// The end of day `date` (YYYY-MM-DD) in WIB, as unix seconds; 0 when malformed.
std::int64_t end_of_day(const std::string& date) {
  std::tm tm{};
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) return 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) + 86400 - kWib;
}

std::string stage_title(const std::string& stage) {
  static const std::map<std::string, std::string> kTitles = {
      {"drumup", "Drum-up"},    {"diagnose", "Diagnose"}, {"design", "Design"},
      {"delivery", "Delivery"}, {"display", "Display"},   {"documentation", "Documentation"}};
  auto it = kTitles.find(stage);
  return it == kTitles.end() ? stage : it->second;
}

}  // namespace

notify::DeadlineSource stage_deadline_source(store::Database& db) {
  return [&db](std::int64_t now, std::int64_t horizon) -> Result<std::vector<notify::Deadline>> {
    try {
      auto sql = db.acquire();
      const std::string from = local_date(now), until = local_date(now + horizon);
      soci::rowset<soci::row> rows = (sql->prepare << kDue, soci::use(from, "from"), soci::use(until, "until"));
      std::map<std::tuple<std::int64_t, std::string>, notify::Deadline> due;
      for (const auto& r : rows) {
        const auto lab_id = store::get_int64(r, 0);
        const auto stage = store::get_text(r, 2);
        auto& d = due[{lab_id, stage}];
        if (d.key.empty()) {
          d.key = "lab:" + std::to_string(lab_id) + ":stage:" + stage + ":" + store::get_text(r, 3);
          d.category = notify::Category::lab;
          d.event = "lab.stage_due";
          d.params = {{"stage", stage_title(stage)}, {"lab", store::get_text(r, 1)}};
          d.link = "/lab/" + std::to_string(lab_id) + "/papan";
          d.group = "lab:" + std::to_string(lab_id);
          d.group_label = store::get_text(r, 1);
          d.due_at = end_of_day(store::get_text(r, 3));
        }
        d.recipients.push_back(store::get_int64(r, 4));
      }
      std::vector<notify::Deadline> out;
      for (auto& [key, d] : due)
        if (d.due_at > now) out.push_back(std::move(d));
      return out;
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "labs.stage_deadlines");
    }
  };
}

}  // namespace lumbung::labs
