// The request workflow as a table: which action moves a request from which
// state to which, and which side may take it. Pure: no SQL, no logging.
//
//   requested        --accept (owner)-------------> accepted
//   requested        --counter_propose (owner)----> counter_proposed  (another transfer mode)
//   requested        --decline (owner)------------> declined          (reason)
//   requested        --withdraw (requester)-------> withdrawn
//   counter_proposed --accept (requester)---------> accepted          (the proposed mode)
//   counter_proposed --decline (requester)--------> declined          (reason)
//   counter_proposed --withdraw (requester)-------> withdrawn
//   accepted         --start (either side)--------> in_transfer
//   accepted         --withdraw (requester)-------> withdrawn
//   accepted         --abandon (either side)------> abandoned         (reason)
//   in_transfer      --complete (either side)-----> completed
//   in_transfer      --abandon (either side)------> abandoned         (reason)
//
// The owner side is whoever may edit the innovation (its region's admin, its
// editors, curators); the requester side is the adopting region's admin.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace lumbung::replication {

// The sides a caller acts for (an admin may be both).
struct Sides {
  bool owner = false;
  bool requester = false;
};

enum class Who { owner, requester, either };

struct Transition {
  std::string_view from;
  std::string_view action;
  Who who;
  std::string_view to;
  bool needs_reason = false;  // decline and abandon say why
  bool needs_mode = false;    // counter_propose names another transfer mode
};

// Every transition, in the order above.
const std::vector<Transition>& transitions();

// Every state, and the actions that exist at all.
const std::vector<std::string>& states();
bool is_state(std::string_view state);
bool is_action(std::string_view action);

// The transition `action` from `state` for a caller on `sides`:
//   conflict  when no transition `action` leaves `state` (finished or wrong state),
//   forbidden when one does but not for the caller's sides.
Result<Transition> find_transition(std::string_view state, std::string_view action, const Sides& sides);

// The actions a caller on `sides` may take in `state`, in table order, each once.
std::vector<std::string> actions_for(std::string_view state, const Sides& sides);

// Still waiting for someone to act (requested, counter_proposed, accepted, in_transfer).
bool is_open(std::string_view state);
// Became a transfer: it has steps (accepted, in_transfer, completed, abandoned).
bool has_transfer(std::string_view state);
// Steps may still change (accepted, in_transfer).
bool steps_editable(std::string_view state);
// The requester may still change what it asked: nobody has answered yet
// (requested only; a counter-proposal is an answer).
bool may_edit_request(std::string_view state);

}  // namespace lumbung::replication
