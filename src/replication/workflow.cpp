#include "replication/workflow.hpp"

#include <algorithm>

namespace lumbung::replication {

const std::vector<Transition>& transitions() {
  static const std::vector<Transition> kTable = {
      {"requested", "accept", Who::owner, "accepted"},
      {"requested", "counter_propose", Who::owner, "counter_proposed", false, true},
      {"requested", "decline", Who::owner, "declined", true},
      {"requested", "withdraw", Who::requester, "withdrawn"},
      {"counter_proposed", "accept", Who::requester, "accepted"},
      {"counter_proposed", "decline", Who::requester, "declined", true},
      {"counter_proposed", "withdraw", Who::requester, "withdrawn"},
      {"accepted", "start", Who::either, "in_transfer"},
      {"accepted", "withdraw", Who::requester, "withdrawn"},
      {"accepted", "abandon", Who::either, "abandoned", true},
      {"in_transfer", "complete", Who::either, "completed"},
      {"in_transfer", "abandon", Who::either, "abandoned", true},
  };
  return kTable;
}

const std::vector<std::string>& states() {
  static const std::vector<std::string> kStates = {"requested", "counter_proposed", "accepted",  "declined",
                                                   "withdrawn", "in_transfer",      "completed", "abandoned"};
  return kStates;
}

bool is_state(std::string_view state) { return std::find(states().begin(), states().end(), state) != states().end(); }

bool is_action(std::string_view action) {
  return std::any_of(transitions().begin(), transitions().end(),
                     [&](const Transition& t) { return t.action == action; });
}

namespace {

bool allowed(Who who, const Sides& sides) {
  switch (who) {
    case Who::owner:
      return sides.owner;
    case Who::requester:
      return sides.requester;
    case Who::either:
      return sides.owner || sides.requester;
  }
  return false;
}

}  // namespace

Result<Transition> find_transition(std::string_view state, std::string_view action, const Sides& sides) {
  bool exists = false;
  for (const auto& t : transitions()) {
    if (t.from != state || t.action != action) continue;
    exists = true;
    if (allowed(t.who, sides)) return t;
  }
  const std::string what = std::string(action) + " from " + std::string(state);
  if (exists) return Error(ErrorCode::forbidden, "replication_transition: not this side's move (" + what + ")");
  return Error(ErrorCode::conflict, "replication_transition: no such transition (" + what + ")");
}

std::vector<std::string> actions_for(std::string_view state, const Sides& sides) {
  std::vector<std::string> out;
  for (const auto& t : transitions()) {
    if (t.from != state || !allowed(t.who, sides)) continue;
    if (std::find(out.begin(), out.end(), t.action) == out.end()) out.emplace_back(t.action);
  }
  return out;
}

bool is_open(std::string_view state) {
  return state == "requested" || state == "counter_proposed" || state == "accepted" || state == "in_transfer";
}

bool has_transfer(std::string_view state) {
  return state == "accepted" || state == "in_transfer" || state == "completed" || state == "abandoned";
}

bool steps_editable(std::string_view state) { return state == "accepted" || state == "in_transfer"; }

bool may_edit_request(std::string_view state) { return state == "requested"; }

}  // namespace lumbung::replication
