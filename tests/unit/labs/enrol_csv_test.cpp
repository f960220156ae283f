// The enrolment CSV parser: good files in both separators and with quoting,
// and bad input reported by row, column and reason.
#include "labs/enrol_csv.hpp"

#include <gtest/gtest.h>

namespace lumbung::labs {
namespace {

TEST(EnrolCsv, ReadsCommaAndSemicolonFilesWithQuotes) {
  auto p = parse_enrolment_csv(
      "\xEF\xBB\xBFUnit,Email,Name,coach_email\r\n"
      "Dinas Kesehatan,ani@dinkes.go.id,\"Ani, S.KM\",coach@unsoed.ac.id\r\n"
      "\r\n"
      "\"Kecamatan \"\"Kota\"\"\",,,\n");
  ASSERT_TRUE(p.problems.empty()) << p.problems[0].key;
  ASSERT_EQ(p.rows.size(), 2u);
  EXPECT_EQ(p.rows[0].unit, "Dinas Kesehatan");
  EXPECT_EQ(p.rows[0].name, "Ani, S.KM");
  EXPECT_EQ(p.rows[0].coach_email, "coach@unsoed.ac.id");
  EXPECT_EQ(p.rows[0].line, 2);
  EXPECT_EQ(p.rows[1].unit, "Kecamatan \"Kota\"");
  EXPECT_EQ(p.rows[1].line, 4);

  auto semi = parse_enrolment_csv("email;unit\nbudi@x.go.id;Puskesmas Bobotsari\n");
  ASSERT_TRUE(semi.problems.empty());
  ASSERT_EQ(semi.rows.size(), 1u);
  EXPECT_EQ(semi.rows[0].unit, "Puskesmas Bobotsari");
  EXPECT_EQ(semi.rows[0].email, "budi@x.go.id");

  auto multiline = parse_enrolment_csv("unit,email\n\"Dinas\nKesehatan\",x@y.id\nBappeda,\n");
  ASSERT_TRUE(multiline.problems.empty()) << multiline.problems[0].row << " " << multiline.problems[0].key;
  ASSERT_EQ(multiline.rows.size(), 2u);
  EXPECT_EQ(multiline.rows[1].line, 4);
}

TEST(EnrolCsv, BadInputIsReportedByRowColumnAndReason) {
  struct Case {
    std::string text;
    std::vector<CsvProblem> problems;
  };
  const std::vector<Case> cases = {
      {"", {{1, "unit", "lab.csv.missing_column"}}},
      {"email,name\na@b.id,A\n", {{1, "unit", "lab.csv.missing_column"}}},
      {"unit,telepon\nX,1\n", {{1, "telepon", "lab.csv.unknown_column"}}},
      {"unit,Unit\nX,Y\n", {{1, "unit", "lab.csv.duplicate_column"}}},
      {"unit\n\"Dinas\n", {{2, "", "lab.csv.unterminated_quote"}}},
      {"unit,email\nX,a@b.id,extra\n", {{2, "", "lab.csv.extra_fields"}}},
      {"unit,email\n,a@b.id\nY,\n", {{2, "unit", "lab.csv.required"}}},
      {"unit,email,name\nX,,Ani\n", {{3 - 1, "email", "lab.csv.required"}}},
      {"unit\n" + std::string(201, 'a') + "\n", {{2, "unit", "lab.csv.too_long"}}},
      {"unit\nDinas\x01\n", {{2, "unit", "lab.csv.invalid_text"}}},
      {"unit\nOK\n\xC3\x28\n", {{3, "unit", "lab.csv.invalid_text"}}},
      {std::string(kMaxEnrolmentBytes + 1, 'a'), {{0, "", "lab.csv.too_large"}}},
  };
  for (const auto& c : cases) {
    auto p = parse_enrolment_csv(c.text);
    EXPECT_EQ(p.problems, c.problems) << c.text.substr(0, 40);
  }
  std::string many = "unit\n";
  for (std::size_t i = 0; i <= kMaxEnrolmentRows; ++i) many += "U" + std::to_string(i) + "\n";
  EXPECT_EQ(parse_enrolment_csv(many).problems, (std::vector<CsvProblem>{{0, "", "lab.csv.too_many_rows"}}));
}

TEST(EnrolCsv, EveryBadRowIsReportedNotOnlyTheFirst) {
  auto p = parse_enrolment_csv("unit,email,name\n,x@y.id,\nOK,,\nX,,Nama\n");
  ASSERT_EQ(p.problems.size(), 2u);
  EXPECT_EQ(p.problems[0].row, 2);
  EXPECT_EQ(p.problems[1].row, 4);
  EXPECT_EQ(p.rows.size(), 1u);
}

}  // namespace
}  // namespace lumbung::labs
