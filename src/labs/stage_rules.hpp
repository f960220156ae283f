// Pure rules of a lab (no SQL, no logging): stage order, the structured form
// of each stage as a table, what a stage needs before its gate can pass, the
// USG ranking of problems, lab validation and who may see or do what.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/auth.hpp"
#include "core/result.hpp"
#include "labs/lab.hpp"

namespace lumbung::labs {

// "drumup", "diagnose", "design", "delivery", "display", "documentation", "done".
const char* to_string(Stage stage);
std::optional<Stage> parse_stage(std::string_view name);
// The stages a lab runs, in order (documentation only when scheduled).
std::vector<Stage> stages_of(bool with_documentation);
// The stage after `current` ("done" after the last one the lab runs).
Stage next_stage(Stage current, bool with_documentation);

// ---- stage forms ----------------------------------------------------------

enum class FieldKind { text, textarea, date, score, url, number };
struct FormField {
  const char* name;  // JSON key and form field name
  FieldKind kind;
  bool needed;  // must be filled before the stage's gate can pass
};
// Repeated rows (problems, milestones, log entries): form fields are named
// "<group>_<row>_<field>" (row from 1), stored as data[group] = [{...}, ...]
// keeping only rows with something typed.
struct FormGroup {
  const char* name;
  int rows;      // rows the form shows
  int min_rows;  // filled rows needed before the gate can pass
  std::vector<FormField> fields;
};
struct StageForm {
  Stage stage;
  std::vector<FormField> fields;
  std::vector<FormGroup> groups;
  bool readiness = false;  // the organiser's readiness items, scored 1..5 as "readiness_<n>"
};
// The form of `stage` (drumup..documentation); documentation also for "done".
const StageForm& stage_form(Stage stage);

// Reads a stage form from submitted values (`get` returns "" for a missing
// field) into the stored JSON object. invalid with field errors (form field
// names, keys error.too_long, error.invalid_date, lab.error.score,
// error.invalid_url, error.invalid_number, error.invalid_text) when a value
// is malformed; blanks are fine (the gate checks completeness).
Result<nlohmann::json> read_stage_form(Stage stage, const std::function<std::string(const std::string&)>& get,
                                       std::size_t readiness_items);
// What is missing before `stage` can be marked complete, as field errors
// (key error.required or lab.error.rows_needed); empty when complete.
std::vector<FieldError> completion_gaps(Stage stage, const nlohmann::json& data, std::size_t readiness_items);
// The flat form values of stored data (for showing a form again).
std::map<std::string, std::string> form_values(Stage stage, const nlohmann::json& data, std::size_t readiness_items);

// ---- USG -----------------------------------------------------------------

struct UsgProblem {
  std::string problem;
  int urgency = 0;      // 1..5
  int seriousness = 0;  // 1..5
  int growth = 0;       // 1..5
};
struct UsgRank {
  std::size_t index = 0;  // position in the input
  int total = 0;          // urgency + seriousness + growth
  int rank = 0;           // 1 = highest priority; equal scores share a rank
};
// Problems by priority: highest total first; equal totals by urgency, then
// seriousness, then growth (each higher first), then input order. Problems
// with equal (total, urgency, seriousness, growth) share a rank; the next
// rank skips (1, 1, 3). Problems with a score outside 1..5 are left out.
std::vector<UsgRank> rank_usg(std::span<const UsgProblem> problems);

// ---- gates ---------------------------------------------------------------

enum class GateAction { complete, send_back };
// The idea's stage after a gate on `acted` while the idea is at `current`:
// complete moves to the next stage when nothing is missing (invalid with the
// gaps otherwise); send_back keeps the stage and needs a reason (invalid
// {"reason","error.required"}). A gate on another stage than the current
// one, or on a finished idea, is conflict.
Result<Stage> gate(Stage current, Stage acted, GateAction action, const std::vector<FieldError>& gaps,
                   std::string_view reason, bool with_documentation);

// ---- labs ----------------------------------------------------------------

bool is_format(std::string_view s);         // regular, executive
bool is_partner_role(std::string_view s);   // academia, community, business, media, government
bool is_mode(std::string_view s);           // daring, luring, hybrid
bool is_session_stage(std::string_view s);  // a stage but done, or "clinic"
bool is_verdict(std::string_view s);        // lanjut, perbaiki, tolak
// Field errors of a lab draft: name/organizer required and <= 200 chars,
// region_code required, format, year 2000..2100, partners (name and role;
// "partners_<n>_<field>"), sessions (stage, dates, starts <= ends, mode;
// "sessions_<n>_<field>"), at most 50 readiness items / rubric criteria.
std::vector<FieldError> validate_lab(const LabDraft& draft);
// Field errors of a clinic record: held_on a date, mode, attendees (<= 2000
// characters) and notes (<= 5000), each action with text, owner and a due
// date ("actions_<n>_<field>", n from 1), at most 10 actions.
std::vector<FieldError> validate_clinic(const Clinic& clinic);
const std::vector<std::string>& default_readiness_items();
const std::vector<std::string>& default_rubric();
// A date "YYYY-MM-DD" that exists.
bool valid_date(std::string_view s);

// ---- who may do what -----------------------------------------------------

// What a caller may do in one lab, from their grants and the lab's units.
struct LabAccess {
  bool organizer = false;                // admin, or lab_organizer over the lab
  std::set<std::int64_t> coached_units;  // units whose assigned coach is the caller
  std::set<std::int64_t> member_units;   // enrolled units the caller is a participant of
  bool sees_lab() const { return organizer || !coached_units.empty() || !member_units.empty(); }
  bool sees_unit(std::int64_t unit) const {
    return organizer || coached_units.count(unit) > 0 || member_units.count(unit) > 0;
  }
  bool works_in(std::int64_t unit) const { return organizer || member_units.count(unit) > 0; }
  bool gates(std::int64_t unit) const { return organizer || coached_units.count(unit) > 0; }
};
LabAccess lab_access(const std::vector<auth::Grant>& grants, std::int64_t user_id, const Lab& lab,
                     const std::vector<LabUnit>& units);
// May create a lab located in `region_code`: admin, or lab_organizer with
// national scope or scope of that region.
bool may_create_lab(const std::vector<auth::Grant>& grants, const std::string& region_code);

}  // namespace lumbung::labs
