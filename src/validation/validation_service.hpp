// Use cases of validation campaigns, one transaction each, with the caller's
// permissions checked here: campaigns are run by national curators and
// admins; an innovation's answer is given by whoever owns it (its region's
// region admin, a participant of its unit or region) or a curator.
//
// Errors: invalid (field errors with i18n keys), forbidden, not_found,
// conflict (a transition the state machine forbids; answering a campaign
// that is not open), unavailable/internal from the store.
#pragma once

#include <optional>
#include <vector>

#include "auth/auth.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/database.hpp"
#include "validation/validation.hpp"

namespace lumbung::validation {

// May run campaigns and review duplicates: a national admin or curator.
bool may_curate(const std::vector<auth::Grant>& grants);
// May answer for an innovation located in `region_code` / `unit_id`.
bool may_answer(const std::vector<auth::Grant>& grants, const std::string& region_code, std::int64_t unit_id);

class ValidationService {
 public:
  ValidationService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  Result<Campaign> create_campaign(const auth::Actor& actor, const CampaignDraft& draft);
  // action: open | close | reopen (campaign_rules.hpp). Opening selects the
  // innovations and notifies their owners; reopening needs a deadline not
  // yet past (`deadline`, when given, replaces it).
  Result<Campaign> transition(const auth::Actor& actor, std::int64_t id, const std::string& action,
                              const std::string& deadline = "");
  Result<Campaign> get(std::int64_t id);
  Result<std::vector<Campaign>> list();
  // How many published innovations `filter` selects now.
  Result<std::int64_t> count_selected(const CampaignFilter& filter);

  Result<Dashboard> dashboard(const auth::Actor& actor, std::int64_t id, std::size_t overdue_limit = 200);

  // The items of open campaigns the actor may answer (unanswered first).
  Result<std::vector<Item>> inbox(const auth::Actor& actor, std::int64_t campaign_id = 0);
  // One item; not_found for an unknown one, forbidden for someone else's.
  Result<Item> item(const auth::Actor& actor, std::int64_t campaign_id, std::int64_t innovation_id);
  // Records the answer (again, when corrected) and updates the innovation:
  // verified now, status berhenti or berlanjut, results and contact when
  // given, with a revision and an audit row.
  Result<Item> answer(const auth::Actor& actor, std::int64_t campaign_id, std::int64_t innovation_id,
                      const Answer& answer);

 private:
  store::Database& db_;
  const Clock& clock_;
};

}  // namespace lumbung::validation
