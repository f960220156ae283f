#include "labs/lab_notices.hpp"

#include "labs/lab_store.hpp"

namespace lumbung::labs {

Status notify_gate(soci::session& sql, const Lab& lab, const Idea& idea, const std::string& stage, bool completed,
                   const std::string& reason, std::int64_t now) {
  // Recipients: the participants of the idea's unit. The inbox (src/notify)
  // records them; until it is part of the build this is where it plugs in.
  const auto recipients = users_with_grant(sql, "participant", "unit", std::to_string(idea.unit_id));
  (void)lab;
  (void)stage;
  (void)completed;
  (void)reason;
  (void)now;
  (void)recipients;
  return {};
}

}  // namespace lumbung::labs
