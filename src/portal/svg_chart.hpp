// Charts drawn on the server as SVG (no script): horizontal bar and stacked
// bar charts, and a tile grid of Indonesia's 38 provinces. Every text is
// XML-escaped; the output can be inserted into an HTML page as is.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace lumbung::portal {

struct ChartRow {
  std::string label;
  std::vector<double> values;  // one per series (one for a plain bar chart)
};

struct Chart {
  std::string id;                   // unique in the page; prefixes the SVG's element ids
  std::string title;                // the accessible name (<title>)
  std::vector<std::string> series;  // legend entries; one entry = no legend
  std::vector<ChartRow> rows;
};

// A number as the page's language writes it (see format_number).
using NumberFormat = std::function<std::string(double)>;

// Bars from left to right, one row per category; with several series the
// segments are stacked and a legend is drawn. Negative values count as 0.
std::string bar_chart_svg(const Chart& chart, const NumberFormat& format);

struct ProvinceTile {
  std::string code;  // Kemendagri province code ("73")
  std::string name;
  double value = 0;
};

// The tile grid: each province a square at its place on a rough map, shaded
// from light (0) to dark (the largest value), labelled with a short code.
// Provinces missing from `tiles` are drawn with value 0.
std::string province_grid_svg(const std::string& id, const std::string& title, const std::vector<ProvinceTile>& tiles,
                              const NumberFormat& format);

// The 38 provinces' codes in the grid's order (west to east).
const std::vector<std::string>& province_codes();

std::string xml_escape(const std::string& text);

}  // namespace lumbung::portal
