// Deadline reminders of the regional innovation index: a year's reporting
// window closes, and the region admins of every region that has not yet
// submitted are reminded (notify/mailer.hpp sends at the configured offsets).
#pragma once

#include "notify/mailer.hpp"
#include "store/database.hpp"

namespace lumbung::index {

notify::DeadlineSource window_deadline_source(store::Database& db);

}  // namespace lumbung::index
