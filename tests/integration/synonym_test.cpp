// The curators' synonym dictionary pages against the real binary: adding,
// listing, filtering, editing and deleting groups, bad input kept in the
// form with its message, and who may use the pages.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>

#include "support/http_session.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

const std::string kPassword = "kata-sandi-uji-panjang";

class SynonymPages : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-synonyms-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    const std::vector<std::vector<std::string>> users = {
        {"kurator@lumbung.go.id", "curator", "national"},
        {"peserta@pareparekota.go.id", "participant", "region:73.72"},
    };
    for (const auto &u : users) {
      auto r = run_lumbung_with_input({"user", "add", "--data", dir_->string(), "--email", u[0], "--name",
                                       "Uji " + u[1], "--role", u[1], "--scope", u[2], "--password-stdin"},
                                      kPassword + "\n");
      ASSERT_EQ(r.exit_code, 0) << r.output;
    }
    server_ = new ServerProcess({"--data", dir_->string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static int port() { return server_->port(); }

  // The ids of the groups listed on a page, in order.
  static std::vector<std::string> listed_ids(const std::string &html) {
    std::vector<std::string> ids;
    static const std::regex re(R"re(<tr id="g-(\d+)")re");
    for (std::sregex_iterator it(html.begin(), html.end(), re), end; it != end; ++it) ids.push_back((*it)[1]);
    return ids;
  }

  static inline fs::path *dir_ = nullptr;
  static inline ServerProcess *server_ = nullptr;
};

TEST_F(SynonymPages, CuratorAddsAGroupAndSeesItListedEditsAndDeletesIt) {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  // The seeded dictionary is there, and the curator's tools link to it.
  auto list = send(port(), "GET", "/kurasi/sinonim", curator);
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("<li class=\"badge\">pusat kesehatan masyarakat</li>"), std::string::npos);
  EXPECT_GE(listed_ids(list.body).size(), 40u);
  auto users = send(port(), "GET", "/admin/pengguna", curator);
  EXPECT_NE(users.body.find("href=\"/kurasi/sinonim\""), std::string::npos) << "no link from the curator's tools";

  auto form = send(port(), "GET", "/kurasi/sinonim/baru", curator);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"phrases\""), std::string::npos);
  auto created = send(port(), "POST", "/kurasi/sinonim/baru", curator,
                      "phrases=" + form_encode("SiGap\r\nSistem Gawat-Darurat, sigap") +
                          "&note=" + form_encode("Layanan 112 Kota Parepare"));
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 2000);
  EXPECT_EQ(created.header("location"), "/kurasi/sinonim?pesan=dibuat");

  auto after = send(port(), "GET", "/kurasi/sinonim?pesan=dibuat", curator);
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("Kelompok sinonim ditambahkan."), std::string::npos);
  EXPECT_NE(after.body.find("<li class=\"badge\">sigap</li><li "
                            "class=\"badge\">sistem gawat darurat</li>"),
            std::string::npos)
      << "phrases are shown normalised, once each, in the curator's order";
  EXPECT_NE(after.body.find("Layanan 112 Kota Parepare"), std::string::npos);

  // The filter finds it by any of its words, and nothing else.
  auto filtered = send(port(), "GET", "/kurasi/sinonim?q=Gawat-Darurat", curator);
  ASSERT_EQ(filtered.status, 200);
  auto ids = listed_ids(filtered.body);
  ASSERT_EQ(ids.size(), 1u) << filtered.body;
  EXPECT_EQ(filtered.body.find("<li class=\"badge\">puskesmas</li>"), std::string::npos);
  const std::string id = ids[0];
  auto nothing = send(port(), "GET", "/kurasi/sinonim?q=tidakadasamasekali", curator);
  EXPECT_TRUE(listed_ids(nothing.body).empty());
  EXPECT_NE(nothing.body.find("Tidak ada kelompok yang memuat"), std::string::npos);

  // Edit: the form shows one phrase per line; the change is listed.
  auto edit = send(port(), "GET", "/kurasi/sinonim/" + id + "/ubah", curator);
  ASSERT_EQ(edit.status, 200);
  EXPECT_NE(edit.body.find(">sigap\nsistem gawat darurat</textarea>"), std::string::npos) << edit.body;
  auto saved = send(port(), "POST", "/kurasi/sinonim/" + id + "/ubah", curator,
                    "phrases=" + form_encode("sigap\nsiaga gawat darurat") + "&note=");
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  auto changed = send(port(), "GET", "/kurasi/sinonim?q=sigap", curator);
  EXPECT_NE(changed.body.find("<li class=\"badge\">siaga gawat darurat</li>"), std::string::npos);
  EXPECT_EQ(changed.body.find("sistem gawat darurat"), std::string::npos);

  // Delete: gone from the list, and its pages answer 404.
  auto removed = send(port(), "POST", "/kurasi/sinonim/" + id + "/hapus", curator);
  ASSERT_EQ(removed.status, 303);
  const auto location = removed.header("location");
  EXPECT_EQ(location.rfind("/kurasi/sinonim?pesan=dihapus&", 0), 0u) << location;
  EXPECT_TRUE(listed_ids(send(port(), "GET", "/kurasi/sinonim?q=sigap", curator).body).empty());
  EXPECT_EQ(send(port(), "GET", "/kurasi/sinonim/" + id + "/ubah", curator).status, 404);
  EXPECT_EQ(send(port(), "POST", "/kurasi/sinonim/" + id + "/hapus", curator).status, 404);

  // The page after a deletion offers to add the group back, as it was.
  auto deleted = send(port(), "GET", location, curator);
  ASSERT_EQ(deleted.status, 200);
  EXPECT_NE(deleted.body.find("Kelompok sinonim dihapus."), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(deleted.body, m, std::regex(R"re(name="phrases" value="([^"]*)")re"))) << deleted.body;
  EXPECT_EQ(m[1].str(), "sigap, siaga gawat darurat");
  auto undone = send(port(), "POST", "/kurasi/sinonim/baru", curator, "phrases=" + form_encode(m[1].str()) + "&note=");
  ASSERT_EQ(undone.status, 303);
  auto back = send(port(), "GET", "/kurasi/sinonim?q=sigap", curator);
  EXPECT_EQ(listed_ids(back.body).size(), 1u);
  EXPECT_NE(back.body.find("<li class=\"badge\">siaga gawat darurat</li>"), std::string::npos);
}

TEST_F(SynonymPages, InvalidInputKeepsWhatWasTypedAndSaysWhatIsWrong) {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  const auto before = listed_ids(send(port(), "GET", "/kurasi/sinonim", curator).body).size();
  auto r = send(port(), "POST", "/kurasi/sinonim/baru", curator,
                "phrases=" + form_encode("Hanya-Satu") + "&note=" + form_encode("catatan <b>saya</b>"));
  ASSERT_EQ(r.status, 400);
  EXPECT_NE(r.body.find(">Hanya-Satu</textarea>"), std::string::npos) << "the typed phrases are lost";
  EXPECT_NE(r.body.find(">catatan &lt;b&gt;saya&lt;/b&gt;</textarea>"), std::string::npos) << "the typed note is lost";
  EXPECT_NE(r.body.find("Tulis paling sedikit dua kata atau frasa yang berbeda."), std::string::npos);
  EXPECT_NE(r.body.find("aria-invalid=\"true\""), std::string::npos);

  // A phrase of seven words, on the edit form of a seeded group (id 1): the
  // same.
  auto long_phrase = send(port(), "POST", "/kurasi/sinonim/1/ubah", curator,
                          "phrases=" + form_encode("pkm\nsatu dua tiga empat lima enam tujuh") + "&note=");
  ASSERT_EQ(long_phrase.status, 400);
  EXPECT_NE(long_phrase.body.find("Tiap frasa paling banyak 80 karakter dan 6 kata."), std::string::npos);
  EXPECT_NE(long_phrase.body.find("satu dua tiga empat lima enam tujuh</textarea>"), std::string::npos);
  auto seeded = send(port(), "GET", "/kurasi/sinonim/1/ubah", curator);
  EXPECT_EQ(seeded.body.find("tujuh"), std::string::npos) << "an invalid edit was saved";

  // Junk never breaks the page.
  for (const std::string &body :
       std::vector<std::string>{"", "phrases=%FF%FE%00&note=%C3%28", "phrases[]=1&note[]=2",
                                "phrases=" + std::string(5000, 'x') + "&note=" + std::string(5000, 'y')}) {
    auto junk = send(port(), "POST", "/kurasi/sinonim/baru", curator, body);
    EXPECT_EQ(junk.status, 400) << body.substr(0, 60);
  }
  EXPECT_EQ(listed_ids(send(port(), "GET", "/kurasi/sinonim", curator).body).size(), before);
}

TEST_F(SynonymPages, ParticipantsMayNotSeeOrChangeTheDictionary) {
  auto participant = log_in(port(), "peserta@pareparekota.go.id", kPassword);
  EXPECT_EQ(send(port(), "GET", "/kurasi/sinonim", participant).status, 403);
  EXPECT_EQ(send(port(), "GET", "/kurasi/sinonim/baru", participant).status, 403);
  EXPECT_EQ(send(port(), "POST", "/kurasi/sinonim/baru", participant, "phrases=a%0Ab").status, 403);
  EXPECT_EQ(send(port(), "POST", "/kurasi/sinonim/1/hapus", participant).status, 403);
  auto users = send(port(), "GET", "/akun", participant);
  EXPECT_EQ(users.body.find("/kurasi/sinonim"), std::string::npos);
  // Nothing was changed: the seeded group 1 is still there for a curator.
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  EXPECT_EQ(send(port(), "GET", "/kurasi/sinonim/1/ubah", curator).status, 200);
}

}  // namespace
}  // namespace lumbung
