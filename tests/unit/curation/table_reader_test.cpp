// The CSV and XLSX readers on nasty files: BOM, encodings, separators,
// line ends, quotes, huge rows, formulas, damaged zips.
#include "curation/table_reader.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <fstream>
#include <sstream>

#include "support/test_dirs.hpp"

namespace lumbung::curation {
namespace {

struct ReadAll {
  std::vector<SheetRow> rows;
  std::optional<Error> error;
  std::string encoding;
  char separator = 0;
};

ReadAll read_reader(TableReader& reader) {
  ReadAll out;
  SheetRow row;
  for (;;) {
    auto got = reader.next(row);
    if (!got) {
      out.error = got.error();
      break;
    }
    if (!*got) break;
    out.rows.push_back(row);
  }
  out.encoding = reader.encoding();
  out.separator = reader.separator();
  return out;
}

ReadAll read_csv(const std::string& text, ReadLimits limits = {}) {
  std::istringstream in(text);
  auto reader = csv_reader(in, limits);
  return read_reader(*reader);
}

using Cells = std::vector<std::string>;

TEST(CsvReader, ReadsCommaSeparatedRowsWithRowNumbers) {
  auto r = read_csv("id,name\n1,Sipandu\n2,Lapor\n");
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[0].cells, (Cells{"id", "name"}));
  EXPECT_EQ(r.rows[2].cells, (Cells{"2", "Lapor"}));
  EXPECT_EQ(r.rows[2].number, 3);
  EXPECT_EQ(r.separator, ',');
}

TEST(CsvReader, SkipsTheBomAndDetectsSemicolons) {
  auto r = read_csv("\xEF\xBB\xBFid;nama;catatan\n1;Sipandu;a,b\n");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.separator, ';');
  EXPECT_EQ(r.rows[0].cells, (Cells{"id", "nama", "catatan"}));
  EXPECT_EQ(r.rows[1].cells, (Cells{"1", "Sipandu", "a,b"}));
}

TEST(CsvReader, QuotedCellsHoldSeparatorsQuotesAndLineBreaks) {
  auto r = read_csv("a,b\r\n\"x, y\",\"baris 1\r\nbaris \"\"2\"\"\"\r\nz,w\r\n");
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.rows.size(), 3u);
  EXPECT_EQ(r.rows[1].cells, (Cells{"x, y", "baris 1\nbaris \"2\""}));
  EXPECT_EQ(r.rows[2].cells, (Cells{"z", "w"}));
  EXPECT_EQ(r.rows[2].number, 3);  // a multi-line cell is one row, as in a spreadsheet
}

TEST(CsvReader, MixedLineEndsAndBlankLines) {
  auto r = read_csv("a,b\r\n1,2\n3,4\r5,6\n\n\r\n7,8");
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.rows.size(), 5u);
  EXPECT_EQ(r.rows[3].cells, (Cells{"5", "6"}));
  EXPECT_EQ(r.rows[4].cells, (Cells{"7", "8"}));
  EXPECT_EQ(r.rows[4].number, 7);
}

TEST(CsvReader, UnterminatedQuoteNamesTheRowWhereItOpened) {
  auto r = read_csv("a,b\n1,2\n3,\"tidak ditutup\n4,5\n6,7\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.rows.size(), 2u);
  ASSERT_EQ(r.error->fields().size(), 1u);
  EXPECT_EQ(r.error->fields()[0].field, "3");
  EXPECT_EQ(r.error->fields()[0].key, "curation.read.unterminated_quote");
}

TEST(CsvReader, TenThousandColumnsIsAClearError) {
  std::string wide = "a";
  for (int i = 0; i < 10000; ++i) wide += ",x";
  auto r = read_csv("h\n" + wide + "\n");
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->fields()[0].field, "2");
  EXPECT_EQ(r.error->fields()[0].key, "curation.read.too_many_columns");
}

TEST(CsvReader, AHugeCellIsAClearError) {
  ReadLimits limits;
  limits.max_cell_bytes = 1000;
  auto r = read_csv("h\n\"" + std::string(5000, 'x') + "\"\n", limits);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->fields()[0].key, "curation.read.cell_too_long");
}

TEST(CsvReader, Windows1252CellsBecomeUtf8) {
  // "Caf\xe9" and a curly quote (0x93/0x94) and the euro sign (0x80) in Windows-1252.
  auto r = read_csv(
      "nama\nCaf\xE9 \x93kopi\x94 \x80"
      "5\n");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.rows[1].cells[0],
            "Caf\xC3\xA9 \xE2\x80\x9Ckopi\xE2\x80\x9D \xE2\x82\xAC"
            "5");
  EXPECT_EQ(r.encoding, "windows-1252");
  EXPECT_EQ(read_csv("nama\nCaf\xC3\xA9\n").encoding, "utf-8");
}

TEST(CsvReader, FormulasStayText) {
  auto r = read_csv("a,b,c\n=SUM(A1:A9),'=HYPERLINK(\"x\"),@cmd\n");
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.rows[1].cells, (Cells{"=SUM(A1:A9)", "=HYPERLINK(\"x\")", "@cmd"}));
}

TEST(CsvReader, EmptyInputHasNoRows) {
  auto r = read_csv("");
  EXPECT_FALSE(r.error);
  EXPECT_TRUE(r.rows.empty());
}

TEST(CsvReader, StreamsALargeFileRowByRow) {
  std::string text = "id,name\n";
  for (int i = 0; i < 20000; ++i) text += std::to_string(i) + ",\"nama " + std::to_string(i) + "\"\n";
  auto r = read_csv(text);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.rows.size(), 20001u);
  EXPECT_EQ(r.rows.back().cells[1], "nama 19999");
}

TEST(TextHelpers, Utf8AndColumns) {
  EXPECT_TRUE(valid_utf8("Kab. Bantaeng \xE2\x80\x94 ok"));
  EXPECT_FALSE(valid_utf8("\xC0\xAF"));      // overlong
  EXPECT_FALSE(valid_utf8("\xED\xA0\x80"));  // surrogate
  EXPECT_FALSE(valid_utf8("abc\xE2\x80"));   // cut short
  EXPECT_EQ(column_index("A1"), 0);
  EXPECT_EQ(column_index("Z9"), 25);
  EXPECT_EQ(column_index("AA10"), 26);
  EXPECT_EQ(column_index("12"), -1);
}

std::string write_xlsx(const std::vector<std::vector<std::string>>& rows) {
  auto path = (test::fresh_dir("xlsx") / "t.xlsx").string();
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* ws = workbook_add_worksheet(wb, nullptr);
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (std::size_t c = 0; c < rows[r].size(); ++c) {
      const auto& v = rows[r][c];
      if (!v.empty() && v.find_first_not_of("0123456789") == std::string::npos)
        worksheet_write_number(ws, r, c, std::stod(v), nullptr);
      else if (!v.empty())
        worksheet_write_string(ws, r, c, v.c_str(), nullptr);
    }
  worksheet_write_formula(ws, rows.size(), 0, "=1+1", nullptr);
  workbook_close(wb);
  return path;
}

TEST(XlsxReader, ReadsStringsNumbersGapsAndFormulas) {
  auto path = write_xlsx({{"id", "nama", "tahun"}, {"K-1", "Sipandu\nbaris dua", "2019"}, {"K-2", "", "2020"}});
  auto reader = xlsx_reader_file(path);
  ASSERT_TRUE(reader.ok()) << reader.error().message();
  auto r = read_reader(**reader);
  ASSERT_FALSE(r.error) << r.error->message();
  ASSERT_EQ(r.rows.size(), 4u);
  EXPECT_EQ(r.rows[0].cells, (Cells{"id", "nama", "tahun"}));
  EXPECT_EQ(r.rows[1].cells, (Cells{"K-1", "Sipandu\nbaris dua", "2019"}));
  EXPECT_EQ(r.rows[2].cells, (Cells{"K-2", "", "2020"}));
  EXPECT_EQ(r.rows[3].number, 4);
  EXPECT_EQ(r.rows[3].cells[0], "0");  // libxlsxwriter stores no cached result: the formula text is never run
}

TEST(XlsxReader, OpenTableKnowsXlsxByItsBytes) {
  auto path = write_xlsx({{"a"}, {"b"}});
  auto reader = open_table(path);
  ASSERT_TRUE(reader.ok());
  EXPECT_STREQ((*reader)->format(), "xlsx");
}

TEST(XlsxReader, TooManyColumnsIsAClearError) {
  std::vector<std::string> wide(600, "x");
  auto path = write_xlsx({{"h"}, wide});
  auto reader = xlsx_reader_file(path);
  ASSERT_TRUE(reader.ok());
  auto r = read_reader(**reader);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->fields()[0].key, "curation.read.too_many_columns");
  EXPECT_EQ(r.error->fields()[0].field, "2");
}

TEST(XlsxReader, ReadsRichTextInlineStringsBooleansAndCachedFormulas) {
  // A workbook written by hand (the xlsx fuzzer's seed): rich-text runs,
  // a phonetic hint to leave out, a skipped row, inline strings, booleans.
  auto path = std::filesystem::path(LUMBUNG_SOURCE_DIR) / "tests/fuzz/corpus/xlsx_reader/small.xlsx";
  auto reader = xlsx_reader_file(path.string());
  ASSERT_TRUE(reader.ok()) << reader.error().message();
  auto r = read_reader(**reader);
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.rows.size(), 2u);
  EXPECT_EQ(r.rows[0].cells, (Cells{"ID", "Nama"}));
  EXPECT_EQ(r.rows[1].number, 3);
  EXPECT_EQ(r.rows[1].cells, (Cells{"42", "", "Sipandu cepat", "inline", "TRUE", "2"}));
}

TEST(XlsxReader, NotAZipOrDamagedIsAnError) {
  EXPECT_FALSE(xlsx_reader_memory("PK\x03\x04 this is not a zip").ok());
  EXPECT_FALSE(xlsx_reader_memory("").ok());
  auto path = write_xlsx({{"a"}, {"b"}});
  std::ifstream in(path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), {});
  std::string cut = bytes.substr(0, bytes.size() / 2);
  auto reader = xlsx_reader_memory(cut);
  if (reader.ok()) {
    auto r = read_reader(**reader);  // whatever it yields, it ends
    SUCCEED();
  }
}

}  // namespace
}  // namespace lumbung::curation
