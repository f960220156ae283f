#include <archive.h>
#include <archive_entry.h>
#include <expat.h>

#include <cstring>
#include <deque>

#include "curation/table_reader.hpp"

namespace lumbung::curation {

namespace {

Error bad_xlsx(const std::string& detail, int row = 0, const char* key = "curation.read.bad_xlsx") {
  return Error(ErrorCode::invalid, "read_xlsx: " + detail + " (" + key + ")", {{std::to_string(row), key}});
}

// "x:row" -> "row": some writers prefix the spreadsheetml namespace.
std::string_view local_name(const XML_Char* name) {
  std::string_view n(name);
  auto colon = n.rfind(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attribute(const XML_Char** attrs, std::string_view want) {
  for (int i = 0; attrs[i]; i += 2)
    if (local_name(attrs[i]) == want) return attrs[i + 1];
  return nullptr;
}

// Where the zip comes from: a file path or bytes in memory.
struct Source {
  std::string path;
  std::string_view bytes;
  bool in_memory = false;
};

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

Result<ArchivePtr> open_zip(const Source& src) {
  ArchivePtr a(archive_read_new());
  if (!a) return Error(ErrorCode::internal, "read_xlsx: archive_read_new failed");
  archive_read_support_format_zip(a.get());
  int rc = src.in_memory ? archive_read_open_memory(a.get(), src.bytes.data(), src.bytes.size())
                         : archive_read_open_filename(a.get(), src.path.c_str(), 64 * 1024);
  if (rc != ARCHIVE_OK) return bad_xlsx("not a zip file");
  return a;
}

struct ParserDeleter {
  void operator()(XML_Parser p) const { XML_ParserFree(p); }
};
using ParserPtr = std::unique_ptr<std::remove_pointer_t<XML_Parser>, ParserDeleter>;

// Collects the shared string table: the text of every <si>, its runs joined,
// phonetic hints (<rPh>) left out.
struct SharedStrings {
  std::vector<std::string> strings;
  std::string current;
  bool in_t = false;
  int in_rph = 0;
  std::size_t bytes = 0;
  std::size_t max_bytes = 0;
  bool too_large = false;
  XML_Parser parser = nullptr;

  static void start(void* self, const XML_Char* name, const XML_Char**) {
    auto* s = static_cast<SharedStrings*>(self);
    auto n = local_name(name);
    if (n == "si") s->current.clear();
    if (n == "rPh") ++s->in_rph;
    if (n == "t" && s->in_rph == 0) s->in_t = true;
  }
  static void end(void* self, const XML_Char* name) {
    auto* s = static_cast<SharedStrings*>(self);
    auto n = local_name(name);
    if (n == "t") s->in_t = false;
    if (n == "rPh" && s->in_rph > 0) --s->in_rph;
    if (n == "si") s->strings.push_back(std::move(s->current)), s->current.clear();
  }
  static void text(void* self, const XML_Char* data, int len) {
    auto* s = static_cast<SharedStrings*>(self);
    if (!s->in_t) return;
    s->bytes += static_cast<std::size_t>(len);
    if (s->bytes > s->max_bytes) {
      s->too_large = true;
      XML_StopParser(s->parser, XML_FALSE);
      return;
    }
    s->current.append(data, static_cast<std::size_t>(len));
  }
};

// Feeds the current archive entry to `parser` in chunks.
Status parse_entry(archive* a, XML_Parser parser, const char* what) {
  std::vector<char> chunk(64 * 1024);
  for (;;) {
    auto n = archive_read_data(a, chunk.data(), chunk.size());
    if (n < 0) return bad_xlsx(std::string(what) + ": damaged zip entry");
    if (XML_Parse(parser, chunk.data(), static_cast<int>(n), n == 0) == XML_STATUS_ERROR)
      return bad_xlsx(std::string(what) + ": " + XML_ErrorString(XML_GetErrorCode(parser)));
    if (n == 0) return {};
  }
}

bool is_worksheet(std::string_view path, int& number) {
  constexpr std::string_view prefix = "xl/worksheets/sheet";
  if (path.substr(0, prefix.size()) != prefix || path.size() < prefix.size() + 5 ||
      path.substr(path.size() - 4) != ".xml")
    return false;
  auto digits = path.substr(prefix.size(), path.size() - prefix.size() - 4);
  number = 0;
  for (char c : digits) {
    if (c < '0' || c > '9' || number > 100000) return false;
    number = number * 10 + (c - '0');
  }
  return !digits.empty();
}

class XlsxReader final : public TableReader {
 public:
  XlsxReader(Source src, ReadLimits limits) : src_(std::move(src)), limits_(limits) {}

  const char* format() const override { return "xlsx"; }

  // Pass one: the shared strings and the first worksheet's name; pass two
  // opens the zip again and stays on that worksheet.
  Status open() {
    auto a = open_zip(src_);
    if (!a) return a.error();
    archive_entry* entry = nullptr;
    int best = -1;
    for (;;) {
      int rc = archive_read_next_header(a->get(), &entry);
      if (rc == ARCHIVE_EOF) break;
      if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) return bad_xlsx("damaged zip");
      const char* p = archive_entry_pathname(entry);
      std::string_view path = p ? p : "";
      int number = 0;
      if (path == "xl/sharedStrings.xml") {
        ParserPtr parser(XML_ParserCreate("UTF-8"));
        SharedStrings ss;
        ss.max_bytes = limits_.max_shared_string_bytes;
        ss.parser = parser.get();
        XML_SetUserData(parser.get(), &ss);
        XML_SetElementHandler(parser.get(), &SharedStrings::start, &SharedStrings::end);
        XML_SetCharacterDataHandler(parser.get(), &SharedStrings::text);
        auto st = parse_entry(a->get(), parser.get(), "sharedStrings.xml");
        if (ss.too_large) return bad_xlsx("shared strings too large", 0, "curation.read.too_large");
        if (!st) return st;
        shared_ = std::move(ss.strings);
      } else if (is_worksheet(path, number) && (best < 0 || number < best)) {
        best = number;
        sheet_ = std::string(path);
      }
    }
    if (sheet_.empty()) return bad_xlsx("no worksheet");
    auto b = open_zip(src_);
    if (!b) return b.error();
    archive_ = std::move(*b);
    for (;;) {
      int rc = archive_read_next_header(archive_.get(), &entry);
      if (rc == ARCHIVE_EOF) return bad_xlsx("worksheet vanished");
      if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) return bad_xlsx("damaged zip");
      const char* p = archive_entry_pathname(entry);
      if (p && sheet_ == p) break;
    }
    parser_.reset(XML_ParserCreate("UTF-8"));
    XML_SetUserData(parser_.get(), this);
    XML_SetElementHandler(parser_.get(), &XlsxReader::start, &XlsxReader::end);
    XML_SetCharacterDataHandler(parser_.get(), &XlsxReader::text);
    return {};
  }

  Result<bool> next(SheetRow& row) override {
    std::vector<char> chunk(64 * 1024);
    while (ready_.empty()) {
      if (error_) return *error_;
      if (done_) return false;
      auto n = archive_read_data(archive_.get(), chunk.data(), chunk.size());
      if (n < 0) return fail(bad_xlsx("damaged worksheet", row_));
      if (XML_Parse(parser_.get(), chunk.data(), static_cast<int>(n), n == 0) == XML_STATUS_ERROR && !error_)
        return fail(bad_xlsx(std::string("worksheet: ") + XML_ErrorString(XML_GetErrorCode(parser_.get())), row_));
      if (n == 0) done_ = true;
    }
    row = std::move(ready_.front());
    ready_.pop_front();
    return true;
  }

 private:
  Error fail(Error e) {
    error_ = e;
    return e;
  }
  void stop(Error e) {
    if (!error_) error_ = std::move(e);
    XML_StopParser(parser_.get(), XML_FALSE);
  }

  static void start(void* self, const XML_Char* name, const XML_Char** attrs) {
    auto* r = static_cast<XlsxReader*>(self);
    auto n = local_name(name);
    if (n == "row") {
      const char* number = attribute(attrs, "r");
      int parsed = 0;
      if (number) {
        for (const char* c = number; *c >= '0' && *c <= '9' && parsed < 100'000'000; ++c)
          parsed = parsed * 10 + (*c - '0');
      }
      r->row_ = parsed > r->row_ ? parsed : r->row_ + 1;
      r->cells_.clear();
      r->next_col_ = 0;
    } else if (n == "c") {
      const char* ref = attribute(attrs, "r");
      int col = ref ? column_index(ref) : -1;
      r->col_ = col >= 0 ? col : r->next_col_;
      r->next_col_ = r->col_ + 1;
      const char* type = attribute(attrs, "t");
      r->type_ = type ? type : "n";
      r->value_.clear();
      if (static_cast<std::size_t>(r->col_) >= r->limits_.max_columns)
        r->stop(bad_xlsx("more than " + std::to_string(r->limits_.max_columns) + " columns", r->row_,
                         "curation.read.too_many_columns"));
    } else if (n == "v" || (n == "t" && r->type_ == "inlineStr")) {
      r->collecting_ = true;
    } else if (n == "rPh") {
      ++r->in_rph_;
    }
  }

  static void end(void* self, const XML_Char* name) {
    auto* r = static_cast<XlsxReader*>(self);
    auto n = local_name(name);
    if (n == "v" || n == "t") {
      r->collecting_ = false;
    } else if (n == "rPh") {
      if (r->in_rph_ > 0) --r->in_rph_;
    } else if (n == "c") {
      std::string text;
      if (r->type_ == "s") {
        std::size_t index = 0;
        bool digits = !r->value_.empty() && r->value_.size() < 10;
        for (char c : r->value_) digits = digits && c >= '0' && c <= '9', index = index * 10 + (c - '0');
        if (!digits || index >= r->shared_.size()) {
          r->stop(bad_xlsx("shared string index out of range", r->row_));
          return;
        }
        text = r->shared_[index];
      } else if (r->type_ == "b") {
        text = r->value_ == "1" ? "TRUE" : "FALSE";
      } else {
        text = std::move(r->value_);
      }
      if (text.empty()) return;
      if (r->cells_.size() <= static_cast<std::size_t>(r->col_)) r->cells_.resize(r->col_ + 1);
      r->cells_[r->col_] = std::move(text);
    } else if (n == "row") {
      if (!r->cells_.empty()) r->ready_.push_back({r->row_, std::move(r->cells_)});
      r->cells_.clear();
    }
  }

  static void text(void* self, const XML_Char* data, int len) {
    auto* r = static_cast<XlsxReader*>(self);
    if (!r->collecting_ || r->in_rph_ > 0) return;
    r->value_.append(data, static_cast<std::size_t>(len));
    if (r->value_.size() > r->limits_.max_cell_bytes) {
      r->collecting_ = false;
      r->stop(bad_xlsx("a cell is longer than " + std::to_string(r->limits_.max_cell_bytes) + " bytes", r->row_,
                       "curation.read.cell_too_long"));
    }
  }

  Source src_;
  ReadLimits limits_;
  std::vector<std::string> shared_;
  std::string sheet_;
  ArchivePtr archive_;
  ParserPtr parser_;
  std::deque<SheetRow> ready_;
  std::optional<Error> error_;
  bool done_ = false;
  // Parse state of the worksheet.
  int row_ = 0;
  int col_ = 0;
  int next_col_ = 0;
  int in_rph_ = 0;
  bool collecting_ = false;
  std::string type_;
  std::string value_;
  std::vector<std::string> cells_;
};

Result<std::unique_ptr<TableReader>> make(Source src, ReadLimits limits) {
  auto reader = std::make_unique<XlsxReader>(std::move(src), limits);
  if (auto st = reader->open(); !st) return st.error();
  return std::unique_ptr<TableReader>(std::move(reader));
}

}  // namespace

Result<std::unique_ptr<TableReader>> xlsx_reader_file(const std::string& path, ReadLimits limits) {
  return make(Source{path, {}, false}, limits);
}

Result<std::unique_ptr<TableReader>> xlsx_reader_memory(std::string_view bytes, ReadLimits limits) {
  return make(Source{{}, bytes, true}, limits);
}

}  // namespace lumbung::curation
