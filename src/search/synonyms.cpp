#include "search/synonyms.hpp"

#include <algorithm>

#include <xapian.h>

namespace lumbung::search {

std::vector<std::string> split_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      Xapian::Unicode::append_utf8(word, Xapian::Unicode::tolower(ch));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string normalize_phrase(const std::string& text) {
  std::string out;
  for (const auto& w : split_words(text)) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

void Synonyms::add_group(const std::vector<std::string>& phrases) {
  std::vector<std::string> group;
  for (const auto& p : phrases) {
    auto n = normalize_phrase(p);
    if (!n.empty() && std::find(group.begin(), group.end(), n) == group.end()) group.push_back(std::move(n));
  }
  if (group.size() < 2) return;
  const auto index = groups_.size();
  for (const auto& p : group) {
    group_of_[p].push_back(index);
    max_words_ = std::max(max_words_, static_cast<std::size_t>(std::count(p.begin(), p.end(), ' ') + 1));
  }
  groups_.push_back(std::move(group));
}

std::vector<std::string> Synonyms::expansions(const std::string& phrase) const {
  std::vector<std::string> out;
  const auto key = normalize_phrase(phrase);
  const auto found = group_of_.find(key);
  if (found == group_of_.end()) return out;
  for (const auto index : found->second)
    for (const auto& p : groups_[index])
      if (p != key && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  return out;
}

}  // namespace lumbung::search
