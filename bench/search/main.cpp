// lumbung_bench_search: the search benchmark of bench/search/run.sh (see
// bench/README.md). Figures, never pass/fail.
//   index CORPUS.jsonl DIR                 build a Xapian index of the corpus
//   query DIR QUERIES.jsonl                time SearchIndex::find in process
//   load CORPUS.jsonl DATA_DIR             the corpus into a data directory's database
//   http HOST PORT QUERIES.jsonl           time GET /api/v1/search
//   pg-load CONNINFO CORPUS.jsonl TSV      the PostgreSQL baseline table
//   pg-query CONNINFO QUERIES.jsonl        time the PostgreSQL baseline
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands.hpp"

#ifndef LUMBUNG_SOURCE_DIR
#define LUMBUNG_SOURCE_DIR "."
#endif

int main(int argc, char** argv) {
  using namespace lumbung::bench;
  CLI::App app{"Search benchmark: Lumbung's engine in process and over HTTP, and PostgreSQL full-text search"};
  app.require_subcommand(1);
  std::string corpus, dir, queries, json, host, port, conninfo, tsv;
  std::string migrations = std::string(LUMBUNG_SOURCE_DIR) + "/migrations";
  int batch = 5000;
  RunOptions options;
  auto add_run_options = [&](CLI::App* cmd, const char* clients_name, const char* clients_help) {
    cmd->add_option(clients_name, options.clients, clients_help)->check(CLI::Range(1, 64));
    cmd->add_option("--rounds", options.rounds, "Passes over the query set per client (after one warm-up pass)")
        ->check(CLI::Range(1, 1000));
    cmd->add_option("--json", options.json, "Write the figures to this file");
  };

  auto* index = app.add_subcommand("index", "Build a Xapian index of the corpus (innovation_document, commits every --batch)");
  index->add_option("corpus", corpus, "Corpus (gen_corpus.py)")->required();
  index->add_option("dir", dir, "Index directory (must not exist or be empty)")->required();
  index->add_option("--batch", batch, "Documents per commit")->check(CLI::Range(1, 10000000));
  index->add_option("--json", json, "Write the figures to this file");

  auto* query = app.add_subcommand("query", "Time SearchIndex::find in process");
  query->add_option("dir", dir, "Index directory")->required();
  query->add_option("queries", queries, "Queries (gen_queries.py)")->required();
  add_run_options(query, "--threads", "Threads, each running the whole query set");

  auto* load = app.add_subcommand("load", "Create the corpus through InnovationService in DATA_DIR/lumbung.db");
  load->add_option("corpus", corpus, "Corpus (gen_corpus.py)")->required();
  load->add_option("data_dir", dir, "Lumbung data directory")->required();
  load->add_option("--migrations", migrations, "Migrations directory")->capture_default_str();
  load->add_option("--json", json, "Write the figures to this file");

  auto* http = app.add_subcommand("http", "Time GET /api/v1/search over keep-alive connections");
  http->add_option("host", host, "Server address")->required();
  http->add_option("port", port, "Server port")->required();
  http->add_option("queries", queries, "Queries (gen_queries.py)")->required();
  add_run_options(http, "--clients", "Concurrent connections, each running the whole query set");

  auto* pg_load = app.add_subcommand("pg-load", "Load the corpus into PostgreSQL (COPY) and build the GIN index");
  pg_load->add_option("conninfo", conninfo, "libpq connection string")->required();
  pg_load->add_option("corpus", corpus, "Corpus (gen_corpus.py)")->required();
  pg_load->add_option("tsv", tsv, "Where to write the TSV that is copied in")->required();
  pg_load->add_option("--json", json, "Write the figures to this file");

  auto* pg_query = app.add_subcommand("pg-query", "Time the PostgreSQL full-text baseline");
  pg_query->add_option("conninfo", conninfo, "libpq connection string")->required();
  pg_query->add_option("queries", queries, "Queries (gen_queries.py)")->required();
  add_run_options(pg_query, "--clients", "Concurrent connections, each running the whole query set");

  CLI11_PARSE(app, argc, argv);
  try {
    if (*index) return run_index(corpus, dir, batch, json);
    if (*query) return run_query(dir, queries, options);
    if (*load) return run_load(corpus, dir, migrations, json);
    if (*http) return run_http(host, port, queries, options);
    if (*pg_load) return run_pg_load(conninfo, corpus, tsv, json);
    if (*pg_query) return run_pg_query(conninfo, queries, options);
  } catch (const std::exception& e) {
    std::cerr << "lumbung_bench_search: " << e.what() << "\n";
    return 1;
  }
  return 2;
}
