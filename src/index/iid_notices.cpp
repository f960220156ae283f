#include "index/iid_notices.hpp"

#include "notify/notify.hpp"

namespace lumbung::index {

std::vector<std::int64_t> region_admins(soci::session& sql, const std::string& region_code) {
  return notify::grant_holders(sql, "region_admin", "region", region_code);
}

Status notify_rejected(soci::session& sql, const Submission& submission, const std::string& region_name,
                       std::int64_t innovation_id, const std::string& number, const std::string& indicator_name,
                       const std::string& reason, std::int64_t now) {
  const auto year = std::to_string(submission.year);
  for (auto user : region_admins(sql, submission.region_code)) {
    notify::Notice n;
    n.user_id = user;
    n.category = notify::Category::index;
    n.event = "iid.answer_rejected";
    n.params = {{"indicator", number + ". " + indicator_name}, {"year", year}, {"reason", reason}};
    n.link = "/iid/" + year + "/pengisian?daerah=" + submission.region_code + "#i-" + std::to_string(innovation_id) +
             "-" + number;
    n.group = "iid:" + year + ":" + submission.region_code;
    n.group_label = "IID " + year + " · " + region_name;
    if (auto st = notify::post(sql, n, now); !st) return st;
  }
  return {};
}

}  // namespace lumbung::index
