// The mail queue in mail_outbox (migrations 0002 and 0006). Rows are written
// by the services that send mail (auth: invitations, password resets) with
// status 'queued'; the delivery thread claims due rows, sends them and marks
// them sent, or records the relay's answer and schedules a retry.
//
// Claims are leases: a claim sets lease_owner and lease_until on rows that
// are queued, due and not leased, in one UPDATE whose WHERE clause is checked
// again row by row when PostgreSQL re-reads a row another node just changed,
// so two nodes never hold the same row. A sender that dies leaves its rows
// to be claimed again when the lease runs out.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/database.hpp"

namespace lumbung::mail {

struct QueuedMail {
  std::int64_t id = 0;
  std::string to_email;
  std::string subject;
  std::string body_text;
  std::string body_html;        // "" = text only
  std::string unsubscribe_url;  // "" = none
  std::string kind;
  std::int64_t created_at = 0;
  int attempts = 0;
  std::string claim;  // the lease tag of the claim that returned it
};

// Back-off after a failed attempt: `failures` is the number of failed
// attempts so far (1 after the first). Scaled from `first_delay` seconds
// (60 in production): 1x, 5x, 30x, 120x, then every 360x
// (1 min, 5 min, 30 min, 2 h, then every 6 h).
std::int64_t retry_delay(int failures, std::int64_t first_delay = 60);

struct RetryPolicy {
  std::int64_t first_delay = 60;           // seconds; see retry_delay
  std::int64_t give_up_after = 3 * 86400;  // seconds since the message was queued
};

// Claims up to `limit` due rows for `owner` until now + lease_seconds. Each
// claim gets its own tag (owner#n), so a claim returns only what it took.
Result<std::vector<QueuedMail>> claim_due(store::Database& db, const std::string& owner, std::int64_t now,
                                          std::int64_t lease_seconds, int limit);
// After a successful send: status sent, sent_at now, lease released. Does
// nothing when the claim is no longer held (the lease ran out and another
// sender took the row).
Status mark_sent(store::Database& db, const QueuedMail& mail, std::int64_t now);
// After a failed send: the error recorded, attempts + 1, next attempt by the
// policy, or status failed once the message is older than give_up_after.
// Returns the new status ("queued" or "failed").
Result<std::string> mark_failed(store::Database& db, const QueuedMail& mail, std::int64_t now, const std::string& error,
                                const RetryPolicy& policy);

// A message to queue: written by the services that send mail, inside their
// own transaction, so it goes out exactly when their change committed.
struct NewMail {
  std::string to_email;
  std::string subject;
  std::string body_text;
  std::string body_html;        // "" = text only
  std::string unsubscribe_url;  // "" = none (see mail/message.hpp)
  std::string kind;             // "invite", "reset", "notice", "digest"
};
// Queues `mail` due now; returns its id.
Result<std::int64_t> enqueue(soci::session& sql, const NewMail& mail, std::int64_t now);

// An admin's "send again": a failed (or waiting) message becomes due now.
// False when the message is sent, being sent right now, or unknown.
Result<bool> retry_now(store::Database& db, std::int64_t id, std::int64_t now);

// Counts by status, for logs and the admin page.
struct QueueCounts {
  std::int64_t queued = 0, sent = 0, failed = 0;
};
Result<QueueCounts> count_queue(store::Database& db);

}  // namespace lumbung::mail
