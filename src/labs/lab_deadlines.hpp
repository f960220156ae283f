// Deadline reminders of labs: a stage's session ends (its ends_on date, end
// of day WIB) and ideas are still in that stage; the participants of those
// ideas' units are reminded (notify/mailer.hpp sends at the configured
// offsets).
#pragma once

#include "notify/mailer.hpp"
#include "store/database.hpp"

namespace lumbung::labs {

notify::DeadlineSource stage_deadline_source(store::Database& db);

}  // namespace lumbung::labs
