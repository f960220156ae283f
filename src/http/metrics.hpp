// Request metrics in Prometheus text format: requests by route and status,
// a latency histogram overall and one per route, in-flight gauge. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::http {

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;
  void request_started();
  // `seconds`: from the complete request to the serialized response.
  void request_finished(std::string_view route, unsigned status, double seconds);
  // Prometheus exposition text (text/plain; version=0.0.4).
  std::string render() const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace lumbung::http
