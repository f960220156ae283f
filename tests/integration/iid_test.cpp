// The regional innovation index pages against the real binary: the reporting
// window and the deadline, one region admin never touching another region's
// entry, bad input re-shown with its message, submission, verification with a
// reason the region then reads, and the public ranking and its CSV export.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/http_session.hpp"
#include "support/json_schema.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

const std::string kPassword = "kata-sandi-uji-panjang";

std::string window_form(const std::string& opens, const std::string& closes) {
  return "opens=" + opens + "&closes=" + closes +
         "&floor=10&points=0.38&cap=200&note=&band_name_0=Sangat+Inovatif&band_min_0=60.01&band_max_0=100"
         "&band_name_1=Inovatif&band_min_1=35&band_max_1=60&band_name_2=Kurang+Inovatif&band_min_2=0.01"
         "&band_max_2=34.99&band_name_3=Tidak+Dapat+Dinilai&band_min_3=0&band_max_3=0";
}

const std::string kPdf = "%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n";

// POSTs an answer of `region` as the entry form does: multipart fields and
// the evidence file "bukti" (a small PDF).
HttpReply send_answer_with_evidence(int port, const Browser& b, const std::string& region, const std::string& number,
                                    int param) {
  const std::string boundary = "----lumbungiidboundary";
  std::string body;
  auto field = [&](const std::string& name, const std::string& value) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
  };
  field("_csrf", b.csrf);
  field("daerah", region);
  field("inovasi", "0");
  field("nomor", number);
  field("param", std::to_string(param));
  body += "--" + boundary +
          "\r\nContent-Disposition: form-data; name=\"bukti\"; filename=\"bukti.pdf\"\r\nContent-Type: "
          "application/pdf\r\n\r\n" +
          kPdf + "\r\n--" + boundary + "--\r\n";
  std::string req = "POST /iid/2023/pengisian/jawaban HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!b.cookies.empty()) req += "Cookie: " + b.cookies + "\r\n";
  req += "Content-Type: multipart/form-data; boundary=" + boundary +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return http_raw(port, req);
}

class IidPages : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-iid-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    const std::vector<std::vector<std::string>> users = {
        {"kurator@lumbung.go.id", "curator", "national"},
        {"ra@pareparekota.go.id", "region_admin", "region:73.72"},
        {"ra@makassarkota.go.id", "region_admin", "region:73.71"},
    };
    for (const auto& u : users) {
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
  static inline fs::path* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(IidPages, AYearRunsFromWindowToRanking) {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto parepare = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto makassar = log_in(port(), "ra@makassarkota.go.id", kPassword);
  const std::string answer_1 = "daerah=73.72&inovasi=0&nomor=1&param=3";

  // The seeded 2023 window closed long ago: a clear refusal, nothing stored.
  auto late = send(port(), "POST", "/iid/2023/pengisian/jawaban", parepare, answer_1);
  EXPECT_EQ(late.status, 409);
  EXPECT_NE(late.body.find("Masa pengisian sudah ditutup"), std::string::npos);

  // The curator opens it; bad settings come back with what was typed.
  auto bad = send(port(), "POST", "/kurasi/iid/2023", curator, window_form("2020-01-01", "2019-01-01"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("value=\"2019-01-01\""), std::string::npos);
  EXPECT_NE(bad.body.find("tanggal tutup tidak boleh sebelum tanggal buka"), std::string::npos);
  auto opened = send(port(), "POST", "/kurasi/iid/2023", curator, window_form("2020-01-01", "2099-12-31"));
  ASSERT_EQ(opened.status, 303) << opened.body.substr(0, 2000);

  // A new innovation registered from the entry page: a draft in the region's repository, in the entry at once;
  // a missing name comes back with what was typed.
  auto nameless = send(port(), "POST", "/iid/2023/pengisian/inovasi/baru", parepare,
                       "daerah=73.72&nama=&ringkasan=" + form_encode("Ringkasan yang diketik"));
  EXPECT_EQ(nameless.status, 400);
  EXPECT_NE(nameless.body.find("Ringkasan yang diketik"), std::string::npos);
  EXPECT_EQ(send(port(), "POST", "/iid/2023/pengisian/inovasi/baru", makassar, "daerah=73.72&nama=X").status, 403);
  auto registered = send(port(), "POST", "/iid/2023/pengisian/inovasi/baru", parepare,
                         "daerah=73.72&nama=" + form_encode("Parepare Tanggap Pangan"));
  ASSERT_EQ(registered.status, 303) << registered.body.substr(0, 2000);
  const auto location = registered.header("location");
  const auto new_id = location.substr(location.find("#inovasi-") + 9);
  auto with_new = send(port(), "GET", "/iid/2023/pengisian", parepare).body;
  EXPECT_NE(with_new.find("<details id=\"inovasi-" + new_id + "\""), std::string::npos);
  EXPECT_NE(with_new.find("Parepare Tanggap Pangan"), std::string::npos);
  // A long entry (more than 10 innovations) lists them and opens one at a time.
  std::vector<std::string> ids = {new_id};
  for (int n = 2; n <= 11; ++n) {
    auto more = send(port(), "POST", "/iid/2023/pengisian/inovasi/baru", parepare,
                     "daerah=73.72&nama=" + form_encode("Inovasi Uji " + std::to_string(n)));
    ASSERT_EQ(more.status, 303);
    ids.push_back(more.header("location").substr(more.header("location").find("#inovasi-") + 9));
  }
  auto listed = send(port(), "GET", "/iid/2023/pengisian", parepare).body;
  EXPECT_NE(listed.find("Buka isian inovasi ini"), std::string::npos);
  EXPECT_EQ(listed.find("id=\"i-" + ids[3] + "-16\""), std::string::npos) << "answers of a closed innovation";
  EXPECT_NE(listed.find("(0 dari "), std::string::npos) << "progress per innovation";
  auto one = send(port(), "GET", "/iid/2023/pengisian?daerah=73.72&inovasi=" + ids[3], parepare).body;
  EXPECT_NE(one.find("id=\"i-" + ids[3] + "-16\""), std::string::npos);
  EXPECT_EQ(one.find("id=\"i-" + ids[4] + "-16\""), std::string::npos);
  // (Taken out again, so the figures below stay those of an entry without innovations.)
  for (const auto& id : ids)
    ASSERT_EQ(send(port(), "POST", "/iid/2023/pengisian/inovasi/hapus", parepare, "daerah=73.72&inovasi=" + id).status,
              303);

  // Parepare answers; Makassar's admin cannot write or submit Parepare's entry.
  auto saved = send(port(), "POST", "/iid/2023/pengisian/jawaban", parepare, answer_1);
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 2000);
  EXPECT_EQ(
      send(port(), "POST", "/iid/2023/pengisian/jawaban", makassar, "daerah=73.72&inovasi=0&nomor=1&param=1").status,
      403);
  EXPECT_EQ(send(port(), "POST", "/iid/2023/pengisian/kirim", makassar, "daerah=73.72").status, 403);
  EXPECT_EQ(send(port(), "GET", "/iid/2023/pengisian?daerah=73.72", makassar).status, 403);
  // A draft is not public.
  EXPECT_EQ(send(port(), "GET", "/iid/2023/daerah/73.72", anonymous(port())).status, 404);

  // An option the indicator does not have: the page again, with the message at the indicator.
  auto wrong = send(port(), "POST", "/iid/2023/pengisian/jawaban", parepare, "daerah=73.72&inovasi=0&nomor=8&param=9");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_NE(wrong.body.find("<li id=\"i-0-8\" class=\"iid-answer has-error\">"), std::string::npos);

  auto page = send(port(), "GET", "/iid/2023/pengisian", parepare);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Kota Parepare"), std::string::npos);
  EXPECT_NE(page.body.find("Indikator wajib yang belum diisi"), std::string::npos);
  EXPECT_NE(page.body.find("<strong>1.20</strong>"), std::string::npos) << "3 of 250 points";

  // Submitting with an answer that has no evidence: refused, the answer listed with a link to it.
  auto lacking = send(port(), "POST", "/iid/2023/pengisian/kirim", parepare, "daerah=73.72");
  EXPECT_EQ(lacking.status, 400);
  EXPECT_NE(lacking.body.find("setiap jawaban perlu bukti dukung"), std::string::npos);
  EXPECT_NE(lacking.body.find("<a href=\"#i-0-1\">Indikator 1"), std::string::npos);
  auto with_evidence = send_answer_with_evidence(port(), parepare, "73.72", "1", 3);
  ASSERT_EQ(with_evidence.status, 303) << with_evidence.body.substr(0, 2000);
  ASSERT_EQ(send(port(), "POST", "/iid/2023/pengisian/kirim", parepare, "daerah=73.72").status, 303);
  auto after_submit = send(port(), "POST", "/iid/2023/pengisian/jawaban", parepare, answer_1);
  EXPECT_EQ(after_submit.status, 409);
  EXPECT_NE(after_submit.body.find("Pengisian sudah dikirim"), std::string::npos);

  auto ranking = send(port(), "GET", "/iid?tahun=2023&klaster=kota", anonymous(port()));
  ASSERT_EQ(ranking.status, 200);
  EXPECT_NE(ranking.body.find("Kota Parepare"), std::string::npos);
  EXPECT_EQ(send(port(), "GET", "/iid?tahun=2023&klaster=provinsi", anonymous(port())).body.find("Kota Parepare"),
            std::string::npos);
  // Border and lagging clusters hold the regions curators flag for the year.
  EXPECT_EQ(send(port(), "GET", "/iid?tahun=2023&klaster=tertinggal", anonymous(port())).body.find("Kota Parepare"),
            std::string::npos);
  auto flagged = send(port(), "POST", "/kurasi/iid/2023/klaster", curator, "klaster=tertinggal&daerah=73.72+99.99");
  EXPECT_EQ(flagged.status, 400) << "99.99 is no region";
  EXPECT_NE(flagged.body.find("99.99"), std::string::npos);
  ASSERT_EQ(send(port(), "POST", "/kurasi/iid/2023/klaster", curator, "klaster=tertinggal&daerah=73.72").status, 303);
  EXPECT_NE(send(port(), "GET", "/kurasi/iid/2023/klaster", curator).body.find("Kota Parepare (73.72)"),
            std::string::npos);
  EXPECT_NE(send(port(), "GET", "/iid?tahun=2023&klaster=tertinggal", anonymous(port())).body.find("Kota Parepare"),
            std::string::npos);
  EXPECT_EQ(send(port(), "GET", "/iid?tahun=2023&klaster=perbatasan", anonymous(port())).body.find("Kota Parepare"),
            std::string::npos);
  // The same figures as JSON, in the shapes the OpenAPI document promises.
  const auto doc = nlohmann::json::parse(http_get(port(), "/api/v1/openapi.json").body);
  auto api = [&](const std::string& target) {
    return nlohmann::json::parse(http_get(port(), target).body, nullptr, false);
  };
  auto framework = api("/api/v1/iid/2023/framework");
  EXPECT_EQ(check_schema(doc, {{"$ref", "#/components/schemas/IidFramework"}}, framework, "framework"), "");
  EXPECT_EQ(framework["variables"].size(), 8u);
  auto ranked = api("/api/v1/iid/2023/ranking?cluster=tertinggal");
  EXPECT_EQ(check_schema(doc, {{"$ref", "#/components/schemas/IidRanking"}}, ranked, "ranking"), "");
  ASSERT_EQ(ranked["items"].size(), 1u);
  EXPECT_EQ(ranked["items"][0]["region_code"], "73.72");
  EXPECT_DOUBLE_EQ(ranked["items"][0]["index"].get<double>(), 1.2);
  auto region = api("/api/v1/iid/2023/regions/73.72");
  EXPECT_EQ(check_schema(doc, {{"$ref", "#/components/schemas/IidRegionScore"}}, region, "region"), "");
  EXPECT_DOUBLE_EQ(region["score"]["spd"].get<double>(), 3.0);
  EXPECT_EQ(region.dump().find("bukti"), std::string::npos) << "no evidence file in the public JSON";
  EXPECT_EQ(http_get(port(), "/api/v1/iid/2023/regions/73.71").status, 404) << "not submitted";

  auto csv = send(port(), "GET", "/iid/2023/peringkat.csv", anonymous(port()));
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("2023,1,73.72,Kota Parepare,city,1.20,Kurang Inovatif,3.00,0.00,0.00,3.00,250.00,0\r\n"),
            std::string::npos)
      << csv.body;
  auto xlsx = send(port(), "GET", "/iid/2023/peringkat.xlsx", anonymous(port()));
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK") << "an XLSX file is a zip archive";
  EXPECT_NE(xlsx.body.find("xl/worksheets/sheet1.xml"), std::string::npos);

  // The verifier must give a reason; the region reads it and the score drops to 0.
  auto no_reason = send(port(), "POST", "/kurasi/iid/2023/verifikasi", curator,
                        "daerah=73.72&inovasi=0&nomor=1&keputusan=tolak&alasan=");
  EXPECT_EQ(no_reason.status, 400);
  ASSERT_EQ(send(port(), "POST", "/kurasi/iid/2023/verifikasi", curator,
                 "daerah=73.72&inovasi=0&nomor=1&keputusan=tolak&alasan=" + form_encode("SK tidak ditandatangani"))
                .status,
            303);
  page = send(port(), "GET", "/iid/2023/pengisian", parepare);
  EXPECT_NE(page.body.find("SK tidak ditandatangani"), std::string::npos);
  auto breakdown = send(port(), "GET", "/iid/2023/daerah/73.72", anonymous(port()));
  ASSERT_EQ(breakdown.status, 200);
  EXPECT_NE(breakdown.body.find("<strong>0.00</strong> · Tidak Dapat Dinilai"), std::string::npos);
  // The public sees the reason, not the evidence link.
  EXPECT_EQ(breakdown.body.find("/iid/2023/bukti/"), std::string::npos);
}

}  // namespace
}  // namespace lumbung
