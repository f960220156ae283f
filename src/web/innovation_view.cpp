#include "web/innovation_view.hpp"

#include <array>
#include <charconv>
#include <ctime>

#include "directory/innovation_rules.hpp"
#include "web/url.hpp"

namespace lumbung::web {

namespace {

constexpr std::array<const char*, 12> kMonthsId = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                                                   "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
constexpr std::array<const char*, 12> kMonthsEn = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// "<digits>.<digits>", each part short enough for a 64-bit number.
bool is_cursor(std::string_view s) {
  const auto dot = s.find('.');
  if (dot == std::string_view::npos) return false;
  auto a = s.substr(0, dot), b = s.substr(dot + 1);
  return all_digits(a) && all_digits(b) && a.size() <= 18 && b.size() <= 18;
}

std::string date_text(int day, int month0, int year, const std::string& lang) {
  const auto& months = lang == "en" ? kMonthsEn : kMonthsId;
  return std::to_string(day) + " " + months[static_cast<std::size_t>(month0)] + " " + std::to_string(year);
}

}  // namespace

DirectoryQuery parse_directory_query(const http::Params& query) {
  DirectoryQuery q;
  q.filter.state = "published";
  // Takes `name` when `accept` says yes; counts a non-empty rejected value.
  auto take = [&](const char* name, auto accept) {
    auto value = query.get(name);
    if (!value || value->empty()) return;
    if (value->size() <= 80 && accept(*value)) q.kept.emplace_back(name, *value);
    else ++q.ignored;
  };
  take("provinsi", [&](const std::string& v) {
    if (v.size() != 2 || !is_region_code(v)) return false;
    q.filter.province_code = v;
    return true;
  });
  take("daerah", [&](const std::string& v) {
    if (v.size() != 5 || !is_region_code(v)) return false;
    q.filter.region_code = v;
    return true;
  });
  take("urusan", [&](const std::string& v) {
    if (!is_sector_key(v)) return false;
    q.filter.sector = v;
    return true;
  });
  take("bentuk", [&](const std::string& v) {
    if (!directory::is_form(v)) return false;
    q.filter.form = v;
    return true;
  });
  take("digital", [&](const std::string& v) {
    if (v != "1" && v != "0") return false;
    q.filter.digital = v == "1";
    return true;
  });
  take("tahap", [&](const std::string& v) {
    if (!directory::is_stage(v)) return false;
    q.filter.stage = v;
    return true;
  });
  take("status", [&](const std::string& v) {
    if (!directory::is_status(v)) return false;
    q.filter.status = v;
    return true;
  });
  take("sumber", [&](const std::string& v) {
    if (!directory::is_source_program(v)) return false;
    q.filter.source_program = v;
    return true;
  });
  take("penghargaan", [&](const std::string& v) {
    if (v != "1") return false;
    q.filter.awarded = true;
    return true;
  });
  take("tahun", [&](const std::string& v) {
    if (v.size() != 4 || !all_digits(v)) return false;
    const int year = std::stoi(v);
    if (year < 1990 || year > 2100) return false;
    q.filter.year = year;
    return true;
  });
  take("urut", [&](const std::string& v) {
    if (v != "replikasi") return false;
    q.order = directory::ListOrder::replicated;
    return true;
  });
  if (auto after = query.get("setelah"); after && !after->empty()) {
    if (is_cursor(*after)) q.cursor = *after;
    else ++q.ignored;
  }
  return q;
}

std::string directory_link(const DirectoryQuery& query, const std::string& cursor) {
  std::string out = "/inovasi";
  char sep = '?';
  auto add = [&](const std::string& name, const std::string& value) {
    out += sep;
    out += name + "=" + url_encode(value);
    sep = '&';
  };
  for (const auto& [name, value] : query.kept) add(name, value);
  if (!cursor.empty()) add("setelah", cursor);
  return out;
}

std::optional<std::int64_t> parse_leading_id(std::string_view segment) {
  std::size_t n = 0;
  while (n < segment.size() && segment[n] >= '0' && segment[n] <= '9') ++n;
  if (n == 0 || n > 18) return std::nullopt;
  if (n < segment.size() && segment[n] != '-') return std::nullopt;
  std::int64_t id = 0;
  std::from_chars(segment.data(), segment.data() + n, id);
  if (id <= 0) return std::nullopt;
  return id;
}

std::string innovation_path(std::int64_t id, const std::string& slug) {
  return "/inovasi/" + std::to_string(id) + (slug.empty() ? "" : "-" + slug);
}

bool is_region_code(std::string_view code) {
  if (code.size() == 2) return all_digits(code);
  return code.size() == 5 && all_digits(code.substr(0, 2)) && code[2] == '.' && all_digits(code.substr(3));
}

bool is_sector_key(std::string_view key) {
  if (key.empty() || key.size() > 60) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
  return true;
}

const std::vector<std::string>& sector_keys() {
  static const std::vector<std::string> kKeys = {
      "kesehatan",     "pendidikan",      "kependudukan",      "sosial",      "ekonomi-umkm",
      "pertanian-pangan", "lingkungan",   "infrastruktur-transportasi", "perizinan-investasi",
      "keuangan-pajak", "tata-kelola",    "kebencanaan",       "ketenagakerjaan", "pariwisata-budaya",
      "air-sanitasi"};
  return kKeys;
}

std::string format_date(std::int64_t unix_seconds, const std::string& lang) {
  if (unix_seconds == 0) return "";
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return date_text(tm.tm_mday, tm.tm_mon, tm.tm_year + 1900, lang);
}

std::string format_iso_date(const std::string& ymd, const std::string& lang) {
  if (ymd.size() != 10 || ymd[4] != '-' || ymd[7] != '-') return ymd;
  const std::string_view s = ymd;
  if (!all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) return ymd;
  const int year = std::stoi(ymd.substr(0, 4)), month = std::stoi(ymd.substr(5, 2)), day = std::stoi(ymd.substr(8, 2));
  if (month < 1 || month > 12 || day < 1 || day > 31) return ymd;
  return date_text(day, month - 1, year, lang);
}

std::string format_rupiah(std::int64_t amount, const std::string& lang) {
  const char sep = lang == "en" ? ',' : '.';
  std::string digits = std::to_string(amount < 0 ? -amount : amount);
  std::string out;
  for (std::size_t k = 0; k < digits.size(); ++k) {
    if (k != 0 && (digits.size() - k) % 3 == 0) out += sep;
    out += digits[k];
  }
  return std::string(amount < 0 ? "-" : "") + "Rp " + out;
}

std::string vocabulary_label(const Catalog& catalog, const std::string& lang, const std::string& kind,
                             const std::string& value) {
  if (value.empty()) return "";
  const auto key = "kosakata." + kind + "." + value;
  const auto& text = catalog.text(lang, key);
  return text == key ? value : text;
}

nlohmann::json innovation_card(const Catalog& catalog, const std::string& lang, const directory::Innovation& i) {
  nlohmann::json card = {{"id", i.id},
                         {"href", innovation_path(i.id, i.slug)},
                         {"name", i.name},
                         {"summary", i.summary},
                         {"sector", vocabulary_label(catalog, lang, "sector", i.sector)},
                         {"keys", {{"sector", i.sector}, {"form", i.form}, {"stage", i.stage}, {"status", i.status},
                                   {"source", i.source_program}}},
                         {"digital", i.digital},
                         {"award", !i.awards.empty()},
                         {"region", false},
                         {"unit", false},
                         {"year", false},
                         {"source", false}};  // false, not missing: templates must not find an outer value
  if (!i.region_code.empty())
    card["region"] = {{"code", i.region_code},
                      {"name", i.region_name.empty() ? i.region_code : i.region_name},
                      {"href", "/daerah/" + i.region_code}};
  if (!i.unit_name.empty()) {
    // href false, not missing: a missing key would find the card's own href.
    card["unit"] = {{"name", i.unit_name}, {"href", false}};
    if (i.unit_id > 0) card["unit"]["href"] = "/unit/" + std::to_string(i.unit_id);
  }
  if (i.year_started > 0) card["year"] = i.year_started;
  if (!i.source_program.empty() && i.source_program != "lumbung")
    card["source"] = vocabulary_label(catalog, lang, "source", i.source_program);
  return card;
}

}  // namespace lumbung::web
