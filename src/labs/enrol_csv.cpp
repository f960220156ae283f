#include "labs/enrol_csv.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "directory/innovation_rules.hpp"

namespace lumbung::labs {

namespace {

constexpr std::size_t kMaxValueChars = 200;
constexpr std::array<std::string_view, 4> kColumns = {"unit", "email", "name", "coach_email"};

std::string lower(std::string s) {
  for (auto& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

struct Record {
  int row = 0;
  std::vector<std::string> fields;
};

// Splits the text into records; false (with the row) on an unterminated quote.
bool split(std::string_view text, char sep, std::vector<Record>& out, int& bad_row) {
  Record current{1, {}};
  std::string field;
  bool quoted = false, field_started = false;
  int row = 1;
  std::size_t i = 0;
  auto end_record = [&] {
    current.fields.push_back(std::move(field));
    field.clear();
    field_started = false;
    const bool blank = current.fields.size() == 1 && trim(current.fields[0]).empty();
    if (!blank) out.push_back(std::move(current));
    current = Record{row + 1, {}};
  };
  while (i < text.size()) {
    const char c = text[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        ++i;
        continue;
      }
      if (c == '\n') ++row;
      field += c;
      ++i;
      continue;
    }
    if (c == '"' && !field_started) {
      quoted = true;
      field_started = true;
      ++i;
      continue;
    }
    if (c == sep) {
      current.fields.push_back(std::move(field));
      field.clear();
      field_started = false;
      ++i;
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    if (c == '\n' || c == '\r') {
      end_record();
      ++row;
      current.row = row;
      ++i;
      continue;
    }
    field += c;
    field_started = true;
    ++i;
  }
  if (quoted) {
    bad_row = current.row;
    return false;
  }
  if (field_started || !field.empty() || !current.fields.empty()) end_record();
  return true;
}

}  // namespace

EnrolmentParse parse_enrolment_csv(std::string_view text) {
  EnrolmentParse out;
  if (text.size() > kMaxEnrolmentBytes) {
    out.problems.push_back({0, "", "lab.csv.too_large"});
    return out;
  }
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const auto first_line = text.substr(0, text.find('\n'));
  const char sep =
      first_line.find(';') != std::string_view::npos && first_line.find(',') == std::string_view::npos ? ';' : ',';
  std::vector<Record> records;
  int bad_row = 0;
  if (!split(text, sep, records, bad_row)) {
    out.problems.push_back({bad_row, "", "lab.csv.unterminated_quote"});
    return out;
  }
  if (records.empty()) {
    out.problems.push_back({1, "unit", "lab.csv.missing_column"});
    return out;
  }
  // Header: the position of each known column.
  std::array<std::optional<std::size_t>, kColumns.size()> at;
  const auto& header = records.front();
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    const auto name = lower(trim(header.fields[i]));
    const auto it = std::find(kColumns.begin(), kColumns.end(), name);
    if (it == kColumns.end()) {
      out.problems.push_back({1, name.size() > 40 ? name.substr(0, 40) : name, "lab.csv.unknown_column"});
      continue;
    }
    auto& slot = at[static_cast<std::size_t>(it - kColumns.begin())];
    if (slot) out.problems.push_back({1, name, "lab.csv.duplicate_column"});
    slot = i;
  }
  if (!at[0]) out.problems.push_back({1, "unit", "lab.csv.missing_column"});
  if (!out.problems.empty()) return out;
  if (records.size() - 1 > kMaxEnrolmentRows) {
    out.problems.push_back({0, "", "lab.csv.too_many_rows"});
    return out;
  }
  for (std::size_t r = 1; r < records.size(); ++r) {
    const auto& rec = records[r];
    if (rec.fields.size() > header.fields.size()) {
      out.problems.push_back({rec.row, "", "lab.csv.extra_fields"});
      continue;
    }
    EnrolmentRow row;
    row.line = rec.row;
    std::string* targets[] = {&row.unit, &row.email, &row.name, &row.coach_email};
    bool ok = true;
    for (std::size_t c = 0; c < kColumns.size(); ++c) {
      if (!at[c] || *at[c] >= rec.fields.size()) continue;
      auto value = trim(rec.fields[*at[c]]);
      if (!directory::clean_text(value)) {
        out.problems.push_back({rec.row, std::string(kColumns[c]), "lab.csv.invalid_text"});
        ok = false;
        continue;
      }
      if (char_count(value) > kMaxValueChars) {
        out.problems.push_back({rec.row, std::string(kColumns[c]), "lab.csv.too_long"});
        ok = false;
        continue;
      }
      *targets[c] = std::move(value);
    }
    if (ok && row.unit.empty()) {
      out.problems.push_back({rec.row, "unit", "lab.csv.required"});
      ok = false;
    }
    if (ok && row.email.empty() && !row.name.empty()) {
      out.problems.push_back({rec.row, "email", "lab.csv.required"});
      ok = false;
    }
    if (ok) out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace lumbung::labs
