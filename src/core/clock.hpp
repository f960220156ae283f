// Time as a seam: production code asks a Clock, tests hand in a FakeClock.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace lumbung {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the Unix epoch, UTC. Thread-safe.
  virtual std::int64_t now() const = 0;
};

class SystemClock final : public Clock {
 public:
  std::int64_t now() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(std::int64_t start = 1'700'000'000) : now_(start) {}
  std::int64_t now() const override { return now_.load(); }
  void advance(std::int64_t seconds) { now_ += seconds; }
  void set(std::int64_t t) { now_ = t; }

 private:
  std::atomic<std::int64_t> now_;
};

// "2026-11-24T06:02:22Z" for a Unix time.
std::string format_iso8601(std::int64_t unix_seconds);

}  // namespace lumbung
