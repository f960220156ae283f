// Small text helpers every module's input rules use.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lumbung {

// Without leading and trailing spaces, tabs, CRs and LFs.
std::string trim(std::string_view s);

// Characters (code points) of valid UTF-8: bytes that do not continue a sequence.
std::size_t char_count(std::string_view s);

// A real calendar date written "YYYY-MM-DD" (leap years counted), with the
// year in [min_year, max_year].
bool valid_iso_date(std::string_view s, int min_year = 1900, int max_year = 2999);

}  // namespace lumbung
