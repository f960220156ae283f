// Use cases of the repository, one transaction each. Every write also appends
// an outbox row so the search index follows.
#pragma once

#include "core/clock.hpp"
#include "core/result.hpp"
#include "directory/innovation.hpp"
#include "search/search_index.hpp"
#include "store/database.hpp"

namespace lumbung::directory {

class InnovationService {
 public:
  InnovationService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Innovation> create(const InnovationDraft& draft);
  Result<std::vector<Innovation>> latest_published(int limit);
  Result<RepositoryCounts> counts();

 private:
  store::Database& db_;
  const Clock& clock_;
};

// Field errors of a draft (empty when valid); keys are i18n keys.
std::vector<FieldError> validate_draft(const InnovationDraft& draft);

// How the search indexer loads innovations: published ones only.
search::EntitySource innovation_source();

}  // namespace lumbung::directory
