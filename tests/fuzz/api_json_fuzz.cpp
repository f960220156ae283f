// Feeds arbitrary bytes to the API's input path: the JSON body parser,
// draft_from_json, field validation, the If-Match parser and the list query
// parser. None may crash, throw or accept a non-object body; an accepted
// draft must survive the problem document (invalid UTF-8 is replaced).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "api/api_input.hpp"
#include "api/problem.hpp"
#include "directory/innovation_json.hpp"
#include "directory/innovation_rules.hpp"
#include "http/parse.hpp"

using namespace lumbung;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);

  auto body = api::parse_json_body("application/json", in);
  if (!body.problem) {
    if (!body.value.is_object()) std::abort();
    auto draft = directory::draft_from_json(body.value);
    if (draft) {
      auto errors = directory::validate_draft(*draft);
      (void)api::problem_response(api::Problem{422, {}, "fuzz", errors});
    } else {
      (void)api::problem_response(api::problem_from(draft.error()));
    }
    (void)api::parse_expected_version("", body.value);
  }
  (void)api::parse_expected_version(in, nlohmann::json::object());
  if (auto query = http::parse_query(in)) (void)api::parse_list_query(*query);
  return 0;
}
