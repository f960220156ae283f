#include "replication/hub_service.hpp"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.hpp"
#include "notify/notify.hpp"
#include "replication/hub_store.hpp"
#include "replication/replication_rules.hpp"
#include "replication/replication_store.hpp"
#include "replication/service_support.hpp"

namespace lumbung::replication {

namespace {

std::string hub_json(const Hub& h) {
  return nlohmann::json{{"kind", h.kind},
                        {"name", h.name},
                        {"region_code", h.region_code},
                        {"description", h.description},
                        {"members", h.members},
                        {"units", h.units},
                        {"admins", h.admins}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return trim(s);
}

// Posts "replication.hub_forum" to every region admin of the hub's member
// regions (once each, never to `actor`).
Status notify_members(soci::session& sql, const Hub& hub, const HubEvent& e, std::int64_t actor, std::int64_t now) {
  std::set<std::int64_t> users;
  for (const auto& code : hub.members)
    for (auto u : notify::grant_holders(sql, "region_admin", "region", code)) users.insert(u);
  for (auto u : hub_unit_admins(sql, hub.id)) users.insert(u);
  for (auto user : users) {
    if (user == actor) continue;
    notify::Notice n;
    n.user_id = user;
    n.category = notify::Category::replication;
    n.event = "replication.hub_forum";
    n.params = {{"hub", hub.name}, {"title", e.title}, {"date", e.held_on}};
    n.link = "/hub/" + std::to_string(hub.id);
    n.group = "hub:" + std::to_string(hub.id);
    n.group_label = hub.name;
    if (auto st = notify::post(sql, n, now); !st) return st;
  }
  return {};
}

}  // namespace

Result<std::vector<Hub>> HubService::list() {
  return read(db_, "list_hubs", [&](soci::session& sql) -> Result<std::vector<Hub>> { return list_hubs(sql); });
}

Result<Hub> HubService::get(std::int64_t id) {
  return read(db_, "get_hub", [&](soci::session& sql) -> Result<Hub> {
    auto h = find_hub(sql, id);
    if (!h) return Error(ErrorCode::not_found, "get_hub: no hub " + std::to_string(id));
    return *h;
  });
}

Result<Hub> HubService::create(std::int64_t actor, Hub hub, const std::vector<std::string>& admin_emails) {
  return save(actor, 0, std::move(hub), admin_emails);
}

Result<Hub> HubService::update(std::int64_t actor, std::int64_t id, Hub hub,
                               const std::vector<std::string>& admin_emails) {
  return save(actor, id, std::move(hub), admin_emails);
}

Result<Hub> HubService::save(std::int64_t actor, std::int64_t id, Hub hub,
                             const std::vector<std::string>& admin_emails) {
  auto errors = check_hub(hub);
  const auto now = clock_.now();
  const char* op = id == 0 ? "create_hub" : "update_hub";
  return db_.transact(op, [&](soci::session& sql) -> Result<Hub> {
    // Regions and accounts must exist (checked here, in the same transaction).
    std::vector<std::string> codes = hub.members;
    if (!hub.region_code.empty()) codes.push_back(hub.region_code);
    const auto known = region_names(sql, codes);
    auto is_known = [&](const std::string& c) {
      return std::any_of(known.begin(), known.end(), [&](const auto& k) { return k.first == c; });
    };
    if (!hub.region_code.empty() && !is_known(hub.region_code))
      errors.push_back({"region_code", "replikasi.error.province"});
    for (const auto& m : hub.members)
      if (!is_known(m)) {
        errors.push_back({"members", "replikasi.error.region_code"});
        break;
      }
    for (auto u : hub.units)
      if (unit_name(sql, u).empty()) {
        errors.push_back({"units", "replikasi.error.unit"});
        break;
      }
    hub.admins.clear();
    for (const auto& raw : admin_emails) {
      const auto email = lower(raw);
      if (email.empty()) continue;
      auto user = user_id_by_email(sql, email);
      if (!user) {
        errors.push_back({"admins", "replikasi.error.unknown_user"});
        break;
      }
      if (std::find(hub.admins.begin(), hub.admins.end(), *user) == hub.admins.end()) hub.admins.push_back(*user);
    }
    if (!errors.empty()) return Error(ErrorCode::invalid, std::string(op) + ": invalid hub", errors);
    std::string before;
    if (id == 0) {
      auto next = store::next_id(sql, "replication_hubs");
      if (!next) return next.error();
      hub.id = *next;
      hub.created_at = hub.updated_at = now;
      insert_hub(sql, hub);
    } else {
      auto stored = find_hub(sql, id);
      if (!stored) return Error(ErrorCode::not_found, std::string(op) + ": no hub " + std::to_string(id));
      before = hub_json(*stored);
      hub.id = id;
      hub.created_at = stored->created_at;
      hub.updated_at = now;
      update_hub(sql, hub);
    }
    replace_hub_people(sql, hub);
    if (auto st = audit(sql, actor, id == 0 ? "hub.create" : "hub.update", "replication_hub", hub.id, before,
                        hub_json(hub), now);
        !st)
      return st.error();
    return hub;
  });
}

Result<std::vector<std::string>> HubService::admin_emails(const Hub& hub) {
  return read(db_, "hub_admin_emails", [&](soci::session& sql) -> Result<std::vector<std::string>> {
    std::vector<std::string> out;
    for (auto id : hub.admins) out.push_back(email_of_user(sql, id));
    return out;
  });
}

Result<HubEvent> HubService::add_event(std::int64_t actor, std::int64_t hub_id, HubEvent e) {
  if (auto errors = check_event(e); !errors.empty())
    return Error(ErrorCode::invalid, "add_hub_event: invalid event", std::move(errors));
  const auto now = clock_.now();
  return db_.transact("add_hub_event", [&](soci::session& sql) -> Result<HubEvent> {
    auto hub = find_hub(sql, hub_id);
    if (!hub) return Error(ErrorCode::not_found, "add_hub_event: no hub " + std::to_string(hub_id));
    auto id = store::next_id(sql, "replication_hub_events");
    if (!id) return id.error();
    e.id = *id;
    e.hub_id = hub_id;
    e.created_at = now;
    e.created_by = actor;
    insert_hub_event(sql, e);
    if (auto st = audit(sql, actor, "hub.event", "replication_hub", hub_id, "",
                        nlohmann::json{{"title", e.title}, {"held_on", e.held_on}, {"mode", e.mode}}.dump(
                            -1, ' ', false, nlohmann::json::error_handler_t::replace),
                        now);
        !st)
      return st.error();
    // A forum still to come is announced to the members' region admins.
    if (e.held_on >= iso_day(now))
      if (auto st = notify_members(sql, *hub, e, actor, now); !st) return st.error();
    return e;
  });
}

Result<std::vector<HubEvent>> HubService::events(std::int64_t hub_id) {
  return read(db_, "hub_events",
              [&](soci::session& sql) -> Result<std::vector<HubEvent>> { return list_hub_events(sql, hub_id); });
}

Result<std::vector<HubInnovation>> HubService::innovations(const Hub& hub, int per_region) {
  return read(db_, "hub_innovations", [&](soci::session& sql) -> Result<std::vector<HubInnovation>> {
    std::vector<HubInnovation> out;
    for (const auto& code : hub.members) {
      auto some = published_in_region(sql, code, per_region);
      out.insert(out.end(), some.begin(), some.end());
    }
    for (auto unit : hub.units) {
      auto some = published_in_unit(sql, unit, per_region);
      for (auto& i : some)
        if (std::none_of(out.begin(), out.end(), [&](const HubInnovation& o) { return o.id == i.id; }))
          out.push_back(std::move(i));
    }
    return out;
  });
}

Result<std::vector<std::pair<std::int64_t, std::string>>> HubService::unit_names(const Hub& hub) {
  return read(db_, "hub_unit_names",
              [&](soci::session& sql) -> Result<std::vector<std::pair<std::int64_t, std::string>>> {
                std::vector<std::pair<std::int64_t, std::string>> out;
                for (auto u : hub.units) out.emplace_back(u, unit_name(sql, u));
                return out;
              });
}

}  // namespace lumbung::replication
