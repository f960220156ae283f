// The lab report: every idea the caller sees with its unit, stage, coach and
// mean rubric scores, as a printable page and as an XLSX workbook (sheet
// "Ide" with the ideas, sheet "Lab" with the lab, partners and schedule).
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <sstream>

#include "core/ids.hpp"
#include "web/lab_view.hpp"
#include "web/visitor.hpp"

namespace lumbung::web {

namespace {

using namespace lab;

std::string score_text(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

struct Report {
  labs::LabView view;
  std::vector<labs::ReportRow> rows;
};

std::variant<Report, http::Response> load_report(const Site& site, const http::Request& req,
                                                 http::RequestContext& ctx) {
  auto id = parse_id(req.path_params.at("id"));
  if (!id) return error_page(site, req, ctx, 404);
  const auto actor = actor_of(req, ctx);
  auto view = site.labs->open_lab(actor, *id);
  if (!view) return failure_page(site, req, ctx, view.error());
  auto rows = site.labs->report(actor, *id);
  if (!rows) return failure_page(site, req, ctx, rows.error());
  return Report{std::move(*view), std::move(*rows)};
}

// Writes the workbook to `path`; false when libxlsxwriter fails.
bool write_workbook(const Site& site, const std::string& lang, const Report& report, const std::string& path) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (wb == nullptr) return false;
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  const auto t = [&](const char* key) { return site.catalog.text(lang, key); };
  lxw_worksheet* ideas = workbook_add_worksheet(wb, "Ide");
  std::vector<std::string> headers = {"#",
                                      t("lab.field.title"),
                                      t("lab.field.unit"),
                                      t("lab.dash.kind"),
                                      t("lab.field.stage"),
                                      t("lab.dash.coach"),
                                      t("lab.report.innovation")};
  const auto& rubric = report.view.lab.rubric;
  for (const auto& c : rubric) headers.push_back(c);
  headers.push_back(t("lab.report.verdicts"));
  for (std::size_t c = 0; c < headers.size(); ++c)
    worksheet_write_string(ideas, 0, static_cast<lxw_col_t>(c), headers[c].c_str(), bold);
  lxw_row_t r = 1;
  for (const auto& row : report.rows) {
    const auto& i = row.idea;
    worksheet_write_number(ideas, r, 0, static_cast<double>(r), nullptr);
    worksheet_write_string(ideas, r, 1, i.title.c_str(), nullptr);
    worksheet_write_string(ideas, r, 2, i.unit_name.c_str(), nullptr);
    worksheet_write_string(ideas, r, 3, unit_kind_label(site, lang, i.unit_kind).c_str(), nullptr);
    worksheet_write_string(ideas, r, 4, stage_label(site, lang, i.stage).c_str(), nullptr);
    worksheet_write_string(ideas, r, 5, row.coach_name.c_str(), nullptr);
    if (i.innovation_id != 0) worksheet_write_number(ideas, r, 6, static_cast<double>(i.innovation_id), nullptr);
    for (std::size_t c = 0; c < rubric.size(); ++c)
      if (auto it = row.scores.find(rubric[c]); it != row.scores.end())
        worksheet_write_number(ideas, r, static_cast<lxw_col_t>(7 + c), it->second, nullptr);
    std::string verdicts;
    for (const auto& v : row.verdicts)
      verdicts += (verdicts.empty() ? "" : "; ") + site.catalog.text(lang, "lab.verdict." + v.verdict) + " (" +
                  v.reviewer_name + ")" + (v.remarks.empty() ? "" : ": " + v.remarks);
    if (!verdicts.empty())
      worksheet_write_string(ideas, r, static_cast<lxw_col_t>(7 + rubric.size()), verdicts.c_str(), nullptr);
    ++r;
  }
  worksheet_set_column(ideas, 1, 1, 48, nullptr);
  worksheet_set_column(ideas, 2, 2, 32, nullptr);
  lxw_worksheet* lab = workbook_add_worksheet(wb, "Lab");
  const auto& l = report.view.lab;
  const std::vector<std::pair<std::string, std::string>> facts = {
      {t("lab.field.name"), l.name},
      {t("lab.field.organizer"), l.organizer},
      {t("lab.field.region_code"), l.region_name.empty() ? l.region_code : l.region_name},
      {t("lab.field.year"), std::to_string(l.year)},
      {t("lab.field.format"), site.catalog.text(lang, "lab.format." + l.format)}};
  r = 0;
  for (const auto& [k, v] : facts) {
    worksheet_write_string(lab, r, 0, k.c_str(), bold);
    worksheet_write_string(lab, r++, 1, v.c_str(), nullptr);
  }
  ++r;
  worksheet_write_string(lab, r++, 0, t("lab.partners").c_str(), bold);
  for (const auto& p : l.partners) {
    worksheet_write_string(lab, r, 0, p.name.c_str(), nullptr);
    worksheet_write_string(lab, r, 1, site.catalog.text(lang, "lab.partner_role." + p.role).c_str(), nullptr);
    worksheet_write_string(lab, r++, 2, p.mou_ref.c_str(), nullptr);
  }
  ++r;
  worksheet_write_string(lab, r++, 0, t("lab.schedule").c_str(), bold);
  for (const auto& s : l.sessions) {
    worksheet_write_string(lab, r, 0, stage_label(site, lang, s.stage).c_str(), nullptr);
    worksheet_write_string(lab, r, 1, (s.starts_on + " – " + s.ends_on).c_str(), nullptr);
    worksheet_write_string(lab, r, 2, site.catalog.text(lang, "lab.mode." + s.mode).c_str(), nullptr);
    worksheet_write_string(lab, r++, 3, s.place.c_str(), nullptr);
  }
  worksheet_set_column(lab, 0, 0, 28, nullptr);
  worksheet_set_column(lab, 1, 1, 40, nullptr);
  return workbook_close(wb) == LXW_NO_ERROR;
}

}  // namespace

http::Response get_lab_report(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  const auto& lang = lang_of(ctx);
  auto loaded = load_report(site, req, ctx);
  if (auto* r = std::get_if<http::Response>(&loaded)) return std::move(*r);
  const auto& report = std::get<Report>(loaded);
  const auto id = report.view.lab.id;
  nlohmann::json criteria = nlohmann::json::array();
  for (const auto& c : report.view.lab.rubric) criteria.push_back(c);
  nlohmann::json rows = nlohmann::json::array();
  int n = 0;
  for (const auto& row : report.rows) {
    const auto& i = row.idea;
    nlohmann::json scores = nlohmann::json::array();
    for (const auto& c : report.view.lab.rubric) {
      auto it = row.scores.find(c);
      scores.push_back(it == row.scores.end() ? std::string("–") : score_text(it->second));
    }
    std::string verdicts;
    for (const auto& v : row.verdicts)
      verdicts += (verdicts.empty() ? "" : "; ") + site.catalog.text(lang, "lab.verdict." + v.verdict) + " (" +
                  v.reviewer_name + ")";
    rows.push_back({{"verdicts", verdicts},
                    {"n", ++n},
                    {"title", i.title},
                    {"href", idea_path(id, i.id)},
                    {"unit", i.unit_name},
                    {"kind", unit_kind_label(site, lang, i.unit_kind)},
                    {"stage", stage_label(site, lang, i.stage)},
                    {"coach", row.coach_name},
                    {"scores", scores},
                    {"published", i.innovation_id != 0}});
  }
  nlohmann::json model = {{"title", report.view.lab.name + " · " + site.catalog.text(lang, "lab.tab.report")},
                          {"lab", lab_header(site, lang, report.view, "report")},
                          {"criteria", criteria},
                          {"executive", report.view.lab.format == "executive"},
                          {"rows", rows},
                          {"has_rows", !rows.empty()},
                          {"xlsx_href", lab_path(id, "laporan.xlsx")}};
  auto r = render_page(site, req, ctx, "lab/laporan", std::move(model));
  r.cacheable = false;
  return r;
}

http::Response get_lab_report_xlsx(const Site& site, const http::Request& req, http::RequestContext& ctx) {
  auto loaded = load_report(site, req, ctx);
  if (auto* r = std::get_if<http::Response>(&loaded)) return std::move(*r);
  const auto& report = std::get<Report>(loaded);
  // libxlsxwriter writes files: a private file under the data directory, read back and removed.
  const auto dir = site.data_dir / "tmp";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  const auto path = (dir / ("lab-report-" + ctx.request_id + ".xlsx")).string();
  const bool ok = write_workbook(site, lang_of(ctx), report, path);
  std::string body;
  if (ok) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    body = buf.str();
  }
  std::filesystem::remove(path, ec);
  if (!ok || body.empty()) {
    site.log->error("{} lab report xlsx: libxlsxwriter failed", ctx.request_id);
    return error_page(site, req, ctx, 500);
  }
  http::Response r;
  r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.body = std::move(body);
  r.cacheable = false;
  r.header("Content-Disposition",
           "attachment; filename=\"laporan-lab-" + std::to_string(report.view.lab.id) + ".xlsx\"");
  return r;
}

}  // namespace lumbung::web
