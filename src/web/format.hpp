// Formatting values for people, in the page's language.
#pragma once

#include <cstdint>
#include <string>

namespace lumbung::web {

// "24 Nov 2026 06.39 UTC" (id) or "24 Nov 2026 06:39 UTC" (en).
std::string format_datetime(std::int64_t unix_seconds, const std::string& lang);
// 1234567 as "1.234.567" (id) or "1,234,567" (en).
std::string format_number(std::int64_t n, const std::string& lang);
// "12 Sep 2023" (id: "12 Sep 2023", "3 Agu 2023") for a time, the date as in WIB (UTC+7).
std::string format_wib_date(std::int64_t unix_seconds, const std::string& lang);
// A User-Agent shortened for a table cell ("Chrome 156 · Linux").
std::string short_user_agent(const std::string& user_agent);

}  // namespace lumbung::web
