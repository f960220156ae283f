// pg-load and pg-query: the PostgreSQL full-text baseline. One table with a
// stored, weighted tsvector (indonesian configuration) and a GIN index; a
// query is the top 20 by ts_rank for an OR tsquery of the query's words, plus
// exact facet counts by GROUP BY sector and GROUP BY province_code over the
// matches, with the same filters (a facet is counted without its own filter,
// as the engine does). Timed per query, all three statements together.
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>

#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "corpus.hpp"
#include "measure.hpp"
#include "search/synonyms.hpp"

namespace lumbung::bench {

namespace {

using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point t0) {
  return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

// COPY text format: backslash, tab, newline and carriage return escaped.
void put_field(std::string& out, const std::string& s) {
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out.push_back(c);
    }
  }
}

std::size_t write_tsv(const std::filesystem::path& corpus, const std::filesystem::path& tsv) {
  std::ofstream out(tsv, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + tsv.string());
  std::string row;
  const auto n = for_each_record(corpus, [&](CorpusRecord&& r) {
    const auto& i = r.innovation;
    row = std::to_string(i.id);
    for (const auto* f : {&i.name, &i.summary, &i.problem, &i.solution, &i.results, &i.region_code, &i.province_code,
                          &i.sector}) {
      row.push_back('\t');
      put_field(row, *f);
    }
    row += '\t' + std::to_string(i.year_started) + '\n';
    out << row;
  });
  if (!out.flush()) throw std::runtime_error("cannot write " + tsv.string());
  return n;
}

PGconn* native(soci::session& sql) {
  return static_cast<soci::postgresql_session_backend*>(sql.get_backend())->conn_;
}

void copy_in(soci::session& sql, const std::filesystem::path& tsv) {
  PGconn* conn = native(sql);
  std::unique_ptr<PGresult, decltype(&PQclear)> start(
      PQexec(conn,
             "COPY innovations (id, name, summary, problem, solution, results, region_code, province_code, sector, "
             "year_started) FROM STDIN"),
      &PQclear);
  if (PQresultStatus(start.get()) != PGRES_COPY_IN) throw std::runtime_error(PQerrorMessage(conn));
  std::ifstream in(tsv, std::ios::binary);
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = in.gcount();
    if (got > 0 && PQputCopyData(conn, buffer.data(), static_cast<int>(got)) != 1)
      throw std::runtime_error(PQerrorMessage(conn));
  }
  if (PQputCopyEnd(conn, nullptr) != 1) throw std::runtime_error(PQerrorMessage(conn));
  for (PGresult* r; (r = PQgetResult(conn)) != nullptr;) {
    std::unique_ptr<PGresult, decltype(&PQclear)> guard(r, &PQclear);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) throw std::runtime_error(PQresultErrorMessage(r));
  }
}

// "w1 | w2 | …" from the query's words. Words are runs of word characters
// only (search::split_words), so none carries tsquery syntax; the string is
// bound as a parameter all the same.
std::string or_tsquery(const std::string& q) {
  std::vector<std::string> words;
  for (auto& w : search::split_words(q))
    if (std::find(words.begin(), words.end(), w) == words.end()) words.push_back(std::move(w));
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " | ") + w;
  return out;
}

// Filter values go into the SQL text only after this check.
bool plain_value(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

std::string filters_sql(const BenchQuery& b, const std::string& without) {
  std::string out;
  if (without != "sector" && plain_value(b.sector)) out += " AND sector = '" + b.sector + "'";
  if (without != "province" && plain_value(b.province_code)) out += " AND province_code = '" + b.province_code + "'";
  if (b.year_from != 0)
    out += " AND year_started BETWEEN " + std::to_string(b.year_from) + " AND " + std::to_string(b.year_to);
  return out;
}

Outcome pg_search(soci::session& sql, const BenchQuery& b) {
  const auto tsq = or_tsquery(b.q);
  std::vector<long long> ids(20);
  std::vector<double> ranks(20);
  sql << "SELECT id, ts_rank(document, query) AS rank FROM innovations, to_tsquery('indonesian', :q) AS query"
         " WHERE document @@ query" +
             filters_sql(b, "") + " ORDER BY rank DESC, id LIMIT 20",
      soci::use(tsq, "q"), soci::into(ids), soci::into(ranks);
  std::uint64_t sector_total = 0;
  std::uint64_t province_total = 0;
  for (const char* facet : {"sector", "province"}) {
    const std::string column = std::string(facet) == "sector" ? "sector" : "province_code";
    std::vector<std::string> values(100);
    std::vector<long long> counts(100);
    sql << "SELECT " + column + ", count(*) FROM innovations WHERE document @@ to_tsquery('indonesian', :q)" +
               filters_sql(b, facet) + " GROUP BY " + column,
        soci::use(tsq, "q"), soci::into(values), soci::into(counts);
    std::uint64_t sum = 0;
    for (auto c : counts) sum += static_cast<std::uint64_t>(c);
    (std::string(facet) == "sector" ? sector_total : province_total) = sum;
  }
  // The matches under every filter: a facet counted without a filter of its own.
  Outcome out;
  out.total = b.sector.empty() ? sector_total : province_total;
  return out;
}

}  // namespace

int run_pg_load(const std::string& conninfo, const std::filesystem::path& corpus, const std::filesystem::path& tsv,
                const std::string& json) {
  try {
    auto t0 = SteadyClock::now();
    const auto rows = write_tsv(corpus, tsv);
    const double tsv_seconds = seconds_since(t0);
    soci::session sql(*soci::factory_postgresql(), conninfo);
    sql << "SET client_min_messages = warning";
    sql << "DROP TABLE IF EXISTS innovations";
    sql << "CREATE TABLE innovations ("
           " id bigint PRIMARY KEY, name text NOT NULL, summary text NOT NULL, problem text NOT NULL,"
           " solution text NOT NULL, results text NOT NULL, region_code text NOT NULL, province_code text NOT NULL,"
           " sector text NOT NULL, year_started integer NOT NULL,"
           " document tsvector GENERATED ALWAYS AS ("
           "  setweight(to_tsvector('indonesian', name), 'A') ||"
           "  setweight(to_tsvector('indonesian', summary), 'B') ||"
           "  setweight(to_tsvector('indonesian', problem), 'C') ||"
           "  setweight(to_tsvector('indonesian', solution || ' ' || results), 'D')) STORED)";
    t0 = SteadyClock::now();
    copy_in(sql, tsv);
    const double copy_seconds = seconds_since(t0);
    t0 = SteadyClock::now();
    sql << "CREATE INDEX innovations_document ON innovations USING gin (document)";
    sql << "CREATE INDEX innovations_sector ON innovations (sector)";
    sql << "CREATE INDEX innovations_province ON innovations (province_code)";
    sql << "CREATE INDEX innovations_year ON innovations (year_started)";
    sql << "VACUUM ANALYZE innovations";
    const double index_seconds = seconds_since(t0);
    long long table_bytes = 0;
    long long gin_bytes = 0;
    long long count = 0;
    std::string version;
    sql << "SELECT pg_total_relation_size('innovations'), pg_relation_size('innovations_document'),"
           " (SELECT count(*) FROM innovations), current_setting('server_version')",
        soci::into(table_bytes), soci::into(gin_bytes), soci::into(count), soci::into(version);
    std::printf("pg-load: PostgreSQL %s; %lld rows; COPY %.1f s (tsvector computed on insert), indexes + ANALYZE %.1f s;"
                " table with indexes %.1f MB (GIN %.1f MB)\n",
                version.c_str(), count, copy_seconds, index_seconds, static_cast<double>(table_bytes) / 1e6,
                static_cast<double>(gin_bytes) / 1e6);
    write_json(json, {{"server_version", version},
                      {"rows", count},
                      {"corpus_lines", rows},
                      {"tsv_seconds", std::round(tsv_seconds * 100) / 100},
                      {"copy_seconds", std::round(copy_seconds * 100) / 100},
                      {"index_seconds", std::round(index_seconds * 100) / 100},
                      {"total_bytes", table_bytes},
                      {"gin_bytes", gin_bytes}});
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "pg-load: " << e.what() << "\n";
    return 1;
  }
}

int run_pg_query(const std::string& conninfo, const std::filesystem::path& queries_file, const RunOptions& options) {
  const auto queries = read_queries(queries_file);
  auto m = measure("postgresql x" + std::to_string(options.clients), queries, options.clients, options.rounds,
                   [&]() -> Client {
                     auto sql = std::make_shared<soci::session>(*soci::factory_postgresql(), conninfo);
                     return [sql](const BenchQuery& b) { return pg_search(*sql, b); };
                   });
  print(m, queries);
  auto j = to_json(m, queries);
  try {
    soci::session sql(*soci::factory_postgresql(), conninfo);
    std::string settings;
    sql << "SELECT string_agg(name || '=' || current_setting(name), ' ' ORDER BY name) FROM pg_settings"
           " WHERE name IN ('shared_buffers', 'work_mem', 'effective_cache_size', 'jit', 'max_parallel_workers_per_gather')",
        soci::into(settings);
    j["settings"] = settings;
  } catch (const std::exception&) {
  }
  write_json(options.json, j);
  return m.errors == 0 ? 0 : 1;
}

}  // namespace lumbung::bench
