// Notices the labs module posts to the in-app inbox (notify/notify.hpp): who gets them and
// what they say. Called inside the transaction of the change that causes them.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "labs/lab.hpp"

namespace lumbung::labs {

// The unit's participants learn that `stage` of their idea was completed
// ("lab.stage_completed") or returned with `reason` ("lab.stage_returned").
Status notify_gate(soci::session& sql, const Lab& lab, const Idea& idea, const std::string& stage, bool completed,
                   const std::string& reason, std::int64_t now);

}  // namespace lumbung::labs
