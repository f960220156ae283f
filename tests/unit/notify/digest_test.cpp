// How a digest orders its notices (digest_groups), table-driven: each case
// lists notices as (id, group, created_at) and the expected sections as
// "group: id id ...", in order.
#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

#include "notify/mailer.hpp"

namespace lumbung::notify {
namespace {

struct Case {
  const char* name;
  std::vector<std::tuple<std::int64_t, std::string, std::int64_t>> notices;  // id, group, created_at
  std::vector<std::string> sections;
};

std::vector<std::string> sections_of(const std::vector<Notification>& items) {
  std::vector<std::string> out;
  for (const auto& g : digest_groups(items)) {
    std::string line = g.group + ":";
    for (const auto* n : g.items) line += " " + std::to_string(n->id);
    out.push_back(line);
  }
  return out;
}

TEST(DigestGroups, GroupAndOrder) {
  const std::vector<Case> cases = {
      {"empty", {}, {}},
      {"one", {{1, "lab:1", 100}}, {"lab:1: 1"}},
      {"newest first inside a group", {{1, "lab:1", 100}, {2, "lab:1", 300}, {3, "lab:1", 200}}, {"lab:1: 2 3 1"}},
      {"groups by their newest notice",
       {{1, "lab:1", 100}, {2, "innovation:9", 150}, {3, "lab:1", 400}, {4, "innovation:9", 300}},
       {"lab:1: 3 1", "innovation:9: 4 2"}},
      {"same time: higher id first", {{5, "lab:1", 100}, {6, "lab:1", 100}}, {"lab:1: 6 5"}},
      {"a notice listed twice appears once",
       {{7, "lab:1", 100}, {7, "lab:1", 100}, {8, "lab:2", 50}},
       {"lab:1: 7", "lab:2: 8"}},
      {"notices without a group form their own section",
       {{1, "", 500}, {2, "lab:1", 400}, {3, "", 100}},
       {": 1 3", "lab:1: 2"}},
  };
  for (const auto& c : cases) {
    std::vector<Notification> items;
    for (const auto& [id, group, at] : c.notices) {
      Notification n;
      n.id = id;
      n.group = group;
      n.created_at = at;
      items.push_back(n);
    }
    EXPECT_EQ(sections_of(items), c.sections) << c.name;
  }
}

}  // namespace
}  // namespace lumbung::notify
