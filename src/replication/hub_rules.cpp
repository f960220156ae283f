#include <algorithm>

#include "core/text.hpp"
#include "directory/innovation_rules.hpp"
#include "replication/hub.hpp"
#include "replication/replication_rules.hpp"

namespace lumbung::replication {

const std::vector<std::string>& hub_kinds() {
  static const std::vector<std::string> kKinds = {"province", "agency"};
  return kKinds;
}

const std::vector<std::string>& event_modes() {
  static const std::vector<std::string> kModes = {"luring", "daring", "hibrida"};
  return kModes;
}

namespace {

bool region_code_like(const std::string& code) {
  if (code.size() != 2 && code.size() != 5) return false;
  for (std::size_t i = 0; i < code.size(); ++i)
    if (i == 2 ? code[i] != '.' : (code[i] < '0' || code[i] > '9')) return false;
  return true;
}

}  // namespace

std::vector<FieldError> check_hub(Hub& h) {
  std::vector<FieldError> errors;
  if (std::find(hub_kinds().begin(), hub_kinds().end(), h.kind) == hub_kinds().end())
    errors.push_back({"kind", "error.invalid_choice"});
  check_text(errors, "name", h.name, kMaxShortText, true);
  check_text(errors, "description", h.description, kMaxLongText, false);
  h.region_code = trim(h.region_code);
  if (h.kind == "province" && (h.region_code.size() != 2 || !region_code_like(h.region_code)))
    errors.push_back({"region_code", "replikasi.error.province"});
  if (h.kind == "agency") h.region_code.clear();
  std::vector<std::string> members;
  for (auto m : h.members) {
    m = trim(m);
    if (m.empty()) continue;
    if (!region_code_like(m)) {
      errors.push_back({"members", "replikasi.error.region_code"});
      break;
    }
    members.push_back(m);
  }
  std::sort(members.begin(), members.end());
  members.erase(std::unique(members.begin(), members.end()), members.end());
  h.members = std::move(members);
  std::vector<std::int64_t> units;
  for (auto u : h.units)
    if (u <= 0) {
      errors.push_back({"units", "replikasi.error.unit"});
      break;
    } else {
      units.push_back(u);
    }
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  h.units = std::move(units);
  return errors;
}

std::vector<FieldError> check_event(HubEvent& e) {
  std::vector<FieldError> errors;
  check_text(errors, "title", e.title, kMaxShortText, true);
  e.held_on = trim(e.held_on);
  if (e.held_on.empty())
    errors.push_back({"held_on", "error.required"});
  else if (!is_iso_date(e.held_on))
    errors.push_back({"held_on", "replikasi.error.invalid_date"});
  if (std::find(event_modes().begin(), event_modes().end(), e.mode) == event_modes().end())
    errors.push_back({"mode", "error.invalid_choice"});
  check_text(errors, "agenda", e.agenda, kMaxLongText, false);
  check_text(errors, "attendees", e.attendees, kMaxLongText, false);
  check_text(errors, "outcome", e.outcome, kMaxLongText, false);
  return errors;
}

}  // namespace lumbung::replication
