// The competition pages against the real binary: a curator creates a
// competition from the 2023 KIPP template (weights not summing to 100 are
// refused with the form kept), an agency registers a proposal (an answer
// over its word limit is refused on save, nothing typed lost), another
// region's agency cannot open it, the secretariat passes it, a judge of the
// same region is refused (conflict of interest), the assigned judge scores
// (an unassigned one gets 404), the public objects to a finalist, the
// secretariat resolves, presentation scores, and the published winner's
// innovation shows the award.
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

const char* kAspects[][4] = {
    {"ringkasan", "Ringkasan", "0", "200"},         {"latar_belakang", "Latar belakang dan tujuan", "10", "1000"},
    {"kebaruan", "Kebaruan", "15", "1000"},         {"implementasi", "Implementasi inovasi", "5", "1000"},
    {"signifikansi", "Signifikansi", "30", "1000"}, {"adaptabilitas", "Adaptabilitas", "20", "1000"},
    {"sumber_daya", "Sumber daya", "5", "1000"},    {"keberlanjutan", "Strategi keberlanjutan", "15", "1000"}};

class CompetitionPages : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-kompetisi-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    const std::vector<std::vector<std::string>> users = {
        {"kurator@menpan.go.id", "curator", "national"},
        {"ra@pareparekota.go.id", "region_admin", "region:73.72"},
        {"ra@makassarkota.go.id", "region_admin", "region:73.71"},
        {"juri.a@ui.ac.id", "judge", "national"},
        {"juri.b@ugm.ac.id", "judge", "national"},
        {"juri@pareparekota.go.id", "judge", "region:73.72"},
    };
    ids_ = new std::map<std::string, std::string>();
    for (const auto& u : users) {
      auto r = run_lumbung_with_input({"user", "add", "--data", dir_->string(), "--email", u[0], "--name",
                                       "Uji " + u[0], "--role", u[1], "--scope", u[2], "--password-stdin"},
                                      kPassword + "\n");
      ASSERT_EQ(r.exit_code, 0) << r.output;
      std::smatch m;
      ASSERT_TRUE(std::regex_search(r.output, m, std::regex(R"(user (\d+) )"))) << r.output;
      (*ids_)[u[0]] = m[1];
    }
    server_ = new ServerProcess({"--data", dir_->string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete ids_;
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static int port() { return server_->port(); }

  static std::string match(const std::string& text, const std::string& pattern) {
    std::smatch m;
    return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : std::string();
  }

  static std::string competition_form(int significance_weight) {
    std::string f = "name=" + form_encode("Kompetisi Uji 2026") +
                    "&level=nasional&year=2026&award_label=" + form_encode("KIPP Uji 2026") +
                    "&groups=umum&categories=" + form_encode("Pelayanan publik inklusif") +
                    "&min_age_years=1&cap_per_agency=2&exclude_past_winners=1&top_n=1&top_m=1";
    for (int i = 0; i < 8; ++i) {
      const auto p = "&aspects_" + std::to_string(i + 1) + "_";
      const std::string weight = i == 4 ? std::to_string(significance_weight) : kAspects[i][2];
      f += p + "key=" + kAspects[i][0] + p + "label=" + form_encode(kAspects[i][1]) + p + "weight=" + weight + p +
           "word_limit=" + kAspects[i][3];
    }
    f += "&attachments_1_key=sk&attachments_1_label=" + form_encode("SK inovator");
    // Registration is open now and closes far ahead, so the test does not age.
    for (const char* d : {"registration_opens"}) f += std::string("&") + d + "=2020-01-01";
    for (const char* d : {"registration_closes", "administrative_closes", "desk_closes", "objection_closes",
                          "presentation_closes", "results_on"})
      f += std::string("&") + d + "=2099-12-31";
    return f;
  }

  static std::string entry_form(const std::string& title, const std::string& summary, const std::string& action) {
    std::string f = "title=" + form_encode(title) +
                    "&region_code=73.72&cluster=&group_name=umum&category=" + form_encode("Pelayanan publik inklusif") +
                    "&started_on=2021-03-01&action=" + action;
    for (const auto& a : kAspects)
      f += std::string("&answer_") + a[0] + "=" +
           form_encode(std::string(a[0]) == "ringkasan" ? summary : "Uraian " + std::string(a[1]));
    f += "&attachment_sk=" + form_encode("https://pareparekota.go.id/sk.pdf");
    return f;
  }

  static std::string scores(int each) {
    std::string f = "stage=desk";
    for (const auto& a : kAspects)
      if (std::string(a[2]) != "0") f += std::string("&score_") + a[0] + "=" + std::to_string(each);
    return f;
  }

  static inline fs::path* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::map<std::string, std::string>* ids_ = nullptr;
};

TEST_F(CompetitionPages, FromCallToPublishedWinnerOverHttp) {
  auto curator = log_in(port(), "kurator@menpan.go.id", kPassword);
  auto parepare = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto makassar = log_in(port(), "ra@makassarkota.go.id", kPassword);
  auto judge_a = log_in(port(), "juri.a@ui.ac.id", kPassword);
  auto judge_b = log_in(port(), "juri.b@ugm.ac.id", kPassword);

  // The form starts from the 2023 KIPP aspects.
  auto form = send(port(), "GET", "/kurasi/kompetisi/baru", curator);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"signifikansi\""), std::string::npos);
  EXPECT_NE(form.body.find("value=\"30\""), std::string::npos);
  // Weights summing to 95: refused, what was typed stays.
  auto refused = send(port(), "POST", "/kurasi/kompetisi/baru", curator, competition_form(25));
  EXPECT_EQ(refused.status, 400);
  EXPECT_NE(refused.body.find("berjumlah 100"), std::string::npos);
  EXPECT_NE(refused.body.find("Kompetisi Uji 2026"), std::string::npos);
  auto created = send(port(), "POST", "/kurasi/kompetisi/baru", curator, competition_form(30));
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 800);
  const auto id = match(created.headers.find("location")->second, R"(/kurasi/kompetisi/(\d+))");
  ASSERT_FALSE(id.empty());
  const auto base = "/kompetisi/" + id;
  EXPECT_EQ(send(port(), "GET", base, anonymous(port())).status, 200);

  // An agency's answer over the 200-word summary limit is refused on save.
  std::string long_summary;
  for (int i = 0; i < 201; ++i) long_summary += "kata ";
  auto over = send(port(), "POST", base + "/proposal", parepare, entry_form("Sipandu Parepare", long_summary, "save"));
  EXPECT_EQ(over.status, 400);
  EXPECT_NE(over.body.find("batas kata"), std::string::npos);
  EXPECT_NE(over.body.find("Sipandu Parepare"), std::string::npos) << "the typed title is kept";
  EXPECT_NE(over.body.find("201</span> / 200"), std::string::npos) << "the server shows the count";
  auto submitted = send(port(), "POST", base + "/proposal", parepare,
                        entry_form("Sipandu Parepare", "Ringkasan singkat.", "submit"));
  ASSERT_EQ(submitted.status, 303) << submitted.body.substr(0, 800);
  const auto entry_path =
      submitted.headers.find("location")->second.substr(0, submitted.headers.find("location")->second.find('?'));
  const auto entry = match(entry_path, R"(/proposal/(\d+))");
  ASSERT_FALSE(entry.empty());
  // Another region's agency and a judge not yet assigned cannot open it.
  EXPECT_EQ(send(port(), "GET", entry_path, makassar).status, 404);
  EXPECT_EQ(send(port(), "GET", entry_path, judge_a).status, 404);
  EXPECT_EQ(send(port(), "POST", entry_path + "/tarik", makassar).status, 404);
  EXPECT_EQ(send(port(), "GET", entry_path, parepare).status, 200);

  // Administrative selection, then desk evaluation.
  const auto manage = "/kurasi/kompetisi/" + id;
  ASSERT_EQ(send(port(), "POST", manage + "/tahap", curator).status, 303);
  ASSERT_EQ(send(port(), "POST", manage + "/proposal/" + entry + "/seleksi", curator, "decision=pass").status, 303);
  ASSERT_EQ(send(port(), "POST", manage + "/tahap", curator).status, 303);
  auto coi = send(port(), "POST", manage + "/proposal/" + entry + "/juri", curator,
                  "judge_id=" + ids_->at("juri@pareparekota.go.id"));
  EXPECT_EQ(coi.status, 409);
  EXPECT_NE(coi.body.find("benturan kepentingan"), std::string::npos);
  ASSERT_EQ(
      send(port(), "POST", manage + "/proposal/" + entry + "/juri", curator, "judge_id=" + ids_->at("juri.a@ui.ac.id"))
          .status,
      303);
  auto scoring = send(port(), "GET", entry_path, judge_a);
  ASSERT_EQ(scoring.status, 200);
  EXPECT_NE(scoring.body.find("name=\"score_signifikansi\""), std::string::npos);
  EXPECT_EQ(send(port(), "GET", entry_path, judge_b).status, 404);
  EXPECT_EQ(send(port(), "POST", entry_path + "/nilai", judge_b, scores(80)).status, 404);
  EXPECT_EQ(send(port(), "POST", entry_path + "/nilai", judge_a, scores(101)).status, 400);
  ASSERT_EQ(send(port(), "POST", entry_path + "/nilai", judge_a, scores(80)).status, 303);
  auto panel = send(port(), "GET", base + "/panel", curator);
  ASSERT_EQ(panel.status, 200);
  EXPECT_NE(panel.body.find("80,00"), std::string::npos);

  // Finalists and the public objection.
  ASSERT_EQ(send(port(), "POST", manage + "/tahap", curator).status, 303);
  auto visitor = anonymous(port());
  auto finalists = send(port(), "GET", base + "/finalis", visitor);
  ASSERT_EQ(finalists.status, 200);
  EXPECT_NE(finalists.body.find("Sipandu Parepare"), std::string::npos);
  EXPECT_EQ(send(port(), "POST", entry_path + "/sanggah", visitor, "name=&body=").status, 400);
  ASSERT_EQ(send(port(), "POST", entry_path + "/sanggah", visitor, "name=Warga&body=" + form_encode("Belum berjalan."))
                .status,
            303);
  auto open = send(port(), "POST", manage + "/tahap", curator);
  EXPECT_EQ(open.status, 409) << "an open objection blocks the next round";
  auto page = send(port(), "GET", manage, curator);
  const auto objection = match(page.body, R"re(/sanggah/(\d+))re");
  ASSERT_FALSE(objection.empty());
  ASSERT_EQ(send(port(), "POST", manage + "/sanggah/" + objection, curator,
                 "decision=dismissed&resolution=" + form_encode("Sudah diverifikasi."))
                .status,
            303);
  ASSERT_EQ(send(port(), "POST", manage + "/tahap", curator).status, 303);

  // Presentation slot and score, final ranking, publication.
  ASSERT_EQ(send(port(), "POST", manage + "/proposal/" + entry + "/jadwal", curator,
                 "starts_at=2026-12-01T09%3A00&link=" + form_encode("https://zoom.us/j/123"))
                .status,
            303);
  ASSERT_EQ(send(port(), "POST", entry_path + "/nilai", judge_a, "stage=presentation&score_presentation=90").status,
            303);
  ASSERT_EQ(send(port(), "POST", manage + "/tahap", curator).status, 303);
  ASSERT_EQ(send(port(), "POST", manage + "/tahap", curator).status, 303);
  auto results = send(port(), "GET", base + "/hasil", visitor);
  ASSERT_EQ(results.status, 200);
  EXPECT_NE(results.body.find("Top 1 KIPP Uji 2026"), std::string::npos);
  EXPECT_NE(results.body.find("83,00"), std::string::npos);  // 0.7 x 80 + 0.3 x 90
  const auto innovation = match(results.body, R"re(href="(/inovasi/\d+))re");
  ASSERT_FALSE(innovation.empty());
  auto profile = send(port(), "GET", innovation, visitor);
  EXPECT_EQ(profile.status, 200);
  EXPECT_NE(profile.body.find("Top 1 KIPP Uji 2026"), std::string::npos);
}

}  // namespace
}  // namespace lumbung
