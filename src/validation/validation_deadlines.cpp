#include "validation/validation_deadlines.hpp"

#include <map>
#include <set>

#include "store/row.hpp"
#include "validation/campaign_rules.hpp"

namespace lumbung::validation {
namespace {

// Unanswered items of open campaigns closing in [from, until] and the users
// who may answer them: region admins and participants of the region,
// participants of the unit.
constexpr const char* kDue =
    "SELECT c.id, c.title, c.deadline, g.user_id FROM validation_campaigns c "
    "JOIN validation_items vi ON vi.campaign_id = c.id AND vi.answered_at = 0 "
    "JOIN user_grants g ON ((g.role = 'region_admin' OR g.role = 'participant') AND g.scope_kind = 'region' "
    "AND g.scope_ref = vi.region_code) OR (g.role = 'participant' AND g.scope_kind = 'unit' "
    "AND g.scope_ref = CAST(vi.unit_id AS TEXT)) "
    "JOIN users u ON u.id = g.user_id AND u.active = 1 "
    "WHERE c.state = 'open' AND c.deadline >= :from AND c.deadline <= :until "
    "ORDER BY c.id, g.user_id";

}  // namespace

notify::DeadlineSource campaign_deadline_source(store::Database& db) {
  return [&db](std::int64_t now, std::int64_t horizon) -> Result<std::vector<notify::Deadline>> {
    try {
      auto sql = db.acquire();
      const std::string from = local_date(now), until = local_date(now + horizon);
      soci::rowset<soci::row> rows = (sql->prepare << kDue, soci::use(from, "from"), soci::use(until, "until"));
      std::map<std::int64_t, notify::Deadline> due;
      std::map<std::int64_t, std::set<std::int64_t>> seen;
      for (const auto& r : rows) {
        const auto id = store::get_int64(r, 0);
        auto& d = due[id];
        if (d.key.empty()) {
          d.key = "validation:" + std::to_string(id) + ":" + store::get_text(r, 2);
          d.category = notify::Category::validation;
          d.event = "validation.deadline";
          d.params = {{"campaign", store::get_text(r, 1)}, {"deadline", store::get_text(r, 2)}};
          d.link = "/validasi?kampanye=" + std::to_string(id);
          d.group = "validation:" + std::to_string(id);
          d.group_label = store::get_text(r, 1);
          d.due_at = end_of_day(store::get_text(r, 2));
        }
        const auto user = store::get_int64(r, 3);
        if (seen[id].insert(user).second) d.recipients.push_back(user);
      }
      std::vector<notify::Deadline> out;
      for (auto& [key, d] : due)
        if (d.due_at > now) out.push_back(std::move(d));
      return out;
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "validation.campaign_deadlines");
    }
  };
}

}  // namespace lumbung::validation
