// Imports and exports against the real binary: a curator uploads a KIPP
// CSV, confirms the suggested mapping, sees the dry run with each row's
// problems, imports in the background, finds the rows in search, imports the
// same file again without changes, and downloads the directory as CSV.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include "support/http_session.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

const std::string kPassword = "kata-sandi-uji-panjang";

const std::string kCsv =
    "ID Inovasi;Nama Inovasi;Ringkasan;Latar Belakang;Rancang Bangun;Hasil;Kode Wilayah;Nama SKPD;Urusan;"
    "Bentuk Inovasi;Tahapan Inovasi;Jenis Inovasi\r\n"
    "KIPP-9001;Sipandu Gelombang;Antrean adminduk daring;Antrean panjang;Daftar daring;Antrean turun 40%;73.72;"
    "Dinas Kependudukan;kependudukan;Pelayanan Publik;Penerapan;Digital\r\n"
    "KIPP-9002;\"Lapor Cepat; Parepare\";Aduan warga;Aduan lambat;Kanal WA;Aduan selesai 2 hari;73.72;"
    "Diskominfo;kominfo;Tata Kelola Pemerintahan Daerah;Uji Coba;Digital\r\n"
    "KIPP-9003;Antre Sehat;Antrean puskesmas;Antre lama;Nomor antre SMS;Waktu tunggu turun;73.72;"
    "Puskesmas Lauleng;kesehatan;Pelayanan Publik;hampir selesai;Non Digital\r\n";

HttpReply upload(int port, const Browser& b, const std::string& source, const std::string& name,
                 const std::string& data) {
  const std::string boundary = "----lumbungcurationboundary42";
  auto field = [&](const std::string& n, const std::string& v) {
    return "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + n + "\"\r\n\r\n" + v + "\r\n";
  };
  std::string body = field("_csrf", b.csrf) + field("source", source);
  body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name +
          "\"\r\nContent-Type: text/csv\r\n\r\n" + data + "\r\n--" + boundary + "--\r\n";
  std::string req = "POST /kurasi/impor HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!b.cookies.empty()) req += "Cookie: " + b.cookies + "\r\n";
  req += "Content-Type: multipart/form-data; boundary=" + boundary +
         "\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  return http_raw(port, req);
}

class CurationPages : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-curation-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    const std::vector<std::vector<std::string>> users = {
        {"kurator@lumbung.go.id", "curator", "national"},
        {"peserta@pareparekota.go.id", "participant", "region:73.72"},
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

  // The run page once the background run has finished (done or failed).
  static HttpReply finished(const Browser& b, const std::string& path) {
    HttpReply page;
    for (int i = 0; i < 600; ++i) {
      page = send(port(), "GET", path, b);
      if (page.status != 200 || page.body.find("http-equiv=\"refresh\"") == std::string::npos) return page;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return page;
  }

  static inline fs::path* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(CurationPages, UploadMapDryRunImportSearchAndExport) {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto index = send(port(), "GET", "/kurasi/impor", curator);
  ASSERT_EQ(index.status, 200);
  EXPECT_NE(index.body.find("enctype=\"multipart/form-data\""), std::string::npos);

  auto up = upload(port(), curator, "kipp", "kipp-2019.csv", kCsv);
  ASSERT_EQ(up.status, 303) << up.body.substr(0, 2000);
  const std::string mapping_path = up.header("location");
  std::smatch m;
  ASSERT_TRUE(std::regex_match(mapping_path, m, std::regex(R"(/kurasi/impor/(\d+)/pemetaan)"))) << mapping_path;
  const std::string run_path = "/kurasi/impor/" + m[1].str();

  // The suggested mapping picks the usual KIPP headers.
  auto mapping = send(port(), "GET", mapping_path, curator);
  ASSERT_EQ(mapping.status, 200);
  EXPECT_NE(mapping.body.find("<option value=\"Nama Inovasi\" selected>"), std::string::npos);
  EXPECT_NE(mapping.body.find("<option value=\"Tahapan Inovasi\" selected>"), std::string::npos);

  // A mapping without the required name is re-shown with the reason.
  auto bad = send(port(), "POST", mapping_path, curator, "map_source_id=" + form_encode("ID Inovasi"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("belum dipetakan"), std::string::npos);

  std::string form = "map_source_id=" + form_encode("ID Inovasi") + "&map_name=" + form_encode("Nama Inovasi") +
                     "&map_summary=Ringkasan&map_problem=" + form_encode("Latar Belakang") +
                     "&map_solution=" + form_encode("Rancang Bangun") +
                     "&map_results=Hasil&map_region_code=" + form_encode("Kode Wilayah") +
                     "&map_unit_name=" + form_encode("Nama SKPD") +
                     "&map_sector=Urusan&map_form=" + form_encode("Bentuk Inovasi") +
                     "&map_stage=" + form_encode("Tahapan Inovasi") + "&map_digital=" + form_encode("Jenis Inovasi");
  auto mapped = send(port(), "POST", mapping_path, curator, form);
  ASSERT_EQ(mapped.status, 303) << mapped.body.substr(0, 2000);
  EXPECT_EQ(mapped.header("location"), run_path);

  auto preview = finished(curator, run_path);
  ASSERT_EQ(preview.status, 200);
  EXPECT_NE(preview.body.find("2 akan ditambahkan"), std::string::npos) << preview.body;
  EXPECT_NE(preview.body.find("1 ditolak"), std::string::npos);
  EXPECT_NE(preview.body.find("Baris 4"), std::string::npos);
  EXPECT_NE(preview.body.find("Tahapan Inovasi"), std::string::npos);
  EXPECT_NE(preview.body.find("&quot;hampir selesai&quot; bukan pilihan yang dikenal"), std::string::npos);
  // The mapping is remembered for the next KIPP file.
  auto again_up = upload(port(), curator, "kipp", "kipp-2020.csv", kCsv);
  ASSERT_EQ(again_up.status, 303);
  auto remembered = send(port(), "GET", again_up.header("location"), curator);
  EXPECT_NE(remembered.body.find("<option value=\"Jenis Inovasi\" selected>"), std::string::npos);

  std::smatch action;
  ASSERT_TRUE(std::regex_search(preview.body, action, std::regex(R"re(action="(/kurasi/impor/\d+/jalankan)")re")));
  auto started = send(port(), "POST", action[1].str(), curator, "");
  ASSERT_EQ(started.status, 303);
  const std::string import_path = started.header("location");
  auto result = finished(curator, import_path);
  EXPECT_NE(result.body.find("2 ditambahkan"), std::string::npos) << result.body;

  // Imported rows are searchable (the server's indexer follows the outbox).
  HttpReply found;
  for (int i = 0; i < 100; ++i) {
    found = send(port(), "GET", "/cari?q=gelombang", curator);
    if (found.body.find("Sipandu Gelombang") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_NE(found.body.find("Sipandu Gelombang"), std::string::npos);

  // The same file again changes nothing.
  auto second = send(port(), "POST", action[1].str(), curator, "");
  ASSERT_EQ(second.status, 303);
  auto second_result = finished(curator, second.header("location"));
  EXPECT_NE(second_result.body.find("2 tidak berubah"), std::string::npos) << second_result.body;

  // Export of a directory view.
  auto csv = send(port(), "GET", "/kurasi/ekspor?format=csv&sumber=kipp", curator);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find("\"Lapor Cepat; Parepare\""), std::string::npos);
  EXPECT_EQ(csv.body.find("Antre Sehat"), std::string::npos);
  auto xlsx = send(port(), "GET", "/kurasi/ekspor?format=xlsx", curator);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
}

TEST_F(CurationPages, BadUploadsAreExplainedAndOthersAreKeptOut) {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto empty = upload(port(), curator, "kipp", "kosong.csv", "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find("Pilih berkas CSV atau XLSX"), std::string::npos);
  auto no_source = upload(port(), curator, "sinovik", "a.csv", "a;b\r\n1;2\r\n");
  EXPECT_EQ(no_source.status, 400);
  // An unterminated quote: the dry run fails with the row, nothing is written.
  auto broken = upload(port(), curator, "iga", "rusak.csv", "ID;Nama\r\nG-1;Baik\r\nG-2;\"tidak ditutup\r\n");
  ASSERT_EQ(broken.status, 303);
  auto loc = broken.header("location");
  auto mapped = send(port(), "POST", loc, curator, "map_source_id=ID&map_name=Nama");
  ASSERT_EQ(mapped.status, 303);
  auto page = finished(curator, mapped.header("location"));
  EXPECT_NE(page.body.find("tanda kutip dibuka di baris ini"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Baris 3"), std::string::npos);
  EXPECT_EQ(page.body.find("/jalankan"), std::string::npos);

  auto participant = log_in(port(), "peserta@pareparekota.go.id", kPassword);
  EXPECT_EQ(send(port(), "GET", "/kurasi/impor", participant).status, 403);
  EXPECT_EQ(upload(port(), participant, "kipp", "a.csv", kCsv).status, 403);
}

}  // namespace
}  // namespace lumbung
