// Result<T> and Error: how every fallible call in Lumbung reports failure.
//
// An Error carries a code from a small fixed set, a message for logs in the
// form "operation: problem (key)", and optional per-field errors whose `key`
// is an i18n key shown to the user. Codes never name HTTP statuses: web/ and
// api/ map them with http_status().
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace lumbung {

enum class ErrorCode {
  invalid,          // input failed validation
  not_found,        // the entity does not exist (or is not visible to the caller)
  conflict,         // unique key or version clash
  forbidden,        // the caller may not do this
  unauthenticated,  // the caller must log in first
  too_many,         // rate limit hit
  unavailable,      // a resource is busy or down; retrying may help
  internal,         // a bug or an unexpected failure
};

// Stable name of a code, e.g. "not_found"; used in logs and problem+json.
const char* to_string(ErrorCode code);

struct FieldError {
  std::string field;  // form or JSON field name
  std::string key;    // i18n key of the message, e.g. "error.required"
};

class Error {
 public:
  Error(ErrorCode code, std::string message, std::vector<FieldError> fields = {})
      : code_(code), message_(std::move(message)), fields_(std::move(fields)) {}

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& fields() const { return fields_; }

 private:
  ErrorCode code_;
  std::string message_;
  std::vector<FieldError> fields_;
};

inline Error make_error(ErrorCode code, std::string message) { return Error(code, std::move(message)); }

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *e_; }

 private:
  std::optional<Error> e_;
};

using Status = Result<void>;

}  // namespace lumbung
