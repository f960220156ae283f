// Search quality on the judged query set (tests/quality/judgments.tsv): the
// demo repository is seeded, indexed with the production document builder and
// the seeded synonym dictionary, every judged query runs through the same
// parameter path as /cari and /solusi, and nDCG@10 is computed from the graded
// judgments. The test fails when the mean drops below the level reached when
// the set was written (kRecordedNdcg): ranking changes must not lose quality.
#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>

#include <gtest/gtest.h>

#include "core/log.hpp"
#include "directory/demo_seed.hpp"
#include "directory/innovation_search.hpp"
#include "directory/innovation_service.hpp"
#include "directory/synonym_service.hpp"
#include "search/indexer.hpp"
#include "store/migrate.hpp"
#include "support/test_db.hpp"
#include "support/test_dirs.hpp"

namespace lumbung::directory {
namespace {

// The mean nDCG@10 this set reached when it was recorded (see the issue note);
// the test allows no drop below it beyond rounding.
constexpr double kRecordedNdcg = 0.973;
constexpr int kDemoInnovations = 4000;  // the demo's seed 1; rules hold at any scale

struct Condition {
  std::string field;  // name, summary, problem, solution, any, sector
  std::string text;   // lower case
};
using Clause = std::vector<Condition>;
using Rule = std::vector<Clause>;

struct Judged {
  std::string query;
  search::QueryMode mode = search::QueryMode::keywords;
  Rule grade2, grade1;
};

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(' ');
  const auto b = s.find_last_not_of(' ');
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::vector<std::string> split(const std::string& s, const std::string& sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return out;
    start = at + sep.size();
  }
}

Rule parse_rule(const std::string& text) {
  Rule rule;
  if (trim(text) == "-") return rule;
  for (const auto& clause_text : split(text, " | ")) {
    Clause clause;
    for (const auto& cond : split(clause_text, " & ")) {
      const auto c = trim(cond);
      const auto tilde = c.find('~');
      const auto eq = c.find('=');
      if (tilde != std::string::npos) {
        clause.push_back({c.substr(0, tilde), lower(c.substr(tilde + 1))});
      } else if (eq != std::string::npos && c.substr(0, eq) == "sector") {
        clause.push_back({"sector", c.substr(eq + 1)});
      } else {
        ADD_FAILURE() << "bad condition: " << c;
      }
    }
    rule.push_back(clause);
  }
  return rule;
}

std::vector<Judged> load_judgments() {
  std::ifstream in(std::filesystem::path(LUMBUNG_SOURCE_DIR) / "tests" / "quality" / "judgments.tsv");
  EXPECT_TRUE(in.good());
  std::vector<Judged> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto cols = split(line, "\t");
    if (cols.size() != 4) {
      ADD_FAILURE() << "judgment line needs 4 columns: " << line;
      continue;
    }
    Judged j;
    j.query = cols[0];
    j.mode = cols[1] == "problem" ? search::QueryMode::problem : search::QueryMode::keywords;
    j.grade2 = parse_rule(cols[2]);
    j.grade1 = parse_rule(cols[3]);
    out.push_back(std::move(j));
  }
  return out;
}

// The lower-cased text fields of an innovation, for the rules.
struct Fields {
  std::string name, summary, problem, solution, any, sector;
};

Fields fields_of(const Innovation& i) {
  Fields f{lower(i.name), lower(i.summary), lower(i.problem), lower(i.solution), "", i.sector};
  f.any = f.name + "\n" + f.summary + "\n" + f.problem + "\n" + f.solution + "\n" + lower(i.results);
  return f;
}

bool holds(const Rule& rule, const Fields& f) {
  for (const auto& clause : rule) {
    bool all = true;
    for (const auto& c : clause) {
      const std::string* field = c.field == "name"       ? &f.name
                                 : c.field == "summary"  ? &f.summary
                                 : c.field == "problem"  ? &f.problem
                                 : c.field == "solution" ? &f.solution
                                 : c.field == "sector"   ? &f.sector
                                                         : &f.any;
      const bool ok = c.field == "sector" ? *field == c.text : field->find(c.text) != std::string::npos;
      if (!ok) {
        all = false;
        break;
      }
    }
    if (all) return true;
  }
  return false;
}

int grade(const Judged& j, const Fields& f) { return holds(j.grade2, f) ? 2 : holds(j.grade1, f) ? 1 : 0; }

double gain(int g) { return std::pow(2.0, g) - 1.0; }

TEST(SearchQuality, JudgedQueriesKeepTheirNdcgAt10) {
  std::string why;
  auto target = test::TestDatabase::create("sqlite", &why);
  ASSERT_TRUE(target) << why;
  auto db = target->open();
  ASSERT_TRUE(db.ok()) << db.error().message();
  ASSERT_TRUE(store::migrate(**db, test::source_migrations_dir()).ok());
  FakeClock clock(1'790'000'000);
  InnovationService service(**db, clock);
  ASSERT_TRUE(service.load_reference_regions().ok());
  auto seeded = seed_demo(service, 1, kDemoInnovations);
  ASSERT_TRUE(seeded.ok()) << seeded.error().message();

  // Every published innovation's fields, for the ideal rankings.
  std::map<std::int64_t, Fields> corpus;
  PageRequest page{200, ""};
  while (true) {
    auto p = service.list(InnovationFilter{}, page);
    ASSERT_TRUE(p.ok()) << p.error().message();
    for (const auto& i : p->items) corpus[i.id] = fields_of(i);
    if (p->next_cursor.empty()) break;
    page.cursor = p->next_cursor;
  }
  ASSERT_GT(corpus.size(), 1000u);

  const auto dir = test::fresh_dir() / "search";
  auto built = search::reindex(**db, dir, {{"innovation", innovation_source()}}, make_logger("quality", "warn"));
  ASSERT_TRUE(built.ok()) << built.error().message();
  auto index = search::SearchIndex::open(dir, innovation_facets());
  ASSERT_TRUE(index.ok()) << index.error().message();
  SynonymService synonyms(**db, clock);
  const auto dictionary = synonyms.dictionary();
  ASSERT_FALSE(dictionary->empty());

  const auto judged = load_judgments();
  ASSERT_GE(judged.size(), 40u);
  // Mean nDCG@10 over the set; `plain` turns synonyms and spelling off.
  auto mean_ndcg = [&](bool plain, std::string* report_out) -> double {
    double sum = 0;
    std::ostringstream report;
    for (const auto& j : judged) {
      auto request = read_search_params({{"q", j.query}, {"facets", "sector"}});
      EXPECT_TRUE(request.ok()) << j.query;
      if (!request.ok()) return 0;
      auto q = to_query(*request, j.mode);
      q.limit = 10;
      q.synonyms = plain ? nullptr : dictionary.get();
      q.correct_spelling = !plain;
      auto results = (*index)->find(q);
      EXPECT_TRUE(results.ok()) << j.query << ": " << results.error().message();
      if (!results.ok()) return 0;

      double dcg = 0;
      for (std::size_t r = 0; r < results->hits.size(); ++r) {
        const auto found = corpus.find(results->hits[r].id);
        EXPECT_NE(found, corpus.end()) << "hit of an unpublished innovation";
        if (found == corpus.end()) return 0;
        dcg += gain(grade(j, found->second)) / std::log2(static_cast<double>(r) + 2);
      }
      std::vector<int> grades;
      for (const auto& [id, f] : corpus)
        if (const int g = grade(j, f); g > 0) grades.push_back(g);
      EXPECT_FALSE(grades.empty()) << "no relevant innovation in the demo for: " << j.query;
      if (grades.empty()) return 0;
      std::sort(grades.rbegin(), grades.rend());
      double ideal = 0;
      for (std::size_t r = 0; r < grades.size() && r < 10; ++r)
        ideal += gain(grades[r]) / std::log2(static_cast<double>(r) + 2);
      const double ndcg = dcg / ideal;
      sum += ndcg;
      report << std::fixed << std::setprecision(3) << ndcg << "  " << j.query << "\n";
    }
    if (report_out) *report_out = report.str();
    return sum / static_cast<double>(judged.size());
  };

  std::string report;
  const double mean = mean_ndcg(false, &report);
  const double plain = mean_ndcg(true, nullptr);
  std::cout << report << std::fixed << std::setprecision(4) << "mean nDCG@10 over " << judged.size()
            << " queries: " << mean << " (without synonyms and spelling: " << plain << ")\n";
  EXPECT_GE(mean + 0.0005, kRecordedNdcg) << report;
  // The set exercises what the dictionary and the corrections are for.
  EXPECT_GT(mean, plain + 0.02);
}

}  // namespace
}  // namespace lumbung::directory
