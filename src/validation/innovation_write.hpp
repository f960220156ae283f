// Writes an innovation inside the caller's transaction the way the
// repository does (version bump, revision, search outbox row last), for the
// changes this module makes: a campaign answer, a merge and its undo.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "auth/auth.hpp"
#include "core/result.hpp"
#include "directory/innovation.hpp"

namespace lumbung::validation {

// Writes `next` over the stored row of version `current_version`; conflict
// when it changed meanwhile. `awards_changed` rewrites the awards.
Result<directory::Innovation> write_innovation(soci::session& sql, directory::Innovation next,
                                               std::int64_t current_version, std::int64_t actor, const char* action,
                                               const std::string& comment, std::int64_t now, bool awards_changed);

// Appends an audit row for a change of this module (before/after null = none).
Status audit_change(soci::session& sql, const auth::Actor& actor, const std::string& action, const char* entity,
                    const std::string& id, const nlohmann::json& before, const nlohmann::json& after, std::int64_t now);

}  // namespace lumbung::validation
