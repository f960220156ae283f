#include "web/format.hpp"

#include <array>
#include <ctime>
#include <regex>

namespace lumbung::web {

std::string format_datetime(std::int64_t unix_seconds, const std::string& lang) {
  static constexpr std::array<const char*, 12> kId = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                                                      "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
  static constexpr std::array<const char*, 12> kEn = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const auto& months = lang == "en" ? kEn : kId;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%d %s %d %02d%c%02d UTC", tm.tm_mday, months[static_cast<std::size_t>(tm.tm_mon)],
                tm.tm_year + 1900, tm.tm_hour, lang == "en" ? ':' : '.', tm.tm_min);
  return buf;
}

std::string format_number(std::int64_t n, const std::string& lang) {
  const bool negative = n < 0;
  const std::uint64_t magnitude = negative ? 0 - static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n);
  std::string digits = std::to_string(magnitude);
  std::string out;
  const char sep = lang == "en" ? ',' : '.';
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string format_wib_date(std::int64_t unix_seconds, const std::string& lang) {
  static constexpr std::array<const char*, 12> kId = {"Jan", "Feb", "Mar", "Apr", "Mei", "Jun",
                                                      "Jul", "Agu", "Sep", "Okt", "Nov", "Des"};
  static constexpr std::array<const char*, 12> kEn = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(unix_seconds + 7 * 3600);
  std::tm tm{};
  gmtime_r(&t, &tm);
  const auto& months = lang == "en" ? kEn : kId;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d %s %d", tm.tm_mday, months[static_cast<std::size_t>(tm.tm_mon)],
                tm.tm_year + 1900);
  return buf;
}

std::string short_user_agent(const std::string& ua) {
  if (ua.empty()) return "—";
  static const std::regex kBrowser(R"((Firefox|Edg|OPR|Chrome|Version)/(\d+))");
  static const std::array<std::pair<const char*, const char*>, 6> kSystems = {
      {{"Android", "Android"}, {"iPhone", "iPhone"}, {"iPad", "iPad"}, {"Windows", "Windows"},
       {"Mac OS X", "macOS"}, {"Linux", "Linux"}}};
  std::string browser;
  std::smatch m;
  if (std::regex_search(ua, m, kBrowser)) {
    std::string name = m[1];
    if (name == "Edg") name = "Edge";
    if (name == "OPR") name = "Opera";
    if (name == "Version") name = "Safari";
    if (ua.find("HeadlessChrome") != std::string::npos) name = "Chrome (headless)";
    browser = name + " " + m[2].str();
  }
  std::string system;
  for (const auto& [needle, label] : kSystems)
    if (ua.find(needle) != std::string::npos) {
      system = label;
      break;
    }
  if (browser.empty() && system.empty()) return ua.substr(0, 40);
  if (browser.empty()) return system;
  return system.empty() ? browser : browser + " · " + system;
}

}  // namespace lumbung::web
