#include "web/iid_view.hpp"

#include <xlsxwriter.h>

#include <ctime>
#include <fstream>
#include <sstream>

#include "auth/secrets.hpp"
#include "core/clock.hpp"

namespace lumbung::web {

std::optional<int> parse_x100(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  long long whole = 0;
  int frac = 0, frac_digits = 0, whole_digits = 0;
  bool in_frac = false;
  for (char c : text) {
    if (c == '.' || c == ',') {
      if (in_frac || whole_digits == 0) return std::nullopt;
      in_frac = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    if (in_frac) {
      if (++frac_digits > 2) return std::nullopt;
      frac = frac * 10 + (c - '0');
    } else {
      if (++whole_digits > 7) return std::nullopt;
      whole = whole * 10 + (c - '0');
    }
  }
  if (in_frac && frac_digits == 0) return std::nullopt;
  if (frac_digits == 1) frac *= 10;
  return static_cast<int>(whole * 100 + frac);
}

std::optional<std::int64_t> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](std::size_t at, std::size_t len) -> int {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
  if (y < 2000 || y > 2100 || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[m - 1] + (m == 2 && leap ? 1 : 0)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = m - 1;
  tm.tm_mday = d;
  return static_cast<std::int64_t>(timegm(&tm));
}

std::string format_date(std::int64_t unix_seconds) { return format_iso8601(unix_seconds).substr(0, 10); }

std::string cluster_kind(std::string_view cluster) {
  if (cluster == "provinsi") return "province";
  if (cluster == "kabupaten") return "regency";
  if (cluster == "kota") return "city";
  if (cluster == "perbatasan" || cluster == "tertinggal") return std::string(cluster);  // curator-flagged clusters
  return {};
}

std::string csv_field(std::string_view text) {
  std::string value(text);
  if (!value.empty() && (value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@'))
    value.insert(value.begin(), '\'');
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string ranking_csv(int year, const std::vector<index::RankingRow>& rows) {
  std::string out =
      "tahun,peringkat,kode,daerah,jenis,indeks,predikat,spd,sid,skor_jumlah_inovasi,total,maksimum,jumlah_inovasi\r\n";
  for (const auto& r : rows) {
    const auto& s = r.score;
    out += std::to_string(year) + "," + std::to_string(r.rank) + "," + csv_field(r.region.code) + "," +
           csv_field(r.region.name) + "," + csv_field(r.region.kind) + "," + index::format_x100(s.index_x100) + "," +
           csv_field(s.predicate) + "," + index::format_points(s.spd) + "," + index::format_points(s.sid) + "," +
           index::format_points(s.count_score) + "," + index::format_points(s.total) + "," +
           index::format_points(s.maximum) + "," + std::to_string(s.innovations) + "\r\n";
  }
  return out;
}

Result<std::string> ranking_xlsx(int year, const std::vector<index::RankingRow>& rows,
                                 const std::filesystem::path& tmp_dir) {
  std::error_code ec;
  std::filesystem::create_directories(tmp_dir, ec);
  const auto path = tmp_dir / ("iid-" + auth::random_token().substr(0, 16) + ".xlsx");
  lxw_workbook* book = workbook_new(path.c_str());
  if (book == nullptr) return Error(ErrorCode::unavailable, "ranking_xlsx: cannot create " + path.string());
  const auto sheet_name = "IID " + std::to_string(year);
  lxw_worksheet* sheet = workbook_add_worksheet(book, sheet_name.c_str());
  const char* headers[] = {"tahun",  "peringkat", "kode",          "daerah", "jenis",
                           "indeks", "predikat",  "spd",           "sid",    "skor_jumlah_inovasi",
                           "total",  "maksimum",  "jumlah_inovasi"};
  for (lxw_col_t c = 0; c < 13; ++c) worksheet_write_string(sheet, 0, c, headers[c], nullptr);
  lxw_row_t r = 1;
  for (const auto& row : rows) {
    const auto& s = row.score;
    worksheet_write_number(sheet, r, 0, year, nullptr);
    worksheet_write_number(sheet, r, 1, row.rank, nullptr);
    worksheet_write_string(sheet, r, 2, row.region.code.c_str(), nullptr);
    worksheet_write_string(sheet, r, 3, row.region.name.c_str(), nullptr);
    worksheet_write_string(sheet, r, 4, row.region.kind.c_str(), nullptr);
    worksheet_write_number(sheet, r, 5, s.index_x100 / 100.0, nullptr);
    worksheet_write_string(sheet, r, 6, s.predicate.c_str(), nullptr);
    worksheet_write_number(sheet, r, 7, s.spd, nullptr);
    worksheet_write_number(sheet, r, 8, s.sid, nullptr);
    worksheet_write_number(sheet, r, 9, s.count_score, nullptr);
    worksheet_write_number(sheet, r, 10, s.total, nullptr);
    worksheet_write_number(sheet, r, 11, s.maximum, nullptr);
    worksheet_write_number(sheet, r, 12, s.innovations, nullptr);
    ++r;
  }
  const lxw_error closed = workbook_close(book);
  std::string bytes;
  if (closed == LXW_NO_ERROR) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    bytes = out.str();
  }
  std::filesystem::remove(path, ec);
  if (closed != LXW_NO_ERROR || bytes.empty())
    return Error(ErrorCode::unavailable, std::string("ranking_xlsx: ") + lxw_strerror(closed));
  return bytes;
}

}  // namespace lumbung::web
