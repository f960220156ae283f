// A synonym dictionary: groups of phrases that mean the same thing
// ("pkm" = "puskesmas" = "pusat kesehatan masyarakat"). A query word or
// phrase found in a group matches every phrase of the group, both ways.
// Phrases are normalised (lower case, words separated by one space; hyphens and
// other non-word characters are word breaks), so "KTP-el" and "ktp el" are one
// phrase. Immutable once built; share it between threads freely.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

namespace lumbung::search {

// Lower case words of `text`, split at every non-word character (Unicode aware).
std::vector<std::string> split_words(const std::string& text);
// split_words joined by single spaces.
std::string normalize_phrase(const std::string& text);

class Synonyms {
 public:
  // Adds a group; phrases normalising to "" are dropped, a group of fewer than
  // two phrases is ignored. A phrase in several groups joins them.
  void add_group(const std::vector<std::string>& phrases);
  // The other phrases of `phrase`'s group(s), normalised; empty if none.
  std::vector<std::string> expansions(const std::string& phrase) const;
  // Longest phrase length in words (for matching multi-word phrases in a query).
  std::size_t max_words() const { return max_words_; }
  bool empty() const { return groups_.empty(); }

 private:
  std::vector<std::vector<std::string>> groups_;
  std::unordered_map<std::string, std::vector<std::size_t>> group_of_;  // phrase -> group indexes
  std::size_t max_words_ = 0;
};

}  // namespace lumbung::search
