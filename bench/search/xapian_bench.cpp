// index and query: the search engine in process, without HTTP or a database.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>

#include "commands.hpp"
#include "corpus.hpp"
#include "directory/innovation_search.hpp"
#include "directory/innovation_service.hpp"
#include "measure.hpp"
#include "search/search_index.hpp"
#include "search/synonyms.hpp"

namespace lumbung::bench {

namespace {

// The request the API builds from ?q=…&sector=…&province=…&year_from=…&year_to=…&facets=sector,province&limit=20.
search::Query engine_query(const BenchQuery& b, const search::Synonyms& synonyms) {
  directory::SearchRequest request;
  request.q = b.q;
  if (!b.sector.empty()) request.filters["sector"] = {b.sector};
  if (!b.province_code.empty()) request.filters["province"] = {b.province_code};
  request.year_from = b.year_from;
  request.year_to = b.year_to;
  request.facets = {"sector", "province"};
  auto query = directory::to_query(request, search::QueryMode::keywords);
  query.limit = 20;
  query.synonyms = &synonyms;
  return query;
}

}  // namespace

int run_index(const std::filesystem::path& corpus, const std::filesystem::path& dir, int batch,
              const std::string& json) {
  if (std::filesystem::exists(dir) && !std::filesystem::is_empty(dir)) {
    std::cerr << "index: " << dir << " is not empty; remove it first\n";
    return 1;
  }
  const auto t0 = std::chrono::steady_clock::now();
  auto index = search::SearchIndex::open(dir, directory::innovation_facets());
  if (!index) {
    std::cerr << "index: " << index.error().message() << "\n";
    return 1;
  }
  std::size_t written = 0;
  std::string failure;
  std::size_t lines = 0;
  try {
    lines = for_each_record(corpus, [&](CorpusRecord&& r) {
      if (!failure.empty()) return;
      if (auto st = (*index)->replace(directory::innovation_document(r.innovation, r.province_name)); !st) {
        failure = st.error().message();
        return;
      }
      if (++written % static_cast<std::size_t>(batch) == 0) {
        if (auto st = (*index)->commit(0); !st) failure = st.error().message();
      }
    });
  } catch (const std::exception& e) {
    failure = e.what();
  }
  if (failure.empty())
    if (auto st = (*index)->commit(0); !st) failure = st.error().message();
  if (!failure.empty()) {
    std::cerr << "index: " << failure << "\n";
    return 1;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto documents = (*index)->document_count();
  index->reset();
  const auto bytes = directory_bytes(dir);
  const auto rss = peak_rss_kb();
  const auto cpu = process_cpu_seconds();
  std::printf("index: %zu records, %llu documents in %.1f s (%.0f docs/s; %.1f s CPU); %.1f MB on disk; peak RSS %.1f MB;"
              " load average %s\n",
              lines, static_cast<unsigned long long>(documents), seconds, static_cast<double>(written) / seconds, cpu,
              static_cast<double>(bytes) / 1e6, static_cast<double>(rss) / 1024.0, loadavg().c_str());
  write_json(json, {{"records", lines},
                    {"documents", documents},
                    {"build_seconds", std::round(seconds * 100) / 100},
                    {"cpu_seconds", std::round(cpu * 100) / 100},
                    {"loadavg", loadavg()},
                    {"index_bytes", bytes},
                    {"peak_rss_kb", rss},
                    {"commit_every", batch}});
  return 0;
}

int run_query(const std::filesystem::path& dir, const std::filesystem::path& queries_file, const RunOptions& options) {
  const auto queries = read_queries(queries_file);
  const auto t0 = std::chrono::steady_clock::now();
  auto index = search::SearchIndex::open(dir, directory::innovation_facets());
  if (!index) {
    std::cerr << "query: " << index.error().message() << "\n";
    return 1;
  }
  const double open_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto rss_open = peak_rss_kb();
  search::Synonyms synonyms;
  for (const auto& g : synonym_groups()) synonyms.add_group(g);
  const search::SearchIndex& engine = **index;
  auto m = measure("xapian in-process x" + std::to_string(options.clients), queries, options.clients, options.rounds,
                   [&]() -> Client {
                     return [&](const BenchQuery& b) {
                       Outcome out;
                       auto found = engine.find(engine_query(b, synonyms));
                       if (!found) return Outcome{false, 0, found.error().message()};
                       out.total = found->total;
                       return out;
                     };
                   });
  print(m, queries);
  auto j = to_json(m, queries);
  j["documents"] = engine.document_count();
  j["open_seconds"] = std::round(open_seconds * 1000) / 1000;
  j["rss_after_open_kb"] = rss_open;
  j["peak_rss_kb"] = peak_rss_kb();
  std::printf("  %llu documents; opened in %.2f s; RSS %.1f MB after open, peak %.1f MB\n",
              static_cast<unsigned long long>(engine.document_count()), open_seconds,
              static_cast<double>(rss_open) / 1024.0, static_cast<double>(peak_rss_kb()) / 1024.0);
  write_json(options.json, j);
  return m.errors == 0 ? 0 : 1;
}

}  // namespace lumbung::bench
