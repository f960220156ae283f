#include "auth/audit.hpp"

#include <algorithm>

#include "store/database.hpp"
#include "store/row.hpp"

namespace lumbung::auth {

namespace {

constexpr const char* kInsertAudit =
    "INSERT INTO audit_log (id, actor_user_id, actor_label, action, entity, entity_id, before_json, after_json, "
    "ip, at) VALUES (:id, :actor, :label, :action, :entity, :entity_id, :before, :after, :ip, :at)";

// Every filter is a flag plus a value so the statement text never changes.
constexpr const char* kListAudit =
    "SELECT id, actor_user_id, actor_label, action, entity, entity_id, before_json, after_json, ip, at "
    "FROM audit_log WHERE (:has_actor = 0 OR actor_user_id = :actor) "
    "AND (:has_entity = 0 OR entity = :entity) "
    "AND (:has_entity_id = 0 OR entity_id = :entity_id) "
    "AND (:has_action = 0 OR action = :action) "
    "AND (:has_from = 0 OR at >= :from_at) "
    "AND (:has_to = 0 OR at < :to_at) "
    "AND (:has_before = 0 OR id < :before_id) "
    "ORDER BY id DESC LIMIT :limit";

}  // namespace

Status append_audit(soci::session& sql, const AuditRecord& record) {
  auto id = store::next_id(sql, "audit_log");
  if (!id) return id.error();
  try {
    long long lid = *id, actor = record.actor_user_id, at = record.at;
    sql << kInsertAudit, soci::use(lid, "id"), soci::use(actor, "actor"), soci::use(record.actor_label, "label"),
        soci::use(record.action, "action"), soci::use(record.entity, "entity"),
        soci::use(record.entity_id, "entity_id"), soci::use(record.before_json, "before"),
        soci::use(record.after_json, "after"), soci::use(record.ip, "ip"), soci::use(at, "at");
  } catch (const soci::soci_error& e) {
    return store::translate_sql_error(e, "append_audit");
  }
  return {};
}

Result<std::vector<AuditRecord>> list_audit(soci::session& sql, const AuditFilter& f) {
  int has_actor = f.actor ? 1 : 0, has_entity = f.entity.empty() ? 0 : 1, has_entity_id = f.entity_id.empty() ? 0 : 1,
      has_action = f.action.empty() ? 0 : 1, has_from = f.from ? 1 : 0, has_to = f.to ? 1 : 0,
      has_before = f.before_id > 0 ? 1 : 0;
  long long actor = f.actor.value_or(0), from_at = f.from.value_or(0), to_at = f.to.value_or(0),
            before_id = f.before_id;
  int limit = std::clamp(f.limit, 1, 500);
  std::vector<AuditRecord> out;
  try {
    soci::rowset<soci::row> rs =
        (sql.prepare << kListAudit, soci::use(has_actor, "has_actor"), soci::use(actor, "actor"),
         soci::use(has_entity, "has_entity"), soci::use(f.entity, "entity"), soci::use(has_entity_id, "has_entity_id"),
         soci::use(f.entity_id, "entity_id"), soci::use(has_action, "has_action"), soci::use(f.action, "action"),
         soci::use(has_from, "has_from"), soci::use(from_at, "from_at"), soci::use(has_to, "has_to"),
         soci::use(to_at, "to_at"), soci::use(has_before, "has_before"), soci::use(before_id, "before_id"),
         soci::use(limit, "limit"));
    for (const auto& r : rs) {
      AuditRecord a;
      a.id = store::get_int64(r, 0);
      a.actor_user_id = store::get_int64(r, 1);
      a.actor_label = store::get_text(r, 2);
      a.action = store::get_text(r, 3);
      a.entity = store::get_text(r, 4);
      a.entity_id = store::get_text(r, 5);
      a.before_json = store::get_text(r, 6);
      a.after_json = store::get_text(r, 7);
      a.ip = store::get_text(r, 8);
      a.at = store::get_int64(r, 9);
      out.push_back(std::move(a));
    }
  } catch (const soci::soci_error& e) {
    return store::translate_sql_error(e, "list_audit");
  }
  return out;
}

}  // namespace lumbung::auth
