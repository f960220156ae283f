// SQL of hubs (tables replication_hub*, migration 0009). Every function runs
// on the caller's session; writes expect the caller's transaction.
#pragma once

#include <soci/soci.h>

#include <optional>
#include <string>
#include <vector>

#include "replication/hub.hpp"
#include "replication/hub_service.hpp"

namespace lumbung::replication {

void insert_hub(soci::session& sql, const Hub& hub);
void update_hub(soci::session& sql, const Hub& hub);
// Replaces members and admins with hub's.
void replace_hub_people(soci::session& sql, const Hub& hub);
std::vector<Hub> list_hubs(soci::session& sql);  // with members and admins, by name
std::optional<Hub> find_hub(soci::session& sql, std::int64_t id);

void insert_hub_event(soci::session& sql, const HubEvent& event);
std::vector<HubEvent> list_hub_events(soci::session& sql, std::int64_t hub_id);

// The id of the active account with `email` (lower-cased), if any.
std::optional<std::int64_t> user_id_by_email(soci::session& sql, const std::string& email);
std::string email_of_user(soci::session& sql, std::int64_t user_id);
// The people of a hub's member units: holders of a grant scoped to one of them.
std::vector<std::int64_t> hub_unit_admins(soci::session& sql, std::int64_t hub_id);
// Whether unit `id` exists, and its display name ("" when it does not).
std::string unit_name(soci::session& sql, std::int64_t id);
// Newest published innovations of a unit, at most `limit`.
std::vector<HubInnovation> published_in_unit(soci::session& sql, std::int64_t unit_id, int limit);
std::vector<HubInnovation> published_in_region(soci::session& sql, const std::string& region_code, int limit);

}  // namespace lumbung::replication
