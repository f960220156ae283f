// Formatting values for people, in the page's language.
#pragma once

#include <cstdint>
#include <string>

namespace lumbung::web {

// "24 Nov 2026 06.39 UTC" (id) or "24 Nov 2026 06:39 UTC" (en).
std::string format_datetime(std::int64_t unix_seconds, const std::string& lang);
// A User-Agent shortened for a table cell ("Chrome 156 · Linux").
std::string short_user_agent(const std::string& user_agent);

}  // namespace lumbung::web
