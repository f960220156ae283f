// Use cases of replication, one transaction each; each write is audited and
// posts notices to the other side (replication_notices.cpp). Who may act is
// the caller's question: it passes the Sides the acting user stands on
// (web/replication_access.cpp works them out from grants), and the service
// checks the workflow against them. Thread-safe: calls share only the
// Database and the files directory.
//
// Errors: invalid (field errors with i18n keys), not_found, conflict (a
// transition the workflow forbids from the current state, a stale version,
// an open request of the same region, an adoption already decided),
// forbidden (the workflow allows the move only to the other side),
// unavailable/internal from the store or the disk.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "directory/innovation.hpp"
#include "replication/replication.hpp"
#include "replication/replication_store.hpp"
#include "replication/workflow.hpp"
#include "store/database.hpp"

namespace lumbung::replication {

// What a transition carries besides the action.
struct Move {
  std::string action;
  std::int64_t expected_version = 0;       // 0 = no check
  std::string mode;                        // counter_propose: the other mode
  std::string reason;                      // decline, abandon
  std::int64_t adopted_innovation_id = 0;  // complete: the adopter's own innovation, if any
};

// A request with everything its page shows.
struct Transfer {
  Request request;
  std::vector<Step> steps;
  std::vector<Event> events;
  std::vector<Document> documents;
};

class ReplicationService {
 public:
  ReplicationService(store::Database& db, const Clock& clock, std::filesystem::path files_dir)
      : db_(db), clock_(clock), files_dir_(std::move(files_dir)) {}

  // The offer of an innovation (not willing, empty, when none was stated).
  Result<Offer> offer(std::int64_t innovation_id);
  Result<Offer> save_offer(std::int64_t actor, const directory::Innovation& innovation, Offer offer);

  // A region asks to replicate `innovation`; the origin must be willing and
  // the region must not have an open request for it already.
  Result<Request> ask(std::int64_t actor, const directory::Innovation& innovation, Request draft);
  Result<Request> move(std::int64_t actor, const Sides& sides, std::int64_t request_id, const Move& move);
  Result<Transfer> transfer(std::int64_t request_id);
  Result<std::vector<Request>> requests(const RequestQuery& query);

  // Changes a step of an accepted or running transfer (an accepted one starts running).
  Result<Step> update_step(std::int64_t actor, const Sides& sides, std::int64_t request_id, Step change);
  // Stores a PDF or image as a document of a step.
  Result<Document> add_document(std::int64_t actor, const Sides& sides, std::int64_t request_id, std::int64_t step_id,
                                std::string_view client_name, std::string_view data, std::size_t max_bytes);
  Result<Document> document(std::int64_t id);
  // Removes a document of a step while the steps may change (either side);
  // the file goes after the row.
  Status remove_document(std::int64_t actor, const Sides& sides, std::int64_t request_id, std::int64_t document_id);
  // The requester changes what it asked (about, problem, adaptation, mode)
  // until the owner answers: only in state "requested", only the requester
  // side (forbidden otherwise; conflict once answered or on a stale version).
  Result<Request> edit_request(std::int64_t actor, const Sides& sides, std::int64_t request_id, Request changes,
                               std::int64_t expected_version);
  std::filesystem::path path_of(const Document& d) const { return files_dir_ / d.stored_name; }

  // The adopter records an adoption made outside Lumbung (pending until the
  // origin confirms); the origin confirms or rejects a pending one.
  Result<Adoption> record_adoption(std::int64_t actor, const directory::Innovation& innovation, Adoption draft);
  Result<Adoption> decide_adoption(std::int64_t actor, std::int64_t adoption_id, bool confirm);
  Result<Adoption> adoption(std::int64_t id);
  Result<std::vector<Adoption>> adoptions_of(std::int64_t innovation_id);
  Result<std::vector<Adoption>> adopted_from(std::int64_t adopted_innovation_id);
  // Confirmed adoptions, newest first, at most `limit` (0 = all).
  Result<std::vector<Pair>> pairs(const std::string& sector, int year, int limit = 0);
  // Confirmed adoptions touching a member region of hub `hub_id` (as origin
  // or adopter), newest first, at most `limit` (0 = all).
  Result<std::vector<Pair>> hub_pairs(std::int64_t hub_id, int limit);
  // Published innovations open to replication (replication_store.hpp).
  Result<std::vector<InnovationLabel>> willing(const std::string& sector, int limit);
  Result<std::vector<ProvincePair>> province_pairs(const std::string& sector, int year);

  Result<std::vector<std::string>> step_template();
  Result<std::vector<std::string>> save_step_template(std::int64_t actor, std::vector<std::string> names);

  Result<std::vector<std::pair<std::string, std::string>>> region_names(const std::vector<std::string>& codes);

 private:
  store::Database& db_;
  const Clock& clock_;
  std::filesystem::path files_dir_;
};

}  // namespace lumbung::replication
