// The search synonym dictionary a curator edits: groups of phrases that mean
// the same ("pkm", "puskesmas", "pusat kesehatan masyarakat"). Stored in the
// database (table search_synonyms, seeded by migration 0005 with common
// public-service abbreviations); queries use dictionary(), which every node
// reloads at most kReloadSeconds after a change (at once on the node that
// made it). Thread-safe.
//
// Errors: invalid (field errors: "phrases" needs at least two distinct
// phrases, each at most 80 characters and 6 words, at most 20 phrases; "note"
// at most 500 characters), not_found, unavailable/internal from the store.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "search/synonyms.hpp"
#include "store/database.hpp"

namespace lumbung::directory {

struct SynonymGroup {
  std::int64_t id = 0;
  std::vector<std::string> phrases;  // normalised (search::normalize_phrase), in the curator's order
  std::string note;
  std::int64_t updated_at = 0;
  std::int64_t updated_by = 0;  // user id, 0 = system (seed)
};

class SynonymService {
 public:
  static constexpr std::int64_t kReloadSeconds = 5;
  SynonymService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<std::vector<SynonymGroup>> list();  // by first phrase
  Result<SynonymGroup> get(std::int64_t id);
  Result<SynonymGroup> create(std::int64_t actor, const std::vector<std::string>& phrases, const std::string& note);
  Result<SynonymGroup> update(std::int64_t actor, std::int64_t id, const std::vector<std::string>& phrases,
                              const std::string& note);
  Status remove(std::int64_t actor, std::int64_t id);

  // The dictionary for queries. Never fails: if the store cannot be read,
  // the last dictionary loaded (or an empty one) is returned.
  std::shared_ptr<const search::Synonyms> dictionary();

 private:
  store::Database& db_;
  const Clock& clock_;
  std::mutex mu_;
  std::shared_ptr<const search::Synonyms> current_;
  std::int64_t loaded_at_ = 0;
  bool stale_ = true;
};

}  // namespace lumbung::directory
