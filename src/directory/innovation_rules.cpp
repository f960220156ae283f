#include "directory/innovation_rules.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "directory/innovation_json.hpp"

namespace lumbung::directory {

namespace {

constexpr std::size_t kMaxName = 200;
constexpr std::size_t kMaxSummary = 2000;
constexpr std::size_t kMaxNarrative = 20000;  // problem, solution, novelty, beneficiaries, results
constexpr std::size_t kMaxShort = 300;        // budget text, funding, contact, unit name
constexpr int kFirstYear = 1990;
constexpr int kLastYear = 2100;

constexpr std::array<Transition, 6> kTransitions = {{
    {"draft", Action::submit, "review", false},
    {"review", Action::publish, "published", false},
    {"review", Action::send_back, "draft", true},
    {"review", Action::withdraw, "draft", false},
    {"published", Action::archive, "archived", false},
    {"archived", Action::restore, "published", false},
}};

constexpr std::array<const char*, 6> kActionNames = {"submit", "publish", "send_back", "withdraw", "archive", "restore"};
constexpr std::array<std::string_view, 4> kStates = {"draft", "review", "published", "archived"};
constexpr std::array<std::string_view, 3> kStages = {"inisiatif", "uji_coba", "penerapan"};
constexpr std::array<std::string_view, 3> kForms = {"pelayanan_publik", "tata_kelola", "lainnya"};
constexpr std::array<std::string_view, 5> kInitiators = {"kepala_daerah", "anggota_dprd", "opd", "asn", "masyarakat"};
constexpr std::array<std::string_view, 2> kStatuses = {"berlanjut", "berhenti"};
constexpr std::array<std::string_view, 4> kPrograms = {"lumbung", "kipp", "iga", "labinov"};
constexpr std::array<std::string_view, 10> kUnitKinds = {"opd",  "kecamatan", "kelurahan", "desa",    "puskesmas",
                                                         "rsud", "uptd",      "sekolah",   "bumd",    "lainnya"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& set, std::string_view s) {
  return std::find(set.begin(), set.end(), s) != set.end();
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A real date "YYYY-MM-DD" in the years the directory accepts.
bool valid_date(std::string_view s) { return valid_iso_date(s, kFirstYear, kLastYear); }

// A deliberately loose check: one '@', a dot in the domain, no spaces.
bool valid_email(std::string_view s) {
  const auto at = s.find('@');
  if (at == std::string_view::npos || at == 0 || s.find('@', at + 1) != std::string_view::npos) return false;
  const auto dot = s.find('.', at);
  if (dot == std::string_view::npos || dot == at + 1 || dot + 1 >= s.size()) return false;
  return std::none_of(s.begin(), s.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

bool valid_phone(std::string_view s) {
  int digits = 0;
  for (char c : s) {
    if (is_digit(c)) ++digits;
    else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')') return false;
  }
  return digits >= 6 && digits <= 15;
}

// "73", "73.72" (two digits per level).
bool valid_region_code(std::string_view s) {
  if (s.size() != 2 && s.size() != 5) return false;
  if (!is_digit(s[0]) || !is_digit(s[1])) return false;
  return s.size() == 2 || (s[2] == '.' && is_digit(s[3]) && is_digit(s[4]));
}

}  // namespace

std::span<const Transition> transitions() { return kTransitions; }

const char* to_string(Action action) { return kActionNames[static_cast<std::size_t>(action)]; }

std::optional<Action> parse_action(std::string_view name) {
  for (std::size_t i = 0; i < kActionNames.size(); ++i)
    if (name == kActionNames[i]) return static_cast<Action>(i);
  return std::nullopt;
}

Result<std::string> next_state(std::string_view from, Action action, std::string_view comment) {
  for (const auto& t : kTransitions) {
    if (t.from != from || t.action != action) continue;
    if (t.comment_required && blank(comment))
      return Error(ErrorCode::invalid, std::string(to_string(action)) + ": a comment is required",
                   {{"comment", "error.required"}});
    return std::string(t.to);
  }
  return Error(ErrorCode::conflict,
               std::string(to_string(action)) + ": not allowed from state " + std::string(from) + " (state)");
}

bool editable(std::string_view state) { return state == "draft" || state == "review" || state == "published"; }

bool is_state(std::string_view s) { return in(kStates, s); }
bool is_stage(std::string_view s) { return in(kStages, s); }
bool is_form(std::string_view s) { return in(kForms, s); }
bool is_initiator(std::string_view s) { return in(kInitiators, s); }
bool is_status(std::string_view s) { return in(kStatuses, s); }
bool is_source_program(std::string_view s) { return in(kPrograms, s); }
bool is_unit_kind(std::string_view s) { return in(kUnitKinds, s); }

bool clean_text(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f) return false;
      ++i;
      continue;
    }
    const int extra = (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 : (c & 0xf8) == 0xf0 ? 3 : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= s.size()) return false;
    std::uint32_t cp = c & (0x3f >> extra);
    for (int k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3f);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
      return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

std::vector<FieldError> validate_draft(const InnovationDraft& d) {
  std::vector<FieldError> errors;
  auto add = [&](const char* field, const char* key) { errors.push_back({field, key}); };
  auto max_len = [&](const char* field, const std::string& v, std::size_t n) {
    if (v.size() > n) add(field, "error.too_long");
  };
  auto choice = [&](const char* field, const std::string& v, bool (*ok)(std::string_view)) {
    if (!v.empty() && !ok(v)) add(field, "error.invalid_choice");
  };

  if (blank(d.name)) add("name", "error.required");
  else max_len("name", d.name, kMaxName);
  max_len("summary", d.summary, kMaxSummary);
  max_len("problem", d.problem, kMaxNarrative);
  max_len("solution", d.solution, kMaxNarrative);
  max_len("novelty", d.novelty, kMaxNarrative);
  max_len("beneficiaries", d.beneficiaries, kMaxNarrative);
  max_len("results", d.results, kMaxNarrative);
  if (!d.region_code.empty() && !valid_region_code(d.region_code)) add("region_code", "error.invalid_format");
  if (d.unit_id < 0) add("unit_id", "error.out_of_range");
  max_len("unit_name", d.unit_name, kMaxShort);
  max_len("sector", d.sector, 60);
  choice("form", d.form, is_form);
  choice("stage", d.stage, is_stage);
  choice("initiator", d.initiator, is_initiator);
  if (!d.trial_date.empty() && !valid_date(d.trial_date)) add("trial_date", "error.invalid_date");
  if (!d.implementation_date.empty() && !valid_date(d.implementation_date))
    add("implementation_date", "error.invalid_date");
  else if (!d.trial_date.empty() && !d.implementation_date.empty() && valid_date(d.trial_date) &&
           d.implementation_date < d.trial_date)
    add("implementation_date", "error.before_trial");
  max_len("budget_text", d.budget_text, kMaxShort);
  if (d.budget_amount < 0) add("budget_amount", "error.out_of_range");
  max_len("funding_source", d.funding_source, kMaxShort);
  max_len("contact_name", d.contact_name, kMaxShort);
  if (!d.contact_email.empty() && !valid_email(d.contact_email)) add("contact_email", "error.invalid_email");
  if (!d.contact_phone.empty() && !valid_phone(d.contact_phone)) add("contact_phone", "error.invalid_format");
  if (!is_source_program(d.source_program)) add("source_program", "error.invalid_choice");
  else if (d.source_program != "lumbung" && blank(d.source_id)) add("source_id", "error.required");
  max_len("source_id", d.source_id, 100);
  if (d.year_started != 0 && (d.year_started < kFirstYear || d.year_started > kLastYear))
    add("year_started", "error.out_of_range");
  if (!is_status(d.status)) add("status", "error.invalid_choice");
  if (d.last_verified_at < 0) add("last_verified_at", "error.out_of_range");
  if (!is_state(d.state)) add("state", "error.invalid_choice");
  // Every text must be valid UTF-8 without control characters (tabs and
  // newlines aside): it goes into JSON revisions, the index and pages.
  const std::pair<const char*, const std::string*> texts[] = {
      {"name", &d.name}, {"summary", &d.summary}, {"problem", &d.problem}, {"solution", &d.solution},
      {"novelty", &d.novelty}, {"beneficiaries", &d.beneficiaries}, {"results", &d.results},
      {"unit_name", &d.unit_name}, {"sector", &d.sector}, {"budget_text", &d.budget_text},
      {"funding_source", &d.funding_source}, {"contact_name", &d.contact_name}, {"source_id", &d.source_id}};
  for (const auto& [field, text] : texts)
    if (!clean_text(*text)) add(field, "error.invalid_text");
  for (const auto& a : d.awards)
    if (!clean_text(a.award) || !clean_text(a.program)) {
      add("awards", "error.invalid_text");
      break;
    }
  for (const auto& a : d.awards) {
    if (a.program.empty() || blank(a.award) || a.award.size() > kMaxShort) add("awards", "error.required");
    else if (a.year < kFirstYear || a.year > kLastYear) add("awards", "error.out_of_range");
    else continue;
    break;
  }
  return errors;
}

std::vector<FieldError> validate_for_review(const InnovationDraft& d) {
  auto errors = validate_draft(d);
  auto need = [&](const char* field, const std::string& v) {
    if (blank(v) && std::none_of(errors.begin(), errors.end(), [&](const FieldError& e) { return e.field == field; }))
      errors.push_back({field, "error.required"});
  };
  need("summary", d.summary);
  need("problem", d.problem);
  need("solution", d.solution);
  need("results", d.results);
  need("region_code", d.region_code);
  need("sector", d.sector);
  need("form", d.form);
  need("stage", d.stage);
  return errors;
}

std::string guess_unit_kind(std::string_view name) {
  static constexpr std::pair<std::string_view, std::string_view> kPrefixes[] = {
      {"Dinas ", "opd"},         {"Badan ", "opd"},           {"Sekretariat ", "opd"}, {"Inspektorat", "opd"},
      {"Satuan Polisi", "opd"},  {"Bagian ", "opd"},          {"Kecamatan ", "kecamatan"},
      {"Kelurahan ", "kelurahan"}, {"Desa ", "desa"},         {"Puskesmas ", "puskesmas"},
      {"RSUD ", "rsud"},         {"Rumah Sakit ", "rsud"},    {"UPTD ", "uptd"},       {"UPT ", "uptd"},
      {"SD ", "sekolah"},        {"SMP ", "sekolah"},         {"SMA ", "sekolah"},     {"SMK ", "sekolah"},
      {"Sekolah ", "sekolah"},   {"Perumda ", "bumd"},        {"PDAM ", "bumd"},       {"PD ", "bumd"},
      {"Bank ", "bumd"},         {"PT ", "bumd"}};
  for (const auto& [prefix, kind] : kPrefixes)
    if (name.substr(0, prefix.size()) == prefix) return std::string(kind);
  return "lainnya";
}

std::string make_slug(std::string_view name) {
  std::string out;
  bool dash = false;
  for (char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) && c < 0x80) {
      if (dash && !out.empty()) out.push_back('-');
      out.push_back(static_cast<char>(std::tolower(c)));
      dash = false;
    } else {
      dash = true;
    }
    if (out.size() >= 80) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "inovasi" : out;
}

std::vector<FieldChange> diff_revisions(const std::string& before_json, const std::string& after_json) {
  auto parse = [](const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    return j.is_object() ? j : nlohmann::json::object();
  };
  const auto a = parse(before_json), b = parse(after_json);
  auto show = [](const nlohmann::json& obj, const std::string& key) -> std::string {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return "";
    return it->is_string() ? it->get<std::string>() : it->dump();
  };
  std::vector<std::string> keys(interchange_fields().begin(), interchange_fields().end());
  std::vector<std::string> extra;
  for (const auto* obj : {&a, &b})
    for (const auto& [k, v] : obj->items())
      if (std::find(keys.begin(), keys.end(), k) == keys.end() &&
          std::find(extra.begin(), extra.end(), k) == extra.end())
        extra.push_back(k);
  std::sort(extra.begin(), extra.end());
  keys.insert(keys.end(), extra.begin(), extra.end());
  std::vector<FieldChange> changes;
  for (const auto& key : keys) {
    if (key == "version" || key == "updated_at") continue;
    auto ia = a.find(key), ib = b.find(key);
    const bool has_a = ia != a.end(), has_b = ib != b.end();
    if (has_a && has_b && *ia == *ib) continue;
    if (!has_a && !has_b) continue;
    changes.push_back({key, show(a, key), show(b, key)});
  }
  return changes;
}

}  // namespace lumbung::directory
