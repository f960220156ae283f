#include "replication/replication_notices.hpp"

#include <algorithm>

#include "notify/notify.hpp"
#include "replication/replication_store.hpp"

namespace lumbung::replication {

namespace {

void add_unique(std::vector<std::int64_t>& to, std::int64_t user) {
  if (user > 0 && std::find(to.begin(), to.end(), user) == to.end()) to.push_back(user);
}

}  // namespace

std::vector<std::int64_t> owner_side_users(soci::session& sql, std::int64_t innovation_id,
                                           const std::string& origin_region) {
  std::vector<std::int64_t> out;
  for (auto u : region_admins(sql, origin_region)) add_unique(out, u);
  if (auto label = innovation_label(sql, innovation_id)) add_unique(out, label->created_by);
  return out;
}

std::vector<std::int64_t> adopter_side_users(soci::session& sql, const std::string& adopter_region,
                                             std::int64_t requester_id) {
  std::vector<std::int64_t> out;
  for (auto u : region_admins(sql, adopter_region)) add_unique(out, u);
  add_unique(out, requester_id);
  return out;
}

std::vector<std::int64_t> other_side(soci::session& sql, const Request& request, const Sides& sides) {
  std::vector<std::int64_t> out;
  if (sides.requester || !sides.owner)
    for (auto u : owner_side_users(sql, request.innovation_id, request.origin_region_code)) add_unique(out, u);
  if (sides.owner || !sides.requester)
    for (auto u : adopter_side_users(sql, request.adopter_region_code, request.requester_id)) add_unique(out, u);
  return out;
}

Status post_notices(soci::session& sql, const std::vector<std::int64_t>& users, std::int64_t actor,
                    const std::string& event, const std::map<std::string, std::string>& params, const std::string& link,
                    std::int64_t innovation_id, const std::string& innovation_name, std::int64_t now) {
  for (auto user : users) {
    if (user == actor) continue;
    notify::Notice n;
    n.user_id = user;
    n.category = notify::Category::replication;
    n.event = event;
    n.params = nlohmann::json::object();
    for (const auto& [k, v] : params) n.params[k] = v;
    n.link = link;
    n.group = "innovation:" + std::to_string(innovation_id);
    n.group_label = innovation_name;
    if (auto st = notify::post(sql, n, now); !st) return st;
  }
  return {};
}

}  // namespace lumbung::replication
