// seed-demo --accounts: the labs, replications, IID submissions and
// competitions the demo logins work on. Everything is written through the
// domain services (LabService, ReplicationService, HubService, IidService,
// CompetitionService) with the actors who would do it, so every rule of those
// services holds for the demo data. Dates sit around today: the services run
// on a clock that starts at 09:00 WIB of the current day and is moved to the
// day each step happens, so the same --seed on the same day gives the same
// rows. An area that already holds data is left alone (seeding again adds
// nothing).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "auth/auth_service.hpp"
#include "cli/app.hpp"
#include "cli/wiring.hpp"
#include "competition/competition_service.hpp"
#include "directory/attachment_rules.hpp"
#include "directory/demo_text.hpp"
#include "directory/innovation_service.hpp"
#include "index/iid_service.hpp"
#include "labs/lab_service.hpp"
#include "labs/stage_rules.hpp"
#include "replication/hub_service.hpp"
#include "replication/replication_rules.hpp"
#include "replication/replication_service.hpp"

namespace lumbung::cli {

namespace {

using directory::Innovation;
using directory::demo::SplitMix64;
using Flat = std::map<std::string, std::string>;

constexpr std::int64_t kDay = 86400;
constexpr const char* kMakassar = "73.71";

std::string iso_date(std::int64_t t) {
  std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

int year_of(std::int64_t t) { return std::stoi(iso_date(t).substr(0, 4)); }

Error context(const char* what, const Error& e) {
  std::string fields;
  for (const auto& f : e.fields()) fields += " " + f.field + "=" + f.key;
  return Error(e.code(), std::string("seed-demo: ") + what + ": " + e.message() + fields);
}

// A one-page PDF standing for an evidence file (bukti dukung).
std::string evidence_pdf(const std::string& line) {
  std::string text;
  for (char c : line)
    if (c != '(' && c != ')' && c != '\\' && static_cast<unsigned char>(c) < 128) text += c;
  const std::string stream = "BT /F1 12 Tf 50 780 Td (" + text + ") Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(stream.size()) + " >>\nstream\n" + stream + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const auto xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (auto o : offsets) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "%010zu 00000 n \n", o);
    pdf += buf;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R >>\nstartxref\n" +
         std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// What every area needs: the services on one clock, the actors, the random source.
struct Seeder {
  const Config& config;
  store::Database& db;
  FakeClock clock;
  std::int64_t today = 0;  // 09:00 WIB of the current day
  SplitMix64 rng;
  directory::InnovationService innovations;
  auth::AccountService accounts;
  std::map<std::string, auth::User> users;  // by email

  Seeder(const Config& c, store::Database& d, std::uint64_t seed, std::int64_t now)
      : config(c),
        db(d),
        clock((now / kDay) * kDay + 2 * 3600),
        today((now / kDay) * kDay + 2 * 3600),
        rng{seed ^ 0x5eed'dea0ULL},
        innovations(d, clock),
        accounts(d, clock, account_options(c)) {}

  // Moves the clock to `days` from today (plus a few minutes per step, so
  // events keep their order within a day).
  void on(int days) { clock.set(today + std::int64_t{days} * kDay + rng.below(480) * 60); }
  std::string date(int days) const { return iso_date(today + std::int64_t{days} * kDay); }
  int year() const { return year_of(today); }

  const auth::User& user(const std::string& email) const { return users.at(email); }
  auth::Actor actor(const std::string& email) const { return auth::Actor::of(user(email)); }

  // The demo login or the extra person with this email (extra people are
  // created without a known password: they act in the demo, nobody logs in as them).
  Status need_user(const std::string& email, const std::string& name, auth::Role role, bool create = true) {
    auto found = accounts.list_users(auth::UserFilter{.query = email});
    if (!found) return found.error();
    for (const auto& u : *found)
      if (u.email == email) {
        users[email] = u;
        return {};
      }
    if (!create) return Error(ErrorCode::not_found, "seed-demo: no demo account " + email);
    auto created = accounts.create_user(email, name, {auth::Grant{role, auth::Scope::national()}}, "",
                                        auth::Actor::system("seed-demo"));
    if (!created) return context("account", created.error());
    users[email] = created->user;
    return {};
  }

  Result<std::int64_t> count(const char* table) {
    return db.transact("demo_count", [&](soci::session& sql) -> Result<std::int64_t> {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM " << table, soci::into(n);
      return static_cast<std::int64_t>(n);
    });
  }

  // Published innovations of a region, newest change first.
  std::vector<Innovation> published_in(const std::string& region, int limit) {
    directory::InnovationFilter f;
    f.region_code = region;
    auto page = innovations.list(f, {limit, ""});
    return page ? page->items : std::vector<Innovation>{};
  }
};

const char* const kAdmin = "admin@demo.lumbung.example";
const char* const kCurator = "kurator@demo.lumbung.example";
const char* const kJudge = "juri@demo.lumbung.example";
const char* const kRegionAdmin = "makassar@demo.lumbung.example";
const char* const kOrganizer = "lab.makassar@demo.lumbung.example";
const char* const kCoachUnhas = "pendamping.unhas@demo.lumbung.example";
const char* const kCoachLan = "pendamping.lan@demo.lumbung.example";
const char* const kCoachUnsoed = "pendamping.unsoed@demo.lumbung.example";
const char* const kJudgeTe = "juri.te@demo.lumbung.example";
const char* const kJudgeTpi = "juri.tpi@demo.lumbung.example";

// ============================================================ labs

struct Problem {
  const char* text;
  int u, s, g;
};

// One unit's idea in a lab and how far it gets.
struct IdeaPlan {
  const char* unit_kind;    // the unit: the first of this kind ...
  const char* unit_prefix;  // ... whose name starts with this ("" = any)
  const char* coach;
  const char* title;
  std::vector<Problem> problems;
  const char* causes;
  const char* statement;
  labs::Stage reach;      // the stage the idea is at when seeding ends
  bool save_current;      // the current stage's form is saved (work in progress)
  bool returned = false;  // the current stage was sent back by the coach
  bool publish = false;   // published to the repository (needs reach > delivery)
};

Flat drumup_form(const std::string& unit, std::size_t items, SplitMix64& rng, const std::string& on) {
  Flat f = {{"leader_name", "Kepala " + unit},
            {"leader_position", "Kepala " + unit},
            {"commitment",
             "Kami berkomitmen menyediakan waktu tim, anggaran pendampingan dan dukungan pimpinan agar ide "
             "inovasi unit kami berjalan sampai tahap Display."},
            {"commitment_date", on}};
  for (std::size_t i = 1; i <= items; ++i) f["readiness_" + std::to_string(i)] = std::to_string(rng.between(2, 5));
  return f;
}

Flat diagnose_form(const IdeaPlan& p) {
  Flat f = {{"root_causes", p.causes}, {"idea_statement", p.statement}};
  for (std::size_t i = 0; i < p.problems.size(); ++i) {
    const auto k = "problems_" + std::to_string(i + 1) + "_";
    f[k + "problem"] = p.problems[i].text;
    f[k + "urgency"] = std::to_string(p.problems[i].u);
    f[k + "seriousness"] = std::to_string(p.problems[i].s);
    f[k + "growth"] = std::to_string(p.problems[i].g);
  }
  return f;
}

Flat design_form(const IdeaPlan& p, const Seeder& s, int base) {
  return {{"stakeholders", "Kepala unit, tim teknis, camat dan lurah, perwakilan warga penerima layanan, mitra kampus"},
          {"risks",
           "Jaringan internet tidak stabil di sebagian wilayah; petugas belum terbiasa; anggaran perubahan "
           "belum pasti. Mitigasi: mode luring cadangan, pelatihan berjenjang, dukungan CSR."},
          {"quick_wins", "Uji coba di satu lokasi dalam dua minggu pertama dan papan informasi layanan."},
          {"milestones_1_title", "SK tim inovasi dan SOP layanan"},
          {"milestones_1_due", s.date(base + 7)},
          {"milestones_1_owner", "Sekretaris " + std::string(p.unit_kind == std::string("opd") ? "dinas" : "unit")},
          {"milestones_1_resources", "Rapat tim, draf SOP"},
          {"milestones_2_title", "Uji coba di lokasi percontohan"},
          {"milestones_2_due", s.date(base + 21)},
          {"milestones_2_owner", "Koordinator layanan"},
          {"milestones_2_resources", "Dua petugas, formulir daring"},
          {"milestones_3_title", "Evaluasi uji coba dan perluasan"},
          {"milestones_3_due", s.date(base + 45)},
          {"milestones_3_owner", "Kepala unit"},
          {"milestones_3_resources", "Survei kepuasan masyarakat"}};
}

Flat delivery_form(const IdeaPlan& p, const Seeder& s, int base) {
  return {{"results", std::string("Selama uji coba, ") + p.title +
                          " melayani warga di lokasi percontohan; waktu layanan turun dan keluhan berkurang "
                          "menurut catatan layanan dan survei kepuasan."},
          {"result_figure", "Waktu layanan turun dari 5 hari menjadi 1 hari; 1.240 warga terlayani"},
          {"log_1_milestone", "SK tim inovasi dan SOP layanan"},
          {"log_1_done_on", s.date(base)},
          {"log_1_activity", "SK ditandatangani dan SOP disosialisasikan"},
          {"log_1_evidence_url", "https://jdih.makassarkota.go.id/"},
          {"log_2_milestone", "Uji coba di lokasi percontohan"},
          {"log_2_done_on", s.date(base + 10)},
          {"log_2_activity", "Uji coba berjalan tiga minggu dengan pendampingan"},
          {"log_2_evidence_url", "https://makassarkota.go.id/"}};
}

Flat display_form(const Seeder& s, int on, const char* place) {
  return {{"launch_date", s.date(on)},
          {"launch_place", place},
          {"showcase", "Peluncuran inovasi oleh kepala daerah, stan pameran dan demonstrasi layanan bagi warga."},
          {"media_links", "https://makassarkota.go.id/"}};
}

class LabSeeder {
 public:
  LabSeeder(Seeder& s) : s_(s), labs_(s.db, s.clock, s.innovations, s.accounts) {}

  Status run() {
    auto units = s_.innovations.units(kMakassar);
    if (!units) return units.error();
    const int y = s_.year();
    // ---- Makassar: a partnership lab, mid-way through Design.
    labs::LabDraft mks;
    mks.name = "Labinov Beken Kota Makassar " + std::to_string(y);
    mks.organizer = "Bappeda Kota Makassar";
    mks.region_code = kMakassar;
    mks.year = y;
    mks.partners = {{"Universitas Hasanuddin", "045/UN4.1/KS/" + std::to_string(y), "academia"},
                    {"Puslatbang KMP LAN Makassar", "12/PKMP/MoU/" + std::to_string(y), "government"},
                    {"Perumda Air Minum Kota Makassar", "", "business"},
                    {"Komunitas Makassar Digital", "", "community"}};
    mks.sessions = {{"drumup", s_.date(-42), s_.date(-42), "luring", "Ruang Sipakatau, Balai Kota Makassar"},
                    {"diagnose", s_.date(-35), s_.date(-34), "luring", "Hotel Claro Makassar"},
                    {"clinic", s_.date(-20), s_.date(-20), "daring", "https://zoom.us/j/5550101"},
                    {"design", s_.date(-6), s_.date(9), "hybrid", "Puslatbang KMP LAN Makassar dan Zoom"},
                    {"delivery", s_.date(10), s_.date(60), "hybrid", "Unit masing-masing"},
                    {"display", s_.date(70), s_.date(71), "luring", "Anjungan Pantai Losari"},
                    {"documentation", s_.date(80), s_.date(85), "daring", "https://zoom.us/j/5550102"}};
    const std::vector<IdeaPlan> mks_ideas = {
        {"opd",
         "Dinas Kependudukan",
         kCoachUnhas,
         "Dukcapil Jemput Bola Lorong",
         {{"Warga lansia dan disabilitas sulit datang ke kantor untuk rekam KTP-el", 5, 4, 4},
          {"Antrean panjang di kantor pada awal pekan", 4, 3, 3},
          {"Informasi persyaratan dokumen tidak seragam", 3, 3, 2}},
         "Layanan hanya di kantor; jadwal keliling tidak diumumkan; data warga rentan tidak dipetakan.",
         "Tim keliling merekam KTP-el dan menerbitkan dokumen di lorong-lorong sesuai jadwal yang diumumkan lewat "
         "RT/RW dan media sosial.",
         labs::Stage::display,
         false,
         false,
         true},
        {"opd",
         "Dinas Kesehatan",
         kCoachUnhas,
         "Sapa Ibu Hamil Lewat WhatsApp",
         {{"Ibu hamil berisiko tinggi terlambat memeriksakan kehamilan", 5, 5, 4},
          {"Data kunjungan antenatal tercatat manual di buku", 3, 4, 3},
          {"Kader posyandu kekurangan informasi rujukan", 3, 3, 3}},
         "Pencatatan manual; tidak ada pengingat jadwal; koordinasi bidan dan kader lemah.",
         "Pengingat jadwal periksa dan kanal tanya bidan melalui WhatsApp untuk setiap ibu hamil yang terdaftar.",
         labs::Stage::delivery,
         true},
        {"kecamatan",
         "",
         kCoachUnhas,
         "Kecamatan Tanpa Kertas",
         {{"Surat pengantar warga harus dicetak dan ditandatangani basah", 4, 3, 4},
          {"Arsip surat sulit ditelusuri", 3, 3, 3}},
         "Belum ada tanda tangan elektronik; format surat berbeda tiap kelurahan.",
         "Layanan surat pengantar daring dengan tanda tangan elektronik dari kelurahan sampai kecamatan.",
         labs::Stage::design,
         true},
        {"puskesmas",
         "",
         kCoachLan,
         "Antrean Daring Puskesmas",
         {{"Pasien menunggu lebih dari dua jam sebelum dilayani", 5, 4, 5},
          {"Ruang tunggu padat pada pagi hari", 4, 3, 4},
          {"Pasien tidak tahu jadwal poli", 2, 2, 3}},
         "Nomor antrean hanya diambil di tempat; jadwal poli tidak diumumkan.",
         "Nomor antrean dan jadwal poli lewat aplikasi pesan dan laman puskesmas, dengan kuota bagi pasien datang "
         "langsung.",
         labs::Stage::design,
         false},
        {"bumd",
         "Perumda Air Minum",
         kCoachLan,
         "Lapor Bocor Pipa Cepat",
         {{"Laporan kebocoran pipa terlambat ditangani", 4, 4, 4}, {"Kehilangan air (NRW) tinggi", 5, 5, 3}},
         "Laporan lewat telepon tidak tercatat; tim lapangan tidak tahu prioritas.",
         "Pelaporan kebocoran dengan foto dan titik lokasi yang langsung masuk ke tim lapangan terdekat.",
         labs::Stage::diagnose,
         true,
         true},
        {"kecamatan",
         "",
         kCoachLan,
         "Bank Sampah Lorong Digital",
         {{"Sampah rumah tangga menumpuk di lorong", 4, 4, 5}},
         "Bank sampah tidak punya pencatatan tabungan; warga tidak tahu jadwal penimbangan.",
         "Pencatatan tabungan sampah dengan kartu berkode QR dan jadwal penimbangan bersama.",
         labs::Stage::diagnose,
         true},
        {"opd", "Dinas Komunikasi", kCoachUnhas, "Aduan Warga Satu Pintu", {}, "", "", labs::Stage::drumup, true},
    };
    if (auto st = run_lab(mks, kOrganizer, units.value(), mks_ideas, -40, "Anjungan Pantai Losari"); !st) return st;

    // ---- Cilegon: an executive lab for heads of OPD, three days, pitches reviewed.
    auto cilegon_units = s_.innovations.units("36.72");
    if (!cilegon_units) return cilegon_units.error();
    labs::LabDraft cil;
    cil.name = "Executive Laboratorium Inovasi Kota Cilegon " + std::to_string(y);
    cil.organizer = "Bappedalitbang Kota Cilegon";
    cil.region_code = "36.72";
    cil.format = "executive";
    cil.year = y;
    cil.partners = {{"Lembaga Administrasi Negara", "B-118/K.1/HK.07/" + std::to_string(y), "government"}};
    cil.sessions = {{"drumup", s_.date(-61), s_.date(-61), "luring", "Aula Bappedalitbang Kota Cilegon"},
                    {"diagnose", s_.date(-60), s_.date(-60), "luring", "Aula Bappedalitbang Kota Cilegon"},
                    {"design", s_.date(-59), s_.date(-59), "luring", "Aula Bappedalitbang Kota Cilegon"},
                    {"delivery", s_.date(-58), s_.date(30), "luring", "Perangkat daerah masing-masing"},
                    {"display", s_.date(45), s_.date(45), "luring", "Alun-alun Kota Cilegon"}};
    const std::vector<IdeaPlan> cil_ideas = {
        {"opd",
         "Dinas Penanaman Modal",
         kCoachLan,
         "Izin Usaha Mikro Sehari Jadi",
         {{"Pelaku usaha mikro menunggu izin lebih dari seminggu", 5, 4, 4}},
         "Verifikasi berkas berlapis dan tidak terjadwal.",
         "Loket khusus usaha mikro dengan verifikasi di tempat dan izin terbit hari itu juga.",
         labs::Stage::delivery,
         false},
        {"opd",
         "Dinas Pendidikan",
         kCoachLan,
         "Guru Penggerak Literasi Digital",
         {{"Nilai literasi siswa SD di bawah rata-rata provinsi", 4, 5, 4}},
         "Guru belum terlatih memakai bahan bacaan digital.",
         "Komunitas guru penggerak yang berbagi bahan bacaan digital antarsekolah setiap pekan.",
         labs::Stage::delivery,
         false},
        {"opd",
         "Dinas Sosial",
         kCoachLan,
         "Data Terpadu Kesejahteraan Satu Pintu",
         {{"Bantuan sosial salah sasaran karena data ganda", 5, 5, 3}},
         "Pemutakhiran data di kelurahan tidak tersambung ke dinas.",
         "Pemutakhiran data kesejahteraan oleh kelurahan langsung ke basis data dinas dengan verifikasi berjenjang.",
         labs::Stage::design,
         true},
        {"opd",
         "Dinas Lingkungan Hidup",
         kCoachLan,
         "Pantau Udara Kawasan Industri",
         {{"Warga sekitar kawasan industri mengeluhkan kualitas udara", 4, 4, 4}},
         "Belum ada data kualitas udara yang terbuka untuk warga.",
         "Sensor kualitas udara murah di titik permukiman dengan dasbor terbuka.",
         labs::Stage::design,
         true},
    };
    if (auto st = run_lab(cil, kAdmin, cilegon_units.value(), cil_ideas, -58, "Alun-alun Kota Cilegon"); !st) return st;

    // ---- Purbalingga: a lab in its Drum-up days; units enrolled, ideas just begun.
    auto pbg_units = s_.innovations.units("33.03");
    if (!pbg_units) return pbg_units.error();
    labs::LabDraft pbg;
    pbg.name = "Laboratorium Inovasi Kabupaten Purbalingga " + std::to_string(y);
    pbg.organizer = "Bappelitbangda Kabupaten Purbalingga";
    pbg.region_code = "33.03";
    pbg.year = y;
    pbg.partners = {{"Universitas Jenderal Soedirman", "017/UN23/KS/" + std::to_string(y), "academia"},
                    {"Lembaga Administrasi Negara", "", "government"}};
    pbg.sessions = {{"drumup", s_.date(-1), s_.date(1), "luring", "Pendapa Dipokusumo Purbalingga"},
                    {"diagnose", s_.date(5), s_.date(6), "luring", "Pendapa Dipokusumo Purbalingga"},
                    {"design", s_.date(25), s_.date(25), "hybrid", "Gedung Bappelitbangda dan Zoom"},
                    {"delivery", s_.date(26), s_.date(50), "hybrid", "Unit masing-masing"},
                    {"display", s_.date(55), s_.date(55), "luring", "Purbalingga Expo, GOR Goentoer Darjono"}};
    const std::vector<IdeaPlan> pbg_ideas = {
        {"opd",
         "Dinas Kesehatan",
         kCoachUnsoed,
         "Posyandu Remaja Cegah Stunting",
         {},
         "",
         "",
         labs::Stage::drumup,
         true},
        {"kecamatan", "", kCoachUnsoed, "Kecamatan Ramah Investasi Desa", {}, "", "", labs::Stage::drumup, true},
        {"puskesmas", "", kCoachUnsoed, "Jemput Bola Imunisasi Dusun", {}, "", "", labs::Stage::drumup, false},
        {"bumd", "", kCoachUnsoed, "Tagihan Air Lewat Warung Desa", {}, "", "", labs::Stage::drumup, false},
    };
    return run_lab(pbg, kAdmin, pbg_units.value(), pbg_ideas, -2, "");
  }

 private:
  Status run_lab(labs::LabDraft draft, const char* organiser, const std::vector<directory::Unit>& units,
                 const std::vector<IdeaPlan>& plans, int start, const char* launch_place) {
    const auto org = s_.actor(organiser);
    s_.on(start - 14);
    auto lab = labs_.create_lab(org, draft);
    if (!lab) return context("lab", lab.error());
    std::set<std::int64_t> used;
    int day = start;
    for (const auto& p : plans) {
      const directory::Unit* unit = nullptr;
      for (const auto& u : units)
        if (u.kind == p.unit_kind && u.name.rfind(p.unit_prefix, 0) == 0 && !used.count(u.id)) {
          unit = &u;
          break;
        }
      if (!unit) continue;  // a region without such a unit: that idea is left out
      used.insert(unit->id);
      s_.on(start - 10);
      if (auto st = labs_.enrol_unit(org, lab->id, unit->id, p.coach); !st) return context("lab enrol", st.error());
      const auto coach = s_.actor(p.coach);
      s_.on(start);
      auto idea = labs_.create_idea(org, lab->id, unit->id, p.title);
      if (!idea) return context("lab idea", idea.error());
      int d = ++day;
      // Each stage the idea passed: its form saved, then completed by the coach.
      for (auto stage : labs::stages_of(lab->with_documentation())) {
        const bool passed = static_cast<int>(stage) < static_cast<int>(p.reach);
        const bool current = stage == p.reach;
        if (!passed && !(current && p.save_current)) break;
        Flat flat;
        switch (stage) {
          case labs::Stage::drumup:
            flat = drumup_form(unit->name, lab->readiness_items.size(), s_.rng, s_.date(d));
            break;
          case labs::Stage::diagnose:
            flat = diagnose_form(p);
            break;
          case labs::Stage::design:
            flat = design_form(p, s_, d);
            break;
          case labs::Stage::delivery:
            flat = delivery_form(p, s_, d);
            break;
          case labs::Stage::display:
            flat = display_form(s_, std::max(d, 0) + 30, launch_place);
            break;
          default:
            break;
        }
        if (flat.empty()) break;
        auto data = labs::read_stage_form(
            stage, [&](const std::string& k) { return flat.count(k) ? flat.at(k) : std::string(); },
            lab->readiness_items.size());
        if (!data) return context("lab stage form", data.error());
        s_.on(d);
        if (auto w = labs_.save_work(org, lab->id, idea->id, stage, *data); !w) return context("lab work", w.error());
        if (stage == labs::Stage::diagnose) {
          s_.on(d);
          auto c = labs_.comment(coach, lab->id, idea->id, stage, 0,
                                 "Masalah prioritas sudah tajam. Tambahkan data pendukung: berapa warga yang "
                                 "terdampak setiap bulan?");
          if (!c) return context("lab comment", c.error());
          auto reply = labs_.comment(org, lab->id, idea->id, stage, c->id,
                                     "Baik, data kunjungan tiga bulan terakhir kami lampirkan di catatan berikutnya.");
          if (!reply) return context("lab comment", reply.error());
        }
        if (passed) {
          d += 5;
          s_.on(d);
          std::map<std::string, int> scores;
          for (const auto& criterion : lab->rubric) scores[criterion] = s_.rng.between(3, 5);
          if (auto st = labs_.score(coach, lab->id, idea->id, stage, scores); !st)
            return context("lab score", st.error());
          auto gate = labs_.decide(coach, lab->id, idea->id, stage, labs::GateAction::complete, "");
          if (!gate) return context("lab gate", gate.error());
        } else if (p.returned) {
          s_.on(d + 2);
          auto gate = labs_.decide(coach, lab->id, idea->id, stage, labs::GateAction::send_back,
                                   "Skor USG untuk masalah kedua belum didukung data; lengkapi akar masalah.");
          if (!gate) return context("lab gate", gate.error());
        }
        d += 2;
      }
      if (draft.format == "executive" && static_cast<int>(p.reach) >= static_cast<int>(labs::Stage::design)) {
        s_.on(start + 2);
        const char* verdict = p.reach == labs::Stage::delivery ? "lanjut" : "perbaiki";
        if (auto st = labs_.record_verdict(coach, lab->id, idea->id, verdict,
                                           std::string(verdict) == "lanjut"
                                               ? "Ide jelas, sasaran terukur; lanjutkan ke uji coba."
                                               : "Perjelas indikator keberhasilan dan pemilik tiap tahap.");
            !st)
          return context("lab verdict", st.error());
      }
      if (p.publish) {
        s_.on(d);
        auto published = labs_.publish(org, lab->id, idea->id);
        if (!published) return context("lab publish", published.error());
        // As in the editor: the region's admin sends the draft for review, a curator publishes it.
        auto draft_innovation = s_.innovations.get(published->innovation_id);
        if (!draft_innovation) return context("lab innovation", draft_innovation.error());
        // The editor completes what the lab stages do not ask: sector, form, stage and dates.
        directory::InnovationDraft profile = *draft_innovation;
        profile.sector = "kependudukan";
        profile.form = "pelayanan_publik";
        profile.stage = "uji_coba";
        profile.initiator = "opd";
        if (profile.novelty.empty())
          profile.novelty = "Layanan datang ke warga menurut jadwal yang diumumkan, bukan warga yang datang ke kantor.";
        if (profile.beneficiaries.empty())
          profile.beneficiaries = "Warga lansia, penyandang disabilitas dan warga lorong padat yang sulit ke kantor.";
        if (profile.budget_text.empty())
          profile.budget_text = "Rp 85 juta per tahun dari APBD untuk operasional tim keliling";
        profile.trial_date = s_.date(std::min(d - 20, -1));
        s_.on(d + 1);
        auto completed = s_.innovations.update(s_.user(kRegionAdmin).id, draft_innovation->id,
                                               draft_innovation->version, profile, "Dilengkapi dari hasil lab");
        if (!completed) return context("lab innovation profile", completed.error());
        auto submitted = s_.innovations.submit(s_.user(kRegionAdmin).id, completed->id, completed->version);
        if (!submitted) return context("lab innovation review", submitted.error());
        s_.on(d + 3);
        auto live = s_.innovations.publish(s_.user(kCurator).id, submitted->id, submitted->version);
        if (!live) return context("lab innovation publish", live.error());
      }
    }
    // A lab that has run for a few weeks held a coaching clinic for all its units.
    if (start > -20) return {};
    const int held = std::min(start + 20, -1);
    labs::Clinic clinic;
    clinic.held_on = s_.date(held);
    clinic.mode = "daring";
    clinic.attendees = "Tim inovasi semua unit, pendamping";
    clinic.notes = "Klinik membahas penyusunan indikator hasil dan rencana aksi; unit berbagi kendala uji coba.";
    clinic.actions = {
        {"Kirim draf rencana aksi ke pendamping", "Koordinator tiap unit", s_.date(std::min(held + 7, 5))}};
    s_.on(held);
    if (auto c = labs_.record_clinic(org, lab->id, clinic); !c) return context("lab clinic", c.error());
    return {};
  }

  Seeder& s_;
  labs::LabService labs_;
};

// ============================================================ replication

class ReplicationSeeder {
 public:
  ReplicationSeeder(Seeder& s) : s_(s), service_(s.db, s.clock, uploads_dir(s.config)), hubs_(s.db, s.clock) {}

  Status run() {
    // Origins: proven innovations of well-known innovative regions, else the newest ones.
    std::vector<Innovation> origins;
    std::set<std::string> regions;
    for (const char* code : {"35.10", "51.03", "34.01", "35.78", "33.74", kMakassar}) {
      auto items = s_.published_in(code, 1);
      if (!items.empty() && regions.insert(code).second) origins.push_back(items.front());
    }
    if (origins.size() < 5) {
      auto latest = s_.innovations.latest_published(40);
      if (!latest) return latest.error();
      for (const auto& i : *latest)
        if (origins.size() < 5 && regions.insert(i.region_code).second) origins.push_back(i);
    }
    if (origins.empty()) return {};
    const auto admin = s_.user(kAdmin).id, region_admin = s_.user(kRegionAdmin).id;
    const replication::Sides owner{true, false};  // the origin answers and keeps the steps
    // Willingness and what an adopter gets, on every origin.
    for (const auto& o : origins) {
      replication::Offer offer;
      offer.willing = true;
      offer.guides = "Panduan teknis dan materi pelatihan petugas " + o.name;
      offer.sop = "SOP layanan dan alur kerja yang berlaku di " + o.region_name;
      offer.documents = "Peraturan kepala daerah, SK tim inovasi, desain formulir";
      offer.contact = o.contact_name.empty() ? "Tim inovasi " + o.unit_name : o.contact_name + ", " + o.unit_name;
      offer.costs = "Pendampingan tanpa biaya; perjalanan dan pelatihan ditanggung daerah peminat.";
      s_.on(-240);
      if (auto saved = service_.save_offer(admin, o, offer); !saved) return context("replication offer", saved.error());
    }
    auto ask = [&](const Innovation& o, const std::string& adopter, std::int64_t who, const char* mode,
                   int day) -> Result<replication::Request> {
      replication::Request r;
      r.adopter_region_code = adopter;
      r.requester_about = "Bappeda " + region_name(adopter) + ", bidang litbang dan inovasi";
      // The origin's problem up to the end of a sentence, as a requester would quote it.
      std::string quoted = o.problem.substr(0, 600);
      if (quoted.size() < o.problem.size()) {
        const auto stop = quoted.rfind(". ");
        quoted = stop == std::string::npos ? std::string() : quoted.substr(0, stop + 1);
      }
      r.problem = "Kami menghadapi masalah serupa. " + (quoted.empty() ? std::string("Layanan masih lambat.") : quoted);
      r.adaptation = "Alur layanan dan SOP, disesuaikan dengan jumlah petugas dan wilayah kami.";
      r.mode = mode;
      s_.on(day);
      auto asked = service_.ask(who, o, r);
      if (!asked) return context("replication request", asked.error());
      return asked;
    };
    auto move = [&](std::int64_t who, const replication::Sides& sides, replication::Request& r, const char* action,
                    int day, std::string reason = {}, std::string mode = {}) -> Status {
      s_.on(day);
      replication::Move m;
      m.action = action;
      m.expected_version = 0;  // steps moved the version on
      m.reason = std::move(reason);
      m.mode = std::move(mode);
      auto moved = service_.move(who, sides, r.id, m);
      if (!moved) return context("replication move", moved.error());
      r = *moved;
      return {};
    };
    // Steps: the first `done` finished, the next one running.
    auto steps = [&](std::int64_t who, const replication::Request& r, int done, int day) -> Status {
      auto t = service_.transfer(r.id);
      if (!t) return t.error();
      for (std::size_t i = 0; i < t->steps.size() && static_cast<int>(i) <= done; ++i) {
        auto step = t->steps[i];
        const int start = day + static_cast<int>(i) * 12;
        step.start_date = s_.date(start);
        if (static_cast<int>(i) < done) {
          step.status = "selesai";
          step.end_date = s_.date(start + 10);
          step.notes = "Selesai sesuai rencana.";
        } else {
          step.status = "berjalan";
          step.notes = "Sedang berjalan.";
        }
        s_.on(std::min(start + 10, -1));
        auto saved = service_.update_step(who, owner, r.id, step);
        if (!saved) return context("replication step", saved.error());
      }
      return {};
    };
    auto adopters_for = [&](const Innovation& o, std::vector<std::string> candidates) {
      std::vector<std::string> out;
      for (auto& c : candidates)
        if (c != o.region_code) out.push_back(std::move(c));
      return out;
    };
    // Origin 1: three completed transfers and one adoption recorded outside Lumbung.
    const auto& o1 = origins[0];
    int day = -220;
    for (const auto& adopter : adopters_for(o1, {"73.06", "73.09", "33.02"})) {
      auto r = ask(o1, adopter, admin, "study_visit", day);
      if (!r) return r.error();
      if (auto st = move(admin, owner, *r, "accept", day + 4); !st) return st;
      if (auto st = steps(admin, *r, 6, day + 6); !st) return st;
      if (auto st = move(admin, owner, *r, "complete", std::min(day + 80, -2)); !st) return st;
      day += 55;
    }
    {
      replication::Adoption a;
      a.adopter_region_code = "36.02";
      a.adopted_on = s_.date(-150);
      a.evidence = "Peraturan Bupati Lebak tentang penerapan inovasi hasil replikasi, berita daerah setempat";
      if (a.adopter_region_code != o1.region_code) {
        s_.on(-140);
        auto rec = service_.record_adoption(admin, o1, a);
        if (!rec) return context("replication adoption", rec.error());
        s_.on(-130);
        if (auto d = service_.decide_adoption(admin, rec->id, true); !d)
          return context("replication adoption", d.error());
      }
    }
    if (origins.size() < 2) return hub();
    // Origin 2: one completed, and Makassar's transfer half way.
    const auto& o2 = origins[1];
    for (const auto& adopter : adopters_for(o2, {"73.72"})) {
      auto r = ask(o2, adopter, admin, "mentoring", -160);
      if (!r) return r.error();
      if (auto st = move(admin, owner, *r, "accept", -155); !st) return st;
      if (auto st = steps(admin, *r, 6, -150); !st) return st;
      if (auto st = move(admin, owner, *r, "complete", -70); !st) return st;
    }
    if (o2.region_code != kMakassar) {
      auto r = ask(o2, kMakassar, region_admin, "coaching_clinic", -45);
      if (!r) return r.error();
      if (auto st = move(admin, owner, *r, "accept", -41); !st) return st;
      if (auto st = steps(admin, *r, 2, -40); !st) return st;
    }
    if (origins.size() < 3) return hub();
    // Origin 3: requests still open in different states, and a pending outside adoption.
    const auto& o3 = origins[2];
    if (o3.region_code != kMakassar) {
      auto r = ask(o3, kMakassar, region_admin, "workshop", -6);
      if (!r) return r.error();
    }
    for (const auto& adopter : adopters_for(o3, {"36.72"})) {
      auto r = ask(o3, adopter, admin, "seminar", -12);
      if (!r) return r.error();
      if (auto st = move(admin, owner, *r, "counter_propose", -9, "", "mentoring"); !st) return st;
    }
    for (const auto& adopter : adopters_for(o3, {"75.03"})) {
      auto r = ask(o3, adopter, admin, "comparative_study", -30);
      if (!r) return r.error();
      if (auto st = move(admin, owner, *r, "decline", -25,
                         "Tim inovasi sedang menyiapkan versi baru; ajukan kembali setelah peluncuran.");
          !st)
        return st;
    }
    for (const auto& adopter : adopters_for(o3, {"73.08"})) {
      replication::Adoption a;
      a.adopter_region_code = adopter;
      a.adopted_on = s_.date(-20);
      a.evidence = "SK Bupati Bone tentang penerapan inovasi; foto peluncuran layanan";
      s_.on(-15);
      auto rec = service_.record_adoption(admin, o3, a);
      if (!rec) return context("replication adoption", rec.error());
    }
    // An innovation of Makassar asked for by a neighbour: the demo region admin answers it.
    for (const auto& o : origins)
      if (o.region_code == kMakassar) {
        auto r = ask(o, "73.06", admin, "apprenticeship", -3);
        if (!r) return r.error();
      }
    return hub();
  }

 private:
  std::string region_name(const std::string& code) {
    auto r = s_.innovations.region(code);
    return r ? r->region.name : code;
  }

  Status hub() {
    replication::Hub sulsel;
    sulsel.kind = "province";
    sulsel.name = "Hub JIPP Provinsi Sulawesi Selatan";
    sulsel.region_code = "73";
    sulsel.description =
        "Simpul Jaringan Inovasi Pelayanan Publik di Sulawesi Selatan: membina inovasi kabupaten/kota dan "
        "menyelenggarakan Forum Replikasi Inovasi Pelayanan Publik (FRIPP).";
    sulsel.members = {"73.06", "73.08", "73.09", "73.71", "73.72"};
    s_.on(-200);
    auto created = hubs_.create(s_.user(kCurator).id, sulsel, {kCurator, kRegionAdmin});
    if (!created) return context("hub", created.error());
    replication::HubEvent forum;
    forum.title = "Forum Replikasi Inovasi Pelayanan Publik (FRIPP) Sulawesi Selatan " + std::to_string(s_.year());
    forum.held_on = s_.date(-25);
    forum.mode = "luring";
    forum.agenda =
        "Paparan inovasi siap replikasi; temu bisnis antara daerah asal dan daerah peminat; "
        "penandatanganan kesepakatan replikasi.";
    forum.attendees = "Bappeda dan OPD kabupaten/kota se-Sulawesi Selatan, KemenPANRB, Puslatbang KMP LAN";
    forum.outcome = "Tiga kesepakatan replikasi ditandatangani; dua daerah meminta klinik pendampingan.";
    s_.on(-24);
    if (auto e = hubs_.add_event(s_.user(kCurator).id, created->id, forum); !e) return context("hub event", e.error());
    replication::HubEvent clinic;
    clinic.title = "Klinik Replikasi Daring: Layanan Kependudukan";
    clinic.held_on = s_.date(14);
    clinic.mode = "daring";
    clinic.agenda = "Berbagi pengalaman replikasi layanan jemput bola administrasi kependudukan.";
    clinic.attendees = "Dinas Dukcapil kabupaten/kota anggota hub";
    s_.on(-2);
    if (auto e = hubs_.add_event(s_.user(kCurator).id, created->id, clinic); !e) return context("hub event", e.error());
    replication::Hub jateng;
    jateng.kind = "province";
    jateng.name = "Hub JIPP Provinsi Jawa Tengah";
    jateng.region_code = "33";
    jateng.description = "Simpul JIPP Jawa Tengah: pendampingan replikasi dan pemutakhiran data inovasi.";
    jateng.members = {"33.02", "33.03", "33.74"};
    s_.on(-190);
    if (auto h = hubs_.create(s_.user(kCurator).id, jateng, {kCurator}); !h) return context("hub", h.error());
    return {};
  }

  Seeder& s_;
  replication::ReplicationService service_;
  replication::HubService hubs_;
};

// ============================================================ IID

class IidSeeder {
 public:
  IidSeeder(Seeder& s) : s_(s), iid_(s.db, s.clock, std::filesystem::path(uploads_dir(s.config)) / "iid") {}

  Status run() {
    const int y = s_.year();
    const auto curator = s_.actor(kCurator);
    auto years = iid_.years();
    if (!years) return years.error();
    auto framework = iid_.framework(y);
    if (!framework) {
      // No framework for this year yet: the curator copies the newest earlier one and opens its
      // reporting window around today, so the demo region admin can keep filling.
      int from = 0;
      for (int existing : *years)
        if (existing < y) from = std::max(from, existing);
      if (from == 0) return {};
      s_.on(-60);
      if (auto copied = iid_.copy_framework(curator, from, y); !copied) return context("iid framework", copied.error());
      framework = iid_.framework(y);
      if (!framework) return framework.error();
      index::Settings settings;
      settings.divisor_floor = framework->divisor_floor;
      settings.count_points_x100 = framework->count_points_x100;
      settings.count_cap = framework->count_cap;
      settings.window_opens = s_.today - 45 * kDay;
      settings.window_closes = s_.today + 30 * kDay;
      settings.note = framework->note;
      settings.bands = framework->bands;
      s_.on(-50);
      auto saved = iid_.save_settings(curator, y, settings);
      if (!saved) return context("iid settings", saved.error());
      framework = *saved;
    } else if (!index::window_open(*framework, s_.today - 40 * kDay) || !index::window_open(*framework, s_.today)) {
      // A framework a curator made: its window is theirs to set; without one open now there is nothing to fill.
      std::cout << "demo IID: the reporting window of " << y << " is not open; no submissions added\n";
      return {};
    }

    // Regions that reported: how many innovations, how strong their answers are (percent at the best option), and
    // whether a verifier has checked their evidence already (the others wait in the curator's queue).
    struct Reporter {
      const char* code;
      int innovations;
      int strength;
      bool verify;
    };
    const std::vector<Reporter> reporters = {{"35.10", 10, 90, true}, {"35.78", 10, 70, false}, {"35", 8, 55, false},
                                             {"73.72", 6, 50, true},  {"33.03", 5, 35, true},   {"36.72", 3, 20, true},
                                             {"73.06", 4, 40, false}};
    int day = -40;
    for (const auto& r : reporters) {
      if (auto st = report(*framework, r.code, r.innovations, r.strength, true, day++); !st) return st;
    }
    // Verification: accept the evidence, reject one answer of one region with a reason.
    s_.on(-10);
    bool rejected = false;
    for (const auto& r : reporters) {
      if (!r.verify) continue;
      auto view = iid_.view(y, r.code);
      if (!view) return view.error();
      for (const auto& a : view->answers) {
        const bool reject = !rejected && std::string(r.code) == "73.72" && a.innovation_id != 0;
        if (reject) rejected = true;
        if (auto st = iid_.decide(curator, y, r.code, a.innovation_id, a.number, !reject,
                                  reject ? "Bukti dukung tidak memuat tanggal dan tanda tangan pejabat." : "", false);
            !st)
          return context("iid verify", st.error());
      }
    }
    // Makassar: a draft in progress.
    return report(*framework, kMakassar, 3, 60, false, -5);
  }

 private:
  Status report(const index::Framework& f, const std::string& code, int n, int strength, bool complete, int day) {
    const int y = f.year;
    const auto who = std::string(code) == kMakassar ? s_.actor(kRegionAdmin) : s_.actor(kAdmin);
    auto inns = s_.published_in(code, n);
    s_.on(day);
    for (const auto& i : inns)
      if (auto st = iid_.add_innovation(who, y, code, i.id); !st) return context("iid innovation", st.error());
    auto answer = [&](std::int64_t innovation, const index::Indicator& ind) -> Status {
      if (ind.options.empty()) return {};
      // A strong answer takes the indicator's best option, a weak one any other.
      const int best = static_cast<int>(ind.options.size());
      int param = best > 1 && !s_.rng.chance(strength) ? s_.rng.between(1, best - 1) : best;
      index::AnswerInput in;
      in.innovation_id = innovation;
      in.number = ind.number;
      in.param = ind.options[static_cast<std::size_t>(param - 1)].param;
      in.file_name = "bukti-" + ind.number + ".pdf";
      in.file_data = evidence_pdf("Bukti dukung indikator " + ind.number + " - " + code);
      auto a = iid_.save_answer(who, y, code, in, directory::kMaxAttachmentBytes);
      if (!a) return context("iid answer", a.error());
      return {};
    };
    int k = 0;
    for (const auto& ind : f.indicators) {
      if (ind.aspect != index::kSpd) continue;
      if (!complete && ++k > 8) break;
      if (auto st = answer(0, ind); !st) return st;
    }
    for (std::size_t j = 0; j < inns.size(); ++j) {
      if (!complete && j > 0) break;
      int m = 0;
      for (const auto& ind : f.indicators) {
        if (ind.aspect != index::kSid) continue;
        if (!complete && ++m > 10) break;
        if (auto st = answer(inns[j].id, ind); !st) return st;
      }
    }
    if (!complete) return {};
    auto submitted = iid_.submit(who, y, code);
    if (!submitted) return context("iid submit", submitted.error());
    return {};
  }

  Seeder& s_;
  index::IidService iid_;
};

// ============================================================ competitions

class CompetitionSeeder {
 public:
  CompetitionSeeder(Seeder& s) : s_(s), service_(s.db, s.clock, s.innovations) {}

  Status run() {
    const int y = s_.year();
    // Candidates: published innovations at least two years old without an award, one per region.
    std::vector<Innovation> pool;
    std::set<std::string> seen;
    for (const char* code : {"35.10", "35.78", "34.01", "51.03", "33.74", "33.02", "36.02", "73.72", "73.06", "73.08",
                             "73.09", "35", "73", "32.73", "63.71", "71.71", "13.71", "12.07"}) {
      for (const auto& i : s_.published_in(code, 30))
        if (mature(i, y - 1) && seen.insert(i.region_code).second) {
          pool.push_back(i);
          break;
        }
    }
    if (pool.size() < 10) {  // a small demo: any old enough innovation, one per region
      auto latest = s_.innovations.latest_published(200);
      if (!latest) return latest.error();
      for (const auto& i : *latest)
        if (pool.size() < 10 && mature(i, y - 1) && seen.insert(i.region_code).second) pool.push_back(i);
    }
    if (pool.size() < 4) return {};
    const auto curator = s_.actor(kCurator);
    const auto judges = std::vector<std::int64_t>{s_.user(kJudge).id, s_.user(kJudgeTe).id, s_.user(kJudgeTpi).id};

    // ---- Last year's KIPP: from registration to published results.
    const std::string ly = std::to_string(y - 1);
    competition::CompetitionDraft past;
    past.name = "Kompetisi Inovasi Pelayanan Publik " + ly;
    past.level = "nasional";
    past.year = y - 1;
    past.award_label = "KIPP " + ly;
    past.config = competition::kipp_2023_template();
    past.config.top_n = 6;
    past.config.top_m = 3;
    past.config.rounds = {ly + "-04-08", ly + "-06-03", ly + "-06-30", ly + "-08-15",
                          ly + "-08-25", ly + "-09-30", ly + "-11-20"};
    const int base = days_to(ly + "-04-01");
    s_.on(base);
    auto c1 = service_.create(curator, past);
    if (!c1) return context("competition", c1.error());
    const std::size_t n1 = std::min<std::size_t>(pool.size() - 2, 9);
    std::vector<competition::Entry> entries;
    for (std::size_t i = 0; i < n1; ++i) {
      s_.on(base + 20 + static_cast<int>(i));
      auto e = enter(*c1, pool[i], true);
      if (!e) return e.error();
      entries.push_back(*e);
    }
    s_.on(base + 60);
    if (auto st = service_.advance(curator, c1->id); !st) return context("competition advance", st.error());
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const bool pass = i + 1 != entries.size();
      auto d = service_.decide_admin(curator, entries[i].id, pass, pass ? "" : "incomplete");
      if (!d) return context("competition admin", d.error());
    }
    s_.on(base + 80);
    if (auto st = service_.advance(curator, c1->id); !st) return context("competition advance", st.error());
    for (std::size_t i = 0; i + 1 < entries.size(); ++i) {
      for (std::size_t j = 0; j < 2; ++j) {
        const auto judge = judges[(i + j) % judges.size()];
        if (auto st = service_.assign_judge(curator, entries[i].id, judge); !st) return context("judge", st.error());
        if (auto st = score(judge, entries[i].id, "desk", *c1, 55 + static_cast<int>((entries.size() - i) * 4)); !st)
          return st;
      }
    }
    s_.on(base + 130);
    if (auto st = service_.advance(curator, c1->id); !st) return context("competition advance", st.error());
    // The objection window: one objection, dismissed.
    auto finalists = service_.public_entries(c1->id, "finalist");
    if (!finalists) return finalists.error();
    if (!finalists->empty()) {
      auto o = service_.file_objection(finalists->back().id, "Warga Pemerhati Layanan", "warga@contoh.example",
                                       "Inovasi ini menurut kami belum berjalan di semua kecamatan.", "203.0.113.7");
      if (!o) return context("objection", o.error());
      s_.on(base + 140);
      if (auto r = service_.resolve_objection(curator, o->id, false,
                                              "Verifikasi lapangan menunjukkan layanan berjalan di 12 dari 14 "
                                              "kecamatan; sesuai dengan proposal.");
          !r)
        return context("objection", r.error());
    }
    s_.on(base + 146);
    if (auto st = service_.advance(curator, c1->id); !st) return context("competition advance", st.error());
    int slot = 0;
    for (const auto& f : *finalists) {
      char at[32];
      std::snprintf(at, sizeof at, "%s-09-%02dT%02d:%s", ly.c_str(), 10 + slot / 4, 9 + (slot % 4) / 2,
                    slot % 2 ? "20" : "00");
      ++slot;
      if (auto st = service_.set_slot(curator, f.id, at, "https://zoom.us/j/55501" + std::to_string(10 + slot)); !st)
        return context("slot", st.error());
    }
    s_.on(base + 170);
    for (const auto& f : *finalists) {
      auto full = service_.get_entry(curator, f.id);
      if (!full) return full.error();
      for (std::size_t k = 0; k < judges.size(); ++k) {
        auto mine = service_.my_scores(auth::Actor::of(s_.users.at(email_of(judges[k]))), f.id);
        if (!mine || mine->empty()) continue;  // not assigned to this judge
        if (auto st = service_.score(auth::Actor::of(s_.users.at(email_of(judges[k]))), f.id, "presentation",
                                     {{"presentation", s_.rng.between(65, 95)}});
            !st)
          return context("presentation score", st.error());
      }
    }
    if (auto st = service_.advance(curator, c1->id); !st) return context("competition advance", st.error());
    s_.on(base + 233);
    if (auto st = service_.advance(curator, c1->id); !st) return context("competition advance", st.error());

    // ---- This year's KIPP: open for proposals.
    const std::string ty = std::to_string(y);
    competition::CompetitionDraft open;
    open.name = "Kompetisi Inovasi Pelayanan Publik " + ty;
    open.level = "nasional";
    open.year = y;
    open.award_label = "KIPP " + ty;
    open.config = competition::kipp_2023_template();
    open.config.top_n = 99;
    open.config.top_m = 45;
    open.config.rounds = {s_.date(-20), s_.date(40),  s_.date(60), s_.date(100),
                          s_.date(110), s_.date(140), s_.date(170)};
    s_.on(-25);
    auto c2 = service_.create(curator, open);
    if (!c2) return context("competition", c2.error());
    for (const auto& m : s_.published_in(kMakassar, 30))
      if (mature(m, y)) {
        s_.on(-4);
        auto e = enter(*c2, m, false, s_.actor(kRegionAdmin));
        if (!e) return e.error();
        break;
      }
    for (std::size_t i = pool.size() - 2; i < pool.size(); ++i) {
      s_.on(-10 + static_cast<int>(i));
      auto e = enter(*c2, pool[i], true);
      if (!e) return e.error();
    }

    // ---- A provincial competition in its desk round: the demo judge has entries to score.
    competition::CompetitionDraft prov;
    prov.name = "Kompetisi Inovasi Pelayanan Publik Provinsi Sulawesi Selatan " + ty;
    prov.level = "provinsi";
    prov.year = y;
    prov.award_label = "KIPP Sulsel " + ty;
    prov.config = competition::kipp_2023_template();
    prov.config.top_n = 5;
    prov.config.top_m = 3;
    prov.config.rounds = {s_.date(-90), s_.date(-45), s_.date(-20), s_.date(15), s_.date(25), s_.date(45), s_.date(60)};
    s_.on(-95);
    auto c3 = service_.create(curator, prov);
    if (!c3) return context("competition", c3.error());
    std::vector<competition::Entry> sulsel;
    for (const char* code : {"73.72", "73.06", "73.08", "73.09", "73.71"}) {
      for (const auto& i : s_.published_in(code, 30))
        if (mature(i, y)) {
          s_.on(-60);
          auto e = enter(*c3, i, true);
          if (!e) return e.error();
          sulsel.push_back(*e);
          break;
        }
    }
    s_.on(-40);
    if (auto st = service_.advance(curator, c3->id); !st) return context("competition advance", st.error());
    for (const auto& e : sulsel)
      if (auto d = service_.decide_admin(curator, e.id, true, ""); !d) return context("competition admin", d.error());
    s_.on(-18);
    if (auto st = service_.advance(curator, c3->id); !st) return context("competition advance", st.error());
    for (std::size_t i = 0; i < sulsel.size(); ++i) {
      for (auto judge : {judges[0], judges[2]})
        if (auto st = service_.assign_judge(curator, sulsel[i].id, judge); !st) return context("judge", st.error());
      s_.on(-10 + static_cast<int>(i));
      if (auto st = score(judges[2], sulsel[i].id, "desk", *c3, 60 + static_cast<int>(i) * 5); !st) return st;
      if (i == 0)
        if (auto st = score(judges[0], sulsel[i].id, "desk", *c3, 72); !st) return st;
    }
    return {};
  }

 private:
  int days_to(const std::string& date) const {
    std::tm tm{};
    std::sscanf(date.c_str(), "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    const auto t = static_cast<std::int64_t>(timegm(&tm));
    return static_cast<int>((t - (s_.today - 2 * 3600)) / kDay);
  }

  // When the innovation was first implemented (or tried), as the entry form asks.
  static std::string started_on(const Innovation& i) {
    if (!i.implementation_date.empty()) return i.implementation_date;
    if (!i.trial_date.empty()) return i.trial_date;
    return std::to_string(i.year_started) + "-01-02";
  }
  // Old enough to enter a competition of `year` (implemented before `year` - 1).
  static bool mature(const Innovation& i, int year) {
    return i.awards.empty() && started_on(i) < std::to_string(year - 1) + "-01-01";
  }

  std::string email_of(std::int64_t id) const {
    for (const auto& [email, u] : s_.users)
      if (u.id == id) return email;
    return {};
  }

  Result<competition::Entry> enter(const competition::Competition& c, const Innovation& i, bool submit,
                                   std::optional<auth::Actor> who = std::nullopt) {
    competition::EntryInput in;
    in.innovation_id = i.id;
    in.region_code = i.region_code;
    in.group_name = "umum";
    in.category =
        c.config.categories[static_cast<std::size_t>(s_.rng.below(static_cast<int>(c.config.categories.size())))];
    in.title = i.name;
    in.started_on = started_on(i);
    auto cut = [](const std::string& t, int words) {
      std::string out;
      int n = 0;
      bool in_word = false;
      for (char ch : t) {
        const bool space = ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
        if (!space && !in_word && ++n > words) break;
        in_word = !space;
        out += ch;
      }
      return out;
    };
    in.answers = {
        {"ringkasan", cut(i.summary, 180)},
        {"latar_belakang", cut(i.problem, 900)},
        {"kebaruan", cut(i.novelty.empty() ? i.solution : i.novelty, 900)},
        {"implementasi", cut(i.solution, 900)},
        {"signifikansi", cut(i.results.empty() ? i.summary : i.results, 900)},
        {"adaptabilitas",
         "Inovasi ini dapat diterapkan daerah lain dengan menyesuaikan SOP dan jumlah "
         "petugas; panduan dan pendampingan tersedia bagi daerah peminat."},
        {"sumber_daya", cut(i.budget_text.empty() ? "Anggaran APBD dan tim lintas OPD." : i.budget_text, 900)},
        {"keberlanjutan",
         "Ditetapkan dengan peraturan kepala daerah, masuk RKPD tiap tahun, dan dipantau "
         "melalui survei kepuasan masyarakat."}};
    in.attachments = {
        {"sk", "https://jdih.example.go.id/sk-inovasi-" + std::to_string(i.id) + ".pdf"},
        {"pernyataan_replikasi", "https://jdih.example.go.id/pernyataan-" + std::to_string(i.id) + ".pdf"},
        {"video", "https://www.youtube.com/watch?v=demo" + std::to_string(i.id)}};
    auto e = service_.save_entry(who ? *who : s_.actor(kAdmin), c.id, 0, in, submit);
    if (!e) return context("competition entry", e.error());
    return e;
  }

  Status score(std::int64_t judge, std::int64_t entry, const char* stage, const competition::Competition& c,
               int around) {
    std::map<std::string, int> scores;
    for (const auto& a : c.config.aspects)
      if (a.weight > 0) scores[a.key] = std::clamp(around + s_.rng.between(-8, 8), 0, 100);
    auto st = service_.score(auth::Actor::of(s_.users.at(email_of(judge))), entry, stage, scores);
    if (!st) return context("competition score", st.error());
    return {};
  }

  Seeder& s_;
  competition::CompetitionService service_;
};

}  // namespace

Status seed_demo_areas(const Config& config, store::Database& db, std::uint64_t seed) {
  SystemClock system;
  Seeder s(config, db, seed, system.now());
  // The demo logins (seed_demo_accounts made them) and the people they work with.
  for (const char* email : {kAdmin, kCurator, kJudge, kRegionAdmin, kOrganizer})
    if (auto st = s.need_user(email, email, auth::Role::admin, /*create=*/false); !st) return st;
  if (auto st = s.need_user(kCoachUnhas, "Dr. Andi Rahmat Hidayat", auth::Role::coach); !st) return st;
  if (auto st = s.need_user(kCoachLan, "Rina Kartikasari", auth::Role::coach); !st) return st;
  if (auto st = s.need_user(kCoachUnsoed, "Bambang Wicaksono", auth::Role::coach); !st) return st;
  if (auto st = s.need_user(kJudgeTe, "Prof. Sri Handayani", auth::Role::judge); !st) return st;
  if (auto st = s.need_user(kJudgeTpi, "Dr. Yohanes Nggebu", auth::Role::judge); !st) return st;

  struct Area {
    const char* name;
    const char* table;
    std::function<Status()> run;
  };
  LabSeeder labs(s);
  ReplicationSeeder replication(s);
  IidSeeder iid(s);
  CompetitionSeeder competitions(s);
  const std::vector<Area> areas = {{"labs", "labs", [&] { return labs.run(); }},
                                   {"replication", "replication_requests", [&] { return replication.run(); }},
                                   {"IID", "iid_submissions", [&] { return iid.run(); }},
                                   {"competitions", "competitions", [&] { return competitions.run(); }}};
  for (const auto& area : areas) {
    auto n = s.count(area.table);
    if (!n) return n.error();
    if (*n > 0) {
      std::cout << "demo " << area.name << ": already present; nothing added\n";
      continue;
    }
    const auto started = std::chrono::steady_clock::now();
    if (auto st = area.run(); !st) return st;
    const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    auto after = s.count(area.table);
    std::cout << "demo " << area.name << ": " << (after ? *after : 0) << " " << area.table << " (" << seconds
              << " s)\n";
  }
  return {};
}

}  // namespace lumbung::cli
