// Pure rules of replication: the transfer modes and step statuses, checking
// what people type, and the adoption count of IID indicator 31. No SQL, no
// logging. Field-error keys are i18n keys: error.required, error.too_long,
// error.invalid_choice, error.invalid_text, replikasi.error.invalid_date,
// replikasi.error.date_order, replikasi.error.same_region.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "replication/replication.hpp"

namespace lumbung::replication {

struct TransferMode {
  std::string key;    // mentoring, coaching_clinic, ...
  std::string group;  // technical_assistance | peer_learning | field_visit
};
// Every mode, grouped, in display order.
const std::vector<TransferMode>& transfer_modes();
bool is_transfer_mode(std::string_view key);

// belum, berjalan, selesai, dilewati.
const std::vector<std::string>& step_statuses();
bool is_step_status(std::string_view status);

// "YYYY-MM-DD" naming a real calendar day (years 1900..2999).
bool is_iso_date(std::string_view s);

inline constexpr std::size_t kMaxShortText = 200;  // contact, requester_about, step name
inline constexpr std::size_t kMaxLongText = 4000;  // everything else people write
inline constexpr std::size_t kMaxTemplateSteps = 20;

// Field errors (empty when valid); texts are trimmed in place.
std::vector<FieldError> check_offer(Offer& offer);
// Needs requester_about, problem, adaptation, a transfer mode, an adopter
// region other than the origin.
std::vector<FieldError> check_request(Request& request);
// Valid status, dates (end not before start), notes.
std::vector<FieldError> check_step(Step& step);
// A date, an adopter region other than the origin, evidence for one recorded
// outside Lumbung.
std::vector<FieldError> check_adoption(Adoption& adoption);
// 1..kMaxTemplateSteps non-empty distinct names of at most kMaxShortText;
// field "steps".
std::vector<FieldError> check_template(std::vector<std::string>& names);

// The innovation an adopter names as its own: "123", "123-slug" or a pasted
// address ".../inovasi/123-slug" (surrounding blanks ignored); 0 when the
// text is empty, -1 when it names no id (no leading digits, 0, too large).
std::int64_t innovation_reference(std::string_view text);

// IID indicator 31: how many different regions replicated an innovation of
// `origin_region`. Counts confirmed adoptions only; the same region twice
// counts once; the origin region never counts.
std::int64_t count_adopting_regions(const std::vector<Adoption>& adoptions, const std::string& origin_region);

// Trims `value` in place and adds its field error, if any, to `errors`:
// error.invalid_text, error.required (when `required`), error.too_long (over `max` characters).
void check_text(std::vector<FieldError>& errors, const char* field, std::string& value, std::size_t max, bool required);

}  // namespace lumbung::replication
