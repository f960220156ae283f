// Figures the site may show a few seconds late, computed once per TTL for all
// requests instead of once per request. Owned by the application, reached
// through Site.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "directory/innovation.hpp"
#include "portal/figures.hpp"
#include "search/search_index.hpp"
#include "web/ttl_cache.hpp"

namespace lumbung::web {

struct HomeFigures {
  directory::RepositoryCounts counts;
  std::vector<directory::Innovation> latest;
};

struct SiteCaches {
  explicit SiteCaches(const Clock& clock)
      : home(clock, kHomeTtlSeconds),
        portal(clock, kPortalTtlSeconds),
        similar(clock, kSimilarTtlSeconds, kSimilarCapacity),
        regions(clock, kRegionsTtlSeconds, kRegionsCapacity),
        profiles(clock, kProfilesTtlSeconds, kProfilesCapacity) {}
  static constexpr std::int64_t kHomeTtlSeconds = 5;  // a new innovation shows on the home page within this
  TtlCache<HomeFigures> home;
  static constexpr std::int64_t kPortalTtlSeconds = 60;  // statistics page and home pulse figures
  TtlCache<portal::Figures> portal;
  // "Inovasi serupa" per (innovation, how many): an edit shows there within 30 s.
  static constexpr std::int64_t kSimilarTtlSeconds = 30;
  static constexpr std::size_t kSimilarCapacity = 20000;
  TtlMap<std::pair<std::int64_t, std::size_t>, std::vector<search::Match>> similar;
  // Provinces ("") or a province's regencies and cities, each with its count of
  // published innovations: filter lists on every directory and search page.
  static constexpr std::int64_t kRegionsTtlSeconds = 10;
  static constexpr std::size_t kRegionsCapacity = 64;
  TtlMap<std::string, std::vector<directory::Region>> regions;
  // Rendered bodies of published innovation pages per "id|version|language"
  // (the layout is rendered per request around them). An edit is a new version,
  // so it shows at once; adoptions, "terkait" links and similar innovations
  // show within the TTL. About 6 KB each.
  static constexpr std::int64_t kProfilesTtlSeconds = 10;
  static constexpr std::size_t kProfilesCapacity = 2000;
  TtlMap<std::string, std::string> profiles;
};

}  // namespace lumbung::web
