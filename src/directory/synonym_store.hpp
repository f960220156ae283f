// SQL of the search synonym dictionary (table search_synonyms). Every function
// runs on the caller's session; writes expect the caller's transaction. SOCI
// errors propagate as exceptions (Database::transact translates them).
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "directory/synonym_service.hpp"

namespace lumbung::directory {

// Every group, in id order. A row whose phrases column is not a JSON array of
// strings comes back with no phrases (the dictionary ignores it).
std::vector<SynonymGroup> list_synonym_groups(soci::session &sql);
std::optional<SynonymGroup> find_synonym_group(soci::session &sql, std::int64_t id);
// Writes group.id's row (insert: a new row with that id; update: the row must
// exist).
void insert_synonym_group(soci::session &sql, const SynonymGroup &group);
void update_synonym_group(soci::session &sql, const SynonymGroup &group);
void delete_synonym_group(soci::session &sql, std::int64_t id);

// The phrases column: a JSON array of strings, and back.
std::string phrases_to_json(const std::vector<std::string> &phrases);
std::vector<std::string> phrases_from_json(const std::string &text);

}  // namespace lumbung::directory
