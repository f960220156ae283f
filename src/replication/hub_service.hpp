// Hubs: use cases, one transaction each, audited. The caller checks who may
// act (curators define hubs; a hub's admins and curators record its events).
//
// Errors: invalid (field errors: kind, name, region_code, members (unknown
// region), admins (unknown email), description; event fields), not_found,
// unavailable/internal from the store.
#pragma once

#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "replication/hub.hpp"
#include "replication/replication.hpp"
#include "store/database.hpp"

namespace lumbung::replication {

// A published innovation of a member region, for the hub page.
struct HubInnovation {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::string region_code;
};

class HubService {
 public:
  HubService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<Hub>> list();  // by name
  Result<Hub> get(std::int64_t id);
  // `admin_emails`: the hub admins' account emails (each must exist).
  Result<Hub> create(std::int64_t actor, Hub hub, const std::vector<std::string>& admin_emails);
  Result<Hub> update(std::int64_t actor, std::int64_t id, Hub hub, const std::vector<std::string>& admin_emails);
  Result<std::vector<std::string>> admin_emails(const Hub& hub);

  Result<HubEvent> add_event(std::int64_t actor, std::int64_t hub_id, HubEvent event);
  Result<std::vector<HubEvent>> events(std::int64_t hub_id);  // newest first
  // Newest published innovations of the member regions and units, at most
  // `per_region` each.
  Result<std::vector<HubInnovation>> innovations(const Hub& hub, int per_region);
  // (unit id, name) of each member unit, in hub.units order.
  Result<std::vector<std::pair<std::int64_t, std::string>>> unit_names(const Hub& hub);

 private:
  Result<Hub> save(std::int64_t actor, std::int64_t id, Hub hub, const std::vector<std::string>& admin_emails);
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace lumbung::replication
