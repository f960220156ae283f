#include "measure.hpp"

#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <latch>
#include <mutex>
#include <numeric>
#include <stdexcept>
#include <thread>

namespace lumbung::bench {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}


}  // namespace

Measurement measure(const std::string& label, const std::vector<BenchQuery>& queries, int clients, int rounds,
                    const MakeClient& make_client) {
  Measurement m;
  m.label = label;
  m.clients = clients;
  m.rounds = rounds;
  m.queries = queries.size();
  m.per_query.resize(queries.size());
  {
    auto warm = make_client();
    for (const auto& q : queries) (void)warm(q);
  }

  struct ThreadResult {
    std::vector<std::pair<std::size_t, double>> samples;
    std::vector<double> cpu;
    std::size_t errors = 0;
    std::string first_error;
    double total_sum = 0;
    std::size_t ok = 0;
  };
  std::vector<ThreadResult> results(static_cast<std::size_t>(clients));
  std::latch ready(clients);
  std::latch go(1);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      auto& r = results[static_cast<std::size_t>(c)];
      r.samples.reserve(queries.size() * static_cast<std::size_t>(rounds));
      Client client;
      try {
        client = make_client();
      } catch (const std::exception& e) {
        r.errors = queries.size() * static_cast<std::size_t>(rounds);
        r.first_error = e.what();
        ready.count_down();
        return;
      }
      ready.count_down();
      go.wait();
      for (int round = 0; round < rounds; ++round) {
        for (std::size_t i = 0; i < queries.size(); ++i) {
          const double cpu0 = thread_cpu_ms();
          const auto t0 = Clock::now();
          Outcome out;
          try {
            out = client(queries[i]);
          } catch (const std::exception& e) {
            out.ok = false;
            out.error = e.what();
          }
          const double ms = ms_since(t0);
          const double cpu = thread_cpu_ms() - cpu0;
          if (!out.ok) {
            if (r.errors++ == 0) r.first_error = queries[i].describe() + ": " + out.error;
            continue;
          }
          r.samples.emplace_back(i, ms);
          r.cpu.push_back(cpu);
          r.total_sum += static_cast<double>(out.total);
          ++r.ok;
        }
      }
    });
  }
  ready.wait();
  m.loadavg_before = loadavg();
  const auto t0 = Clock::now();
  go.count_down();
  for (auto& t : threads) t.join();
  m.wall_seconds = ms_since(t0) / 1000.0;
  m.loadavg_after = loadavg();

  double total_sum = 0;
  std::size_t ok = 0;
  for (const auto& r : results) {
    for (const auto& [i, ms] : r.samples) {
      m.ms.push_back(ms);
      m.per_query[i].push_back(ms);
    }
    m.cpu_ms.insert(m.cpu_ms.end(), r.cpu.begin(), r.cpu.end());
    if (r.errors > 0 && m.first_error.empty()) m.first_error = r.first_error;
    m.errors += r.errors;
    total_sum += r.total_sum;
    ok += r.ok;
  }
  m.mean_total = ok > 0 ? total_sum / static_cast<double>(ok) : 0;
  return m;
}

double percentile(std::vector<double> samples, double p) {
  if (samples.empty()) return 0;
  std::sort(samples.begin(), samples.end());
  auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(samples.size())));
  rank = std::clamp<std::size_t>(rank, 1, samples.size());
  return samples[rank - 1];
}

nlohmann::json to_json(const Measurement& m, const std::vector<BenchQuery>& queries) {
  auto round3 = [](double v) { return std::round(v * 1000.0) / 1000.0; };
  nlohmann::json j{{"label", m.label},
                   {"clients", m.clients},
                   {"rounds", m.rounds},
                   {"queries", m.queries},
                   {"samples", m.ms.size()},
                   {"errors", m.errors},
                   {"p50_ms", round3(percentile(m.ms, 50))},
                   {"p90_ms", round3(percentile(m.ms, 90))},
                   {"p99_ms", round3(percentile(m.ms, 99))},
                   {"max_ms", round3(m.ms.empty() ? 0 : *std::max_element(m.ms.begin(), m.ms.end()))},
                   {"mean_ms", round3(m.ms.empty() ? 0 : std::accumulate(m.ms.begin(), m.ms.end(), 0.0) /
                                                             static_cast<double>(m.ms.size()))},
                   {"queries_per_second", round3(m.wall_seconds > 0 ? static_cast<double>(m.ms.size()) / m.wall_seconds : 0)},
                   {"mean_matches", std::round(m.mean_total)},
                   {"cpu_p50_ms", round3(percentile(m.cpu_ms, 50))},
                   {"cpu_p99_ms", round3(percentile(m.cpu_ms, 99))},
                   {"loadavg_before", m.loadavg_before},
                   {"loadavg_after", m.loadavg_after}};
  if (!m.first_error.empty()) j["first_error"] = m.first_error;
  // The ten queries with the highest median: what to look at first.
  std::vector<std::pair<double, std::size_t>> medians;
  for (std::size_t i = 0; i < m.per_query.size(); ++i)
    if (!m.per_query[i].empty()) medians.emplace_back(percentile(m.per_query[i], 50), i);
  std::sort(medians.rbegin(), medians.rend());
  auto slowest = nlohmann::json::array();
  for (std::size_t k = 0; k < std::min<std::size_t>(10, medians.size()); ++k) {
    const auto i = medians[k].second;
    slowest.push_back({{"query", queries[i].describe()},
                       {"median_ms", round3(medians[k].first)},
                       {"max_ms", round3(*std::max_element(m.per_query[i].begin(), m.per_query[i].end()))}});
  }
  j["slowest"] = slowest;
  return j;
}

void print(const Measurement& m, const std::vector<BenchQuery>& queries) {
  const auto j = to_json(m, queries);
  std::printf("%-28s %6zu samples  p50 %8.2f  p90 %8.2f  p99 %8.2f  max %8.2f ms  %8.1f q/s  %zu errors\n",
              m.label.c_str(), m.ms.size(), j["p50_ms"].get<double>(), j["p90_ms"].get<double>(),
              j["p99_ms"].get<double>(), j["max_ms"].get<double>(), j["queries_per_second"].get<double>(), m.errors);
  std::printf("  client thread CPU per query: p50 %.2f  p99 %.2f ms; load average %s -> %s\n",
              j["cpu_p50_ms"].get<double>(), j["cpu_p99_ms"].get<double>(), m.loadavg_before.c_str(),
              m.loadavg_after.c_str());
  if (!m.first_error.empty()) std::printf("  first error: %s\n", m.first_error.c_str());
  int shown = 0;
  for (const auto& s : j["slowest"]) {
    if (shown++ == 3) break;
    std::printf("  slow: median %8.2f ms  max %8.2f ms  %s\n", s["median_ms"].get<double>(), s["max_ms"].get<double>(),
                s["query"].get<std::string>().c_str());
  }
  std::fflush(stdout);
}

std::string loadavg() {
  std::ifstream in("/proc/loadavg");
  std::string one, five, fifteen;
  in >> one >> five >> fifteen;
  return one + " " + five + " " + fifteen;
}

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

long peak_rss_kb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

std::uintmax_t directory_bytes(const std::filesystem::path& dir) {
  std::uintmax_t bytes = 0;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != std::filesystem::end(it);
       it.increment(ec))
    if (it->is_regular_file(ec)) bytes += it->file_size(ec);
  return bytes;
}

void write_json(const std::string& file, const nlohmann::json& j) {
  if (file.empty()) return;
  std::ofstream out(file);
  if (!out) throw std::runtime_error("cannot write " + file);
  out << j.dump(2) << "\n";
}

}  // namespace lumbung::bench
