// Feeds arbitrary bytes to the parsers of the IID curator forms: decimals in
// hundredths (weights, points, band bounds) and dates. None may crash; an
// accepted decimal is in range and formats back to a value that parses to the
// same number; an accepted date formats back to the same text; a CSV field
// never leaves a quote unbalanced.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "index/scoring.hpp"
#include "web/iid_view.hpp"

using namespace lumbung;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  if (auto v = web::parse_x100(in)) {
    if (*v < 0 || *v > 999999999) std::abort();
    if (web::parse_x100(index::format_x100(*v)) != v) std::abort();
  }
  if (auto t = web::parse_date(in)) {
    if (web::format_date(*t) != in) std::abort();
  }
  const auto field = web::csv_field(in);
  std::size_t quotes = 0;
  for (char c : field) quotes += c == '"';
  if (quotes % 2 != 0) std::abort();
  return 0;
}
