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
// (SearchIndex::similar's score, 1 = as similar as a copy) from which one is
// shown to a curator as a likely duplicate.
inline constexpr std::size_t kDuplicateCandidates = 10;
inline constexpr double kDuplicateScore = 0.5;

// Innovations most like innovation `id` with a score of at least `min_score`,
// best first, as [{id, name, href, region, score_percent}]. Empty when the
// site has no search index or the index fails (logged with `request_id`).
nlohmann::json similar_innovations(const Site& site, const std::string& request_id, std::int64_t id,
                                   std::size_t limit, double min_score = 0);

}  // namespace lumbung::web
