#include "index/iid_store.hpp"

#include "store/row.hpp"

namespace lumbung::index {

namespace {

using store::get_int64;
using store::get_text;

int get_int(const soci::row& r, std::size_t i) { return static_cast<int>(get_int64(r, i)); }

constexpr const char* kSubmissionColumns =
    "SELECT id, year, region_code, status, submitted_at, submitted_by, created_at, updated_at FROM iid_submissions ";

Submission submission_from(const soci::row& r) {
  Submission s;
  s.id = get_int64(r, 0);
  s.year = get_int(r, 1);
  s.region_code = get_text(r, 2);
  s.status = get_text(r, 3);
  s.submitted_at = get_int64(r, 4);
  s.submitted_by = get_int64(r, 5);
  s.created_at = get_int64(r, 6);
  s.updated_at = get_int64(r, 7);
  return s;
}

constexpr const char* kAnswerColumns =
    "SELECT innovation_id, number, param, evidence_name, evidence_file, evidence_type, status, reason, verified_by, "
    "verified_at, qc_by, qc_at, qc_note, updated_at, updated_by FROM iid_answers ";

Answer answer_from(const soci::row& r) {
  Answer a;
  a.innovation_id = get_int64(r, 0);
  a.number = get_text(r, 1);
  a.param = get_int(r, 2);
  a.evidence_name = get_text(r, 3);
  a.evidence_file = get_text(r, 4);
  a.evidence_type = get_text(r, 5);
  a.status = get_text(r, 6);
  a.reason = get_text(r, 7);
  a.verified_by = get_int64(r, 8);
  a.verified_at = get_int64(r, 9);
  a.qc_by = get_int64(r, 10);
  a.qc_at = get_int64(r, 11);
  a.qc_note = get_text(r, 12);
  a.updated_at = get_int64(r, 13);
  a.updated_by = get_int64(r, 14);
  return a;
}

void insert_options(soci::session& sql, int year, const Indicator& ind) {
  for (const auto& o : ind.options) {
    int param = o.param;
    sql << "INSERT INTO iid_options (year, number, param, label) VALUES (:year, :number, :param, :label)",
        soci::use(year, "year"), soci::use(ind.number, "number"), soci::use(param, "param"),
        soci::use(o.label, "label");
  }
}

}  // namespace

std::vector<int> list_framework_years(soci::session& sql) {
  std::vector<int> out;
  soci::rowset<soci::row> rs = sql.prepare << "SELECT year FROM iid_frameworks ORDER BY year DESC";
  for (const auto& r : rs) out.push_back(get_int(r, 0));
  return out;
}

std::optional<Framework> load_framework(soci::session& sql, int year) {
  Framework f;
  bool found = false;
  {
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT year, divisor_floor, count_points_x100, count_cap, count_variable, window_opens, "
                        "window_closes, note, updated_at, updated_by FROM iid_frameworks WHERE year = :year",
         soci::use(year, "year"));
    for (const auto& r : rs) {
      found = true;
      f.year = get_int(r, 0);
      f.divisor_floor = get_int(r, 1);
      f.count_points_x100 = get_int(r, 2);
      f.count_cap = get_int(r, 3);
      f.count_variable = get_text(r, 4);
      f.window_opens = get_int64(r, 5);
      f.window_closes = get_int64(r, 6);
      f.note = get_text(r, 7);
      f.updated_at = get_int64(r, 8);
      f.updated_by = get_int64(r, 9);
    }
  }
  if (!found) return std::nullopt;
  {
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT code, aspect, name, position FROM iid_variables WHERE year = :year ORDER BY position",
         soci::use(year, "year"));
    for (const auto& r : rs) f.variables.push_back({get_text(r, 0), get_text(r, 1), get_text(r, 2), get_int(r, 3)});
  }
  {
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT number, position, variable, name, weight_x100, mandatory, aspect, evidence "
                        "FROM iid_indicators WHERE year = :year ORDER BY position",
         soci::use(year, "year"));
    for (const auto& r : rs) {
      Indicator i;
      i.number = get_text(r, 0);
      i.position = get_int(r, 1);
      i.variable = get_text(r, 2);
      i.name = get_text(r, 3);
      i.weight_x100 = get_int(r, 4);
      i.mandatory = get_int64(r, 5) != 0;
      i.aspect = get_text(r, 6);
      i.evidence = get_text(r, 7);
      f.indicators.push_back(std::move(i));
    }
  }
  {
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT number, param, label FROM iid_options WHERE year = :year ORDER BY number, param",
         soci::use(year, "year"));
    for (const auto& r : rs)
      for (auto& i : f.indicators)
        if (i.number == get_text(r, 0)) i.options.push_back({get_int(r, 1), get_text(r, 2)});
  }
  {
    soci::rowset<soci::row> rs =
        (sql.prepare << "SELECT name, min_x100, max_x100 FROM iid_bands WHERE year = :year ORDER BY position",
         soci::use(year, "year"));
    for (const auto& r : rs) f.bands.push_back({get_text(r, 0), get_int(r, 1), get_int(r, 2)});
  }
  return f;
}

void insert_framework(soci::session& sql, const Framework& f) {
  int year = f.year, floor = f.divisor_floor, points = f.count_points_x100, cap = f.count_cap;
  long long opens = f.window_opens, closes = f.window_closes, at = f.updated_at, by = f.updated_by;
  sql << "INSERT INTO iid_frameworks (year, divisor_floor, count_points_x100, count_cap, count_variable, "
         "window_opens, window_closes, note, updated_at, updated_by) VALUES (:year, :floor, :points, :cap, :var, "
         ":opens, :closes, :note, :at, :by)",
      soci::use(year, "year"), soci::use(floor, "floor"), soci::use(points, "points"), soci::use(cap, "cap"),
      soci::use(f.count_variable, "var"), soci::use(opens, "opens"), soci::use(closes, "closes"),
      soci::use(f.note, "note"), soci::use(at, "at"), soci::use(by, "by");
  for (const auto& v : f.variables) {
    int pos = v.position;
    sql << "INSERT INTO iid_variables (year, code, aspect, name, position) VALUES (:year, :code, :aspect, :name, "
           ":pos)",
        soci::use(year, "year"), soci::use(v.code, "code"), soci::use(v.aspect, "aspect"), soci::use(v.name, "name"),
        soci::use(pos, "pos");
  }
  for (const auto& i : f.indicators) {
    int pos = i.position, weight = i.weight_x100, mandatory = i.mandatory ? 1 : 0;
    sql << "INSERT INTO iid_indicators (year, number, position, variable, name, weight_x100, mandatory, aspect, "
           "evidence) VALUES (:year, :number, :pos, :var, :name, :weight, :mandatory, :aspect, :evidence)",
        soci::use(year, "year"), soci::use(i.number, "number"), soci::use(pos, "pos"), soci::use(i.variable, "var"),
        soci::use(i.name, "name"), soci::use(weight, "weight"), soci::use(mandatory, "mandatory"),
        soci::use(i.aspect, "aspect"), soci::use(i.evidence, "evidence");
    insert_options(sql, year, i);
  }
  replace_bands(sql, year, f.bands);
}

void update_framework_settings(soci::session& sql, const Framework& f) {
  int year = f.year, floor = f.divisor_floor, points = f.count_points_x100, cap = f.count_cap;
  long long opens = f.window_opens, closes = f.window_closes, at = f.updated_at, by = f.updated_by;
  sql << "UPDATE iid_frameworks SET divisor_floor = :floor, count_points_x100 = :points, count_cap = :cap, "
         "window_opens = :opens, window_closes = :closes, note = :note, updated_at = :at, updated_by = :by "
         "WHERE year = :year",
      soci::use(floor, "floor"), soci::use(points, "points"), soci::use(cap, "cap"), soci::use(opens, "opens"),
      soci::use(closes, "closes"), soci::use(f.note, "note"), soci::use(at, "at"), soci::use(by, "by"),
      soci::use(year, "year");
}

void replace_bands(soci::session& sql, int year, const std::vector<Band>& bands) {
  sql << "DELETE FROM iid_bands WHERE year = :year", soci::use(year, "year");
  int pos = 0;
  for (const auto& b : bands) {
    ++pos;
    int lo = b.min_x100, hi = b.max_x100;
    sql << "INSERT INTO iid_bands (year, position, name, min_x100, max_x100) VALUES (:year, :pos, :name, :lo, :hi)",
        soci::use(year, "year"), soci::use(pos, "pos"), soci::use(b.name, "name"), soci::use(lo, "lo"),
        soci::use(hi, "hi");
  }
}

void update_indicator(soci::session& sql, int year, const Indicator& i) {
  int weight = i.weight_x100, mandatory = i.mandatory ? 1 : 0;
  sql << "UPDATE iid_indicators SET name = :name, weight_x100 = :weight, mandatory = :mandatory, evidence = "
         ":evidence WHERE year = :year AND number = :number",
      soci::use(i.name, "name"), soci::use(weight, "weight"), soci::use(mandatory, "mandatory"),
      soci::use(i.evidence, "evidence"), soci::use(year, "year"), soci::use(i.number, "number");
  sql << "DELETE FROM iid_options WHERE year = :year AND number = :number", soci::use(year, "year"),
      soci::use(i.number, "number");
  insert_options(sql, year, i);
}

std::optional<Submission> find_submission(soci::session& sql, int year, const std::string& region_code) {
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kSubmissionColumns) + "WHERE year = :year AND region_code = :region",
       soci::use(year, "year"), soci::use(region_code, "region"));
  for (const auto& r : rs) return submission_from(r);
  return std::nullopt;
}

std::optional<Submission> find_submission_by_id(soci::session& sql, std::int64_t id) {
  long long lid = id;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kSubmissionColumns) + "WHERE id = :id", soci::use(lid, "id"));
  for (const auto& r : rs) return submission_from(r);
  return std::nullopt;
}

void insert_submission(soci::session& sql, const Submission& s) {
  long long id = s.id, at = s.submitted_at, by = s.submitted_by, created = s.created_at, updated = s.updated_at;
  int year = s.year;
  sql << "INSERT INTO iid_submissions (id, year, region_code, status, submitted_at, submitted_by, created_at, "
         "updated_at) VALUES (:id, :year, :region, :status, :at, :by, :created, :updated)",
      soci::use(id, "id"), soci::use(year, "year"), soci::use(s.region_code, "region"), soci::use(s.status, "status"),
      soci::use(at, "at"), soci::use(by, "by"), soci::use(created, "created"), soci::use(updated, "updated");
}

void update_submission(soci::session& sql, const Submission& s) {
  long long id = s.id, at = s.submitted_at, by = s.submitted_by, updated = s.updated_at;
  sql << "UPDATE iid_submissions SET status = :status, submitted_at = :at, submitted_by = :by, updated_at = "
         ":updated WHERE id = :id",
      soci::use(s.status, "status"), soci::use(at, "at"), soci::use(by, "by"), soci::use(updated, "updated"),
      soci::use(id, "id");
}

std::vector<Submission> list_submissions(soci::session& sql, int year, const std::string& status) {
  std::vector<Submission> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kSubmissionColumns) +
                          "WHERE year = :year AND (:status = '' OR status = :status2) ORDER BY region_code",
       soci::use(year, "year"), soci::use(status, "status"), soci::use(status, "status2"));
  for (const auto& r : rs) out.push_back(submission_from(r));
  return out;
}

std::vector<std::int64_t> submission_innovations(soci::session& sql, std::int64_t submission_id) {
  std::vector<std::int64_t> out;
  long long sid = submission_id;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT innovation_id FROM iid_submission_innovations WHERE submission_id = :sid "
                      "ORDER BY added_at, innovation_id",
       soci::use(sid, "sid"));
  for (const auto& r : rs) out.push_back(get_int64(r, 0));
  return out;
}

void add_submission_innovation(soci::session& sql, std::int64_t submission_id, std::int64_t innovation_id,
                               std::int64_t now) {
  long long sid = submission_id, iid = innovation_id, at = now;
  sql << "INSERT INTO iid_submission_innovations (submission_id, innovation_id, added_at) VALUES (:sid, :iid, :at)",
      soci::use(sid, "sid"), soci::use(iid, "iid"), soci::use(at, "at");
}

void remove_submission_innovation(soci::session& sql, std::int64_t submission_id, std::int64_t innovation_id) {
  long long sid = submission_id, iid = innovation_id;
  sql << "DELETE FROM iid_answers WHERE submission_id = :sid AND innovation_id = :iid", soci::use(sid, "sid"),
      soci::use(iid, "iid");
  sql << "DELETE FROM iid_submission_innovations WHERE submission_id = :sid AND innovation_id = :iid",
      soci::use(sid, "sid"), soci::use(iid, "iid");
}

std::vector<Answer> list_answers(soci::session& sql, std::int64_t submission_id) {
  std::vector<Answer> out;
  long long sid = submission_id;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kAnswerColumns) + "WHERE submission_id = :sid", soci::use(sid, "sid"));
  for (const auto& r : rs) out.push_back(answer_from(r));
  return out;
}

std::optional<Answer> find_answer(soci::session& sql, std::int64_t submission_id, std::int64_t innovation_id,
                                  const std::string& number) {
  long long sid = submission_id, iid = innovation_id;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kAnswerColumns) +
                          "WHERE submission_id = :sid AND innovation_id = :iid AND number = :number",
       soci::use(sid, "sid"), soci::use(iid, "iid"), soci::use(number, "number"));
  for (const auto& r : rs) return answer_from(r);
  return std::nullopt;
}

void save_answer_row(soci::session& sql, std::int64_t submission_id, const Answer& a) {
  long long sid = submission_id, iid = a.innovation_id, vby = a.verified_by, vat = a.verified_at, qby = a.qc_by,
            qat = a.qc_at, at = a.updated_at, by = a.updated_by;
  int param = a.param;
  sql << "DELETE FROM iid_answers WHERE submission_id = :sid AND innovation_id = :iid AND number = :number",
      soci::use(sid, "sid"), soci::use(iid, "iid"), soci::use(a.number, "number");
  sql << "INSERT INTO iid_answers (submission_id, innovation_id, number, param, evidence_name, evidence_file, "
         "evidence_type, status, reason, verified_by, verified_at, qc_by, qc_at, qc_note, updated_at, updated_by) "
         "VALUES (:sid, :iid, :number, :param, :ename, :efile, :etype, :status, :reason, :vby, :vat, :qby, :qat, "
         ":qnote, :at, :by)",
      soci::use(sid, "sid"), soci::use(iid, "iid"), soci::use(a.number, "number"), soci::use(param, "param"),
      soci::use(a.evidence_name, "ename"), soci::use(a.evidence_file, "efile"), soci::use(a.evidence_type, "etype"),
      soci::use(a.status, "status"), soci::use(a.reason, "reason"), soci::use(vby, "vby"), soci::use(vat, "vat"),
      soci::use(qby, "qby"), soci::use(qat, "qat"), soci::use(a.qc_note, "qnote"), soci::use(at, "at"),
      soci::use(by, "by");
}

std::vector<InnovationRef> region_innovations(soci::session& sql, const std::string& region_code) {
  std::vector<InnovationRef> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT id, name, region_code, state FROM innovations WHERE region_code = :region AND state "
                      "<> 'archived' ORDER BY name, id",
       soci::use(region_code, "region"));
  for (const auto& r : rs) out.push_back({get_int64(r, 0), get_text(r, 1), get_text(r, 2), get_text(r, 3)});
  return out;
}

std::optional<InnovationRef> find_innovation_ref(soci::session& sql, std::int64_t id) {
  long long lid = id;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT id, name, region_code, state FROM innovations WHERE id = :id", soci::use(lid, "id"));
  for (const auto& r : rs) return InnovationRef{get_int64(r, 0), get_text(r, 1), get_text(r, 2), get_text(r, 3)};
  return std::nullopt;
}

std::optional<RegionRef> find_region_ref(soci::session& sql, const std::string& code) {
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT code, name, kind FROM regions WHERE code = :code", soci::use(code, "code"));
  for (const auto& r : rs) return RegionRef{get_text(r, 0), get_text(r, 1), get_text(r, 2)};
  return std::nullopt;
}

std::vector<RegionRef> cluster_regions(soci::session& sql, int year, const std::string& cluster) {
  std::vector<RegionRef> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT r.code, r.name, r.kind FROM region_cluster_flags f JOIN regions r ON r.code = "
                      "f.region_code WHERE f.year = :year AND f.cluster = :cluster ORDER BY r.code",
       soci::use(year, "year"), soci::use(cluster, "cluster"));
  for (const auto& r : rs) out.push_back(RegionRef{get_text(r, 0), get_text(r, 1), get_text(r, 2)});
  return out;
}

void set_cluster_flag(soci::session& sql, int year, const std::string& cluster, const std::string& region_code, bool on,
                      std::int64_t now, std::int64_t by) {
  sql << "DELETE FROM region_cluster_flags WHERE year = :year AND cluster = :cluster AND region_code = :code",
      soci::use(year, "year"), soci::use(cluster, "cluster"), soci::use(region_code, "code");
  if (!on) return;
  sql << "INSERT INTO region_cluster_flags (year, region_code, cluster, flagged_at, flagged_by) VALUES (:year, :code, "
         ":cluster, :now, :by)",
      soci::use(year, "year"), soci::use(region_code, "code"), soci::use(cluster, "cluster"), soci::use(now, "now"),
      soci::use(by, "by");
}

}  // namespace lumbung::index
