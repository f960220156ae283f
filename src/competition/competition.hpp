// Competitions (KIPP-style): a call with its rules, agencies' entries, the
// selection rounds, judges' scores, public objections, presentation slots and
// results. Plain types and the pure rules over them (competition_rules.cpp:
// no SQL); SQL in competition_store.hpp, use cases in competition_service.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth.hpp"
#include "core/result.hpp"

namespace lumbung::competition {

// One weighted aspect of the proposal (2023 KIPP: background 10, novelty 15...).
struct Aspect {
  std::string key;    // "latar_belakang"
  std::string label;  // "Latar belakang dan tujuan"
  int weight = 0;     // percent; the aspects' weights sum to 100
  int word_limit = 0;
  friend bool operator==(const Aspect&, const Aspect&) = default;
};

struct RequiredAttachment {
  std::string key;    // "sk", "pernyataan_replikasi", "video"
  std::string label;  // shown on the entry form
  friend bool operator==(const RequiredAttachment&, const RequiredAttachment&) = default;
};

// The dates of the rounds (YYYY-MM-DD, end of day WIB for closings).
struct Rounds {
  std::string registration_opens;
  std::string registration_closes;
  std::string administrative_closes;
  std::string desk_closes;
  std::string objection_closes;
  std::string presentation_closes;
  std::string results_on;
  friend bool operator==(const Rounds&, const Rounds&) = default;
};

struct Config {
  std::vector<std::string> groups;      // umum, replikasi, khusus
  std::vector<std::string> categories;  // free text labels
  int min_age_years = 1;                // innovation age at registration close
  int cap_per_agency = 10;              // submitted entries per agency (0 = no cap)
  bool exclude_past_winners = true;     // innovations already awarded in this programme
  std::vector<Aspect> aspects;
  std::vector<RequiredAttachment> attachments;
  Rounds rounds;
  int top_n = 99;  // finalists
  int top_m = 45;  // winners
  friend bool operator==(const Config&, const Config&) = default;
};

// The 2023 KIPP aspects, weights and word limits (DOMAIN.md §5 / §3.2), the
// required attachments and groups: what a new competition starts from.
Config kipp_2023_template();

struct CompetitionDraft {
  std::string name;
  std::string level = "nasional";  // nasional, provinsi, kementerian
  int year = 0;
  std::string award_label;  // "KIPP 2023": winners get "Top 45 KIPP 2023"
  Config config;
};

// The rounds in order; a competition moves forward one at a time.
inline const std::vector<std::string>& phases() {
  static const std::vector<std::string> p = {"registration", "administrative", "desk",     "finalists",
                                             "presentation", "final",          "published"};
  return p;
}
// The phase after `phase`, or "" at the end (or for an unknown phase).
std::string next_phase(const std::string& phase);
// Index in phases(), -1 when unknown.
int phase_index(const std::string& phase);

struct Competition : CompetitionDraft {
  std::int64_t id = 0;
  std::string phase = "registration";
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

struct Entry {
  std::int64_t id = 0;
  std::int64_t competition_id = 0;
  std::string region_code;  // the agency
  std::string region_name;  // joined, read-only
  std::int64_t unit_id = 0;
  std::string cluster;  // kementerian, lembaga, provinsi, kabupaten, kota, bumn, bumd
  std::string group_name;
  std::string category;
  std::string title;
  std::int64_t innovation_id = 0;                  // 0 = a new innovation
  std::string started_on;                          // YYYY-MM-DD: when the innovation was first implemented
  std::map<std::string, std::string> answers;      // aspect key -> text
  std::map<std::string, std::string> attachments;  // attachment key -> link
  std::string state = "draft";                     // draft, submitted, passed, failed, finalist, winner, withdrawn
  std::string admin_reason;                        // why it failed administrative selection
  std::int64_t desk_score = 0;                     // hundredths of a point, 0..10000
  std::int64_t final_score = 0;
  int ranking = 0;  // 0 = not ranked
  std::string award;
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t submitted_at = 0;
  std::int64_t updated_at = 0;
};

struct Score {
  std::int64_t entry_id = 0;
  std::int64_t judge_id = 0;
  std::string stage;  // desk, presentation
  std::string aspect;
  int score = 0;  // 0..100
  friend bool operator==(const Score&, const Score&) = default;
};

struct Objection {
  std::int64_t id = 0;
  std::int64_t entry_id = 0;
  std::string entry_title;  // joined
  std::string name, email, body, ip;
  std::string state = "open";  // open, upheld, dismissed
  std::string resolution;
  std::int64_t created_at = 0;
  std::int64_t resolved_by = 0;
  std::int64_t resolved_at = 0;
};

struct Slot {
  std::int64_t entry_id = 0;
  std::string starts_at;  // YYYY-MM-DDTHH:MM (WIB)
  std::string link;       // https:// meeting link
};

// ---- rules (competition_rules.cpp) ----

// Field errors of a competition: name, level, year, groups, aspects (keys,
// weights summing to 100, word limits > 0), dates in order, top_m <= top_n.
std::vector<FieldError> validate_competition(const CompetitionDraft& draft);

// Words of a text: runs of non-space characters (what the form's counter counts).
int word_count(const std::string& text);

// Administrative reasons a secretariat may give (i18n "competition.reason.<r>").
const std::vector<std::string>& admin_reasons();

// What eligibility needs to know beyond the entry.
struct EligibilityFacts {
  std::string today;         // YYYY-MM-DD
  int agency_submitted = 0;  // other entries of the agency already submitted
  bool past_winner = false;  // the innovation already won in this programme
};

// Why an entry may not be submitted (field errors with i18n keys): missing
// title/group/category/answers/attachments, over a word limit, too young,
// the agency's cap reached, a past winner, registration closed.
std::vector<FieldError> check_submission(const Config& config, const Entry& entry, const EligibilityFacts& facts);

// Years between two YYYY-MM-DD dates, counting full years; -1 when malformed.
int full_years(const std::string& from, const std::string& to);

// The cluster of an agency located in region `code` and named `name` when no
// one chose one: "provinsi" for a province, "kota" for a "Kota ..." region,
// "kabupaten" otherwise.
std::string default_cluster(const std::string& code, const std::string& name);
const std::vector<std::string>& clusters();

// Conflict of interest: a judge may not score an entry of a region or unit in
// which they hold any grant (their own region or agency), nor one they wrote.
bool conflicts(const std::vector<auth::Grant>& judge_grants, std::int64_t judge_id, const Entry& entry);

// Weighted total of one judge's desk scores, in hundredths (0..10000);
// nullopt when an aspect is unscored.
std::optional<std::int64_t> weighted_total(const std::vector<Aspect>& aspects, const std::vector<Score>& scores);

// One entry's desk result across its judges.
struct Consolidated {
  std::int64_t entry_id = 0;
  std::vector<std::int64_t> judge_totals;  // hundredths, one per judge who scored every aspect
  std::int64_t mean = 0;                   // hundredths, rounded half up
  std::int64_t spread = 0;                 // max - min of judge_totals
  std::int64_t top_aspect = 0;             // mean score (hundredths) of the heaviest aspect
  bool complete = false;                   // every assigned judge scored every aspect
};
Consolidated consolidate(std::int64_t entry_id, const std::vector<Aspect>& aspects, std::size_t judges_assigned,
                         const std::vector<Score>& scores);
// A spread above this (hundredths) is flagged for discussion in the plenary.
inline constexpr std::int64_t kSpreadFlag = 1500;

// Final score: 70% substance (desk) + 30% presentation, hundredths.
std::int64_t final_score(std::int64_t desk, std::int64_t presentation);

// A candidate for ranking.
struct Ranked {
  std::int64_t entry_id = 0;
  std::int64_t score = 0;         // the score ranked on
  std::int64_t tiebreak_1 = 0;    // higher first (desk: heaviest aspect; final: presentation)
  std::int64_t tiebreak_2 = 0;    // higher first (desk: -spread; final: desk score)
  std::int64_t submitted_at = 0;  // earlier first
};
// Sorted best first: score, tiebreak_1, tiebreak_2 (each higher first), then
// earlier submission, then lower entry id. Deterministic for any input order.
std::vector<Ranked> rank(std::vector<Ranked> candidates);

}  // namespace lumbung::competition
