// Use cases of the repository, one transaction each. Every write bumps the
// innovation's version, writes a revision (the interchange object after the
// change) and, as its last statement, an outbox row so the search index
// follows. `actor` is the user id (0 = system); permissions are checked by
// the caller (web/API call auth first). Thread-safe: calls share nothing but
// the Database.
//
// Errors: invalid (field errors with i18n keys; unknown region or unit),
// not_found, conflict (expected_version differs from the stored one; a
// transition the state machine forbids; a duplicate (source_program,
// source_id)), unavailable/internal from the store.
// expected_version 0 skips the version check (imports, system jobs).
#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"
#include "directory/innovation.hpp"
#include "directory/innovation_rules.hpp"
#include "search/search_index.hpp"
#include "store/database.hpp"

namespace lumbung::directory {

struct UpsertResult {
  Innovation innovation;
  bool created = false;
  bool changed = true;  // false: the stored innovation already had every value
};

// upsert() on the caller's transaction (imports write a batch of rows in one
// transaction): the same validation, revision and outbox row as upsert(), but
// an update that changes no field writes nothing (changed = false), so a
// repeated import leaves versions and the search index alone. With id > 0
// the innovation with that id is updated (not_found if there is none)
// whatever its source.
Result<UpsertResult> upsert_in(soci::session& sql, std::int64_t actor, const InnovationDraft& draft,
                               std::int64_t now, std::int64_t id = 0);

class InnovationService {
 public:
  InnovationService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Adds the embedded Kemendagri provinces, regencies and cities that are
  // missing; idempotent. Returns how many were added. Call after migrate.
  Result<int> load_reference_regions();

  // Creates in draft.state (draft, review or published: a curator or an
  // import may publish directly); review/published need a complete profile.
  Result<Innovation> create(std::int64_t actor, const InnovationDraft& draft);
  Result<Innovation> create(const InnovationDraft& draft) { return create(0, draft); }
  // Creates in the draft state whatever draft.state says.
  Result<Innovation> create_draft(std::int64_t actor, const InnovationDraft& draft);
  // Replaces the writable fields (draft.state is ignored); the state stays.
  // Archived innovations are a conflict (restore first). A published or
  // in-review innovation must stay complete.
  Result<Innovation> update(std::int64_t actor, std::int64_t id, std::int64_t expected_version,
                            const InnovationDraft& draft, const std::string& comment = "");
  // Creates or updates the innovation with draft's (source_program,
  // source_id); source_id must be set. An update keeps the stored state.
  Result<UpsertResult> upsert(std::int64_t actor, const InnovationDraft& draft);

  // The state machine (innovation_rules.hpp).
  Result<Innovation> transition(std::int64_t actor, std::int64_t id, std::int64_t expected_version, Action action,
                                const std::string& comment = "");
  Result<Innovation> submit(std::int64_t actor, std::int64_t id, std::int64_t expected_version);
  Result<Innovation> publish(std::int64_t actor, std::int64_t id, std::int64_t expected_version);
  Result<Innovation> send_back(std::int64_t actor, std::int64_t id, std::int64_t expected_version,
                               const std::string& comment);
  Result<Innovation> withdraw(std::int64_t actor, std::int64_t id, std::int64_t expected_version);
  Result<Innovation> archive(std::int64_t actor, std::int64_t id, std::int64_t expected_version);
  Result<Innovation> restore(std::int64_t actor, std::int64_t id, std::int64_t expected_version);

  // Any state (callers hide non-published ones from visitors).
  Result<Innovation> get(std::int64_t id);
  Result<InnovationPage> list(const InnovationFilter& filter, const PageRequest& page);
  // The innovation imported or pushed with (source_program, source_id), if any.
  Result<std::optional<std::int64_t>> find_by_source(const std::string& program, const std::string& source_id);
  Result<std::vector<Revision>> revisions(std::int64_t id);  // newest first
  Result<std::vector<Innovation>> latest_published(int limit);
  Result<RepositoryCounts> counts();

  // Provinces ("" parent) or the regencies/cities of a province, with counts.
  Result<std::vector<Region>> regions(const std::string& parent_code = "");
  Result<RegionProfile> region(const std::string& code);
  Result<UnitProfile> unit(std::int64_t id, int limit = 50);
  Result<std::vector<Unit>> units(const std::string& region_code);
  Result<Unit> create_unit(std::int64_t actor, const std::string& region_code, const std::string& kind,
                           const std::string& name);

  store::Database& database() { return db_; }
  const Clock& clock() const { return clock_; }

 private:
  store::Database& db_;
  const Clock& clock_;
};

// How the search indexer loads innovations: published ones only (the full
// profile; see innovation_source.cpp for terms, prefixes and value slots).
search::EntitySource innovation_source();
// The search document of innovation `i` (also used by benchmarks that index
// records without a database).
search::IndexDocument innovation_document(const Innovation& i, const std::string& province_name);

}  // namespace lumbung::directory
