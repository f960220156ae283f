// The foundation's innovation table as a search EntitySource, plus writes that
// append to the outbox in the same transaction — what a domain module does.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "search/search_index.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"

namespace lumbung::test {

inline constexpr unsigned kSectorSlot = 0;

// Published innovations are searchable; any other state leaves the index.
inline search::EntitySource innovation_source() {
  search::EntitySource source;
  source.load = [](soci::session& sql, std::int64_t id) -> Result<std::optional<search::IndexDocument>> {
    try {
      std::string name, summary, sector, state;
      long long id_v = id;
      sql << "SELECT name, summary, sector, state FROM innovations WHERE id = :id", soci::use(id_v, "id"),
          soci::into(name), soci::into(summary), soci::into(sector), soci::into(state);
      if (!sql.got_data() || state != "published") return std::optional<search::IndexDocument>();
      search::IndexDocument doc;
      doc.entity = "innovation";
      doc.id = id;
      doc.fields = {{"S", name, 3}, {"", summary, 1}};
      doc.values[kSectorSlot] = sector;
      if (!sector.empty()) doc.boolean_terms.push_back("XS" + sector);
      doc.data = name;
      return std::optional<search::IndexDocument>(std::move(doc));
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "load_innovation");
    }
  };
  source.list_ids = [](soci::session& sql) -> Result<std::vector<std::int64_t>> {
    try {
      std::vector<std::int64_t> ids;
      long long id = 0;
      soci::statement st = (sql.prepare << "SELECT id FROM innovations ORDER BY id", soci::into(id));
      st.execute();
      while (st.fetch()) ids.push_back(id);
      return ids;
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "list_innovations");
    }
  };
  return source;
}

// An innovation source whose Nth load (1-based, counted across calls) fails,
// like a database hiccup in the middle of a batch. fail_at = 0: never.
struct FlakySource {
  std::shared_ptr<std::atomic<int>> loads = std::make_shared<std::atomic<int>>(0);
  std::shared_ptr<std::atomic<int>> fail_at = std::make_shared<std::atomic<int>>(0);

  search::EntitySource source() const {
    search::EntitySource real = innovation_source();
    search::EntitySource flaky = real;
    flaky.load = [real, loads = loads, fail_at = fail_at](soci::session& sql, std::int64_t id)
        -> Result<std::optional<search::IndexDocument>> {
      const int n = ++*loads;
      if (*fail_at != 0 && n == *fail_at) {
        return make_error(ErrorCode::unavailable, "load_innovation: injected failure");
      }
      return real.load(sql, id);
    };
    return flaky;
  }
};

inline Result<std::int64_t> create_innovation(store::Database& db, const std::string& name,
                                              const std::string& summary, const std::string& state = "published",
                                              const std::string& sector = "") {
  return db.transact("create_innovation", [&](soci::session& sql) -> Result<std::int64_t> {
    auto id = store::next_id(sql, "innovations");
    if (!id) return id.error();
    long long id_v = *id;
    sql << "INSERT INTO innovations (id, name, summary, sector, state, version, created_at, updated_at) "
           "VALUES (:id, :name, :summary, :sector, :state, 1, 100, 100)",
        soci::use(id_v, "id"), soci::use(name, "name"), soci::use(summary, "summary"), soci::use(sector, "sector"),
        soci::use(state, "state");
    if (auto st = store::append_outbox(sql, "innovation", *id, 1, 100); !st) return st.error();
    return *id;
  });
}

inline Status update_innovation(store::Database& db, std::int64_t id, const std::string& name,
                                const std::string& summary, const std::string& state = "published") {
  return db.transact("update_innovation", [&](soci::session& sql) -> Status {
    long long id_v = id, version = 0;
    sql << "UPDATE innovations SET name = :name, summary = :summary, state = :state, version = version + 1 "
           "WHERE id = :id RETURNING version",
        soci::use(name, "name"), soci::use(summary, "summary"), soci::use(state, "state"), soci::use(id_v, "id"),
        soci::into(version);
    if (!sql.got_data()) return make_error(ErrorCode::not_found, "update_innovation: no such innovation");
    return store::append_outbox(sql, "innovation", id, version, 200);
  });
}

}  // namespace lumbung::test
