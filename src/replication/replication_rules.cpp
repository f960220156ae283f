#include "replication/replication_rules.hpp"

#include <algorithm>
#include <cstdint>
#include <set>

#include "core/text.hpp"
#include "directory/innovation_rules.hpp"

namespace lumbung::replication {

const std::vector<TransferMode>& transfer_modes() {
  static const std::vector<TransferMode> kModes = {
      {"mentoring", "technical_assistance"},
      {"coaching_clinic", "technical_assistance"},
      {"apprenticeship", "technical_assistance"},
      {"seminar", "peer_learning"},
      {"workshop", "peer_learning"},
      {"forum", "peer_learning"},
      {"study_visit", "field_visit"},
      {"comparative_study", "field_visit"},
  };
  return kModes;
}

bool is_transfer_mode(std::string_view key) {
  return std::any_of(transfer_modes().begin(), transfer_modes().end(),
                     [&](const TransferMode& m) { return m.key == key; });
}

const std::vector<std::string>& step_statuses() {
  static const std::vector<std::string> kStatuses = {"belum", "berjalan", "selesai", "dilewati"};
  return kStatuses;
}

bool is_step_status(std::string_view status) {
  return std::find(step_statuses().begin(), step_statuses().end(), status) != step_statuses().end();
}

bool is_iso_date(std::string_view s) { return valid_iso_date(s); }

void check_text(std::vector<FieldError>& errors, const char* field, std::string& value, std::size_t max,
                bool required) {
  if (!directory::clean_text(value)) {
    errors.push_back({field, "error.invalid_text"});
    return;
  }
  value = trim(value);
  if (required && value.empty())
    errors.push_back({field, "error.required"});
  else if (char_count(value) > max)
    errors.push_back({field, "error.too_long"});
}

namespace {

void date(std::vector<FieldError>& errors, const char* field, const std::string& value, bool required) {
  if (value.empty()) {
    if (required) errors.push_back({field, "error.required"});
  } else if (!is_iso_date(value)) {
    errors.push_back({field, "replikasi.error.invalid_date"});
  }
}

}  // namespace

std::vector<FieldError> check_offer(Offer& o) {
  std::vector<FieldError> errors;
  check_text(errors, "guides", o.guides, kMaxLongText, false);
  check_text(errors, "sop", o.sop, kMaxLongText, false);
  check_text(errors, "documents", o.documents, kMaxLongText, false);
  check_text(errors, "contact", o.contact, kMaxShortText, o.willing);
  check_text(errors, "costs", o.costs, kMaxLongText, false);
  return errors;
}

std::vector<FieldError> check_request(Request& r) {
  std::vector<FieldError> errors;
  check_text(errors, "requester_about", r.requester_about, kMaxShortText, true);
  check_text(errors, "problem", r.problem, kMaxLongText, true);
  check_text(errors, "adaptation", r.adaptation, kMaxLongText, true);
  if (r.mode.empty())
    errors.push_back({"mode", "error.required"});
  else if (!is_transfer_mode(r.mode))
    errors.push_back({"mode", "error.invalid_choice"});
  if (r.adopter_region_code.empty())
    errors.push_back({"region", "error.required"});
  else if (r.adopter_region_code == r.origin_region_code)
    errors.push_back({"region", "replikasi.error.same_region"});
  return errors;
}

std::vector<FieldError> check_step(Step& s) {
  std::vector<FieldError> errors;
  if (!is_step_status(s.status)) errors.push_back({"status", "error.invalid_choice"});
  date(errors, "start_date", s.start_date, false);
  date(errors, "end_date", s.end_date, false);
  if (is_iso_date(s.start_date) && is_iso_date(s.end_date) && s.end_date < s.start_date)
    errors.push_back({"end_date", "replikasi.error.date_order"});
  check_text(errors, "notes", s.notes, kMaxLongText, false);
  return errors;
}

std::vector<FieldError> check_adoption(Adoption& a) {
  std::vector<FieldError> errors;
  date(errors, "adopted_on", a.adopted_on, true);
  check_text(errors, "evidence", a.evidence, kMaxLongText, a.request_id == 0);
  if (a.adopter_region_code.empty())
    errors.push_back({"region", "error.required"});
  else if (a.adopter_region_code == a.origin_region_code)
    errors.push_back({"region", "replikasi.error.same_region"});
  return errors;
}

std::vector<FieldError> check_template(std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (auto& raw : names) {
    if (!directory::clean_text(raw)) return {{"steps", "error.invalid_text"}};
    auto n = trim(raw);
    if (n.empty()) continue;
    if (char_count(n) > kMaxShortText) return {{"steps", "error.too_long"}};
    if (std::find(out.begin(), out.end(), n) != out.end()) return {{"steps", "replikasi.error.duplicate_step"}};
    out.push_back(std::move(n));
  }
  if (out.empty()) return {{"steps", "error.required"}};
  if (out.size() > kMaxTemplateSteps) return {{"steps", "replikasi.error.too_many_steps"}};
  names = std::move(out);
  return {};
}

std::int64_t innovation_reference(std::string_view text) {
  auto linked = trim(text);
  if (linked.empty()) return 0;
  if (const auto at = linked.rfind("/inovasi/"); at != std::string::npos) linked = linked.substr(at + 9);
  std::int64_t id = 0;
  std::size_t digits = 0;
  for (char c : linked) {
    if (c < '0' || c > '9') break;
    if (id > (INT64_MAX - (c - '0')) / 10) return -1;
    id = id * 10 + (c - '0');
    ++digits;
  }
  if (digits == 0 || id == 0 || linked[0] == '0') return -1;
  if (digits < linked.size() && linked[digits] != '-') return -1;
  return id;
}

std::int64_t count_adopting_regions(const std::vector<Adoption>& adoptions, const std::string& origin_region) {
  std::set<std::string> regions;
  for (const auto& a : adoptions)
    if (a.state == "confirmed" && !a.adopter_region_code.empty() && a.adopter_region_code != origin_region)
      regions.insert(a.adopter_region_code);
  return static_cast<std::int64_t>(regions.size());
}

}  // namespace lumbung::replication
