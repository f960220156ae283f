// libFuzzer target: the lab enrolment CSV parser never crashes, and every row
// it returns has a unit and a line number after the header.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "labs/enrol_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = lumbung::labs::parse_enrolment_csv(text);
  for (const auto& row : parsed.rows)
    if (row.unit.empty() || row.line < 2) std::abort();
  return 0;
}
