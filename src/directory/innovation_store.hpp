// SQL of the innovations table. Every function runs on the caller's session;
// writes expect the caller's transaction.
#pragma once

#include <optional>

#include <soci/soci.h>

#include "core/result.hpp"
#include "directory/innovation.hpp"

namespace lumbung::directory {

Result<Innovation> insert_innovation(soci::session& sql, std::int64_t id, const InnovationDraft& draft,
                                     std::int64_t now);
Result<std::optional<Innovation>> find_innovation(soci::session& sql, std::int64_t id);
Result<std::vector<Innovation>> latest_published(soci::session& sql, int limit);
Result<RepositoryCounts> count_repository(soci::session& sql);
Result<std::vector<std::int64_t>> published_ids(soci::session& sql);

}  // namespace lumbung::directory
