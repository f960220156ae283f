// Figures the site may show a few seconds late, computed once per TTL for all
// requests instead of once per request. Owned by the application, reached
// through Site.
#pragma once

#include <vector>

#include "core/clock.hpp"
#include "directory/innovation.hpp"
#include "portal/figures.hpp"
#include "web/ttl_cache.hpp"

namespace lumbung::web {

struct HomeFigures {
  directory::RepositoryCounts counts;
  std::vector<directory::Innovation> latest;
};

struct SiteCaches {
  explicit SiteCaches(const Clock& clock) : home(clock, kHomeTtlSeconds), portal(clock, kPortalTtlSeconds) {}
  static constexpr std::int64_t kHomeTtlSeconds = 5;  // a new innovation shows on the home page within this
  TtlCache<HomeFigures> home;
  static constexpr std::int64_t kPortalTtlSeconds = 60;  // statistics page and home pulse figures
  TtlCache<portal::Figures> portal;
};

}  // namespace lumbung::web
