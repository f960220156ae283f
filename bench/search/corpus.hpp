// The benchmark data of ../shared/bench: corpus records (gen_corpus.py) read
// into innovations, and the query set (gen_queries.py).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "directory/innovation.hpp"

namespace lumbung::bench {

// One corpus line as a published innovation. The corpus vocabulary differs a
// little from the repository's: form is free text ("tata kelola pemerintahan
// daerah" -> tata_kelola), stage has spaces ("uji coba" -> uji_coba), status
// "berkembang" (still running) -> berlanjut, programmes are upper case, and
// awards are strings ("Top 99 KIPP 2021" -> {kipp, 2021, "Top 99 KIPP"}).
struct CorpusRecord {
  directory::Innovation innovation;  // id = line number (from 1), state published
  std::string province_name;
};

CorpusRecord corpus_record(const nlohmann::json& line, std::int64_t id);

// Calls fn(record) for every line of a corpus file; returns the number of
// lines read. Throws std::runtime_error on a file it cannot read or a line
// that is not JSON.
std::size_t for_each_record(const std::filesystem::path& corpus, const std::function<void(CorpusRecord&&)>& fn);

struct BenchQuery {
  std::string q;
  std::string sector;         // "" = no filter
  std::string province_code;  // "" = no filter
  int year_from = 0;          // 0 = no year filter
  int year_to = 0;
  std::string describe() const;  // q and its filters, for reports
};

std::vector<BenchQuery> read_queries(const std::filesystem::path& file);

// Common public-service abbreviations and synonyms, the kind the curator's
// dictionary is seeded with, so the benchmark pays for synonym expansion.
std::vector<std::vector<std::string>> synonym_groups();

}  // namespace lumbung::bench
