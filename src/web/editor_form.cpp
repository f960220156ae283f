#include "web/editor_form.hpp"

#include <algorithm>
#include <charconv>

#include "directory/innovation_rules.hpp"

namespace lumbung::web {

namespace {

std::string trim(std::string s) {
  const char* ws = " \t\r\n";
  auto first = s.find_first_not_of(ws);
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(ws) - first + 1);
}

// "150.000.000", "150 000 000" -> 150000000; nullopt for anything else.
std::optional<std::int64_t> whole_number(std::string s, bool allow_groups) {
  if (allow_groups) s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == '.' || c == ' '; }), s.end());
  if (s.empty() || s.size() > 18) return std::nullopt;
  std::int64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size() || (n == 2 && c < 0xC2)) return false;
    for (std::size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}

}  // namespace

const std::vector<std::string>& profile_field_names() {
  static const std::vector<std::string> names = {
      "name",          "summary",        "problem",     "solution",     "novelty",      "beneficiaries",
      "results",       "region_code",    "unit_id",     "unit_name",    "sector",       "form",
      "digital",       "stage",          "initiator",   "trial_date",   "implementation_date",
      "budget_text",   "budget_amount",  "funding_source", "contact_name", "contact_email", "contact_phone",
      "year_started",  "status"};
  return names;
}

const std::vector<std::string>& stage_keys() {
  static const std::vector<std::string> v = {"inisiatif", "uji_coba", "penerapan"};
  return v;
}
const std::vector<std::string>& form_keys() {
  static const std::vector<std::string> v = {"pelayanan_publik", "tata_kelola", "lainnya"};
  return v;
}
const std::vector<std::string>& initiator_keys() {
  static const std::vector<std::string> v = {"kepala_daerah", "anggota_dprd", "opd", "asn", "masyarakat"};
  return v;
}
const std::vector<std::string>& status_keys() {
  static const std::vector<std::string> v = {"berlanjut", "berhenti"};
  return v;
}

ProfileForm parse_profile_form(const http::Params& form, const directory::InnovationDraft& base) {
  ProfileForm out;
  auto& d = out.draft;
  d = base;
  // Text that is not UTF-8 is dropped with an error (the revision snapshot is JSON).
  auto text = [&](std::string_view name) {
    auto value = trim(form.get_or(name, ""));
    if (valid_utf8(value)) return value;
    out.errors.push_back({std::string(name), "error.invalid_text"});
    return std::string();
  };
  d.name = text("name");
  d.summary = text("summary");
  d.problem = text("problem");
  d.solution = text("solution");
  d.novelty = text("novelty");
  d.beneficiaries = text("beneficiaries");
  d.results = text("results");
  d.region_code = text("region_code");
  d.unit_name = text("unit_name");
  d.sector = text("sector");
  d.form = text("form");
  d.stage = text("stage");
  d.initiator = text("initiator");
  d.trial_date = text("trial_date");
  d.implementation_date = text("implementation_date");
  d.budget_text = text("budget_text");
  d.funding_source = text("funding_source");
  d.contact_name = text("contact_name");
  d.contact_email = text("contact_email");
  d.contact_phone = text("contact_phone");
  d.status = text("status");
  if (d.status.empty()) d.status = "berlanjut";

  auto unit_id = text("unit_id");
  d.unit_id = 0;
  if (!unit_id.empty() && unit_id != "0") {
    if (auto v = whole_number(unit_id, false)) d.unit_id = *v;
    else out.errors.push_back({"unit_id", "error.invalid_choice"});
  }
  if (d.unit_id > 0) d.unit_name.clear();  // a chosen unit wins over a typed new one

  out.digital_text = text("digital");
  if (out.digital_text == "1" || out.digital_text == "ya") d.digital = true;
  else if (out.digital_text.empty() || out.digital_text == "0" || out.digital_text == "tidak") d.digital = false;
  else out.errors.push_back({"digital", "error.invalid_choice"});

  out.budget_amount_text = text("budget_amount");
  d.budget_amount = 0;
  if (!out.budget_amount_text.empty()) {
    if (auto v = whole_number(out.budget_amount_text, true)) d.budget_amount = *v;
    else out.errors.push_back({"budget_amount", "error.invalid_format"});
  }
  out.year_started_text = text("year_started");
  d.year_started = 0;
  if (!out.year_started_text.empty()) {
    auto v = whole_number(out.year_started_text, false);
    if (v && *v <= 9999) d.year_started = static_cast<int>(*v);
    else out.errors.push_back({"year_started", "error.invalid_format"});
  }
  if (auto v = whole_number(text("version"), false)) out.version = *v;

  if (!valid_utf8(out.budget_amount_text)) out.budget_amount_text.clear();
  if (!valid_utf8(out.year_started_text)) out.year_started_text.clear();
  if (!valid_utf8(out.digital_text)) out.digital_text.clear();
  for (auto& e : directory::validate_draft(d))
    if (std::none_of(out.errors.begin(), out.errors.end(), [&](const FieldError& f) { return f.field == e.field; }))
      out.errors.push_back(std::move(e));
  return out;
}

}  // namespace lumbung::web
