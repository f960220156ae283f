#include "validation/validation_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/text.hpp"
#include "directory/innovation_store.hpp"
#include "notify/notify.hpp"
#include "store/row.hpp"
#include "validation/campaign_rules.hpp"
#include "validation/innovation_write.hpp"

namespace lumbung::validation {

namespace {

using store::get_int64;
using store::get_text;

constexpr const char* kCampaignColumns =
    "SELECT c.id, c.title, c.filter, c.deadline, c.state, c.created_by, c.created_at, c.opened_at, c.closed_at, "
    "c.updated_at, (SELECT COUNT(*) FROM validation_items vi WHERE vi.campaign_id = c.id) FROM validation_campaigns c ";

constexpr const char* kItemColumns =
    "SELECT vi.campaign_id, vi.innovation_id, i.name, i.slug, vi.region_code, COALESCE(r.name, ''), vi.unit_id, "
    "COALESCE(u.name, ''), vi.source_program, vi.status, vi.results, vi.figures, vi.evidence_url, "
    "vi.evidence_attachment, vi.contact_name, vi.contact_phone, vi.contact_email, vi.answered_by, vi.answered_at "
    "FROM validation_items vi JOIN innovations i ON i.id = vi.innovation_id "
    "LEFT JOIN regions r ON r.code = vi.region_code LEFT JOIN units u ON u.id = vi.unit_id ";

constexpr const char* kSelect =
    "SELECT id, region_code, COALESCE(unit_id, 0), source_program FROM innovations WHERE state = 'published' "
    "AND (:s1 = '' OR source_program = :s2) AND (:y1 = 0 OR year_started = :y2) "
    "AND (:r1 = '' OR region_code = :r2 OR province_code = :r3) AND (:t1 = 0 OR last_verified_at < :t2) "
    "ORDER BY id";

Error forbidden(const char* op) { return Error(ErrorCode::forbidden, std::string(op) + ": not allowed"); }

Error invalid(const char* op, std::vector<FieldError> fields) {
  return Error(ErrorCode::invalid, std::string(op) + ": invalid input", std::move(fields));
}

Campaign campaign_of(const soci::row& r) {
  Campaign c;
  c.id = get_int64(r, 0);
  c.title = get_text(r, 1);
  c.filter = filter_from_json(nlohmann::json::parse(get_text(r, 2), nullptr, false));
  c.deadline = get_text(r, 3);
  c.state = get_text(r, 4);
  c.created_by = get_int64(r, 5);
  c.created_at = get_int64(r, 6);
  c.opened_at = get_int64(r, 7);
  c.closed_at = get_int64(r, 8);
  c.updated_at = get_int64(r, 9);
  c.items = get_int64(r, 10);
  return c;
}

Item item_of(const soci::row& r) {
  Item it;
  it.campaign_id = get_int64(r, 0);
  it.innovation_id = get_int64(r, 1);
  it.innovation_name = get_text(r, 2);
  it.innovation_slug = get_text(r, 3);
  it.region_code = get_text(r, 4);
  it.region_name = get_text(r, 5);
  it.unit_id = get_int64(r, 6);
  it.unit_name = get_text(r, 7);
  it.source_program = get_text(r, 8);
  it.answer.status = get_text(r, 9);
  it.answer.results = get_text(r, 10);
  it.answer.figures = get_text(r, 11);
  it.answer.evidence_url = get_text(r, 12);
  it.answer.evidence_attachment = get_int64(r, 13);
  it.answer.contact_name = get_text(r, 14);
  it.answer.contact_phone = get_text(r, 15);
  it.answer.contact_email = get_text(r, 16);
  it.answered_by = get_int64(r, 17);
  it.answered_at = get_int64(r, 18);
  return it;
}

std::optional<Campaign> find_campaign(soci::session& sql, std::int64_t id) {
  long long key = id;
  soci::rowset<soci::row> rows = (sql.prepare << std::string(kCampaignColumns) + "WHERE c.id = :id", soci::use(key));
  for (const auto& r : rows) return campaign_of(r);
  return std::nullopt;
}

std::vector<Item> find_items(soci::session& sql, std::int64_t campaign_id, std::int64_t innovation_id) {
  long long c = campaign_id, i = innovation_id;
  std::vector<Item> out;
  if (innovation_id > 0) {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kItemColumns) + "WHERE vi.campaign_id = :c AND vi.innovation_id = :i",
         soci::use(c, "c"), soci::use(i, "i"));
    for (const auto& r : rows) out.push_back(item_of(r));
  } else {
    soci::rowset<soci::row> rows =
        (sql.prepare << std::string(kItemColumns) + "WHERE vi.campaign_id = :c ORDER BY vi.region_code, i.name",
         soci::use(c, "c"));
    for (const auto& r : rows) out.push_back(item_of(r));
  }
  return out;
}

// The people asked to answer for an item (those may_answer allows, curators
// aside): region admins and participants of its region, participants of its unit.
std::set<std::int64_t> owners(soci::session& sql, const std::string& region_code, std::int64_t unit_id,
                              std::map<std::string, std::vector<std::int64_t>>& cache) {
  auto holders = [&](const std::string& role, const std::string& kind, const std::string& ref) {
    const auto key = role + "|" + kind + "|" + ref;
    auto it = cache.find(key);
    if (it == cache.end()) it = cache.emplace(key, notify::grant_holders(sql, role, kind, ref)).first;
    return it->second;
  };
  std::set<std::int64_t> out;
  for (auto u : holders("region_admin", "region", region_code)) out.insert(u);
  for (auto u : holders("participant", "region", region_code)) out.insert(u);
  if (unit_id > 0)
    for (auto u : holders("participant", "unit", std::to_string(unit_id))) out.insert(u);
  return out;
}

}  // namespace

bool may_curate(const std::vector<auth::Grant>& grants) {
  for (const auto& g : grants)
    if ((g.role == auth::Role::admin || g.role == auth::Role::curator) && g.scope.kind == auth::ScopeKind::national)
      return true;
  return false;
}

bool may_answer(const std::vector<auth::Grant>& grants, const std::string& region_code, std::int64_t unit_id) {
  if (may_curate(grants)) return true;
  if (region_code.empty()) return false;
  const auto unit_ref = std::to_string(unit_id);
  auth::RegionOf region_of = [&](const auth::Scope& s) -> std::optional<std::string> {
    if (s.kind == auth::ScopeKind::unit && unit_id > 0 && s.ref == unit_ref) return region_code;
    return std::nullopt;
  };
  const auto region = auth::Scope::region(region_code);
  if (auth::allows(grants, auth::Role::region_admin, region, region_of)) return true;
  if (auth::allows(grants, auth::Role::participant, region, region_of)) return true;
  return unit_id > 0 && auth::allows(grants, auth::Role::participant, auth::Scope::unit(unit_ref), region_of);
}

Result<Campaign> ValidationService::create_campaign(const auth::Actor& actor, const CampaignDraft& draft) {
  if (!may_curate(actor.grants)) return forbidden("create_campaign");
  const auto now = clock_.now();
  CampaignDraft d = draft;
  d.title = trim(d.title);
  d.filter.region = trim(d.filter.region);
  auto errors = validate_campaign(d, local_date(now));
  if (!errors.empty()) return invalid("create_campaign", std::move(errors));
  return db_.transact("create_campaign", [&](soci::session& sql) -> Result<Campaign> {
    if (!d.filter.region.empty()) {
      long long n = 0;
      sql << "SELECT COUNT(*) FROM regions WHERE code = :code", soci::use(d.filter.region), soci::into(n);
      if (n == 0) return invalid("create_campaign", {{"region", "error.unknown_region"}});
    }
    auto id = store::next_id(sql, "validation_campaigns");
    if (!id) return id.error();
    long long key = *id, by = actor.user_id, at = now, zero = 0;
    const std::string filter = filter_to_json(d.filter).dump(), state = "draft";
    sql << "INSERT INTO validation_campaigns (id, title, filter, deadline, state, created_by, created_at, opened_at, "
           "closed_at, updated_at) VALUES (:id, :title, :filter, :deadline, :state, :by, :at, :o, :c, :u)",
        soci::use(key), soci::use(d.title), soci::use(filter), soci::use(d.deadline), soci::use(state), soci::use(by),
        soci::use(at), soci::use(zero), soci::use(zero), soci::use(at);
    Campaign c;
    static_cast<CampaignDraft&>(c) = d;
    c.id = *id;
    c.created_by = actor.user_id;
    c.created_at = c.updated_at = now;
    if (auto st =
            audit_change(sql, actor, "validation.campaign_create", "validation_campaign", std::to_string(c.id), nullptr,
                         {{"title", c.title}, {"filter", filter_to_json(c.filter)}, {"deadline", c.deadline}}, now);
        !st)
      return st.error();
    return c;
  });
}

Result<Campaign> ValidationService::transition(const auth::Actor& actor, std::int64_t id, const std::string& action,
                                               const std::string& deadline) {
  if (!may_curate(actor.grants)) return forbidden("campaign_transition");
  const auto now = clock_.now();
  return db_.transact("campaign_transition", [&](soci::session& sql) -> Result<Campaign> {
    auto found = find_campaign(sql, id);
    if (!found) return Error(ErrorCode::not_found, "campaign_transition: no campaign " + std::to_string(id));
    Campaign c = *found;
    auto next = next_state(c.state, action);
    if (!next)
      return Error(ErrorCode::conflict, "campaign_transition: cannot " + action + " a " + c.state + " campaign");
    if (!deadline.empty()) {
      if (!valid_iso_date(deadline, 2000, 2100)) return invalid("campaign_transition", {{"deadline", "error.date"}});
      c.deadline = deadline;
    }
    if (*next == "open" && c.deadline < local_date(now))
      return invalid("campaign_transition", {{"deadline", "validation.error.deadline_past"}});
    const std::string before = c.state;
    c.state = *next;
    c.updated_at = now;
    if (action == "open") {
      c.opened_at = now;
      std::string s = c.filter.source, r = c.filter.region;
      int y = c.filter.year;
      long long t = c.filter.unverified_since.empty() ? 0 : start_of_day(c.filter.unverified_since);
      struct Row {
        long long id;
        std::string region;
        long long unit;
        std::string source;
      };
      std::vector<Row> selected;
      {
        soci::rowset<soci::row> rows =
            (sql.prepare << kSelect, soci::use(s, "s1"), soci::use(s, "s2"), soci::use(y, "y1"), soci::use(y, "y2"),
             soci::use(r, "r1"), soci::use(r, "r2"), soci::use(r, "r3"), soci::use(t, "t1"), soci::use(t, "t2"));
        for (const auto& row : rows)
          selected.push_back({get_int64(row, 0), get_text(row, 1), get_int64(row, 2), get_text(row, 3)});
      }
      long long cid = c.id;
      Row cur;
      soci::statement insert =
          (sql.prepare << "INSERT INTO validation_items (campaign_id, innovation_id, region_code, unit_id, "
                          "source_program, status, results, figures, evidence_url, evidence_attachment, contact_name, "
                          "contact_phone, contact_email, answered_by, answered_at) VALUES (:c, :i, :r, :u, :s, '', '', "
                          "'', '', 0, '', '', '', 0, 0)",
           soci::use(cid), soci::use(cur.id), soci::use(cur.region), soci::use(cur.unit), soci::use(cur.source));
      std::map<std::string, std::vector<std::int64_t>> cache;
      std::map<std::int64_t, std::int64_t> asked;  // user -> innovations
      for (const auto& row : selected) {
        cur = row;
        insert.execute(true);
        for (auto user : owners(sql, row.region, row.unit, cache)) ++asked[user];
      }
      c.items = static_cast<std::int64_t>(selected.size());
      for (const auto& [user, count] : asked) {
        notify::Notice n;
        n.user_id = user;
        n.category = notify::Category::validation;
        n.event = "validation.asked";
        n.params = {{"campaign", c.title}, {"count", count}, {"deadline", c.deadline}};
        n.link = "/validasi?kampanye=" + std::to_string(c.id);
        n.group = "validation:" + std::to_string(c.id);
        n.group_label = c.title;
        if (auto st = notify::post(sql, n, now); !st) return st.error();
      }
    } else if (action == "close") {
      c.closed_at = now;
    }
    long long key = c.id, opened = c.opened_at, closed = c.closed_at, updated = now;
    sql << "UPDATE validation_campaigns SET state = :state, deadline = :deadline, opened_at = :o, closed_at = :c, "
           "updated_at = :u WHERE id = :id",
        soci::use(c.state), soci::use(c.deadline), soci::use(opened), soci::use(closed), soci::use(updated),
        soci::use(key);
    const std::string audit_action = "validation.campaign_" + action;
    if (auto st =
            audit_change(sql, actor, audit_action, "validation_campaign", std::to_string(c.id), {{"state", before}},
                         {{"state", c.state}, {"deadline", c.deadline}, {"items", c.items}}, now);
        !st)
      return st.error();
    return c;
  });
}

Result<Campaign> ValidationService::get(std::int64_t id) {
  try {
    auto sql = db_.acquire();
    auto c = find_campaign(*sql, id);
    if (!c) return Error(ErrorCode::not_found, "get_campaign: no campaign " + std::to_string(id));
    return *c;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "get_campaign");
  }
}

Result<std::vector<Campaign>> ValidationService::list() {
  try {
    auto sql = db_.acquire();
    std::vector<Campaign> out;
    soci::rowset<soci::row> rows = (sql->prepare << std::string(kCampaignColumns) + "ORDER BY c.id DESC");
    for (const auto& r : rows) out.push_back(campaign_of(r));
    return out;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "list_campaigns");
  }
}

Result<std::int64_t> ValidationService::count_selected(const CampaignFilter& f) {
  try {
    auto sql = db_.acquire();
    std::string s = f.source, r = f.region;
    int y = f.year;
    long long t = f.unverified_since.empty() ? 0 : start_of_day(f.unverified_since);
    long long n = 0;
    std::string q = kSelect;
    q = "SELECT COUNT(*) FROM (" + q.substr(0, q.find(" ORDER BY")) + ") sel";
    *sql << q, soci::use(s, "s1"), soci::use(s, "s2"), soci::use(y, "y1"), soci::use(y, "y2"), soci::use(r, "r1"),
        soci::use(r, "r2"), soci::use(r, "r3"), soci::use(t, "t1"), soci::use(t, "t2"), soci::into(n);
    return static_cast<std::int64_t>(n);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "count_selected");
  }
}

Result<Dashboard> ValidationService::dashboard(const auth::Actor& actor, std::int64_t id, std::size_t overdue_limit) {
  if (!may_curate(actor.grants)) return forbidden("campaign_dashboard");
  const auto now = clock_.now();
  try {
    auto sql = db_.acquire();
    auto c = find_campaign(*sql, id);
    if (!c) return Error(ErrorCode::not_found, "campaign_dashboard: no campaign " + std::to_string(id));
    Dashboard d;
    d.campaign = *c;
    d.past_deadline = now >= end_of_day(c->deadline);
    std::map<std::string, Progress> regions, sources;
    auto add = [](Progress& p, const Item& it) {
      ++p.total;
      if (it.answered_at == 0) return;
      ++p.answered;
      if (it.answer.status == "berhenti") {
        ++p.stopped;
      } else {
        ++p.continuing;
        if (it.answer.status == "berkembang") ++p.growing;
      }
    };
    for (auto& it : find_items(*sql, id, 0)) {
      add(d.total, it);
      auto& region = regions[it.region_code];
      region.key = it.region_code;
      region.label = it.region_name.empty() ? it.region_code : it.region_name;
      add(region, it);
      auto& source = sources[it.source_program];
      source.key = source.label = it.source_program;
      add(source, it);
      if (it.answered_at == 0 && d.overdue.size() < overdue_limit) d.overdue.push_back(std::move(it));
    }
    for (auto& [k, p] : regions) d.by_region.push_back(std::move(p));
    for (auto& [k, p] : sources) d.by_source.push_back(std::move(p));
    auto most = [](const Progress& a, const Progress& b) {
      return a.total != b.total ? a.total > b.total : a.key < b.key;
    };
    std::sort(d.by_region.begin(), d.by_region.end(), most);
    std::sort(d.by_source.begin(), d.by_source.end(), most);
    return d;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "campaign_dashboard");
  }
}

Result<std::vector<Item>> ValidationService::inbox(const auth::Actor& actor, std::int64_t campaign_id) {
  try {
    auto sql = db_.acquire();
    std::vector<Item> out;
    std::vector<std::int64_t> campaigns;
    {
      soci::rowset<soci::row> rows = (sql->prepare << "SELECT id FROM validation_campaigns WHERE state = 'open' "
                                                      "ORDER BY id DESC");
      for (const auto& r : rows) campaigns.push_back(get_int64(r, 0));
    }
    for (auto cid : campaigns) {
      if (campaign_id != 0 && cid != campaign_id) continue;
      for (auto& it : find_items(*sql, cid, 0))
        if (may_answer(actor.grants, it.region_code, it.unit_id)) out.push_back(std::move(it));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Item& a, const Item& b) { return (a.answered_at == 0) > (b.answered_at == 0); });
    return out;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "validation_inbox");
  }
}

Result<Item> ValidationService::item(const auth::Actor& actor, std::int64_t campaign_id, std::int64_t innovation_id) {
  try {
    auto sql = db_.acquire();
    auto items = find_items(*sql, campaign_id, innovation_id);
    if (items.empty()) return Error(ErrorCode::not_found, "validation_item: not asked");
    if (!may_answer(actor.grants, items[0].region_code, items[0].unit_id)) return forbidden("validation_item");
    return items[0];
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "validation_item");
  }
}

Result<Item> ValidationService::answer(const auth::Actor& actor, std::int64_t campaign_id, std::int64_t innovation_id,
                                       const Answer& given) {
  const auto now = clock_.now();
  Answer a = given;
  a.status = trim(a.status);
  a.results = trim(a.results);
  a.figures = trim(a.figures);
  a.evidence_url = trim(a.evidence_url);
  a.contact_name = trim(a.contact_name);
  a.contact_phone = trim(a.contact_phone);
  a.contact_email = trim(a.contact_email);
  return db_.transact("validation_answer", [&](soci::session& sql) -> Result<Item> {
    auto items = find_items(sql, campaign_id, innovation_id);
    if (items.empty()) return Error(ErrorCode::not_found, "validation_answer: not asked");
    // Someone else's innovation is refused before anything about it is checked.
    if (!may_answer(actor.grants, items[0].region_code, items[0].unit_id)) return forbidden("validation_answer");
    auto c = find_campaign(sql, campaign_id);
    if (!c || !accepts_answers(c->state))
      return Error(ErrorCode::conflict, "validation_answer: the campaign is not open (state)");
    auto errors = validate_answer(a);
    if (!errors.empty()) return invalid("validation_answer", std::move(errors));
    auto current = directory::find_innovation(sql, innovation_id);
    if (!current) return Error(ErrorCode::not_found, "validation_answer: no innovation");
    directory::Innovation next = *current;
    next.status = innovation_status(a.status);
    next.last_verified_at = now;
    if (!a.results.empty() || !a.figures.empty())
      next.results = a.results.empty() ? a.figures : (a.figures.empty() ? a.results : a.results + "\n\n" + a.figures);
    next.contact_name = a.contact_name;
    if (!a.contact_phone.empty()) next.contact_phone = a.contact_phone;
    if (!a.contact_email.empty()) next.contact_email = a.contact_email;
    auto written = write_innovation(sql, std::move(next), current->version, actor.user_id, "update",
                                    "validasi: " + c->title, now, false);
    if (!written) return written.error();
    long long cid = campaign_id, iid = innovation_id, by = actor.user_id, at = now, att = a.evidence_attachment;
    sql << "UPDATE validation_items SET status = :status, results = :results, figures = :figures, evidence_url = "
           ":url, evidence_attachment = :att, contact_name = :cn, contact_phone = :cp, contact_email = :ce, "
           "answered_by = :by, answered_at = :at WHERE campaign_id = :c AND innovation_id = :i",
        soci::use(a.status), soci::use(a.results), soci::use(a.figures), soci::use(a.evidence_url), soci::use(att),
        soci::use(a.contact_name), soci::use(a.contact_phone), soci::use(a.contact_email), soci::use(by), soci::use(at),
        soci::use(cid), soci::use(iid);
    if (auto st =
            audit_change(sql, actor, "validation.answer", "innovation", std::to_string(innovation_id),
                         {{"status", current->status}, {"last_verified_at", current->last_verified_at}},
                         {{"campaign", campaign_id}, {"status", a.status}, {"evidence_url", a.evidence_url}}, now);
        !st)
      return st.error();
    Item out = items[0];
    out.answer = a;
    out.answered_by = actor.user_id;
    out.answered_at = now;
    return out;
  });
}

}  // namespace lumbung::validation
