// The search synonym dictionary (SynonymService over table search_synonyms),
// written once and run on SQLite and PostgreSQL: the seeded groups, the rules
// a curator's edit must pass, and when queries see a change.
#include <gtest/gtest.h>

#include <algorithm>

#include "directory/synonym_service.hpp"
#include "store/migrate.hpp"
#include "support/test_db.hpp"

namespace lumbung::directory {
namespace {

using test::TestDatabase;

bool contains(const std::vector<std::string> &v, const std::string &s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The field and key of the only field error of an invalid result.
template <class R>
std::pair<std::string, std::string> field_error(const R &r) {
  if (r.ok()) return {"(ok)", ""};
  if (r.error().code() != ErrorCode::invalid || r.error().fields().size() != 1)
    return {"(code " + std::string(to_string(r.error().code())) + ", " + std::to_string(r.error().fields().size()) +
                " fields)",
            r.error().message()};
  return {r.error().fields()[0].field, r.error().fields()[0].key};
}

class SynonymContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    LUMBUNG_TEST_DATABASE_OR_SKIP(target_, GetParam());
    auto db = target_->open();
    ASSERT_TRUE(db.ok()) << db.error().message();
    db_ = std::move(*db);
    auto report = store::migrate(*db_, test::source_migrations_dir());
    ASSERT_TRUE(report.ok()) << report.error().message();
    service_ = std::make_unique<SynonymService>(*db_, clock_);
  }

  long long count(const std::string &sql_text) {
    auto lease = db_->acquire();
    long long n = -1;
    *lease << sql_text, soci::into(n);
    return n;
  }

  FakeClock clock_{1'700'000'000};
  std::unique_ptr<TestDatabase> target_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<SynonymService> service_;
};

TEST_P(SynonymContract, SeededGroupsAreNormalisedAndPassTheCuratorsRules) {
  auto groups = service_->list();
  ASSERT_TRUE(groups.ok()) << groups.error().message();
  EXPECT_GE(groups->size(), 40u);
  std::int64_t max_id = 0;
  for (const auto &g : *groups) {
    max_id = std::max(max_id, g.id);
    EXPECT_EQ(g.updated_by, 0) << g.id;
    ASSERT_GE(g.phrases.size(), 2u) << g.id;
    for (const auto &p : g.phrases) EXPECT_EQ(p, search::normalize_phrase(p)) << "group " << g.id;
    // Saving a seeded group unchanged passes the rules and keeps its phrases.
    auto again = service_->update(0, g.id, g.phrases, g.note);
    ASSERT_TRUE(again.ok()) << g.id << ": " << again.error().message();
    EXPECT_EQ(again->phrases, g.phrases);
  }
  const auto &first = groups->front();
  EXPECT_TRUE(std::is_sorted(groups->begin(), groups->end(),
                             [](const auto &a, const auto &b) { return a.phrases.front() < b.phrases.front(); }))
      << "list() is by first phrase; first is " << first.phrases.front();

  auto pkm = service_->dictionary()->expansions("PKM");
  EXPECT_TRUE(contains(pkm, "puskesmas"));
  EXPECT_TRUE(contains(pkm, "pusat kesehatan masyarakat"));
  EXPECT_TRUE(contains(service_->dictionary()->expansions("KTP-el"), "ktp elektronik"));
  EXPECT_TRUE(contains(service_->dictionary()->expansions("usaha mikro kecil dan menengah"), "umkm"));

  // Ids continue after the seeded ones.
  auto created = service_->create(5, {"sigap", "siaga gawat darurat"}, "");
  ASSERT_TRUE(created.ok()) << created.error().message();
  EXPECT_EQ(created->id, max_id + 1);
}

TEST_P(SynonymContract, CreateNormalisesPhrasesKeepsTheirOrderAndIsAudited) {
  const auto audits = count("SELECT COUNT(*) FROM audit_log WHERE entity = 'search_synonym'");
  auto g = service_->create(42, {"  SiKePo ", "Sistem Kesehatan-Pos", "sikepo", "", "SIKEPO"}, "  dari Kab. Sleman \n");
  ASSERT_TRUE(g.ok()) << g.error().message();
  EXPECT_EQ(g->phrases, (std::vector<std::string>{"sikepo", "sistem kesehatan pos"}));
  EXPECT_EQ(g->note, "dari Kab. Sleman");
  EXPECT_EQ(g->updated_at, clock_.now());
  EXPECT_EQ(g->updated_by, 42);
  auto stored = service_->get(g->id);
  ASSERT_TRUE(stored.ok()) << stored.error().message();
  EXPECT_EQ(stored->phrases, g->phrases);
  EXPECT_EQ(stored->note, g->note);
  EXPECT_EQ(stored->updated_by, 42);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = "
                  "'search_synonym' AND action = 'synonym.create' "
                  "AND actor_user_id = 42"),
            audits + 1);
}

TEST_P(SynonymContract, InvalidGroupsAreRefusedWithFieldErrorsAndNothingIsWritten) {
  const auto before = count("SELECT COUNT(*) FROM search_synonyms");
  std::vector<std::string> many;
  for (int i = 0; i < 21; ++i) many.push_back("kata" + std::to_string(i));
  struct Case {
    const char *what;
    std::vector<std::string> phrases;
    std::string note;
    const char *field;
    const char *key;
  };
  const std::vector<Case> cases = {
      {"nothing", {}, "", "phrases", "error.synonym_too_few"},
      {"one phrase", {"pkm"}, "", "phrases", "error.synonym_too_few"},
      {"two spellings of one phrase", {"KTP-el", "ktp el"}, "", "phrases", "error.synonym_too_few"},
      {"punctuation only", {"---", "!!", "pkm"}, "", "phrases", "error.synonym_too_few"},
      {"21 phrases", many, "", "phrases", "error.synonym_too_many"},
      {"81 characters", {"pkm", std::string(81, 'a')}, "", "phrases", "error.synonym_phrase_long"},
      {"7 words", {"pkm", "satu dua tiga empat lima enam tujuh"}, "", "phrases", "error.synonym_phrase_long"},
      {"broken UTF-8", {"pkm", "puskes\xC3\x28mas"}, "", "phrases", "error.invalid_text"},
      {"control character", {"pkm", "pus\x01kesmas"}, "", "phrases", "error.invalid_text"},
      {"501 characters of note", {"pkm", "puskesmas"}, std::string(501, 'n'), "note", "error.too_long"},
      {"broken note", {"pkm", "puskesmas"}, "\xFF", "note", "error.invalid_text"},
  };
  for (const auto &c : cases) {
    auto created = service_->create(1, c.phrases, c.note);
    EXPECT_EQ(field_error(created), std::make_pair(std::string(c.field), std::string(c.key))) << c.what;
    auto updated = service_->update(1, 1, c.phrases, c.note);
    EXPECT_EQ(field_error(updated), std::make_pair(std::string(c.field), std::string(c.key))) << c.what;
  }
  // Both fields wrong: both reported.
  auto both = service_->create(1, {"pkm"}, std::string(501, 'n'));
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().fields().size(), 2u);
  // At the limits: 20 phrases, 80 characters (counted as characters, not
  // bytes), 6 words, 500 characters of note.
  many.pop_back();
  EXPECT_TRUE(service_->create(1, many, std::string(500, 'n')).ok());
  std::string eighty;
  for (int i = 0; i < 40; ++i) eighty += "\xC3\xA9";  // é
  eighty += std::string(40, 'e');
  EXPECT_TRUE(service_->create(1, {"pkm", eighty, "satu dua tiga empat lima enam"}, "").ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM search_synonyms"), before + 2);
  auto unchanged = service_->get(1);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->updated_by, 0) << "an invalid update changed the group";
}

TEST_P(SynonymContract, UpdateAndRemove) {
  auto g = service_->create(3, {"sigap", "siaga"}, "awal");
  ASSERT_TRUE(g.ok()) << g.error().message();
  clock_.advance(60);
  auto u = service_->update(9, g->id, {"Siaga", "SIGAP", "sistem gawat darurat"}, "diubah");
  ASSERT_TRUE(u.ok()) << u.error().message();
  EXPECT_EQ(u->phrases, (std::vector<std::string>{"siaga", "sigap", "sistem gawat darurat"}));
  auto stored = service_->get(g->id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->phrases, u->phrases);
  EXPECT_EQ(stored->note, "diubah");
  EXPECT_EQ(stored->updated_at, clock_.now());
  EXPECT_EQ(stored->updated_by, 9);

  ASSERT_TRUE(service_->remove(9, g->id).ok());
  auto gone = service_->get(g->id);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.error().code(), ErrorCode::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE entity = "
                  "'search_synonym' AND entity_id = '" +
                  std::to_string(g->id) + "'"),
            3);

  // A missing group: not_found for every call that names one.
  for (std::int64_t missing : {g->id, std::int64_t{999999}}) {
    auto r1 = service_->get(missing);
    ASSERT_FALSE(r1.ok());
    EXPECT_EQ(r1.error().code(), ErrorCode::not_found);
    auto r2 = service_->update(1, missing, {"a", "b"}, "");
    ASSERT_FALSE(r2.ok());
    EXPECT_EQ(r2.error().code(), ErrorCode::not_found);
    auto r3 = service_->remove(1, missing);
    ASSERT_FALSE(r3.ok());
    EXPECT_EQ(r3.error().code(), ErrorCode::not_found);
  }
}

TEST_P(SynonymContract, DictionaryShowsAChangeAtOnceHereAndWithinTheReloadTimeElsewhere) {
  SynonymService other_node(*db_, clock_);
  EXPECT_TRUE(service_->dictionary()->expansions("sigap").empty());
  EXPECT_TRUE(other_node.dictionary()->expansions("sigap").empty());

  auto g = service_->create(1, {"sigap", "sistem gawat darurat"}, "");
  ASSERT_TRUE(g.ok()) << g.error().message();
  EXPECT_EQ(service_->dictionary()->expansions("sigap"), std::vector<std::string>{"sistem gawat darurat"});
  EXPECT_EQ(service_->dictionary()->expansions("sistem gawat darurat"), std::vector<std::string>{"sigap"});
  // The other node still has the dictionary it loaded...
  EXPECT_TRUE(other_node.dictionary()->expansions("sigap").empty());
  clock_.advance(SynonymService::kReloadSeconds - 1);
  EXPECT_TRUE(other_node.dictionary()->expansions("sigap").empty());
  // ...until kReloadSeconds have passed.
  clock_.advance(1);
  EXPECT_EQ(other_node.dictionary()->expansions("sigap"), std::vector<std::string>{"sistem gawat darurat"});

  ASSERT_TRUE(service_->update(1, g->id, {"sigap", "siaga"}, "").ok());
  EXPECT_EQ(service_->dictionary()->expansions("sigap"), std::vector<std::string>{"siaga"});
  EXPECT_TRUE(service_->dictionary()->expansions("sistem gawat darurat").empty());

  ASSERT_TRUE(service_->remove(1, g->id).ok());
  EXPECT_TRUE(service_->dictionary()->expansions("sigap").empty());
  EXPECT_FALSE(service_->dictionary()->expansions("pkm").empty());
}

TEST_P(SynonymContract, DictionaryKeepsTheLastOneWhenTheStoreCannotBeRead) {
  auto loaded = service_->dictionary();
  ASSERT_FALSE(loaded->expansions("pkm").empty());
  {
    auto lease = db_->acquire();
    *lease << "DROP TABLE search_synonyms";
  }
  clock_.advance(SynonymService::kReloadSeconds * 2);
  auto kept = service_->dictionary();
  ASSERT_NE(kept, nullptr);
  EXPECT_FALSE(kept->expansions("pkm").empty());
  auto listed = service_->list();
  ASSERT_FALSE(listed.ok());
  EXPECT_NE(listed.error().code(), ErrorCode::invalid);

  // A service that never loaded one answers with an empty dictionary.
  SynonymService fresh(*db_, clock_);
  auto empty = fresh.dictionary();
  ASSERT_NE(empty, nullptr);
  EXPECT_TRUE(empty->empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, SynonymContract, ::testing::Values("sqlite", "postgresql"),
                         [](const auto &info) { return info.param; });

}  // namespace
}  // namespace lumbung::directory
