#include "validation/duplicate_rules.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace lumbung::validation {

std::vector<std::string> name_words(const std::string& name) {
  std::vector<std::string> words;
  std::string current;
  for (unsigned char c : name) {
    if (std::isalnum(c) || c >= 0x80) {
      current += static_cast<char>(std::tolower(c));
    } else if (!current.empty()) {
      words.push_back(std::move(current));
      current.clear();
    }
  }
  if (!current.empty()) words.push_back(std::move(current));
  return words;
}

std::string name_key(const std::string& name) {
  std::string key;
  for (const auto& w : name_words(name)) key += (key.empty() ? "" : " ") + w;
  return key;
}

std::string acronym(const std::string& name) {
  std::string current;
  auto capital_word = [](const std::string& w) {
    int letters = 0;
    for (unsigned char c : w) {
      if (std::islower(c)) return false;
      if (std::isupper(c)) ++letters;
    }
    return letters >= 3;
  };
  for (std::size_t i = 0; i <= name.size(); ++i) {
    const unsigned char c = i < name.size() ? static_cast<unsigned char>(name[i]) : ' ';
    if (std::isalnum(c) || c == '-') {
      current += static_cast<char>(c);
      continue;
    }
    if (!current.empty() && capital_word(current)) {
      std::string out;
      for (unsigned char k : current)
        if (std::isalnum(k)) out += static_cast<char>(std::tolower(k));
      return out;
    }
    current.clear();
  }
  return {};
}

double word_overlap(const std::string& a, const std::string& b) {
  std::set<std::string> wa, wb;
  for (auto& w : name_words(a))
    if (w.size() > 2) wa.insert(w);
  for (auto& w : name_words(b))
    if (w.size() > 2) wb.insert(w);
  if (wa.empty() || wb.empty()) return 0;
  std::size_t shared = 0;
  for (const auto& w : wa) shared += wb.count(w);
  return static_cast<double>(shared) / static_cast<double>(wa.size() + wb.size() - shared);
}

PairScore score_pair(const PairRecord& a, const PairRecord& b, double text_similarity) {
  PairScore s;
  int score = 0;
  const auto ka = name_key(a.name), kb = name_key(b.name);
  if (!ka.empty() && ka == kb) {
    score += 55;
    s.reasons.push_back("same_name");
  } else if (const auto aa = acronym(a.name), ab = acronym(b.name); aa.empty() || ab.empty() || aa == ab) {
    // Two different acronyms name two innovations, however alike the rest of the names.
    const double overlap = word_overlap(a.name, b.name);
    if (overlap >= 0.5) {
      score += static_cast<int>(40 * overlap);
      s.reasons.push_back("similar_name");
    }
  }
  const auto aa = acronym(a.name), ab = acronym(b.name);
  if (!aa.empty() && aa == ab) {
    score += 30;
    s.reasons.push_back("same_acronym");
  }
  if (!a.region_code.empty() && a.region_code == b.region_code) {
    score += 15;
    s.reasons.push_back("same_region");
    if (a.unit_id > 0 && a.unit_id == b.unit_id) {
      score += 10;
      s.reasons.push_back("same_unit");
    }
  }
  if (text_similarity >= 0.5) {
    score += static_cast<int>(25 * std::min(1.0, text_similarity));
    s.reasons.push_back("similar_text");
  }
  // Without a name in common, only a near copy of the text in the same region
  // is proposed: programmes describe many innovations with the same phrases.
  const bool name_signal = !s.reasons.empty() && s.reasons[0] != "same_region" && s.reasons[0] != "similar_text";
  if (!name_signal && !(text_similarity >= 0.9 && !a.region_code.empty() && a.region_code == b.region_code))
    score = std::min(score, kMinPairScore - 1);
  // Records in the same region alone are not a duplicate.
  if (s.reasons.size() == 1 && s.reasons[0] == "same_region") score = 0;
  s.score = std::min(score, 100);
  return s;
}

}  // namespace lumbung::validation
