// IID scoring, table-driven with hand-computed cases over a small framework:
//   SPD indicators "1" (weight 1.00, mandatory) and "2" (1.50);
//   SID indicators "16" (3.00, mandatory) and "17" (2.00); options 1..3;
//   divisor floor 10; 0.38 per innovation up to 200; the 2023 bands.
// Maximum: SPD (1 + 1.5) x 3 = 7.5; SID (3 + 2) x 3 = 15; count 76 -> 98.5.
#include "index/scoring.hpp"

#include <gtest/gtest.h>

namespace lumbung::index {
namespace {

Indicator indicator(const std::string& number, const std::string& aspect, const std::string& variable, int weight,
                    bool mandatory) {
  Indicator i;
  i.number = number;
  i.aspect = aspect;
  i.variable = variable;
  i.weight_x100 = weight;
  i.mandatory = mandatory;
  i.options = {{1, "satu"}, {2, "dua"}, {3, "tiga"}};
  return i;
}

Framework small() {
  Framework f;
  f.year = 2023;
  f.divisor_floor = 10;
  f.count_points_x100 = 38;
  f.count_cap = 200;
  f.count_variable = "jumlah";
  f.variables = {
      {"institusi", kSpd, "Institusi", 1}, {"infra", kSid, "Infrastruktur", 2}, {"jumlah", kSid, "Jumlah", 3}};
  f.indicators = {indicator("1", kSpd, "institusi", 100, true), indicator("2", kSpd, "institusi", 150, false),
                  indicator("16", kSid, "infra", 300, true), indicator("17", kSid, "infra", 200, false)};
  f.bands = {{"Sangat Inovatif", 6001, 10000},
             {"Inovatif", 3500, 6000},
             {"Kurang Inovatif", 1, 3499},
             {"Tidak Dapat Dinilai", 0, 0}};
  return f;
}

Answer answer(std::int64_t innovation, const std::string& number, int param, const char* status = kPending) {
  Answer a;
  a.innovation_id = innovation;
  a.number = number;
  a.param = param;
  a.status = status;
  return a;
}

struct Case {
  const char* name;
  std::vector<std::int64_t> innovations;
  std::vector<Answer> answers;
  double spd, sid_sum;
  int divisor;
  double count_score, total;
  int index_x100;
  const char* predicate;
};

std::vector<Answer> twelve_innovations_at_two() {
  std::vector<Answer> out;
  for (int i = 1; i <= 12; ++i) out.push_back(answer(i, "16", 2));
  return out;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> kCases = {
      // Nothing at all: 0, and the "cannot be assessed" band.
      {"empty", {}, {}, 0, 0, 10, 0, 0, 0, "Tidak Dapat Dinilai"},
      // No innovation: SPD 1x3 + 1.5x2 = 6; 6 / 98.5 = 6.0914%.
      {"no_innovation", {}, {answer(0, "1", 3), answer(0, "2", 2)}, 6, 0, 10, 0, 6, 609, "Kurang Inovatif"},
      // Fewer than the floor: (3x3 + 2x3) + 3x1 = 18, / MAX(10, 2) = 1.8;
      // count 2 x 0.38 = 0.76; total 2.56 -> 2.5990%.
      {"fewer_than_floor",
       {7, 8},
       {answer(7, "16", 3), answer(7, "17", 3), answer(8, "16", 1)},
       0,
       18,
       10,
       0.76,
       2.56,
       260,
       "Kurang Inovatif"},
      // More than the floor: 12 x (3x2) = 72, / 12 = 6; count 4.56; 10.56 -> 10.7208%.
      {"more_than_floor",
       {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
       twelve_innovations_at_two(),
       0,
       72,
       12,
       4.56,
       10.56,
       1072,
       "Kurang Inovatif"},
      // A rejected mandatory answer scores 0: only 1.5 x 3 = 4.5 counts -> 4.5685%.
      {"rejected_mandatory",
       {},
       {answer(0, "1", 3, kRejected), answer(0, "2", 3, kAccepted)},
       4.5,
       0,
       10,
       0,
       4.5,
       457,
       "Kurang Inovatif"},
      // A parameter the indicator does not offer counts nothing.
      {"unknown_param", {}, {answer(0, "1", 4)}, 0, 0, 10, 0, 0, 0, "Tidak Dapat Dinilai"},
      // Answers of an innovation not in the submission are ignored.
      {"foreign_innovation", {}, {answer(99, "16", 3)}, 0, 0, 10, 0, 0, 0, "Tidak Dapat Dinilai"},
  };
  return kCases;
}

TEST(IidScoring, HandComputedCases) {
  const auto f = small();
  EXPECT_DOUBLE_EQ(maximum_total(f), 98.5);
  for (const auto& c : cases()) {
    SCOPED_TRACE(c.name);
    const auto s = score(f, c.innovations, c.answers);
    EXPECT_DOUBLE_EQ(s.spd, c.spd);
    EXPECT_DOUBLE_EQ(s.sid_sum, c.sid_sum);
    EXPECT_EQ(s.divisor, c.divisor);
    EXPECT_NEAR(s.count_score, c.count_score, 1e-9);
    EXPECT_NEAR(s.total, c.total, 1e-9);
    EXPECT_EQ(s.index_x100, c.index_x100);
    EXPECT_EQ(s.predicate, c.predicate);
  }
}

TEST(IidScoring, RejectedMandatoryAnswerIsReportedAndMissingOnesListed) {
  const auto s = score(small(), {5}, {answer(0, "1", 3, kRejected)});
  EXPECT_EQ(s.rejected_mandatory, std::vector<std::string>{"0:1"});
  EXPECT_EQ(s.missing_mandatory, std::vector<std::string>{"5:16"});
  EXPECT_EQ(s.missing_optional, (std::vector<std::string>{"0:2", "5:17"}));
}

TEST(IidScoring, VariablesAddUpToTheTotal) {
  const auto s =
      score(small(), {7, 8}, {answer(0, "1", 3), answer(7, "16", 3), answer(7, "17", 3), answer(8, "16", 1)});
  EXPECT_DOUBLE_EQ(s.by_variable.at("institusi"), 3);
  EXPECT_NEAR(s.by_variable.at("infra"), 1.8, 1e-9);
  EXPECT_NEAR(s.by_variable.at("jumlah"), 0.76, 1e-9);
  double sum = 0;
  for (const auto& [code, pts] : s.by_variable) sum += pts;
  EXPECT_NEAR(sum, s.total, 1e-9);
}

TEST(IidScoring, CountRuleStopsAtTheCap) {
  auto f = small();
  f.count_cap = 3;
  const auto s = score(f, {1, 2, 3, 4, 5}, {});
  EXPECT_NEAR(s.count_score, 3 * 0.38, 1e-9);
}

TEST(IidScoring, BandEdges) {
  const auto f = small();
  struct Edge {
    int index_x100;
    const char* predicate;
  };
  for (const auto& e : std::vector<Edge>{{0, "Tidak Dapat Dinilai"},
                                         {1, "Kurang Inovatif"},
                                         {3499, "Kurang Inovatif"},
                                         {3500, "Inovatif"},
                                         {6000, "Inovatif"},
                                         {6001, "Sangat Inovatif"},
                                         {10000, "Sangat Inovatif"}}) {
    SCOPED_TRACE(e.index_x100);
    EXPECT_EQ(predicate_of(f, e.index_x100), e.predicate);
  }
}

TEST(IidScoring, IndexRoundsToHundredths) {
  EXPECT_EQ(index_x100_of(34.99, 100), 3499);
  EXPECT_EQ(index_x100_of(35.0, 100), 3500);
  EXPECT_EQ(index_x100_of(60.0, 100), 6000);
  EXPECT_EQ(index_x100_of(60.01, 100), 6001);
  EXPECT_EQ(index_x100_of(0.004, 100), 0);
  EXPECT_EQ(index_x100_of(1, 0), 0);
}

TEST(IidScoring, TiesShareARank) {
  std::vector<Ranked> rows = {
      {"a", "Kota B", 5000, 0}, {"b", "Kota A", 5000, 0}, {"c", "Kota C", 6000, 0}, {"d", "Kota D", 4000, 0}};
  rank(rows);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].region_code, "c");
  EXPECT_EQ(rows[0].rank, 1);
  EXPECT_EQ(rows[1].region_name, "Kota A");
  EXPECT_EQ(rows[1].rank, 2);
  EXPECT_EQ(rows[2].region_name, "Kota B");
  EXPECT_EQ(rows[2].rank, 2);
  EXPECT_EQ(rows[3].rank, 4);
}

TEST(IidScoring, FormatsHundredths) {
  EXPECT_EQ(format_x100(6001), "60.01");
  EXPECT_EQ(format_x100(5), "0.05");
  EXPECT_EQ(format_points(2.56), "2.56");
}

}  // namespace
}  // namespace lumbung::index
