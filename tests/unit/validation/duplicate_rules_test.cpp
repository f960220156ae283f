// Pair scoring of duplicate detection: names, acronyms, places, text.
#include "validation/duplicate_rules.hpp"

#include <gtest/gtest.h>

namespace lumbung::validation {
namespace {

TEST(DuplicateRules, NamesAndAcronyms) {
  EXPECT_EQ(name_key("  SIPANDU: Sistem Pelayanan  Terpadu!"), "sipandu sistem pelayanan terpadu");
  EXPECT_EQ(name_key("Sipandu - sistem pelayanan terpadu"), "sipandu sistem pelayanan terpadu");
  EXPECT_EQ(acronym("SIPANDU: Sistem Pelayanan Terpadu"), "sipandu");
  EXPECT_EQ(acronym("Inovasi LAPOR-IN untuk warga"), "laporin");
  EXPECT_EQ(acronym("Sistem Pelayanan Terpadu"), "");
  EXPECT_EQ(acronym("Program KB di desa"), "");  // two letters are not an acronym
  EXPECT_DOUBLE_EQ(word_overlap("Sistem Pelayanan Terpadu", "Pelayanan Terpadu Sistem"), 1.0);
  EXPECT_DOUBLE_EQ(word_overlap("Sistem Pelayanan Terpadu", "Bank Sampah"), 0.0);
  EXPECT_DOUBLE_EQ(word_overlap("", "Bank Sampah"), 0.0);
}

struct Case {
  PairRecord a, b;
  double text;
  int score;
  std::vector<std::string> reasons;
};

TEST(DuplicateRules, ScoresWithReasonsInOrder) {
  const Case cases[] = {
      // The same innovation entered in KIPP and IGA under the same name.
      {{1, "SIPANDU: Sistem Pelayanan Terpadu", "33.03", 7, "kipp"},
       {2, "SIPANDU - Sistem Pelayanan Terpadu", "33.03", 7, "iga"},
       0.9,
       100,
       {"same_name", "same_acronym", "same_region", "same_unit", "similar_text"}},
      // A renamed entry: same acronym, another region's unit record, similar text.
      {{1, "SIPANDU Puskesmas Keliling", "33.03", 7, "kipp"},
       {2, "SIPANDU: layanan kesehatan desa", "33.03", 9, "labinov"},
       0.6,
       60,
       {"same_acronym", "same_region", "similar_text"}},
      // Similar names in different regions.
      {{1, "Bank Sampah Digital Desa", "33.03", 0, "kipp"},
       {2, "Bank Sampah Digital", "35.07", 0, "iga"},
       0.0,
       30,
       {"similar_name"}},
      // Only the same region: not a duplicate.
      {{1, "Bank Sampah", "33.03", 7, "kipp"}, {2, "Posyandu Remaja", "33.03", 8, "kipp"}, 0.2, 0, {"same_region"}},
  };
  for (const auto& c : cases) {
    auto s = score_pair(c.a, c.b, c.text);
    EXPECT_EQ(s.score, c.score) << c.a.name << " / " << c.b.name;
    EXPECT_EQ(s.reasons, c.reasons) << c.a.name << " / " << c.b.name;
    // Symmetric.
    EXPECT_EQ(score_pair(c.b, c.a, c.text).score, s.score);
  }
  EXPECT_GE(score_pair(cases[0].a, cases[0].b, 0.9).score, kMinPairScore);
  // Similar texts in the same region without a name in common stay out of the queue, near copies do not.
  const PairRecord x{1, "Layanan Kesehatan Keliling", "33.03", 7, "kipp"}, y{2, "Posyandu Lansia", "33.03", 7, "iga"};
  EXPECT_LT(score_pair(x, y, 0.8).score, kMinPairScore);
  EXPECT_EQ(score_pair(x, y, 0.8).reasons, (std::vector<std::string>{"same_region", "same_unit", "similar_text"}));
  EXPECT_GE(score_pair(x, y, 0.95).score, kMinPairScore);
  EXPECT_LT(score_pair(x, {2, "Posyandu Lansia", "35.07", 0, "iga"}, 0.95).score, kMinPairScore);
  // Different acronyms with the same description are different innovations.
  EXPECT_EQ(score_pair({1, "SIKAMADAN (Perluasan Layanan Anak Berkebutuhan Khusus)", "33.03", 0, "kipp"},
                       {2, "SINUMOGI (Perluasan Layanan Anak Berkebutuhan Khusus)", "33.03", 0, "iga"}, 0.6)
                .reasons,
            (std::vector<std::string>{"same_region", "similar_text"}));
  // Only capitals make an acronym: the same words in another case are "same name" alone.
  EXPECT_EQ(score_pair(cases[0].a, {2, "Sipandu - Sistem Pelayanan Terpadu", "35.07", 0, "iga"}, 0).reasons,
            std::vector<std::string>{"same_name"});
  EXPECT_LT(score_pair(cases[2].a, cases[2].b, 0).score, kMinPairScore);
}

}  // namespace
}  // namespace lumbung::validation
