// SQL of replication (tables replication_*, migration 0009). Every function
// runs on the caller's session; writes expect the caller's transaction. SOCI
// errors propagate as exceptions (Database::transact translates them).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "replication/replication.hpp"

namespace lumbung::replication {

// The few facts of an innovation that notices and listings name.
struct InnovationLabel {
  std::int64_t id = 0;
  std::string name;
  std::string slug;
  std::int64_t created_by = 0;
  std::int64_t version = 0;
  std::string region_code;  // willing_innovations only
  std::string region_name;
};
std::optional<Offer> find_offer(soci::session& sql, std::int64_t innovation_id);
void save_offer(soci::session& sql, const Offer& offer);  // insert or replace

void insert_request(soci::session& sql, const Request& request);
// Writes state, mode, proposed_mode, reason, updated_at and version (already
// bumped) when the stored version is still `expected_version`.
bool update_request(soci::session& sql, const Request& request, std::int64_t expected_version);
// Writes what the requester typed (about, problem, adaptation, mode) and the
// version; false when the row's version is not `expected_version`.
bool update_request_text(soci::session& sql, const Request& request, std::int64_t expected_version);
std::optional<Request> find_request(soci::session& sql, std::int64_t id);

// Which requests to list; every set condition narrows, the OR-lists widen.
struct RequestQuery {
  std::int64_t innovation_id = 0;            // 0 = any
  std::vector<std::string> adopter_regions;  // any of these as adopter ...
  std::vector<std::string> origin_regions;   // ... or any of these as origin ...
  std::int64_t requester_id = 0;             // ... or asked by this user
  bool everyone = false;                     // no side condition (curators)
  bool open_only = false;
};
std::vector<Request> list_requests(soci::session& sql, const RequestQuery& q);  // newest first
// An open request of `adopter_region` for the innovation, if any.
std::optional<std::int64_t> open_request_of(soci::session& sql, std::int64_t innovation_id,
                                            const std::string& adopter_region);

void insert_event(soci::session& sql, const Event& event);
std::vector<Event> list_events(soci::session& sql, std::int64_t request_id);  // oldest first

std::vector<std::string> load_template(soci::session& sql);  // step names in order
void replace_template(soci::session& sql, const std::vector<std::string>& names, std::int64_t actor, std::int64_t now);

void insert_step(soci::session& sql, const Step& step);
void update_step(soci::session& sql, const Step& step);
std::vector<Step> list_steps(soci::session& sql, std::int64_t request_id);  // by position
std::optional<Step> find_step(soci::session& sql, std::int64_t id);

void insert_document(soci::session& sql, const Document& document);
std::vector<Document> list_documents(soci::session& sql, std::int64_t request_id);  // oldest first
std::optional<Document> find_document(soci::session& sql, std::int64_t id);
void delete_document(soci::session& sql, std::int64_t id);

void insert_adoption(soci::session& sql, const Adoption& adoption);
void decide_adoption(soci::session& sql, std::int64_t id, const std::string& state, std::int64_t actor,
                     std::int64_t now);
std::optional<Adoption> find_adoption(soci::session& sql, std::int64_t id);
// Adoptions of the origin's innovation (every state), oldest date first.
std::vector<Adoption> adoptions_of(soci::session& sql, std::int64_t innovation_id);
// innovations.replicated_regions (the directory's sort "most replicated"):
// writes count_adopting_regions of the innovation's adoptions and its current
// region; true when the stored figure changed. Call in the transaction of
// every adoption change.
bool refresh_replicated_regions(soci::session& sql, std::int64_t innovation_id);
// The same for every innovation with an adoption or a stored figure other
// than 0; returns how many changed.
int refresh_all_replicated_regions(soci::session& sql);
// Registers refresh_replicated_regions as the directory's region-move hook, so
// an innovation moved into (or out of) an adopter's region is recounted in the
// transaction that moves it, whichever service writes it.
void keep_counts_on_region_moves();
// Confirmed adoptions whose adopter linked `adopted_innovation_id` as its own.
std::vector<Adoption> adoptions_as_adopter(soci::session& sql, std::int64_t adopted_innovation_id);
// Confirmed adoptions with their innovation and regions, filtered by the
// innovation's sector ("" = any) and the adoption's year (0 = any).
// At most `limit` (0 = all), newest first.
// Confirmed adoptions whose origin or adopter region is a member of hub
// `hub_id`, or whose innovation belongs to a member unit, newest first, at most `limit` (0 = all).
std::vector<Pair> list_hub_pairs(soci::session& sql, std::int64_t hub_id, int limit = 0);
std::vector<Pair> list_pairs(soci::session& sql, const std::string& sector, int year, int limit = 0);
// The same adoptions counted per (origin province, adopter province).
struct ProvincePair {
  std::string origin_province;
  std::string adopter_province;
  std::int64_t adoptions = 0;
};
std::vector<ProvincePair> count_province_pairs(soci::session& sql, const std::string& sector, int year);

// Published innovations whose origin is willing to be replicated, the most
// recently stated first, at most `limit`, optionally of one sector.
std::vector<InnovationLabel> willing_innovations(soci::session& sql, const std::string& sector, int limit);

// Region names of `codes` (code -> name); unknown codes are left out.
std::vector<std::pair<std::string, std::string>> region_names(soci::session& sql,
                                                              const std::vector<std::string>& codes);
// Active users holding region_admin for exactly `region_code`.
std::vector<std::int64_t> region_admins(soci::session& sql, const std::string& region_code);

}  // namespace lumbung::replication

namespace lumbung::replication {

std::optional<InnovationLabel> innovation_label(soci::session& sql, std::int64_t innovation_id);

}  // namespace lumbung::replication
