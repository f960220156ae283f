// Public pages of the repository: the directory, innovation profiles (and
// their print view), region and unit profiles.
#include "web/site.hpp"

namespace lumbung::web {

void register_innovation_pages(http::Router&, const Site&) {}

}  // namespace lumbung::web
