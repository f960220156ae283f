#include "validation/innovation_write.hpp"

#include "auth/audit.hpp"
#include "directory/innovation_json.hpp"
#include "directory/innovation_store.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"

namespace lumbung::validation {

Result<directory::Innovation> write_innovation(soci::session& sql, directory::Innovation next,
                                               std::int64_t current_version, std::int64_t actor, const char* action,
                                               const std::string& comment, std::int64_t now, bool awards_changed) {
  next.version = current_version + 1;
  next.updated_at = now;
  next.updated_by = actor;
  if (!directory::update_innovation(sql, next, current_version))
    return Error(ErrorCode::conflict, "write_innovation: changed concurrently (version)");
  if (awards_changed) directory::replace_awards(sql, next.id, next.awards);
  auto rev = store::next_id(sql, "innovation_revisions");
  if (!rev) return rev.error();
  directory::RevisionInserter(sql).insert(
      {*rev, next.id, next.version, actor, now, action, directory::to_json(next).dump(), comment});
  if (auto st = store::append_outbox(sql, "innovation", next.id, next.version, now); !st) return st.error();
  return next;
}

Status audit_change(soci::session& sql, const auth::Actor& actor, const std::string& action, const char* entity,
                    const std::string& id, const nlohmann::json& before, const nlohmann::json& after,
                    std::int64_t now) {
  auto text = [](const nlohmann::json& j) {
    return j.is_null() ? std::string() : j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  auth::AuditRecord record;
  record.actor_user_id = actor.user_id;
  record.actor_label = actor.label;
  record.action = action;
  record.entity = entity;
  record.entity_id = id;
  record.before_json = text(before);
  record.after_json = text(after);
  record.ip = actor.ip;
  record.at = now;
  return auth::append_audit(sql, record);
}

}  // namespace lumbung::validation
