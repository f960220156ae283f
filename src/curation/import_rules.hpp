// Pure rules of an import (no SQL): Lumbung's import fields, the column
// mapping of a source, and how one row of cells becomes an InnovationDraft
// plus the row's problems in words a curator understands.
//
// A mapping says, for each Lumbung field, which column header of the source
// file holds it. It is saved per source (kipp, iga, labinov, lumbung) and
// reused; headers are compared without case, spaces or punctuation. Fields
// without a column keep what the innovation already has (or the default for
// a new one), so a source that lacks e.g. contact_email never clears it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "directory/innovation.hpp"

namespace lumbung::curation {

// The four sources an import may name (same as directory source_program).
bool is_import_source(std::string_view source);

// Lumbung's import/export columns, in the order of docs/csv-format.md:
// id, name, summary, problem, solution, novelty, beneficiaries, results,
// region_code, unit_name, sector, form, digital, stage, initiator, trial_date,
// implementation_date, budget_text, budget_amount, funding_source,
// contact_name, contact_email, contact_phone, source_program, source_id,
// year_started, status, last_verified_at, awards, state.
const std::vector<std::string>& import_fields();
// Fields an import of a source must map: source_id (not for lumbung, whose
// rows carry id or source_program/source_id) and name.
std::vector<std::string> required_fields(std::string_view source);

// field -> header as written in the file.
using Mapping = std::map<std::string, std::string>;

// "Nama  Inovasi-Daerah" -> "namainovasidaerah".
std::string normalize_header(std::string_view header);

// A mapping for `headers`: the saved one where its header is present, else
// the usual header of the source (e.g. "Nama Inovasi", "Tahapan Inovasi",
// "Nama SKPD"), else the Lumbung field name itself.
Mapping suggest_mapping(std::string_view source, const std::vector<std::string>& headers, const Mapping& saved);

// One problem of a row. key is an i18n key (curation.problem.*) whose text
// may use {{value}}; column is the file's header ("" for the whole row).
struct RowProblem {
  int row = 0;
  std::string column;
  std::string key;
  std::string value;
  bool warning = false;  // the row is still imported (e.g. as a draft)
  bool operator==(const RowProblem&) const = default;
};

// Column positions of the mapped fields in a header row; problems for a
// required field without a column or a mapped header missing from the file.
struct ColumnPlan {
  std::map<std::string, std::size_t> column;  // field -> index
  std::vector<RowProblem> problems;           // row 1
};
ColumnPlan plan_columns(std::string_view source, const Mapping& mapping, const std::vector<std::string>& headers);

// A row turned into the values of the mapped fields, converted to Lumbung's
// vocabularies ("Uji Coba" -> uji_coba, "Daring" -> digital true,
// "31/12/2020" -> 2020-12-31, "Rp 1.500.000" -> 1500000), with the problems
// found. `base` is the innovation as stored (or a fresh draft); fields not
// mapped keep its values.
struct ParsedRow {
  directory::InnovationDraft draft;
  std::int64_t id = 0;              // the "id" column (lumbung source only)
  std::vector<std::string> fields;  // the fields this row set
  std::vector<RowProblem> problems;
  bool ok() const;  // no problem other than warnings
};
ParsedRow parse_row(std::string_view source, const ColumnPlan& plan, int row_number,
                    const std::vector<std::string>& cells, const std::vector<std::string>& headers,
                    const directory::InnovationDraft& base);

// Vocabulary conversions used by parse_row (exposed for tests); nullopt when
// the text means nothing known.
std::optional<std::string> to_stage(std::string_view text);
std::optional<std::string> to_form(std::string_view text);
std::optional<std::string> to_initiator(std::string_view text);
std::optional<std::string> to_status(std::string_view text);
std::optional<bool> to_bool(std::string_view text);
std::optional<std::string> to_iso_date(std::string_view text);
std::optional<std::int64_t> to_amount(std::string_view text);
// "kipp:2019:Top 99; iga:2021:Inovasi Terbaik" or the JSON array of the
// interchange object.
std::optional<std::vector<directory::Award>> to_awards(std::string_view text);
std::string awards_text(const std::vector<directory::Award>& awards);

}  // namespace lumbung::curation
