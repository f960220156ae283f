// Pure rules of validation campaigns: the state machine, what a campaign and
// an answer must hold, how an answer changes the innovation, and dates.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "validation/validation.hpp"

namespace lumbung::validation {

// The campaign state machine:
//   draft  --open-->   open     (the owners are asked; the selection is fixed)
//   open   --close-->  closed   (answers are no longer accepted)
//   closed --reopen--> open     (e.g. after extending the deadline)
// Anything else (opening an open campaign, closing a draft) is nullopt.
std::optional<std::string> next_state(const std::string& state, const std::string& action);
// Only drafts may still change their title, filter and deadline; a deadline
// may also be extended while open or closed.
bool editable(const std::string& state);
// Answers are accepted only while open.
bool accepts_answers(const std::string& state);

// Field errors (i18n keys) of a campaign: title required (at most 200
// characters), deadline a valid date not before `today` (YYYY-MM-DD), source
// one of the programmes or empty, year 0 or 1900..2100, unverified_since a
// valid date or empty. The region is checked by the service.
std::vector<FieldError> validate_campaign(const CampaignDraft& draft, const std::string& today);

// Field errors of an answer: status one of berlanjut/berkembang/berhenti,
// results and figures at most 5000 characters, evidence_url empty or an
// http(s) address, a contact name, contact_email empty or an address.
std::vector<FieldError> validate_answer(const Answer& answer);

// The innovation status an answer sets: berhenti for a stopped one,
// berlanjut otherwise (berkembang is still running).
std::string innovation_status(const std::string& answer_status);

// The end of `date` (YYYY-MM-DD) in WIB as unix seconds; 0 when malformed.
std::int64_t end_of_day(const std::string& date);
// The start of `date` in WIB as unix seconds; 0 when malformed.
std::int64_t start_of_day(const std::string& date);
// The WIB calendar date of unix seconds `t`.
std::string local_date(std::int64_t t);

nlohmann::json filter_to_json(const CampaignFilter& filter);
// Unknown or mistyped members are ignored.
CampaignFilter filter_from_json(const nlohmann::json& object);

// "2.355" (Indonesian) or "2,355" (English) thousands separators.
std::string group_digits(std::int64_t n, const std::string& lang);

}  // namespace lumbung::validation
