// Innovation labs (Laboratorium Inovasi, the 5D method): a lab run by an
// organiser in a region, its partners and schedule, the units enrolled with
// their coaches, the units' ideas and each idea's stage work, comments and
// rubric scores. Plain types; rules in stage_rules.hpp, SQL in lab_store.hpp,
// use cases in lab_service.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lumbung::labs {

// The stages in order; "done" follows the last one a lab runs.
enum class Stage { drumup, diagnose, design, delivery, display, documentation, done };

struct Partner {
  std::string name;
  std::string mou_ref;  // the MoU's reference number
  std::string role;     // academia, community, business, media, government
  friend bool operator==(const Partner&, const Partner&) = default;
};

// One dated session of the schedule: a stage (or "clinic", a coaching clinic).
struct Session {
  std::string stage;      // drumup ... documentation, clinic
  std::string starts_on;  // YYYY-MM-DD
  std::string ends_on;    // YYYY-MM-DD, >= starts_on
  std::string mode;       // daring, luring, hybrid
  std::string place;      // address or meeting link
  friend bool operator==(const Session&, const Session&) = default;
};

// What an organiser types to create a lab.
struct LabDraft {
  std::string name;
  std::string organizer;           // e.g. "Bappelitbangda Kabupaten Purbalingga"
  std::string region_code;         // locus: Kemendagri code of the regency/city (or province)
  std::string format = "regular";  // regular, executive
  int year = 0;
  std::vector<Partner> partners;
  std::vector<Session> sessions;
  std::vector<std::string> readiness_items;  // empty: the default questionnaire
  std::vector<std::string> rubric;           // empty: the default criteria
};

struct Lab : LabDraft {
  std::int64_t id = 0;
  std::string region_name;  // joined, read-only
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  // Whether the schedule has a Documentation session (the "+1" stage).
  bool with_documentation() const;
};

struct LabUnit {
  std::int64_t unit_id = 0;
  std::string unit_name;
  std::string unit_kind;  // opd, kecamatan, puskesmas, bumd...
  std::string region_code;
  std::int64_t coach_user_id = 0;  // 0 = none
  std::string coach_name;
  std::int64_t enrolled_at = 0;
};

struct Idea {
  std::int64_t id = 0;
  std::int64_t lab_id = 0;
  std::int64_t unit_id = 0;
  std::string unit_name;
  std::string unit_kind;
  std::int64_t coach_user_id = 0;
  std::string title;
  std::string stage = "drumup";  // a stage name or "done"
  std::int64_t innovation_id = 0;
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

// The work of one stage of an idea: `data` holds the stage form's fields
// (stage_rules.hpp says which). state: open, complete, returned.
struct StageWork {
  std::int64_t idea_id = 0;
  std::string stage;
  nlohmann::json data = nlohmann::json::object();
  std::string state = "open";
  std::string reason;  // why it was returned
  std::int64_t updated_by = 0;
  std::int64_t updated_at = 0;
  std::int64_t decided_by = 0;
  std::int64_t decided_at = 0;
};

struct Comment {
  std::int64_t id = 0;
  std::int64_t idea_id = 0;
  std::string stage;
  std::int64_t parent_id = 0;  // 0 = starts a thread
  std::int64_t author_id = 0;
  std::string author_name;
  std::string body;
  std::int64_t created_at = 0;
};

// A coaching-clinic session and the follow-up actions agreed in it.
struct ClinicAction {
  std::string action;
  std::string owner;
  std::string due;  // YYYY-MM-DD
  friend bool operator==(const ClinicAction&, const ClinicAction&) = default;
};
struct Clinic {
  std::int64_t id = 0;
  std::int64_t lab_id = 0;
  std::int64_t unit_id = 0;  // 0 = the whole lab
  std::string unit_name;     // joined, read-only
  std::string held_on;       // YYYY-MM-DD
  std::string mode;          // daring, luring, hybrid
  std::string attendees;
  std::string notes;
  std::vector<ClinicAction> actions;
  std::int64_t created_by = 0;
  std::int64_t created_at = 0;
};

// A reviewer's verdict on the pitch of an idea (executive labs).
struct Verdict {
  std::int64_t idea_id = 0;
  std::int64_t reviewer_id = 0;
  std::string reviewer_name;
  std::string verdict;  // lanjut, perbaiki, tolak
  std::string remarks;
  std::int64_t decided_at = 0;
};

struct Score {
  std::string stage;
  std::string criterion;
  std::int64_t scorer_id = 0;
  int score = 0;  // 1..5
  std::int64_t scored_at = 0;
};

// "One agency, one innovation": a unit of a region and what it has in a year.
struct Coverage {
  std::int64_t unit_id = 0;
  std::string unit_name;
  std::string unit_kind;
  std::int64_t innovations = 0;  // published innovations started or published that year
  std::int64_t ideas = 0;        // ideas in the region's labs of that year
};

// A lab's dashboard figures.
struct Dashboard {
  std::int64_t ideas = 0;
  std::int64_t units = 0;
  std::vector<std::pair<std::string, std::int64_t>> units_by_kind;  // unit kind -> units with ideas
  std::vector<std::pair<std::string, std::int64_t>> ideas_by_kind;  // unit kind -> ideas
  std::vector<std::pair<std::string, std::int64_t>> funnel;         // stage -> ideas that reached it
  std::vector<Idea> overdue;  // ideas whose current stage's session ended before today
  struct CoachLoad {
    std::int64_t user_id = 0;
    std::string name;
    std::int64_t units = 0;
    std::int64_t ideas = 0;
  };
  std::vector<CoachLoad> coaches;
};

}  // namespace lumbung::labs
