// The pure rules of competitions: the call's validation, word counts,
// eligibility and caps (table-driven), conflict of interest, score
// aggregation and deterministic ranking, and the order of the rounds.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "competition/competition.hpp"

namespace lumbung::competition {
namespace {

using auth::Grant, auth::Role, auth::Scope;

CompetitionDraft draft() {
  CompetitionDraft d;
  d.name = "KIPP 2023";
  d.level = "nasional";
  d.year = 2023;
  d.award_label = "KIPP 2023";
  d.config = kipp_2023_template();
  d.config.rounds = {"2023-02-01", "2023-03-31", "2023-04-30", "2023-05-31", "2023-06-10", "2023-07-15", "2023-08-01"};
  return d;
}

bool has(const std::vector<FieldError>& errors, const std::string& field, const std::string& key) {
  return std::any_of(errors.begin(), errors.end(),
                     [&](const FieldError& e) { return e.field == field && e.key == key; });
}

TEST(CompetitionRules, TheKipp2023TemplateIsValidAndWeighsSignificanceMost) {
  EXPECT_TRUE(validate_competition(draft()).empty());
  const auto c = kipp_2023_template();
  int sum = 0;
  for (const auto& a : c.aspects) sum += a.weight;
  EXPECT_EQ(sum, 100);
  EXPECT_EQ(c.aspects.size(), 8u);
  const auto heaviest = std::max_element(c.aspects.begin(), c.aspects.end(),
                                         [](const Aspect& a, const Aspect& b) { return a.weight < b.weight; });
  EXPECT_EQ(heaviest->key, "signifikansi");
  EXPECT_EQ(heaviest->weight, 30);
}

TEST(CompetitionRules, ValidationNamesEachBadField) {
  struct Case {
    const char* what;
    void (*change)(CompetitionDraft&);
    const char* field;
    const char* key;
  };
  const Case cases[] = {
      {"no name", [](CompetitionDraft& d) { d.name = "  "; }, "name", "error.required"},
      {"unknown level", [](CompetitionDraft& d) { d.level = "desa"; }, "level", "competition.error.level"},
      {"weights 95", [](CompetitionDraft& d) { d.config.aspects[1].weight = 5; }, "aspects",
       "competition.error.weights"},
      {"duplicate key", [](CompetitionDraft& d) { d.config.aspects[2].key = "latar_belakang"; }, "aspects_3_key",
       "competition.error.key"},
      {"zero word limit", [](CompetitionDraft& d) { d.config.aspects[0].word_limit = 0; }, "aspects_1_word_limit",
       "competition.error.number"},
      {"dates out of order", [](CompetitionDraft& d) { d.config.rounds.desk_closes = "2023-01-01"; }, "desk_closes",
       "competition.error.date_order"},
      {"bad date", [](CompetitionDraft& d) { d.config.rounds.results_on = "2023-02-30"; }, "results_on", "error.invalid_date"},
      {"top m above top n", [](CompetitionDraft& d) { d.config.top_m = 100; }, "top_m", "competition.error.top_m"},
      {"no groups", [](CompetitionDraft& d) { d.config.groups.clear(); }, "groups", "error.required"},
  };
  for (const auto& c : cases) {
    auto d = draft();
    c.change(d);
    EXPECT_TRUE(has(validate_competition(d), c.field, c.key)) << c.what;
  }
}

TEST(CompetitionRules, WordCountCountsRunsOfNonSpace) {
  EXPECT_EQ(word_count(""), 0);
  EXPECT_EQ(word_count("   \n\t "), 0);
  EXPECT_EQ(word_count("satu"), 1);
  EXPECT_EQ(word_count("  pelayanan   publik\nyang\tinklusif  "), 4);
  EXPECT_EQ(word_count("Rp 1.500.000,- per tahun (APBD)"), 5);
}

Entry complete_entry(const Config& c) {
  Entry e;
  e.title = "Sipandu";
  e.group_name = "umum";
  e.category = c.categories.front();
  e.started_on = "2020-01-15";
  for (const auto& a : c.aspects) e.answers[a.key] = "jawaban yang cukup";
  for (const auto& a : c.attachments) e.attachments[a.key] = "https://contoh.go.id/" + a.key;
  return e;
}

TEST(CompetitionRules, EligibilityAndCapsTable) {
  const auto config = draft().config;
  struct Case {
    const char* what;
    void (*change)(Entry&, EligibilityFacts&, Config&);
    const char* field;  // nullptr: eligible
    const char* key;
  };
  const Case cases[] = {
      {"complete and in time", [](Entry&, EligibilityFacts&, Config&) {}, nullptr, nullptr},
      {"after registration closed", [](Entry&, EligibilityFacts& f, Config&) { f.today = "2023-04-01"; }, "submit",
       "competition.error.registration_closed"},
      {"before registration opens", [](Entry&, EligibilityFacts& f, Config&) { f.today = "2023-01-31"; }, "submit",
       "competition.error.registration_not_open"},
      {"on the closing day", [](Entry&, EligibilityFacts& f, Config&) { f.today = "2023-03-31"; }, nullptr, nullptr},
      {"one day short of a year", [](Entry& e, EligibilityFacts&, Config&) { e.started_on = "2022-04-01"; },
       "started_on", "competition.error.too_young"},
      {"exactly a year at closing", [](Entry& e, EligibilityFacts&, Config&) { e.started_on = "2022-03-31"; }, nullptr,
       nullptr},
      {"two years required",
       [](Entry& e, EligibilityFacts&, Config& c) {
         c.min_age_years = 2;
         e.started_on = "2021-06-01";
       },
       "started_on", "competition.error.too_young"},
      {"cap reached", [](Entry&, EligibilityFacts& f, Config&) { f.agency_submitted = 10; }, "submit",
       "competition.error.cap_reached"},
      {"one below the cap", [](Entry&, EligibilityFacts& f, Config&) { f.agency_submitted = 9; }, nullptr, nullptr},
      {"no cap",
       [](Entry&, EligibilityFacts& f, Config& c) {
         c.cap_per_agency = 0;
         f.agency_submitted = 500;
       },
       nullptr, nullptr},
      {"past winner excluded", [](Entry&, EligibilityFacts& f, Config&) { f.past_winner = true; }, "innovation_id",
       "competition.error.past_winner"},
      {"past winner allowed",
       [](Entry&, EligibilityFacts& f, Config& c) {
         f.past_winner = true;
         c.exclude_past_winners = false;
       },
       nullptr, nullptr},
      {"unknown group", [](Entry& e, EligibilityFacts&, Config&) { e.group_name = "lain"; }, "group_name",
       "competition.error.group"},
      {"missing aspect", [](Entry& e, EligibilityFacts&, Config&) { e.answers.erase("kebaruan"); }, "answer_kebaruan",
       "error.required"},
      {"summary over 200 words",
       [](Entry& e, EligibilityFacts&, Config&) {
         std::string s;
         for (int i = 0; i < 201; ++i) s += "kata ";
         e.answers["ringkasan"] = s;
       },
       "answer_ringkasan", "competition.error.too_many_words"},
      {"missing decree", [](Entry& e, EligibilityFacts&, Config&) { e.attachments.erase("sk"); }, "attachment_sk",
       "error.required"},
  };
  for (const auto& c : cases) {
    auto e = complete_entry(config);
    EligibilityFacts f;
    f.today = "2023-03-01";
    auto cfg = config;
    c.change(e, f, cfg);
    const auto errors = check_submission(cfg, e, f);
    if (!c.field)
      EXPECT_TRUE(errors.empty()) << c.what << ": " << errors.front().field << " " << errors.front().key;
    else
      EXPECT_TRUE(has(errors, c.field, c.key)) << c.what;
  }
}

TEST(CompetitionRules, FullYears) {
  EXPECT_EQ(full_years("2020-02-29", "2021-02-28"), 0);
  EXPECT_EQ(full_years("2020-02-29", "2021-03-01"), 1);
  EXPECT_EQ(full_years("2020-01-01", "2023-01-01"), 3);
  EXPECT_EQ(full_years("bukan", "2023-01-01"), -1);
}

TEST(CompetitionRules, ConflictOfInterestOwnRegionOrAgency) {
  Entry parepare;
  parepare.region_code = "73.72";
  parepare.unit_id = 12;
  parepare.created_by = 5;
  struct Case {
    const char* what;
    std::vector<Grant> grants;
    std::int64_t judge_id;
    bool conflict;
  };
  const std::vector<Case> cases = {
      {"national judge", {{Role::judge, Scope::national()}}, 9, false},
      {"judge from the same city", {{Role::judge, Scope::region("73.72")}}, 9, true},
      {"judge from the province", {{Role::judge, Scope::region("73")}}, 9, true},
      {"judge from a district of the city", {{Role::judge, Scope::region("73.72.01")}}, 9, true},
      {"judge from Makassar", {{Role::judge, Scope::region("73.71")}}, 9, false},
      {"judge from another province", {{Role::judge, Scope::region("33")}}, 9, false},
      {"also staff of the unit", {{Role::judge, Scope::national()}, {Role::participant, Scope::unit("12")}}, 9, true},
      {"staff of another unit", {{Role::judge, Scope::national()}, {Role::participant, Scope::unit("13")}}, 9, false},
      {"wrote the entry", {{Role::judge, Scope::national()}}, 5, true},
  };
  for (const auto& c : cases) EXPECT_EQ(conflicts(c.grants, c.judge_id, parepare), c.conflict) << c.what;
}

std::vector<Score> desk(std::int64_t entry, std::int64_t judge, const std::vector<Aspect>& aspects, int each) {
  std::vector<Score> out;
  for (const auto& a : aspects) out.push_back({entry, judge, "desk", a.key, each});
  return out;
}

TEST(CompetitionRules, AggregationWeightsAndDispersion) {
  const auto aspects = kipp_2023_template().aspects;
  // Every weighted aspect 80 -> 80.00 points; the summary (weight 0) needs no score.
  auto a = desk(1, 10, aspects, 80);
  a.erase(a.begin());
  EXPECT_EQ(weighted_total(aspects, a), 8000);
  auto partial = a;
  partial.pop_back();
  EXPECT_FALSE(weighted_total(aspects, partial).has_value());
  auto b = desk(1, 11, aspects, 60);
  std::vector<Score> all = a;
  all.insert(all.end(), b.begin(), b.end());
  auto c = consolidate(1, aspects, 2, all);
  EXPECT_TRUE(c.complete);
  EXPECT_EQ(c.mean, 7000);
  EXPECT_EQ(c.spread, 2000);
  EXPECT_GT(c.spread, kSpreadFlag);
  EXPECT_EQ(c.top_aspect, 7000);
  // A third judge assigned but silent: not complete.
  EXPECT_FALSE(consolidate(1, aspects, 3, all).complete);
  // Only significance differs: 30% of 10 points = 3.00.
  auto d = desk(2, 10, aspects, 70);
  for (auto& s : d)
    if (s.aspect == "signifikansi") s.score = 80;
  EXPECT_EQ(consolidate(2, aspects, 1, d).mean, 7300);
  // Means round half up in hundredths.
  std::vector<Score> odd = desk(3, 10, aspects, 70);
  auto odd2 = desk(3, 11, aspects, 70);
  for (auto& s : odd2)
    if (s.aspect == "implementasi") s.score = 71;  // +0.05 -> 70.05
  odd.insert(odd.end(), odd2.begin(), odd2.end());
  EXPECT_EQ(consolidate(3, aspects, 2, odd).mean, 7003);  // (7000 + 7005) / 2 = 7002.5 -> 7003
}

TEST(CompetitionRules, FinalScoreIs70Substance30Presentation) {
  EXPECT_EQ(final_score(8000, 9000), 8300);
  EXPECT_EQ(final_score(10000, 0), 7000);
  EXPECT_EQ(final_score(0, 10000), 3000);
  EXPECT_EQ(final_score(8001, 0), 5601);  // 5600.7 rounds to 5601
}

TEST(CompetitionRules, TiesBreakDeterministically) {
  const std::vector<Ranked> input = {
      {7, 8000, 7000, -100, 500},  // same score, lower heaviest aspect
      {3, 8000, 7500, -300, 900},  // same score and aspect, larger spread
      {4, 8000, 7500, -100, 900},  // same score, aspect and spread, later
      {9, 8000, 7500, -100, 400},  // earliest of the fully tied
      {2, 8000, 7500, -100, 900},  // fully tied with 4, lower id
      {1, 9000, 0, 0, 1000},       // best score
  };
  const std::vector<std::int64_t> expected = {1, 9, 2, 4, 3, 7};
  auto shuffled = input;
  std::mt19937 rng(42);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(shuffled.begin(), shuffled.end(), rng);
    const auto ranked = rank(shuffled);
    std::vector<std::int64_t> ids;
    for (const auto& r : ranked) ids.push_back(r.entry_id);
    EXPECT_EQ(ids, expected);
  }
}

TEST(CompetitionRules, RoundsMoveForwardOneAtATime) {
  EXPECT_EQ(next_phase("registration"), "administrative");
  EXPECT_EQ(next_phase("desk"), "finalists");
  EXPECT_EQ(next_phase("final"), "published");
  EXPECT_EQ(next_phase("published"), "");
  EXPECT_EQ(next_phase("bogus"), "");
  EXPECT_LT(phase_index("finalists"), phase_index("presentation"));
}

TEST(CompetitionRules, ClusterFromRegion) {
  EXPECT_EQ(default_cluster("73", "Sulawesi Selatan"), "provinsi");
  EXPECT_EQ(default_cluster("73.72", "Kota Parepare"), "kota");
  EXPECT_EQ(default_cluster("33.03", "Kabupaten Purbalingga"), "kabupaten");
}

}  // namespace
}  // namespace lumbung::competition
