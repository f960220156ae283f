// Who may do what with an innovation. Pure rules over a caller's grants
// (a session user's or an API token's), shared by the HTML pages and the API.
//   edit / submit:   admin, curator, the region admin of its region, a
//                    participant of its unit (or of its whole region)
//   publish, send back, archive, restore, create published: admin or curator
//   see a draft:     whoever may edit or publish it
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "auth/auth.hpp"
#include "directory/innovation.hpp"

namespace lumbung::web {

// May write an innovation located in `region_code` (and `unit_id`, 0 = none).
bool may_write_in(const std::vector<auth::Grant>& grants, const std::string& region_code, std::int64_t unit_id);
bool may_edit(const std::vector<auth::Grant>& grants, const directory::Innovation& innovation);
bool may_publish(const std::vector<auth::Grant>& grants);
bool may_see(const std::vector<auth::Grant>& grants, const directory::Innovation& innovation);

}  // namespace lumbung::web
