#include "curation/import_store.hpp"

#include "store/row.hpp"

namespace lumbung::curation {

using store::get_int64;
using store::get_text;

namespace {

constexpr const char* kRunColumns =
    "SELECT id, source, file_name, file_path, dry_run, state, rows_total, rows_done, rows_created, rows_updated, "
    "rows_unchanged, rows_rejected, problem_count, problems, message, created_by, created_at, finished_at "
    "FROM import_runs ";

ImportRun run_from_row(const soci::row& r) {
  ImportRun run;
  run.id = get_int64(r, 0);
  run.source = get_text(r, 1);
  run.file_name = get_text(r, 2);
  run.file_path = get_text(r, 3);
  run.dry_run = get_int64(r, 4) != 0;
  run.state = get_text(r, 5);
  run.rows_total = get_int64(r, 6);
  run.rows_done = get_int64(r, 7);
  run.rows_created = get_int64(r, 8);
  run.rows_updated = get_int64(r, 9);
  run.rows_unchanged = get_int64(r, 10);
  run.rows_rejected = get_int64(r, 11);
  run.problem_count = get_int64(r, 12);
  run.problems_json = get_text(r, 13);
  run.message = get_text(r, 14);
  run.created_by = get_int64(r, 15);
  run.created_at = get_int64(r, 16);
  run.finished_at = get_int64(r, 17);
  return run;
}

// The bindings of a run in the column order of kRunColumns.
struct RunValues {
  long long id, dry_run, total, done, created, updated, unchanged, rejected, problems, created_by, created_at,
      finished_at;
  explicit RunValues(const ImportRun& r)
      : id(r.id),
        dry_run(r.dry_run ? 1 : 0),
        total(r.rows_total),
        done(r.rows_done),
        created(r.rows_created),
        updated(r.rows_updated),
        unchanged(r.rows_unchanged),
        rejected(r.rows_rejected),
        problems(r.problem_count),
        created_by(r.created_by),
        created_at(r.created_at),
        finished_at(r.finished_at) {}
};

}  // namespace

Mapping load_mapping(soci::session& sql, const std::string& source) {
  Mapping out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT field, header FROM import_mappings WHERE source = :source", soci::use(source, "source"));
  for (const auto& r : rs) out[get_text(r, 0)] = get_text(r, 1);
  return out;
}

void save_mapping(soci::session& sql, const std::string& source, const Mapping& mapping, std::int64_t actor,
                  std::int64_t now) {
  sql << "DELETE FROM import_mappings WHERE source = :source", soci::use(source, "source");
  long long by = actor, at = now;
  std::string field, header;
  soci::statement st = (sql.prepare << "INSERT INTO import_mappings (source, field, header, updated_by, updated_at) "
                                       "VALUES (:source, :field, :header, :by, :at)",
                        soci::use(source, "source"), soci::use(field, "field"), soci::use(header, "header"),
                        soci::use(by, "by"), soci::use(at, "at"));
  for (const auto& [f, h] : mapping) {
    if (h.empty()) continue;
    field = f;
    header = h;
    st.execute(true);
  }
}

void insert_run(soci::session& sql, const ImportRun& run) {
  RunValues v(run);
  sql << "INSERT INTO import_runs (id, source, file_name, file_path, dry_run, state, rows_total, rows_done, "
         "rows_created, rows_updated, rows_unchanged, rows_rejected, problem_count, problems, message, created_by, "
         "created_at, finished_at) VALUES (:id, :source, :file_name, :file_path, :dry_run, :state, :total, :done, "
         ":created, :updated, :unchanged, :rejected, :problem_count, :problems, :message, :created_by, :created_at, "
         ":finished_at)",
      soci::use(v.id, "id"), soci::use(run.source, "source"), soci::use(run.file_name, "file_name"),
      soci::use(run.file_path, "file_path"), soci::use(v.dry_run, "dry_run"), soci::use(run.state, "state"),
      soci::use(v.total, "total"), soci::use(v.done, "done"), soci::use(v.created, "created"),
      soci::use(v.updated, "updated"), soci::use(v.unchanged, "unchanged"), soci::use(v.rejected, "rejected"),
      soci::use(v.problems, "problem_count"), soci::use(run.problems_json, "problems"),
      soci::use(run.message, "message"), soci::use(v.created_by, "created_by"), soci::use(v.created_at, "created_at"),
      soci::use(v.finished_at, "finished_at");
}

void update_run(soci::session& sql, const ImportRun& run) {
  RunValues v(run);
  sql << "UPDATE import_runs SET state = :state, rows_total = :total, rows_done = :done, rows_created = :created, "
         "rows_updated = :updated, rows_unchanged = :unchanged, rows_rejected = :rejected, problem_count = "
         ":problem_count, problems = :problems, message = :message, finished_at = :finished_at WHERE id = :id",
      soci::use(run.state, "state"), soci::use(v.total, "total"), soci::use(v.done, "done"),
      soci::use(v.created, "created"), soci::use(v.updated, "updated"), soci::use(v.unchanged, "unchanged"),
      soci::use(v.rejected, "rejected"), soci::use(v.problems, "problem_count"),
      soci::use(run.problems_json, "problems"), soci::use(run.message, "message"),
      soci::use(v.finished_at, "finished_at"), soci::use(v.id, "id");
}

std::optional<ImportRun> find_run(soci::session& sql, std::int64_t id) {
  long long rid = id;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kRunColumns) + "WHERE id = :id", soci::use(rid, "id"));
  for (const auto& r : rs) return run_from_row(r);
  return std::nullopt;
}

std::vector<ImportRun> recent_runs(soci::session& sql, int limit) {
  std::vector<ImportRun> out;
  soci::rowset<soci::row> rs = sql.prepare
                               << std::string(kRunColumns) + "ORDER BY id DESC LIMIT " + std::to_string(limit);
  for (const auto& r : rs) out.push_back(run_from_row(r));
  return out;
}

void set_provenance(soci::session& sql, std::int64_t innovation_id, const std::string& field, const std::string& source,
                    std::int64_t import_id, std::int64_t now) {
  long long iid = innovation_id, imp = import_id, at = now;
  sql << "DELETE FROM field_provenance WHERE innovation_id = :iid AND field = :field", soci::use(iid, "iid"),
      soci::use(field, "field");
  sql << "INSERT INTO field_provenance (innovation_id, field, source, import_id, set_at) "
         "VALUES (:iid, :field, :source, :imp, :at)",
      soci::use(iid, "iid"), soci::use(field, "field"), soci::use(source, "source"), soci::use(imp, "imp"),
      soci::use(at, "at");
}

std::vector<Provenance> list_provenance(soci::session& sql, std::int64_t innovation_id) {
  long long iid = innovation_id;
  std::vector<Provenance> out;
  soci::rowset<soci::row> rs = (sql.prepare << "SELECT field, source, import_id, set_at FROM field_provenance "
                                               "WHERE innovation_id = :iid ORDER BY field",
                                soci::use(iid, "iid"));
  for (const auto& r : rs) out.push_back({get_text(r, 0), get_text(r, 1), get_int64(r, 2), get_int64(r, 3)});
  return out;
}

}  // namespace lumbung::curation
