#include "directory/innovation_store.hpp"

#include <array>
#include <atomic>
#include <deque>

#include "store/row.hpp"

namespace lumbung::directory {

namespace {

using store::get_int64;
using store::get_text;

// Columns written by insert/update, in bind order. Names double as
// placeholders (":name").
constexpr std::array<const char*, 39> kColumns = {
    "id",            "name",          "summary",        "region_code",   "sector",
    "state",         "version",       "created_at",     "updated_at",    "slug",
    "province_code", "unit_id",       "problem",        "solution",      "novelty",
    "beneficiaries", "results",       "form",           "digital",       "stage",
    "initiator",     "trial_date",    "implementation_date", "budget_text", "budget_amount",
    "funding_source", "contact_name", "contact_email",  "contact_phone", "source_program",
    "source_id",     "year_started",  "status",         "last_verified_at", "award_count",
    "review_comment", "published_at", "created_by",     "updated_by"};

std::string make_insert_sql() {
  std::string cols, vals;
  for (const char* c : kColumns) {
    cols += (cols.empty() ? "" : ", ") + std::string(c);
    vals += (vals.empty() ? ":" : ", :") + std::string(c);
  }
  return "INSERT INTO innovations (" + cols + ") VALUES (" + vals + ")";
}

std::string make_update_sql() {
  std::string set;
  for (const char* c : kColumns) {
    const std::string col = c;
    if (col == "id" || col == "created_at" || col == "created_by") continue;
    set += (set.empty() ? "" : ", ") + col + " = :" + col;
  }
  return "UPDATE innovations SET " + set + " WHERE id = :id AND version = :expected_version";
}

// Built once from kColumns; no values are ever concatenated.
const std::string kInsertInnovation = make_insert_sql();
const std::string kUpdateInnovation = make_update_sql();

constexpr const char* kSelectInnovation =
    "SELECT i.id, i.name, i.summary, i.region_code, i.sector, i.state, i.version, i.created_at, i.updated_at, "
    "i.slug, i.province_code, i.unit_id, i.problem, i.solution, i.novelty, i.beneficiaries, i.results, i.form, "
    "i.digital, i.stage, i.initiator, i.trial_date, i.implementation_date, i.budget_text, i.budget_amount, "
    "i.funding_source, i.contact_name, i.contact_email, i.contact_phone, i.source_program, i.source_id, "
    "i.year_started, i.status, i.last_verified_at, i.award_count, i.review_comment, i.published_at, "
    "i.created_by, i.updated_by, r.name, u.name, i.replicated_regions "
    "FROM innovations i LEFT JOIN regions r ON r.code = i.region_code LEFT JOIN units u ON u.id = i.unit_id ";
constexpr const char* kSelectAwards =
    "SELECT program, year, award FROM innovation_awards WHERE innovation_id = :id ORDER BY year, program, award";
constexpr const char* kDeleteAwards = "DELETE FROM innovation_awards WHERE innovation_id = :id";
constexpr const char* kInsertAward =
    "INSERT INTO innovation_awards (innovation_id, program, year, award) VALUES (:id, :program, :year, :award)";
constexpr const char* kInsertRevision =
    "INSERT INTO innovation_revisions (id, innovation_id, version, author_user_id, created_at, action, "
    "snapshot_json, comment) VALUES (:id, :innovation_id, :version, :author, :created_at, :action, :snapshot, "
    ":comment)";
constexpr const char* kSelectRevisions =
    "SELECT id, innovation_id, version, author_user_id, created_at, action, snapshot_json, comment "
    "FROM innovation_revisions WHERE innovation_id = :id ORDER BY version DESC";
constexpr const char* kFindBySource =
    "SELECT id FROM innovations WHERE source_program = :program AND source_id = :source_id";
constexpr const char* kCountRepository =
    "SELECT COUNT(*), COUNT(DISTINCT region_code) FROM innovations WHERE state = 'published'";
constexpr const char* kPublishedIds = "SELECT id FROM innovations WHERE state = 'published' ORDER BY id";
constexpr const char* kCountSectorsRegion =
    "SELECT sector, COUNT(*) FROM innovations WHERE state = 'published' AND region_code = :code "
    "GROUP BY sector ORDER BY COUNT(*) DESC, sector";
constexpr const char* kCountSectorsProvince =
    "SELECT sector, COUNT(*) FROM innovations WHERE state = 'published' AND province_code = :code "
    "GROUP BY sector ORDER BY COUNT(*) DESC, sector";

// Filter fragments of list_innovations, appended when the filter is set.
constexpr const char* kWhereState = " AND i.state = :state";
constexpr const char* kWhereProvince = " AND i.province_code = :province";
constexpr const char* kWhereRegion = " AND i.region_code = :region";
constexpr const char* kWhereUnit = " AND i.unit_id = :unit";
constexpr const char* kWhereSector = " AND i.sector = :sector";
constexpr const char* kWhereForm = " AND i.form = :form";
constexpr const char* kWhereDigital = " AND i.digital = :digital";
constexpr const char* kWhereStage = " AND i.stage = :stage";
constexpr const char* kWhereStatus = " AND i.status = :status";
constexpr const char* kWhereProgram = " AND i.source_program = :program";
constexpr const char* kWhereAwarded = " AND i.award_count > 0";
constexpr const char* kWhereNotAwarded = " AND i.award_count = 0";
constexpr const char* kWhereAwardProgram =
    " AND EXISTS (SELECT 1 FROM innovation_awards a WHERE a.innovation_id = i.id AND a.program = :award_program)";
constexpr const char* kWhereYear = " AND i.year_started = :year";
constexpr const char* kWhereAfter =
    " AND (i.updated_at < :after_updated OR (i.updated_at = :after_updated2 AND i.id < :after_id))";
constexpr const char* kOrderPage = " ORDER BY i.updated_at DESC, i.id DESC LIMIT :limit";
// The same for the order "replicated": after (count, name of the cursor's innovation, id).
constexpr const char* kWhereAfterReplicated =
    " AND (i.replicated_regions < :after_count OR (i.replicated_regions = :after_count2 AND (i.name > :after_name OR "
    "(i.name = :after_name2 AND i.id > :after_id))))";
constexpr const char* kOrderReplicatedPage = " ORDER BY i.replicated_regions DESC, i.name, i.id LIMIT :limit";
constexpr const char* kSelectName = "SELECT name FROM innovations WHERE id = :id";

// Bindable copy of one row.
struct RowBuffer {
  long long id = 0, version = 0, created_at = 0, updated_at = 0, unit_id = 0, budget_amount = 0,
            last_verified_at = 0, published_at = 0, created_by = 0, updated_by = 0, expected_version = 0;
  int digital = 0, year_started = 0, award_count = 0;
  std::string name, summary, region_code, sector, state, slug, province_code, problem, solution, novelty,
      beneficiaries, results, form, stage, initiator, trial_date, implementation_date, budget_text, funding_source,
      contact_name, contact_email, contact_phone, source_program, source_id, status, review_comment;
  soci::indicator unit_ind = soci::i_null, source_ind = soci::i_null;

  void fill(const Innovation& i) {
    id = i.id, version = i.version, created_at = i.created_at, updated_at = i.updated_at;
    unit_id = i.unit_id, unit_ind = i.unit_id > 0 ? soci::i_ok : soci::i_null;
    budget_amount = i.budget_amount, last_verified_at = i.last_verified_at, published_at = i.published_at;
    created_by = i.created_by, updated_by = i.updated_by;
    digital = i.digital ? 1 : 0, year_started = i.year_started, award_count = static_cast<int>(i.awards.size());
    name = i.name, summary = i.summary, region_code = i.region_code, sector = i.sector, state = i.state;
    slug = i.slug, province_code = i.province_code, problem = i.problem, solution = i.solution;
    novelty = i.novelty, beneficiaries = i.beneficiaries, results = i.results, form = i.form, stage = i.stage;
    initiator = i.initiator, trial_date = i.trial_date, implementation_date = i.implementation_date;
    budget_text = i.budget_text, funding_source = i.funding_source, contact_name = i.contact_name;
    contact_email = i.contact_email, contact_phone = i.contact_phone, source_program = i.source_program;
    source_id = i.source_id, source_ind = i.source_id.empty() ? soci::i_null : soci::i_ok;
    status = i.status, review_comment = i.review_comment;
  }

  // Binds every column of kColumns by name (skipping those not in the SQL).
  void bind(soci::statement& st, bool for_update) {
    auto u = [&](auto& v, const char* n) { st.exchange(soci::use(v, n)); };
    if (!for_update) u(created_at, "created_at"), u(created_by, "created_by");
    u(id, "id"), u(name, "name"), u(summary, "summary"), u(region_code, "region_code"), u(sector, "sector");
    u(state, "state"), u(version, "version"), u(updated_at, "updated_at"), u(slug, "slug");
    u(province_code, "province_code");
    st.exchange(soci::use(unit_id, unit_ind, "unit_id"));
    u(problem, "problem"), u(solution, "solution"), u(novelty, "novelty"), u(beneficiaries, "beneficiaries");
    u(results, "results"), u(form, "form"), u(digital, "digital"), u(stage, "stage"), u(initiator, "initiator");
    u(trial_date, "trial_date"), u(implementation_date, "implementation_date"), u(budget_text, "budget_text");
    u(budget_amount, "budget_amount"), u(funding_source, "funding_source"), u(contact_name, "contact_name");
    u(contact_email, "contact_email"), u(contact_phone, "contact_phone"), u(source_program, "source_program");
    st.exchange(soci::use(source_id, source_ind, "source_id"));
    u(year_started, "year_started"), u(status, "status"), u(last_verified_at, "last_verified_at");
    u(award_count, "award_count"), u(review_comment, "review_comment"), u(published_at, "published_at");
    u(updated_by, "updated_by");
    if (for_update) u(expected_version, "expected_version");
  }
};

Innovation from_row(const soci::row& r) {
  Innovation i;
  i.id = get_int64(r, 0);
  i.name = get_text(r, 1);
  i.summary = get_text(r, 2);
  i.region_code = get_text(r, 3);
  i.sector = get_text(r, 4);
  i.state = get_text(r, 5);
  i.version = get_int64(r, 6);
  i.created_at = get_int64(r, 7);
  i.updated_at = get_int64(r, 8);
  i.slug = get_text(r, 9);
  i.province_code = get_text(r, 10);
  i.unit_id = get_int64(r, 11);
  i.problem = get_text(r, 12);
  i.solution = get_text(r, 13);
  i.novelty = get_text(r, 14);
  i.beneficiaries = get_text(r, 15);
  i.results = get_text(r, 16);
  i.form = get_text(r, 17);
  i.digital = get_int64(r, 18) != 0;
  i.stage = get_text(r, 19);
  i.initiator = get_text(r, 20);
  i.trial_date = get_text(r, 21);
  i.implementation_date = get_text(r, 22);
  i.budget_text = get_text(r, 23);
  i.budget_amount = get_int64(r, 24);
  i.funding_source = get_text(r, 25);
  i.contact_name = get_text(r, 26);
  i.contact_email = get_text(r, 27);
  i.contact_phone = get_text(r, 28);
  i.source_program = get_text(r, 29);
  i.source_id = get_text(r, 30);
  i.year_started = static_cast<int>(get_int64(r, 31));
  i.status = get_text(r, 32);
  i.last_verified_at = get_int64(r, 33);
  // 34: award_count, redundant with awards (loaded separately)
  i.review_comment = get_text(r, 35);
  i.published_at = get_int64(r, 36);
  i.created_by = get_int64(r, 37);
  i.updated_by = get_int64(r, 38);
  i.region_name = get_text(r, 39);
  i.unit_name = get_text(r, 40);
  i.replicated_regions = get_int64(r, 41);
  return i;
}

std::vector<Award> load_awards(soci::session& sql, std::int64_t id) {
  long long lid = id;
  std::vector<Award> out;
  soci::rowset<soci::row> rs = (sql.prepare << kSelectAwards, soci::use(lid, "id"));
  for (const auto& r : rs) out.push_back({get_text(r, 0), static_cast<int>(get_int64(r, 1)), get_text(r, 2)});
  return out;
}

// "<updated_at>.<id>", or "<replicated_regions>.<id>" in the order "replicated".
std::string make_cursor(const Innovation& i, ListOrder order) {
  return std::to_string(order == ListOrder::replicated ? i.replicated_regions : i.updated_at) + "." +
         std::to_string(i.id);
}

bool parse_cursor(const std::string& cursor, long long& updated_at, long long& id) {
  const auto dot = cursor.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == cursor.size()) return false;
  for (std::size_t k = 0; k < cursor.size(); ++k)
    if (k != dot && (cursor[k] < '0' || cursor[k] > '9')) return false;
  // Each part fits a 64-bit integer only up to 18 digits; longer is no cursor of ours.
  if (dot > 18 || cursor.size() - dot - 1 > 18) return false;
  updated_at = std::stoll(cursor.substr(0, dot));
  id = std::stoll(cursor.substr(dot + 1));
  return true;
}

}  // namespace

struct InnovationInserter::Impl {
  explicit Impl(soci::session& sql) : st(sql) {
    row.bind(st, false);
    st.alloc();
    st.prepare(kInsertInnovation);
    st.define_and_bind();
  }
  RowBuffer row;
  soci::statement st;
};

InnovationInserter::InnovationInserter(soci::session& sql) : impl_(std::make_unique<Impl>(sql)) {}
InnovationInserter::~InnovationInserter() = default;

void InnovationInserter::insert(const Innovation& innovation) {
  impl_->row.fill(innovation);
  impl_->st.execute(true);
}

struct RevisionInserter::Impl {
  explicit Impl(soci::session& sql)
      : revision((sql.prepare << kInsertRevision, soci::use(id, "id"), soci::use(innovation_id, "innovation_id"),
                  soci::use(version, "version"), soci::use(author, "author"), soci::use(created_at, "created_at"),
                  soci::use(action, "action"), soci::use(snapshot, "snapshot"), soci::use(comment, "comment"))),
        award((sql.prepare << kInsertAward, soci::use(award_innovation, "id"), soci::use(program, "program"),
                    soci::use(year, "year"), soci::use(award_text, "award"))) {}
  long long id = 0, innovation_id = 0, version = 0, author = 0, created_at = 0, award_innovation = 0;
  int year = 0;
  std::string action, snapshot, comment, program, award_text;
  soci::statement revision;
  soci::statement award;
};

RevisionInserter::RevisionInserter(soci::session& sql) : impl_(std::make_unique<Impl>(sql)) {}
RevisionInserter::~RevisionInserter() = default;

void RevisionInserter::insert(const Revision& r) {
  auto& m = *impl_;
  m.id = r.id, m.innovation_id = r.innovation_id, m.version = r.version, m.author = r.author_user_id;
  m.created_at = r.created_at, m.action = r.action, m.snapshot = r.snapshot_json, m.comment = r.comment;
  m.revision.execute(true);
}

void RevisionInserter::insert_award(std::int64_t innovation_id, const Award& a) {
  auto& m = *impl_;
  m.award_innovation = innovation_id, m.program = a.program, m.year = a.year, m.award_text = a.award;
  m.award.execute(true);
}

namespace {
std::atomic<RegionMoveHook> region_move_hook{nullptr};
}  // namespace

void set_region_move_hook(RegionMoveHook hook) { region_move_hook.store(hook); }

bool update_innovation(soci::session& sql, const Innovation& innovation, std::int64_t expected_version) {
  const RegionMoveHook hook = region_move_hook.load();
  std::string stored_region;
  if (hook) {
    long long id = innovation.id;
    sql << "SELECT region_code FROM innovations WHERE id = :id", soci::use(id, "id"), soci::into(stored_region);
  }
  RowBuffer row;
  row.fill(innovation);
  row.expected_version = expected_version;
  soci::statement st(sql);
  row.bind(st, true);
  st.alloc();
  st.prepare(kUpdateInnovation);
  st.define_and_bind();
  st.execute(true);
  if (st.get_affected_rows() != 1) return false;
  if (hook && stored_region != innovation.region_code) hook(sql, innovation.id);
  return true;
}

void replace_awards(soci::session& sql, std::int64_t innovation_id, const std::vector<Award>& awards) {
  long long id = innovation_id;
  sql << kDeleteAwards, soci::use(id, "id");
  for (const auto& a : awards) {
    int year = a.year;
    sql << kInsertAward, soci::use(id, "id"), soci::use(a.program, "program"), soci::use(year, "year"),
        soci::use(a.award, "award");
  }
}

std::optional<Innovation> find_innovation(soci::session& sql, std::int64_t id) {
  long long lid = id;
  std::optional<Innovation> found;
  {
    soci::rowset<soci::row> rs = (sql.prepare << std::string(kSelectInnovation) + "WHERE i.id = :id", soci::use(lid));
    for (const auto& r : rs) found = from_row(r);
  }
  if (found) found->awards = load_awards(sql, id);
  return found;
}

std::optional<std::int64_t> find_by_source(soci::session& sql, const std::string& program,
                                           const std::string& source_id) {
  long long id = 0;
  soci::indicator ind = soci::i_null;
  sql << kFindBySource, soci::use(program, "program"), soci::use(source_id, "source_id"), soci::into(id, ind);
  if (!sql.got_data() || ind != soci::i_ok) return std::nullopt;
  return static_cast<std::int64_t>(id);
}

Result<InnovationPage> list_innovations(soci::session& sql, const InnovationFilter& f, const PageRequest& page) {
  long long after_updated = 0, after_id = 0;
  if (!page.cursor.empty() && !parse_cursor(page.cursor, after_updated, after_id))
    return Error(ErrorCode::invalid, "list_innovations: bad cursor", {{"cursor", "error.invalid_format"}});
  const int limit = std::clamp(page.limit, 1, 200);
  std::string q = std::string(kSelectInnovation) + "WHERE 1 = 1";
  // Bound values live here (stable addresses) until the rowset is done.
  std::deque<std::string> texts;
  std::deque<long long> numbers;
  std::vector<std::pair<bool, std::pair<std::size_t, const char*>>> binds;  // (is_text, (index, name))
  auto text = [&](const std::string& v, const char* fragment, const char* name) {
    if (v.empty()) return;
    q += fragment;
    texts.push_back(v);
    binds.push_back({true, {texts.size() - 1, name}});
  };
  auto number = [&](long long v, const char* fragment, const char* name) {
    q += fragment;
    numbers.push_back(v);
    binds.push_back({false, {numbers.size() - 1, name}});
  };
  text(f.state, kWhereState, "state");
  text(f.province_code, kWhereProvince, "province");
  text(f.region_code, kWhereRegion, "region");
  if (f.unit_id > 0) number(f.unit_id, kWhereUnit, "unit");
  text(f.sector, kWhereSector, "sector");
  text(f.form, kWhereForm, "form");
  if (f.digital) number(*f.digital ? 1 : 0, kWhereDigital, "digital");
  text(f.stage, kWhereStage, "stage");
  text(f.status, kWhereStatus, "status");
  text(f.source_program, kWhereProgram, "program");
  if (f.awarded) q += *f.awarded ? kWhereAwarded : kWhereNotAwarded;
  text(f.award_program, kWhereAwardProgram, "award_program");
  if (f.year != 0) number(f.year, kWhereYear, "year");
  const bool replicated = page.order == ListOrder::replicated;
  if (!page.cursor.empty() && replicated) {
    // The cursor names the last innovation shown; its name places the ties.
    long long id = after_id;
    std::string name;
    soci::indicator ind = soci::i_null;
    sql << kSelectName, soci::use(id, "id"), soci::into(name, ind);
    if (!sql.got_data() || ind != soci::i_ok)
      return Error(ErrorCode::invalid, "list_innovations: bad cursor", {{"cursor", "error.invalid_format"}});
    number(after_updated, kWhereAfterReplicated, "after_count");
    number(after_updated, "", "after_count2");
    for (const char* bound : {"after_name", "after_name2"}) {
      texts.push_back(name);
      binds.push_back({true, {texts.size() - 1, bound}});
    }
    number(after_id, "", "after_id");
  } else if (!page.cursor.empty()) {
    number(after_updated, kWhereAfter, "after_updated");
    number(after_updated, "", "after_updated2");
    number(after_id, "", "after_id");
  }
  number(limit + 1, replicated ? kOrderReplicatedPage : kOrderPage, "limit");

  InnovationPage out;
  {
    soci::details::prepare_temp_type prep = (sql.prepare << q);
    for (const auto& [is_text, where] : binds) {
      if (is_text) prep, soci::use(texts[where.first], where.second);
      else prep, soci::use(numbers[where.first], where.second);
    }
    soci::rowset<soci::row> rs(prep);
    for (const auto& r : rs) out.items.push_back(from_row(r));
  }
  if (static_cast<int>(out.items.size()) > limit) {
    out.items.pop_back();
    out.next_cursor = make_cursor(out.items.back(), page.order);
  }
  for (auto& i : out.items) i.awards = load_awards(sql, i.id);
  return out;
}

std::vector<Innovation> latest_published(soci::session& sql, int limit) {
  InnovationFilter f;
  auto page = list_innovations(sql, f, PageRequest{limit, ""});
  return page ? std::move(page->items) : std::vector<Innovation>{};
}

std::vector<Revision> list_revisions(soci::session& sql, std::int64_t innovation_id) {
  long long id = innovation_id;
  std::vector<Revision> out;
  soci::rowset<soci::row> rs = (sql.prepare << kSelectRevisions, soci::use(id, "id"));
  for (const auto& r : rs)
    out.push_back({get_int64(r, 0), get_int64(r, 1), get_int64(r, 2), get_int64(r, 3), get_int64(r, 4),
                   get_text(r, 5), get_text(r, 6), get_text(r, 7)});
  return out;
}

RepositoryCounts count_repository(soci::session& sql) {
  long long published = 0, regions = 0;
  sql << kCountRepository, soci::into(published), soci::into(regions);
  return RepositoryCounts{published, regions};
}

std::vector<std::int64_t> published_ids(soci::session& sql) {
  std::vector<std::int64_t> ids;
  soci::rowset<soci::row> rs = sql.prepare << kPublishedIds;
  for (const auto& r : rs) ids.push_back(get_int64(r, 0));
  return ids;
}

std::vector<std::pair<std::string, std::int64_t>> count_sectors(soci::session& sql, const std::string& code,
                                                                bool province) {
  std::vector<std::pair<std::string, std::int64_t>> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << (province ? kCountSectorsProvince : kCountSectorsRegion), soci::use(code, "code"));
  for (const auto& r : rs) out.emplace_back(get_text(r, 0), get_int64(r, 1));
  return out;
}

}  // namespace lumbung::directory
