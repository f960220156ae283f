#include "index/iid_deadlines.hpp"

#include "store/row.hpp"

namespace lumbung::index {
namespace {

constexpr const char* kClosing =
    "SELECT year, window_closes FROM iid_frameworks WHERE window_closes > :now AND window_closes <= :until "
    "ORDER BY year";
// Active region admins whose region has not submitted that year.
constexpr const char* kNotSubmitted =
    "SELECT DISTINCT g.user_id FROM user_grants g JOIN users u ON u.id = g.user_id AND u.active = 1 "
    "WHERE g.role = 'region_admin' AND g.scope_kind = 'region' AND NOT EXISTS ("
    "SELECT 1 FROM iid_submissions s WHERE s.year = :year AND s.region_code = g.scope_ref "
    "AND s.status = 'submitted') ORDER BY g.user_id";

}  // namespace

notify::DeadlineSource window_deadline_source(store::Database& db) {
  return [&db](std::int64_t now, std::int64_t horizon) -> Result<std::vector<notify::Deadline>> {
    try {
      auto sql = db.acquire();
      long long from = now, until = now + horizon;
      std::vector<std::pair<int, std::int64_t>> closing;
      {
        soci::rowset<soci::row> rows = (sql->prepare << kClosing, soci::use(from, "now"), soci::use(until, "until"));
        for (const auto& r : rows)
          closing.emplace_back(static_cast<int>(store::get_int64(r, 0)), store::get_int64(r, 1));
      }
      std::vector<notify::Deadline> out;
      for (const auto& [year, closes] : closing) {
        notify::Deadline d;
        const auto y = std::to_string(year);
        d.key = "iid:" + y + ":window:" + std::to_string(closes);
        d.category = notify::Category::index;
        d.event = "iid.window_closing";
        d.params = {{"year", y}};
        d.link = "/iid/" + y + "/pengisian";
        d.group = "iid:" + y;
        d.group_label = "IID " + y;
        d.due_at = closes;
        int year_value = year;
        soci::rowset<soci::row> users = (sql->prepare << kNotSubmitted, soci::use(year_value, "year"));
        for (const auto& r : users) d.recipients.push_back(store::get_int64(r, 0));
        if (!d.recipients.empty()) out.push_back(std::move(d));
      }
      return out;
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "index.window_deadlines");
    }
  };
}

}  // namespace lumbung::index
