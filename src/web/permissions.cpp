#include "web/permissions.hpp"

namespace lumbung::web {

bool may_write_in(const std::vector<auth::Grant>& grants, const std::string& region_code, std::int64_t unit_id) {
  if (may_publish(grants)) return true;
  const auto unit_ref = std::to_string(unit_id);
  // The innovation's own unit lies in its own region; nothing else is known here.
  auth::RegionOf region_of = [&](const auth::Scope& s) -> std::optional<std::string> {
    if (s.kind == auth::ScopeKind::unit && unit_id > 0 && s.ref == unit_ref) return region_code;
    return std::nullopt;
  };
  const auth::Scope region = auth::Scope::region(region_code);
  if (auth::allows(grants, auth::Role::region_admin, region, region_of)) return true;
  if (auth::allows(grants, auth::Role::participant, region, region_of)) return true;
  return unit_id > 0 && auth::allows(grants, auth::Role::participant, auth::Scope::unit(unit_ref), region_of);
}

bool may_edit(const std::vector<auth::Grant>& grants, const directory::Innovation& innovation) {
  return may_write_in(grants, innovation.region_code, innovation.unit_id);
}

bool may_publish(const std::vector<auth::Grant>& grants) {
  for (const auto& g : grants)
    if ((g.role == auth::Role::admin || g.role == auth::Role::curator) && g.scope.kind == auth::ScopeKind::national)
      return true;
  return false;
}

bool may_see(const std::vector<auth::Grant>& grants, const directory::Innovation& innovation) {
  return innovation.state == "published" || may_edit(grants, innovation);
}

}  // namespace lumbung::web
