#include "http/metrics.hpp"

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <utility>

#include <fmt/format.h>

namespace lumbung::http {
namespace {

constexpr std::array<double, 14> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                             0.25,  0.5,    1.0,   2.5,  5.0,   7.5, 10.0};

// Prometheus label value escaping: backslash, double quote, newline.
std::string escape_label(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') out += "\\\\";
    else if (c == '"') out += "\\\"";
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out;
}

// One latency histogram (non-cumulative bucket counts).
struct Histogram {
  std::array<std::uint64_t, kBuckets.size()> bucket_counts{};
  double sum = 0;
  std::uint64_t count = 0;
  void add(double seconds) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      if (seconds <= kBuckets[i]) {
        ++bucket_counts[i];
        break;
      }
    }
    sum += seconds;
    ++count;
  }
};

}  // namespace

struct Metrics::Impl {
  mutable std::mutex mu;
  std::map<std::pair<std::string, unsigned>, std::uint64_t> requests;
  std::array<std::uint64_t, kBuckets.size()> bucket_counts{};  // non-cumulative
  double sum = 0;
  std::uint64_t count = 0;
  std::atomic<std::int64_t> in_flight{0};
  std::map<std::string, Histogram, std::less<>> by_route;  // per-route latency
};

Metrics::Metrics() : impl_(new Impl) {}
Metrics::~Metrics() { delete impl_; }

void Metrics::request_started() { impl_->in_flight.fetch_add(1); }

void Metrics::request_finished(std::string_view route, unsigned status, double seconds) {
  impl_->in_flight.fetch_sub(1);
  std::lock_guard lock(impl_->mu);
  ++impl_->requests[{std::string(route), status}];
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) {
      ++impl_->bucket_counts[i];
      break;
    }
  }
  impl_->sum += seconds;
  ++impl_->count;
  auto it = impl_->by_route.find(route);
  if (it == impl_->by_route.end()) it = impl_->by_route.emplace(std::string(route), Histogram{}).first;
  it->second.add(seconds);
}

std::string Metrics::render() const {
  std::string out;
  std::lock_guard lock(impl_->mu);
  out += "# HELP lumbung_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE lumbung_http_requests_total counter\n";
  for (const auto& [key, n] : impl_->requests) {
    out += fmt::format("lumbung_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", escape_label(key.first),
                       key.second, n);
  }
  out += "# HELP lumbung_http_request_duration_seconds Time from a complete request to its response.\n";
  out += "# TYPE lumbung_http_request_duration_seconds histogram\n";
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < kBuckets.size(); ++i) {
    cumulative += impl_->bucket_counts[i];
    out += fmt::format("lumbung_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", kBuckets[i], cumulative);
  }
  out += fmt::format("lumbung_http_request_duration_seconds_bucket{{le=\"+Inf\"}} {}\n", impl_->count);
  out += fmt::format("lumbung_http_request_duration_seconds_sum {}\n", impl_->sum);
  out += fmt::format("lumbung_http_request_duration_seconds_count {}\n", impl_->count);
  out += "# HELP lumbung_http_route_duration_seconds Time from a complete request to its response, by route.\n";
  out += "# TYPE lumbung_http_route_duration_seconds histogram\n";
  for (const auto& [route, h] : impl_->by_route) {
    const std::string label = escape_label(route);
    std::uint64_t running = 0;
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      running += h.bucket_counts[i];
      out += fmt::format("lumbung_http_route_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", label,
                         kBuckets[i], running);
    }
    out += fmt::format("lumbung_http_route_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", label, h.count);
    out += fmt::format("lumbung_http_route_duration_seconds_sum{{route=\"{}\"}} {}\n", label, h.sum);
    out += fmt::format("lumbung_http_route_duration_seconds_count{{route=\"{}\"}} {}\n", label, h.count);
  }
  out += "# HELP lumbung_http_requests_in_flight Requests being handled now.\n";
  out += "# TYPE lumbung_http_requests_in_flight gauge\n";
  out += fmt::format("lumbung_http_requests_in_flight {}\n", impl_->in_flight.load());
  return out;
}

}  // namespace lumbung::http
