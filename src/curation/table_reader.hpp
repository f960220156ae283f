// Readers of the spreadsheets curators bring from other programmes (KIPP,
// IGA, Labinov exports, or Lumbung's own CSV): rows are yielded one at a time
// and never the whole file held in memory.
//
// CSV (RFC 4180 and what Excel writes): UTF-8 with or without a BOM; cells
// that are not valid UTF-8 are read as Windows-1252 and converted; separator
// ',' or ';' chosen from the first line (the one seen most outside quotes);
// quoted cells may hold separators, doubled quotes and line breaks; CRLF, LF
// and lone CR all end a row (a line break inside a cell becomes LF). An
// unterminated quote is an error naming the row where the quote opened.
//
// XLSX (Office Open XML, a zip of XML): the first worksheet, cells as the
// text Excel shows for strings, numbers as stored, booleans as TRUE/FALSE;
// shared strings are the only thing kept in memory (capped).
//
// Both: a row with more than max_columns cells or a cell longer than
// max_cell_bytes is an error naming the row, not a blow-up. Formulas are
// never evaluated: a CSV cell "=SUM(A1)" is the text "=SUM(A1)"; an XLSX
// formula cell yields its cached value. A leading apostrophe that Lumbung's
// export puts before =, +, - or @ (so spreadsheets do not run the cell) is
// removed again.
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace lumbung::curation {

struct ReadLimits {
  std::size_t max_columns = 500;
  std::size_t max_cell_bytes = 64 * 1024;
  std::size_t max_shared_string_bytes = 64 * 1024 * 1024;  // XLSX string table
};

struct SheetRow {
  int number = 0;  // 1-based row number in the file (the header is row 1 in a CSV)
  std::vector<std::string> cells;
};

// Errors are ErrorCode::invalid with one FieldError {field: row number as
// text, key: i18n key} so pages can say "baris 12: tanda kutip tidak ditutup":
//   curation.read.unterminated_quote, curation.read.too_many_columns,
//   curation.read.cell_too_long, curation.read.bad_xlsx, curation.read.too_large
class TableReader {
 public:
  virtual ~TableReader() = default;
  // The next row (blank rows are skipped); false at the end of the file.
  virtual Result<bool> next(SheetRow& row) = 0;
  // "csv" or "xlsx".
  virtual const char* format() const = 0;
  // "utf-8" or "windows-1252" (CSV: once any cell was converted).
  virtual std::string encoding() const { return "utf-8"; }
  // CSV: the separator found (',' or ';'); XLSX: 0.
  virtual char separator() const { return 0; }
};

// CSV from a stream the caller keeps open while reading.
std::unique_ptr<TableReader> csv_reader(std::istream& in, ReadLimits limits = {});
// XLSX from a file, or from bytes the caller keeps alive while reading.
Result<std::unique_ptr<TableReader>> xlsx_reader_file(const std::string& path, ReadLimits limits = {});
Result<std::unique_ptr<TableReader>> xlsx_reader_memory(std::string_view bytes, ReadLimits limits = {});

// Opens a file by its content: a zip (PK\3\4) is XLSX, anything else CSV.
// The reader owns the file.
Result<std::unique_ptr<TableReader>> open_table(const std::string& path, ReadLimits limits = {});

// Text helpers the readers use, exposed for tests.
bool valid_utf8(std::string_view s);
std::string windows1252_to_utf8(std::string_view s);
// "A" -> 0, "Z" -> 25, "AA" -> 26 (letters of a cell reference like "AB12"); -1 if none.
int column_index(std::string_view cell_ref);

}  // namespace lumbung::curation
