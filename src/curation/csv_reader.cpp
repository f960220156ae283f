#include <array>
#include <fstream>

#include "curation/table_reader.hpp"

namespace lumbung::curation {

namespace {

Error read_error(int row, const char* key, const std::string& detail) {
  return Error(ErrorCode::invalid, "read_table: row " + std::to_string(row) + ": " + detail + " (" + key + ")",
               {{std::to_string(row), key}});
}

// Undoes the apostrophe Lumbung's export puts before a cell a spreadsheet
// would otherwise run as a formula (see export_writer.hpp).
void unprotect(std::string& cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && std::string_view("=+-@'").find(cell[1]) != std::string_view::npos)
    cell.erase(0, 1);
}

class CsvReader final : public TableReader {
 public:
  CsvReader(std::istream& in, ReadLimits limits) : in_(in), limits_(limits) {}

  const char* format() const override { return "csv"; }
  std::string encoding() const override { return converted_ ? "windows-1252" : "utf-8"; }
  char separator() const override { return sep_; }

  Result<bool> next(SheetRow& row) override {
    if (!started_) start();
    for (;;) {
      if (failed_) return Error(ErrorCode::invalid, "read_table: reading after an error");
      auto got = record(row);
      if (!got) {
        failed_ = true;
        return got.error();
      }
      if (!*got) return false;
      if (row.cells.size() == 1 && row.cells[0].empty()) continue;  // blank line
      return true;
    }
  }

 private:
  int peek() {
    if (pos_ >= buf_.size() && !fill()) return -1;
    return static_cast<unsigned char>(buf_[pos_]);
  }
  int get() {
    int c = peek();
    if (c >= 0) ++pos_;
    return c;
  }
  bool fill() {
    if (eof_) return false;
    buf_.erase(0, pos_);
    pos_ = 0;
    std::array<char, 64 * 1024> chunk;
    in_.read(chunk.data(), chunk.size());
    auto n = in_.gcount();
    if (n <= 0) {
      eof_ = true;
      return false;
    }
    buf_.append(chunk.data(), static_cast<std::size_t>(n));
    return true;
  }

  // Skips a BOM and picks the separator from the first line.
  void start() {
    started_ = true;
    while (buf_.size() < 3 && fill()) {
    }
    if (buf_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
    // Look at the first line (as far as 64 KiB reach) for the separator.
    if (buf_.size() - pos_ < 64 * 1024) fill();
    std::size_t commas = 0, semicolons = 0;
    bool quoted = false;
    for (std::size_t i = pos_; i < buf_.size(); ++i) {
      char c = buf_[i];
      if (c == '"') quoted = !quoted;
      if (quoted) continue;
      if (c == '\n' || c == '\r') break;
      if (c == ',') ++commas;
      if (c == ';') ++semicolons;
    }
    sep_ = semicolons > commas ? ';' : ',';
  }

  Status finish_cell(std::vector<std::string>& cells, std::string& cell, int row) {
    if (!valid_utf8(cell)) {
      cell = windows1252_to_utf8(cell);
      converted_ = true;
    }
    unprotect(cell);
    if (cells.size() >= limits_.max_columns)
      return read_error(row, "curation.read.too_many_columns",
                        "more than " + std::to_string(limits_.max_columns) + " columns");
    cells.push_back(std::move(cell));
    cell.clear();
    return {};
  }

  // One record; false at the end of the input.
  Result<bool> record(SheetRow& row) {
    row.cells.clear();
    row.number = ++record_;
    std::string cell;
    if (peek() < 0) return false;
    enum { unquoted, quoted, after_quote } state = unquoted;
    bool cell_started = false;  // a quote may open a cell only at its start
    for (;;) {
      int c = get();
      if (c < 0) {
        if (state == quoted) return read_error(row.number, "curation.read.unterminated_quote", "a quote is not closed");
        if (auto st = finish_cell(row.cells, cell, row.number); !st) return st.error();
        return true;
      }
      if (cell.size() > limits_.max_cell_bytes)
        return read_error(row.number, "curation.read.cell_too_long",
                          "a cell is longer than " + std::to_string(limits_.max_cell_bytes) + " bytes");
      if (state == quoted) {
        if (c == '"') {
          state = after_quote;
        } else if (c == '\r') {
          if (peek() == '\n') get();
          cell += '\n';
        } else {
          cell += static_cast<char>(c);
        }
        continue;
      }
      if (state == after_quote) {
        if (c == '"') {  // a doubled quote inside a quoted cell
          cell += '"';
          state = quoted;
          continue;
        }
        state = unquoted;  // text after the closing quote joins the cell
      }
      if (c == sep_) {
        if (auto st = finish_cell(row.cells, cell, row.number); !st) return st.error();
        cell_started = false;
        continue;
      }
      if (c == '\r' || c == '\n') {
        if (c == '\r' && peek() == '\n') get();
        if (auto st = finish_cell(row.cells, cell, row.number); !st) return st.error();
        return true;
      }
      if (c == '"' && !cell_started) {
        state = quoted;
        cell_started = true;
        continue;
      }
      cell_started = true;
      cell += static_cast<char>(c);
    }
  }

  std::istream& in_;
  ReadLimits limits_;
  std::string buf_;
  std::size_t pos_ = 0;
  bool eof_ = false;
  bool started_ = false;
  bool failed_ = false;
  bool converted_ = false;
  char sep_ = ',';
  int record_ = 0;
};

// A CSV reader that owns its file.
class CsvFileReader final : public TableReader {
 public:
  CsvFileReader(const std::string& path, ReadLimits limits)
      : file_(path, std::ios::binary), reader_(csv_reader(file_, limits)) {}
  Result<bool> next(SheetRow& row) override { return reader_->next(row); }
  const char* format() const override { return "csv"; }
  std::string encoding() const override { return reader_->encoding(); }
  char separator() const override { return reader_->separator(); }
  bool open() const { return file_.is_open(); }

 private:
  std::ifstream file_;
  std::unique_ptr<TableReader> reader_;
};

}  // namespace

std::unique_ptr<TableReader> csv_reader(std::istream& in, ReadLimits limits) {
  return std::make_unique<CsvReader>(in, limits);
}

Result<std::unique_ptr<TableReader>> open_table(const std::string& path, ReadLimits limits) {
  std::ifstream probe(path, std::ios::binary);
  if (!probe) return Error(ErrorCode::not_found, "open_table: cannot open " + path);
  char magic[4] = {};
  probe.read(magic, 4);
  if (probe.gcount() == 4 && std::string_view(magic, 4) == std::string_view("PK\x03\x04", 4))
    return xlsx_reader_file(path, limits);
  auto reader = std::make_unique<CsvFileReader>(path, limits);
  if (!reader->open()) return Error(ErrorCode::not_found, "open_table: cannot open " + path);
  return std::unique_ptr<TableReader>(std::move(reader));
}

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t n;
    std::uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      n = 1;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 2;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + n >= s.size()) return false;
    for (std::size_t k = 1; k <= n; ++k) {
      auto d = static_cast<unsigned char>(s[i + k]);
      if ((d & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += n + 1;
  }
  return true;
}

std::string windows1252_to_utf8(std::string_view s) {
  // 0x80..0x9F in Windows-1252; 0 marks the five unassigned bytes (kept as U+FFFD).
  static constexpr std::uint16_t high[32] = {0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
                                             0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017D, 0,
                                             0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
                                             0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (unsigned char c : s) {
    std::uint32_t cp = c;
    if (c >= 0x80 && c < 0xA0) cp = high[c - 0x80] ? high[c - 0x80] : 0xFFFD;
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  return out;
}

int column_index(std::string_view ref) {
  int col = 0;
  std::size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 1'000'000) return -1;
  }
  return i == 0 ? -1 : col - 1;
}

}  // namespace lumbung::curation
