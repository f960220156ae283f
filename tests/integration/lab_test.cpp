// The innovation lab pages against the real binary: an organiser creates a
// lab, enrols units (a CSV with a bad row changes nothing), invites their
// people; participants see only their own unit's ideas, a coach only the
// units assigned to them, another region's organiser nothing; a returned
// stage reaches the participant's inbox with its reason.
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

class LabPages : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-lab-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    auto seeded = run_lumbung({"seed-demo", "--data", dir_->string(), "--count", "20"});
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    const std::vector<std::vector<std::string>> users = {
        {"lab@purbalinggakab.go.id", "lab_organizer", "region:33.03"},
        {"lab@pareparekota.go.id", "lab_organizer", "region:73.72"},
        {"hesti@lan.go.id", "coach", "national"},
        {"rengga@lan.go.id", "coach", "national"},
    };
    for (const auto& u : users) {
      auto r = run_lumbung_with_input({"user", "add", "--data", dir_->string(), "--email", u[0], "--name",
                                       "Uji " + u[0], "--role", u[1], "--scope", u[2], "--password-stdin"},
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

  static std::string match(const std::string& text, const std::string& pattern) {
    std::smatch m;
    return std::regex_search(text, m, std::regex(pattern)) ? m[1].str() : std::string();
  }

  static std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + 1)) ++n;
    return n;
  }

  // Creates a lab of Purbalingga (33.03) and returns its path ("" on failure).
  static std::string new_lab(const Browser& organizer, const std::string& name) {
    auto created = send(port(), "POST", "/lab/baru", organizer,
                        "name=" + form_encode(name) +
                            "&organizer=Bappelitbangda&region_code=33.03"
                            "&year=2022&format=regular&sessions_1_starts_on=2022-10-12&sessions_1_mode=luring"
                            "&partners_1_name=LAN&partners_1_role=government");
    EXPECT_EQ(created.status, 303) << created.body.substr(0, 2000);
    return match(created.header("location"), R"re(^(/lab/\d+)/peserta)re");
  }

  // The first two units the enrolment page offers.
  static std::vector<std::string> offered_units(const Browser& organizer, const std::string& lab) {
    auto enrol = send(port(), "GET", lab + "/peserta", organizer);
    EXPECT_EQ(enrol.status, 200);
    std::vector<std::string> units;
    static const std::regex option(R"re(<option value="(\d+)">)re");
    for (std::sregex_iterator it(enrol.body.begin(), enrol.body.end(), option), end; it != end && units.size() < 2;
         ++it)
      units.push_back((*it)[1]);
    return units;
  }

  // Invites `email` to the unit and returns the person's logged-in browser.
  static Browser invite_and_accept(const Browser& organizer, const std::string& lab, const std::string& unit,
                                   const std::string& email) {
    auto invited = send(port(), "POST", lab + "/peserta/orang", organizer,
                        "unit_id=" + unit + "&email=" + form_encode(email) + "&name=Peserta");
    EXPECT_EQ(invited.status, 200) << invited.body.substr(0, 500);
    const auto token = match(invited.body, R"re(/undangan/([A-Za-z0-9_-]+))re");
    EXPECT_FALSE(token.empty());
    auto anon = anonymous(port());
    auto accepted = send(port(), "POST", "/undangan/" + token, anon,
                         "password=" + form_encode(kPassword) + "&password_again=" + form_encode(kPassword));
    EXPECT_EQ(accepted.status, 303) << accepted.body.substr(0, 500);
    return log_in(port(), email, kPassword);
  }

  static inline fs::path* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(LabPages, ScopeEnrolmentAndGatesOverHttp) {
  auto organizer = log_in(port(), "lab@purbalinggakab.go.id", kPassword);
  const auto lab = new_lab(organizer, "Labinov Purbalingga 2022");
  ASSERT_FALSE(lab.empty());

  // Units of Purbalingga are offered; two are enrolled, the first with a coach.
  const auto units = offered_units(organizer, lab);
  ASSERT_EQ(units.size(), 2u) << "no units of 33.03 offered";
  ASSERT_EQ(send(port(), "POST", lab + "/peserta", organizer, "unit_id=" + units[0] + "&coach_email=hesti%40lan.go.id")
                .status,
            303);
  ASSERT_EQ(send(port(), "POST", lab + "/peserta", organizer, "unit_id=" + units[1]).status, 303);
  // The admin invite page knows where units lie: the organiser invites to a unit of their region;
  // another region's organiser may not.
  const std::string invite = "name=Staf&peran=participant&cakupan=unit%3A" + units[1] + "&email=";
  auto via_admin = send(port(), "POST", "/admin/pengguna/undang", organizer, invite + "staf%40purbalinggakab.go.id");
  EXPECT_EQ(via_admin.status, 200) << via_admin.body.substr(0, 1500);
  EXPECT_NE(via_admin.body.find("/undangan/"), std::string::npos);
  auto elsewhere = log_in(port(), "lab@pareparekota.go.id", kPassword);
  auto refused = send(port(), "POST", "/admin/pengguna/undang", elsewhere, invite + "staf%40pareparekota.go.id");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.body.find("/undangan/"), std::string::npos);
  auto not_coach = send(port(), "POST", lab + "/peserta", organizer,
                        "unit_id=" + units[1] + "&coach_email=" + form_encode("lab@pareparekota.go.id"));
  EXPECT_EQ(not_coach.status, 400);
  EXPECT_NE(not_coach.body.find("Tidak ada akun coach"), std::string::npos);

  // A CSV with one bad row: the row and column are named, nothing is written.
  const auto rows_before = count(send(port(), "GET", lab + "/peserta", organizer).body, "<tr><td>");
  auto csv = send(port(), "POST", lab + "/peserta/csv", organizer,
                  "csv=" + form_encode("unit,email\nUnit Tidak Ada,a@b.go.id\n"));
  EXPECT_EQ(csv.status, 400);
  EXPECT_NE(csv.body.find("Unit tidak ada di daerah lokus."), std::string::npos);
  EXPECT_NE(csv.body.find("<td>2</td>"), std::string::npos);
  EXPECT_EQ(count(send(port(), "GET", lab + "/peserta", organizer).body, "<tr><td>"), rows_before);
  EXPECT_EQ(rows_before, 2u);

  auto ani = invite_and_accept(organizer, lab, units[0], "ani@purbalinggakab.go.id");
  auto budi = invite_and_accept(organizer, lab, units[1], "budi@purbalinggakab.go.id");
  auto a_idea = send(port(), "POST", lab + "/ide", ani, "unit_id=" + units[0] + "&title=" + form_encode("Ide Ani"));
  ASSERT_EQ(a_idea.status, 303) << a_idea.body.substr(0, 1000);
  auto b_idea = send(port(), "POST", lab + "/ide", budi, "unit_id=" + units[1] + "&title=" + form_encode("Ide Budi"));
  ASSERT_EQ(b_idea.status, 303);
  const auto a_path = a_idea.header("location"), b_path = b_idea.header("location");
  // Ani cannot add ideas for Budi's unit, nor see Budi's idea.
  EXPECT_EQ(send(port(), "POST", lab + "/ide", ani, "unit_id=" + units[1] + "&title=x").status, 400);
  EXPECT_EQ(send(port(), "GET", b_path, ani).status, 404);
  EXPECT_EQ(send(port(), "POST", b_path + "/tahap/drumup", ani, "leader_name=x").status, 404);
  auto board = send(port(), "GET", lab + "/papan", ani);
  ASSERT_EQ(board.status, 200);
  EXPECT_NE(board.body.find("Ide Ani"), std::string::npos);
  EXPECT_EQ(board.body.find("Ide Budi"), std::string::npos);
  // The coach sees the assigned unit only; another coach and organiser nothing.
  auto hesti = log_in(port(), "hesti@lan.go.id", kPassword);
  EXPECT_EQ(send(port(), "GET", a_path, hesti).status, 200);
  EXPECT_EQ(send(port(), "GET", b_path, hesti).status, 404);
  auto rengga = log_in(port(), "rengga@lan.go.id", kPassword);
  EXPECT_EQ(send(port(), "GET", lab, rengga).status, 404);
  auto parepare = log_in(port(), "lab@pareparekota.go.id", kPassword);
  EXPECT_EQ(send(port(), "GET", lab, parepare).status, 404);
  EXPECT_EQ(send(port(), "GET", "/lab", parepare).body.find("Labinov Purbalingga"), std::string::npos);
  EXPECT_NE(send(port(), "GET", "/lab", ani).body.find("Labinov Purbalingga"), std::string::npos);

  // A participant's typed work with a bad date comes back with the value kept.
  auto bad = send(port(), "POST", a_path + "/tahap/drumup", ani,
                  "leader_name=" + form_encode("dr. Hanung") + "&commitment_date=2022-02-30");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("value=\"dr. Hanung\""), std::string::npos);
  ASSERT_EQ(send(port(), "POST", a_path + "/tahap/drumup", ani, "leader_name=" + form_encode("dr. Hanung")).status,
            303);
  // Gates: only the coach (or organiser); a return needs a reason and reaches Ani's inbox.
  EXPECT_EQ(send(port(), "POST", a_path + "/tahap/drumup/keputusan", ani, "decision=return&reason=x").status, 403);
  auto incomplete = send(port(), "POST", a_path + "/tahap/drumup/keputusan", hesti, "decision=complete");
  EXPECT_EQ(incomplete.status, 400);
  EXPECT_EQ(send(port(), "POST", a_path + "/tahap/drumup/keputusan", hesti, "decision=return&reason=").status, 400);
  auto returned = send(port(), "POST", a_path + "/tahap/drumup/keputusan", hesti,
                       "decision=return&reason=" + form_encode("Komitmen pimpinan belum tertulis"));
  ASSERT_EQ(returned.status, 303);
  auto page = send(port(), "GET", a_path + "?tahap=drumup", ani);
  EXPECT_NE(page.body.find("Komitmen pimpinan belum tertulis"), std::string::npos);
  // The report: Ani's idea only for Ani; both for the organiser, also as XLSX.
  auto report = send(port(), "GET", lab + "/laporan", organizer);
  ASSERT_EQ(report.status, 200);
  EXPECT_NE(report.body.find("Ide Budi"), std::string::npos);
  EXPECT_EQ(send(port(), "GET", lab + "/laporan", ani).body.find("Ide Budi"), std::string::npos);
  auto xlsx = send(port(), "GET", lab + "/laporan.xlsx", organizer);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("content-type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_GT(xlsx.body.size(), 3000u);
  EXPECT_EQ(send(port(), "GET", lab + "/laporan.xlsx", parepare).status, 404);
  auto inbox = send(port(), "GET", "/notifikasi", ani);
  EXPECT_NE(inbox.body.find("Komitmen pimpinan belum tertulis"), std::string::npos) << inbox.body.substr(0, 3000);
  EXPECT_EQ(send(port(), "GET", "/notifikasi", budi).body.find("Komitmen pimpinan"), std::string::npos);
}

TEST_F(LabPages, OrganisersEditTheLabAndWithdrawUnitsOrCoaches) {
  auto organizer = log_in(port(), "lab@purbalinggakab.go.id", kPassword);
  const auto lab = new_lab(organizer, "Labinov Purbalingga 2023");
  ASSERT_FALSE(lab.empty());
  const auto units = offered_units(organizer, lab);
  ASSERT_EQ(units.size(), 2u);
  ASSERT_EQ(send(port(), "POST", lab + "/peserta", organizer, "unit_id=" + units[0] + "&coach_email=hesti%40lan.go.id")
                .status,
            303);
  ASSERT_EQ(send(port(), "POST", lab + "/peserta", organizer, "unit_id=" + units[1]).status, 303);

  // The edit form comes filled in, with the locus region fixed.
  auto form = send(port(), "GET", lab + "/ubah", organizer);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("value=\"Labinov Purbalingga 2023\""), std::string::npos);
  EXPECT_NE(form.body.find("value=\"33.03\" inputmode=\"decimal\" required readonly"), std::string::npos);
  EXPECT_NE(form.body.find("value=\"2022-10-12\""), std::string::npos);
  const std::string fields =
      "&organizer=Bappelitbangda&region_code=73.72&year=2023&format=executive"
      "&sessions_1_starts_on=2023-02-01&sessions_1_mode=daring&sessions_1_place=" +
      form_encode("https://zoom.us/j/2");
  auto empty_name = send(port(), "POST", lab + "/ubah", organizer, "name=" + fields);
  EXPECT_EQ(empty_name.status, 400);
  EXPECT_NE(empty_name.body.find("value=\"2023-02-01\""), std::string::npos) << "typed values are kept";
  auto saved =
      send(port(), "POST", lab + "/ubah", organizer, "name=" + form_encode("Executive Lab Purbalingga") + fields);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 1500);
  EXPECT_EQ(saved.header("location"), lab + "?pesan=diubah");
  auto dashboard = send(port(), "GET", lab + "?pesan=diubah", organizer);
  EXPECT_NE(dashboard.body.find("Executive Lab Purbalingga"), std::string::npos);
  EXPECT_NE(dashboard.body.find("Perubahan lab tersimpan."), std::string::npos);
  EXPECT_NE(dashboard.body.find("Kabupaten Purbalingga"), std::string::npos) << "the region did not move";
  auto parepare = log_in(port(), "lab@pareparekota.go.id", kPassword);
  EXPECT_EQ(send(port(), "GET", lab + "/ubah", parepare).status, 404);
  EXPECT_EQ(send(port(), "POST", lab + "/ubah", parepare, "name=Diambil" + fields).status, 404);

  // Removing the coach ends the coach's view of the lab.
  auto hesti = log_in(port(), "hesti@lan.go.id", kPassword);
  EXPECT_EQ(send(port(), "GET", lab, hesti).status, 200);
  EXPECT_EQ(send(port(), "POST", lab + "/peserta/" + units[0] + "/lepas-coach", organizer).status, 303);
  EXPECT_EQ(send(port(), "GET", lab, hesti).status, 404);
  // A unit with an idea stays; one without leaves.
  ASSERT_EQ(
      send(port(), "POST", lab + "/ide", organizer, "unit_id=" + units[1] + "&title=" + form_encode("Ide Unit")).status,
      303);
  auto kept = send(port(), "POST", lab + "/peserta/" + units[1] + "/keluarkan", organizer);
  EXPECT_EQ(kept.status, 409);
  EXPECT_NE(kept.body.find("sudah punya ide"), std::string::npos);
  EXPECT_EQ(send(port(), "POST", lab + "/peserta/" + units[0] + "/keluarkan", organizer).status, 303);
  EXPECT_EQ(count(send(port(), "GET", lab + "/peserta", organizer).body, "<tr><td>"), 1u);
  EXPECT_EQ(send(port(), "POST", lab + "/peserta/" + units[0] + "/keluarkan", organizer).status, 404);
}

}  // namespace
}  // namespace lumbung
