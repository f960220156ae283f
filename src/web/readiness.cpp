#include "web/readiness.hpp"

namespace lumbung::web {

Readiness assess_readiness(const ReadinessFacts& f) {
  Readiness r;
  auto& b = r.body;
  b["not_ready"] = nlohmann::json::array();
  auto mark = [&](const char* what, std::string detail, bool ok) {
    b[what] = ok ? std::string("ok") : std::move(detail);
    if (!ok) b["not_ready"].push_back(what);
  };
  mark("database", "unreachable", f.database_reachable);

  if (!f.database_reachable || !f.schema_database_version || !f.schema_files_version) {
    mark("migrations", "unknown", false);
  } else {
    // A database ahead of this release is fine: migrations only add, and during
    // a rolling upgrade the nodes not yet upgraded keep serving.
    const bool current = *f.schema_database_version >= *f.schema_files_version;
    mark("migrations",
         "database at version " + std::to_string(*f.schema_database_version) + ", this release needs " +
             std::to_string(*f.schema_files_version),
         current);
    b["schema_version"] = *f.schema_database_version;
  }

  if (!f.has_index) {
    mark("index", "no search index in this process", false);
  } else if (!f.outbox_head) {
    mark("index", "unknown (outbox unreadable)", false);
  } else {
    const std::int64_t lag = *f.outbox_head > f.index_position ? *f.outbox_head - f.index_position : 0;
    mark("index", std::to_string(lag) + " outbox entries behind", lag <= kReadyMaxIndexLag);
    b["outbox_lag"] = lag;
  }
  r.ready = b["not_ready"].empty();
  b["status"] = r.ready ? "ready" : "not_ready";
  return r;
}

}  // namespace lumbung::web
