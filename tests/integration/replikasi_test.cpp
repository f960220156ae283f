// Replication against the real binary: the origin states willingness, a
// region asks, the owner counter-proposes, the region accepts, both sides
// work through the steps (with a document only the two sides and curators
// can open), the transfer completes and the adoption shows on the profile;
// adoptions recorded outside Lumbung count once the origin confirms them,
// the same region twice counts once; the national view and its CSV; the
// curators' step template; bad input re-shown with its message.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <thread>

#include "support/http_session.hpp"
#include "support/json_schema.hpp"
#include "support/server_process.hpp"

namespace lumbung {
namespace {

namespace fs = std::filesystem;
using namespace testing_support;

const std::string kPassword = "kata-sandi-uji-panjang";

// The output of a shell command, without trailing newlines.
std::string capture(const std::string& cmd) {
  std::string out;
  if (FILE* p = ::popen(cmd.c_str(), "r")) {
    std::array<char, 256> buf{};
    while (std::fgets(buf.data(), buf.size(), p)) out += buf.data();
    ::pclose(p);
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string sqlite(const fs::path& db, const std::string& sql) {
  return capture("sqlite3 '" + db.string() + "' \"" + sql + "\"");
}

bool has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// The number in "data-count" of a replication section; -1 when absent.
int replication_count(const std::string& html) {
  std::smatch m;
  static const std::regex re(R"re(class="replication-count" data-count="(\d+)")re");
  return std::regex_search(html, m, re) ? std::stoi(m[1]) : -1;
}

// The URL of the PostgreSQL fixture (ctest starts it), "" when there is none.
std::string pg_url() {
  const char* dir = std::getenv("LUMBUNG_TEST_PG_DIR");
  if (!dir) return {};
  std::ifstream in(fs::path(dir) / "url");
  std::string url;
  std::getline(in, url);
  return url;
}

std::string psql(const std::string& url, const std::string& sql) {
  return capture("psql -At '" + url + "' -c \"" + sql + "\"");
}

class ReplicationPages : public testing::Test {
 protected:
  static void SetUpTestSuite() { start(false); }
  // Seeds a demo on SQLite (or on a database of its own on the PostgreSQL
  // fixture), adds the users and starts the server.
  static void start(bool postgres) {
    dir_ = new fs::path(fs::path(testing::TempDir()) / ("lumbung-replication-" + std::to_string(::getpid())));
    fs::remove_all(*dir_);
    fs::create_directories(*dir_);
    std::vector<std::string> where = {"--data", dir_->string()};
    std::string url;
    if (postgres) {
      url = pg_url();
      if (url.empty()) return;  // SetUp skips
      const std::string db_name = "lumbung_rep_" + std::to_string(::getpid());
      ASSERT_EQ(std::system(("psql -q '" + url + "' -c 'CREATE DATABASE " + db_name + "' >/dev/null").c_str()), 0);
      url = url.substr(0, url.rfind('/') + 1) + db_name;
      where.insert(where.end(), {"--database", url});
    }
    postgres_ = postgres;
    db_url_ = new std::string(url);
    auto args = std::vector<std::string>{"seed-demo", "--count", "40"};
    args.insert(args.end(), where.begin(), where.end());
    auto seeded = run_lumbung(args);
    ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
    // The origin: a published innovation of a regency/city outside Sulawesi Selatan.
    origin_ =
        new std::string(query("SELECT id FROM innovations WHERE state = 'published' AND region_code LIKE "
                              "'%.%' AND region_code NOT LIKE '73.%' ORDER BY id DESC LIMIT 1;"));
    ASSERT_FALSE(origin_->empty());
    origin_region_ = new std::string(query("SELECT region_code FROM innovations WHERE id = " + *origin_ + ";"));
    // The adopter's own innovation, to link as the replication.
    other_ = new std::string(
        query("SELECT id FROM innovations WHERE state = 'published' AND id <> " + *origin_ + " ORDER BY id LIMIT 1;"));
    // A unit with a published innovation, to be a hub member.
    unit_ = new std::string(query(
        "SELECT unit_id FROM innovations WHERE state = 'published' AND unit_id IS NOT NULL ORDER BY id LIMIT 1;"));
    ASSERT_FALSE(unit_->empty());
    const std::vector<std::vector<std::string>> users = {
        {"asal@daerah.go.id", "region_admin", "region:" + *origin_region_},
        {"ra@pareparekota.go.id", "region_admin", "region:73.72"},
        {"ra@makassarkota.go.id", "region_admin", "region:73.71"},
        {"kurator@lumbung.go.id", "curator", "national"},
        {"peserta@pareparekota.go.id", "participant", "region:73.72"},
    };
    for (const auto& u : users) {
      std::vector<std::string> add = {"user",   "add", "--email", u[0], "--name",          "Uji " + u[1],
                                      "--role", u[1],  "--scope", u[2], "--password-stdin"};
      add.insert(add.end(), where.begin(), where.end());
      auto r = run_lumbung_with_input(add, kPassword + "\n");
      ASSERT_EQ(r.exit_code, 0) << r.output;
    }
    server_ = new ServerProcess(where);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    delete origin_;
    delete origin_region_;
    delete other_;
    delete db_url_;
    delete unit_;
    delete dir_;
  }
  void SetUp() override {
    if (server_ == nullptr && pg_url().empty()) GTEST_SKIP() << "no PostgreSQL fixture (run through ctest)";
    ASSERT_NE(server_, nullptr);
  }
  void journey();
  void hubs();
  void directory_order();
  // One value (or lines of values) from the server's database.
  static std::string query(const std::string& sql) {
    return postgres_ ? psql(*db_url_, sql) : sqlite(*dir_ / "lumbung.db", sql);
  }
  static int port() { return server_->port(); }
  static std::string page() { return "/inovasi/" + *origin_ + "/replikasi"; }

  static inline fs::path* dir_ = nullptr;
  static inline std::string* origin_ = nullptr;
  static inline std::string* origin_region_ = nullptr;
  static inline std::string* other_ = nullptr;
  static inline std::string* db_url_ = nullptr;
  static inline bool postgres_ = false;
  static inline std::string* unit_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
};

void ReplicationPages::journey() {
  auto origin = log_in(port(), "asal@daerah.go.id", kPassword);
  auto adopter = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto outsider = log_in(port(), "ra@makassarkota.go.id", kPassword);
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto visitor = anonymous(port());
  const std::string ask = "region=73.72&requester_about=" + form_encode("Andi, Kabid Inovasi Bappeda Parepare") +
                          "&problem=" + form_encode("Keluarga rawan pangan tidak terdata") +
                          "&adaptation=" + form_encode("Kartu digital untuk petani kota") + "&mode=study_visit";

  // Not willing yet: no ask form, and asking anyway is refused with a message.
  auto before = send(port(), "GET", page(), adopter);
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(has(before.body, "data-willing=\"no\""));
  EXPECT_FALSE(has(before.body, "id=\"minta\""));
  auto refused = send(port(), "POST", page() + "/permintaan", adopter, ask);
  EXPECT_EQ(refused.status, 409);
  EXPECT_TRUE(has(refused.body, "belum bersedia direplikasi"));

  // Only editors may state willingness; a willing origin must name a contact.
  EXPECT_EQ(send(port(), "POST", page() + "/kesediaan", adopter, "willing=1&contact=x").status, 403);
  auto no_contact = send(port(), "POST", page() + "/kesediaan", origin, "willing=1&sop=" + form_encode("SOP v2"));
  EXPECT_EQ(no_contact.status, 400);
  EXPECT_TRUE(has(no_contact.body, "Wajib diisi."));
  EXPECT_TRUE(has(no_contact.body, "SOP v2")) << "typed text lost";
  auto willing = send(port(), "POST", page() + "/kesediaan", origin,
                      "willing=1&sop=" + form_encode("SOP v2") + "&contact=" + form_encode("Rina, 0812-555") +
                          "&costs=" + form_encode("Rp 50 juta, ditanggung pengadopsi"));
  ASSERT_EQ(willing.status, 303);
  auto shown = send(port(), "GET", page(), visitor);
  EXPECT_TRUE(has(shown.body, "Rina, 0812-555"));
  EXPECT_TRUE(has(shown.body, "Bersedia direplikasi"));
  EXPECT_FALSE(has(shown.body, "id=\"minta\"")) << "visitors cannot ask";
  // Regions find it among the innovations open to replication.
  auto open = send(port(), "GET", "/replikasi", visitor).body;
  EXPECT_TRUE(has(open, "id=\"bersedia\""));
  EXPECT_TRUE(has(open, "href=\"/inovasi/" + *origin_ + "-"));

  // Asking: bad input comes back with messages and values; another region's admin cannot ask for 73.72.
  auto form = send(port(), "GET", page(), adopter);
  EXPECT_TRUE(has(form.body, "id=\"minta\""));
  auto bad =
      send(port(), "POST", page() + "/permintaan", adopter, "region=73.72&problem=" + form_encode("Masalah kami"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "Masalah kami"));
  EXPECT_TRUE(has(bad.body, "Wajib diisi."));
  EXPECT_EQ(send(port(), "POST", page() + "/permintaan", outsider, ask).status, 403);
  auto asked = send(port(), "POST", page() + "/permintaan", adopter, ask);
  ASSERT_EQ(asked.status, 303) << asked.body.substr(0, 2000);
  const auto request = asked.header("location").substr(0, asked.header("location").find('?'));
  ASSERT_EQ(request.rfind("/replikasi/permintaan/", 0), 0u);
  EXPECT_EQ(send(port(), "POST", page() + "/permintaan", adopter, ask).status, 409) << "a second open request";
  // Until the owner answers, the sender may change what it asked (and only the sender).
  EXPECT_TRUE(has(send(port(), "GET", request, adopter).body, "id=\"sunting\""));
  EXPECT_FALSE(has(send(port(), "GET", request, origin).body, "id=\"sunting\""));
  EXPECT_EQ(send(port(), "POST", request + "/ubah", origin, ask.substr(ask.find('&') + 1)).status, 403);
  auto bad_edit =
      send(port(), "POST", request + "/ubah", adopter,
           "requester_about=Andi&problem=" + form_encode("Masalah yang diperjelas") + "&adaptation=&mode=x");
  EXPECT_EQ(bad_edit.status, 400);
  EXPECT_TRUE(has(bad_edit.body, "Masalah yang diperjelas")) << "typed text lost";
  auto edited = send(port(), "POST", request + "/ubah", adopter,
                     "requester_about=Andi&adaptation=" + form_encode("Kartu digital untuk petani kota") +
                         "&mode=study_visit&problem=" + form_encode("Data rawan pangan tersebar di 3 OPD"));
  ASSERT_EQ(edited.status, 303) << edited.body.substr(0, 1500);
  EXPECT_TRUE(has(send(port(), "GET", request, origin).body, "Data rawan pangan tersebar di 3 OPD"));
  EXPECT_TRUE(has(send(port(), "GET", "/notifikasi", origin).body, "mengubah permintaan replikasi"));
  // The origin's admin finds the request in the inbox, leading to it; the asker gets nothing for its own move.
  auto inbox = send(port(), "GET", "/notifikasi", origin).body;
  EXPECT_TRUE(has(inbox, "Kota Parepare meminta replikasi")) << inbox.substr(0, 3000);
  std::smatch notice;
  ASSERT_TRUE(std::regex_search(inbox, notice, std::regex(R"re(href="(/notifikasi/\d+)")re")));
  EXPECT_EQ(send(port(), "GET", notice[1].str(), origin).header("location"), request);
  EXPECT_FALSE(has(send(port(), "GET", "/notifikasi", adopter).body, "meminta replikasi"));

  // Who sees the request: both sides and curators; not another region, not visitors.
  EXPECT_EQ(send(port(), "GET", request, outsider).status, 404);
  EXPECT_EQ(send(port(), "GET", request, visitor).status, 303);
  EXPECT_EQ(send(port(), "GET", request, curator).status, 200);
  auto seen = send(port(), "GET", request, origin);
  ASSERT_EQ(seen.status, 200);
  EXPECT_TRUE(has(seen.body, "Kunjungan belajar"));
  EXPECT_TRUE(has(seen.body, "data-action=\"counter_propose\""));

  // The requester cannot accept its own request; the owner proposes another mode.
  EXPECT_EQ(send(port(), "POST", request + "/aksi", adopter, "action=accept").status, 403);
  auto same = send(port(), "POST", request + "/aksi", origin, "action=counter_propose&mode=study_visit");
  EXPECT_EQ(same.status, 400);
  EXPECT_TRUE(has(same.body, "berbeda dari yang diminta"));
  ASSERT_EQ(send(port(), "POST", request + "/aksi", origin, "action=counter_propose&mode=coaching_clinic").status, 303);
  EXPECT_EQ(send(port(), "POST", request + "/ubah", adopter, ask.substr(ask.find('&') + 1)).status, 409)
      << "answered: no more edits";
  EXPECT_EQ(send(port(), "POST", request + "/aksi", origin, "action=accept").status, 403)
      << "the requester answers now";
  ASSERT_EQ(send(port(), "POST", request + "/aksi", adopter, "action=accept").status, 303);
  EXPECT_TRUE(has(send(port(), "GET", "/notifikasi", adopter).body, "mengusulkan cara transfer lain"));
  EXPECT_TRUE(has(send(port(), "GET", "/notifikasi", origin).body, "oleh Kota Parepare diterima"));
  auto accepted = send(port(), "GET", request, adopter);
  EXPECT_TRUE(has(accepted.body, "data-state=\"accepted\""));
  EXPECT_TRUE(has(accepted.body, "<dd data-mode>Klinik pendampingan (coaching clinic)</dd>"));
  // The steps of the curator's default template, in order.
  // (Found one after another with find: std::regex's [\\s\\S]* recurses per character and overflows the stack.)
  std::size_t at = 0;
  for (const char* name :
       {"Kesepakatan", "Kajian dan rencana adaptasi", "Alih pengetahuan", "Uji coba", "Adopsi", "Evaluasi"}) {
    at = accepted.body.find(name, at);
    ASSERT_NE(at, std::string::npos) << name << " missing or out of order";
  }
  std::smatch step;
  ASSERT_TRUE(std::regex_search(accepted.body, step, std::regex(R"re(id="langkah-(\d+)")re")));
  const std::string step_path = request + "/langkah/" + step[1].str();

  // A step: a bad date is shown with the typed values; a good one starts the transfer.
  auto bad_step = send(port(), "POST", step_path, origin,
                       "status=berjalan&start_date=2025-13-01&notes=" + form_encode("MoU disiapkan"));
  EXPECT_EQ(bad_step.status, 400);
  EXPECT_TRUE(has(bad_step.body, "TTTT-BB-HH"));
  EXPECT_TRUE(has(bad_step.body, "MoU disiapkan"));
  ASSERT_EQ(send(port(), "POST", step_path, origin,
                 "status=selesai&start_date=2025-01-10&end_date=2025-01-20&notes=" + form_encode("MoU ditandatangani"))
                .status,
            303);
  auto running = send(port(), "GET", request, adopter);
  EXPECT_TRUE(has(running.body, "data-state=\"in_transfer\""));
  EXPECT_TRUE(has(running.body, "MoU ditandatangani"));
  EXPECT_EQ(send(port(), "POST", step_path, outsider, "status=selesai").status, 404);

  // A document of the step: the two sides and curators open it, nobody else.
  const std::string pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
  auto uploaded = send_file(port(), step_path + "/dokumen", adopter, {"mou.pdf", "application/pdf", pdf});
  ASSERT_EQ(uploaded.status, 303) << uploaded.body.substr(0, 1500);
  std::smatch doc;
  auto with_doc = send(port(), "GET", request, adopter).body;
  ASSERT_TRUE(std::regex_search(with_doc, doc, std::regex(R"re(href="(/replikasi/dokumen/\d+)")re")));
  EXPECT_TRUE(has(with_doc, "mou.pdf"));
  EXPECT_EQ(send(port(), "GET", doc[1].str(), adopter).body, pdf);
  EXPECT_EQ(send(port(), "GET", doc[1].str(), origin).status, 200);
  EXPECT_EQ(send(port(), "GET", doc[1].str(), curator).status, 200);
  EXPECT_EQ(send(port(), "GET", doc[1].str(), outsider).status, 404);
  EXPECT_EQ(send(port(), "GET", doc[1].str(), visitor).status, 303);
  auto not_pdf = send_file(port(), step_path + "/dokumen", adopter, {"x.pdf", "application/pdf", "<html>"});
  EXPECT_EQ(not_pdf.status, 400);
  // Either side removes a document; nobody else can.
  EXPECT_TRUE(has(with_doc, "action=\"" + doc[1].str() + "/hapus\""));
  EXPECT_EQ(send(port(), "POST", doc[1].str() + "/hapus", outsider, "").status, 404);
  ASSERT_EQ(send(port(), "POST", doc[1].str() + "/hapus", origin, "").status, 303);
  EXPECT_EQ(send(port(), "GET", doc[1].str(), adopter).status, 404);
  auto without_doc = send(port(), "GET", request, adopter).body;
  EXPECT_FALSE(has(without_doc, "href=\"" + doc[1].str() + "\""));
  EXPECT_TRUE(has(without_doc, "Dokumen dihapus")) << "the history tells both sides";

  // Completing records the adoption, linked to the adopter's own innovation (which must exist).
  auto unknown = send(port(), "POST", request + "/aksi", adopter, "action=complete&adopted_innovation=999999");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_TRUE(has(unknown.body, "tidak ditemukan di Lumbung"));
  ASSERT_EQ(send(port(), "POST", request + "/aksi", adopter, "action=complete&adopted_innovation=" + *other_).status,
            303);
  EXPECT_TRUE(has(send(port(), "GET", request, origin).body, "data-state=\"completed\""));
  EXPECT_EQ(send(port(), "POST", step_path, origin, "status=selesai").status, 409) << "steps of a completed transfer";

  auto profile = send(port(), "GET", "/inovasi/" + *origin_, visitor);
  ASSERT_EQ(profile.status, 200);
  EXPECT_EQ(replication_count(profile.body), 1);
  EXPECT_TRUE(has(profile.body, "Direplikasi oleh 1 daerah berbeda"));
  EXPECT_TRUE(has(profile.body, "href=\"/daerah/73.72\""));
  // The adopter's innovation links back to its origin.
  auto theirs = send(port(), "GET", "/inovasi/" + *other_, visitor);
  EXPECT_TRUE(has(theirs.body, "Replikasi dari"));
  EXPECT_TRUE(has(theirs.body, "href=\"/inovasi/" + *origin_ + "-"));

  // Declining needs a reason, which the asker then reads; a declined region may ask again and withdraw.
  const std::string ask_makassar = "region=73.71&requester_about=Budi&problem=p&adaptation=a&mode=seminar";
  auto second = send(port(), "POST", page() + "/permintaan", outsider, ask_makassar);
  ASSERT_EQ(second.status, 303);
  const auto declined = second.header("location").substr(0, second.header("location").find('?'));
  auto no_reason = send(port(), "POST", declined + "/aksi", origin, "action=decline&reason=+");
  EXPECT_EQ(no_reason.status, 400);
  EXPECT_TRUE(has(no_reason.body, "Wajib diisi."));
  ASSERT_EQ(send(port(), "POST", declined + "/aksi", origin,
                 "action=decline&reason=" + form_encode("Tim kami sedang penuh sampai Juni"))
                .status,
            303);
  auto read_back = send(port(), "GET", declined, outsider).body;
  EXPECT_TRUE(has(read_back, "data-state=\"declined\""));
  EXPECT_TRUE(has(read_back, "Tim kami sedang penuh sampai Juni"));
  EXPECT_FALSE(has(read_back, "data-action=")) << "a declined request offers no moves";
  auto third = send(port(), "POST", page() + "/permintaan", outsider, ask_makassar);
  ASSERT_EQ(third.status, 303);
  const auto withdrawn = third.header("location").substr(0, third.header("location").find('?'));
  EXPECT_EQ(send(port(), "POST", withdrawn + "/aksi", origin, "action=withdraw").status, 403);
  ASSERT_EQ(send(port(), "POST", withdrawn + "/aksi", outsider, "action=withdraw").status, 303);
  EXPECT_TRUE(has(send(port(), "GET", withdrawn, origin).body, "data-state=\"withdrawn\""));
  EXPECT_EQ(replication_count(send(port(), "GET", "/inovasi/" + *origin_, visitor).body), 1)
      << "declined and withdrawn requests adopt nothing";

  // Outside Lumbung: pending until the origin confirms; the same region twice counts once.
  auto no_evidence = send(port(), "POST", page() + "/adopsi", outsider, "region=73.71&adopted_on=2024-05-01");
  EXPECT_EQ(no_evidence.status, 400);
  ASSERT_EQ(send(port(), "POST", page() + "/adopsi", outsider,
                 "region=73.71&adopted_on=2024-05-01&evidence=" + form_encode("Perwali 12/2024"))
                .status,
            303);
  ASSERT_EQ(send(port(), "POST", page() + "/adopsi", adopter,
                 "region=73.72&adopted_on=2023-02-01&evidence=" + form_encode("Berita daerah"))
                .status,
            303);
  EXPECT_EQ(replication_count(send(port(), "GET", "/inovasi/" + *origin_, visitor).body), 1) << "pending counted";
  auto pending = send(port(), "GET", page(), origin).body;
  std::vector<std::string> decisions;
  static const std::regex decision_re(R"re(action="(/replikasi/adopsi/\d+/keputusan)")re");
  for (std::sregex_iterator it(pending.begin(), pending.end(), decision_re), end; it != end; ++it)
    decisions.push_back((*it)[1]);
  ASSERT_EQ(decisions.size(), 2u);
  EXPECT_EQ(send(port(), "POST", decisions[0], outsider, "decision=confirm").status, 403);
  for (const auto& d : decisions) ASSERT_EQ(send(port(), "POST", d, origin, "decision=confirm").status, 303);
  EXPECT_EQ(send(port(), "POST", decisions[0], origin, "decision=confirm").status, 409);
  auto counted = send(port(), "GET", "/inovasi/" + *origin_, visitor).body;
  EXPECT_EQ(replication_count(counted), 2) << "73.72 twice and 73.71 once are two regions";

  // The search index follows: sorting by replication puts the origin first
  // (the indexer works in the background: wait with a generous deadline).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  for (;;) {
    auto found = nlohmann::json::parse(http_get(port(), "/api/v1/search?sort=replicated&limit=1").body, nullptr, false);
    if (found.is_object() && found.contains("results") && !found["results"].empty() &&
        std::to_string(found["results"][0].value("id", 0)) == *origin_)
      break;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "origin never first: " << found.dump().substr(0, 300);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }

  // The "open to replication" filter finds the origin; the result card shows its count.
  for (;;) {
    auto found = nlohmann::json::parse(http_get(port(), "/api/v1/search?replicable=1&limit=50").body, nullptr, false);
    bool listed = false;
    if (found.is_object() && found.contains("results"))
      for (const auto& r : found["results"]) listed = listed || std::to_string(r.value("id", 0)) == *origin_;
    if (listed) break;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "origin not replicable: " << found.dump().substr(0, 300);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // (The last confirmation reaches the index in the background too.)
  std::string cards;
  for (;;) {
    cards = send(port(), "GET", "/cari?sort=replicated&replicable=1", visitor).body;
    if (has(cards, "Direplikasi 2 daerah")) break;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "count never on the card";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(has(cards, "Terbuka untuk replikasi"));

  // The public parts as JSON, in the shapes the OpenAPI document promises.
  const auto spec = nlohmann::json::parse(http_get(port(), "/api/v1/openapi.json").body);
  auto mine = nlohmann::json::parse(http_get(port(), "/api/v1/innovations/" + *origin_ + "/replication").body);
  EXPECT_EQ(check_schema(spec, {{"$ref", "#/components/schemas/InnovationReplication"}}, mine, "replication"), "");
  EXPECT_EQ(mine["adopting_regions_count"], 2);
  EXPECT_EQ(mine["adoptions"].size(), 3u);
  EXPECT_TRUE(mine["willing"].get<bool>());
  auto all = nlohmann::json::parse(http_get(port(), "/api/v1/replication/adoptions?year=2024").body);
  EXPECT_EQ(check_schema(spec, {{"$ref", "#/components/schemas/ReplicationAdoptions"}}, all, "adoptions"), "");
  ASSERT_EQ(all["items"].size(), 1u);
  EXPECT_EQ(all["items"][0]["adopter_region_code"], "73.71");
  EXPECT_EQ(all["items"][0]["via"], "outside");

  // The national view and its export.
  auto view = send(port(), "GET", "/replikasi", visitor);
  ASSERT_EQ(view.status, 200);
  EXPECT_TRUE(has(view.body, "3 adopsi"));
  EXPECT_TRUE(has(view.body, "class=\"matrix\""));
  EXPECT_TRUE(has(send(port(), "GET", "/replikasi?tahun=2024", visitor).body, "1 adopsi"));
  auto csv = send(port(), "GET", "/replikasi/ekspor?tahun=2023", visitor);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 2) << csv.body;
  EXPECT_TRUE(has(csv.body, ",73.72,"));
  EXPECT_TRUE(has(csv.body, ",outside,"));

  // Each side lists the request.
  EXPECT_TRUE(has(send(port(), "GET", "/replikasi/permintaan", adopter).body, "href=\"" + request + "\""));
  EXPECT_TRUE(has(send(port(), "GET", "/replikasi/permintaan", origin).body, "href=\"" + request + "\""));
  EXPECT_FALSE(has(send(port(), "GET", "/replikasi/permintaan", outsider).body, "href=\"" + request + "\""));
  // A participant of the adopting region is neither side: no list entry, no request page.
  auto participant = log_in(port(), "peserta@pareparekota.go.id", kPassword);
  EXPECT_FALSE(has(send(port(), "GET", "/replikasi/permintaan", participant).body, "href=\"" + request + "\""));
  EXPECT_EQ(send(port(), "GET", request, participant).status, 404);
}

TEST_F(ReplicationPages, RequestAcceptStepsCompleteShowsTheAdoptionOnTheProfile) { journey(); }

// The same journey with the database on PostgreSQL.
class ReplicationPagesOnPostgres : public ReplicationPages {
 protected:
  static void SetUpTestSuite() { start(true); }
};

TEST_F(ReplicationPagesOnPostgres, RequestAcceptStepsCompleteShowsTheAdoptionOnTheProfile) { journey(); }
TEST_F(ReplicationPagesOnPostgres, DirectorySortsByDistinctAdoptingRegions) { directory_order(); }

// The directory sorted by replication: X adopted by two regions, Y by one,
// then every innovation nobody replicated by name; page 2 goes on where
// page 1 stopped.
void ReplicationPages::directory_order() {
  auto origin = log_in(port(), "asal@daerah.go.id", kPassword);
  auto parepare = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto makassar = log_in(port(), "ra@makassarkota.go.id", kPassword);
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto visitor = anonymous(port());
  const std::string x = *origin_, y = *other_;
  const auto y_region = query("SELECT region_code FROM innovations WHERE id = " + y + ";");
  auto record = [&](const std::string& id, Browser& who, const std::string& region) {
    auto r = send(port(), "POST", "/inovasi/" + id + "/replikasi/adopsi", who,
                  "region=" + region + "&adopted_on=2024-05-01&evidence=" + form_encode("Perwali 12/2024"));
    ASSERT_EQ(r.status, 303) << r.body.substr(0, 1500);
  };
  auto confirm_all = [&](const std::string& id, Browser& who) {
    auto pending = send(port(), "GET", "/inovasi/" + id + "/replikasi", who).body;
    static const std::regex decision_re(R"re(action="(/replikasi/adopsi/\d+/keputusan)")re");
    int n = 0;
    for (std::sregex_iterator it(pending.begin(), pending.end(), decision_re), end; it != end; ++it, ++n)
      ASSERT_EQ(send(port(), "POST", (*it)[1], who, "decision=confirm").status, 303);
    EXPECT_GT(n, 0);
  };
  record(x, parepare, "73.72");
  record(x, makassar, "73.71");
  record(x, makassar, "73.71");  // the same region twice counts once
  confirm_all(x, origin);
  if (y_region == "73.71") record(y, parepare, "73.72");
  else record(y, makassar, "73.71");
  confirm_all(y, curator);

  // Every published innovation in the expected order: X, Y, the rest by name (then id).
  std::vector<std::string> expected = {x, y};
  std::istringstream rest(query("SELECT id FROM innovations WHERE state = 'published' AND id NOT IN (" + x + ", " +
                                y + ") ORDER BY name, id;"));
  for (std::string line; std::getline(rest, line);)
    if (!line.empty()) expected.push_back(line);
  ASSERT_GT(expected.size(), 20u) << "the demo needs more than one page";

  std::vector<std::string> seen;
  std::string next = "/inovasi?urut=replikasi";
  int pages = 0;
  static const std::regex card_re(R"re(<li class="card" data-id="(\d+)")re");
  static const std::regex next_re(R"re(rel="next" href="([^"]+)")re");
  while (!next.empty()) {
    ASSERT_LT(++pages, 10);
    auto page = send(port(), "GET", std::regex_replace(next, std::regex("&amp;"), "&"), visitor);
    ASSERT_EQ(page.status, 200) << next;
    if (pages == 1) {
      EXPECT_TRUE(has(page.body, "<option value=\"replikasi\" selected>Paling banyak direplikasi</option>"));
      EXPECT_TRUE(has(page.body, "Direplikasi oleh 2 daerah"));
      EXPECT_TRUE(has(page.body, "Direplikasi oleh 1 daerah"));
    }
    for (std::sregex_iterator it(page.body.begin(), page.body.end(), card_re), end; it != end; ++it)
      seen.push_back((*it)[1]);
    std::smatch more;
    next = std::regex_search(page.body, more, next_re) ? more[1].str() : "";
    if (!next.empty()) EXPECT_TRUE(has(next, "urut=replikasi")) << "the next page keeps the order";
  }
  EXPECT_GE(pages, 2);
  EXPECT_EQ(seen, expected);
  // The default order is still the latest change first, X not necessarily first.
  auto plain = send(port(), "GET", "/inovasi", visitor).body;
  EXPECT_FALSE(has(plain, "<option value=\"replikasi\" selected>"));
  // In English too.
  auto english = visitor;
  english.cookies += "; lang=en";
  auto en = send(port(), "GET", "/inovasi?urut=replikasi", english).body;
  EXPECT_TRUE(has(en, "Most replicated")) << en.substr(0, 500);
}

TEST_F(ReplicationPages, DirectorySortsByDistinctAdoptingRegions) { directory_order(); }

TEST_F(ReplicationPages, CuratorEditsTheStepTemplate) {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto shown = send(port(), "GET", "/kurasi/replikasi/langkah", curator);
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(has(shown.body, "Kesepakatan\nKajian dan rencana adaptasi"));
  auto empty = send(port(), "POST", "/kurasi/replikasi/langkah", curator, "steps=" + form_encode("\n  \n"));
  EXPECT_EQ(empty.status, 400);
  auto twice = send(port(), "POST", "/kurasi/replikasi/langkah", curator, "steps=" + form_encode("Sama\nSama"));
  EXPECT_EQ(twice.status, 400);
  EXPECT_TRUE(has(twice.body, "Sama\nSama")) << "typed text lost";
  auto saved = send(port(), "POST", "/kurasi/replikasi/langkah", curator,
                    "steps=" + form_encode("Kesepakatan\nKajian\nAlih pengetahuan\nUji coba\nAdopsi\nEvaluasi"));
  ASSERT_EQ(saved.status, 303);
  EXPECT_TRUE(has(send(port(), "GET", "/kurasi/replikasi/langkah", curator).body, "Kesepakatan\nKajian\nAlih"));
  auto participant = log_in(port(), "peserta@pareparekota.go.id", kPassword);
  EXPECT_EQ(send(port(), "GET", "/kurasi/replikasi/langkah", participant).status, 403);
}

void ReplicationPages::hubs() {
  auto curator = log_in(port(), "kurator@lumbung.go.id", kPassword);
  auto hub_admin = log_in(port(), "ra@makassarkota.go.id", kPassword);
  auto other = log_in(port(), "ra@pareparekota.go.id", kPassword);
  auto visitor = anonymous(port());
  // Unknown regions and accounts come back with messages, the typed values kept.
  auto bad = send(port(), "POST", "/kurasi/hub/baru", curator,
                  "kind=province&name=" + form_encode("Hub JIPP Sulawesi Selatan") + "&region_code=73&members=" +
                      form_encode("73.71\n99.99") + "&admins=" + form_encode("tidak-ada@contoh.go.id"));
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(has(bad.body, "kode wilayah yang tidak dikenal"));
  EXPECT_TRUE(has(bad.body, "bukan akun aktif"));
  EXPECT_TRUE(has(bad.body, "Hub JIPP Sulawesi Selatan"));
  auto created = send(port(), "POST", "/kurasi/hub/baru", curator,
                      "kind=province&name=" + form_encode("Hub JIPP Sulawesi Selatan") + "&region_code=73&members=" +
                          form_encode("73.71, 73.72") + "&admins=" + form_encode("RA@makassarkota.go.id"));
  ASSERT_EQ(created.status, 303) << created.body.substr(0, 1500);
  const auto hub = created.header("location").substr(0, created.header("location").find('?'));
  ASSERT_EQ(hub.rfind("/hub/", 0), 0u);

  // Adoptions by member regions are the hub's activity (one query over the members).
  auto origin = log_in(port(), "asal@daerah.go.id", kPassword);
  ASSERT_EQ(send(port(), "POST", page() + "/adopsi", other,
                 "region=73.72&adopted_on=2024-03-01&evidence=" + form_encode("Perwali 3/2024"))
                .status,
            303);
  auto pending = send(port(), "GET", page(), origin).body;
  std::smatch decision;
  ASSERT_TRUE(std::regex_search(pending, decision, std::regex(R"re(action="(/replikasi/adopsi/\d+/keputusan)")re")));
  ASSERT_EQ(send(port(), "POST", decision[1].str(), origin, "decision=confirm").status, 303);
  auto active = send(port(), "GET", hub, visitor).body;
  EXPECT_TRUE(has(active, "class=\"hub-activity\"")) << "the member's adoption is listed";
  EXPECT_TRUE(has(active, "href=\"/inovasi/" + *origin_ + "-"));

  auto listed = send(port(), "GET", "/hub", visitor);
  EXPECT_TRUE(has(listed.body, "href=\"" + hub + "\""));
  EXPECT_TRUE(has(listed.body, "2 daerah anggota"));
  auto page = send(port(), "GET", hub, visitor);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(has(page.body, "href=\"/daerah/73.71\""));
  EXPECT_TRUE(has(page.body, "href=\"/daerah/73.72\""));
  EXPECT_FALSE(has(page.body, "name=\"held_on\"")) << "visitors get no event form";

  // Only the hub's admins (and curators) record forums.
  const std::string forum = "title=" + form_encode("Forum Replikasi Inovasi 2025") +
                            "&held_on=2025-06-30&mode=hibrida&agenda=" + form_encode("Paparan SIGAP") +
                            "&outcome=" + form_encode("Tiga daerah berminat");
  EXPECT_EQ(send(port(), "POST", hub + "/forum", other, forum).status, 403);
  auto missing = send(port(), "POST", hub + "/forum", hub_admin, "title=&held_on=kemarin&mode=luring");
  EXPECT_EQ(missing.status, 400);
  EXPECT_TRUE(has(missing.body, "TTTT-BB-HH"));
  ASSERT_EQ(send(port(), "POST", hub + "/forum", hub_admin, forum).status, 303);
  auto with_forum = send(port(), "GET", hub, visitor).body;
  EXPECT_TRUE(has(with_forum, "Forum Replikasi Inovasi 2025"));
  EXPECT_TRUE(has(with_forum, "Tiga daerah berminat"));
  EXPECT_TRUE(has(with_forum, "Hibrida"));
  // A forum still to come is announced to the member regions' admins (not to whoever recorded it).
  ASSERT_EQ(send(port(), "POST", hub + "/forum", hub_admin,
                 "title=" + form_encode("Forum Replikasi 2099") + "&held_on=2099-03-01&mode=daring")
                .status,
            303);
  EXPECT_TRUE(has(send(port(), "GET", "/notifikasi", other).body, "menjadwalkan forum"));
  EXPECT_FALSE(has(send(port(), "GET", "/notifikasi", hub_admin).body, "Forum Replikasi 2099"));

  // The curator edits it; the form shows the admins by email.
  auto edit = send(port(), "GET", "/kurasi" + hub + "/ubah", curator);
  ASSERT_EQ(edit.status, 200);
  EXPECT_TRUE(has(edit.body, "ra@makassarkota.go.id"));
  auto unknown_unit =
      send(port(), "POST", "/kurasi" + hub + "/ubah", curator,
           "kind=agency&name=" + form_encode("Hub JIPP Kemenag") + "&members=73.71&units=999999&admins=");
  EXPECT_EQ(unknown_unit.status, 400);
  EXPECT_TRUE(has(unknown_unit.body, "unit yang tidak dikenal"));
  ASSERT_EQ(send(port(), "POST", "/kurasi" + hub + "/ubah", curator,
                 "kind=agency&name=" + form_encode("Hub JIPP Kemenag") +
                     "&members=73.71&units=" + form_encode("/unit/" + *unit_) + "&admins=")
                .status,
            303);
  auto changed = send(port(), "GET", hub, visitor).body;
  EXPECT_TRUE(has(changed, "href=\"/unit/" + *unit_ + "\"")) << "a unit is a member";
  EXPECT_TRUE(has(send(port(), "GET", "/kurasi" + hub + "/ubah", curator).body, *unit_ + "</textarea>"));
  EXPECT_TRUE(has(changed, "Kementerian/lembaga"));
  EXPECT_FALSE(has(changed, "href=\"/daerah/73.72\""));
  EXPECT_EQ(send(port(), "POST", hub + "/forum", hub_admin, forum).status, 403) << "no longer its admin";
}

TEST_F(ReplicationPages, CuratorDefinesAHubWhoseAdminRecordsAForum) { hubs(); }
TEST_F(ReplicationPagesOnPostgres, CuratorDefinesAHubWhoseAdminRecordsAForum) { hubs(); }

}  // namespace
}  // namespace lumbung
