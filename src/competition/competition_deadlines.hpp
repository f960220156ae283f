// Deadline reminders of competitions: the closing of a round (registration,
// administrative selection, desk evaluation, objection window, presentation)
// reminds the people who act in it: agencies with draft entries before
// registration closes, curators before the secretariat rounds close, judges
// with entries assigned before the desk evaluation and presentation close.
#pragma once

#include "notify/mailer.hpp"
#include "store/database.hpp"

namespace lumbung::competition {

notify::DeadlineSource round_deadline_source(store::Database& db);

}  // namespace lumbung::competition
