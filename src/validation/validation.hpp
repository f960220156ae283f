// Keeping the repository true: validation campaigns (pemutakhiran) and the
// duplicate review queue.
//
// A campaign selects published innovations by a filter (source programme,
// year started, region, not verified since a date), has a deadline, and moves
// draft -> open -> closed (campaign_rules.hpp). Opening it asks the owning
// region admins and unit participants of every selected innovation to
// confirm; each answers per innovation with a status, updated results and
// figures, evidence (a link or an uploaded file) and a contact. An answer
// marks the innovation verified now and sets its status (berhenti for a
// stopped one, berlanjut otherwise).
//
// Vocabularies (ascii keys; labels come from i18n "validation.*"):
//   campaign state  draft | open | closed
//   answer status   berlanjut | berkembang | berhenti
//   pair decision   open | not_duplicate | related | merged
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lumbung::validation {

// Which innovations a campaign asks about (published only); empty/0 = any.
struct CampaignFilter {
  std::string source;            // source_program: lumbung, kipp, iga, labinov
  int year = 0;                  // year_started
  std::string region;            // a province ("33") or regency/city ("33.03") code
  std::string unverified_since;  // YYYY-MM-DD: last verified before this day (or never)
  bool operator==(const CampaignFilter&) const = default;
};

struct CampaignDraft {
  std::string title;
  CampaignFilter filter;
  std::string deadline;  // YYYY-MM-DD
};

struct Campaign : CampaignDraft {
  std::int64_t id = 0;
  std::string state = "draft";
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t opened_at = 0;
  std::int64_t closed_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t items = 0;  // innovations asked (0 while draft)
};

// What a respondent answers for one innovation.
struct Answer {
  std::string status;   // berlanjut | berkembang | berhenti
  std::string results;  // updated results (hasil), words
  std::string figures;  // updated figures ("12.400 warga terlayani 2024")
  std::string evidence_url;
  std::int64_t evidence_attachment = 0;  // an attachment of the innovation, 0 = none
  std::string contact_name;
  std::string contact_phone;
  std::string contact_email;
};

// One innovation asked in a campaign, with its answer (answered_at 0 = not yet).
struct Item {
  std::int64_t campaign_id = 0;
  std::int64_t innovation_id = 0;
  std::string innovation_name;
  std::string innovation_slug;
  std::string region_code;
  std::string region_name;
  std::int64_t unit_id = 0;
  std::string unit_name;
  std::string source_program;
  Answer answer;
  std::int64_t answered_by = 0;
  std::int64_t answered_at = 0;
};

// Counts of a group of items (a whole campaign, a region, a source).
struct Progress {
  std::string key;    // region code or source programme ("" for the total)
  std::string label;  // region name or source programme
  std::int64_t total = 0;
  std::int64_t answered = 0;
  std::int64_t continuing = 0;  // berlanjut + berkembang
  std::int64_t growing = 0;     // berkembang alone
  std::int64_t stopped = 0;
  int percent() const { return total == 0 ? 0 : static_cast<int>(answered * 100 / total); }
};

struct Dashboard {
  Campaign campaign;
  Progress total;
  std::vector<Progress> by_region;  // most innovations first
  std::vector<Progress> by_source;
  std::vector<Item> overdue;  // unanswered after the deadline (or all unanswered before it, capped)
  bool past_deadline = false;
};

// A likely duplicate pair (left_id < right_id) and why.
struct PairScore {
  int score = 0;  // 0..100
  std::vector<std::string>
      reasons;  // keys: same_name, similar_name, same_acronym, same_region, same_unit, similar_text
};

struct DuplicatePair {
  std::int64_t left_id = 0;
  std::int64_t right_id = 0;
  PairScore score;
  std::string decision = "open";
  std::int64_t found_at = 0;
  std::string left_name, right_name;
  std::string left_source, right_source;
  std::string left_region, right_region;
};

// A published innovation a curator linked as related to another.
struct RelatedInnovation {
  std::int64_t id = 0;
  std::string name, slug, region;
};

struct Merge {
  std::int64_t id = 0;
  std::int64_t survivor_id = 0;
  std::int64_t merged_id = 0;
  std::int64_t merged_at = 0;
  std::int64_t undone_at = 0;
};

}  // namespace lumbung::validation
