#include "portal/svg_chart.hpp"

#include <gtest/gtest.h>

#include <regex>

using namespace lumbung::portal;

namespace {

std::string plain(double v) { return std::to_string(static_cast<long long>(v)); }

int count(const std::string& s, const std::string& part) {
  int n = 0;
  for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + 1)) ++n;
  return n;
}

TEST(SvgChart, BarsScaleToTheLargestValueAndCarryTheirLabels) {
  Chart c{"tahun", "Inovasi per tahun", {"Inovasi"}, {{"2021", {10}}, {"2022", {20}}, {"2023", {0}}}};
  const auto svg = bar_chart_svg(c, plain);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title id=\"tahun-title\">Inovasi per tahun</title>"), std::string::npos);
  EXPECT_EQ(count(svg, "<rect"), 2);                               // a zero draws no bar
  EXPECT_NE(svg.find("width=\"370\""), std::string::npos) << svg;  // the largest fills the span (640-200-70)
  EXPECT_NE(svg.find("width=\"185\""), std::string::npos) << svg;
  EXPECT_NE(svg.find(">20</text>"), std::string::npos);
}

TEST(SvgChart, StackedBarsDrawALegendAndOneSegmentPerSeries) {
  Chart c{"digital", "Digital", {"Digital", "Non-digital"}, {{"2022", {3, 1}}, {"2023", {2, 2}}}};
  const auto svg = bar_chart_svg(c, plain);
  EXPECT_EQ(count(svg, "<rect"), 2 + 4);
  EXPECT_NE(svg.find(">Non-digital</text>"), std::string::npos);
  EXPECT_NE(svg.find(">4</text>"), std::string::npos);  // the row total
}

TEST(SvgChart, EscapesTextAndCutsLongLabelsOnCharacterBoundaries) {
  Chart c{"x\"y",
          "<script>",
          {"a"},
          {{"Kabupaten <b>&</b> \"Kepulauan\" Sangihe Talaud", {1}}, {std::string(27, 'a') + "é", {1}}}};
  const auto svg = bar_chart_svg(c, plain);
  EXPECT_EQ(svg.find("<script>"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(svg.find("id=\"x&quot;y-title\""), std::string::npos);
  // Every byte sequence stays valid UTF-8: no lead byte without its continuation.
  EXPECT_EQ(svg.find("\xc3…"), std::string::npos);
}

TEST(SvgChart, ProvinceGridHasAllThirtyEightProvinces) {
  EXPECT_EQ(province_codes().size(), 38u);
  const auto svg = province_grid_svg("peta", "Peta", {{"73", "Sulawesi Selatan", 10}, {"11", "Aceh", 5}}, plain);
  EXPECT_EQ(count(svg, "<rect"), 38);
  EXPECT_NE(svg.find("<title>Sulawesi Selatan: 10</title>"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#0b3a6e\""), std::string::npos);  // the largest is darkest
}

}  // namespace
