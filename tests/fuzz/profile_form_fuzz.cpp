// Feeds arbitrary bytes, read as an urlencoded form body, to the innovation
// profile form (web::parse_profile_form, then validate_draft) and to every
// lab stage form (labs::read_stage_form). None may crash or throw: any body
// is a form with or without field errors.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/parse.hpp"
#include "labs/stage_rules.hpp"
#include "web/editor_form.hpp"

using namespace lumbung;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  auto form = http::parse_query(in);
  if (!form) return 0;
  const directory::InnovationDraft base;
  (void)web::parse_profile_form(*form, base);
  const auto get = [&](const std::string& name) { return form->get_or(name, ""); };
  for (auto stage : {labs::Stage::drumup, labs::Stage::diagnose, labs::Stage::design, labs::Stage::delivery,
                     labs::Stage::display, labs::Stage::documentation, labs::Stage::done}) {
    (void)labs::read_stage_form(stage, get, 5);
  }
  return 0;
}
