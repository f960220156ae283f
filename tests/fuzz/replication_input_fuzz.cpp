// Replication forms: whatever people type into a request, an offer, a step,
// an adoption, a step template, a hub or a hub event is checked without
// crashing, and what passes the checks is within the limits.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/text.hpp"
#include "replication/hub.hpp"
#include "replication/replication_rules.hpp"

using namespace lumbung::replication;

namespace {

// The input cut into fields at NUL bytes.
std::vector<std::string> fields_of(const std::uint8_t* data, std::size_t size, std::size_t n) {
  std::vector<std::string> out(n);
  std::size_t field = 0;
  for (std::size_t i = 0; i < size && field < n; ++i) {
    if (data[i] == 0)
      ++field;
    else
      out[field] += static_cast<char>(data[i]);
  }
  return out;
}

void check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto f = fields_of(data, size, 8);
  Request r;
  r.origin_region_code = "63.01";
  r.adopter_region_code = f[0];
  r.requester_about = f[1];
  r.problem = f[2];
  r.adaptation = f[3];
  r.mode = f[4];
  if (check_request(r).empty()) check(lumbung::char_count(r.problem) <= kMaxLongText && is_transfer_mode(r.mode));
  Offer o;
  o.willing = !f[5].empty();
  o.contact = f[1];
  o.guides = f[2];
  (void)check_offer(o);
  Step s;
  s.status = f[4];
  s.start_date = f[5];
  s.end_date = f[6];
  s.notes = f[7];
  if (check_step(s).empty()) check(s.start_date.empty() || is_iso_date(s.start_date));
  Adoption a;
  a.origin_region_code = "63.01";
  a.adopter_region_code = f[0];
  a.adopted_on = f[5];
  a.evidence = f[7];
  if (check_adoption(a).empty()) check(is_iso_date(a.adopted_on));
  std::vector<std::string> names = {f[1], f[2], f[3]};
  if (check_template(names).empty()) check(!names.empty() && names.size() <= kMaxTemplateSteps);
  Hub h;
  h.kind = f[4];
  h.name = f[1];
  h.region_code = f[0];
  h.members = {f[2], f[3]};
  (void)check_hub(h);
  HubEvent e;
  e.title = f[1];
  e.held_on = f[5];
  e.mode = f[4];
  (void)check_event(e);
  const auto id = innovation_reference(f[6]);
  check(id >= -1);
  return 0;
}
