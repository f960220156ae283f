// What a search asks and what it answers: the neutral types of the full
// search (SearchIndex::find, similar, complete). Domain modules translate
// their URL parameters into a Query and label the facet values they get back;
// search/ knows facet names and term prefixes, never domain tables.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "search/synonyms.hpp"

namespace lumbung::search {

// A facet counts the boolean terms "<prefix><value>" of matching documents,
// e.g. {"sector", "XS"} counts XSkesehatan, XSpendidikan... A document may
// carry several values of one facet (awards).
struct FacetSpec {
  std::string name;
  std::string prefix;
};

enum class QueryMode {
  keywords,  // a search box: name and summary weigh most
  problem,   // "cari solusi": a described problem; the problem field weighs most
};

struct Query {
  std::string text;                    // as typed: words, "phrases", -exclusions; "" = everything
  std::string entity = "innovation";   // only documents of this entity
  QueryMode mode = QueryMode::keywords;
  // facet name -> accepted values: OR within a facet, AND across facets.
  // Unknown facet names are an invalid error.
  std::map<std::string, std::vector<std::string>> filters;
  std::vector<std::string> facets;     // facet names to count (exact counts)
  std::optional<unsigned> sort_slot;   // descending by this value slot, relevance breaking ties; nullopt = relevance
  std::size_t offset = 0;
  std::size_t limit = 20;              // 0: count and facets only
  const Synonyms* synonyms = nullptr;  // the curator's dictionary, or none
  bool correct_spelling = true;        // replace words the index does not know by a confident correction
  std::size_t snippet_chars = 200;     // length of each hit's snippet; 0 = none
};

// A piece of a snippet; `hit` pieces are words the query matched. Render by
// escaping every piece and wrapping hit pieces in <mark>.
struct SnippetPart {
  std::string text;
  bool hit = false;
  bool operator==(const SnippetPart&) const = default;
};

struct Match {
  std::string entity;
  std::int64_t id = 0;
  double score = 0;  // relevance, 0..1 (1 = the best possible for this query)
  std::string data;  // the stored payload (IndexDocument::data)
  std::vector<SnippetPart> snippet;
  // The query's words (after synonyms and corrections, as the user wrote them)
  // that this document contains, by field prefix: "" = anywhere, otherwise the
  // IndexField prefix (e.g. "P" problem, "L" solution). Ordered as in the query.
  std::map<std::string, std::vector<std::string>> matched_words;
};

struct FacetCount {
  std::string value;
  std::uint64_t count = 0;
  bool operator==(const FacetCount&) const = default;
};

struct Results {
  std::uint64_t total = 0;  // exact number of matching documents
  std::vector<Match> hits;
  // facet name -> values with their counts, most first (ties by value). Counts
  // are exact; a facet with an active filter is counted without its own filter
  // (so the other choices stay visible), with every other filter applied.
  std::map<std::string, std::vector<FacetCount>> facets;
  // "Maksud Anda": the query with misspelt words corrected, or nullopt.
  std::optional<std::string> suggestion;
  // true when the results are for `suggestion` because the words as typed are
  // not in the index.
  bool corrected = false;
  // Words left out of matching: stopwords and, in long queries, words so
  // common they do not tell documents apart.
  std::vector<std::string> ignored_words;
};

}  // namespace lumbung::search
