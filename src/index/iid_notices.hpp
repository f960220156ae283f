// Notices of the IID (notify category "index"), posted inside the caller's
// write transaction so they exist exactly when the change committed.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "index/iid_store.hpp"

namespace lumbung::index {

// Users holding region_admin of exactly `region_code` (active accounts).
std::vector<std::int64_t> region_admins(soci::session& sql, const std::string& region_code);

// Tells the region's admins that the evidence of one answer was rejected
// (event "iid.answer_rejected": {{indicator}}, {{year}}, {{reason}}).
Status notify_rejected(soci::session& sql, const Submission& submission, const std::string& region_name,
                       std::int64_t innovation_id, const std::string& number, const std::string& indicator_name,
                       const std::string& reason, std::int64_t now);

}  // namespace lumbung::index
