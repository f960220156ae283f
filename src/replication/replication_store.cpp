#include "replication/replication_store.hpp"

#include <algorithm>
#include <map>

#include "directory/innovation_store.hpp"
#include "notify/notify.hpp"
#include "replication/replication_rules.hpp"
#include "replication/workflow.hpp"
#include "store/row.hpp"

namespace lumbung::replication {

namespace {

using store::get_int64;
using store::get_text;

constexpr const char* kSelectOffer =
    "SELECT innovation_id, willing, guides, sop, documents, contact, costs, updated_at, updated_by "
    "FROM replication_offers WHERE innovation_id = :id";
constexpr const char* kDeleteOffer = "DELETE FROM replication_offers WHERE innovation_id = :id";
constexpr const char* kInsertOffer =
    "INSERT INTO replication_offers (innovation_id, willing, guides, sop, documents, contact, costs, updated_at, "
    "updated_by) VALUES (:id, :willing, :guides, :sop, :documents, :contact, :costs, :updated_at, :updated_by)";

constexpr const char* kRequestColumns =
    "SELECT id, innovation_id, origin_region_code, adopter_region_code, requester_id, requester_about, problem, "
    "adaptation, mode, proposed_mode, state, reason, created_at, updated_at, version FROM replication_requests ";
constexpr const char* kInsertRequest =
    "INSERT INTO replication_requests (id, innovation_id, origin_region_code, adopter_region_code, requester_id, "
    "requester_about, problem, adaptation, mode, proposed_mode, state, reason, created_at, updated_at, version) "
    "VALUES (:id, :innovation_id, :origin, :adopter, :requester_id, :about, :problem, :adaptation, :mode, "
    ":proposed_mode, :state, :reason, :created_at, :updated_at, :version)";
constexpr const char* kUpdateRequest =
    "UPDATE replication_requests SET state = :state, mode = :mode, proposed_mode = :proposed_mode, reason = :reason, "
    "updated_at = :updated_at, version = :version WHERE id = :id AND version = :expected";
constexpr const char* kOpenRequestOf =
    "SELECT id FROM replication_requests WHERE innovation_id = :id AND adopter_region_code = :adopter AND state IN "
    "('requested', 'counter_proposed', 'accepted', 'in_transfer')";

constexpr const char* kInsertEvent =
    "INSERT INTO replication_events (id, request_id, action, actor_id, note, at) "
    "VALUES (:id, :request_id, :action, :actor_id, :note, :at)";
constexpr const char* kSelectEvents =
    "SELECT id, request_id, action, actor_id, note, at FROM replication_events WHERE request_id = :id ORDER BY id";

constexpr const char* kSelectTemplate = "SELECT name FROM replication_step_template ORDER BY position";
constexpr const char* kClearTemplate = "DELETE FROM replication_step_template";
constexpr const char* kInsertTemplate =
    "INSERT INTO replication_step_template (position, name, updated_at, updated_by) "
    "VALUES (:position, :name, :updated_at, :updated_by)";

constexpr const char* kStepColumns =
    "SELECT id, request_id, position, name, status, start_date, end_date, notes, updated_at, updated_by "
    "FROM replication_steps ";
constexpr const char* kInsertStep =
    "INSERT INTO replication_steps (id, request_id, position, name, status, start_date, end_date, notes, updated_at, "
    "updated_by) VALUES (:id, :request_id, :position, :name, :status, :start_date, :end_date, :notes, :updated_at, "
    ":updated_by)";
constexpr const char* kUpdateStep =
    "UPDATE replication_steps SET status = :status, start_date = :start_date, end_date = :end_date, notes = :notes, "
    "updated_at = :updated_at, updated_by = :updated_by WHERE id = :id";

constexpr const char* kDocumentColumns =
    "SELECT id, request_id, step_id, media_type, stored_name, original_name, size_bytes, created_at, created_by "
    "FROM replication_documents ";
constexpr const char* kInsertDocument =
    "INSERT INTO replication_documents (id, request_id, step_id, media_type, stored_name, original_name, size_bytes, "
    "created_at, created_by) VALUES (:id, :request_id, :step_id, :media_type, :stored_name, :original_name, "
    ":size_bytes, :created_at, :created_by)";

constexpr const char* kAdoptionColumns =
    "SELECT a.id, a.innovation_id, a.origin_region_code, a.adopter_region_code, a.adopted_on, a.request_id, "
    "a.adopted_innovation_id, a.evidence, a.state, a.recorded_by, a.recorded_at, a.decided_by, a.decided_at "
    "FROM replication_adoptions a ";
constexpr const char* kInsertAdoption =
    "INSERT INTO replication_adoptions (id, innovation_id, origin_region_code, adopter_region_code, adopted_on, "
    "request_id, adopted_innovation_id, evidence, state, recorded_by, recorded_at, decided_by, decided_at) VALUES "
    "(:id, :innovation_id, :origin, :adopter, :adopted_on, :request_id, :adopted_innovation_id, :evidence, :state, "
    ":recorded_by, :recorded_at, :decided_by, :decided_at)";
constexpr const char* kDecideAdoption =
    "UPDATE replication_adoptions SET state = :state, decided_by = :actor, decided_at = :at WHERE id = :id";
// Confirmed adoptions of innovations of :sector ('' = any) in year :year ('' = any).
constexpr const char* kPairsFrom =
    "FROM replication_adoptions a JOIN innovations i ON i.id = a.innovation_id "
    "LEFT JOIN regions o ON o.code = a.origin_region_code LEFT JOIN regions d ON d.code = a.adopter_region_code "
    "WHERE a.state = 'confirmed' AND (:sector = '' OR i.sector = :sector2) "
    "AND (:year = '' OR substr(a.adopted_on, 1, 4) = :year2) ";
constexpr const char* kPairsSelect =
    "SELECT a.id, a.innovation_id, a.origin_region_code, a.adopter_region_code, a.adopted_on, a.request_id, "
    "a.adopted_innovation_id, a.evidence, a.state, a.recorded_by, a.recorded_at, a.decided_by, a.decided_at, "
    "i.name, i.slug, i.sector, COALESCE(o.name, a.origin_region_code), COALESCE(d.name, a.adopter_region_code), "
    "COALESCE(o.province_code, ''), COALESCE(d.province_code, '') ";
constexpr const char* kPairsOrder = "ORDER BY a.adopted_on DESC, a.id DESC";
constexpr const char* kProvincePairs = "SELECT COALESCE(o.province_code, ''), COALESCE(d.province_code, ''), COUNT(*) ";
constexpr const char* kProvincePairsGroup = "GROUP BY COALESCE(o.province_code, ''), COALESCE(d.province_code, '')";

constexpr const char* kRegionName = "SELECT name FROM regions WHERE code = :code";

Adoption adoption_from(const soci::row& r);

// A row of kPairsSelect.
Pair pair_from(const soci::row& r) {
  Pair p;
  p.adoption = adoption_from(r);
  p.innovation_name = get_text(r, 13);
  p.innovation_slug = get_text(r, 14);
  p.sector = get_text(r, 15);
  p.origin_name = get_text(r, 16);
  p.adopter_name = get_text(r, 17);
  p.origin_province = get_text(r, 18);
  p.adopter_province = get_text(r, 19);
  return p;
}

Request request_from(const soci::row& r) {
  Request q;
  q.id = get_int64(r, 0);
  q.innovation_id = get_int64(r, 1);
  q.origin_region_code = get_text(r, 2);
  q.adopter_region_code = get_text(r, 3);
  q.requester_id = get_int64(r, 4);
  q.requester_about = get_text(r, 5);
  q.problem = get_text(r, 6);
  q.adaptation = get_text(r, 7);
  q.mode = get_text(r, 8);
  q.proposed_mode = get_text(r, 9);
  q.state = get_text(r, 10);
  q.reason = get_text(r, 11);
  q.created_at = get_int64(r, 12);
  q.updated_at = get_int64(r, 13);
  q.version = get_int64(r, 14);
  return q;
}

Step step_from(const soci::row& r) {
  Step s;
  s.id = get_int64(r, 0);
  s.request_id = get_int64(r, 1);
  s.position = static_cast<int>(get_int64(r, 2));
  s.name = get_text(r, 3);
  s.status = get_text(r, 4);
  s.start_date = get_text(r, 5);
  s.end_date = get_text(r, 6);
  s.notes = get_text(r, 7);
  s.updated_at = get_int64(r, 8);
  s.updated_by = get_int64(r, 9);
  return s;
}

Document document_from(const soci::row& r) {
  Document d;
  d.id = get_int64(r, 0);
  d.request_id = get_int64(r, 1);
  d.step_id = get_int64(r, 2);
  d.media_type = get_text(r, 3);
  d.stored_name = get_text(r, 4);
  d.original_name = get_text(r, 5);
  d.size_bytes = get_int64(r, 6);
  d.created_at = get_int64(r, 7);
  d.created_by = get_int64(r, 8);
  return d;
}

Adoption adoption_from(const soci::row& r) {
  Adoption a;
  a.id = get_int64(r, 0);
  a.innovation_id = get_int64(r, 1);
  a.origin_region_code = get_text(r, 2);
  a.adopter_region_code = get_text(r, 3);
  a.adopted_on = get_text(r, 4);
  a.request_id = get_int64(r, 5);
  a.adopted_innovation_id = get_int64(r, 6);
  a.evidence = get_text(r, 7);
  a.state = get_text(r, 8);
  a.recorded_by = get_int64(r, 9);
  a.recorded_at = get_int64(r, 10);
  a.decided_by = get_int64(r, 11);
  a.decided_at = get_int64(r, 12);
  return a;
}

template <class T, class F>
std::vector<T> rows_by_id(soci::session& sql, const std::string& query, std::int64_t id, F from) {
  long long lid = id;
  std::vector<T> out;
  soci::rowset<soci::row> rs = (sql.prepare << query, soci::use(lid, "id"));
  for (const auto& r : rs) out.push_back(from(r));
  return out;
}

std::vector<Request> requests_where(soci::session& sql, const std::string& where, const std::string& value,
                                    std::int64_t innovation_id) {
  long long iid = innovation_id;
  std::string v = value;
  std::vector<Request> out;
  const std::string q = std::string(kRequestColumns) + "WHERE " + where +
                        " AND (:iid = 0 OR innovation_id = :iid2) ORDER BY id DESC LIMIT 500";
  soci::rowset<soci::row> rs = (sql.prepare << q, soci::use(v, "v"), soci::use(iid, "iid"), soci::use(iid, "iid2"));
  for (const auto& r : rs) out.push_back(request_from(r));
  return out;
}

}  // namespace

std::optional<Offer> find_offer(soci::session& sql, std::int64_t innovation_id) {
  long long id = innovation_id;
  soci::rowset<soci::row> rs = (sql.prepare << kSelectOffer, soci::use(id, "id"));
  for (const auto& r : rs) {
    Offer o;
    o.innovation_id = get_int64(r, 0);
    o.willing = get_int64(r, 1) != 0;
    o.guides = get_text(r, 2);
    o.sop = get_text(r, 3);
    o.documents = get_text(r, 4);
    o.contact = get_text(r, 5);
    o.costs = get_text(r, 6);
    o.updated_at = get_int64(r, 7);
    o.updated_by = get_int64(r, 8);
    return o;
  }
  return std::nullopt;
}

void save_offer(soci::session& sql, const Offer& o) {
  long long id = o.innovation_id, updated_at = o.updated_at, updated_by = o.updated_by;
  int willing = o.willing ? 1 : 0;
  sql << kDeleteOffer, soci::use(id, "id");
  sql << kInsertOffer, soci::use(id, "id"), soci::use(willing, "willing"), soci::use(o.guides, "guides"),
      soci::use(o.sop, "sop"), soci::use(o.documents, "documents"), soci::use(o.contact, "contact"),
      soci::use(o.costs, "costs"), soci::use(updated_at, "updated_at"), soci::use(updated_by, "updated_by");
}

void insert_request(soci::session& sql, const Request& r) {
  long long id = r.id, iid = r.innovation_id, requester = r.requester_id, created = r.created_at,
            updated = r.updated_at, version = r.version;
  sql << kInsertRequest, soci::use(id, "id"), soci::use(iid, "innovation_id"),
      soci::use(r.origin_region_code, "origin"), soci::use(r.adopter_region_code, "adopter"),
      soci::use(requester, "requester_id"), soci::use(r.requester_about, "about"), soci::use(r.problem, "problem"),
      soci::use(r.adaptation, "adaptation"), soci::use(r.mode, "mode"), soci::use(r.proposed_mode, "proposed_mode"),
      soci::use(r.state, "state"), soci::use(r.reason, "reason"), soci::use(created, "created_at"),
      soci::use(updated, "updated_at"), soci::use(version, "version");
}

bool update_request(soci::session& sql, const Request& r, std::int64_t expected_version) {
  long long id = r.id, updated = r.updated_at, version = r.version, expected = expected_version;
  soci::statement st =
      (sql.prepare << kUpdateRequest, soci::use(r.state, "state"), soci::use(r.mode, "mode"),
       soci::use(r.proposed_mode, "proposed_mode"), soci::use(r.reason, "reason"), soci::use(updated, "updated_at"),
       soci::use(version, "version"), soci::use(id, "id"), soci::use(expected, "expected"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool update_request_text(soci::session& sql, const Request& r, std::int64_t expected_version) {
  long long id = r.id, updated = r.updated_at, version = r.version, expected = expected_version;
  soci::statement st =
      (sql.prepare << "UPDATE replication_requests SET requester_about = :about, problem = :problem, adaptation = "
                      ":adaptation, mode = :mode, updated_at = :updated_at, version = :version WHERE id = :id AND "
                      "version = :expected",
       soci::use(r.requester_about, "about"), soci::use(r.problem, "problem"), soci::use(r.adaptation, "adaptation"),
       soci::use(r.mode, "mode"), soci::use(updated, "updated_at"), soci::use(version, "version"), soci::use(id, "id"),
       soci::use(expected, "expected"));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

std::optional<Request> find_request(soci::session& sql, std::int64_t id) {
  auto rows = rows_by_id<Request>(sql, std::string(kRequestColumns) + "WHERE id = :id", id, request_from);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Request> list_requests(soci::session& sql, const RequestQuery& q) {
  std::map<std::int64_t, Request> found;
  auto add = [&](std::vector<Request> rows) {
    for (auto& r : rows) found.emplace(r.id, std::move(r));
  };
  if (q.everyone) add(requests_where(sql, "'' = :v", "", q.innovation_id));
  for (const auto& region : q.adopter_regions)
    add(requests_where(sql, "adopter_region_code = :v", region, q.innovation_id));
  for (const auto& region : q.origin_regions)
    add(requests_where(sql, "origin_region_code = :v", region, q.innovation_id));
  if (q.requester_id > 0)
    add(requests_where(sql, "requester_id = :v", std::to_string(q.requester_id), q.innovation_id));
  std::vector<Request> out;
  for (auto it = found.rbegin(); it != found.rend(); ++it)
    if (!q.open_only || is_open(it->second.state)) out.push_back(std::move(it->second));
  return out;
}

std::optional<std::int64_t> open_request_of(soci::session& sql, std::int64_t innovation_id,
                                            const std::string& adopter_region) {
  long long id = innovation_id;
  soci::rowset<soci::row> rs =
      (sql.prepare << kOpenRequestOf, soci::use(id, "id"), soci::use(adopter_region, "adopter"));
  for (const auto& r : rs) return get_int64(r, 0);
  return std::nullopt;
}

void insert_event(soci::session& sql, const Event& e) {
  long long id = e.id, request_id = e.request_id, actor = e.actor_id, at = e.at;
  sql << kInsertEvent, soci::use(id, "id"), soci::use(request_id, "request_id"), soci::use(e.action, "action"),
      soci::use(actor, "actor_id"), soci::use(e.note, "note"), soci::use(at, "at");
}

std::vector<Event> list_events(soci::session& sql, std::int64_t request_id) {
  return rows_by_id<Event>(sql, kSelectEvents, request_id, [](const soci::row& r) {
    return Event{get_int64(r, 0), get_int64(r, 1), get_text(r, 2), get_int64(r, 3), get_text(r, 4), get_int64(r, 5)};
  });
}

std::vector<std::string> load_template(soci::session& sql) {
  std::vector<std::string> out;
  soci::rowset<soci::row> rs = sql.prepare << kSelectTemplate;
  for (const auto& r : rs) out.push_back(get_text(r, 0));
  return out;
}

void replace_template(soci::session& sql, const std::vector<std::string>& names, std::int64_t actor, std::int64_t now) {
  sql << kClearTemplate;
  long long by = actor, at = now;
  for (std::size_t i = 0; i < names.size(); ++i) {
    int position = static_cast<int>(i) + 1;
    sql << kInsertTemplate, soci::use(position, "position"), soci::use(names[i], "name"), soci::use(at, "updated_at"),
        soci::use(by, "updated_by");
  }
}

void insert_step(soci::session& sql, const Step& s) {
  long long id = s.id, request_id = s.request_id, updated = s.updated_at, by = s.updated_by;
  int position = s.position;
  sql << kInsertStep, soci::use(id, "id"), soci::use(request_id, "request_id"), soci::use(position, "position"),
      soci::use(s.name, "name"), soci::use(s.status, "status"), soci::use(s.start_date, "start_date"),
      soci::use(s.end_date, "end_date"), soci::use(s.notes, "notes"), soci::use(updated, "updated_at"),
      soci::use(by, "updated_by");
}

void update_step(soci::session& sql, const Step& s) {
  long long id = s.id, updated = s.updated_at, by = s.updated_by;
  sql << kUpdateStep, soci::use(s.status, "status"), soci::use(s.start_date, "start_date"),
      soci::use(s.end_date, "end_date"), soci::use(s.notes, "notes"), soci::use(updated, "updated_at"),
      soci::use(by, "updated_by"), soci::use(id, "id");
}

std::vector<Step> list_steps(soci::session& sql, std::int64_t request_id) {
  return rows_by_id<Step>(sql, std::string(kStepColumns) + "WHERE request_id = :id ORDER BY position, id", request_id,
                          step_from);
}

std::optional<Step> find_step(soci::session& sql, std::int64_t id) {
  auto rows = rows_by_id<Step>(sql, std::string(kStepColumns) + "WHERE id = :id", id, step_from);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void insert_document(soci::session& sql, const Document& d) {
  long long id = d.id, request_id = d.request_id, step_id = d.step_id, size = d.size_bytes, created = d.created_at,
            by = d.created_by;
  sql << kInsertDocument, soci::use(id, "id"), soci::use(request_id, "request_id"), soci::use(step_id, "step_id"),
      soci::use(d.media_type, "media_type"), soci::use(d.stored_name, "stored_name"),
      soci::use(d.original_name, "original_name"), soci::use(size, "size_bytes"), soci::use(created, "created_at"),
      soci::use(by, "created_by");
}

std::vector<Document> list_documents(soci::session& sql, std::int64_t request_id) {
  return rows_by_id<Document>(sql, std::string(kDocumentColumns) + "WHERE request_id = :id ORDER BY id", request_id,
                              document_from);
}

std::optional<Document> find_document(soci::session& sql, std::int64_t id) {
  auto rows = rows_by_id<Document>(sql, std::string(kDocumentColumns) + "WHERE id = :id", id, document_from);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

void delete_document(soci::session& sql, std::int64_t id) {
  long long value = id;
  sql << "DELETE FROM replication_documents WHERE id = :id", soci::use(value, "id");
}

void insert_adoption(soci::session& sql, const Adoption& a) {
  long long id = a.id, iid = a.innovation_id, request_id = a.request_id, adopted = a.adopted_innovation_id,
            recorded_by = a.recorded_by, recorded_at = a.recorded_at, decided_by = a.decided_by,
            decided_at = a.decided_at;
  sql << kInsertAdoption, soci::use(id, "id"), soci::use(iid, "innovation_id"),
      soci::use(a.origin_region_code, "origin"), soci::use(a.adopter_region_code, "adopter"),
      soci::use(a.adopted_on, "adopted_on"), soci::use(request_id, "request_id"),
      soci::use(adopted, "adopted_innovation_id"), soci::use(a.evidence, "evidence"), soci::use(a.state, "state"),
      soci::use(recorded_by, "recorded_by"), soci::use(recorded_at, "recorded_at"), soci::use(decided_by, "decided_by"),
      soci::use(decided_at, "decided_at");
}

void decide_adoption(soci::session& sql, std::int64_t id, const std::string& state, std::int64_t actor,
                     std::int64_t now) {
  long long lid = id, by = actor, at = now;
  sql << kDecideAdoption, soci::use(state, "state"), soci::use(by, "actor"), soci::use(at, "at"), soci::use(lid, "id");
}

std::optional<Adoption> find_adoption(soci::session& sql, std::int64_t id) {
  auto rows = rows_by_id<Adoption>(sql, std::string(kAdoptionColumns) + "WHERE a.id = :id", id, adoption_from);
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Adoption> adoptions_of(soci::session& sql, std::int64_t innovation_id) {
  return rows_by_id<Adoption>(sql,
                              std::string(kAdoptionColumns) + "WHERE a.innovation_id = :id ORDER BY a.adopted_on, a.id",
                              innovation_id, adoption_from);
}

bool refresh_replicated_regions(soci::session& sql, std::int64_t innovation_id) {
  long long id = innovation_id, stored = 0;
  std::string region;
  sql << "SELECT region_code, replicated_regions FROM innovations WHERE id = :id", soci::use(id, "id"),
      soci::into(region), soci::into(stored);
  if (!sql.got_data()) return false;
  long long count = count_adopting_regions(adoptions_of(sql, innovation_id), region);
  if (count == stored) return false;
  sql << "UPDATE innovations SET replicated_regions = :n WHERE id = :id", soci::use(count, "n"), soci::use(id, "id");
  return true;
}

void keep_counts_on_region_moves() {
  directory::set_region_move_hook(
      [](soci::session& sql, std::int64_t innovation_id) { refresh_replicated_regions(sql, innovation_id); });
}

int refresh_all_replicated_regions(soci::session& sql) {
  std::map<std::int64_t, std::vector<Adoption>> by_innovation;
  {
    soci::rowset<soci::row> rs = sql.prepare << std::string(kAdoptionColumns) + "ORDER BY a.innovation_id, a.id";
    for (const auto& r : rs) {
      auto a = adoption_from(r);
      by_innovation[a.innovation_id].push_back(std::move(a));
    }
  }
  std::vector<std::pair<long long, long long>> changed;  // (id, count)
  {
    soci::rowset<soci::row> rs =
        sql.prepare << "SELECT id, region_code, replicated_regions FROM innovations WHERE replicated_regions <> 0 OR "
                       "id IN (SELECT innovation_id FROM replication_adoptions)";
    for (const auto& r : rs) {
      const auto id = store::get_int64(r, 0);
      auto found = by_innovation.find(id);
      const auto count =
          found == by_innovation.end() ? 0 : count_adopting_regions(found->second, store::get_text(r, 1));
      if (count != store::get_int64(r, 2)) changed.emplace_back(id, count);
    }
  }
  for (auto& [id, count] : changed)
    sql << "UPDATE innovations SET replicated_regions = :n WHERE id = :id", soci::use(count, "n"), soci::use(id, "id");
  return static_cast<int>(changed.size());
}

std::vector<Adoption> adoptions_as_adopter(soci::session& sql, std::int64_t adopted_innovation_id) {
  return rows_by_id<Adoption>(
      sql,
      std::string(kAdoptionColumns) + "WHERE a.adopted_innovation_id = :id AND a.state = 'confirmed' ORDER BY a.id",
      adopted_innovation_id, adoption_from);
}

std::vector<Pair> list_pairs(soci::session& sql, const std::string& sector, int year, int limit) {
  const std::string y = year > 0 ? std::to_string(year) : "";
  std::string query = std::string(kPairsSelect) + kPairsFrom + kPairsOrder;
  if (limit > 0) query += " LIMIT " + std::to_string(limit);  // a number, never input
  std::vector<Pair> out;
  soci::rowset<soci::row> rs = (sql.prepare << query, soci::use(sector, "sector"), soci::use(sector, "sector2"),
                                soci::use(y, "year"), soci::use(y, "year2"));
  for (const auto& r : rs) out.push_back(pair_from(r));
  return out;
}

std::vector<Pair> list_hub_pairs(soci::session& sql, std::int64_t hub_id, int limit) {
  std::string query = std::string(kPairsSelect) +
                      "FROM replication_adoptions a JOIN innovations i ON i.id = a.innovation_id "
                      "LEFT JOIN regions o ON o.code = a.origin_region_code "
                      "LEFT JOIN regions d ON d.code = a.adopter_region_code "
                      "WHERE a.state = 'confirmed' AND (a.adopter_region_code IN (SELECT region_code FROM "
                      "replication_hub_members WHERE hub_id = :hub) OR a.origin_region_code IN (SELECT region_code "
                      "FROM replication_hub_members WHERE hub_id = :hub2) OR i.unit_id IN (SELECT unit_id FROM "
                      "replication_hub_units WHERE hub_id = :hub3)) " +
                      kPairsOrder;
  if (limit > 0) query += " LIMIT " + std::to_string(limit);  // a number, never input
  std::vector<Pair> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << query, soci::use(hub_id, "hub"), soci::use(hub_id, "hub2"), soci::use(hub_id, "hub3"));
  for (const auto& r : rs) out.push_back(pair_from(r));
  return out;
}

std::vector<ProvincePair> count_province_pairs(soci::session& sql, const std::string& sector, int year) {
  const std::string y = year > 0 ? std::to_string(year) : "";
  std::vector<ProvincePair> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kProvincePairs) + kPairsFrom + kProvincePairsGroup, soci::use(sector, "sector"),
       soci::use(sector, "sector2"), soci::use(y, "year"), soci::use(y, "year2"));
  for (const auto& r : rs) out.push_back({get_text(r, 0), get_text(r, 1), get_int64(r, 2)});
  return out;
}

std::vector<std::pair<std::string, std::string>> region_names(soci::session& sql,
                                                              const std::vector<std::string>& codes) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& code : codes) {
    std::string name;
    soci::indicator ind = soci::i_ok;
    sql << kRegionName, soci::use(code, "code"), soci::into(name, ind);
    if (sql.got_data() && ind == soci::i_ok) out.emplace_back(code, name);
  }
  return out;
}

std::vector<std::int64_t> region_admins(soci::session& sql, const std::string& region_code) {
  return notify::grant_holders(sql, "region_admin", "region", region_code);
}

}  // namespace lumbung::replication

namespace lumbung::replication {

std::vector<InnovationLabel> willing_innovations(soci::session& sql, const std::string& sector, int limit) {
  std::vector<InnovationLabel> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT i.id, i.name, i.slug, i.region_code, COALESCE(r.name, i.region_code) "
                      "FROM replication_offers o JOIN innovations i ON i.id = o.innovation_id "
                      "LEFT JOIN regions r ON r.code = i.region_code "
                      "WHERE o.willing = 1 AND i.state = 'published' AND (:sector = '' OR i.sector = :sector2) "
                      "ORDER BY o.updated_at DESC, i.id DESC LIMIT :lim",
       soci::use(sector, "sector"), soci::use(sector, "sector2"), soci::use(limit, "lim"));
  for (const auto& r : rs) {
    InnovationLabel l;
    l.id = get_int64(r, 0);
    l.name = get_text(r, 1);
    l.slug = get_text(r, 2);
    l.region_code = get_text(r, 3);
    l.region_name = get_text(r, 4);
    out.push_back(std::move(l));
  }
  return out;
}

std::optional<InnovationLabel> innovation_label(soci::session& sql, std::int64_t innovation_id) {
  long long id = innovation_id;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT name, slug, created_by, version FROM innovations WHERE id = :id", soci::use(id, "id"));
  for (const auto& r : rs) {
    InnovationLabel l;
    l.id = innovation_id;
    l.name = get_text(r, 0);
    l.slug = get_text(r, 1);
    l.created_by = get_int64(r, 2);
    l.version = get_int64(r, 3);
    return l;
  }
  return std::nullopt;
}

}  // namespace lumbung::replication
