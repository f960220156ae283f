#include "notify/notify.hpp"

#include <algorithm>
#include <array>

#include "store/row.hpp"

namespace lumbung::notify {
namespace {

constexpr std::array<const char*, 6> kCategoryNames = {"lab",         "validation", "replication",
                                                       "competition", "index",      "account"};
constexpr std::array<const char*, 4> kFrequencyNames = {"immediately", "daily", "weekly", "off"};

constexpr const char* kInsert =
    "INSERT INTO notifications (id, user_id, category, event, params_json, link, group_key, group_label, "
    "created_at, mail_state) VALUES (:id, :user, :category, :event, :params, :link, :grp, :label, :created, "
    "'pending')";
constexpr const char* kColumns =
    "SELECT id, user_id, category, event, params_json, link, group_key, group_label, created_at, read_at "
    "FROM notifications ";
constexpr const char* kUnread = "SELECT COUNT(*) FROM notifications WHERE user_id = :user AND read_at IS NULL";
constexpr const char* kMarkRead =
    "UPDATE notifications SET read_at = :now WHERE id = :id AND user_id = :user AND read_at IS NULL";
constexpr const char* kMarkAllRead =
    "UPDATE notifications SET read_at = :now WHERE user_id = :user AND read_at IS NULL";
constexpr const char* kSettings = "SELECT category, frequency FROM notification_settings WHERE user_id = :user";
constexpr const char* kDeleteSettings = "DELETE FROM notification_settings WHERE user_id = :user";
constexpr const char* kInsertSetting =
    "INSERT INTO notification_settings (user_id, category, frequency) VALUES (:user, :category, :frequency)";
constexpr const char* kSetLang = "UPDATE users SET lang = :lang WHERE id = :user";

Notification read_notification(const soci::row& r) {
  Notification n;
  n.id = store::get_int64(r, 0);
  n.user_id = store::get_int64(r, 1);
  n.category = parse_category(store::get_text(r, 2)).value_or(Category::account);
  n.event = store::get_text(r, 3);
  auto params = nlohmann::json::parse(store::get_text(r, 4), nullptr, /*allow_exceptions=*/false);
  if (params.is_object()) n.params = std::move(params);
  n.link = store::get_text(r, 5);
  n.group = store::get_text(r, 6);
  n.group_label = store::get_text(r, 7);
  n.created_at = store::get_int64(r, 8);
  if (r.get_indicator(9) != soci::i_null) n.read_at = store::get_int64(r, 9);
  return n;
}

}  // namespace

const char* to_string(Category category) { return kCategoryNames[static_cast<std::size_t>(category)]; }

std::optional<Category> parse_category(std::string_view text) {
  for (std::size_t i = 0; i < kCategoryNames.size(); ++i)
    if (text == kCategoryNames[i]) return static_cast<Category>(i);
  return std::nullopt;
}

const std::vector<Category>& all_categories() {
  static const std::vector<Category> all = {Category::lab,         Category::validation, Category::replication,
                                            Category::competition, Category::index,      Category::account};
  return all;
}

const char* to_string(Frequency frequency) { return kFrequencyNames[static_cast<std::size_t>(frequency)]; }

std::optional<Frequency> parse_frequency(std::string_view text) {
  for (std::size_t i = 0; i < kFrequencyNames.size(); ++i)
    if (text == kFrequencyNames[i]) return static_cast<Frequency>(i);
  return std::nullopt;
}

Status post(soci::session& sql, const Notice& notice, std::int64_t now) {
  if (notice.user_id <= 0) return make_error(ErrorCode::invalid, "notify: a notice needs a recipient");
  if (notice.event.empty()) return make_error(ErrorCode::invalid, "notify: a notice needs an event name");
  if (!notice.params.is_object()) return make_error(ErrorCode::invalid, "notify: params must be a JSON object");
  auto id = store::next_id(sql, "notifications");
  if (!id) return id.error();
  try {
    const std::string category = to_string(notice.category);
    const std::string params = notice.params.dump();
    long long id_value = *id, user = notice.user_id, created = now;
    sql << kInsert, soci::use(id_value, "id"), soci::use(user, "user"), soci::use(category, "category"),
        soci::use(notice.event, "event"), soci::use(params, "params"), soci::use(notice.link, "link"),
        soci::use(notice.group, "grp"), soci::use(notice.group_label, "label"), soci::use(created, "created");
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "notify.post");
  }
  return {};
}

std::string render_text(const Catalog& catalog, std::string_view lang, const Notification& notification) {
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : notification.params.items()) {
    if (value.is_string())
      values[key] = value.get<std::string>();
    else if (value.is_number() || value.is_boolean())
      values[key] = value.dump();
  }
  return fill(catalog.text(lang, "notify." + notification.event), values);
}

Result<std::int64_t> Inbox::unread_count(std::int64_t user_id) {
  try {
    auto sql = db_.acquire();
    long long user = user_id, count = 0;
    *sql << kUnread, soci::use(user, "user"), soci::into(count);
    return static_cast<std::int64_t>(count);
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "notify.unread_count");
  }
}

Result<std::vector<Notification>> Inbox::list(std::int64_t user_id, std::int64_t before_id, int limit) {
  try {
    auto sql = db_.acquire();
    long long user = user_id, before = before_id > 0 ? before_id : INT64_MAX, lim = std::clamp(limit, 1, 500);
    soci::rowset<soci::row> rows =
        (sql->prepare << std::string(kColumns) + "WHERE user_id = :user AND id < :before ORDER BY id DESC LIMIT :lim",
         soci::use(user, "user"), soci::use(before, "before"), soci::use(lim, "lim"));
    std::vector<Notification> out;
    for (const auto& r : rows) out.push_back(read_notification(r));
    return out;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "notify.list");
  }
}

Result<std::optional<Notification>> Inbox::open(std::int64_t user_id, std::int64_t id, std::int64_t now) {
  return db_.transact("notify.open", [&](soci::session& sql) -> Result<std::optional<Notification>> {
    long long user = user_id, nid = id, at = now;
    sql << kMarkRead, soci::use(at, "now"), soci::use(nid, "id"), soci::use(user, "user");
    soci::rowset<soci::row> rows = (sql.prepare << std::string(kColumns) + "WHERE id = :id AND user_id = :user",
                                    soci::use(nid, "id"), soci::use(user, "user"));
    for (const auto& r : rows) return std::optional<Notification>(read_notification(r));
    return std::optional<Notification>();
  });
}

Result<std::int64_t> Inbox::mark_all_read(std::int64_t user_id, std::int64_t now) {
  return db_.transact("notify.mark_all_read", [&](soci::session& sql) -> Result<std::int64_t> {
    long long user = user_id, at = now;
    soci::statement st = (sql.prepare << kMarkAllRead, soci::use(at, "now"), soci::use(user, "user"));
    st.execute(true);
    return static_cast<std::int64_t>(st.get_affected_rows());
  });
}

Result<Settings> Inbox::settings(std::int64_t user_id) {
  Settings out;
  for (auto c : all_categories()) out[c] = Frequency::immediately;
  try {
    auto sql = db_.acquire();
    long long user = user_id;
    soci::rowset<soci::row> rows = (sql->prepare << kSettings, soci::use(user, "user"));
    for (const auto& r : rows) {
      auto category = parse_category(store::get_text(r, 0));
      auto frequency = parse_frequency(store::get_text(r, 1));
      if (category && frequency) out[*category] = *frequency;
    }
    return out;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "notify.settings");
  }
}

Status Inbox::save_settings(std::int64_t user_id, const Settings& settings) {
  return db_.transact("notify.save_settings", [&](soci::session& sql) -> Status {
    long long user = user_id;
    sql << kDeleteSettings, soci::use(user, "user");
    for (const auto& [category, frequency] : settings) {
      if (frequency == Frequency::immediately) continue;  // the default needs no row
      const std::string c = to_string(category), f = to_string(frequency);
      sql << kInsertSetting, soci::use(user, "user"), soci::use(c, "category"), soci::use(f, "frequency");
    }
    return {};
  });
}

Status Inbox::set_language(std::int64_t user_id, const std::string& lang) {
  return db_.transact("notify.set_language", [&](soci::session& sql) -> Status {
    long long user = user_id;
    sql << kSetLang, soci::use(lang, "lang"), soci::use(user, "user");
    return {};
  });
}

}  // namespace lumbung::notify
