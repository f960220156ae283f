#include "validation/duplicate_service.hpp"

#include <algorithm>
#include <set>
#include <unordered_map>

#include "directory/innovation_json.hpp"
#include "directory/innovation_rules.hpp"
#include "directory/innovation_store.hpp"
#include "store/row.hpp"
#include "validation/duplicate_rules.hpp"
#include "validation/innovation_write.hpp"
#include "validation/validation_service.hpp"

namespace lumbung::validation {

namespace {

using store::get_int64;
using store::get_text;

// Groups larger than this (a common word, a generic name) say nothing.
constexpr std::size_t kMaxBlock = 40;

constexpr const char* kPairColumns =
    "SELECT p.left_id, p.right_id, p.score, p.reasons, p.decision, p.found_at, a.name, b.name, a.source_program, "
    "b.source_program, COALESCE(ra.name, a.region_code), COALESCE(rb.name, b.region_code) FROM duplicate_pairs p "
    "JOIN innovations a ON a.id = p.left_id JOIN innovations b ON b.id = p.right_id "
    "LEFT JOIN regions ra ON ra.code = a.region_code LEFT JOIN regions rb ON rb.code = b.region_code ";

DuplicatePair pair_of(const soci::row& r) {
  DuplicatePair p;
  p.left_id = get_int64(r, 0);
  p.right_id = get_int64(r, 1);
  p.score.score = static_cast<int>(get_int64(r, 2));
  auto reasons = nlohmann::json::parse(get_text(r, 3), nullptr, false);
  if (reasons.is_array())
    for (const auto& k : reasons)
      if (k.is_string()) p.score.reasons.push_back(k.get<std::string>());
  p.decision = get_text(r, 4);
  p.found_at = get_int64(r, 5);
  p.left_name = get_text(r, 6);
  p.right_name = get_text(r, 7);
  p.left_source = get_text(r, 8);
  p.right_source = get_text(r, 9);
  p.left_region = get_text(r, 10);
  p.right_region = get_text(r, 11);
  return p;
}

Error forbidden(const char* op) { return Error(ErrorCode::forbidden, std::string(op) + ": not allowed"); }

// Writes `snapshot` (a record as it was) over the stored one.
Result<directory::Innovation> restore(soci::session& sql, const nlohmann::json& snapshot, std::int64_t actor,
                                      std::int64_t now) {
  const auto id = snapshot.value("id", std::int64_t{0});
  auto current = directory::find_innovation(sql, id);
  if (!current) return Error(ErrorCode::not_found, "undo_merge: no innovation " + std::to_string(id));
  auto draft = directory::draft_from_json(snapshot);
  if (!draft) return draft.error();
  directory::Innovation next = *current;
  static_cast<directory::InnovationDraft&>(next) = *draft;
  next.unit_id = snapshot.value("unit_id", std::int64_t{0});
  next.province_code = snapshot.value("province_code", std::string());
  next.state = snapshot.value("state", current->state);
  next.review_comment = snapshot.value("review_comment", std::string());
  next.slug = snapshot.value("slug", current->slug);
  next.published_at = snapshot.value("published_at", current->published_at);
  return write_innovation(sql, std::move(next), current->version, actor, "update", "batal gabung", now, true);
}

}  // namespace

const std::vector<std::string>& merge_fields() {
  static const std::vector<std::string> kFields = {"name",          "summary",      "problem", "solution", "novelty",
                                                   "beneficiaries", "results",      "place",   "sector",   "form",
                                                   "stage",         "year_started", "status",  "contact"};
  return kFields;
}

Result<ScanReport> DuplicateService::scan(const search::SearchIndex* index, std::size_t text_neighbours) {
  const auto now = clock_.now();
  struct Rec {
    PairRecord r;
    std::string text;
  };
  std::vector<Rec> recs;
  std::set<std::pair<std::int64_t, std::int64_t>> decided;
  try {
    auto sql = db_.acquire();
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT id, name, region_code, COALESCE(unit_id, 0), source_program, summary FROM "
                         "innovations WHERE state <> 'archived' ORDER BY id");
    for (const auto& row : rows)
      recs.push_back({{get_int64(row, 0), get_text(row, 1), get_text(row, 2), get_int64(row, 3), get_text(row, 4)},
                      index ? get_text(row, 5) : std::string()});
    soci::rowset<soci::row> pairs = (sql->prepare << "SELECT left_id, right_id FROM duplicate_pairs WHERE decision "
                                                     "<> 'open'");
    for (const auto& row : pairs) decided.insert({get_int64(row, 0), get_int64(row, 1)});
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "duplicate_scan");
  }
  ScanReport report;
  report.records = static_cast<std::int64_t>(recs.size());
  std::unordered_map<std::int64_t, std::size_t> position;
  for (std::size_t i = 0; i < recs.size(); ++i) position[recs[i].r.id] = i;

  // Candidate pairs (by position, smaller first) with the text similarity found.
  std::map<std::pair<std::size_t, std::size_t>, double> candidates;
  auto add_block = [&](const std::vector<std::size_t>& block) {
    if (block.size() < 2 || block.size() > kMaxBlock) return;
    for (std::size_t i = 0; i < block.size(); ++i)
      for (std::size_t j = i + 1; j < block.size(); ++j) candidates.emplace(std::minmax(block[i], block[j]), 0.0);
  };
  {
    std::unordered_map<std::string, std::vector<std::size_t>> by_name, by_acronym, by_word;
    for (std::size_t i = 0; i < recs.size(); ++i) {
      by_name[name_key(recs[i].r.name)].push_back(i);
      if (auto a = acronym(recs[i].r.name); !a.empty()) by_acronym[a].push_back(i);
      std::set<std::string> words;
      for (auto& w : name_words(recs[i].r.name))
        if (w.size() > 3) words.insert(w);
      for (const auto& w : words) by_word[w].push_back(i);
    }
    for (const auto& [k, block] : by_name) add_block(block);
    for (const auto& [k, block] : by_acronym) add_block(block);
    for (const auto& [k, block] : by_word) add_block(block);
  }
  if (index) {
    for (std::size_t i = 0; i < recs.size(); ++i) {
      auto similar =
          index->similar_to_text("innovation", recs[i].r.name + "\n" + recs[i].text, recs[i].r.id, text_neighbours);
      if (!similar) continue;
      for (const auto& m : *similar) {
        auto it = position.find(m.id);
        if (it == position.end()) continue;
        auto& s = candidates[std::minmax(i, it->second)];
        s = std::max(s, m.score);
      }
    }
  }
  report.candidates = static_cast<std::int64_t>(candidates.size());
  struct Found {
    long long left, right;
    int score;
    std::string reasons;
  };
  std::vector<Found> found;
  for (const auto& [key, similarity] : candidates) {
    const auto& a = recs[key.first].r;
    const auto& b = recs[key.second].r;
    auto s = score_pair(a, b, similarity);
    if (s.score < kMinPairScore) continue;
    const auto left = std::min(a.id, b.id), right = std::max(a.id, b.id);
    if (decided.count({left, right})) continue;
    found.push_back({left, right, s.score, nlohmann::json(s.reasons).dump()});
  }
  report.pairs = static_cast<std::int64_t>(found.size());
  auto st = db_.transact("duplicate_scan", [&](soci::session& sql) -> Status {
    std::set<std::pair<std::int64_t, std::int64_t>> open;
    {
      soci::rowset<soci::row> rows = (sql.prepare << "SELECT left_id, right_id FROM duplicate_pairs WHERE decision = "
                                                     "'open'");
      for (const auto& row : rows) open.insert({get_int64(row, 0), get_int64(row, 1)});
    }
    Found cur{};
    long long at = now;
    soci::statement insert =
        (sql.prepare << "INSERT INTO duplicate_pairs (left_id, right_id, score, reasons, "
                        "decision, decided_by, decided_at, found_at) VALUES (:l, :r, :s, :reasons, "
                        "'open', 0, 0, :at)",
         soci::use(cur.left), soci::use(cur.right), soci::use(cur.score), soci::use(cur.reasons), soci::use(at));
    soci::statement update = (sql.prepare << "UPDATE duplicate_pairs SET score = :s, reasons = :reasons WHERE left_id "
                                             "= :l AND right_id = :r AND decision = 'open'",
                              soci::use(cur.score), soci::use(cur.reasons), soci::use(cur.left), soci::use(cur.right));
    for (const auto& f : found) {
      cur = f;
      if (open.count({f.left, f.right})) {
        update.execute(true);
      } else {
        insert.execute(true);
        ++report.added;
      }
    }
    return {};
  });
  if (!st) return st.error();
  return report;
}

Result<std::vector<DuplicatePair>> DuplicateService::queue(std::size_t limit, std::size_t offset) {
  try {
    auto sql = db_.acquire();
    long long l = static_cast<long long>(limit), o = static_cast<long long>(offset);
    std::vector<DuplicatePair> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string(kPairColumns) +
                             "WHERE p.decision = 'open' AND a.state <> 'archived' AND b.state <> 'archived' "
                             "ORDER BY p.score DESC, p.left_id, p.right_id LIMIT :l OFFSET :o",
         soci::use(l, "l"), soci::use(o, "o"));
    for (const auto& r : rows) out.push_back(pair_of(r));
    return out;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "duplicate_queue");
  }
}

Result<std::int64_t> DuplicateService::open_count() {
  try {
    auto sql = db_.acquire();
    long long n = 0;
    *sql << "SELECT COUNT(*) FROM duplicate_pairs p JOIN innovations a ON a.id = p.left_id JOIN innovations b ON b.id "
            "= p.right_id WHERE p.decision = 'open' AND a.state <> 'archived' AND b.state <> 'archived'",
        soci::into(n);
    return static_cast<std::int64_t>(n);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "duplicate_count");
  }
}

Result<DuplicatePair> DuplicateService::pair(std::int64_t a, std::int64_t b) {
  try {
    auto sql = db_.acquire();
    long long l = std::min(a, b), r = std::max(a, b);
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string(kPairColumns) + "WHERE p.left_id = :l AND p.right_id = :r", soci::use(l, "l"),
         soci::use(r, "r"));
    for (const auto& row : rows) return pair_of(row);
    return Error(ErrorCode::not_found, "duplicate_pair: no such pair");
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "duplicate_pair");
  }
}

Status DuplicateService::decide(const auth::Actor& actor, std::int64_t a, std::int64_t b, const std::string& decision) {
  if (!may_curate(actor.grants)) return forbidden("duplicate_decide");
  if (decision != "not_duplicate" && decision != "related")
    return Error(ErrorCode::invalid, "duplicate_decide: unknown decision", {{"decision", "error.invalid_choice"}});
  const auto now = clock_.now();
  return db_.transact("duplicate_decide", [&](soci::session& sql) -> Status {
    long long l = std::min(a, b), r = std::max(a, b), by = actor.user_id, at = now, n = 0;
    sql << "SELECT COUNT(*) FROM duplicate_pairs WHERE left_id = :l AND right_id = :r", soci::use(l), soci::use(r),
        soci::into(n);
    if (n == 0) return Error(ErrorCode::not_found, "duplicate_decide: no such pair");
    sql << "UPDATE duplicate_pairs SET decision = :d, decided_by = :by, decided_at = :at WHERE left_id = :l AND "
           "right_id = :r",
        soci::use(decision), soci::use(by), soci::use(at), soci::use(l), soci::use(r);
    return audit_change(sql, actor, "duplicate." + decision, "innovation", std::to_string(l), nullptr,
                        {{"left", l}, {"right", r}, {"decision", decision}}, now);
  });
}

Result<Merge> DuplicateService::merge(const auth::Actor& actor, std::int64_t survivor_id, std::int64_t merged_id,
                                      const std::map<std::string, std::string>& choices) {
  if (!may_curate(actor.grants)) return forbidden("merge_innovations");
  if (survivor_id == merged_id)
    return Error(ErrorCode::invalid, "merge_innovations: the same record", {{"survivor", "error.invalid_choice"}});
  for (const auto& [field, side] : choices) {
    const auto& fields = merge_fields();
    if (std::find(fields.begin(), fields.end(), field) == fields.end() || (side != "survivor" && side != "merged"))
      return Error(ErrorCode::invalid, "merge_innovations: bad choice " + field, {{field, "error.invalid_choice"}});
  }
  const auto now = clock_.now();
  return db_.transact("merge_innovations", [&](soci::session& sql) -> Result<Merge> {
    auto survivor = directory::find_innovation(sql, survivor_id);
    auto merged = directory::find_innovation(sql, merged_id);
    if (!survivor || !merged) return Error(ErrorCode::not_found, "merge_innovations: no such innovation");
    if (survivor->state == "archived" || merged->state == "archived")
      return Error(ErrorCode::conflict, "merge_innovations: an archived record cannot be merged (state)");
    directory::Innovation next = *survivor;
    for (const auto& [field, side] : choices)
      if (side == "merged") take_merge_field(next, *merged, field);
    for (const auto& award : merged->awards)
      if (std::find(next.awards.begin(), next.awards.end(), award) == next.awards.end()) next.awards.push_back(award);
    next.last_verified_at = std::max(survivor->last_verified_at, merged->last_verified_at);
    next.slug = directory::make_slug(next.name);
    auto written = write_innovation(sql, next, survivor->version, actor.user_id, "update",
                                    "gabung #" + std::to_string(merged_id), now, next.awards != survivor->awards);
    if (!written) return written.error();
    directory::Innovation gone = *merged;
    gone.state = "archived";
    gone.review_comment = "digabung ke #" + std::to_string(survivor_id);
    auto archived = write_innovation(sql, gone, merged->version, actor.user_id, "archive",
                                     "gabung ke #" + std::to_string(survivor_id), now, false);
    if (!archived) return archived.error();
    auto id = store::next_id(sql, "innovation_merges");
    if (!id) return id.error();
    nlohmann::json chosen = nlohmann::json::object();
    for (const auto& [f, s] : choices) chosen[f] = s;
    const std::string before_s = directory::to_json(*survivor).dump(), before_m = directory::to_json(*merged).dump(),
                      choices_text = chosen.dump();
    long long key = *id, s = survivor_id, m = merged_id, by = actor.user_id, at = now, zero = 0;
    sql << "INSERT INTO innovation_merges (id, survivor_id, merged_id, survivor_before, merged_before, choices, "
           "merged_by, merged_at, undone_by, undone_at) VALUES (:id, :s, :m, :sb, :mb, :c, :by, :at, :ub, :ua)",
        soci::use(key), soci::use(s), soci::use(m), soci::use(before_s), soci::use(before_m), soci::use(choices_text),
        soci::use(by), soci::use(at), soci::use(zero), soci::use(zero);
    long long l = std::min(s, m), r = std::max(s, m);
    sql << "UPDATE duplicate_pairs SET decision = 'merged', decided_by = :by, decided_at = :at WHERE left_id = :l AND "
           "right_id = :r",
        soci::use(by), soci::use(at), soci::use(l), soci::use(r);
    if (auto st = audit_change(sql, actor, "duplicate.merge", "innovation", std::to_string(survivor_id), nullptr,
                               {{"merge", key}, {"survivor", s}, {"merged", m}, {"choices", chosen}}, now);
        !st)
      return st.error();
    return Merge{*id, survivor_id, merged_id, now, 0};
  });
}

Result<Merge> DuplicateService::undo(const auth::Actor& actor, std::int64_t merge_id) {
  if (!may_curate(actor.grants)) return forbidden("undo_merge");
  const auto now = clock_.now();
  return db_.transact("undo_merge", [&](soci::session& sql) -> Result<Merge> {
    long long key = merge_id;
    Merge m;
    std::string before_s, before_m;
    bool found = false;
    {
      soci::rowset<soci::row> rows = (sql.prepare << "SELECT survivor_id, merged_id, survivor_before, merged_before, "
                                                     "merged_at, undone_at FROM innovation_merges WHERE id = :id",
                                      soci::use(key));
      for (const auto& r : rows) {
        found = true;
        m = Merge{merge_id, get_int64(r, 0), get_int64(r, 1), get_int64(r, 4), get_int64(r, 5)};
        before_s = get_text(r, 2);
        before_m = get_text(r, 3);
      }
    }
    if (!found) return Error(ErrorCode::not_found, "undo_merge: no merge " + std::to_string(merge_id));
    if (m.undone_at != 0) return Error(ErrorCode::conflict, "undo_merge: already undone (state)");
    auto s = restore(sql, nlohmann::json::parse(before_s, nullptr, false), actor.user_id, now);
    if (!s) return s.error();
    auto g = restore(sql, nlohmann::json::parse(before_m, nullptr, false), actor.user_id, now);
    if (!g) return g.error();
    long long by = actor.user_id, at = now;
    sql << "UPDATE innovation_merges SET undone_by = :by, undone_at = :at WHERE id = :id", soci::use(by), soci::use(at),
        soci::use(key);
    long long l = std::min(m.survivor_id, m.merged_id), r = std::max(m.survivor_id, m.merged_id);
    sql << "UPDATE duplicate_pairs SET decision = 'open', decided_by = 0, decided_at = 0 WHERE left_id = :l AND "
           "right_id = :r",
        soci::use(l), soci::use(r);
    if (auto st = audit_change(sql, actor, "duplicate.undo_merge", "innovation", std::to_string(m.survivor_id), nullptr,
                               {{"merge", merge_id}, {"survivor", m.survivor_id}, {"merged", m.merged_id}}, now);
        !st)
      return st.error();
    m.undone_at = now;
    return m;
  });
}

Result<std::vector<Merge>> DuplicateService::recent_merges(std::size_t limit) {
  try {
    auto sql = db_.acquire();
    long long l = static_cast<long long>(limit);
    std::vector<Merge> out;
    soci::rowset<soci::row> rows = (sql->prepare << "SELECT id, survivor_id, merged_id, merged_at, undone_at FROM "
                                                    "innovation_merges ORDER BY id DESC LIMIT :l",
                                    soci::use(l));
    for (const auto& r : rows)
      out.push_back({get_int64(r, 0), get_int64(r, 1), get_int64(r, 2), get_int64(r, 3), get_int64(r, 4)});
    return out;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "recent_merges");
  }
}

void take_merge_field(directory::Innovation& to, const directory::Innovation& from, const std::string& field) {
  if (field == "name")
    to.name = from.name;
  else if (field == "summary")
    to.summary = from.summary;
  else if (field == "problem")
    to.problem = from.problem;
  else if (field == "solution")
    to.solution = from.solution;
  else if (field == "novelty")
    to.novelty = from.novelty;
  else if (field == "beneficiaries")
    to.beneficiaries = from.beneficiaries;
  else if (field == "results")
    to.results = from.results;
  else if (field == "place") {
    to.region_code = from.region_code;
    to.province_code = from.province_code;
    to.unit_id = from.unit_id;
    to.unit_name = from.unit_name;
  } else if (field == "sector")
    to.sector = from.sector;
  else if (field == "form")
    to.form = from.form;
  else if (field == "stage")
    to.stage = from.stage;
  else if (field == "year_started")
    to.year_started = from.year_started;
  else if (field == "status")
    to.status = from.status;
  else if (field == "contact") {
    to.contact_name = from.contact_name;
    to.contact_email = from.contact_email;
    to.contact_phone = from.contact_phone;
  }
}

std::vector<std::string> fields_taken_in_merges(soci::session& sql, std::int64_t survivor_id) {
  std::vector<std::string> out;
  long long key = survivor_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT choices FROM innovation_merges WHERE survivor_id = :id AND undone_at = 0 ORDER BY id",
       soci::use(key));
  for (const auto& r : rows) {
    auto choices = nlohmann::json::parse(get_text(r, 0), nullptr, false);
    if (!choices.is_object()) continue;
    for (const auto& [field, side] : choices.items())
      if (side == "merged" && std::find(out.begin(), out.end(), field) == out.end()) out.push_back(field);
  }
  return out;
}

std::optional<std::int64_t> merge_survivor(soci::session& sql, std::int64_t id) {
  std::optional<std::int64_t> out;
  // A chain of merges is short; the bound only guards against a cycle in bad data.
  for (int hop = 0; hop < 16; ++hop) {
    long long key = out.value_or(id);
    std::optional<std::int64_t> next;
    soci::rowset<soci::row> rows = (sql.prepare << "SELECT survivor_id FROM innovation_merges WHERE merged_id = :id "
                                                   "AND undone_at = 0 ORDER BY id DESC",
                                    soci::use(key));
    for (const auto& r : rows) {
      next = get_int64(r, 0);
      break;
    }
    if (!next || *next == id) break;
    out = next;
  }
  return out;
}

Result<std::vector<RelatedInnovation>> DuplicateService::related_to(std::int64_t id, std::size_t limit) {
  try {
    auto sql = db_.acquire();
    long long a = id, b = id, n = static_cast<long long>(limit);
    std::vector<RelatedInnovation> out;
    soci::rowset<soci::row> rows =
        (sql->prepare << "SELECT i.id, i.name, i.slug, COALESCE(r.name, i.region_code) FROM ("
                         "SELECT right_id AS other FROM duplicate_pairs WHERE left_id = :a AND decision = 'related' "
                         "UNION SELECT left_id FROM duplicate_pairs WHERE right_id = :b AND decision = 'related') p "
                         "JOIN innovations i ON i.id = p.other LEFT JOIN regions r ON r.code = i.region_code "
                         "WHERE i.state = 'published' ORDER BY i.name, i.id LIMIT :n",
         soci::use(a), soci::use(b), soci::use(n));
    for (const auto& r : rows) out.push_back({get_int64(r, 0), get_text(r, 1), get_text(r, 2), get_text(r, 3)});
    return out;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "related_innovations");
  }
}

Result<std::optional<std::int64_t>> DuplicateService::redirect_of(std::int64_t id) {
  try {
    auto sql = db_.acquire();
    return merge_survivor(*sql, id);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "merge_redirect");
  }
}

}  // namespace lumbung::validation
