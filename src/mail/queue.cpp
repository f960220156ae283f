#include "mail/queue.hpp"

#include <algorithm>
#include <atomic>

#include "store/row.hpp"

namespace lumbung::mail {

namespace {

using store::get_int64;
using store::get_text;

// The outer conditions repeat the inner ones: on PostgreSQL a row another
// node claimed meanwhile is re-checked against them and skipped.
constexpr const char* kClaim =
    "UPDATE mail_outbox SET lease_owner = :owner, lease_until = :until "
    "WHERE status = 'queued' AND next_attempt_at <= :now1 AND lease_until <= :now2 AND id IN ("
    "SELECT id FROM mail_outbox WHERE status = 'queued' AND next_attempt_at <= :now3 AND lease_until <= :now4 "
    "ORDER BY next_attempt_at, id LIMIT :limit)";
constexpr const char* kClaimed =
    "SELECT id, to_email, subject, body_text, kind, created_at, attempts, body_html, unsubscribe_url "
    "FROM mail_outbox WHERE lease_owner = :owner AND lease_until = :until AND status = 'queued' ORDER BY id";
constexpr const char* kSent =
    "UPDATE mail_outbox SET status = 'sent', sent_at = :now, attempts = attempts + 1, last_error = '', "
    "lease_owner = '', lease_until = 0 WHERE id = :id AND lease_owner = :owner";
constexpr const char* kFailed =
    "UPDATE mail_outbox SET status = :status, attempts = attempts + 1, last_error = :error, "
    "next_attempt_at = :next, lease_owner = '', lease_until = 0 WHERE id = :id AND lease_owner = :owner";
constexpr const char* kCounts = "SELECT status, COUNT(*) FROM mail_outbox GROUP BY status";
constexpr const char* kEnqueue =
    "INSERT INTO mail_outbox (id, to_email, subject, body_text, body_html, unsubscribe_url, kind, created_at) "
    "VALUES (:id, :to, :subject, :text, :html, :unsub, :kind, :created)";
// A failed message goes back to the queue, due now; a queued one is made due
// now (its back-off skipped). Sent messages and leased ones stay as they are.
constexpr const char* kRetryNow =
    "UPDATE mail_outbox SET status = 'queued', next_attempt_at = :now WHERE id = :id "
    "AND status IN ('queued', 'failed') AND lease_until <= :now2";

}  // namespace

std::int64_t retry_delay(int failures, std::int64_t first_delay) {
  static constexpr std::int64_t kFactors[] = {1, 5, 30, 120, 360};
  const int i = std::clamp(failures, 1, 5) - 1;
  return std::max<std::int64_t>(1, first_delay) * kFactors[i];
}

Result<std::vector<QueuedMail>> claim_due(store::Database& db, const std::string& owner, std::int64_t now,
                                          std::int64_t lease_seconds, int limit) {
  static std::atomic<std::uint64_t> claims{0};
  const std::string tag = owner + "#" + std::to_string(++claims);
  return db.transact("mail_claim", [&](soci::session& sql) -> Result<std::vector<QueuedMail>> {
    long long until = now + lease_seconds, n1 = now, n2 = now, n3 = now, n4 = now;
    int lim = limit;
    sql << kClaim, soci::use(tag, "owner"), soci::use(until, "until"), soci::use(n1, "now1"), soci::use(n2, "now2"),
        soci::use(n3, "now3"), soci::use(n4, "now4"), soci::use(lim, "limit");
    std::vector<QueuedMail> out;
    soci::rowset<soci::row> rs = (sql.prepare << kClaimed, soci::use(tag, "owner"), soci::use(until, "until"));
    for (const auto& r : rs) {
      QueuedMail m;
      m.id = get_int64(r, 0);
      m.to_email = get_text(r, 1);
      m.subject = get_text(r, 2);
      m.body_text = get_text(r, 3);
      m.kind = get_text(r, 4);
      m.created_at = get_int64(r, 5);
      m.attempts = static_cast<int>(get_int64(r, 6));
      m.body_html = get_text(r, 7);
      m.unsubscribe_url = get_text(r, 8);
      m.claim = tag;
      out.push_back(std::move(m));
    }
    return out;
  });
}

Status mark_sent(store::Database& db, const QueuedMail& mail, std::int64_t now) {
  return db.transact("mail_sent", [&](soci::session& sql) -> Status {
    long long n = now, i = mail.id;
    sql << kSent, soci::use(n, "now"), soci::use(i, "id"), soci::use(mail.claim, "owner");
    return {};
  });
}

Result<std::string> mark_failed(store::Database& db, const QueuedMail& mail, std::int64_t now, const std::string& error,
                                const RetryPolicy& policy) {
  const int failures = mail.attempts + 1;
  const std::int64_t next = now + retry_delay(failures, policy.first_delay);
  const bool give_up = next - mail.created_at > policy.give_up_after;
  std::string status = give_up ? "failed" : "queued";
  std::string text = error.substr(0, 1000);
  return db.transact("mail_failed", [&](soci::session& sql) -> Result<std::string> {
    long long nx = give_up ? 0 : next, i = mail.id;
    sql << kFailed, soci::use(status, "status"), soci::use(text, "error"), soci::use(nx, "next"), soci::use(i, "id"),
        soci::use(mail.claim, "owner");
    return status;
  });
}

Result<QueueCounts> count_queue(store::Database& db) {
  try {
    auto lease = db.acquire();
    QueueCounts c;
    soci::rowset<soci::row> rs = (lease->prepare << kCounts);
    for (const auto& r : rs) {
      const auto status = get_text(r, 0);
      const auto n = get_int64(r, 1);
      if (status == "queued")
        c.queued = n;
      else if (status == "sent")
        c.sent = n;
      else if (status == "failed")
        c.failed = n;
    }
    return c;
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "mail_counts");
  }
}

Result<std::int64_t> enqueue(soci::session& sql, const NewMail& mail, std::int64_t now) {
  auto id = store::next_id(sql, "mail_outbox");
  if (!id) return id.error();
  try {
    long long i = *id, created = now;
    sql << kEnqueue, soci::use(i, "id"), soci::use(mail.to_email, "to"), soci::use(mail.subject, "subject"),
        soci::use(mail.body_text, "text"), soci::use(mail.body_html, "html"), soci::use(mail.unsubscribe_url, "unsub"),
        soci::use(mail.kind, "kind"), soci::use(created, "created");
  } catch (const std::exception& e) {
    return store::translate_sql_error(e, "mail_enqueue");
  }
  return *id;
}

Result<bool> retry_now(store::Database& db, std::int64_t id, std::int64_t now) {
  return db.transact("mail_retry_now", [&](soci::session& sql) -> Result<bool> {
    long long i = id, n1 = now, n2 = now;
    soci::statement st = (sql.prepare << kRetryNow, soci::use(n1, "now"), soci::use(i, "id"), soci::use(n2, "now2"));
    st.execute(true);
    return st.get_affected_rows() > 0;
  });
}

}  // namespace lumbung::mail
