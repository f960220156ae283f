// libFuzzer target: the import CSV reader never crashes or hangs on any
// bytes, every row it yields has cells within the limits and increasing row
// numbers, every cell is valid UTF-8, and an error names a row.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "curation/table_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  lumbung::curation::ReadLimits limits;
  limits.max_columns = 50;
  limits.max_cell_bytes = 256;
  auto reader = lumbung::curation::csv_reader(in, limits);
  lumbung::curation::SheetRow row;
  int last = 0;
  for (;;) {
    auto got = reader->next(row);
    if (!got) {
      if (got.error().fields().empty()) std::abort();
      break;
    }
    if (!*got) break;
    if (row.number <= last || row.cells.empty() || row.cells.size() > limits.max_columns) std::abort();
    last = row.number;
    for (const auto& c : row.cells)
      if (c.size() > limits.max_cell_bytes * 3 + 1 || !lumbung::curation::valid_utf8(c)) std::abort();
  }
  return 0;
}
