// The SQL layer: a pool of SOCI sessions on SQLite (embedded default) or
// PostgreSQL, and a transaction helper. Domain stores write their SQL against
// soci::session with bound values; engine differences stay in this module.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>

#include <soci/soci.h>

#include "core/log.hpp"
#include "core/result.hpp"

namespace lumbung::store {

enum class Engine { sqlite, postgresql };

class Database {
 public:
  // url: empty -> SQLite file <data_dir>/lumbung.db (directory created);
  // "sqlite:PATH" -> that SQLite file; "postgresql://..." -> PostgreSQL.
  // SQLite opens with WAL, foreign_keys=ON and a busy timeout.
  static Result<std::unique_ptr<Database>> open(const std::string& url, const std::filesystem::path& data_dir,
                                                int pool_size, Logger log);
  ~Database();

  Engine engine() const { return engine_; }

  // A pooled session, returned to the pool when the lease is destroyed.
  class Lease {
   public:
    Lease(Database& db, std::size_t slot);
    Lease(Lease&& other) noexcept;
    ~Lease();
    soci::session& operator*() const;
    soci::session* operator->() const;

   private:
    Database* db_;
    std::size_t slot_;
  };
  Lease acquire();
  // Sessions leased right now, and callers waiting for one (for /metrics).
  int sessions_in_use() const { return in_use_.load(std::memory_order_relaxed); }
  int sessions_awaited() const { return waiting_.load(std::memory_order_relaxed); }

  // Runs fn(session) in one transaction. Commits when fn returns ok, rolls back
  // when it returns an error or throws (SOCI errors are translated with
  // translate_sql_error; other exceptions propagate after rollback).
  // F: (soci::session&) -> Result<T> (or Status). Retries a few times when
  // SQLite reports the database busy before the first statement ran.
  // Write transactions only: on SQLite every transact() takes the write lock;
  // plain reads use acquire() and run in autocommit mode.
  // Thread-safe: each call leases its own session (blocks while all are in use).
  template <class F>
  auto transact(const char* operation, F&& fn) -> decltype(fn(std::declval<soci::session&>()));

 private:
  Database(Engine engine, std::unique_ptr<soci::connection_pool> pool, std::size_t size, Logger log);
  friend class Lease;
  // BEGIN IMMEDIATE on SQLite (takes the write lock up front, so two writers
  // never deadlock upgrading a read lock), BEGIN on PostgreSQL.
  void begin(soci::session& sql);
  // ROLLBACK, ignoring failures (the connection may already be gone).
  void rollback_quietly(soci::session& sql) noexcept;
  Engine engine_;
  std::unique_ptr<soci::connection_pool> pool_;
  std::size_t size_;
  Logger log_;
  std::atomic<int> in_use_{0};
  std::atomic<int> waiting_{0};
};

// Maps a SOCI failure to an Error: unique/foreign-key violations -> conflict,
// SQLITE_BUSY/LOCKED and lost connections -> unavailable, the rest -> internal.
// `operation` prefixes the message.
Error translate_sql_error(const std::exception& e, const char* operation);

// Next id for `name` (a table name), from the id_sequences table, inside the
// caller's transaction. Portable on both engines; in PostgreSQL the row lock
// also orders concurrent writers so ids commit in increasing order.
Result<std::int64_t> next_id(soci::session& sql, const std::string& name);

}  // namespace lumbung::store

#include "store/database_impl.hpp"
