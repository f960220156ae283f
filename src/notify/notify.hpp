// Notifications: what happened that a user should know (a coach returned
// their Diagnose work, a replication request arrived, a deadline is near).
// Domain services post notices inside their own write transaction; the inbox
// (bell and /notifikasi) reads them; the mailer (notify/mailer.hpp) turns
// them into mail, immediately or in digests, as each user chose per category.
//
// A notice stores an event name and its parameters, not a rendered text: the
// text is the catalogue entry "notify.<event>" with {{placeholders}} filled
// from params, rendered in the reader's language when shown or mailed.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"
#include "core/result.hpp"
#include "store/database.hpp"

namespace lumbung::notify {

// What a notice is about; users choose how they get mail per category.
enum class Category { lab, validation, replication, competition, index, account };
// "lab", "validation", "replication", "competition", "index", "account".
const char* to_string(Category category);
std::optional<Category> parse_category(std::string_view text);
const std::vector<Category>& all_categories();

// How mail for a category reaches a user. Without a setting: immediately.
enum class Frequency { immediately, daily, weekly, off };
const char* to_string(Frequency frequency);
std::optional<Frequency> parse_frequency(std::string_view text);

struct Notice {
  std::int64_t user_id = 0;  // recipient
  Category category = Category::account;
  std::string event;  // "lab.stage_returned": its text is the catalogue key "notify.lab.stage_returned"
  nlohmann::json params = nlohmann::json::object();  // values of the text's {{placeholders}}
  std::string link;                                  // path on this site the notice leads to: "/lab/12/ide/34"
  std::string group;                                 // digest grouping: "lab:12", "innovation:34"
  std::string group_label;                           // the group's heading in digests: the lab's or innovation's name
};

// Records a notice inside the caller's write transaction, so it exists
// exactly when the change that caused it committed. Fails (invalid) without
// a recipient or an event name, or when params is not a JSON object.
Status post(soci::session& sql, const Notice& notice, std::int64_t now);

// A stored notice, as the inbox and the mailer read it.
struct Notification {
  std::int64_t id = 0;
  std::int64_t user_id = 0;
  Category category = Category::account;
  std::string event;
  nlohmann::json params = nlohmann::json::object();
  std::string link;
  std::string group;
  std::string group_label;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> read_at;
};

// The notification's text in `lang`: "notify.<event>" with its params
// filled in (numbers and booleans as written in JSON, other values skipped).
std::string render_text(const Catalog& catalog, std::string_view lang, const Notification& notification);

// Per-category mail settings of a user: every category, defaults filled in.
using Settings = std::map<Category, Frequency>;

// The inbox of one user at a time; every call names the user, and a user
// never reads or marks another's notifications.
class Inbox {
 public:
  explicit Inbox(store::Database& db) : db_(db) {}

  Result<std::int64_t> unread_count(std::int64_t user_id);
  // Newest first, `limit` rows with id < before_id (0 = from the newest).
  Result<std::vector<Notification>> list(std::int64_t user_id, std::int64_t before_id, int limit);
  // Marks one notification read and returns it; nullopt when it is not this
  // user's (or does not exist).
  Result<std::optional<Notification>> open(std::int64_t user_id, std::int64_t id, std::int64_t now);
  // Marks every unread notification of the user read; returns how many.
  Result<std::int64_t> mark_all_read(std::int64_t user_id, std::int64_t now);

  Result<Settings> settings(std::int64_t user_id);
  Status save_settings(std::int64_t user_id, const Settings& settings);
  // The language the user's mail is written in ("id", "en").
  Status set_language(std::int64_t user_id, const std::string& lang);

 private:
  store::Database& db_;
};

}  // namespace lumbung::notify
