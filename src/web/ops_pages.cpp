// /readyz and the operational gauges appended to /metrics.
#include "search/search_index.hpp"
#include "store/migrate.hpp"
#include "store/outbox.hpp"
#include "web/readiness.hpp"
#include "web/site.hpp"

namespace lumbung::web {
namespace {

// Reads what readiness and the gauges report; failures leave fields unset.
ReadinessFacts observe(const Site& site, http::RequestContext* ctx) {
  ReadinessFacts f;
  f.has_index = site.search != nullptr;
  if (site.search) f.index_position = site.search->position();
  try {
    auto sql = site.db.acquire();
    int one = 0;
    *sql << "SELECT 1", soci::into(one);
    f.database_reachable = one == 1;
    if (auto head = store::outbox_head(*sql)) f.outbox_head = *head;
  } catch (const std::exception& e) {
    if (ctx) site.log->warn("{} readyz: database: {}", ctx->request_id, e.what());
  }
  if (f.database_reachable) {
    // The migrations shipped beside static/ in the resource directory.
    if (auto schema = store::schema_status(site.db, site.static_dir.parent_path() / "migrations")) {
      f.schema_files_version = schema->files_version;
      f.schema_database_version = schema->database_version;
    } else if (ctx) {
      site.log->warn("{} readyz: {}", ctx->request_id, schema.error().message());
    }
  }
  return f;
}

void gauge(std::string& out, const char* name, const char* help, double value) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " ";
  out += std::to_string(static_cast<long long>(value)) + "\n";
}

}  // namespace

// 200 when the database answers, its schema is this release's and the search
// index has caught up with the outbox; else 503 naming what is not ready.
http::Response get_ready(const Site& site, const http::Request&, http::RequestContext& ctx) {
  const auto readiness = assess_readiness(observe(site, &ctx));
  auto r = http::Response::json(readiness.body.dump(), readiness.ready ? 200 : 503);
  r.cacheable = false;
  return r;
}

std::string ops_metrics(const Site& site) {
  const auto f = observe(site, nullptr);
  std::string out;
  gauge(out, "lumbung_db_pool_size", "Database connections in the pool.", site.config.db_pool_size);
  gauge(out, "lumbung_db_sessions_in_use", "Database sessions leased right now.",
        site.db.sessions_in_use());
  gauge(out, "lumbung_db_sessions_awaited", "Callers waiting for a free database session.",
        site.db.sessions_awaited());
  gauge(out, "lumbung_database_up", "1 when the database answers.", f.database_reachable ? 1 : 0);
  if (f.schema_database_version)
    gauge(out, "lumbung_schema_version", "Highest migration applied to the database.", *f.schema_database_version);
  if (f.outbox_head) gauge(out, "lumbung_outbox_head", "Newest outbox entry id.", static_cast<double>(*f.outbox_head));
  if (site.search) {
    gauge(out, "lumbung_index_position", "Last outbox entry id applied to this node's search index.",
          static_cast<double>(f.index_position));
    gauge(out, "lumbung_index_documents", "Documents in this node's search index.",
          static_cast<double>(site.search->document_count()));
    if (f.outbox_head)
      gauge(out, "lumbung_outbox_lag", "Outbox entries not yet in this node's search index.",
            static_cast<double>(*f.outbox_head > f.index_position ? *f.outbox_head - f.index_position : 0));
  }
  return out;
}

}  // namespace lumbung::web
