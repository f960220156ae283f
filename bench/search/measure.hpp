// Latency measurement shared by every target: each client runs the whole
// query set `rounds` times on its own thread, timing every query.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "corpus.hpp"

namespace lumbung::bench {

struct Outcome {
  bool ok = true;
  std::uint64_t total = 0;  // matching documents the target reported
  std::string error;        // when !ok
};

// A client answers one query at a time; it is made on the thread that uses it
// (so it can own a connection).
using Client = std::function<Outcome(const BenchQuery&)>;
using MakeClient = std::function<Client()>;

struct Measurement {
  std::string label;
  int clients = 1;
  int rounds = 1;
  std::size_t queries = 0;
  std::vector<double> ms;                      // every timed query
  std::vector<double> cpu_ms;                  // the client thread's CPU time of each timed query
  std::vector<std::vector<double>> per_query;  // by query index
  std::size_t errors = 0;
  std::string first_error;
  double wall_seconds = 0;
  double mean_total = 0;  // mean of the reported matching documents
  std::string loadavg_before;  // /proc/loadavg: was the machine busy?
  std::string loadavg_after;
};

// Warms up with one pass over every query (one extra client, untimed), then
// starts `clients` threads together, each running the set `rounds` times.
Measurement measure(const std::string& label, const std::vector<BenchQuery>& queries, int clients, int rounds,
                    const MakeClient& make_client);

// Nearest-rank percentile (0 < p <= 100) of unsorted samples; 0 when empty.
double percentile(std::vector<double> samples, double p);

// Percentiles, throughput, errors and the slowest queries. cpu_* figures are
// the client thread's CPU time per query: for the engine in process that is
// the work of find() itself, and it holds steady when other processes compete
// for the cores (wall-clock latency does not); for HTTP and PostgreSQL it is
// only the client's share.
nlohmann::json to_json(const Measurement& m, const std::vector<BenchQuery>& queries);
// One summary line and the slowest queries, on stdout.
void print(const Measurement& m, const std::vector<BenchQuery>& queries);

// Peak resident set of this process, in KiB.
long peak_rss_kb();
// User + system CPU seconds of this process so far.
double process_cpu_seconds();
// /proc/loadavg's 1, 5 and 15 minute figures.
std::string loadavg();
// Bytes of the regular files under `dir`.
std::uintmax_t directory_bytes(const std::filesystem::path& dir);
// Writes `j` (indented) to `file`; "" writes nothing.
void write_json(const std::string& file, const nlohmann::json& j);

}  // namespace lumbung::bench
