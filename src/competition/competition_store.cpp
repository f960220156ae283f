#include "competition/competition_store.hpp"

#include "store/row.hpp"

namespace lumbung::competition::store_sql {

namespace {

using store::get_int64;
using store::get_text;
using json = nlohmann::json;

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json parse_or(const std::string& text, json fallback) {
  auto j = json::parse(text, nullptr, false);
  return j.is_discarded() ? fallback : j;
}

std::vector<std::string> strings(const json& j, const char* key) {
  std::vector<std::string> out;
  if (j.contains(key) && j.at(key).is_array())
    for (const auto& s : j.at(key))
      if (s.is_string()) out.push_back(s.get<std::string>());
  return out;
}

json map_json(const std::map<std::string, std::string>& m) {
  json j = json::object();
  for (const auto& [k, v] : m) j[k] = v;
  return j;
}

std::map<std::string, std::string> map_from(const std::string& text) {
  std::map<std::string, std::string> out;
  const auto j = parse_or(text, json::object());
  if (j.is_object())
    for (const auto& [k, v] : j.items())
      if (v.is_string()) out[k] = v.get<std::string>();
  return out;
}

constexpr const char* kCompetitionColumns =
    "SELECT id, name, level, year, award_label, config, phase, created_by, created_at, updated_at FROM competitions ";

Competition competition_from_row(const soci::row& r) {
  Competition c;
  c.id = get_int64(r, 0);
  c.name = get_text(r, 1);
  c.level = get_text(r, 2);
  c.year = static_cast<int>(get_int64(r, 3));
  c.award_label = get_text(r, 4);
  c.config = config_from_json(parse_or(get_text(r, 5), json::object()));
  c.phase = get_text(r, 6);
  c.created_by = get_int64(r, 7);
  c.created_at = get_int64(r, 8);
  c.updated_at = get_int64(r, 9);
  return c;
}

constexpr const char* kEntryColumns =
    "SELECT e.id, e.competition_id, e.region_code, COALESCE(r.name, ''), e.unit_id, e.cluster, e.group_name, "
    "e.category, e.title, e.innovation_id, e.started_on, e.answers, e.attachments, e.state, e.admin_reason, "
    "e.desk_score, e.final_score, e.ranking, e.award, e.created_by, e.created_at, e.submitted_at, e.updated_at "
    "FROM competition_entries e LEFT JOIN regions r ON r.code = e.region_code ";

Entry entry_from_row(const soci::row& r) {
  Entry e;
  e.id = get_int64(r, 0);
  e.competition_id = get_int64(r, 1);
  e.region_code = get_text(r, 2);
  e.region_name = get_text(r, 3);
  e.unit_id = get_int64(r, 4);
  e.cluster = get_text(r, 5);
  e.group_name = get_text(r, 6);
  e.category = get_text(r, 7);
  e.title = get_text(r, 8);
  e.innovation_id = get_int64(r, 9);
  e.started_on = get_text(r, 10);
  e.answers = map_from(get_text(r, 11));
  e.attachments = map_from(get_text(r, 12));
  e.state = get_text(r, 13);
  e.admin_reason = get_text(r, 14);
  e.desk_score = get_int64(r, 15);
  e.final_score = get_int64(r, 16);
  e.ranking = static_cast<int>(get_int64(r, 17));
  e.award = get_text(r, 18);
  e.created_by = get_int64(r, 19);
  e.created_at = get_int64(r, 20);
  e.submitted_at = get_int64(r, 21);
  e.updated_at = get_int64(r, 22);
  return e;
}

constexpr const char* kObjectionColumns =
    "SELECT o.id, o.entry_id, e.title, o.name, o.email, o.body, o.ip, o.state, o.resolution, o.created_at, "
    "o.resolved_by, o.resolved_at FROM competition_objections o JOIN competition_entries e ON e.id = o.entry_id ";

Objection objection_from_row(const soci::row& r) {
  Objection o;
  o.id = get_int64(r, 0);
  o.entry_id = get_int64(r, 1);
  o.entry_title = get_text(r, 2);
  o.name = get_text(r, 3);
  o.email = get_text(r, 4);
  o.body = get_text(r, 5);
  o.ip = get_text(r, 6);
  o.state = get_text(r, 7);
  o.resolution = get_text(r, 8);
  o.created_at = get_int64(r, 9);
  o.resolved_by = get_int64(r, 10);
  o.resolved_at = get_int64(r, 11);
  return o;
}

// Rows of `query` with one bound id, each read by `from_row`.
template <class F>
auto rows_by_id(soci::session& sql, const std::string& query, const char* name, std::int64_t id, F from_row) {
  long long value = id;
  std::vector<decltype(from_row(std::declval<const soci::row&>()))> out;
  soci::rowset<soci::row> rs = (sql.prepare << query, soci::use(value, name));
  for (const auto& r : rs) out.push_back(from_row(r));
  return out;
}

template <class T>
std::optional<T> first(std::vector<T> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

}  // namespace

json config_json(const Config& c) {
  json aspects = json::array(), attachments = json::array();
  for (const auto& a : c.aspects)
    aspects.push_back({{"key", a.key}, {"label", a.label}, {"weight", a.weight}, {"word_limit", a.word_limit}});
  for (const auto& a : c.attachments) attachments.push_back({{"key", a.key}, {"label", a.label}});
  const auto& r = c.rounds;
  return {{"groups", c.groups},
          {"categories", c.categories},
          {"min_age_years", c.min_age_years},
          {"cap_per_agency", c.cap_per_agency},
          {"exclude_past_winners", c.exclude_past_winners},
          {"aspects", aspects},
          {"attachments", attachments},
          {"rounds",
           {{"registration_opens", r.registration_opens},
            {"registration_closes", r.registration_closes},
            {"administrative_closes", r.administrative_closes},
            {"desk_closes", r.desk_closes},
            {"objection_closes", r.objection_closes},
            {"presentation_closes", r.presentation_closes},
            {"results_on", r.results_on}}},
          {"top_n", c.top_n},
          {"top_m", c.top_m}};
}

Config config_from_json(const json& j) {
  Config c;
  if (!j.is_object()) return c;
  c.groups = strings(j, "groups");
  c.categories = strings(j, "categories");
  c.min_age_years = j.value("min_age_years", 1);
  c.cap_per_agency = j.value("cap_per_agency", 0);
  c.exclude_past_winners = j.value("exclude_past_winners", true);
  if (j.contains("aspects") && j.at("aspects").is_array())
    for (const auto& a : j.at("aspects"))
      if (a.is_object())
        c.aspects.push_back({a.value("key", ""), a.value("label", ""), a.value("weight", 0), a.value("word_limit", 0)});
  if (j.contains("attachments") && j.at("attachments").is_array())
    for (const auto& a : j.at("attachments"))
      if (a.is_object()) c.attachments.push_back({a.value("key", ""), a.value("label", "")});
  if (j.contains("rounds") && j.at("rounds").is_object()) {
    const auto& r = j.at("rounds");
    c.rounds = {
        r.value("registration_opens", ""), r.value("registration_closes", ""), r.value("administrative_closes", ""),
        r.value("desk_closes", ""),        r.value("objection_closes", ""),    r.value("presentation_closes", ""),
        r.value("results_on", "")};
  }
  c.top_n = j.value("top_n", 99);
  c.top_m = j.value("top_m", 45);
  return c;
}

void insert_competition(soci::session& sql, const Competition& c) {
  long long id = c.id, by = c.created_by, at = c.created_at, up = c.updated_at;
  int year = c.year;
  const auto config = dump(config_json(c.config));
  sql << "INSERT INTO competitions (id, name, level, year, award_label, config, phase, created_by, created_at, "
         "updated_at) VALUES (:id, :name, :level, :year, :award_label, :config, :phase, :by, :at, :up)",
      soci::use(id, "id"), soci::use(c.name, "name"), soci::use(c.level, "level"), soci::use(year, "year"),
      soci::use(c.award_label, "award_label"), soci::use(config, "config"), soci::use(c.phase, "phase"),
      soci::use(by, "by"), soci::use(at, "at"), soci::use(up, "up");
}

void update_phase(soci::session& sql, std::int64_t id, const std::string& phase, std::int64_t now) {
  long long lid = id, at = now;
  sql << "UPDATE competitions SET phase = :phase, updated_at = :at WHERE id = :id", soci::use(phase, "phase"),
      soci::use(at, "at"), soci::use(lid, "id");
}

std::optional<Competition> find_competition(soci::session& sql, std::int64_t id) {
  return first(rows_by_id(sql, std::string(kCompetitionColumns) + "WHERE id = :id", "id", id, competition_from_row));
}

std::vector<Competition> list_competitions(soci::session& sql) {
  std::vector<Competition> out;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kCompetitionColumns) + "ORDER BY year DESC, id DESC");
  for (const auto& r : rs) out.push_back(competition_from_row(r));
  return out;
}

namespace {
void bind_entry(const Entry& e, long long* ints, std::string* texts) {
  ints[0] = e.id, ints[1] = e.competition_id, ints[2] = e.unit_id, ints[3] = e.innovation_id, ints[4] = e.desk_score,
  ints[5] = e.final_score, ints[6] = e.ranking, ints[7] = e.created_by, ints[8] = e.created_at,
  ints[9] = e.submitted_at, ints[10] = e.updated_at;
  texts[0] = dump(map_json(e.answers));
  texts[1] = dump(map_json(e.attachments));
}
}  // namespace

void insert_entry(soci::session& sql, const Entry& e) {
  long long i[11];
  std::string t[2];
  bind_entry(e, i, t);
  sql << "INSERT INTO competition_entries (id, competition_id, region_code, unit_id, cluster, group_name, category, "
         "title, innovation_id, started_on, answers, attachments, state, admin_reason, desk_score, final_score, "
         "ranking, award, created_by, created_at, submitted_at, updated_at) VALUES (:id, :cid, :region, :unit, "
         ":cluster, :grp, :category, :title, :innovation, :started_on, :answers, :attachments, :state, :reason, "
         ":desk, :final, :ranking, :award, :by, :at, :submitted, :up)",
      soci::use(i[0], "id"), soci::use(i[1], "cid"), soci::use(e.region_code, "region"), soci::use(i[2], "unit"),
      soci::use(e.cluster, "cluster"), soci::use(e.group_name, "grp"), soci::use(e.category, "category"),
      soci::use(e.title, "title"), soci::use(i[3], "innovation"), soci::use(e.started_on, "started_on"),
      soci::use(t[0], "answers"), soci::use(t[1], "attachments"), soci::use(e.state, "state"),
      soci::use(e.admin_reason, "reason"), soci::use(i[4], "desk"), soci::use(i[5], "final"),
      soci::use(i[6], "ranking"), soci::use(e.award, "award"), soci::use(i[7], "by"), soci::use(i[8], "at"),
      soci::use(i[9], "submitted"), soci::use(i[10], "up");
}

void update_entry(soci::session& sql, const Entry& e) {
  long long i[11];
  std::string t[2];
  bind_entry(e, i, t);
  sql << "UPDATE competition_entries SET region_code = :region, unit_id = :unit, cluster = :cluster, group_name = "
         ":grp, category = :category, title = :title, innovation_id = :innovation, started_on = :started_on, "
         "answers = :answers, attachments = :attachments, state = :state, admin_reason = :reason, desk_score = "
         ":desk, final_score = :final, ranking = :ranking, award = :award, submitted_at = :submitted, updated_at = "
         ":up WHERE id = :id",
      soci::use(e.region_code, "region"), soci::use(i[2], "unit"), soci::use(e.cluster, "cluster"),
      soci::use(e.group_name, "grp"), soci::use(e.category, "category"), soci::use(e.title, "title"),
      soci::use(i[3], "innovation"), soci::use(e.started_on, "started_on"), soci::use(t[0], "answers"),
      soci::use(t[1], "attachments"), soci::use(e.state, "state"), soci::use(e.admin_reason, "reason"),
      soci::use(i[4], "desk"), soci::use(i[5], "final"), soci::use(i[6], "ranking"), soci::use(e.award, "award"),
      soci::use(i[9], "submitted"), soci::use(i[10], "up"), soci::use(i[0], "id");
}

std::optional<Entry> find_entry(soci::session& sql, std::int64_t id) {
  return first(rows_by_id(sql, std::string(kEntryColumns) + "WHERE e.id = :id", "id", id, entry_from_row));
}

std::vector<Entry> list_entries(soci::session& sql, std::int64_t competition_id, bool with_texts) {
  std::string columns = kEntryColumns;
  // Lists that show no answers skip reading and parsing them.
  if (!with_texts) columns.replace(columns.find("e.answers, e.attachments"), 24, "'{}', '{}'");
  return rows_by_id(sql, columns + "WHERE e.competition_id = :cid ORDER BY e.id", "cid", competition_id,
                    entry_from_row);
}

int count_agency_entries(soci::session& sql, std::int64_t competition_id, const std::string& region_code,
                         std::int64_t except_id) {
  long long cid = competition_id, except = except_id, n = 0;
  sql << "SELECT COUNT(*) FROM competition_entries WHERE competition_id = :cid AND region_code = :region AND id <> "
         ":except AND state NOT IN ('draft', 'failed', 'withdrawn')",
      soci::use(cid, "cid"), soci::use(region_code, "region"), soci::use(except, "except"), soci::into(n);
  return static_cast<int>(n);
}

bool past_winner(soci::session& sql, std::int64_t innovation_id, const std::string& level, const std::string& program) {
  if (innovation_id == 0) return false;
  long long iid = innovation_id, n = 0, m = 0;
  sql << "SELECT COUNT(*) FROM competition_entries e JOIN competitions c ON c.id = e.competition_id WHERE "
         "e.innovation_id = :iid AND e.state = 'winner' AND c.level = :level",
      soci::use(iid, "iid"), soci::use(level, "level"), soci::into(n);
  sql << "SELECT COUNT(*) FROM innovation_awards WHERE innovation_id = :iid AND program = :program",
      soci::use(iid, "iid"), soci::use(program, "program"), soci::into(m);
  return n + m > 0;
}

std::optional<std::string> region_name(soci::session& sql, const std::string& code) {
  std::string name;
  soci::indicator ind = soci::i_null;
  sql << "SELECT name FROM regions WHERE code = :code", soci::use(code, "code"), soci::into(name, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return name;
}

void insert_judge(soci::session& sql, std::int64_t entry_id, std::int64_t judge_id, std::int64_t by, std::int64_t now) {
  long long e = entry_id, j = judge_id, b = by, at = now;
  sql << "INSERT INTO competition_judges (entry_id, judge_id, assigned_by, assigned_at) VALUES (:e, :j, :b, :at)",
      soci::use(e, "e"), soci::use(j, "j"), soci::use(b, "b"), soci::use(at, "at");
}

void delete_judge(soci::session& sql, std::int64_t entry_id, std::int64_t judge_id) {
  long long e = entry_id, j = judge_id;
  sql << "DELETE FROM competition_judges WHERE entry_id = :e AND judge_id = :j", soci::use(e, "e"), soci::use(j, "j");
}

std::vector<std::int64_t> judges_of(soci::session& sql, std::int64_t entry_id) {
  long long e = entry_id;
  std::vector<std::int64_t> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT judge_id FROM competition_judges WHERE entry_id = :e ORDER BY judge_id",
       soci::use(e, "e"));
  for (const auto& r : rs) out.push_back(get_int64(r, 0));
  return out;
}

std::vector<std::pair<std::int64_t, std::int64_t>> assignments(soci::session& sql, std::int64_t competition_id) {
  long long cid = competition_id;
  std::vector<std::pair<std::int64_t, std::int64_t>> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT j.entry_id, j.judge_id FROM competition_judges j JOIN competition_entries e ON e.id = "
                      "j.entry_id WHERE e.competition_id = :cid ORDER BY j.entry_id, j.judge_id",
       soci::use(cid, "cid"));
  for (const auto& r : rs) out.emplace_back(get_int64(r, 0), get_int64(r, 1));
  return out;
}

void put_score(soci::session& sql, const Score& s, std::int64_t now) {
  long long e = s.entry_id, j = s.judge_id, at = now;
  int score = s.score;
  sql << "DELETE FROM competition_scores WHERE entry_id = :e AND judge_id = :j AND stage = :stage AND aspect = :aspect",
      soci::use(e, "e"), soci::use(j, "j"), soci::use(s.stage, "stage"), soci::use(s.aspect, "aspect");
  sql << "INSERT INTO competition_scores (entry_id, judge_id, stage, aspect, score, scored_at) VALUES (:e, :j, "
         ":stage, :aspect, :score, :at)",
      soci::use(e, "e"), soci::use(j, "j"), soci::use(s.stage, "stage"), soci::use(s.aspect, "aspect"),
      soci::use(score, "score"), soci::use(at, "at");
}

std::vector<Score> scores_of_competition(soci::session& sql, std::int64_t competition_id) {
  long long cid = competition_id;
  std::vector<Score> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT s.entry_id, s.judge_id, s.stage, s.aspect, s.score FROM competition_scores s JOIN "
                      "competition_entries e ON e.id = s.entry_id WHERE e.competition_id = :cid ORDER BY s.entry_id, "
                      "s.judge_id, s.stage, s.aspect",
       soci::use(cid, "cid"));
  for (const auto& r : rs)
    out.push_back(
        {get_int64(r, 0), get_int64(r, 1), get_text(r, 2), get_text(r, 3), static_cast<int>(get_int64(r, 4))});
  return out;
}

void insert_objection(soci::session& sql, const Objection& o) {
  long long id = o.id, e = o.entry_id, at = o.created_at, by = o.resolved_by, rat = o.resolved_at;
  sql << "INSERT INTO competition_objections (id, entry_id, name, email, body, ip, state, resolution, created_at, "
         "resolved_by, resolved_at) VALUES (:id, :e, :name, :email, :body, :ip, :state, :resolution, :at, :by, :rat)",
      soci::use(id, "id"), soci::use(e, "e"), soci::use(o.name, "name"), soci::use(o.email, "email"),
      soci::use(o.body, "body"), soci::use(o.ip, "ip"), soci::use(o.state, "state"),
      soci::use(o.resolution, "resolution"), soci::use(at, "at"), soci::use(by, "by"), soci::use(rat, "rat");
}

void update_objection(soci::session& sql, const Objection& o) {
  long long id = o.id, by = o.resolved_by, rat = o.resolved_at;
  sql << "UPDATE competition_objections SET state = :state, resolution = :resolution, resolved_by = :by, resolved_at "
         "= :rat WHERE id = :id",
      soci::use(o.state, "state"), soci::use(o.resolution, "resolution"), soci::use(by, "by"), soci::use(rat, "rat"),
      soci::use(id, "id");
}

std::optional<Objection> find_objection(soci::session& sql, std::int64_t id) {
  return first(rows_by_id(sql, std::string(kObjectionColumns) + "WHERE o.id = :id", "id", id, objection_from_row));
}

std::vector<Objection> list_objections(soci::session& sql, std::int64_t competition_id) {
  return rows_by_id(sql, std::string(kObjectionColumns) + "WHERE e.competition_id = :cid ORDER BY o.id", "cid",
                    competition_id, objection_from_row);
}

void put_slot(soci::session& sql, const Slot& s, std::int64_t now) {
  long long e = s.entry_id, at = now;
  sql << "DELETE FROM competition_slots WHERE entry_id = :e", soci::use(e, "e");
  sql << "INSERT INTO competition_slots (entry_id, starts_at, link, updated_at) VALUES (:e, :starts, :link, :at)",
      soci::use(e, "e"), soci::use(s.starts_at, "starts"), soci::use(s.link, "link"), soci::use(at, "at");
}

std::vector<Slot> list_slots(soci::session& sql, std::int64_t competition_id) {
  long long cid = competition_id;
  std::vector<Slot> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT s.entry_id, s.starts_at, s.link FROM competition_slots s JOIN competition_entries e ON "
                      "e.id = s.entry_id WHERE e.competition_id = :cid ORDER BY s.starts_at, s.entry_id",
       soci::use(cid, "cid"));
  for (const auto& r : rs) out.push_back({get_int64(r, 0), get_text(r, 1), get_text(r, 2)});
  return out;
}

std::vector<std::pair<std::int64_t, std::string>> judge_users(soci::session& sql) {
  std::vector<std::pair<std::int64_t, std::string>> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT DISTINCT u.id, u.name FROM users u JOIN user_grants g ON g.user_id = u.id WHERE g.role = "
                      "'judge' AND u.active = 1 ORDER BY u.name, u.id");
  for (const auto& r : rs) out.emplace_back(get_int64(r, 0), get_text(r, 1));
  return out;
}

}  // namespace lumbung::competition::store_sql
