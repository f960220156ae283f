// Use cases of competitions, one transaction each, every write audited.
// Who may do what:
//   curator/admin (national): create, advance rounds, administrative
//     decisions, assign judges, resolve objections, schedule slots; see all.
//   agency: a region_admin or participant whose region scope holds the
//     entry's region, or a participant of its unit: write, submit and
//     withdraw its entries; sees only its own.
//   judge: sees and scores only the entries assigned to them.
//   anyone: the competition's call, finalists (from the finalists round),
//     objections during the objection window, results once published.
// An entry the caller may not see is not_found (no probing of ids).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth_service.hpp"
#include "competition/competition.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "directory/innovation_service.hpp"
#include "store/database.hpp"

namespace lumbung::competition {

// An entry as the form sends it (answers keyed by aspect, attachments by key).
struct EntryInput {
  std::string region_code;
  std::int64_t unit_id = 0;
  std::string cluster;  // "" = from the region
  std::string group_name;
  std::string category;
  std::string title;
  std::int64_t innovation_id = 0;
  std::string started_on;
  std::map<std::string, std::string> answers;
  std::map<std::string, std::string> attachments;
};

// One row of the panel / plenary view.
struct PanelRow {
  Entry entry;
  std::vector<std::int64_t> judges;  // assigned
  Consolidated desk;
  std::int64_t presentation = 0;  // mean presentation score, hundredths
  bool flagged = false;           // spread above kSpreadFlag
};

struct CompetitionView {
  Competition competition;
  bool manages = false;  // curator/admin
};

class CompetitionService {
 public:
  CompetitionService(store::Database& db, const Clock& clock, directory::InnovationService& innovations)
      : db_(db), clock_(clock), innovations_(innovations) {}

  Result<Competition> create(const auth::Actor& actor, CompetitionDraft draft);
  Result<std::vector<Competition>> list();
  Result<Competition> get(std::int64_t id);
  // Moves to the next round (competition_rules: next_phase). Conflicts:
  // administrative -> desk with submitted entries undecided; desk ->
  // finalists with passed entries not fully scored; finalists ->
  // presentation with objections open. desk -> finalists marks the Top N,
  // presentation -> final the Top M; final -> published writes the awards
  // into the repository.
  Result<Competition> advance(const auth::Actor& actor, std::int64_t id);

  // Saves (creates when entry_id is 0) an entry in registration; submit
  // also checks eligibility. Answers over their word limit are refused on
  // every save.
  Result<Entry> save_entry(const auth::Actor& actor, std::int64_t competition_id, std::int64_t entry_id,
                           const EntryInput& input, bool submit);
  Result<Entry> withdraw_entry(const auth::Actor& actor, std::int64_t entry_id);
  Result<Entry> get_entry(const auth::Actor& actor, std::int64_t entry_id);
  // The entries the caller may see (answers and attachments left empty: get_entry has them).
  Result<std::vector<Entry>> entries(const auth::Actor& actor, std::int64_t competition_id);
  // Public: finalists (from the finalists round) or winners (published), without answers.
  Result<std::vector<Entry>> public_entries(std::int64_t competition_id, const std::string& state);

  Result<Entry> decide_admin(const auth::Actor& actor, std::int64_t entry_id, bool pass, const std::string& reason);

  // Assigns a judge (conflict when they have a conflict of interest, or
  // do not hold the judge role) / removes one.
  Status assign_judge(const auth::Actor& actor, std::int64_t entry_id, std::int64_t judge_id);
  Status unassign_judge(const auth::Actor& actor, std::int64_t entry_id, std::int64_t judge_id);
  Result<std::vector<std::pair<std::int64_t, std::string>>> judges();
  // Scores of an assigned judge: stage desk (every weighted aspect) in the
  // desk round, presentation (aspect "presentation") in the presentation round.
  Status score(const auth::Actor& actor, std::int64_t entry_id, const std::string& stage,
               const std::map<std::string, int>& scores);
  Result<std::vector<Score>> my_scores(const auth::Actor& actor, std::int64_t entry_id);
  // Consolidated scores: all entries for managers, the assigned ones for judges.
  Result<std::vector<PanelRow>> panel(const auth::Actor& actor, std::int64_t competition_id);

  // Anyone, during the finalists round, against a finalist; at most
  // kObjectionsPerHour per IP.
  Result<Objection> file_objection(std::int64_t entry_id, const std::string& name, const std::string& email,
                                   const std::string& body, const std::string& ip);
  // upheld: the entry is disqualified (failed, reason "objection").
  Result<Objection> resolve_objection(const auth::Actor& actor, std::int64_t objection_id, bool upheld,
                                      const std::string& resolution);
  Result<std::vector<Objection>> objections(const auth::Actor& actor, std::int64_t competition_id);

  Status set_slot(const auth::Actor& actor, std::int64_t entry_id, const std::string& starts_at,
                  const std::string& link);
  Result<std::vector<Slot>> slots(std::int64_t competition_id);

  static constexpr int kObjectionsPerHour = 5;

 private:
  store::Database& db_;
  const Clock& clock_;
  directory::InnovationService& innovations_;
};

bool manages(const std::vector<auth::Grant>& grants);
// May the caller write entries for an agency in region_code (unit_id 0 = none)?
bool may_enter(const std::vector<auth::Grant>& grants, const std::string& region_code, std::int64_t unit_id);
bool is_judge(const std::vector<auth::Grant>& grants);
// The repository award programme of a competition level (nasional -> kipp).
std::string award_program(const std::string& level);
// "Top 45 KIPP 2023".
std::string award_text(const Competition& c);

}  // namespace lumbung::competition
