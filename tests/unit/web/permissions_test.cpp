#include "web/permissions.hpp"

#include <gtest/gtest.h>

namespace lumbung::web {
namespace {

using auth::Grant;
using auth::Role;
using auth::Scope;

directory::Innovation in_parepare(std::string state = "draft") {
  directory::Innovation i;
  i.id = 1;
  i.region_code = "73.72";
  i.unit_id = 345;
  i.state = std::move(state);
  return i;
}

TEST(Permissions, WhoMayEditAnInnovationOfParepare) {
  struct Case {
    const char* who;
    std::vector<Grant> grants;
    bool edit, publish;
  };
  const Case cases[] = {
      {"admin", {{Role::admin, Scope::national()}}, true, true},
      {"curator", {{Role::curator, Scope::national()}}, true, true},
      {"region admin of Parepare", {{Role::region_admin, Scope::region("73.72")}}, true, false},
      {"region admin of Makassar", {{Role::region_admin, Scope::region("73.71")}}, false, false},
      {"participant of the unit", {{Role::participant, Scope::unit("345")}}, true, false},
      {"participant of another unit", {{Role::participant, Scope::unit("346")}}, false, false},
      {"participant of Parepare", {{Role::participant, Scope::region("73.72")}}, true, false},
      {"coach in Parepare", {{Role::coach, Scope::region("73.72")}}, false, false},
      {"judge", {{Role::judge, Scope::national()}}, false, false},
      {"nobody", {}, false, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(may_edit(c.grants, in_parepare()), c.edit) << c.who;
    EXPECT_EQ(may_publish(c.grants), c.publish) << c.who;
    EXPECT_EQ(may_see(c.grants, in_parepare("draft")), c.edit) << c.who;
    EXPECT_TRUE(may_see(c.grants, in_parepare("published"))) << c.who;
  }
}

}  // namespace
}  // namespace lumbung::web
