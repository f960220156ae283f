// Notification mail: turns notices into messages of the mail queue
// (mail/queue.hpp), as each user chose per category (notify.hpp Settings):
//   immediately  one message per notice, written the next time the mailer runs;
//   daily        one digest a day at digest_hour local time;
//   weekly       one digest on Mondays at digest_hour local time;
//   off          no mail (the inbox still shows it).
// Digests group their notices by group (lab, campaign, innovation), groups
// with the newest notice first, notices newest first. A notice's mail_state
// changes in the same transaction that queues its message, so no notice is
// mailed twice, and a digest run is recorded by key ("daily:2026-11-24"), so
// several nodes on one database never send the same digest.
//
// Every message is in the recipient's language (users.lang), has a plain-text
// and an HTML part, and an unsubscribe link for its category (a digest: for
// its frequency), signed with a per-user secret.
//
// Deadline reminders: deadline sources (one per module with deadlines) list
// what is due soon; each recipient gets one notice per deadline when it
// enters the nearest configured offset (7 days and 1 day before by default),
// never again for that offset or a larger one.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/i18n.hpp"
#include "core/log.hpp"
#include "core/periodic.hpp"
#include "notify/notify.hpp"

namespace lumbung::notify {

struct MailerOptions {
  std::string base_url;                // "https://lumbung.go.id"; "" leaves links as paths
  std::int64_t utc_offset = 7 * 3600;  // digests follow this local time (WIB)
  int digest_hour = 7;
  std::vector<std::int64_t> reminder_offsets = {7 * 86400, 86400};  // seconds before a deadline
};

// Something due at a time, for a list of people.
struct Deadline {
  std::string key;  // unique and stable: "lab:12:stage:diagnose", "iid:2024:window"
  Category category = Category::account;
  std::string event;  // notice event, e.g. "lab.stage_due"; params get "due" (YYYY-MM-DD) and "days"
  nlohmann::json params = nlohmann::json::object();
  std::string link, group, group_label;
  std::int64_t due_at = 0;
  std::vector<std::int64_t> recipients;
};
// Lists deadlines falling in (now, now + horizon].
using DeadlineSource = std::function<Result<std::vector<Deadline>>(std::int64_t now, std::int64_t horizon)>;

// The signed token of an unsubscribe link: "<user>.<what>.<signature>",
// `what` a category name or "daily"/"weekly" (every category with that
// frequency). Verified with the user's secret.
std::string unsubscribe_token(std::int64_t user_id, const std::string& what, const std::string& secret);
struct Unsubscribe {
  std::int64_t user_id = 0;
  std::string what;
};
// The parts of a well-formed token ("<user>.<what>.<32 hex>"): user > 0,
// `what` a category or daily/weekly; nullopt for anything else. Says
// nothing about the signature (check_unsubscribe does).
struct TokenParts {
  std::int64_t user_id = 0;
  std::string what;
  std::string signature;
};
std::optional<TokenParts> parse_unsubscribe_token(std::string_view token);
// Checks a token against the stored secret; nullopt when unknown or forged.
Result<std::optional<Unsubscribe>> check_unsubscribe(store::Database& db, const std::string& token);
// Applies it: the category (or every category of that frequency) is set off.
// Returns the categories switched off.
Result<std::vector<Category>> apply_unsubscribe(store::Database& db, const Unsubscribe& unsubscribe);

// A digest's sections: notices grouped by their group, groups ordered by
// their newest notice, notices newest first inside a group (ties: higher id
// first); a notice listed twice appears once. Pointers into `items`.
struct DigestGroup {
  std::string group;
  std::vector<const Notification*> items;
};
std::vector<DigestGroup> digest_groups(const std::vector<Notification>& items);

class Mailer {
 public:
  Mailer(store::Database& db, const Catalog& catalog, const Clock& clock, MailerOptions options, Logger log);
  ~Mailer();  // stops the thread

  void add_deadline_source(DeadlineSource source);

  // Pending notices: one message each for "immediately", the rest wait for
  // their digest or are skipped. Returns the messages queued.
  Result<std::size_t> mail_pending();
  // The daily (and on Mondays the weekly) digest, when its hour has come and
  // it has not run yet. Returns the digests queued.
  Result<std::size_t> send_due_digests();
  // One digest run now, recorded under run_key (nothing when it already ran).
  Result<std::size_t> send_digests(Frequency frequency, const std::string& run_key);
  // Reminder notices for the sources' deadlines. Returns the notices posted.
  Result<std::size_t> send_reminders();
  // All of the above, in the order reminders, pending, digests.
  Status run_once();

  void start(std::chrono::milliseconds interval = std::chrono::seconds(5));
  void stop();

 private:
  struct Recipient;
  Result<std::optional<Recipient>> recipient(soci::session& sql, std::int64_t user_id);
  std::string absolute(const std::string& path) const;

  store::Database& db_;
  const Catalog& catalog_;
  const Clock& clock_;
  MailerOptions options_;
  Logger log_;
  std::vector<DeadlineSource> sources_;
  std::mutex run_mu_;
  PeriodicTask task_{"notify", log_};  // declared last: stopped before the rest goes
};

}  // namespace lumbung::notify
