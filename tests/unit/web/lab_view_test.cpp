// Helpers of the lab pages: the link from an innovation back to the lab idea
// it was published from.
#include "web/lab_view.hpp"

#include <gtest/gtest.h>

namespace lumbung::web::lab {
namespace {

TEST(LabView, SourceIdeaPathOnlyForLabIdeas) {
  struct Case {
    const char* program;
    const char* id;
    const char* path;
  };
  const Case cases[] = {
      {"labinov", "lab-3-17", "/lab/3/ide/17"},
      {"labinov", "lab-12-1", "/lab/12/ide/1"},
      {"kipp", "lab-3-17", ""},
      {"labinov", "LI-2019-004", ""},
      {"labinov", "lab-3", ""},
      {"labinov", "lab--17", ""},
      {"labinov", "lab-3-x", ""},
      {"labinov", "lab-03-17", ""},
      {"labinov", "", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(source_idea_path(c.program, c.id), c.path) << c.program << " " << c.id;
}

}  // namespace
}  // namespace lumbung::web::lab
