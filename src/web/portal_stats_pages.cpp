// /statistik: the repository's figures as SVG charts drawn here (no script),
// each with its data table and a CSV download (/statistik/{chart}.csv), and a
// tile grid of the provinces; /sitemap.xml and /robots.txt.
#include "core/ids.hpp"
#include "portal/sitemap.hpp"
#include "portal/svg_chart.hpp"
#include "web/format.hpp"
#include "web/innovation_view.hpp"
#include "web/portal_view.hpp"

namespace lumbung::web {

namespace {

constexpr const char* kChartMarker = "<!--portal:chart-->";

struct ChartDef {
  std::string id;                   // also the CSV's name
  std::vector<std::string> series;  // i18n keys of the series
  const std::vector<portal::Tally>* rows;
  std::string label_prefix;  // i18n prefix for labels ("" = labels as they are)
};

std::vector<ChartDef> chart_defs(const portal::Figures& f) {
  return {
      {"tahun", {"portal.stats.series.innovations"}, &f.by_year, ""},
      {"sektor", {"portal.stats.series.innovations"}, &f.by_sector, "vocabulary:sector"},
      {"provinsi", {"portal.stats.series.innovations"}, &f.by_province, ""},
      {"digital", {"portal.stats.series.digital", "portal.stats.series.not_digital"}, &f.digital_by_year, ""},
      {"program", {"portal.stats.series.innovations"}, &f.by_program, "portal.program."},
      {"validasi",
       {"portal.stats.series.verified", "portal.stats.series.unverified"},
       &f.verification,
       "portal.program."},
      {"lab", {"portal.stats.series.ideas"}, &f.lab_funnel, "portal.stage."},
      {"replikasi", {"portal.stats.series.requests"}, &f.replication_states, "portal.replication_state."},
  };
}

std::string label_of(const Site& site, const std::string& lang, const ChartDef& d, const portal::Tally& t) {
  if (d.label_prefix.empty()) return t.label.empty() ? "—" : t.label;
  if (d.label_prefix == "vocabulary:sector") return vocabulary_label(site.catalog, lang, "sector", t.key);
  const auto key = d.label_prefix + t.key;
  const auto& text = site.catalog.text(lang, key);
  return text == key ? t.key : text;
}

std::string csv_cell(const std::string& s) {
  std::string v = s;
  // A cell starting with a formula character is read as text by spreadsheets.
  if (!v.empty() && (v[0] == '=' || v[0] == '+' || v[0] == '-' || v[0] == '@')) v = "'" + v;
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

http::Response get_statistics(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto f = portal_figures(site);
  if (!f) {
    site.log->error("{} get_statistics: {}", ctx.request_id, f.error().message());
    return error_page(site, req, ctx, 503);
  }
  auto fmt = [&lang](double v) { return format_number(static_cast<std::int64_t>(v), lang); };
  nlohmann::json charts = nlohmann::json::array();
  std::vector<std::string> svgs;
  for (const auto& d : chart_defs(*f)) {
    portal::Chart chart;
    chart.id = "grafik-" + d.id;
    chart.title = site.catalog.text(lang, "portal.stats.chart." + d.id);
    for (const auto& s : d.series) chart.series.push_back(site.catalog.text(lang, s));
    nlohmann::json header = nlohmann::json::array();
    for (const auto& s : chart.series) header.push_back(s);
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& t : *d.rows) {
      portal::ChartRow row{label_of(site, lang, d, t), {}};
      nlohmann::json cells = nlohmann::json::array();
      for (auto n : t.n) {
        row.values.push_back(static_cast<double>(n));
        cells.push_back(format_number(n, lang));
      }
      rows.push_back({{"label", row.label}, {"cells", cells}});
      chart.rows.push_back(std::move(row));
    }
    svgs.push_back(chart.rows.empty() ? "" : portal::bar_chart_svg(chart, fmt));
    charts.push_back({{"id", chart.id},
                      {"title", chart.title},
                      {"note", site.catalog.text(lang, "portal.stats.note." + d.id)},
                      {"header", header},
                      {"rows", rows},
                      {"empty", rows.empty()},
                      {"csv", "/statistik/" + d.id + ".csv"}});
  }
  // The tile grid, coloured by the figure chosen (?peta=inovasi|digital|terverifikasi).
  static const std::vector<std::string> kMapFigures = {"inovasi", "digital", "terverifikasi"};
  auto map_by = req.query.get_or("peta", "inovasi");
  auto chosen = std::find(kMapFigures.begin(), kMapFigures.end(), map_by);
  if (chosen == kMapFigures.end()) chosen = kMapFigures.begin();
  const auto column = static_cast<std::size_t>(chosen - kMapFigures.begin());
  std::vector<portal::ProvinceTile> tiles;
  for (const auto& t : f->province_detail) tiles.push_back({t.key, t.label, static_cast<double>(t.n.at(column))});
  std::sort(tiles.begin(), tiles.end(), [](const auto& a, const auto& b) { return a.value > b.value; });
  nlohmann::json map_choices = nlohmann::json::array();
  for (const auto& m : kMapFigures)
    map_choices.push_back(
        {{"value", m}, {"label", site.catalog.text(lang, "portal.stats.map_by." + m)}, {"selected", m == *chosen}});
  nlohmann::json map_rows = nlohmann::json::array();
  for (const auto& t : tiles) map_rows.push_back({{"label", t.name}, {"cells", nlohmann::json::array({fmt(t.value)})}});
  const auto map_title = site.catalog.text(lang, "portal.stats.map_title") + ": " +
                         site.catalog.text(lang, "portal.stats.map_by." + *chosen);
  svgs.push_back(portal::province_grid_svg("peta-provinsi", map_title, tiles, fmt));
  nlohmann::json model = {{"title_key", "portal.stats.title"},
                          {"nav_stats", true},
                          {"figures",
                           {{"innovations", format_number(f->innovations, lang)},
                            {"regions", format_number(f->regions, lang)},
                            {"labs", format_number(f->labs, lang)},
                            {"replications", format_number(f->replications, lang)}}},
                          {"charts", charts},
                          {"map_rows", map_rows},
                          {"map_title", map_title},
                          {"map_choices", map_choices}};
  model["canonical"] = public_base(site, req) + "/statistik";
  auto r = render_page(site, req, ctx, "portal/statistik", std::move(model));
  inject_html(r.body, kChartMarker, svgs);
  return r;
}

http::Response get_statistics_csv(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto name = req.path_params.at("chart");
  if (name.size() <= 4 || name.compare(name.size() - 4, 4, ".csv") != 0) return error_page(site, req, ctx, 404);
  name.resize(name.size() - 4);
  auto f = portal_figures(site);
  if (!f) return error_page(site, req, ctx, 503);
  for (const auto& d : chart_defs(*f)) {
    if (d.id != name) continue;
    std::string csv = csv_cell(site.catalog.text(lang, "portal.stats.csv_label." + d.id));
    for (const auto& s : d.series) csv += "," + csv_cell(site.catalog.text(lang, s));
    csv += "\r\n";
    for (const auto& t : *d.rows) {
      csv += csv_cell(d.id == "provinsi" ? t.key + " " + t.label : label_of(site, lang, d, t));
      for (auto n : t.n) csv += "," + std::to_string(n);  // plain digits: spreadsheets parse them in any locale
      csv += "\r\n";
    }
    auto r = http::Response::text(csv);
    r.content_type = "text/csv; charset=utf-8";
    r.header("Content-Disposition", "attachment; filename=\"statistik-" + d.id + ".csv\"");
    return r;
  }
  return error_page(site, req, ctx, 404);
}

http::Response get_sitemap(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  std::vector<portal::SitemapEntry> entries = {{"/", 0},       {"/inovasi", 0}, {"/daerah", 0},
                                               {"/berita", 0}, {"/panduan", 0}, {"/statistik", 0}};
  try {
    auto sql = site.db.acquire();
    for (auto& p : portal::public_pages(*sql, site.innovations.clock().now()))
      entries.push_back({std::move(p.path), p.lastmod});
  } catch (const std::exception& e) {
    site.log->error("{} sitemap: {}", ctx.request_id, e.what());
    return error_page(site, req, ctx, 503);
  }
  auto r = http::Response::text(portal::sitemap_xml(public_base(site, req), entries));
  r.content_type = "application/xml; charset=utf-8";
  return r;
}

http::Response get_robots(const Site& site, const http::Request& req, http::RequestContext&) {
  return http::Response::text(portal::robots_txt(public_base(site, req)));
}

}  // namespace lumbung::web
