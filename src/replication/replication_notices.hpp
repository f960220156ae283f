// Notices of replication (inbox and email, issue 14) to the other side of a
// request. Internal to the module: the service calls these inside its write
// transactions, so a notice exists exactly when its change committed.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "replication/replication.hpp"
#include "replication/workflow.hpp"

namespace lumbung::replication {

// Users of the origin side (its region's admins and the innovation's author)
// and of the adopting side (its region's admins and the requester).
std::vector<std::int64_t> owner_side_users(soci::session& sql, std::int64_t innovation_id,
                                           const std::string& origin_region);
std::vector<std::int64_t> adopter_side_users(soci::session& sql, const std::string& adopter_region,
                                             std::int64_t requester_id);

// Posts notice `event` ("replication.<what>", text "notify.replication.<what>"
// in the replikasi catalogue) to each of `users` but `actor`, leading to
// `link`, grouped by the innovation.
Status post_notices(soci::session& sql, const std::vector<std::int64_t>& users, std::int64_t actor,
                    const std::string& event, const std::map<std::string, std::string>& params, const std::string& link,
                    std::int64_t innovation_id, const std::string& innovation_name, std::int64_t now);

// The users to tell about a move of `request` by a caller on `sides`: the
// other side (both sides when the caller stands on both).
std::vector<std::int64_t> other_side(soci::session& sql, const Request& request, const Sides& sides);

}  // namespace lumbung::replication
