// Exports of the repository in Lumbung's own formats, streamed: rows are
// read a page at a time (keyset pages of the directory) and written as they
// come, so memory stays flat however many innovations there are.
//
//   csv    Lumbung's CSV (docs/csv-format.md): UTF-8 with a BOM (Excel then
//          reads it as UTF-8), ',' separators, CRLF, the columns of
//          import_fields(); a cell starting with = + - @ or ' gets an
//          apostrophe in front so spreadsheets show it as text (the CSV
//          reader removes it again, so export -> import round-trips).
//   xlsx   The same columns in one worksheet (libxlsxwriter in constant
//          memory mode: rows are flushed to disk as they are written).
//   jsonl  One interchange object (innovation_json.hpp) per line.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "directory/innovation.hpp"
#include "directory/innovation_service.hpp"

namespace lumbung::curation {

enum class ExportFormat { csv, xlsx, jsonl };
std::optional<ExportFormat> parse_export_format(std::string_view name);
const char* extension(ExportFormat format);
const char* content_type(ExportFormat format);

// The cells of one innovation in import_fields() order.
std::vector<std::string> export_cells(const directory::Innovation& innovation);
// One CSV line (CRLF at the end) with quoting and formula protection.
std::string csv_line(const std::vector<std::string>& cells);

// Called after each page with the rows written so far.
using ExportProgress = std::function<void(std::int64_t rows)>;

// Every innovation matching `filter` to `out` (csv or jsonl), newest change
// first. Returns the number of rows.
Result<std::int64_t> export_stream(directory::InnovationService& service, const directory::InnovationFilter& filter,
                                   ExportFormat format, std::ostream& out, const ExportProgress& progress = {});
// The same as an XLSX file at `path`.
Result<std::int64_t> export_xlsx(directory::InnovationService& service, const directory::InnovationFilter& filter,
                                 const std::string& path, const ExportProgress& progress = {});
// Any format to a file.
Result<std::int64_t> export_file(directory::InnovationService& service, const directory::InnovationFilter& filter,
                                 ExportFormat format, const std::string& path, const ExportProgress& progress = {});

// The open-data dump: every published innovation as innovations.csv and
// innovations.jsonl in `dir`, with data-dictionary.md and
// data-dictionary.csv describing each column. Returns the row count.
Result<std::int64_t> export_open_data(directory::InnovationService& service, const std::string& dir,
                                      const ExportProgress& progress = {});

// The data dictionary: column, type, meaning (Indonesian), allowed values.
struct ColumnDoc {
  std::string column;
  std::string type;
  std::string meaning;
  std::string values;
};
const std::vector<ColumnDoc>& data_dictionary();

}  // namespace lumbung::curation
