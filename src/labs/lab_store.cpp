#include "labs/lab_store.hpp"

#include <map>

#include "store/row.hpp"

namespace lumbung::labs {

namespace {

using store::get_int64;
using store::get_text;

constexpr const char* kInsertLab =
    "INSERT INTO labs (id, name, organizer, region_code, format, year, readiness_items, rubric, created_by, "
    "created_at, updated_at) VALUES (:id, :name, :organizer, :region_code, :format, :year, :readiness_items, "
    ":rubric, :created_by, :created_at, :updated_at)";
constexpr const char* kUpdateLab =
    "UPDATE labs SET name = :name, organizer = :organizer, format = :format, year = :year, "
    "readiness_items = :readiness_items, rubric = :rubric, updated_at = :updated_at WHERE id = :id";
constexpr const char* kDeletePartners = "DELETE FROM lab_partners WHERE lab_id = :id";
constexpr const char* kDeleteSessions = "DELETE FROM lab_sessions WHERE lab_id = :id";
constexpr const char* kDeleteLabUnit = "DELETE FROM lab_units WHERE lab_id = :lab_id AND unit_id = :unit_id";
constexpr const char* kCountUnitIdeas = "SELECT COUNT(*) FROM lab_ideas WHERE lab_id = :lab_id AND unit_id = :unit_id";
constexpr const char* kInsertPartner =
    "INSERT INTO lab_partners (lab_id, position, name, mou_ref, role) VALUES (:lab_id, :position, :name, :mou_ref, "
    ":role)";
constexpr const char* kInsertSession =
    "INSERT INTO lab_sessions (lab_id, position, stage, starts_on, ends_on, mode, place) VALUES (:lab_id, "
    ":position, :stage, :starts_on, :ends_on, :mode, :place)";
constexpr const char* kSelectLab =
    "SELECT l.id, l.name, l.organizer, l.region_code, l.format, l.year, l.readiness_items, l.rubric, l.created_by, "
    "l.created_at, l.updated_at, r.name FROM labs l LEFT JOIN regions r ON r.code = l.region_code ";
constexpr const char* kSelectPartners =
    "SELECT name, mou_ref, role FROM lab_partners WHERE lab_id = :lab_id ORDER BY position";
constexpr const char* kSelectSessions =
    "SELECT stage, starts_on, ends_on, mode, place FROM lab_sessions WHERE lab_id = :lab_id ORDER BY position";
constexpr const char* kSelectLabUnits =
    "SELECT lu.unit_id, u.name, u.kind, u.region_code, lu.coach_user_id, COALESCE(us.name, ''), lu.enrolled_at "
    "FROM lab_units lu JOIN units u ON u.id = lu.unit_id LEFT JOIN users us ON us.id = lu.coach_user_id "
    "WHERE lu.lab_id = :lab_id ORDER BY u.kind, u.name";
constexpr const char* kCountLabUnit = "SELECT COUNT(*) FROM lab_units WHERE lab_id = :lab_id AND unit_id = :unit_id";
constexpr const char* kInsertLabUnit =
    "INSERT INTO lab_units (lab_id, unit_id, coach_user_id, enrolled_at) VALUES (:lab_id, :unit_id, :coach, :now)";
constexpr const char* kUpdateCoach =
    "UPDATE lab_units SET coach_user_id = :coach WHERE lab_id = :lab_id AND unit_id = :unit_id";
constexpr const char* kLabsOfUnit = "SELECT lab_id FROM lab_units WHERE unit_id = :unit_id";
constexpr const char* kLabsOfCoach = "SELECT DISTINCT lab_id FROM lab_units WHERE coach_user_id = :coach";
constexpr const char* kSelectUnit = "SELECT id, region_code, kind, name FROM units WHERE id = :id";
constexpr const char* kSelectUnitByName =
    "SELECT id, region_code, kind, name FROM units WHERE region_code = :region AND LOWER(name) = LOWER(:name)";
constexpr const char* kIdeaColumns =
    "SELECT i.id, i.lab_id, i.unit_id, u.name, u.kind, COALESCE(lu.coach_user_id, 0), i.title, i.stage, "
    "i.innovation_id, i.created_by, i.created_at, i.updated_at FROM lab_ideas i JOIN units u ON u.id = i.unit_id "
    "LEFT JOIN lab_units lu ON lu.lab_id = i.lab_id AND lu.unit_id = i.unit_id ";
constexpr const char* kInsertIdea =
    "INSERT INTO lab_ideas (id, lab_id, unit_id, title, stage, innovation_id, created_by, created_at, updated_at) "
    "VALUES (:id, :lab_id, :unit_id, :title, :stage, :innovation_id, :created_by, :created_at, :updated_at)";
constexpr const char* kUpdateIdea =
    "UPDATE lab_ideas SET title = :title, stage = :stage, innovation_id = :innovation_id, updated_at = :updated_at "
    "WHERE id = :id";
constexpr const char* kWorkColumns =
    "SELECT idea_id, stage, data, state, reason, updated_by, updated_at, decided_by, decided_at FROM lab_stage_work ";
constexpr const char* kDeleteWork = "DELETE FROM lab_stage_work WHERE idea_id = :idea_id AND stage = :stage";
constexpr const char* kInsertWork =
    "INSERT INTO lab_stage_work (idea_id, stage, data, state, reason, updated_by, updated_at, decided_by, "
    "decided_at) VALUES (:idea_id, :stage, :data, :state, :reason, :updated_by, :updated_at, :decided_by, "
    ":decided_at)";
constexpr const char* kInsertComment =
    "INSERT INTO lab_comments (id, idea_id, stage, parent_id, author_id, author_name, body, created_at) VALUES (:id, "
    ":idea_id, :stage, :parent_id, :author_id, :author_name, :body, :created_at)";
constexpr const char* kSelectComments =
    "SELECT id, idea_id, stage, parent_id, author_id, author_name, body, created_at FROM lab_comments WHERE idea_id "
    "= :idea_id ORDER BY id";
constexpr const char* kDeleteScore =
    "DELETE FROM lab_scores WHERE idea_id = :idea_id AND stage = :stage AND criterion = :criterion AND scorer_id = "
    ":scorer_id";
constexpr const char* kInsertScore =
    "INSERT INTO lab_scores (idea_id, stage, criterion, scorer_id, score, scored_at) VALUES (:idea_id, :stage, "
    ":criterion, :scorer_id, :score, :scored_at)";
constexpr const char* kSelectScores =
    "SELECT stage, criterion, scorer_id, score, scored_at FROM lab_scores WHERE idea_id = :idea_id ORDER BY stage, "
    "criterion, scorer_id";
constexpr const char* kSelectUserByEmail = "SELECT id, email, name, active FROM users WHERE email = :email";
constexpr const char* kSelectUser = "SELECT id, email, name, active FROM users WHERE id = :id";
constexpr const char* kCountRole = "SELECT COUNT(*) FROM user_grants WHERE user_id = :user_id AND role = :role";
constexpr const char* kScoreTotals =
    "SELECT s.idea_id, s.criterion, SUM(s.score), COUNT(*) FROM lab_scores s JOIN lab_ideas i ON i.id = s.idea_id "
    "WHERE i.lab_id = :lab_id GROUP BY s.idea_id, s.criterion";
constexpr const char* kCoverageUnits =
    "SELECT id, name, kind FROM units WHERE region_code = :region ORDER BY kind, name";
constexpr const char* kCoverageInnovations =
    "SELECT unit_id, COUNT(*) FROM innovations WHERE region_code = :region AND state = 'published' AND unit_id IS "
    "NOT NULL AND (year_started = :year OR (published_at >= :from AND published_at < :until)) GROUP BY unit_id";
constexpr const char* kCoverageIdeas =
    "SELECT i.unit_id, COUNT(*) FROM lab_ideas i JOIN labs l ON l.id = i.lab_id WHERE l.region_code = :region AND "
    "l.year = :year GROUP BY i.unit_id";
constexpr const char* kDeleteVerdict =
    "DELETE FROM lab_verdicts WHERE idea_id = :idea_id AND reviewer_id = :reviewer_id";
constexpr const char* kInsertVerdict =
    "INSERT INTO lab_verdicts (idea_id, reviewer_id, reviewer_name, verdict, remarks, decided_at) VALUES (:idea_id, "
    ":reviewer_id, :reviewer_name, :verdict, :remarks, :decided_at)";
constexpr const char* kVerdictColumns =
    "SELECT v.idea_id, v.reviewer_id, v.reviewer_name, v.verdict, v.remarks, v.decided_at FROM lab_verdicts v ";
constexpr const char* kInsertClinic =
    "INSERT INTO lab_clinics (id, lab_id, unit_id, held_on, mode, attendees, notes, actions, created_by, created_at) "
    "VALUES (:id, :lab_id, :unit_id, :held_on, :mode, :attendees, :notes, :actions, :created_by, :created_at)";
constexpr const char* kSelectClinics =
    "SELECT c.id, c.lab_id, c.unit_id, COALESCE(u.name, ''), c.held_on, c.mode, c.attendees, c.notes, c.actions, "
    "c.created_by, c.created_at FROM lab_clinics c LEFT JOIN units u ON u.id = c.unit_id WHERE c.lab_id = :lab_id "
    "ORDER BY c.held_on DESC, c.id DESC";
constexpr const char* kLabRegion = "SELECT region_code FROM labs WHERE id = :id";
constexpr const char* kRegionName = "SELECT name FROM regions WHERE code = :code";

std::string list_json(const std::vector<std::string>& items) {
  return nlohmann::json(items).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> list_from_json(const std::string& text) {
  std::vector<std::string> out;
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& p : parsed)
    if (p.is_string()) out.push_back(p.get<std::string>());
  return out;
}

Lab lab_from_row(const soci::row& r) {
  Lab l;
  l.id = get_int64(r, 0);
  l.name = get_text(r, 1);
  l.organizer = get_text(r, 2);
  l.region_code = get_text(r, 3);
  l.format = get_text(r, 4);
  l.year = static_cast<int>(get_int64(r, 5));
  l.readiness_items = list_from_json(get_text(r, 6));
  l.rubric = list_from_json(get_text(r, 7));
  l.created_by = get_int64(r, 8);
  l.created_at = get_int64(r, 9);
  l.updated_at = get_int64(r, 10);
  l.region_name = get_text(r, 11);
  return l;
}

Idea idea_from_row(const soci::row& r) {
  Idea i;
  i.id = get_int64(r, 0);
  i.lab_id = get_int64(r, 1);
  i.unit_id = get_int64(r, 2);
  i.unit_name = get_text(r, 3);
  i.unit_kind = get_text(r, 4);
  i.coach_user_id = get_int64(r, 5);
  i.title = get_text(r, 6);
  i.stage = get_text(r, 7);
  i.innovation_id = get_int64(r, 8);
  i.created_by = get_int64(r, 9);
  i.created_at = get_int64(r, 10);
  i.updated_at = get_int64(r, 11);
  return i;
}

StageWork work_from_row(const soci::row& r) {
  StageWork w;
  w.idea_id = get_int64(r, 0);
  w.stage = get_text(r, 1);
  w.data = nlohmann::json::parse(get_text(r, 2), nullptr, false);
  if (!w.data.is_object()) w.data = nlohmann::json::object();
  w.state = get_text(r, 3);
  w.reason = get_text(r, 4);
  w.updated_by = get_int64(r, 5);
  w.updated_at = get_int64(r, 6);
  w.decided_by = get_int64(r, 7);
  w.decided_at = get_int64(r, 8);
  return w;
}

std::optional<UserRow> user_query(soci::session& sql, const char* statement, const std::string& name,
                                  const std::string& text, long long id) {
  soci::rowset<soci::row> rs = name == "email" ? (sql.prepare << statement, soci::use(text, "email"))
                                               : (sql.prepare << statement, soci::use(id, "id"));
  for (const auto& r : rs) return UserRow{get_int64(r, 0), get_text(r, 1), get_text(r, 2), get_int64(r, 3) != 0};
  return std::nullopt;
}

std::optional<UnitRow> unit_from(soci::rowset<soci::row>& rs) {
  for (const auto& r : rs) return UnitRow{get_int64(r, 0), get_text(r, 1), get_text(r, 2), get_text(r, 3)};
  return std::nullopt;
}

}  // namespace

namespace {

void insert_partners_and_sessions(soci::session& sql, const Lab& lab) {
  long long id = lab.id;
  for (std::size_t i = 0; i < lab.partners.size(); ++i) {
    int position = static_cast<int>(i);
    const auto& p = lab.partners[i];
    sql << kInsertPartner, soci::use(id, "lab_id"), soci::use(position, "position"), soci::use(p.name, "name"),
        soci::use(p.mou_ref, "mou_ref"), soci::use(p.role, "role");
  }
  for (std::size_t i = 0; i < lab.sessions.size(); ++i) {
    int position = static_cast<int>(i);
    const auto& s = lab.sessions[i];
    sql << kInsertSession, soci::use(id, "lab_id"), soci::use(position, "position"), soci::use(s.stage, "stage"),
        soci::use(s.starts_on, "starts_on"), soci::use(s.ends_on, "ends_on"), soci::use(s.mode, "mode"),
        soci::use(s.place, "place");
  }
}

}  // namespace

void insert_lab(soci::session& sql, const Lab& lab) {
  long long id = lab.id, created_by = lab.created_by, created_at = lab.created_at, updated_at = lab.updated_at;
  int year = lab.year;
  const auto readiness = list_json(lab.readiness_items), rubric = list_json(lab.rubric);
  sql << kInsertLab, soci::use(id, "id"), soci::use(lab.name, "name"), soci::use(lab.organizer, "organizer"),
      soci::use(lab.region_code, "region_code"), soci::use(lab.format, "format"), soci::use(year, "year"),
      soci::use(readiness, "readiness_items"), soci::use(rubric, "rubric"), soci::use(created_by, "created_by"),
      soci::use(created_at, "created_at"), soci::use(updated_at, "updated_at");
  insert_partners_and_sessions(sql, lab);
}

void update_lab(soci::session& sql, const Lab& lab) {
  long long id = lab.id, updated_at = lab.updated_at;
  int year = lab.year;
  const auto readiness = list_json(lab.readiness_items), rubric = list_json(lab.rubric);
  sql << kUpdateLab, soci::use(lab.name, "name"), soci::use(lab.organizer, "organizer"),
      soci::use(lab.format, "format"), soci::use(year, "year"), soci::use(readiness, "readiness_items"),
      soci::use(rubric, "rubric"), soci::use(updated_at, "updated_at"), soci::use(id, "id");
  sql << kDeletePartners, soci::use(id, "id");
  sql << kDeleteSessions, soci::use(id, "id");
  insert_partners_and_sessions(sql, lab);
}

std::optional<Lab> find_lab(soci::session& sql, std::int64_t id) {
  long long lid = id;
  std::optional<Lab> lab;
  {
    soci::rowset<soci::row> rs = (sql.prepare << std::string(kSelectLab) + "WHERE l.id = :id", soci::use(lid, "id"));
    for (const auto& r : rs) {
      lab = lab_from_row(r);
      break;
    }
  }
  if (!lab) return lab;
  {
    soci::rowset<soci::row> rs = (sql.prepare << kSelectPartners, soci::use(lid, "lab_id"));
    for (const auto& r : rs) lab->partners.push_back({get_text(r, 0), get_text(r, 1), get_text(r, 2)});
  }
  {
    soci::rowset<soci::row> rs = (sql.prepare << kSelectSessions, soci::use(lid, "lab_id"));
    for (const auto& r : rs)
      lab->sessions.push_back({get_text(r, 0), get_text(r, 1), get_text(r, 2), get_text(r, 3), get_text(r, 4)});
  }
  return lab;
}

std::vector<Lab> list_labs(soci::session& sql, const std::string& region) {
  std::vector<Lab> out;
  if (region.empty()) {
    soci::rowset<soci::row> rs = sql.prepare << std::string(kSelectLab) + "ORDER BY l.id DESC";
    for (const auto& r : rs) out.push_back(lab_from_row(r));
  } else {
    soci::rowset<soci::row> rs =
        (sql.prepare << std::string(kSelectLab) + "WHERE l.region_code = :region ORDER BY l.id DESC",
         soci::use(region, "region"));
    for (const auto& r : rs) out.push_back(lab_from_row(r));
  }
  return out;
}

std::vector<LabUnit> list_lab_units(soci::session& sql, std::int64_t lab_id) {
  long long lid = lab_id;
  std::vector<LabUnit> out;
  soci::rowset<soci::row> rs = (sql.prepare << kSelectLabUnits, soci::use(lid, "lab_id"));
  for (const auto& r : rs)
    out.push_back({get_int64(r, 0), get_text(r, 1), get_text(r, 2), get_text(r, 3), get_int64(r, 4), get_text(r, 5),
                   get_int64(r, 6)});
  return out;
}

void upsert_lab_unit(soci::session& sql, std::int64_t lab_id, std::int64_t unit_id, std::int64_t coach_user_id,
                     std::int64_t now) {
  long long lid = lab_id, uid = unit_id, coach = coach_user_id, at = now;
  long long count = 0;
  sql << kCountLabUnit, soci::use(lid, "lab_id"), soci::use(uid, "unit_id"), soci::into(count);
  if (count == 0) {
    sql << kInsertLabUnit, soci::use(lid, "lab_id"), soci::use(uid, "unit_id"), soci::use(coach, "coach"),
        soci::use(at, "now");
  } else if (coach != 0) {
    sql << kUpdateCoach, soci::use(coach, "coach"), soci::use(lid, "lab_id"), soci::use(uid, "unit_id");
  }
}

bool set_lab_unit_coach(soci::session& sql, std::int64_t lab_id, std::int64_t unit_id, std::int64_t coach_user_id) {
  long long lid = lab_id, uid = unit_id, coach = coach_user_id;
  soci::statement st =
      (sql.prepare << kUpdateCoach, soci::use(coach, "coach"), soci::use(lid, "lab_id"), soci::use(uid, "unit_id"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

bool delete_lab_unit(soci::session& sql, std::int64_t lab_id, std::int64_t unit_id) {
  long long lid = lab_id, uid = unit_id;
  soci::statement st = (sql.prepare << kDeleteLabUnit, soci::use(lid, "lab_id"), soci::use(uid, "unit_id"));
  st.execute(true);
  return st.get_affected_rows() > 0;
}

long long count_unit_ideas(soci::session& sql, std::int64_t lab_id, std::int64_t unit_id) {
  long long lid = lab_id, uid = unit_id, n = 0;
  sql << kCountUnitIdeas, soci::use(lid, "lab_id"), soci::use(uid, "unit_id"), soci::into(n);
  return n;
}

std::vector<std::int64_t> labs_of_units(soci::session& sql, const std::vector<std::int64_t>& unit_ids) {
  std::vector<std::int64_t> out;
  for (auto unit : unit_ids) {
    long long uid = unit;
    soci::rowset<soci::row> rs = (sql.prepare << kLabsOfUnit, soci::use(uid, "unit_id"));
    for (const auto& r : rs) out.push_back(get_int64(r, 0));
  }
  return out;
}

std::vector<std::int64_t> labs_of_coach(soci::session& sql, std::int64_t coach_user_id) {
  long long coach = coach_user_id;
  std::vector<std::int64_t> out;
  soci::rowset<soci::row> rs = (sql.prepare << kLabsOfCoach, soci::use(coach, "coach"));
  for (const auto& r : rs) out.push_back(get_int64(r, 0));
  return out;
}

std::optional<UnitRow> find_unit(soci::session& sql, std::int64_t id) {
  long long uid = id;
  soci::rowset<soci::row> rs = (sql.prepare << kSelectUnit, soci::use(uid, "id"));
  return unit_from(rs);
}

std::optional<UnitRow> find_unit_by_name(soci::session& sql, const std::string& region_code, const std::string& name) {
  soci::rowset<soci::row> rs =
      (sql.prepare << kSelectUnitByName, soci::use(region_code, "region"), soci::use(name, "name"));
  return unit_from(rs);
}

void insert_idea(soci::session& sql, const Idea& i) {
  long long id = i.id, lab_id = i.lab_id, unit_id = i.unit_id, innovation_id = i.innovation_id,
            created_by = i.created_by, created_at = i.created_at, updated_at = i.updated_at;
  sql << kInsertIdea, soci::use(id, "id"), soci::use(lab_id, "lab_id"), soci::use(unit_id, "unit_id"),
      soci::use(i.title, "title"), soci::use(i.stage, "stage"), soci::use(innovation_id, "innovation_id"),
      soci::use(created_by, "created_by"), soci::use(created_at, "created_at"), soci::use(updated_at, "updated_at");
}

std::optional<Idea> find_idea(soci::session& sql, std::int64_t id) {
  long long iid = id;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kIdeaColumns) + "WHERE i.id = :id", soci::use(iid, "id"));
  for (const auto& r : rs) return idea_from_row(r);
  return std::nullopt;
}

std::vector<Idea> list_ideas(soci::session& sql, std::int64_t lab_id) {
  long long lid = lab_id;
  std::vector<Idea> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kIdeaColumns) + "WHERE i.lab_id = :lab_id ORDER BY i.id", soci::use(lid, "lab_id"));
  for (const auto& r : rs) out.push_back(idea_from_row(r));
  return out;
}

void update_idea(soci::session& sql, const Idea& i) {
  long long id = i.id, innovation_id = i.innovation_id, updated_at = i.updated_at;
  sql << kUpdateIdea, soci::use(i.title, "title"), soci::use(i.stage, "stage"),
      soci::use(innovation_id, "innovation_id"), soci::use(updated_at, "updated_at"), soci::use(id, "id");
}

std::optional<StageWork> find_work(soci::session& sql, std::int64_t idea_id, const std::string& stage) {
  long long iid = idea_id;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kWorkColumns) + "WHERE idea_id = :idea_id AND stage = :stage",
       soci::use(iid, "idea_id"), soci::use(stage, "stage"));
  for (const auto& r : rs) return work_from_row(r);
  return std::nullopt;
}

std::vector<StageWork> list_work(soci::session& sql, std::int64_t idea_id) {
  long long iid = idea_id;
  std::vector<StageWork> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kWorkColumns) + "WHERE idea_id = :idea_id", soci::use(iid, "idea_id"));
  for (const auto& r : rs) out.push_back(work_from_row(r));
  return out;
}

void upsert_work(soci::session& sql, const StageWork& w) {
  long long iid = w.idea_id, updated_by = w.updated_by, updated_at = w.updated_at, decided_by = w.decided_by,
            decided_at = w.decided_at;
  const auto data = w.data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  sql << kDeleteWork, soci::use(iid, "idea_id"), soci::use(w.stage, "stage");
  sql << kInsertWork, soci::use(iid, "idea_id"), soci::use(w.stage, "stage"), soci::use(data, "data"),
      soci::use(w.state, "state"), soci::use(w.reason, "reason"), soci::use(updated_by, "updated_by"),
      soci::use(updated_at, "updated_at"), soci::use(decided_by, "decided_by"), soci::use(decided_at, "decided_at");
}

void insert_comment(soci::session& sql, const Comment& c) {
  long long id = c.id, idea_id = c.idea_id, parent_id = c.parent_id, author_id = c.author_id, created_at = c.created_at;
  sql << kInsertComment, soci::use(id, "id"), soci::use(idea_id, "idea_id"), soci::use(c.stage, "stage"),
      soci::use(parent_id, "parent_id"), soci::use(author_id, "author_id"), soci::use(c.author_name, "author_name"),
      soci::use(c.body, "body"), soci::use(created_at, "created_at");
}

std::vector<Comment> list_comments(soci::session& sql, std::int64_t idea_id) {
  long long iid = idea_id;
  std::vector<Comment> out;
  soci::rowset<soci::row> rs = (sql.prepare << kSelectComments, soci::use(iid, "idea_id"));
  for (const auto& r : rs)
    out.push_back({get_int64(r, 0), get_int64(r, 1), get_text(r, 2), get_int64(r, 3), get_int64(r, 4), get_text(r, 5),
                   get_text(r, 6), get_int64(r, 7)});
  return out;
}

void upsert_score(soci::session& sql, std::int64_t idea_id, const Score& s) {
  long long iid = idea_id, scorer = s.scorer_id, at = s.scored_at;
  int score = s.score;
  sql << kDeleteScore, soci::use(iid, "idea_id"), soci::use(s.stage, "stage"), soci::use(s.criterion, "criterion"),
      soci::use(scorer, "scorer_id");
  sql << kInsertScore, soci::use(iid, "idea_id"), soci::use(s.stage, "stage"), soci::use(s.criterion, "criterion"),
      soci::use(scorer, "scorer_id"), soci::use(score, "score"), soci::use(at, "scored_at");
}

std::vector<Score> list_scores(soci::session& sql, std::int64_t idea_id) {
  long long iid = idea_id;
  std::vector<Score> out;
  soci::rowset<soci::row> rs = (sql.prepare << kSelectScores, soci::use(iid, "idea_id"));
  for (const auto& r : rs)
    out.push_back(
        {get_text(r, 0), get_text(r, 1), get_int64(r, 2), static_cast<int>(get_int64(r, 3)), get_int64(r, 4)});
  return out;
}

std::optional<UserRow> find_user_by_email(soci::session& sql, const std::string& email) {
  return user_query(sql, kSelectUserByEmail, "email", email, 0);
}

std::optional<UserRow> find_user(soci::session& sql, std::int64_t id) {
  return user_query(sql, kSelectUser, "id", "", id);
}

bool user_has_role(soci::session& sql, std::int64_t user_id, const std::string& role) {
  long long uid = user_id, count = 0;
  sql << kCountRole, soci::use(uid, "user_id"), soci::use(role, "role"), soci::into(count);
  return count > 0;
}

std::vector<ScoreTotal> lab_score_totals(soci::session& sql, std::int64_t lab_id) {
  long long lid = lab_id;
  std::vector<ScoreTotal> out;
  soci::rowset<soci::row> rs = (sql.prepare << kScoreTotals, soci::use(lid, "lab_id"));
  for (const auto& r : rs) out.push_back({get_int64(r, 0), get_text(r, 1), get_int64(r, 2), get_int64(r, 3)});
  return out;
}

std::vector<Coverage> region_coverage(soci::session& sql, const std::string& region_code, int year) {
  std::vector<Coverage> out;
  std::map<std::int64_t, std::size_t> at;
  {
    soci::rowset<soci::row> rs = (sql.prepare << kCoverageUnits, soci::use(region_code, "region"));
    for (const auto& r : rs) {
      at[get_int64(r, 0)] = out.size();
      out.push_back({get_int64(r, 0), get_text(r, 1), get_text(r, 2), 0, 0});
    }
  }
  // Unix seconds of 1 January of `year` and of the next year (UTC).
  const auto days_before = [](int y) {
    long long d = 0;
    for (int i = 1970; i < y; ++i) d += (i % 4 == 0 && i % 100 != 0) || i % 400 == 0 ? 366 : 365;
    return d * 86400;
  };
  long long from = days_before(year), until = days_before(year + 1);
  {
    soci::rowset<soci::row> rs = (sql.prepare << kCoverageInnovations, soci::use(region_code, "region"),
                                  soci::use(year, "year"), soci::use(from, "from"), soci::use(until, "until"));
    for (const auto& r : rs)
      if (auto it = at.find(get_int64(r, 0)); it != at.end()) out[it->second].innovations = get_int64(r, 1);
  }
  {
    soci::rowset<soci::row> rs =
        (sql.prepare << kCoverageIdeas, soci::use(region_code, "region"), soci::use(year, "year"));
    for (const auto& r : rs)
      if (auto it = at.find(get_int64(r, 0)); it != at.end()) out[it->second].ideas = get_int64(r, 1);
  }
  return out;
}

void upsert_verdict(soci::session& sql, const Verdict& v) {
  long long idea = v.idea_id, reviewer = v.reviewer_id, at = v.decided_at;
  sql << kDeleteVerdict, soci::use(idea, "idea_id"), soci::use(reviewer, "reviewer_id");
  sql << kInsertVerdict, soci::use(idea, "idea_id"), soci::use(reviewer, "reviewer_id"),
      soci::use(v.reviewer_name, "reviewer_name"), soci::use(v.verdict, "verdict"), soci::use(v.remarks, "remarks"),
      soci::use(at, "decided_at");
}

namespace {
std::vector<Verdict> verdicts_of(soci::rowset<soci::row>& rs) {
  std::vector<Verdict> out;
  for (const auto& r : rs)
    out.push_back({get_int64(r, 0), get_int64(r, 1), get_text(r, 2), get_text(r, 3), get_text(r, 4), get_int64(r, 5)});
  return out;
}
}  // namespace

std::vector<Verdict> list_verdicts(soci::session& sql, std::int64_t idea_id) {
  long long idea = idea_id;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kVerdictColumns) + "WHERE v.idea_id = :idea_id ORDER BY v.decided_at, v.reviewer_id",
       soci::use(idea, "idea_id"));
  return verdicts_of(rs);
}

std::vector<Verdict> lab_verdicts(soci::session& sql, std::int64_t lab_id) {
  long long lid = lab_id;
  soci::rowset<soci::row> rs =
      (sql.prepare << std::string(kVerdictColumns) +
                          "JOIN lab_ideas i ON i.id = v.idea_id WHERE i.lab_id = :lab_id ORDER BY v.idea_id, "
                          "v.reviewer_id",
       soci::use(lid, "lab_id"));
  return verdicts_of(rs);
}

void insert_clinic(soci::session& sql, const Clinic& c) {
  long long id = c.id, lab_id = c.lab_id, unit_id = c.unit_id, created_by = c.created_by, created_at = c.created_at;
  nlohmann::json actions = nlohmann::json::array();
  for (const auto& a : c.actions) actions.push_back({{"action", a.action}, {"owner", a.owner}, {"due", a.due}});
  const auto actions_text = actions.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  sql << kInsertClinic, soci::use(id, "id"), soci::use(lab_id, "lab_id"), soci::use(unit_id, "unit_id"),
      soci::use(c.held_on, "held_on"), soci::use(c.mode, "mode"), soci::use(c.attendees, "attendees"),
      soci::use(c.notes, "notes"), soci::use(actions_text, "actions"), soci::use(created_by, "created_by"),
      soci::use(created_at, "created_at");
}

std::vector<Clinic> list_clinics(soci::session& sql, std::int64_t lab_id) {
  long long lid = lab_id;
  std::vector<Clinic> out;
  soci::rowset<soci::row> rs = (sql.prepare << kSelectClinics, soci::use(lid, "lab_id"));
  for (const auto& r : rs) {
    Clinic c;
    c.id = get_int64(r, 0);
    c.lab_id = get_int64(r, 1);
    c.unit_id = get_int64(r, 2);
    c.unit_name = get_text(r, 3);
    c.held_on = get_text(r, 4);
    c.mode = get_text(r, 5);
    c.attendees = get_text(r, 6);
    c.notes = get_text(r, 7);
    const auto actions = nlohmann::json::parse(get_text(r, 8), nullptr, false);
    if (actions.is_array())
      for (const auto& a : actions)
        if (a.is_object())
          c.actions.push_back(
              {a.value("action", std::string()), a.value("owner", std::string()), a.value("due", std::string())});
    c.created_by = get_int64(r, 9);
    c.created_at = get_int64(r, 10);
    out.push_back(std::move(c));
  }
  return out;
}

std::optional<std::string> lab_region(soci::session& sql, std::int64_t lab_id) {
  long long lid = lab_id;
  std::string region;
  soci::indicator ind = soci::i_null;
  sql << kLabRegion, soci::use(lid, "id"), soci::into(region, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return region;
}

std::optional<std::string> region_name(soci::session& sql, const std::string& code) {
  std::string name;
  soci::indicator ind = soci::i_null;
  sql << kRegionName, soci::use(code, "code"), soci::into(name, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return name;
}

}  // namespace lumbung::labs
