#include "core/result.hpp"

namespace lumbung {

const char* to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid: return "invalid";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::unauthenticated: return "unauthenticated";
    case ErrorCode::too_many: return "too_many";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

}  // namespace lumbung
