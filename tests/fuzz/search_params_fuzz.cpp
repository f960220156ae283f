// Feeds arbitrary bytes to the search API's input path: the search
// parameters (directory::read_search_params, to_query, search_query_string),
// the paging parameters and the cursor decoder. The input is read both as a
// query string (percent-decoded) and as raw key=value pairs split at '&' and
// '=' (so any byte, NUL and invalid UTF-8 included, reaches the parsers).
// None may crash or throw; errors must be ErrorCode::invalid; a cursor that
// decodes must be the canonical encoding of its offset; the query string made
// of an accepted request must be accepted again.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/problem.hpp"
#include "api/search_handlers.hpp"
#include "directory/innovation_search.hpp"
#include "http/parse.hpp"

using namespace lumbung;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs raw_pairs(std::string_view in) {
  Pairs out;
  while (!in.empty()) {
    auto amp = in.find('&');
    auto item = in.substr(0, amp);
    auto eq = item.find('=');
    out.emplace_back(std::string(item.substr(0, eq)), eq == std::string_view::npos ? "" : std::string(item.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    in.remove_prefix(amp + 1);
  }
  return out;
}

void check_params(const Pairs& pairs) {
  auto request = directory::read_search_params(pairs);
  if (!request) {
    if (request.error().code() != ErrorCode::invalid) std::abort();
    (void)api::problem_response(api::search_params_problem(request.error()));
    return;
  }
  for (auto mode : {search::QueryMode::keywords, search::QueryMode::problem}) (void)directory::to_query(*request, mode);
  // What the search page links to must read back.
  const std::string link = directory::search_query_string(*request);
  auto reparsed = http::parse_query(link);
  if (!reparsed) std::abort();
  auto again = directory::read_search_params(reparsed->items());
  if (!again) std::abort();
  if (again->q != request->q || again->filters != request->filters || again->year_from != request->year_from ||
      again->year_to != request->year_to || again->sort != request->sort)
    std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  // The cursor decoder: what it accepts is canonical and in range.
  if (auto offset = api::decode_search_cursor(in)) {
    if (*offset > api::kMaxSearchOffset || api::encode_search_cursor(*offset) != in) std::abort();
  }
  if (size >= 2) {
    const std::size_t offset = (std::size_t(data[0]) << 8 | data[1]) % (api::kMaxSearchOffset + 1);
    if (api::decode_search_cursor(api::encode_search_cursor(offset)) != offset) std::abort();
  }

  const Pairs raw = raw_pairs(in);
  check_params(raw);
  if (auto query = http::parse_query(in)) {
    check_params(query->items());
    auto page = api::parse_search_page(*query);
    if (page.problem) {
      if (page.problem->status != 400 || page.problem->errors.empty()) std::abort();
      (void)api::problem_response(*page.problem);
    } else if (page.limit < 1 || page.limit > directory::kMaxSearchLimit || page.offset > api::kMaxSearchOffset) {
      std::abort();
    }
  }
  return 0;
}
