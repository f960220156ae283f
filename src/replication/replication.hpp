// Replication of innovations between regions: what an origin offers, the
// requests of other regions and the transfers they become, and the adoptions
// that IID indicator 31 counts.
//
// Vocabularies (ascii keys; labels come from i18n, area "replikasi"):
//   request state  requested | counter_proposed | accepted | declined |
//                  withdrawn | in_transfer | completed | abandoned
//   transfer mode  mentoring | coaching_clinic | apprenticeship   (technical assistance)
//                  seminar | workshop | forum                     (peer learning)
//                  study_visit | comparative_study                (field visit)
//   step status    belum | berjalan | selesai | dilewati
//   adoption state pending | confirmed | rejected
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lumbung::replication {

// What the origin states on its innovation: willingness and what an adopter gets.
struct Offer {
  std::int64_t innovation_id = 0;
  bool willing = false;
  std::string guides;     // guides and manuals an adopter receives
  std::string sop;        // standard operating procedures
  std::string documents;  // source documents (regulations, decrees, designs)
  std::string contact;    // contact person for replication
  std::string costs;      // what replication costs, who pays
  std::int64_t updated_at = 0;
  std::int64_t updated_by = 0;
};

struct Request {
  std::int64_t id = 0;
  std::int64_t innovation_id = 0;
  std::string origin_region_code;   // the innovation's region when asked
  std::string adopter_region_code;  // the region asking
  std::int64_t requester_id = 0;
  std::string requester_about;  // who they are (name, position, agency)
  std::string problem;          // the problem they want to solve
  std::string adaptation;       // what they want to adapt
  std::string mode;             // the transfer mode asked for (and, once accepted, agreed)
  std::string proposed_mode;    // the owner's counter-proposal, "" when none
  std::string state = "requested";
  std::string reason;  // why it was declined or abandoned
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t version = 1;
};

// One entry of a request's history.
struct Event {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  std::string action;  // a workflow action, "step", "document"
  std::int64_t actor_id = 0;
  std::string note;  // "step": "<step name>\t<status>"; counter_propose/accept: the mode; else a reason or ""
  std::int64_t at = 0;
};

struct Step {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  int position = 0;
  std::string name;
  std::string status = "belum";
  std::string start_date;  // "YYYY-MM-DD" or ""
  std::string end_date;
  std::string notes;
  std::int64_t updated_at = 0;
  std::int64_t updated_by = 0;
};

struct Document {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  std::int64_t step_id = 0;
  std::string media_type;
  std::string stored_name;    // "replikasi-<id>.<ext>" under the files directory
  std::string original_name;  // display only
  std::int64_t size_bytes = 0;
  std::int64_t created_at = 0;
  std::int64_t created_by = 0;
};

struct Adoption {
  std::int64_t id = 0;
  std::int64_t innovation_id = 0;  // the origin's innovation
  std::string origin_region_code;
  std::string adopter_region_code;
  std::string adopted_on;                  // "YYYY-MM-DD"
  std::int64_t request_id = 0;             // 0 = recorded outside Lumbung
  std::int64_t adopted_innovation_id = 0;  // the adopter's own innovation, 0 = none
  std::string evidence;                    // link or description of the evidence
  std::string state = "pending";
  std::int64_t recorded_by = 0;
  std::int64_t recorded_at = 0;
  std::int64_t decided_by = 0;
  std::int64_t decided_at = 0;
};

// An origin -> adopter pair for the replication view, with what it is filtered by.
struct Pair {
  Adoption adoption;
  std::string innovation_name;
  std::string innovation_slug;
  std::string sector;
  std::string origin_name;  // region names (joined)
  std::string adopter_name;
  std::string origin_province;  // province codes
  std::string adopter_province;
};

}  // namespace lumbung::replication
