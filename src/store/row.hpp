// Reading soci::row columns the same way on both engines. SQLite reports a
// column's type from its declaration (or as text for expressions), PostgreSQL
// from the wire type, so a BIGINT may arrive as int, long long or string.
#pragma once

#include <cstdint>
#include <string>

#include <soci/soci.h>

namespace lumbung::store {

inline std::int64_t get_int64(const soci::row& r, std::size_t i, std::int64_t if_null = 0) {
  if (r.get_indicator(i) == soci::i_null) return if_null;
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_integer: return r.get<int>(i);
    case soci::dt_long_long: return r.get<long long>(i);
    case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(r.get<unsigned long long>(i));
    case soci::dt_double: return static_cast<std::int64_t>(r.get<double>(i));
    case soci::dt_string: return std::stoll(r.get<std::string>(i));
    default: return if_null;
  }
}

inline std::string get_text(const soci::row& r, std::size_t i) {
  if (r.get_indicator(i) == soci::i_null) return {};
  switch (r.get_properties(i).get_data_type()) {
    case soci::dt_string: return r.get<std::string>(i);
    case soci::dt_integer: return std::to_string(r.get<int>(i));
    case soci::dt_long_long: return std::to_string(r.get<long long>(i));
    default: return {};
  }
}

}  // namespace lumbung::store
