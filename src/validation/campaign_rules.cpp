#include "validation/campaign_rules.hpp"

#include <cstdio>
#include <ctime>

#include "core/text.hpp"

namespace lumbung::validation {

namespace {

constexpr std::int64_t kWib = 7 * 3600;

bool one_of(const std::string& value, std::initializer_list<const char*> allowed) {
  for (const char* a : allowed)
    if (value == a) return true;
  return false;
}

}  // namespace

std::optional<std::string> next_state(const std::string& state, const std::string& action) {
  if (state == "draft" && action == "open") return "open";
  if (state == "open" && action == "close") return "closed";
  if (state == "closed" && action == "reopen") return "open";
  return std::nullopt;
}

bool editable(const std::string& state) { return state == "draft"; }

bool accepts_answers(const std::string& state) { return state == "open"; }

std::vector<FieldError> validate_campaign(const CampaignDraft& d, const std::string& today) {
  std::vector<FieldError> errors;
  const auto title = trim(d.title);
  if (title.empty())
    errors.push_back({"title", "error.required"});
  else if (char_count(title) > 200)
    errors.push_back({"title", "error.too_long"});
  if (d.deadline.empty())
    errors.push_back({"deadline", "error.required"});
  else if (!valid_iso_date(d.deadline, 2000, 2100))
    errors.push_back({"deadline", "error.date"});
  else if (d.deadline < today)
    errors.push_back({"deadline", "validation.error.deadline_past"});
  if (!d.filter.source.empty() && !one_of(d.filter.source, {"lumbung", "kipp", "iga", "labinov"}))
    errors.push_back({"source", "error.invalid_choice"});
  if (d.filter.year != 0 && (d.filter.year < 1900 || d.filter.year > 2100))
    errors.push_back({"year", "error.out_of_range"});
  if (!d.filter.unverified_since.empty() && !valid_iso_date(d.filter.unverified_since, 1900, 2100))
    errors.push_back({"unverified_since", "error.date"});
  return errors;
}

std::vector<FieldError> validate_answer(const Answer& a) {
  std::vector<FieldError> errors;
  if (a.status.empty())
    errors.push_back({"status", "error.required"});
  else if (!one_of(a.status, {"berlanjut", "berkembang", "berhenti"}))
    errors.push_back({"status", "error.invalid_choice"});
  if (char_count(a.results) > 5000) errors.push_back({"results", "error.too_long"});
  if (char_count(a.figures) > 5000) errors.push_back({"figures", "error.too_long"});
  if (!a.evidence_url.empty()) {
    const bool web = a.evidence_url.rfind("https://", 0) == 0 || a.evidence_url.rfind("http://", 0) == 0;
    if (!web || a.evidence_url.size() > 2000 || a.evidence_url.find_first_of(" \t\r\n") != std::string::npos)
      errors.push_back({"evidence_url", "validation.error.url"});
  }
  if (trim(a.contact_name).empty())
    errors.push_back({"contact_name", "error.required"});
  else if (char_count(a.contact_name) > 200)
    errors.push_back({"contact_name", "error.too_long"});
  if (char_count(a.contact_phone) > 40) errors.push_back({"contact_phone", "error.too_long"});
  if (!a.contact_email.empty()) {
    const auto at = a.contact_email.find('@');
    if (at == std::string::npos || at == 0 || a.contact_email.find('.', at) == std::string::npos ||
        a.contact_email.size() > 254)
      errors.push_back({"contact_email", "error.email"});
  }
  return errors;
}

std::string innovation_status(const std::string& answer_status) {
  return answer_status == "berhenti" ? "berhenti" : "berlanjut";
}

std::int64_t start_of_day(const std::string& date) {
  if (!valid_iso_date(date, 1900, 2999)) return 0;
  std::tm tm{};
  if (std::sscanf(date.c_str(), "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) return 0;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  return static_cast<std::int64_t>(timegm(&tm)) - kWib;
}

std::int64_t end_of_day(const std::string& date) {
  const auto start = start_of_day(date);
  return start == 0 ? 0 : start + 86400;
}

std::string local_date(std::int64_t t) {
  std::time_t local = static_cast<std::time_t>(t + kWib);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

nlohmann::json filter_to_json(const CampaignFilter& f) {
  return {{"source", f.source}, {"year", f.year}, {"region", f.region}, {"unverified_since", f.unverified_since}};
}

CampaignFilter filter_from_json(const nlohmann::json& j) {
  CampaignFilter f;
  if (!j.is_object()) return f;
  if (auto it = j.find("source"); it != j.end() && it->is_string()) f.source = it->get<std::string>();
  if (auto it = j.find("year"); it != j.end() && it->is_number_integer()) f.year = it->get<int>();
  if (auto it = j.find("region"); it != j.end() && it->is_string()) f.region = it->get<std::string>();
  if (auto it = j.find("unverified_since"); it != j.end() && it->is_string())
    f.unverified_since = it->get<std::string>();
  return f;
}

std::string group_digits(std::int64_t n, const std::string& lang) {
  const char sep = lang == "en" ? ',' : '.';
  std::string digits = std::to_string(n < 0 ? -n : n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace lumbung::validation
