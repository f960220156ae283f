// libFuzzer target: the import XLSX reader (libarchive zip + expat XML)
// never crashes on any bytes; rows it yields stay within the limits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "curation/table_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  lumbung::curation::ReadLimits limits;
  limits.max_columns = 50;
  limits.max_cell_bytes = 1024;
  limits.max_shared_string_bytes = 1 << 20;
  auto reader =
      lumbung::curation::xlsx_reader_memory(std::string_view(reinterpret_cast<const char*>(data), size), limits);
  if (!reader) return 0;
  lumbung::curation::SheetRow row;
  for (int n = 0; n < 100000; ++n) {
    auto got = (*reader)->next(row);
    if (!got || !*got) break;
    if (row.cells.size() > limits.max_columns) std::abort();
    for (const auto& c : row.cells)
      if (c.size() > limits.max_cell_bytes + 64 * 1024) std::abort();
  }
  return 0;
}
