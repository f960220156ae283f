// Use cases of innovation labs, one transaction each, every write audited.
// Each call takes the acting user (auth::Actor) and checks their access to
// the lab (stage_rules.hpp: lab_access): a lab or idea the caller may not see
// is not_found, one they see but may not change is forbidden.
//
// Errors: invalid (field errors with i18n keys), not_found, forbidden,
// conflict (a gate on a stage the idea is not at; publishing twice),
// unavailable/internal from the store. Thread-safe: calls share nothing but
// the Database and the services they call.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth_service.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "directory/innovation_service.hpp"
#include "labs/enrol_csv.hpp"
#include "labs/lab.hpp"
#include "labs/stage_rules.hpp"
#include "store/database.hpp"

namespace lumbung::labs {

// A lab as one caller sees it.
struct LabView {
  Lab lab;
  std::vector<LabUnit> units;  // the units the caller sees (all for organisers)
  LabAccess access;
};

// An idea with its stage work, comments and scores, as one caller sees it.
struct IdeaView {
  Lab lab;
  Idea idea;
  std::map<std::string, StageWork> work;  // by stage name
  std::vector<Comment> comments;          // oldest first
  std::vector<Score> scores;
  std::vector<Verdict> verdicts;  // executive labs: reviewers' verdicts on the pitch
  LabAccess access;
};

struct BoardFilter {
  std::string unit_kind;           // "" = any
  std::int64_t coach_user_id = 0;  // 0 = any
};

// One enrolment step for a person: invited (new account) or granted (an
// existing account got participant of the unit).
struct EnrolmentOutcome {
  int rows = 0;
  int units = 0;
  std::vector<std::string> invited;       // emails
  std::vector<std::string> granted;       // emails of existing accounts
  std::vector<CsvProblem> problems;       // non-empty: nothing was written
  std::vector<std::string> invite_links;  // /undangan/<token>, for the organiser to pass on
};

// One idea of the lab report: its coach and the mean rubric score per
// criterion (over every stage and scorer; criteria without scores absent).
struct ReportRow {
  Idea idea;
  std::string coach_name;
  std::map<std::string, double> scores;
  std::vector<Verdict> verdicts;
};

class LabService {
 public:
  LabService(store::Database& db, const Clock& clock, directory::InnovationService& innovations,
             auth::AccountService& accounts)
      : db_(db), clock_(clock), innovations_(innovations), accounts_(accounts) {}

  // Region of a lab or unit scope, from the database (for auth rules).
  auth::RegionOf region_of() const;

  // ---- labs ----
  // forbidden unless may_create_lab(actor, draft.region_code); invalid for an
  // unknown region or a bad draft. Empty readiness items / rubric get defaults.
  Result<Lab> create_lab(const auth::Actor& actor, LabDraft draft);
  // Replaces name, organiser, format, year, partners, schedule, readiness
  // items and rubric (the lab's organisers); the locus region stays, since
  // the enrolled units belong to it. Same validation as create_lab.
  Result<Lab> update_lab(const auth::Actor& actor, std::int64_t lab_id, LabDraft draft);
  // The labs the caller sees, newest first.
  Result<std::vector<Lab>> list_labs(const auth::Actor& actor);
  Result<LabView> open_lab(const auth::Actor& actor, std::int64_t lab_id);

  // ---- enrolment (organisers) ----
  // Enrols `unit_id` (a unit of the lab's region) and optionally sets its
  // coach (coach_email "" = keep; the account must hold the coach role).
  Status enrol_unit(const auth::Actor& actor, std::int64_t lab_id, std::int64_t unit_id,
                    const std::string& coach_email);
  // Takes a unit out of the lab (organisers); a conflict while the unit has
  // ideas in it (they keep their history), not_found for a unit not enrolled.
  Status withdraw_unit(const auth::Actor& actor, std::int64_t lab_id, std::int64_t unit_id);
  // Leaves an enrolled unit without a coach (organisers).
  Status remove_coach(const auth::Actor& actor, std::int64_t lab_id, std::int64_t unit_id);
  // Invites `email` as participant of the enrolled unit (or grants the role
  // to an existing account). Returns the invite link path, "" when granted.
  Result<std::string> enrol_person(const auth::Actor& actor, std::int64_t lab_id, std::int64_t unit_id,
                                   const std::string& email, const std::string& name);
  // The enrolment CSV (enrol_csv.hpp): every row is checked first (unit
  // names of the lab's region, emails, coaches); with any problem nothing is
  // written and the outcome lists them; otherwise all units are enrolled in one
  // transaction, then the people invited or granted.
  Result<EnrolmentOutcome> enrol_csv(const auth::Actor& actor, std::int64_t lab_id, std::string_view text);

  // ---- ideas ----
  Result<Idea> create_idea(const auth::Actor& actor, std::int64_t lab_id, std::int64_t unit_id,
                           const std::string& title);
  Result<IdeaView> open_idea(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id);
  // Saves the current stage's form (a participant of the unit or an
  // organiser); conflict for another stage than the current one.
  Result<StageWork> save_work(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id, Stage stage,
                              const nlohmann::json& data);
  // A gate (organiser or the unit's coach); the unit's participants get a notice.
  Result<Idea> decide(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id, Stage stage,
                      GateAction action, const std::string& reason);
  Result<Comment> comment(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id, Stage stage,
                          std::int64_t parent_id, const std::string& body);
  // Scores of one stage on the lab's rubric (criterion -> 1..5; 0 = none).
  Status score(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id, Stage stage,
               const std::map<std::string, int>& scores);
  // Records a coaching-clinic session (organiser, or a coach of the lab for
  // one of their units or the whole lab); invalid with validate_clinic's errors
  // or a unit not enrolled.
  Result<Clinic> record_clinic(const auth::Actor& actor, std::int64_t lab_id, Clinic clinic);
  // The clinics the caller sees: the whole lab's and those of units they see.
  Result<std::vector<Clinic>> clinics(const auth::Actor& actor, std::int64_t lab_id);
  // Records the caller's verdict (lanjut, perbaiki, tolak) and remarks on the
  // pitch of an idea in an executive lab (organiser or the unit's coach);
  // conflict in a regular lab, invalid for an unknown verdict or long remarks.
  Status record_verdict(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id, const std::string& verdict,
                        const std::string& remarks);
  // Publishes an idea whose Delivery stage is complete to the repository as a
  // draft innovation (source_program "labinov", source_id "lab-<lab>-<idea>").
  // conflict when it already was, or Delivery is not complete.
  Result<Idea> publish(const auth::Actor& actor, std::int64_t lab_id, std::int64_t idea_id);

  // ---- board and dashboard ----
  Result<std::vector<Idea>> board(const auth::Actor& actor, std::int64_t lab_id, const BoardFilter& filter);
  // The ideas the caller sees, with coach and mean scores, in board order.
  Result<std::vector<ReportRow>> report(const auth::Actor& actor, std::int64_t lab_id);
  // "One agency, one innovation" for a region and year: every unit of the
  // region with its innovations and lab ideas that year. forbidden unless
  // admin, or lab_organizer / region_admin of the region or national.
  Result<std::vector<Coverage>> coverage(const auth::Actor& actor, const std::string& region_code, int year);
  // Figures over the ideas the caller sees; `today` is YYYY-MM-DD.
  Result<Dashboard> dashboard(const auth::Actor& actor, std::int64_t lab_id, const std::string& today);

 private:
  Result<LabView> load(soci::session& sql, const auth::Actor& actor, std::int64_t lab_id);
  store::Database& db_;
  const Clock& clock_;
  directory::InnovationService& innovations_;
  auth::AccountService& accounts_;
};

// The dashboard over a lab's ideas (pure; lab_service.cpp): ideas and units
// per unit kind, the funnel (ideas that reached each stage), overdue ideas
// (their stage's last session ended before `today`) and coach load.
Dashboard make_dashboard(const Lab& lab, const std::vector<LabUnit>& units, const std::vector<Idea>& ideas,
                         const std::string& today);

}  // namespace lumbung::labs
