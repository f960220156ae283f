// The subcommands of lumbung_bench_search (main.cpp parses the flags). Each
// prints its figures and, given a JSON path, writes them there too. They
// return the process exit code.
#pragma once

#include <filesystem>
#include <string>

namespace lumbung::bench {

struct RunOptions {
  int clients = 1;   // threads (in process) or connections (HTTP, PostgreSQL)
  int rounds = 1;    // passes over the query set per client, after one warm-up pass
  std::string json;  // figures are written here ("" = nowhere)
};

// Builds a Xapian index of the corpus in `dir` (which must not exist yet or be empty).
int run_index(const std::filesystem::path& corpus, const std::filesystem::path& dir, int batch,
              const std::string& json);
// Times SearchIndex::find in process.
int run_query(const std::filesystem::path& dir, const std::filesystem::path& queries, const RunOptions& options);
// Creates the corpus through InnovationService in the SQLite database of a data directory.
int run_load(const std::filesystem::path& corpus, const std::filesystem::path& data_dir,
             const std::filesystem::path& migrations, const std::string& json);
// Times GET /api/v1/search over keep-alive connections.
int run_http(const std::string& host, const std::string& port, const std::filesystem::path& queries,
             const RunOptions& options);
// PostgreSQL full-text baseline: load the corpus, then time the same queries.
int run_pg_load(const std::string& conninfo, const std::filesystem::path& corpus, const std::filesystem::path& tsv,
                const std::string& json);
int run_pg_query(const std::string& conninfo, const std::filesystem::path& queries, const RunOptions& options);

}  // namespace lumbung::bench
