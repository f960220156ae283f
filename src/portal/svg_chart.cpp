#include "portal/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace lumbung::portal {

namespace {

// Colours with at least 3:1 contrast against white (WCAG 1.4.11).
const char* const kPalette[] = {"#1d5fa8", "#c2410c", "#15803d", "#7e22ce", "#a16207", "#be123c"};

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

struct Tile {
  const char* code;
  const char* abbr;
  int col, row;
};

// A rough map of the archipelago: Sumatra on the left, Papua on the right.
const Tile kTiles[] = {
    {"11", "AC", 0, 0},  {"12", "SU", 1, 1},  {"13", "SB", 1, 2},  {"14", "RI", 2, 1},  {"21", "KR", 3, 1},
    {"15", "JA", 2, 2},  {"17", "BE", 2, 3},  {"16", "SS", 3, 3},  {"19", "BB", 4, 2},  {"18", "LA", 3, 4},
    {"36", "BT", 4, 5},  {"31", "JK", 5, 4},  {"32", "JB", 5, 5},  {"33", "JT", 6, 5},  {"34", "YO", 6, 6},
    {"35", "JI", 7, 5},  {"51", "BA", 8, 6},  {"52", "NB", 9, 6},  {"53", "NT", 10, 6}, {"61", "KB", 5, 1},
    {"62", "KT", 6, 2},  {"63", "KS", 7, 3},  {"64", "KI", 7, 1},  {"65", "KU", 7, 0},  {"76", "SR", 8, 2},
    {"73", "SN", 8, 3},  {"72", "ST", 9, 2},  {"74", "SG", 9, 3},  {"75", "GO", 10, 1}, {"71", "SA", 11, 1},
    {"82", "MU", 12, 1}, {"81", "MA", 12, 3}, {"96", "PD", 13, 2}, {"92", "PB", 14, 2}, {"94", "PT", 15, 3},
    {"91", "PA", 16, 2}, {"95", "PP", 16, 3}, {"93", "PS", 16, 4},
};

// The tile colour of t in [0, 1]: light blues (dark labels) up to half, then
// dark blues (white labels), so every label keeps a 4.5:1 contrast.
std::string shade(double t) {
  struct Rgb {
    int r, g, b;
  };
  const bool dark = t >= 0.5;
  const Rgb from = dark ? Rgb{0x3b, 0x6a, 0x9e} : Rgb{0xe8, 0xf0, 0xfa};
  const Rgb to = dark ? Rgb{0x0b, 0x3a, 0x6e} : Rgb{0x8f, 0xb3, 0xd9};
  const double u = dark ? (t - 0.5) * 2 : t * 2;
  auto mix = [u](int a, int b) { return static_cast<int>(std::lround(a + (b - a) * u)); };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", mix(from.r, to.r), mix(from.g, to.g), mix(from.b, to.b));
  return buf;
}

}  // namespace

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // Control characters are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t' && c != '\r') break;
        out += c;
    }
  }
  return out;
}

std::string bar_chart_svg(const Chart& chart, const NumberFormat& format) {
  constexpr int kWidth = 640, kLabelWidth = 200, kValueWidth = 70, kRowHeight = 24, kBar = 16;
  const bool stacked = chart.series.size() > 1;
  const int legend = stacked ? 28 : 0;
  const int height = legend + static_cast<int>(chart.rows.size()) * kRowHeight + 8;
  double max = 0;
  for (const auto& r : chart.rows) {
    double total = 0;
    for (double v : r.values) total += std::max(0.0, v);
    max = std::max(max, total);
  }
  const double span = kWidth - kLabelWidth - kValueWidth;
  const std::string id = xml_escape(chart.id);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 " +
                    std::to_string(kWidth) + " " + std::to_string(height) + "\" role=\"img\" aria-labelledby=\"" + id +
                    "-title\"><title id=\"" + id + "-title\">" + xml_escape(chart.title) + "</title>";
  if (stacked) {
    int x = 0;
    for (std::size_t s = 0; s < chart.series.size(); ++s) {
      out += "<rect x=\"" + std::to_string(x) + "\" y=\"6\" width=\"14\" height=\"14\" fill=\"" +
             kPalette[s % std::size(kPalette)] + "\"/><text x=\"" + std::to_string(x + 18) +
             "\" y=\"18\" font-size=\"13\" fill=\"#1f2937\">" + xml_escape(chart.series[s]) + "</text>";
      x += 26 + static_cast<int>(chart.series[s].size()) * 8;
    }
  }
  int y = legend;
  for (const auto& r : chart.rows) {
    std::string label = r.label;
    if (label.size() > 28) {  // cut on a UTF-8 character boundary
      std::size_t cut = 26;
      while (cut > 0 && (static_cast<unsigned char>(label[cut]) & 0xC0) == 0x80) --cut;
      label = label.substr(0, cut) + "…";
    }
    out += "<g><text x=\"" + std::to_string(kLabelWidth - 6) + "\" y=\"" + std::to_string(y + 16) +
           "\" text-anchor=\"end\" font-size=\"13\" fill=\"#1f2937\">" + xml_escape(label) + "</text>";
    double x = kLabelWidth, total = 0;
    for (std::size_t s = 0; s < r.values.size(); ++s) {
      const double v = std::max(0.0, r.values[s]);
      total += v;
      const double w = max > 0 ? v / max * span : 0;
      if (w > 0)
        out += "<rect x=\"" + num(x) + "\" y=\"" + std::to_string(y + (kRowHeight - kBar) / 2) + "\" width=\"" +
               num(w) + "\" height=\"" + std::to_string(kBar) + "\" fill=\"" + kPalette[s % std::size(kPalette)] +
               "\"/>";
      x += w;
    }
    out += "<text x=\"" + num(x + 6) + "\" y=\"" + std::to_string(y + 16) + "\" font-size=\"13\" fill=\"#1f2937\">" +
           xml_escape(format(total)) + "</text></g>";
    y += kRowHeight;
  }
  return out + "</svg>";
}

const std::vector<std::string>& province_codes() {
  static const std::vector<std::string> codes = [] {
    std::vector<std::string> out;
    for (const auto& t : kTiles) out.emplace_back(t.code);
    return out;
  }();
  return codes;
}

std::string province_grid_svg(const std::string& id, const std::string& title, const std::vector<ProvinceTile>& tiles,
                              const NumberFormat& format) {
  constexpr int kSize = 36, kGap = 4, kCols = 17, kRows = 7;
  std::map<std::string, const ProvinceTile*> by_code;
  double max = 0;
  for (const auto& t : tiles) {
    by_code[t.code] = &t;
    max = std::max(max, t.value);
  }
  const std::string eid = xml_escape(id);
  std::string out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart tiles\" viewBox=\"0 0 " +
                    std::to_string(kCols * (kSize + kGap)) + " " + std::to_string(kRows * (kSize + kGap)) +
                    "\" role=\"img\" aria-labelledby=\"" + eid + "-title\"><title id=\"" + eid + "-title\">" +
                    xml_escape(title) + "</title>";
  for (const auto& t : kTiles) {
    auto it = by_code.find(t.code);
    const double v = it == by_code.end() ? 0 : it->second->value;
    const std::string name = it == by_code.end() ? t.code : it->second->name;
    const double share = max > 0 ? v / max : 0;
    const int x = t.col * (kSize + kGap), y = t.row * (kSize + kGap);
    out += "<g><title>" + xml_escape(name + ": " + format(v)) + "</title><rect x=\"" + std::to_string(x) + "\" y=\"" +
           std::to_string(y) + "\" width=\"" + std::to_string(kSize) + "\" height=\"" + std::to_string(kSize) +
           "\" rx=\"3\" fill=\"" + shade(share) + "\" stroke=\"#64748b\"/><text x=\"" + std::to_string(x + kSize / 2) +
           "\" y=\"" + std::to_string(y + kSize / 2 + 5) + "\" text-anchor=\"middle\" font-size=\"12\" fill=\"" +
           (share >= 0.5 ? "#ffffff" : "#0f172a") + "\">" + t.abbr + "</text></g>";
  }
  return out + "</svg>";
}

}  // namespace lumbung::portal
