// What other page areas take from the search pages (web/search_pages.cpp):
// innovations like a given one, for "Inovasi serupa" on a profile and
// "Kemungkinan duplikat" on the editor page.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "web/site.hpp"

namespace lumbung::web {

// Similar innovations listed on a profile page.
inline constexpr std::size_t kSimilarOnProfile = 5;
// Candidates the editor page checks for duplicates, and the similarity
// (SearchIndex::similar_to_text's score: the share of the record's telling
// words another has, 1 = all) from which one is shown to a curator as a
// likely duplicate. Demo innovations written from the same templates score
// up to about 0.72; a re-entered copy with a changed name scores above 0.9.
inline constexpr std::size_t kDuplicateCandidates = 10;
inline constexpr double kDuplicateScore = 0.75;

// Innovations most like innovation `id` with a score of at least `min_score`,
// best first, as [{id, name, href, region, score_percent}]. Empty when the
// site has no search index or the index fails (logged with `request_id`).
nlohmann::json similar_innovations(const Site& site, const std::string& request_id, std::int64_t id,
                                   std::size_t limit, double min_score = 0);

// Published innovations very like `i` (in any state: drafts and records in
// review are not in the index, so its text is compared), score >= min_score,
// best first, in the same form as similar_innovations.
nlohmann::json duplicate_candidates(const Site& site, const std::string& request_id, const directory::Innovation& i,
                                    std::size_t limit, double min_score);

}  // namespace lumbung::web
