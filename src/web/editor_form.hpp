// The innovation profile form: parsing a submitted form into a draft (with
// the field errors of values that are not even the right type) and the
// vocabularies its selects offer. Pure: no Site, no I/O.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "directory/innovation.hpp"
#include "http/request.hpp"

namespace lumbung::web {

struct ProfileForm {
  directory::InnovationDraft draft;
  std::int64_t version = 0;          // the version the editor started from (0 on create)
  std::vector<FieldError> errors;    // type errors of the form plus validate_draft()
  std::string budget_amount_text;    // as typed, shown again when it was not a number
  std::string year_started_text;
  std::string digital_text;          // "1", "0" or what was sent
};

// Form field names are the draft's field names (name, summary, problem,
// solution, novelty, beneficiaries, results, region_code, unit_id, unit_name,
// sector, form, digital, stage, initiator, trial_date, implementation_date,
// budget_text, budget_amount, funding_source, contact_name, contact_email,
// contact_phone, year_started, status) plus "version". Text is trimmed.
// `base` supplies what the form does not carry (source programme, awards...).
// Wrong types: digital not 0/1 -> error.invalid_choice; budget_amount or
// year_started not a whole number -> error.invalid_format; unit_id not a
// number -> error.invalid_choice. Then validate_draft() runs on the result.
ProfileForm parse_profile_form(const http::Params& form, const directory::InnovationDraft& base);

// The writable fields of the form, in display order.
const std::vector<std::string>& profile_field_names();

// Vocabularies offered by the selects (keys; labels are editor.<vocab>.<key>).
const std::vector<std::string>& stage_keys();
const std::vector<std::string>& form_keys();
const std::vector<std::string>& initiator_keys();
const std::vector<std::string>& status_keys();

}  // namespace lumbung::web
