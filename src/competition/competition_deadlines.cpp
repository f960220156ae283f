#include "competition/competition_deadlines.hpp"

#include <ctime>
#include <set>

#include "competition/competition_store.hpp"
#include "store/row.hpp"

namespace lumbung::competition {
namespace {

constexpr std::int64_t kWib = 7 * 3600;

std::int64_t end_of_day(const std::string& date) {
  std::tm tm{};
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) return 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) + 86400 - kWib;
}

std::vector<std::int64_t> ids(soci::session& sql, const std::string& query, long long competition_id) {
  std::vector<std::int64_t> out;
  if (query.find(":cid") == std::string::npos) {
    soci::rowset<soci::row> rs = (sql.prepare << query);
    for (const auto& r : rs) out.push_back(store::get_int64(r, 0));
  } else {
    soci::rowset<soci::row> rs = (sql.prepare << query, soci::use(competition_id, "cid"));
    for (const auto& r : rs) out.push_back(store::get_int64(r, 0));
  }
  return out;
}

}  // namespace

notify::DeadlineSource round_deadline_source(store::Database& db) {
  return [&db](std::int64_t now, std::int64_t horizon) -> Result<std::vector<notify::Deadline>> {
    try {
      auto sql = db.acquire();
      std::vector<notify::Deadline> out;
      for (const auto& c : store_sql::list_competitions(*sql)) {
        if (c.phase == "published") continue;
        const auto& r = c.config.rounds;
        // The round that is running and the date it closes.
        std::string closes, query;
        if (c.phase == "registration") {
          closes = r.registration_closes;
          query = "SELECT DISTINCT created_by FROM competition_entries WHERE competition_id = :cid AND state = 'draft'";
        } else if (c.phase == "administrative" || c.phase == "finalists") {
          closes = c.phase == "administrative" ? r.administrative_closes : r.objection_closes;
          query =
              "SELECT DISTINCT g.user_id FROM user_grants g JOIN users u ON u.id = g.user_id AND u.active = 1 "
              "WHERE g.role = 'curator' AND g.scope_kind = 'national'";
        } else if (c.phase == "desk" || c.phase == "presentation") {
          closes = c.phase == "desk" ? r.desk_closes : r.presentation_closes;
          query =
              "SELECT DISTINCT j.judge_id FROM competition_judges j JOIN competition_entries e ON e.id = "
              "j.entry_id WHERE e.competition_id = :cid";
        } else {
          continue;
        }
        const auto due = end_of_day(closes);
        if (due <= now || due > now + horizon) continue;
        notify::Deadline d;
        d.key = "competition:" + std::to_string(c.id) + ":" + c.phase + ":" + closes;
        d.category = notify::Category::competition;
        d.event = "competition.round_due";
        d.params = {{"competition", c.name}};
        d.link = "/kompetisi/" + std::to_string(c.id);
        d.group = "competition:" + std::to_string(c.id);
        d.group_label = c.name;
        d.due_at = due;
        std::set<std::int64_t> people;
        for (auto id : ids(*sql, query, c.id))
          if (id != 0) people.insert(id);
        d.recipients.assign(people.begin(), people.end());
        if (!d.recipients.empty()) out.push_back(std::move(d));
      }
      return out;
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "competition.round_deadlines");
    }
  };
}

}  // namespace lumbung::competition
