// Hub JIPP: a province or a central agency that coaches innovation and runs
// replication forums for its member regions. Curators define hubs, their
// members and their admins; hub admins record forums and other events.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace lumbung::replication {

struct Hub {
  std::int64_t id = 0;
  std::string kind = "province";  // province | agency
  std::string name;
  std::string region_code;  // the province of a province hub, "" for an agency
  std::string description;
  std::vector<std::string> members;  // member region codes, sorted
  std::vector<std::int64_t> units;   // member units (e.g. a central agency's work units), ids sorted
  std::vector<std::int64_t> admins;  // user ids
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct HubEvent {
  std::int64_t id = 0;
  std::int64_t hub_id = 0;
  std::string title;
  std::string held_on;  // "YYYY-MM-DD"
  std::string mode;     // daring | luring | hibrida
  std::string agenda;
  std::string attendees;
  std::string outcome;
  std::int64_t created_at = 0;
  std::int64_t created_by = 0;
};

const std::vector<std::string>& hub_kinds();
const std::vector<std::string>& event_modes();

// Field errors (empty when valid); texts trimmed, members de-duplicated and
// sorted. A province hub names its province (region_code, two digits).
std::vector<FieldError> check_hub(Hub& hub);
std::vector<FieldError> check_event(HubEvent& event);

}  // namespace lumbung::replication
