// The authorization matrix: every route x method x role -> the outcome, run
// against the real server. A route the server has but this table lacks fails
// the test, so every new route must say here who may call it.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

#include <gtest/gtest.h>

#include "support/http_session.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

const std::vector<std::string> kRoles = {"visitor", "participant", "coach", "lab_organizer",
                                         "region_admin", "curator", "judge", "admin"};

struct Row {
  std::string method;
  std::string pattern;  // as the route table has it
  std::string target;   // with sample values; {admin}, {peserta}, {makassar} become user ids
  std::string body;     // form fields (the CSRF token is added)
  std::vector<int> expect;  // per kRoles
};

// The rows live in tests/integration/authz/*.tsv, one file per area of the
// site (format in accounts.tsv), so each area adds its own routes.
std::vector<Row> load_matrix() {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(LUMBUNG_SOURCE_DIR) / "tests/integration/authz"))
    if (e.path().extension() == ".tsv") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::vector<Row> rows;
  for (const auto& f : files) {
    std::ifstream in(f);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      std::vector<std::string> cols;
      std::size_t start = 0;
      for (auto tab = line.find('\t'); ; tab = line.find('\t', start)) {
        cols.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
      }
      EXPECT_EQ(cols.size(), 4 + kRoles.size()) << f.filename() << ": " << line;
      if (cols.size() != 4 + kRoles.size()) continue;
      Row row{cols[0], cols[1], cols[2], cols[3] == "-" ? "" : cols[3], {}};
      for (std::size_t i = 4; i < cols.size(); ++i) row.expect.push_back(std::stoi(cols[i]));
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

const std::vector<Row>& matrix() {
  static const std::vector<Row> rows = load_matrix();
  return rows;
}

class Authorization : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-authz-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    const std::vector<std::vector<std::string>> users = {
        {"admin@lumbung.go.id", "admin", "national"},
        {"kurator@lumbung.go.id", "curator", "national"},
        {"juri@lumbung.go.id", "judge", "national"},
        {"ra@pareparekota.go.id", "region_admin", "region:73.72"},
        {"lab@pareparekota.go.id", "lab_organizer", "region:73.72"},
        {"coach@unhas.ac.id", "coach", "region:73.72"},
        {"peserta@pareparekota.go.id", "participant", "region:73.72"},
        {"peserta@makassarkota.go.id", "participant", "region:73.71"},
    };
    ids_ = new std::map<std::string, std::string>();
    for (const auto& u : users) {
      auto r = run_lumbung_with_input({"user", "add", "--data", dir_->string(), "--email", u[0], "--name", "Uji " + u[1],
                                       "--role", u[1], "--scope", u[2], "--password-stdin"},
                                      "kata-sandi-uji-panjang\n");
      ASSERT_EQ(r.exit_code, 0) << r.output;
      std::smatch m;
      ASSERT_TRUE(std::regex_search(r.output, m, std::regex(R"(user (\d+) )"))) << r.output;
      (*ids_)[u[0]] = m[1];
    }
    server_ = new ServerProcess({"--data", dir_->string()});
  }
  static void TearDownTestSuite() {
    delete server_;
    delete ids_;
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static int port() { return server_->port(); }
  static inline fs::path* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline std::map<std::string, std::string>* ids_ = nullptr;
};

TEST_F(Authorization, EveryRouteIsInTheMatrix) {
  auto routes = run_lumbung({"routes", "--data", dir_->string()});
  ASSERT_EQ(routes.exit_code, 0) << routes.output;
  std::set<std::pair<std::string, std::string>> covered;
  for (const auto& row : matrix()) covered.insert({row.method, row.pattern});
  std::istringstream lines(routes.output);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    std::istringstream fields(line);
    std::string method, pattern;
    if (!(fields >> method >> pattern)) continue;
    ++count;
    EXPECT_TRUE(covered.count({method, pattern})) << "route missing from the authorization matrix: " << method << " "
                                                  << pattern;
  }
  EXPECT_GT(count, 20);
}

TEST_F(Authorization, EachRoleGetsWhatTheMatrixSays) {
  const std::map<std::string, std::string> email_of = {
      {"participant", "peserta@pareparekota.go.id"}, {"coach", "coach@unhas.ac.id"},
      {"lab_organizer", "lab@pareparekota.go.id"},   {"region_admin", "ra@pareparekota.go.id"},
      {"curator", "kurator@lumbung.go.id"},          {"judge", "juri@lumbung.go.id"},
      {"admin", "admin@lumbung.go.id"}};
  std::vector<Browser> browsers;
  for (const auto& role : kRoles)
    browsers.push_back(role == "visitor" ? anonymous(port()) : log_in(port(), email_of.at(role), "kata-sandi-uji-panjang"));
  for (const auto& row : matrix()) {
    std::string target = row.target;
    for (auto [mark, email] : {std::pair{"{admin}", "admin@lumbung.go.id"},
                               std::pair{"{peserta}", "peserta@pareparekota.go.id"},
                               std::pair{"{makassar}", "peserta@makassarkota.go.id"}})
      if (auto pos = target.find(mark); pos != std::string::npos) target.replace(pos, std::string(mark).size(), ids_->at(email));
    for (std::size_t i = 0; i < kRoles.size(); ++i) {
      // {role}: each role's attempt counts against an account of its own.
      std::string body = row.body;
      if (auto pos = body.find("{role}"); pos != std::string::npos) body.replace(pos, 6, kRoles[i]);
      auto r = send(port(), row.method, target, browsers[i], body);
      EXPECT_EQ(r.status, row.expect[i]) << row.method << " " << target << " as " << kRoles[i];
      if (r.status == 303 && row.method == "GET" && row.expect[i] == 303 && kRoles[i] == "visitor" &&
          row.pattern.rfind("/admin", 0) == 0)
        EXPECT_EQ(r.header("location").rfind("/masuk?next=", 0), 0u) << target;
    }
  }
}

TEST_F(Authorization, FormsWithoutTheRightCsrfTokenChangeNothing) {
  auto admin = log_in(port(), "admin@lumbung.go.id", "kata-sandi-uji-panjang");
  const auto target = "/admin/pengguna/" + ids_->at("peserta@makassarkota.go.id") + "/status";
  auto missing = send(port(), "POST", target, admin, "aktif=0", /*with_csrf=*/false);
  EXPECT_EQ(missing.status, 403);
  Browser forged = admin;
  forged.csrf = std::string(43, 'A');
  EXPECT_EQ(send(port(), "POST", target, forged, "aktif=0").status, 403);
  // The account is still active: the user list says so.
  auto page = send(port(), "GET", "/admin/pengguna/" + ids_->at("peserta@makassarkota.go.id"), admin);
  EXPECT_NE(page.body.find("value=\"0\""), std::string::npos) << "deactivate button (still active) not shown";
}

TEST_F(Authorization, LoginGivesANewSessionAndLogoutEndsIt) {
  // A session id planted before login is not the one the user gets.
  Browser planted = anonymous(port());
  planted.cookies += "; sid=planted-by-an-attacker";
  auto r = send(port(), "POST", "/masuk", planted, "email=juri%40lumbung.go.id&password=kata-sandi-uji-panjang");
  ASSERT_EQ(r.status, 303);
  auto sid = cookie_value(r, "sid");
  EXPECT_FALSE(sid.empty());
  EXPECT_NE(sid, "planted-by-an-attacker");
  EXPECT_NE(r.header("set-cookie").find("HttpOnly"), std::string::npos);
  EXPECT_NE(r.header("set-cookie").find("SameSite=Lax"), std::string::npos);
  Browser judge{"sid=" + sid, ""};
  judge.csrf = csrf_field(send(port(), "GET", "/akun", judge).body);
  EXPECT_EQ(send(port(), "GET", "/akun", judge).status, 200);
  EXPECT_EQ(send(port(), "POST", "/keluar", judge).status, 303);
  EXPECT_EQ(send(port(), "GET", "/akun", judge).status, 303) << "the old session still works after logout";
}

TEST_F(Authorization, SixthWrongPasswordIsRefusedEvenWhenRight) {
  auto anon = anonymous(port());
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(send(port(), "POST", "/masuk", anon, "email=kurator%40lumbung.go.id&password=salah-" + std::to_string(i)).status, 401);
  auto sixth = send(port(), "POST", "/masuk", anon, "email=kurator%40lumbung.go.id&password=kata-sandi-uji-panjang");
  EXPECT_EQ(sixth.status, 429);
  EXPECT_NE(sixth.body.find("Coba lagi dalam"), std::string::npos);
  EXPECT_FALSE(sixth.header("retry-after").empty());
}

TEST_F(Authorization, MarkupInNamesIsShownEscaped) {
  auto admin = log_in(port(), "admin@lumbung.go.id", "kata-sandi-uji-panjang");
  auto r = send(port(), "POST", "/admin/pengguna/undang", admin,
                "name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&email=xss%40lumbung.go.id&peran=judge&cakupan=national");
  EXPECT_EQ(r.status, 200);
  auto list = send(port(), "GET", "/admin/audit?entitas=invite", admin);
  EXPECT_EQ(list.body.find("<script>alert(1)</script>"), std::string::npos);
  auto mail = send(port(), "GET", "/admin/surat", admin);
  EXPECT_EQ(mail.body.find("<script>alert(1)"), std::string::npos);
}

}  // namespace
}  // namespace lumbung

namespace lumbung {
namespace {

TEST_F(Authorization, ApiTokensActWithTheirRoleUntilRevoked) {
  auto made = run_lumbung({"token", "create", "--data", dir_->string(), "--name", "SIMDA Parepare", "--role",
                           "region_admin", "--scope", "region:73.72"});
  ASSERT_EQ(made.exit_code, 0) << made.output;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(made.output, m, std::regex(R"((lbg_[A-Za-z0-9_-]+))")));
  const std::string token = m[1];
  auto with_token = [&](const std::string& target, const std::string& t) {
    return http_raw(port(), "GET " + target + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer " +
                                t + "\r\n\r\n");
  };
  EXPECT_EQ(with_token("/admin/pengguna", token).status, 200);  // region_admin may list users
  EXPECT_EQ(with_token("/admin/audit", token).status, 403);     // admin only
  EXPECT_EQ(with_token("/akun", token).status, 303);            // a token is not a person with an account page
  auto wrong = with_token("/admin/pengguna", token + "x");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(wrong.header("content-type"), "application/problem+json");
  EXPECT_EQ(wrong.header("www-authenticate"), "Bearer");

  // Revoked by an admin: refused from then on.
  auto admin = log_in(port(), "admin@lumbung.go.id", "kata-sandi-uji-panjang");
  auto tokens = send(port(), "GET", "/admin/token", admin);
  std::smatch id;
  ASSERT_TRUE(std::regex_search(tokens.body, id, std::regex(R"(/admin/token/(\d+)/cabut)"))) << tokens.body;
  EXPECT_EQ(send(port(), "POST", "/admin/token/" + id[1].str() + "/cabut", admin).status, 303);
  EXPECT_EQ(with_token("/admin/pengguna", token).status, 401);
}

}  // namespace
}  // namespace lumbung

namespace lumbung {
namespace {

// Every account form, fed junk: empty, overlong, broken UTF-8, markup, wrong
// types. The answer is a 4xx page (or a redirect), never a 500, and markup
// never comes back unescaped.
TEST_F(Authorization, BadInputOnEveryAccountFormNeverBreaksThePage) {
  auto admin = log_in(port(), "admin@lumbung.go.id", "kata-sandi-uji-panjang");
  const std::string big(10000, 'x');
  const std::vector<std::string> junk = {
      "",
      "name=" + big + "&email=" + big + "%40x.id&password=" + big + "&password_again=" + big,
      "name=%C3%28%FF%FE&email=%E2%82&peran=%00&cakupan=%FF",
      "name=%3Cscript%3Ealert(1)%3C%2Fscript%3E&email=%3Cb%3E%40x.id&peran=%3Cscript%3E&cakupan=%3Cscript%3E",
      "peran=123&cakupan=region%3Azz&aktif=banyak&old_password[]=1&email[]=2",
      "peran=admin&cakupan=region%3A73.72",  // admin must be national
      "cakupan=lab%3A007&peran=participant",
  };
  const std::vector<std::string> forms = {
      "/masuk", "/lupa-sandi", "/atur-ulang/palsu", "/undangan/palsu", "/akun/sandi", "/admin/pengguna/undang",
      "/admin/pengguna/" + ids_->at("peserta@pareparekota.go.id") + "/peran",
      "/admin/pengguna/" + ids_->at("peserta@pareparekota.go.id") + "/status", "/admin/token"};
  for (const auto& form : forms)
    for (const auto& body : junk) {
      auto r = send(port(), "POST", form, admin, body);
      EXPECT_GE(r.status, 200) << form << " <- " << body.substr(0, 60);
      EXPECT_LT(r.status, 500) << form << " <- " << body.substr(0, 60);
      EXPECT_EQ(r.body.find("<script>alert(1)"), std::string::npos) << form;
    }
  EXPECT_EQ(http_get(port(), "/healthz").status, 200);
}

}  // namespace
}  // namespace lumbung
