// Reading notify's tables, shared by the inbox (notify.cpp) and the mailer
// (mailer.cpp). Internal to the module.
#pragma once

#include <soci/soci.h>

#include "notify/notify.hpp"

namespace lumbung::notify::rows {

// The columns read_notification expects, in order, ending in "FROM notifications ".
inline constexpr const char* kNotificationColumns =
    "SELECT id, user_id, category, event, params_json, link, group_key, group_label, created_at, read_at "
    "FROM notifications ";

Notification read_notification(const soci::row& r);

// A user's settings, every category present (defaults filled in).
Settings load_settings(soci::session& sql, std::int64_t user_id);

}  // namespace lumbung::notify::rows
