// A value recomputed at most once per `ttl` seconds, shared by all threads:
// for figures where a few seconds of staleness is fine (home page counts).
// A failed computation is not cached.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
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

// TtlCache per key, holding at most `capacity` keys: values computed at most
// once per `ttl` seconds per key (per page for "similar innovations", which
// would otherwise query the whole index on every view). When full, expired
// keys go first, then the ones that expire soonest.
template <class K, class V>
class TtlMap {
 public:
  TtlMap(const Clock& clock, std::int64_t ttl_seconds, std::size_t capacity)
      : clock_(clock), ttl_(ttl_seconds), capacity_(capacity) {}

  Result<V> get(const K& key, const std::function<Result<V>()>& compute) {
    const auto now = clock_.now();
    {
      std::lock_guard lock(mu_);
      auto it = entries_.find(key);
      if (it != entries_.end() && now < it->second.expires) return it->second.value;
    }
    auto fresh = compute();
    if (fresh.ok()) {
      std::lock_guard lock(mu_);
      if (entries_.size() >= capacity_ && !entries_.count(key)) make_room(now);
      entries_[key] = Entry{*fresh, now + ttl_};
    }
    return fresh;
  }

  void clear() {
    std::lock_guard lock(mu_);
    entries_.clear();
  }

  std::size_t size() {
    std::lock_guard lock(mu_);
    return entries_.size();
  }

 private:
  struct Entry {
    V value;
    std::int64_t expires = 0;
  };

  // Called with mu_ held and the map full.
  void make_room(std::int64_t now) {
    std::erase_if(entries_, [now](const auto& e) { return e.second.expires <= now; });
    while (entries_.size() >= capacity_ && !entries_.empty()) {
      auto soonest = entries_.begin();
      for (auto it = entries_.begin(); it != entries_.end(); ++it)
        if (it->second.expires < soonest->second.expires) soonest = it;
      entries_.erase(soonest);
    }
  }

  const Clock& clock_;
  const std::int64_t ttl_;
  const std::size_t capacity_;
  std::mutex mu_;
  std::map<K, Entry> entries_;
};

}  // namespace lumbung::web
