// The one place where SOCI/driver failures become Errors.
#include <cstring>
#include <string>

#include <soci/postgresql/soci-postgresql.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "store/database.hpp"

namespace lumbung::store {
namespace {

// SQLite primary result codes (sqlite3.h); SOCI 4.0.3 reports every SQLite
// failure with category "unknown", so the raw code is all we can go by.
constexpr int kSqliteBusy = 5;
constexpr int kSqliteLocked = 6;
constexpr int kSqliteConstraint = 19;

ErrorCode from_sqlstate(const std::string& state) {
  if (state == "23505" || state == "23503" || state == "23P01") return ErrorCode::conflict;
  if (state.rfind("08", 0) == 0) return ErrorCode::unavailable;          // connection exception
  if (state == "40001" || state == "40P01") return ErrorCode::unavailable;  // serialization, deadlock
  if (state == "55P03" || state == "53300" || state == "57P01" || state == "57P03") {
    return ErrorCode::unavailable;  // lock not available, too many connections, shutdown
  }
  return ErrorCode::internal;
}

ErrorCode from_sqlite(int result) {
  switch (result & 0xff) {  // extended codes carry the primary code in the low byte
    case kSqliteConstraint: return ErrorCode::conflict;
    case kSqliteBusy:
    case kSqliteLocked: return ErrorCode::unavailable;
    default: return ErrorCode::internal;
  }
}

ErrorCode from_category(soci::soci_error::error_category category) {
  switch (category) {
    case soci::soci_error::connection_error: return ErrorCode::unavailable;
    case soci::soci_error::constraint_violation: return ErrorCode::conflict;
    default: return ErrorCode::internal;
  }
}

// SOCI messages may be multi-line; keep them on one log line.
std::string one_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& c : text) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return text;
}

}  // namespace

Error translate_sql_error(const std::exception& e, const char* operation) {
  const std::string prefix = std::string(operation) + ": ";
  if (const auto* pg = dynamic_cast<const soci::postgresql_soci_error*>(&e)) {
    // get_error_message() leaves out the query text and bound values.
    return Error(from_sqlstate(pg->sqlstate()),
                 prefix + one_line(pg->get_error_message()) + " (sqlstate " + pg->sqlstate() + ")");
  }
  if (const auto* lite = dynamic_cast<const soci::sqlite3_soci_error*>(&e)) {
    return Error(from_sqlite(lite->result()), prefix + one_line(lite->get_error_message()));
  }
  if (const auto* soci_e = dynamic_cast<const soci::soci_error*>(&e)) {
    return Error(from_category(soci_e->get_error_category()), prefix + one_line(soci_e->get_error_message()));
  }
  return Error(ErrorCode::internal, prefix + one_line(e.what()));
}

}  // namespace lumbung::store
