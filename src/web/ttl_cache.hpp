// A value recomputed at most once per `ttl` seconds, shared by all threads:
// for figures where a few seconds of staleness is fine (home page counts).
// A failed computation is not cached.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace lumbung::web {

template <class T>
class TtlCache {
 public:
  TtlCache(const Clock& clock, std::int64_t ttl_seconds) : clock_(clock), ttl_(ttl_seconds) {}

  // The next get() computes afresh (after a change this node made itself).
  void invalidate() {
    std::lock_guard lock(mu_);
    value_.reset();
  }

  Result<T> get(const std::function<Result<T>()>& compute) {
    const auto now = clock_.now();
    {
      std::lock_guard lock(mu_);
      if (value_ && now < expires_) return *value_;
    }
    // Computed outside the lock: concurrent misses may compute twice, never block each other.
    auto fresh = compute();
    if (fresh.ok()) {
      std::lock_guard lock(mu_);
      value_ = *fresh;
      expires_ = now + ttl_;
    }
    return fresh;
  }

 private:
  const Clock& clock_;
  const std::int64_t ttl_;
  std::mutex mu_;
  std::optional<T> value_;
  std::int64_t expires_ = 0;
};

}  // namespace lumbung::web
