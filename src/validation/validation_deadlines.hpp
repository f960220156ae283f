// Deadline reminders of validation campaigns: an open campaign closes (its
// deadline, end of day WIB) while innovations are still unanswered; the
// owners of those innovations (validation_service.cpp owners()) are reminded
// at the mailer's configured offsets.
#pragma once

#include "notify/mailer.hpp"
#include "store/database.hpp"

namespace lumbung::validation {

notify::DeadlineSource campaign_deadline_source(store::Database& db);

}  // namespace lumbung::validation
