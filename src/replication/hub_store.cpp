#include "replication/hub_store.hpp"

#include "store/row.hpp"

namespace lumbung::replication {

namespace {

using store::get_int64;
using store::get_text;

constexpr const char* kHubColumns =
    "SELECT id, kind, name, region_code, description, created_at, updated_at FROM replication_hubs ";
constexpr const char* kInsertHub =
    "INSERT INTO replication_hubs (id, kind, name, region_code, description, created_at, updated_at) "
    "VALUES (:id, :kind, :name, :region_code, :description, :created_at, :updated_at)";
constexpr const char* kUpdateHub =
    "UPDATE replication_hubs SET kind = :kind, name = :name, region_code = :region_code, description = :description, "
    "updated_at = :updated_at WHERE id = :id";
constexpr const char* kDeleteMembers = "DELETE FROM replication_hub_members WHERE hub_id = :id";
constexpr const char* kDeleteAdmins = "DELETE FROM replication_hub_admins WHERE hub_id = :id";
constexpr const char* kInsertMember = "INSERT INTO replication_hub_members (hub_id, region_code) VALUES (:id, :code)";
constexpr const char* kInsertAdmin = "INSERT INTO replication_hub_admins (hub_id, user_id) VALUES (:id, :user)";
constexpr const char* kSelectMembers =
    "SELECT region_code FROM replication_hub_members WHERE hub_id = :id ORDER BY region_code";
constexpr const char* kDeleteUnits = "DELETE FROM replication_hub_units WHERE hub_id = :id";
constexpr const char* kInsertUnit = "INSERT INTO replication_hub_units (hub_id, unit_id) VALUES (:id, :unit)";
constexpr const char* kSelectUnits = "SELECT unit_id FROM replication_hub_units WHERE hub_id = :id ORDER BY unit_id";
constexpr const char* kSelectAdmins = "SELECT user_id FROM replication_hub_admins WHERE hub_id = :id ORDER BY user_id";
constexpr const char* kEventColumns =
    "SELECT id, hub_id, title, held_on, mode, agenda, attendees, outcome, created_at, created_by "
    "FROM replication_hub_events WHERE hub_id = :id ORDER BY held_on DESC, id DESC";
constexpr const char* kInsertEvent =
    "INSERT INTO replication_hub_events (id, hub_id, title, held_on, mode, agenda, attendees, outcome, created_at, "
    "created_by) VALUES (:id, :hub_id, :title, :held_on, :mode, :agenda, :attendees, :outcome, :created_at, "
    ":created_by)";
constexpr const char* kUserByEmail = "SELECT id FROM users WHERE email = :email AND active = 1";
constexpr const char* kEmailOfUser = "SELECT email FROM users WHERE id = :id";
constexpr const char* kPublishedInRegion =
    "SELECT id, name, slug, region_code FROM innovations WHERE state = 'published' AND region_code = :code "
    "ORDER BY published_at DESC, id DESC LIMIT :lim";

Hub hub_from(const soci::row& r) {
  Hub h;
  h.id = get_int64(r, 0);
  h.kind = get_text(r, 1);
  h.name = get_text(r, 2);
  h.region_code = get_text(r, 3);
  h.description = get_text(r, 4);
  h.created_at = get_int64(r, 5);
  h.updated_at = get_int64(r, 6);
  return h;
}

void load_people(soci::session& sql, Hub& h) {
  long long id = h.id;
  {
    soci::rowset<soci::row> rs = (sql.prepare << kSelectMembers, soci::use(id, "id"));
    for (const auto& r : rs) h.members.push_back(get_text(r, 0));
  }
  {
    soci::rowset<soci::row> rs = (sql.prepare << kSelectUnits, soci::use(id, "id"));
    for (const auto& r : rs) h.units.push_back(get_int64(r, 0));
  }
  soci::rowset<soci::row> rs = (sql.prepare << kSelectAdmins, soci::use(id, "id"));
  for (const auto& r : rs) h.admins.push_back(get_int64(r, 0));
}

void write(soci::session& sql, bool insert, const Hub& h) {
  long long id = h.id, created = h.created_at, updated = h.updated_at;
  if (insert)
    sql << kInsertHub, soci::use(id, "id"), soci::use(h.kind, "kind"), soci::use(h.name, "name"),
        soci::use(h.region_code, "region_code"), soci::use(h.description, "description"),
        soci::use(created, "created_at"), soci::use(updated, "updated_at");
  else
    sql << kUpdateHub, soci::use(h.kind, "kind"), soci::use(h.name, "name"), soci::use(h.region_code, "region_code"),
        soci::use(h.description, "description"), soci::use(updated, "updated_at"), soci::use(id, "id");
}

}  // namespace

void insert_hub(soci::session& sql, const Hub& hub) { write(sql, true, hub); }
void update_hub(soci::session& sql, const Hub& hub) { write(sql, false, hub); }

void replace_hub_people(soci::session& sql, const Hub& hub) {
  long long id = hub.id;
  sql << kDeleteMembers, soci::use(id, "id");
  sql << kDeleteAdmins, soci::use(id, "id");
  sql << kDeleteUnits, soci::use(id, "id");
  for (auto unit : hub.units) {
    long long u = unit;
    sql << kInsertUnit, soci::use(id, "id"), soci::use(u, "unit");
  }
  for (const auto& code : hub.members) sql << kInsertMember, soci::use(id, "id"), soci::use(code, "code");
  for (auto user : hub.admins) {
    long long u = user;
    sql << kInsertAdmin, soci::use(id, "id"), soci::use(u, "user");
  }
}

std::vector<Hub> list_hubs(soci::session& sql) {
  std::vector<Hub> out;
  {
    soci::rowset<soci::row> rs = sql.prepare << std::string(kHubColumns) + "ORDER BY name, id";
    for (const auto& r : rs) out.push_back(hub_from(r));
  }
  for (auto& h : out) load_people(sql, h);
  return out;
}

std::optional<Hub> find_hub(soci::session& sql, std::int64_t id) {
  long long lid = id;
  std::optional<Hub> out;
  {
    soci::rowset<soci::row> rs = (sql.prepare << std::string(kHubColumns) + "WHERE id = :id", soci::use(lid, "id"));
    for (const auto& r : rs) out = hub_from(r);
  }
  if (out) load_people(sql, *out);
  return out;
}

void insert_hub_event(soci::session& sql, const HubEvent& e) {
  long long id = e.id, hub = e.hub_id, created = e.created_at, by = e.created_by;
  sql << kInsertEvent, soci::use(id, "id"), soci::use(hub, "hub_id"), soci::use(e.title, "title"),
      soci::use(e.held_on, "held_on"), soci::use(e.mode, "mode"), soci::use(e.agenda, "agenda"),
      soci::use(e.attendees, "attendees"), soci::use(e.outcome, "outcome"), soci::use(created, "created_at"),
      soci::use(by, "created_by");
}

std::vector<HubEvent> list_hub_events(soci::session& sql, std::int64_t hub_id) {
  long long id = hub_id;
  std::vector<HubEvent> out;
  soci::rowset<soci::row> rs = (sql.prepare << kEventColumns, soci::use(id, "id"));
  for (const auto& r : rs)
    out.push_back(HubEvent{get_int64(r, 0), get_int64(r, 1), get_text(r, 2), get_text(r, 3), get_text(r, 4),
                           get_text(r, 5), get_text(r, 6), get_text(r, 7), get_int64(r, 8), get_int64(r, 9)});
  return out;
}

std::optional<std::int64_t> user_id_by_email(soci::session& sql, const std::string& email) {
  soci::rowset<soci::row> rs = (sql.prepare << kUserByEmail, soci::use(email, "email"));
  for (const auto& r : rs) return get_int64(r, 0);
  return std::nullopt;
}

std::string email_of_user(soci::session& sql, std::int64_t user_id) {
  long long id = user_id;
  soci::rowset<soci::row> rs = (sql.prepare << kEmailOfUser, soci::use(id, "id"));
  for (const auto& r : rs) return get_text(r, 0);
  return {};
}

std::vector<std::int64_t> hub_unit_admins(soci::session& sql, std::int64_t hub_id) {
  long long id = hub_id;
  std::vector<std::int64_t> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT DISTINCT g.user_id FROM user_grants g JOIN users u ON u.id = g.user_id JOIN "
                      "replication_hub_units h ON g.scope_ref = CAST(h.unit_id AS TEXT) WHERE h.hub_id = :id AND "
                      "g.scope_kind = 'unit' AND u.active = 1 ORDER BY g.user_id",
       soci::use(id, "id"));
  for (const auto& r : rs) out.push_back(get_int64(r, 0));
  return out;
}

std::string unit_name(soci::session& sql, std::int64_t id) {
  long long uid = id;
  std::string name;
  soci::indicator ind = soci::i_ok;
  sql << "SELECT name FROM units WHERE id = :id", soci::use(uid, "id"), soci::into(name, ind);
  return sql.got_data() && ind == soci::i_ok ? name : std::string();
}

std::vector<HubInnovation> published_in_unit(soci::session& sql, std::int64_t unit_id, int limit) {
  long long id = unit_id;
  std::vector<HubInnovation> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << "SELECT id, name, slug, region_code FROM innovations WHERE state = 'published' AND unit_id = "
                      ":id ORDER BY published_at DESC, id DESC LIMIT :lim",
       soci::use(id, "id"), soci::use(limit, "lim"));
  for (const auto& r : rs) out.push_back({get_int64(r, 0), get_text(r, 1), get_text(r, 2), get_text(r, 3)});
  return out;
}

std::vector<HubInnovation> published_in_region(soci::session& sql, const std::string& region_code, int limit) {
  std::vector<HubInnovation> out;
  soci::rowset<soci::row> rs =
      (sql.prepare << kPublishedInRegion, soci::use(region_code, "code"), soci::use(limit, "lim"));
  for (const auto& r : rs) out.push_back({get_int64(r, 0), get_text(r, 1), get_text(r, 2), get_text(r, 3)});
  return out;
}

}  // namespace lumbung::replication
