// Template part of database.hpp: Database::transact. Included at the end of
// database.hpp; do not include directly.
#pragma once

#include <exception>
#include <type_traits>
#include <utility>

namespace lumbung::store {

template <class F>
auto Database::transact(const char* operation, F&& fn) -> decltype(fn(std::declval<soci::session&>())) {
  using R = decltype(fn(std::declval<soci::session&>()));
  // SQLite: the busy timeout already waits 5 s per attempt; retrying BEGIN a few
  // more times rides out a long checkpoint or a burst of writers.
  const int attempts = engine_ == Engine::sqlite ? 5 : 1;
  for (int attempt = 1;; ++attempt) {
    Lease lease = acquire();
    soci::session& sql = *lease;
    bool began = false;
    try {
      begin(sql);
      began = true;
      R result = fn(sql);
      if (result.ok()) {
        sql.commit();
      } else {
        rollback_quietly(sql);
      }
      return result;
    } catch (const soci::soci_error& e) {
      if (began) rollback_quietly(sql);
      Error error = translate_sql_error(e, operation);
      // Retry only when BEGIN itself was refused: fn has not run, so a retry
      // cannot repeat its side effects.
      if (!began && error.code() == ErrorCode::unavailable && attempt < attempts) continue;
      return R(std::move(error));
    } catch (...) {
      if (began) rollback_quietly(sql);
      throw;
    }
  }
}

}  // namespace lumbung::store
