#include "web/iid_view.hpp"

#include <ctime>

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

std::string format_date(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string cluster_kind(std::string_view cluster) {
  if (cluster == "provinsi") return "province";
  if (cluster == "kabupaten") return "regency";
  if (cluster == "kota") return "city";
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

}  // namespace lumbung::web
