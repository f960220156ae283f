// Pure rules of duplicate detection: how two innovation records are compared
// and scored, with the reasons in words (i18n keys "validation.reason.<key>").
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "validation/validation.hpp"

namespace lumbung::validation {

// What the comparison reads of an innovation.
struct PairRecord {
  std::int64_t id = 0;
  std::string name;
  std::string region_code;
  std::int64_t unit_id = 0;
  std::string source_program;
};

// Lower-case ASCII words of a name, punctuation dropped, in order.
std::vector<std::string> name_words(const std::string& name);
// The name's words joined by one space: names differing only in case,
// punctuation or spacing have the same key.
std::string name_key(const std::string& name);
// The acronym a name is known by: its first all-capitals word of at least
// three letters ("SIPANDU: Sistem ..." -> "sipandu"), lower-cased; "" if none.
std::string acronym(const std::string& name);
// Shared words over all words of the two names (0..1), words of one or two
// letters ignored.
double word_overlap(const std::string& a, const std::string& b);

// Scores a pair: same name 55 (or similar name up to 40, not when both names
// carry different acronyms), same acronym 30,
// same region 15, same unit 10, text similarity (0..1 from the search index)
// up to 25; capped at 100. Reasons in that order. Without a name signal (same
// or similar name, same acronym) a pair stays below kMinPairScore unless its
// texts are near copies (similarity >= 0.9) in the same region.
PairScore score_pair(const PairRecord& a, const PairRecord& b, double text_similarity);

// Pairs below this score are not proposed.
constexpr int kMinPairScore = 45;

}  // namespace lumbung::validation
