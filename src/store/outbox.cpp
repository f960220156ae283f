#include "store/outbox.hpp"

#include "store/database.hpp"

namespace lumbung::store {
namespace {

constexpr const char* kInsertOutbox =
    "INSERT INTO outbox (id, entity, entity_id, version, created_at) "
    "VALUES (:id, :entity, :entity_id, :version, :created_at)";
constexpr const char* kReadOutbox =
    "SELECT id, entity, entity_id, version, created_at FROM outbox WHERE id > :after ORDER BY id LIMIT :limit";
constexpr const char* kOutboxHead = "SELECT COALESCE(MAX(id), 0) FROM outbox";

}  // namespace

Status append_outbox(soci::session& sql, const std::string& entity, std::int64_t entity_id, std::int64_t version,
                     std::int64_t now) {
  // next_id locks the "outbox" sequence row until commit (PostgreSQL), so
  // outbox ids become visible in increasing order: a consumer reading
  // "id > last seen" never skips a row that commits later with a lower id.
  auto id = next_id(sql, "outbox");
  if (!id) return id.error();
  try {
    long long id_v = *id, entity_id_v = entity_id, version_v = version, now_v = now;
    sql << kInsertOutbox, soci::use(id_v, "id"), soci::use(entity, "entity"), soci::use(entity_id_v, "entity_id"),
        soci::use(version_v, "version"), soci::use(now_v, "created_at");
  } catch (const soci::soci_error& e) {
    return translate_sql_error(e, "append_outbox");
  }
  return {};
}

Result<std::vector<OutboxEntry>> read_outbox(soci::session& sql, std::int64_t after, int limit) {
  std::vector<OutboxEntry> entries;
  if (limit <= 0) return entries;
  try {
    long long after_v = after, id = 0, entity_id = 0, version = 0, created_at = 0;
    int limit_v = limit;
    std::string entity;
    soci::statement st = (sql.prepare << kReadOutbox, soci::use(after_v, "after"), soci::use(limit_v, "limit"),
                          soci::into(id), soci::into(entity), soci::into(entity_id), soci::into(version),
                          soci::into(created_at));
    st.execute();
    while (st.fetch()) {
      entries.push_back(OutboxEntry{id, entity, entity_id, version, created_at});
    }
  } catch (const soci::soci_error& e) {
    return translate_sql_error(e, "read_outbox");
  }
  return entries;
}

Result<std::int64_t> outbox_head(soci::session& sql) {
  try {
    long long head = 0;
    sql << kOutboxHead, soci::into(head);
    return static_cast<std::int64_t>(head);
  } catch (const soci::soci_error& e) {
    return translate_sql_error(e, "outbox_head");
  }
}

}  // namespace lumbung::store
