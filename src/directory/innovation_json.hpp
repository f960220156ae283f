// The innovation interchange object (JSON): revision snapshots, the API and
// exports all use it. Stable field names, in this order:
//   id, name, summary, problem, solution, novelty, beneficiaries, results,
//   region_code, region_name, province_code, unit_id, unit_name, sector, form,
//   digital, stage, initiator, trial_date, implementation_date, budget_text,
//   budget_amount, funding_source, contact_name, contact_email, contact_phone,
//   source_program, source_id, year_started, status, last_verified_at, awards
//   ([{program, year, award}]), state, review_comment, slug, version,
//   created_at, updated_at, published_at
// Times are unix seconds; dates "YYYY-MM-DD"; digital is a boolean.
#pragma once

#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "directory/innovation.hpp"

namespace lumbung::directory {

std::span<const char* const> interchange_fields();

nlohmann::json to_json(const Innovation& innovation);

// Reads the writable fields of an interchange object (unknown keys ignored,
// missing ones keep InnovationDraft's defaults). Wrong JSON types are field
// errors (error.invalid_type), reported together.
Result<InnovationDraft> draft_from_json(const nlohmann::json& object);

}  // namespace lumbung::directory
