// The editor side of the repository against the real binary: drafting,
// editing with optimistic locking, review and publication, history and diffs,
// attachments (type by content, size limits, path tricks), and bad input on
// every field of the profile form.
#include <filesystem>
#include <regex>
#include <set>
#include <unistd.h>

#include <gtest/gtest.h>
#include <zlib.h>

#include "support/http_session.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

const std::string kPassword = "kata-sandi-uji-panjang";

// A real 2x2 RGB PNG (signature, IHDR, IDAT, IEND with CRCs).
std::string tiny_png() {
  auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    std::string body = type + data;
    auto crc = crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
    return be32(static_cast<std::uint32_t>(data.size())) + body + be32(static_cast<std::uint32_t>(crc));
  };
  std::string ihdr = be32(2) + be32(2) + std::string("\x08\x02\x00\x00\x00", 5);
  std::string raw;
  for (int row = 0; row < 2; ++row) raw += std::string("\x00\xC0\x40\x20\x20\x80\xC0", 7);
  uLongf len = compressBound(static_cast<uLong>(raw.size()));
  std::string z(len, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &len, reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()));
  z.resize(len);
  return std::string("\x89PNG\r\n\x1A\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", z) + chunk("IEND", "");
}

std::string tiny_pdf() {
  return "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> "
         "endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
}

std::string complete_profile(const std::string& name, const std::string& region = "73.72") {
  return "name=" + form_encode(name) + "&summary=" + form_encode("Antrean puskesmas lewat pesan singkat.") +
         "&problem=" + form_encode("Warga menunggu berjam-jam.") + "&solution=" + form_encode("Nomor antrean lewat SMS.") +
         "&results=" + form_encode("Waktu tunggu turun dari 3 jam menjadi 20 menit.") + "&region_code=" + region +
         "&sector=kesehatan&form=pelayanan_publik&stage=penerapan&digital=1&status=berlanjut&year_started=2021" +
         "&budget_amount=150.000.000&trial_date=2021-01-10&implementation_date=2021-06-01";
}

std::int64_t id_from_location(const HttpReply& r) {
  std::smatch m;
  auto location = r.header("location");
  if (!std::regex_search(location, m, std::regex(R"(^/inovasi/(\d+)/ubah)"))) return 0;
  return std::stoll(m[1]);
}

std::string version_of(const std::string& html) {
  std::smatch m;
  return std::regex_search(html, m, std::regex(R"re(name="version" value="(\d+)")re")) ? m[1].str() : "";
}

class Editor : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-editor-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    const std::vector<std::vector<std::string>> users = {
        {"kurator@lumbung.go.id", "curator", "national"},
        {"ra@pareparekota.go.id", "region_admin", "region:73.72"},
        {"peserta@makassarkota.go.id", "participant", "region:73.71"},
        {"coach@unhas.ac.id", "coach", "region:73.72"},
    };
    for (const auto& u : users) {
      auto r = run_lumbung_with_input({"user", "add", "--data", dir_->string(), "--email", u[0], "--name", "Uji " + u[1],
                                       "--role", u[1], "--scope", u[2], "--password-stdin"},
                                      kPassword + "\n");
      ASSERT_EQ(r.exit_code, 0) << r.output;
    }
    server_ = new ServerProcess(
        {"--data", dir_->string(), "--max-body-bytes", "65536", "--max-upload-bytes", "200000"});
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete dir_;
  }
  void SetUp() override { ASSERT_NE(server_, nullptr); }
  static int port() { return server_->port(); }

  // A draft by the region admin of 73.72; returns its id.
  static std::int64_t new_draft(const Browser& b, const std::string& body) {
    auto r = send(port(), "POST", "/inovasi/baru", b, body);
    EXPECT_EQ(r.status, 303) << r.body.substr(0, 2000);
    return id_from_location(r);
  }
  static std::string edit_url(std::int64_t id) { return "/inovasi/" + std::to_string(id) + "/ubah"; }
  static std::string url(std::int64_t id, const std::string& tail) { return "/inovasi/" + std::to_string(id) + "/" + tail; }

  static inline fs::path* dir_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

TEST_F(Editor, RegionAdminDraftsEditsSubmitsAndCuratorPublishes) {
  auto ra = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto form = send(port(), "GET", "/inovasi/baru", ra);
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find(R"(name="region_code" type="text" value="73.72")"), std::string::npos)
      << "the region comes from the user's grant";
  auto id = new_draft(ra, "name=" + form_encode("SiAntre Parepare") + "&region_code=73.72");
  ASSERT_GT(id, 0);
  auto edit = send(port(), "GET", edit_url(id) + "?pesan=dibuat", ra);
  ASSERT_EQ(edit.status, 200);
  EXPECT_NE(edit.body.find("SiAntre Parepare"), std::string::npos);
  EXPECT_NE(edit.body.find(R"(class="notice")"), std::string::npos);
  EXPECT_EQ(version_of(edit.body), "1");

  // Submitting an incomplete profile says what is missing.
  auto early = send(port(), "POST", url(id, "ajukan"), ra, "version=1");
  EXPECT_EQ(early.status, 400);
  EXPECT_NE(early.body.find(R"(id="e-summary")"), std::string::npos);

  auto saved = send(port(), "POST", edit_url(id), ra, complete_profile("SiAntre Parepare") + "&version=1");
  ASSERT_EQ(saved.status, 303) << saved.body.substr(0, 3000);
  auto submitted = send(port(), "POST", url(id, "ajukan"), ra, "version=2");
  ASSERT_EQ(submitted.status, 303) << submitted.body.substr(0, 2000);

  // A visitor sees neither the draft nor its edit page; the curator's queue lists it.
  auto visitor = anonymous(port());
  EXPECT_EQ(send(port(), "GET", edit_url(id), visitor).status, 303);
  EXPECT_EQ(http_get(port(), "/inovasi/" + std::to_string(id)).status, 404);
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto queue = send(port(), "GET", "/kurasi/tinjauan", curator);
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("SiAntre Parepare"), std::string::npos);
  // The region admin may not publish.
  EXPECT_EQ(send(port(), "POST", url(id, "terbitkan"), ra, "version=3").status, 403);
  auto published = send(port(), "POST", url(id, "terbitkan"), curator, "version=3");
  ASSERT_EQ(published.status, 303) << published.body.substr(0, 2000);
  EXPECT_EQ(send(port(), "GET", "/kurasi/tinjauan", curator).body.find("SiAntre Parepare"), std::string::npos);

  // Visible to everyone now: its public profile, and the home page's latest innovations.
  EXPECT_EQ(http_get(port(), "/inovasi/" + std::to_string(id)).status, 200);
  EXPECT_NE(http_get(port(), "/").body.find("SiAntre Parepare"), std::string::npos);
  auto mine = send(port(), "GET", "/inovasiku", ra);
  ASSERT_EQ(mine.status, 200);
  EXPECT_NE(mine.body.find("SiAntre Parepare"), std::string::npos);
}

TEST_F(Editor, AStaleVersionShowsTheFormAgainWithTheirTextAndTheCurrentOne) {
  auto ra = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto id = new_draft(ra, "name=Versi+Satu&region_code=73.72");
  ASSERT_GT(id, 0);
  ASSERT_EQ(send(port(), "POST", edit_url(id), curator, "name=Versi+Kurator&region_code=73.72&version=1").status, 303);
  auto stale = send(port(), "POST", edit_url(id), ra, "name=Versi+Saya+Sendiri&region_code=73.72&version=1");
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("Versi Saya Sendiri"), std::string::npos) << "their text is kept";
  EXPECT_NE(stale.body.find("Versi Kurator"), std::string::npos) << "the current version is shown";
  EXPECT_NE(stale.body.find(R"(class="conflict")"), std::string::npos);
  EXPECT_EQ(version_of(stale.body), "2") << "saving again applies over the current version";
  EXPECT_EQ(send(port(), "POST", edit_url(id), ra, "name=Versi+Saya+Sendiri&region_code=73.72&version=2").status, 303);
}

TEST_F(Editor, OthersRegionsAndRolesAreKeptOut) {
  auto ra = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto makassar = log_in(port(), "peserta@makassarkota.go.id", kPassword);
  auto coach = log_in(port(), "coach@unhas.ac.id", kPassword);
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  EXPECT_EQ(send(port(), "POST", "/inovasi/baru", makassar, "name=Bukan+Daerahku&region_code=73.72").status, 403);
  EXPECT_EQ(send(port(), "GET", "/inovasi/baru", coach).status, 403);
  auto id = new_draft(ra, complete_profile("Milik Parepare"));
  ASSERT_GT(id, 0);
  // A draft is invisible to them: 404; once published it is visible but not theirs: 403.
  EXPECT_EQ(send(port(), "GET", edit_url(id), makassar).status, 404);
  EXPECT_EQ(send(port(), "POST", edit_url(id), makassar, "name=x&region_code=73.71&version=1").status, 404);
  EXPECT_EQ(send(port(), "GET", url(id, "riwayat"), makassar).status, 404);
  ASSERT_EQ(send(port(), "POST", url(id, "ajukan"), ra, "version=1").status, 303);
  ASSERT_EQ(send(port(), "POST", url(id, "terbitkan"), curator, "version=2").status, 303);
  EXPECT_EQ(send(port(), "GET", edit_url(id), makassar).status, 403);
  EXPECT_EQ(send(port(), "POST", url(id, "arsipkan"), makassar, "version=3").status, 403);
  // Moving it to another region is not allowed for the region admin either.
  EXPECT_EQ(send(port(), "POST", edit_url(id), ra, complete_profile("Milik Parepare", "73.71") + "&version=3").status, 403);
}

TEST_F(Editor, SendBackNeedsACommentAndForbiddenTransitionsAre409) {
  auto ra = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto id = new_draft(ra, complete_profile("Kembali Dulu"));
  ASSERT_GT(id, 0);
  auto publish_draft = send(port(), "POST", url(id, "terbitkan"), curator, "version=1");
  EXPECT_EQ(publish_draft.status, 409);
  EXPECT_NE(publish_draft.body.find("Draf"), std::string::npos) << "the message names the state";
  EXPECT_EQ(send(port(), "POST", url(id, "arsipkan"), curator, "version=1").status, 409);
  EXPECT_EQ(send(port(), "POST", url(id, "pulihkan"), curator, "version=1").status, 409);
  ASSERT_EQ(send(port(), "POST", url(id, "ajukan"), ra, "version=1").status, 303);
  EXPECT_EQ(send(port(), "POST", url(id, "ajukan"), ra, "version=2").status, 409);
  auto no_comment = send(port(), "POST", url(id, "kembalikan"), curator, "version=2&comment=+++");
  EXPECT_EQ(no_comment.status, 400);
  EXPECT_NE(no_comment.body.find(R"(id="e-comment")"), std::string::npos);
  auto back = send(port(), "POST", url(id, "kembalikan"), curator,
                   "version=2&comment=" + form_encode("Tambahkan angka hasil <b>per bulan</b>."));
  ASSERT_EQ(back.status, 303);
  auto edit = send(port(), "GET", edit_url(id), ra);
  EXPECT_NE(edit.body.find("Tambahkan angka hasil &lt;b&gt;per bulan&lt;/b&gt;."), std::string::npos)
      << "the editor sees the curator's note, escaped";
  // Archive and restore a published one; a stale version is a conflict.
  ASSERT_EQ(send(port(), "POST", url(id, "ajukan"), ra, "version=3").status, 303);
  ASSERT_EQ(send(port(), "POST", url(id, "terbitkan"), curator, "version=4").status, 303);
  EXPECT_EQ(send(port(), "POST", url(id, "arsipkan"), curator, "version=4").status, 409);
  ASSERT_EQ(send(port(), "POST", url(id, "arsipkan"), curator, "version=5").status, 303);
  EXPECT_EQ(send(port(), "POST", edit_url(id), ra, complete_profile("Diarsipkan") + "&version=6").status, 409);
  ASSERT_EQ(send(port(), "POST", url(id, "pulihkan"), curator, "version=6").status, 303);
}

TEST_F(Editor, HistoryListsRevisionsAndTheDiffShowsTheChangedField) {
  auto ra = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto id = new_draft(ra, complete_profile("Riwayat Uji"));
  ASSERT_GT(id, 0);
  auto body = complete_profile("Riwayat Uji");
  body = std::regex_replace(body, std::regex("Waktu\\+tunggu\\+turun"), "Antrean+hilang+sama+sekali");
  ASSERT_EQ(send(port(), "POST", edit_url(id), ra, body + "&version=1").status, 303);
  auto history = send(port(), "GET", url(id, "riwayat"), ra);
  ASSERT_EQ(history.status, 200);
  auto v2 = history.body.find(url(id, "riwayat/2"));
  auto v1 = history.body.find(url(id, "riwayat/1"));
  ASSERT_NE(v2, std::string::npos);
  ASSERT_NE(v1, std::string::npos);
  EXPECT_LT(v2, v1) << "newest first";
  EXPECT_NE(history.body.find("Uji region_admin"), std::string::npos) << "who";
  auto diff = send(port(), "GET", url(id, "riwayat/2"), ra);
  ASSERT_EQ(diff.status, 200);
  EXPECT_NE(diff.body.find("Hasil (dengan angka)"), std::string::npos);
  EXPECT_NE(diff.body.find("Waktu tunggu turun dari 3 jam menjadi 20 menit."), std::string::npos);
  EXPECT_NE(diff.body.find("Antrean hilang sama sekali"), std::string::npos);
  EXPECT_EQ(diff.body.find("Kebaruan"), std::string::npos) << "unchanged fields are not listed";
  EXPECT_EQ(send(port(), "GET", url(id, "riwayat/99"), ra).status, 404);
}

TEST_F(Editor, AttachmentsAreCheckedByContentAndDraftFilesStayPrivate) {
  auto ra = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto visitor = anonymous(port());
  auto id = new_draft(ra, complete_profile("Lampiran Uji"));
  ASSERT_GT(id, 0);
  const auto target = url(id, "lampiran");

  auto png = send_file(port(), target, ra, {"foto.png", "image/png", tiny_png()});
  ASSERT_EQ(png.status, 303) << png.body.substr(0, 2000);
  auto pdf = send_file(port(), target, ra, {"laporan.pdf", "application/pdf", tiny_pdf()});
  ASSERT_EQ(pdf.status, 303) << pdf.body.substr(0, 2000);

  EXPECT_EQ(send_file(port(), target, ra, {"foto.png", "image/png", "ini teks biasa, bukan gambar\n"}).status, 400);
  auto spoofed = send_file(port(), target, ra, {"laporan.pdf", "image/png", "<html><script>alert(1)</script></html>"});
  EXPECT_EQ(spoofed.status, 400);
  EXPECT_NE(spoofed.body.find("PDF"), std::string::npos) << "the message says what is accepted";
  EXPECT_EQ(send_file(port(), target, ra, {"kosong.pdf", "application/pdf", ""}).status, 400);
  EXPECT_EQ(send_file(port(), target, ra, {"besar.pdf", "application/pdf", tiny_pdf() + std::string(300000, ' ')}).status,
            413);
  auto damaged = send_file(port(), target, ra, {"rusak.png", "image/png", tiny_png().substr(0, 40)});
  EXPECT_EQ(damaged.status, 400);
  auto tricky = send_file(port(), target, ra, {"../../etc/passwd\x01.png", "image/png", tiny_png()});
  ASSERT_EQ(tricky.status, 303);
  // Backslashes escaped as a quoted-string needs them: the server sees C:\Users\a\b.pdf.
  auto windows = send_file(port(), target, ra, {"C:\\\\Users\\\\a\\\\b.pdf", "application/pdf", tiny_pdf()});
  ASSERT_EQ(windows.status, 303);

  auto edit = send(port(), "GET", edit_url(id), ra);
  std::vector<std::string> ids;
  std::regex link(R"re(href="/lampiran/(\d+)")re");
  for (std::sregex_iterator it(edit.body.begin(), edit.body.end(), link), end; it != end; ++it) ids.push_back((*it)[1]);
  ASSERT_EQ(ids.size(), 4u) << edit.body;
  EXPECT_NE(edit.body.find("passwd.png"), std::string::npos);
  EXPECT_EQ(edit.body.find("etc/passwd"), std::string::npos);
  EXPECT_NE(edit.body.find(">b.pdf<"), std::string::npos);
  EXPECT_NE(edit.body.find("/lampiran/" + ids[0] + "/thumb"), std::string::npos);

  // Stored under generated names only, all inside files/.
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(*dir_ / "files")) names.insert(e.path().filename().string());
  EXPECT_TRUE(names.count(ids[0] + ".png")) << *names.begin();
  EXPECT_TRUE(names.count(ids[0] + ".thumb.jpg"));
  EXPECT_TRUE(names.count(ids[1] + ".pdf"));
  EXPECT_EQ(names.size(), 6u);
  EXPECT_FALSE(fs::exists(*dir_ / "etc"));

  // A draft's files: 404 for visitors, served to those who may see it, by content type.
  for (const auto& a : ids) EXPECT_EQ(send(port(), "GET", "/lampiran/" + a, visitor).status, 404) << a;
  EXPECT_EQ(send(port(), "GET", "/lampiran/" + ids[0] + "/thumb", visitor).status, 404);
  auto own = send(port(), "GET", "/lampiran/" + ids[0], ra);
  EXPECT_EQ(own.status, 200);
  EXPECT_EQ(own.header("content-type"), "image/png");
  EXPECT_EQ(own.body, tiny_png());
  auto thumb = send(port(), "GET", "/lampiran/" + ids[0] + "/thumb", curator);
  EXPECT_EQ(thumb.status, 200);
  EXPECT_EQ(thumb.header("content-type"), "image/jpeg");
  EXPECT_EQ(thumb.body.substr(0, 3), std::string("\xFF\xD8\xFF"));
  EXPECT_EQ(send(port(), "GET", "/lampiran/" + ids[1], ra).header("content-type"), "application/pdf");

  // Published: public.
  ASSERT_EQ(send(port(), "POST", url(id, "ajukan"), ra, "version=1").status, 303);
  ASSERT_EQ(send(port(), "POST", url(id, "terbitkan"), curator, "version=2").status, 303);
  EXPECT_EQ(send(port(), "GET", "/lampiran/" + ids[1], visitor).status, 200);
  EXPECT_EQ(send(port(), "GET", "/lampiran/" + ids[0] + "/thumb", visitor).status, 200);

  // Removal: only by an editor; then gone.
  auto makassar = log_in(port(), "peserta@makassarkota.go.id", kPassword);
  EXPECT_EQ(send(port(), "POST", "/lampiran/" + ids[1] + "/hapus", makassar).status, 403);
  EXPECT_EQ(send(port(), "POST", "/lampiran/" + ids[1] + "/hapus", ra).status, 303);
  EXPECT_EQ(send(port(), "GET", "/lampiran/" + ids[1], ra).status, 404);
  EXPECT_EQ(send(port(), "GET", "/lampiran/999999", ra).status, 404);
}

TEST_F(Editor, BadInputOnEveryFieldComesBackAsMessagesNeverA500) {
  auto ra = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto id = new_draft(ra, "name=Sasaran&region_code=73.72");
  ASSERT_GT(id, 0);
  const std::vector<std::string> fields = {
      "name", "summary", "problem", "solution", "novelty", "beneficiaries", "results", "region_code", "unit_id",
      "unit_name", "sector", "form", "digital", "stage", "initiator", "trial_date", "implementation_date", "budget_text",
      "budget_amount", "funding_source", "contact_name", "contact_email", "contact_phone", "year_started", "status"};
  const std::string big(10000, 'x');
  const std::vector<std::string> junk = {"", big, "%C3%28%FF%FE", "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                                         "31-31-2020", "banyak", "-5", "99999999999999999999999"};
  for (const auto& target : {std::string("/inovasi/baru"), edit_url(id)}) {
    for (const auto& field : fields)
      for (const auto& value : junk) {
        std::string body = field + "=" + value;
        if (field != "name") body += "&name=Sasaran";
        if (field != "region_code") body += "&region_code=73.72";
        body += "&version=1";  // stale once a valid value was saved: then 409, still no 500
        auto r = send(port(), "POST", target, ra, body);
        EXPECT_GE(r.status, 200) << target << " " << field << "=" << value.substr(0, 20);
        EXPECT_LT(r.status, 500) << target << " " << field << "=" << value.substr(0, 20);
        EXPECT_EQ(r.body.find("<script>alert(1)"), std::string::npos) << field;
      }
  }
  // Named type errors come back next to their fields, in Indonesian, with the typed values.
  auto r = send(port(), "POST", "/inovasi/baru", ra,
                "name=" + form_encode("<script>alert(1)</script>") +
                    "&region_code=73.72&trial_date=31-31-2020&digital=banyak&budget_amount=banyak&year_started=dua&"
                    "contact_email=bukan-surel&summary=" + big);
  EXPECT_EQ(r.status, 400);
  for (const auto* field : {"trial_date", "digital", "budget_amount", "year_started", "contact_email", "summary"})
    EXPECT_NE(r.body.find(std::string("id=\"e-") + field + "\""), std::string::npos) << field;
  EXPECT_NE(r.body.find("Tanggal tidak valid"), std::string::npos);
  EXPECT_NE(r.body.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << "typed values kept, escaped";
  EXPECT_NE(r.body.find(R"(value="31-31-2020")"), std::string::npos);
  auto empty = send(port(), "POST", "/inovasi/baru", ra, "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_NE(empty.body.find(R"(id="e-name")"), std::string::npos);
  EXPECT_EQ(http_get(port(), "/healthz").status, 200);
}

}  // namespace
}  // namespace lumbung
