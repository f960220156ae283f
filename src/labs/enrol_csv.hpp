// The enrolment CSV an organiser uploads or pastes: one row per unit (and
// optionally one person of it to invite, and the unit's coach). Pure parser
// (no SQL): the service resolves names and emails and writes all rows or none.
//
// Format: RFC 4180 (quoted fields may hold separators, quotes doubled, line
// breaks), UTF-8 with or without a BOM, separator ',' or ';' (Excel in
// Indonesian locales writes ';'; taken from the header line). The header names
// the columns in any order, case-insensitive: "unit" (required), "email",
// "name", "coach_email". Blank lines are skipped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace lumbung::labs {

struct EnrolmentRow {
  int line = 0;  // row number in the file (the header is row 1)
  std::string unit;
  std::string email;
  std::string name;
  std::string coach_email;
};

struct CsvProblem {
  int row = 0;         // 1 = header
  std::string column;  // column name, "" for the whole row
  std::string key;     // i18n key: lab.csv.<reason>
  friend bool operator==(const CsvProblem&, const CsvProblem&) = default;
};

inline constexpr std::size_t kMaxEnrolmentBytes = 1 << 20;
inline constexpr std::size_t kMaxEnrolmentRows = 2000;

struct EnrolmentParse {
  std::vector<EnrolmentRow> rows;
  std::vector<CsvProblem> problems;  // empty when every row is well-formed
};

// Splits and checks the file: missing/unknown/duplicate header columns, an
// unterminated quote, a row with more fields than the header, an empty unit,
// text that is not UTF-8 or holds control characters, over-long values (200
// characters), too many rows or bytes. Never throws.
EnrolmentParse parse_enrolment_csv(std::string_view text);

}  // namespace lumbung::labs
