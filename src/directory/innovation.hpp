// Innovations in the national repository, regions and units.
//
// The innovation object is the platform's interchange format; these JSON
// field names are stable: id, name, summary, problem, solution, results,
// region_code, unit_name, sector, form, digital, stage, status,
// source_program, source_id, year_started, awards, state, updated_at
// (see innovation_json.hpp for the full object).
//
// Vocabularies (ascii keys; labels come from i18n):
//   state          draft | review | published | archived
//   stage          inisiatif | uji_coba | penerapan           (IID "tahapan")
//   form           pelayanan_publik | tata_kelola | lainnya   (IID "bentuk")
//   initiator      kepala_daerah | anggota_dprd | opd | asn | masyarakat
//   status         berlanjut | berhenti                       (JIPPNas pemutakhiran)
//   source_program lumbung | kipp | iga | labinov
//   unit kind      opd | kecamatan | kelurahan | desa | puskesmas | rsud |
//                  uptd | sekolah | bumd | lainnya
//   region kind    province | regency | city
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace lumbung::directory {

struct Award {
  std::string program;  // kipp, iga, labinov, lainnya
  int year = 0;
  std::string award;  // "Top 45 KIPP", "Inovasi Terbaik IGA"
  bool operator==(const Award&) const = default;
};

// What an editor, an import or the API writes. Empty text = not filled in.
struct InnovationDraft {
  std::string name;
  std::string summary;
  std::string problem;        // what problem, for whom (latar belakang)
  std::string solution;       // how it works (rancang bangun)
  std::string novelty;        // what is new (kebaruan)
  std::string beneficiaries;  // who benefits (manfaat)
  std::string results;        // results with figures (hasil)
  std::string region_code;    // Kemendagri code, e.g. "73.72"
  std::int64_t unit_id = 0;   // 0: none, or resolved from unit_name
  std::string unit_name;      // used when unit_id is 0: found or created in the region
  std::string sector;         // urusan, e.g. "kesehatan"
  std::string form;
  bool digital = false;
  std::string stage;
  std::string initiator;
  std::string trial_date;           // "YYYY-MM-DD" or ""
  std::string implementation_date;  // "YYYY-MM-DD" or ""
  std::string budget_text;          // cost in words ("Rp 150 juta per tahun")
  std::int64_t budget_amount = 0;   // rupiah, 0 = unknown
  std::string funding_source;       // APBD, APBN, dana desa, CSR...
  std::string contact_name;
  std::string contact_email;
  std::string contact_phone;
  std::string source_program = "lumbung";
  std::string source_id;  // id in the source programme; "" for lumbung
  int year_started = 0;   // 0 = unknown
  std::string status = "berlanjut";
  std::int64_t last_verified_at = 0;  // unix seconds, 0 = never
  std::vector<Award> awards;
  // Only for create()/upsert(): the state to create in (draft, review or
  // published; a curator or import may publish directly).
  std::string state = "draft";
};

struct Innovation : InnovationDraft {
  std::int64_t id = 0;
  std::string slug;           // "sipandu-layanan-adminduk", for readable URLs
  std::string province_code;  // derived from region_code
  std::string region_name;    // joined, read-only
  std::string review_comment;  // the curator's last send-back comment
  std::int64_t version = 0;    // bumps on every write
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t published_at = 0;  // first publication, 0 = never
  std::int64_t created_by = 0;    // user id, 0 = system
  std::int64_t updated_by = 0;
  // Distinct regions that replicated it (IID indicator 31), read-only here:
  // the replication service maintains innovations.replicated_regions.
  std::int64_t replicated_regions = 0;
};

struct Region {
  std::string code;
  std::string parent_code;  // "" for provinces
  std::string kind;         // province, regency, city
  std::string name;
  std::string province_code;
  std::int64_t published = 0;  // published innovations in it (and below, for provinces)
};

struct Unit {
  std::int64_t id = 0;
  std::string region_code;
  std::string kind;
  std::string name;
  std::int64_t created_at = 0;
  std::int64_t published = 0;  // published innovations of the unit
};

struct Revision {
  std::int64_t id = 0;
  std::int64_t innovation_id = 0;
  std::int64_t version = 0;
  std::int64_t author_user_id = 0;
  std::int64_t created_at = 0;
  std::string action;         // create, update, submit, publish, send_back, withdraw, archive, restore, import
  std::string snapshot_json;  // the interchange object after the change
  std::string comment;
};

struct FieldChange {
  std::string field;
  std::string before;  // text as shown; JSON for non-strings
  std::string after;
  bool operator==(const FieldChange&) const = default;
};

// Filters of the directory; empty/unset = any.
struct InnovationFilter {
  std::string state = "published";  // "" = every state
  std::string province_code;
  std::string region_code;
  std::int64_t unit_id = 0;
  std::string sector;
  std::string form;
  std::optional<bool> digital;
  std::string stage;
  std::string status;
  std::string source_program;
  std::optional<bool> awarded;  // has at least one award
  std::string award_program;    // has an award of this programme
  int year = 0;                 // year_started
};

// The directory's orders: newest change first (updated_at DESC, id DESC), or
// most replicated first (replicated_regions DESC, then name, then id).
enum class ListOrder { updated, replicated };

// Keyset pagination in one of the orders; a cursor belongs to its order.
struct PageRequest {
  int limit = 20;      // 1..200
  std::string cursor;  // opaque; "" = first page
  ListOrder order = ListOrder::updated;
};

struct InnovationPage {
  std::vector<Innovation> items;
  std::string next_cursor;  // "" when this is the last page
};

struct RepositoryCounts {
  std::int64_t published = 0;
  std::int64_t regions = 0;  // distinct regions with a published innovation
};

struct RegionProfile {
  Region region;
  std::optional<Region> parent;      // the province of a regency/city
  std::vector<Region> children;      // regencies/cities of a province, with counts
  std::vector<Unit> units;           // units of a regency/city, with counts
  std::vector<std::pair<std::string, std::int64_t>> sectors;  // published per sector, most first
};

struct UnitProfile {
  Unit unit;
  Region region;
  std::vector<Innovation> innovations;  // published, newest first
};

}  // namespace lumbung::directory
