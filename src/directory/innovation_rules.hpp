// Pure rules of the repository: field validation, the publication state
// machine, slugs and revision diffs. No SQL, no logging.
//
// State machine (every other (state, action) pair is a conflict):
//
//   from       action     to         notes
//   draft      submit     review     the profile must be complete (validate_for_review)
//   review     publish    published  complete profile; sets published_at the first time
//   review     send_back  draft      a comment is required (shown to the editors)
//   review     withdraw   draft      the editor takes it back before a decision
//   published  archive    archived   leaves the public directory and the index
//   archived   restore    published  archiving is reversible, nothing is ever deleted
//
// Editing (update/upsert) is allowed in draft, review and published and keeps
// the state. A published innovation stays published while it is edited: JIPPNas
// pemutakhiran campaigns update live profiles (status berlanjut/berhenti,
// figures), and hiding a profile during a review would break links people
// share. Every edit keeps a revision with the author, so curators see a diff
// and can restore a former revision; the web/API layer decides who may edit a
// published profile. Archived innovations must be restored before editing.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "directory/innovation.hpp"

namespace lumbung::directory {

enum class Action { submit, publish, send_back, withdraw, archive, restore };

struct Transition {
  std::string_view from;
  Action action;
  std::string_view to;
  bool comment_required;
};

// The table above, in that order.
std::span<const Transition> transitions();
const char* to_string(Action action);
std::optional<Action> parse_action(std::string_view name);

// The state after `action` from `from`: conflict when the table has no such
// row, invalid (field "comment", error.required) when a comment is required
// and blank.
Result<std::string> next_state(std::string_view from, Action action, std::string_view comment);

// Whether update() may change an innovation in this state.
bool editable(std::string_view state);

// Field errors of any save (empty when valid); keys are i18n keys
// (error.required, error.too_long, error.invalid_choice, error.invalid_date,
// error.invalid_email, error.out_of_range, error.invalid_format).
std::vector<FieldError> validate_draft(const InnovationDraft& draft);
// Valid UTF-8 (no overlong forms or surrogates) without control characters
// other than tab, CR and LF.
bool clean_text(std::string_view text);
// validate_draft plus what a profile needs before review and publication:
// summary, problem, solution, results, region_code, sector, form, stage.
std::vector<FieldError> validate_for_review(const InnovationDraft& draft);

// "SIPANDU: Layanan Adminduk" -> "sipandu-layanan-adminduk" (ascii, at most 80 chars).
std::string make_slug(std::string_view name);

// Fields that differ between two revision snapshots (interchange JSON
// objects), in the order of the interchange object, then other keys by name.
// Bookkeeping keys (version, updated_at) are ignored. Strings are shown as
// they are, other values as JSON; a missing key shows as "". Invalid JSON
// counts as an empty object.
std::vector<FieldChange> diff_revisions(const std::string& before_json, const std::string& after_json);

// "Dinas Kesehatan" -> opd, "Puskesmas Bontang" -> puskesmas, ... else "lainnya".
std::string guess_unit_kind(std::string_view name);

// The vocabularies of innovation.hpp.
bool is_state(std::string_view s);
bool is_stage(std::string_view s);
bool is_form(std::string_view s);
bool is_initiator(std::string_view s);
bool is_status(std::string_view s);
bool is_source_program(std::string_view s);
bool is_unit_kind(std::string_view s);

}  // namespace lumbung::directory
