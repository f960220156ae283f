#include "notify/mailer.hpp"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <map>
#include <set>

#include "auth/secrets.hpp"
#include "mail/queue.hpp"
#include "notify/rows.hpp"
#include "store/row.hpp"

namespace lumbung::notify {
namespace {

constexpr int kBatch = 200;

const std::string kPending =
    std::string(rows::kNotificationColumns) + "WHERE mail_state = 'pending' ORDER BY id LIMIT :lim";
const std::string kDigestItems =
    std::string(rows::kNotificationColumns) + "WHERE mail_state = 'digest' AND user_id = :user ORDER BY id DESC";
constexpr const char* kDigestUsers = "SELECT DISTINCT user_id FROM notifications WHERE mail_state = 'digest'";
constexpr const char* kUser = "SELECT email, name, lang, active FROM users WHERE id = :id";
constexpr const char* kSecret = "SELECT secret FROM notification_keys WHERE user_id = :user";
constexpr const char* kNewSecret =
    "INSERT INTO notification_keys (user_id, secret) VALUES (:user, :secret) ON CONFLICT (user_id) DO NOTHING";
constexpr const char* kRecordRun =
    "INSERT INTO notification_digest_runs (run_key, started_at) VALUES (:key, :at) ON CONFLICT (run_key) DO NOTHING";
constexpr const char* kRecordReminder =
    "INSERT INTO notification_reminders (deadline_key, offset_seconds, user_id, sent_at) "
    "VALUES (:key, :offset, :user, :at) ON CONFLICT (deadline_key, offset_seconds, user_id) DO NOTHING";
constexpr const char* kSetOff =
    "INSERT INTO notification_settings (user_id, category, frequency) VALUES (:user, :category, 'off') "
    "ON CONFLICT (user_id, category) DO UPDATE SET frequency = 'off'";

void set_state(soci::session& sql, const std::vector<std::int64_t>& ids, const char* state) {
  if (ids.empty()) return;
  std::string list;
  for (auto id : ids) list += (list.empty() ? "" : ",") + std::to_string(id);
  sql << std::string("UPDATE notifications SET mail_state = '") + state + "' WHERE id IN (" + list + ")";
}

std::string escape_html(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

// At most `max` bytes, cut at a UTF-8 character boundary, with "…" when cut.
std::string shorten(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "…";
}

// "2026-11-24" for a unix time shifted by `offset` seconds.
std::string local_date(std::int64_t t, std::int64_t offset) {
  std::time_t local = static_cast<std::time_t>(t + offset);
  std::tm tm{};
  gmtime_r(&local, &tm);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

std::string html_document(const std::string& lang, const std::string& body) {
  return "<!doctype html><html lang=\"" + lang +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"></head>"
         "<body style=\"font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1f2328;"
         "max-width:36rem;margin:0 auto;padding:1rem\">" +
         body + "</body></html>";
}

}  // namespace

std::string unsubscribe_token(std::int64_t user_id, const std::string& what, const std::string& secret) {
  const auto subject = std::to_string(user_id) + "." + what;
  return subject + "." + auth::sha256_hex(secret + "|" + subject).substr(0, 32);
}

std::optional<TokenParts> parse_unsubscribe_token(std::string_view token) {
  const auto first = token.find('.');
  const auto last = token.rfind('.');
  if (first == std::string_view::npos || last == first || token.size() > 200) return std::nullopt;
  TokenParts parts;
  const auto* begin = token.data();
  if (auto [p, ec] = std::from_chars(begin, begin + first, parts.user_id);
      ec != std::errc() || p != begin + first || parts.user_id <= 0 || token[0] == '0')
    return std::nullopt;
  parts.what = std::string(token.substr(first + 1, last - first - 1));
  if (!parse_category(parts.what) && parts.what != "daily" && parts.what != "weekly") return std::nullopt;
  parts.signature = std::string(token.substr(last + 1));
  if (parts.signature.size() != 32) return std::nullopt;
  for (char c : parts.signature)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return std::nullopt;
  return parts;
}

Result<std::optional<Unsubscribe>> check_unsubscribe(store::Database& db, const std::string& token) {
  const auto parts = parse_unsubscribe_token(token);
  if (!parts) return std::optional<Unsubscribe>();
  const auto user = parts->user_id;
  const auto& what = parts->what;
  try {
    auto sql = db.acquire();
    long long u = user;
    std::string secret;
    *sql << kSecret, soci::use(u, "user"), soci::into(secret);
    if (!sql->got_data() || secret.empty()) return std::optional<Unsubscribe>();
    if (!auth::secrets_equal(unsubscribe_token(user, what, secret), token)) return std::optional<Unsubscribe>();
    return std::optional<Unsubscribe>(Unsubscribe{user, what});
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "notify.check_unsubscribe");
  }
}

Result<std::vector<Category>> apply_unsubscribe(store::Database& db, const Unsubscribe& unsubscribe) {
  return db.transact("notify.unsubscribe", [&](soci::session& sql) -> Result<std::vector<Category>> {
    std::vector<Category> off;
    if (auto c = parse_category(unsubscribe.what)) {
      off.push_back(*c);
    } else {
      const auto frequency = parse_frequency(unsubscribe.what);
      for (const auto& [c, f] : rows::load_settings(sql, unsubscribe.user_id))
        if (frequency && f == *frequency) off.push_back(c);
    }
    long long user = unsubscribe.user_id;
    for (auto c : off) {
      const std::string name = to_string(c);
      sql << kSetOff, soci::use(user, "user"), soci::use(name, "category");
    }
    return off;
  });
}

std::vector<DigestGroup> digest_groups(const std::vector<Notification>& items) {
  std::vector<const Notification*> newest_first;
  std::set<std::int64_t> seen;
  for (const auto& n : items)
    if (seen.insert(n.id).second) newest_first.push_back(&n);
  std::stable_sort(newest_first.begin(), newest_first.end(), [](const Notification* a, const Notification* b) {
    return a->created_at != b->created_at ? a->created_at > b->created_at : a->id > b->id;
  });
  std::vector<DigestGroup> groups;
  std::map<std::string, std::size_t> index;
  for (const auto* n : newest_first) {
    auto [it, fresh] = index.emplace(n->group, groups.size());
    if (fresh) groups.push_back({n->group, {}});
    groups[it->second].items.push_back(n);
  }
  return groups;
}

struct Mailer::Recipient {
  std::int64_t id = 0;
  std::string email, name, lang, secret;
};

Mailer::Mailer(store::Database& db, const Catalog& catalog, const Clock& clock, MailerOptions options, Logger log)
    : db_(db), catalog_(catalog), clock_(clock), options_(std::move(options)), log_(std::move(log)) {
  while (!options_.base_url.empty() && options_.base_url.back() == '/') options_.base_url.pop_back();
  std::sort(options_.reminder_offsets.begin(), options_.reminder_offsets.end());
}

Mailer::~Mailer() { stop(); }

void Mailer::add_deadline_source(DeadlineSource source) { sources_.push_back(std::move(source)); }

std::string Mailer::absolute(const std::string& path) const { return options_.base_url + path; }

// The recipient's address, name, language and unsubscribe secret (made on
// first use); nullopt for an unknown or deactivated account.
Result<std::optional<Mailer::Recipient>> Mailer::recipient(soci::session& sql, std::int64_t user_id) {
  long long id = user_id;
  Recipient r;
  r.id = user_id;
  int active = 0;
  sql << kUser, soci::use(id, "id"), soci::into(r.email), soci::into(r.name), soci::into(r.lang), soci::into(active);
  if (!sql.got_data() || active == 0 || r.email.empty()) return std::optional<Recipient>();
  if (!catalog_.supports(r.lang)) r.lang = "id";
  sql << kSecret, soci::use(id, "user"), soci::into(r.secret);
  if (!sql.got_data() || r.secret.empty()) {
    const auto secret = auth::random_token();
    sql << kNewSecret, soci::use(id, "user"), soci::use(secret, "secret");
    sql << kSecret, soci::use(id, "user"), soci::into(r.secret);
  }
  return std::optional<Recipient>(std::move(r));
}

Result<std::size_t> Mailer::mail_pending() {
  std::size_t queued = 0;
  for (;;) {
    auto batch = db_.transact("notify.mail_pending", [&](soci::session& sql) -> Result<std::size_t> {
      int lim = kBatch;
      std::vector<Notification> pending;
      {
        soci::rowset<soci::row> rows = (sql.prepare << kPending, soci::use(lim, "lim"));
        for (const auto& r : rows) pending.push_back(rows::read_notification(r));
      }
      std::map<std::int64_t, Settings> settings;
      std::map<std::int64_t, std::optional<Recipient>> recipients;
      std::vector<std::int64_t> mailed, digest, skipped;
      for (const auto& n : pending) {
        if (!settings.count(n.user_id)) settings[n.user_id] = rows::load_settings(sql, n.user_id);
        if (!recipients.count(n.user_id)) {
          auto r = recipient(sql, n.user_id);
          if (!r) return r.error();
          recipients[n.user_id] = std::move(*r);
        }
        const auto& to = recipients[n.user_id];
        const auto frequency = settings[n.user_id].at(n.category);
        if (!to || frequency == Frequency::off) {
          skipped.push_back(n.id);
          continue;
        }
        if (frequency != Frequency::immediately) {
          digest.push_back(n.id);
          continue;
        }
        const auto& lang = to->lang;
        const auto text = render_text(catalog_, lang, n);
        const auto category = catalog_.text(lang, std::string("notifikasi.category.") + to_string(n.category));
        const auto link = absolute(n.link.empty() ? "/notifikasi" : n.link);
        const auto unsubscribe =
            absolute("/notifikasi/berhenti/" + unsubscribe_token(to->id, to_string(n.category), to->secret));
        const auto settings_url = absolute("/notifikasi/pengaturan");
        const std::map<std::string, std::string> values = {{"name", to->name},
                                                           {"category", category},
                                                           {"url", unsubscribe},
                                                           {"settings_url", settings_url},
                                                           {"context", n.group_label}};
        mail::NewMail m;
        m.to_email = to->email;
        m.kind = "notice";
        m.subject = shorten(fill(catalog_.text(lang, "notifikasi.mail.subject"), {{"text", text}}), 160);
        m.body_text = fill(catalog_.text(lang, "notifikasi.mail.greeting"), values) + "\n\n" + text + "\n" +
                      (n.group_label.empty() ? "" : n.group_label + "\n") + "\n" +
                      catalog_.text(lang, "notifikasi.mail.open") + " " + link + "\n\n-- \n" +
                      fill(catalog_.text(lang, "notifikasi.mail.footer_immediately"), values) + "\n" +
                      fill(catalog_.text(lang, "notifikasi.mail.unsubscribe"), values) + "\n";
        m.body_html = html_document(
            lang,
            "<p>" + escape_html(fill(catalog_.text(lang, "notifikasi.mail.greeting"), values)) + "</p><p>" +
                escape_html(text) + "</p>" +
                (n.group_label.empty() ? "" : "<p style=\"color:#57606a\">" + escape_html(n.group_label) + "</p>") +
                "<p><a href=\"" + escape_html(link) + "\">" + escape_html(catalog_.text(lang, "notifikasi.mail.open")) +
                "</a></p><hr><p style=\"font-size:13px;color:#57606a\">" +
                escape_html(fill(catalog_.text(lang, "notifikasi.mail.footer_immediately"), values)) +
                "<br><a href=\"" + escape_html(unsubscribe) + "\">" +
                escape_html(fill(catalog_.text(lang, "notifikasi.mail.unsubscribe_short"), values)) + "</a></p>");
        if (unsubscribe.rfind("http", 0) == 0) m.unsubscribe_url = unsubscribe;
        auto id = mail::enqueue(sql, m, clock_.now());
        if (!id) return id.error();
        mailed.push_back(n.id);
      }
      set_state(sql, mailed, "mailed");
      set_state(sql, digest, "digest");
      set_state(sql, skipped, "skipped");
      queued += mailed.size();
      return pending.size();
    });
    if (!batch) return batch.error();
    if (*batch < static_cast<std::size_t>(kBatch)) return queued;
  }
}

Result<std::size_t> Mailer::send_digests(Frequency frequency, const std::string& run_key) {
  if (frequency != Frequency::daily && frequency != Frequency::weekly)
    return make_error(ErrorCode::invalid, "notify: digests are daily or weekly");
  const std::int64_t now = clock_.now();
  auto fresh = db_.transact("notify.digest_run", [&](soci::session& sql) -> Result<bool> {
    long long at = now;
    soci::statement st = (sql.prepare << kRecordRun, soci::use(run_key, "key"), soci::use(at, "at"));
    st.execute(true);
    return st.get_affected_rows() > 0;
  });
  if (!fresh) return fresh.error();
  if (!*fresh) return std::size_t{0};

  std::vector<std::int64_t> users;
  try {
    auto sql = db_.acquire();
    soci::rowset<soci::row> rows = (sql->prepare << kDigestUsers);
    for (const auto& r : rows) users.push_back(store::get_int64(r, 0));
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "notify.digest_users");
  }

  std::size_t sent = 0;
  // One transaction per user: a run cut short leaves the rest for the next
  // run, and never mails a notice twice.
  for (auto user_id : users) {
    auto one = db_.transact("notify.digest", [&](soci::session& sql) -> Result<bool> {
      const auto settings = rows::load_settings(sql, user_id);
      std::vector<Notification> items;
      std::vector<std::int64_t> skipped;
      {
        long long user = user_id;
        soci::rowset<soci::row> rows = (sql.prepare << kDigestItems, soci::use(user, "user"));
        for (const auto& r : rows) {
          auto n = rows::read_notification(r);
          const auto f = settings.at(n.category);
          if (f == Frequency::off)
            skipped.push_back(n.id);
          else if ((f == Frequency::weekly) == (frequency == Frequency::weekly))
            items.push_back(std::move(n));  // a category switched to "immediately" goes out with the daily run
        }
      }
      set_state(sql, skipped, "skipped");
      if (items.empty()) return false;
      auto to = recipient(sql, user_id);
      if (!to) return to.error();
      std::vector<std::int64_t> ids;
      for (const auto& n : items) ids.push_back(n.id);
      if (!*to) {
        set_state(sql, ids, "skipped");
        return false;
      }
      const auto& lang = (*to)->lang;
      const std::string what = to_string(frequency);
      const auto unsubscribe = absolute("/notifikasi/berhenti/" + unsubscribe_token(user_id, what, (*to)->secret));
      const std::map<std::string, std::string> values = {
          {"name", (*to)->name},
          {"count", std::to_string(items.size())},
          {"url", unsubscribe},
          {"settings_url", absolute("/notifikasi/pengaturan")},
          {"frequency", catalog_.text(lang, std::string("notifikasi.frequency.") + what)}};
      std::string text = fill(catalog_.text(lang, "notifikasi.mail.greeting"), values) + "\n\n" +
                         fill(catalog_.text(lang, "notifikasi.mail.digest_lead"), values) + "\n";
      std::string html = "<p>" + escape_html(fill(catalog_.text(lang, "notifikasi.mail.greeting"), values)) +
                         "</p><p>" + escape_html(fill(catalog_.text(lang, "notifikasi.mail.digest_lead"), values)) +
                         "</p>";
      for (const auto& group : digest_groups(items)) {
        const auto& list = group.items;
        const auto heading = list.front()->group_label.empty() ? catalog_.text(lang, "notifikasi.mail.other")
                                                               : list.front()->group_label;
        text += "\n== " + heading + " ==\n";
        html += "<h2 style=\"font-size:17px;margin:1.2em 0 .3em\">" + escape_html(heading) + "</h2><ul>";
        for (const auto* n : list) {
          const auto line = render_text(catalog_, lang, *n);
          const auto link = absolute(n->link.empty() ? "/notifikasi" : n->link);
          text += "- " + line + "\n  " + link + "\n";
          html += "<li><a href=\"" + escape_html(link) + "\">" + escape_html(line) + "</a></li>";
        }
        html += "</ul>";
      }
      text += "\n-- \n" + fill(catalog_.text(lang, "notifikasi.mail.footer_digest"), values) + "\n" +
              fill(catalog_.text(lang, "notifikasi.mail.unsubscribe_digest"), values) + "\n";
      html += "<hr><p style=\"font-size:13px;color:#57606a\">" +
              escape_html(fill(catalog_.text(lang, "notifikasi.mail.footer_digest"), values)) + "<br><a href=\"" +
              escape_html(unsubscribe) + "\">" +
              escape_html(fill(catalog_.text(lang, "notifikasi.mail.unsubscribe_short"), values)) + "</a></p>";
      mail::NewMail m;
      m.to_email = (*to)->email;
      m.kind = "digest";
      m.subject = fill(catalog_.text(lang, frequency == Frequency::weekly ? "notifikasi.mail.subject_weekly"
                                                                          : "notifikasi.mail.subject_daily"),
                       values);
      m.body_text = std::move(text);
      m.body_html = html_document(lang, html);
      if (unsubscribe.rfind("http", 0) == 0) m.unsubscribe_url = unsubscribe;
      auto id = mail::enqueue(sql, m, now);
      if (!id) return id.error();
      set_state(sql, ids, "digested");
      return true;
    });
    if (!one) return one.error();
    if (*one) ++sent;
  }
  if (sent > 0) log_->info("notify: {} {} digests queued ({})", sent, to_string(frequency), run_key);
  return sent;
}

Result<std::size_t> Mailer::send_due_digests() {
  const std::int64_t now = clock_.now();
  const std::int64_t local = now + options_.utc_offset;
  const std::int64_t day = local / 86400;
  const std::int64_t today_start = day * 86400 - options_.utc_offset;  // local midnight, in UTC
  const std::int64_t digest_time = today_start + options_.digest_hour * 3600;
  std::size_t sent = 0;
  if (now >= digest_time) {
    auto daily = send_digests(Frequency::daily, "daily:" + local_date(now, options_.utc_offset));
    if (!daily) return daily.error();
    sent += *daily;
  }
  // This week's Monday (1970-01-01 was a Thursday: day 0 has weekday 4).
  const std::int64_t since_monday = (day + 3) % 7;
  const std::int64_t monday_digest = digest_time - since_monday * 86400;
  if (now >= monday_digest) {
    auto weekly = send_digests(Frequency::weekly, "weekly:" + local_date(monday_digest, options_.utc_offset));
    if (!weekly) return weekly.error();
    sent += *weekly;
  }
  return sent;
}

Result<std::size_t> Mailer::send_reminders() {
  if (sources_.empty() || options_.reminder_offsets.empty()) return std::size_t{0};
  const std::int64_t now = clock_.now();
  const std::int64_t horizon = options_.reminder_offsets.back();
  std::size_t posted = 0;
  for (const auto& source : sources_) {
    auto deadlines = source(now, horizon);
    if (!deadlines) return deadlines.error();
    for (const auto& d : *deadlines) {
      const std::int64_t remaining = d.due_at - now;
      if (remaining <= 0) continue;
      // The nearest offset the deadline is inside of; larger ones are never sent later.
      auto it = std::lower_bound(options_.reminder_offsets.begin(), options_.reminder_offsets.end(), remaining);
      if (it == options_.reminder_offsets.end()) continue;
      const long long offset = *it;
      for (auto user_id : d.recipients) {
        auto done = db_.transact("notify.reminder", [&](soci::session& sql) -> Result<bool> {
          long long user = user_id, at = now;
          soci::statement st = (sql.prepare << kRecordReminder, soci::use(d.key, "key"), soci::use(offset, "offset"),
                                soci::use(user, "user"), soci::use(at, "at"));
          st.execute(true);
          if (st.get_affected_rows() == 0) return false;
          Notice n;
          n.user_id = user_id;
          n.category = d.category;
          n.event = d.event;
          n.params = d.params.is_object() ? d.params : nlohmann::json::object();
          n.params["due"] = local_date(d.due_at, options_.utc_offset);
          n.params["days"] = std::to_string((remaining + 86399) / 86400);
          n.link = d.link;
          n.group = d.group;
          n.group_label = d.group_label;
          if (auto st2 = post(sql, n, now); !st2) return st2.error();
          return true;
        });
        if (!done) return done.error();
        if (*done) ++posted;
      }
    }
  }
  return posted;
}

Status Mailer::run_once() {
  std::lock_guard lock(run_mu_);
  if (auto r = send_reminders(); !r) return r.error();
  if (auto p = mail_pending(); !p) return p.error();
  if (auto d = send_due_digests(); !d) return d.error();
  return {};
}

void Mailer::start(std::chrono::milliseconds interval) {
  task_.start(interval, [this] {
    if (auto st = run_once(); !st) log_->warn("notify: {}", st.error().message());
  });
}

void Mailer::stop() { task_.stop(); }

}  // namespace lumbung::notify
