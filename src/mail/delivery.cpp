#include "mail/delivery.hpp"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <random>

#include "mail/message.hpp"

namespace lumbung::mail {

namespace {

constexpr int kBatch = 20;

std::string make_owner() {
  char host[128] = {0};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device rd;
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(rd());
}

}  // namespace

Delivery::Delivery(store::Database& db, SmtpSettings smtp, RetryPolicy policy, const Clock& clock, Logger log)
    : db_(db), smtp_(std::move(smtp)), policy_(policy), clock_(clock), log_(std::move(log)), owner_(make_owner()) {
  smtp_global_init();
}

Delivery::~Delivery() { stop(); }

Result<std::size_t> Delivery::run_once() {
  std::lock_guard run_lock(run_mu_);
  std::size_t sent = 0;
  for (;;) {
    // The lease outlives the slowest batch: every send is bounded by the timeout.
    const std::int64_t lease = (smtp_.timeout_seconds + 5) * kBatch + 60;
    auto batch = claim_due(db_, owner_, clock_.now(), lease, kBatch);
    if (!batch) return batch.error();
    if (batch->empty()) return sent;
    for (const auto& m : *batch) {
      OutgoingMail out;
      out.from_address = smtp_.from_address;
      out.from_name = smtp_.from_name;
      out.to_address = m.to_email;
      out.subject = m.subject;
      out.body_text = m.body_text;
      out.body_html = m.body_html;
      out.unsubscribe_url = m.unsubscribe_url;
      out.message_id = "lumbung." + std::to_string(m.id) + "." + std::to_string(m.created_at) + "@" +
                       address_domain(smtp_.from_address);
      out.date = clock_.now();
      auto text = build_message(out);
      if (!text) {
        // A message that can never be built is not retried.
        RetryPolicy never = policy_;
        never.give_up_after = 0;
        auto st = mark_failed(db_, m, clock_.now(), text.error().message(), never);
        if (!st) return st.error();
        log_->warn("mail {}: not sent: {}", m.id, text.error().message());
        continue;
      }
      auto outcome = smtp_send(smtp_, m.to_email, *text);
      if (outcome.ok) {
        auto st = mark_sent(db_, m, clock_.now());
        if (!st) return st.error();
        ++sent;
        log_->info("mail {} ({}) sent to {}", m.id, m.kind, m.to_email);
      } else {
        auto st = mark_failed(db_, m, clock_.now(), outcome.error, policy_);
        if (!st) return st.error();
        log_->warn("mail {} to {}: attempt {} failed ({}): {}", m.id, m.to_email, m.attempts + 1, *st, outcome.error);
      }
    }
  }
}

void Delivery::start(std::chrono::milliseconds interval) {
  task_.start(interval, [this] {
    if (auto done = run_once(); !done) log_->warn("mail delivery: {}", done.error().message());
  });
}

void Delivery::stop() { task_.stop(); }

}  // namespace lumbung::mail
