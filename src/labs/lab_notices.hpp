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

// A new comment on an idea ("lab.comment") reaches the unit's participants, the
// unit's coach in this lab (coach_user_id, 0 = none) and the author of the
// comment it answers (parent_author_id, 0 = none); never its own writer.
Status notify_comment(soci::session& sql, const Lab& lab, const Idea& idea, std::int64_t coach_user_id,
                      std::int64_t parent_author_id, const Comment& comment, std::int64_t now);

// The unit's participants learn the verdict on their pitch ("lab.verdict_<verdict>").
Status notify_verdict(soci::session& sql, const Lab& lab, const Idea& idea, const Verdict& verdict, std::int64_t now);

}  // namespace lumbung::labs
