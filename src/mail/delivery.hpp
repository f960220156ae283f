// The delivery thread of `lumbung serve`: every poll it claims the due rows of
// the mail queue (mail/queue.hpp), sends each through the relay and marks it
// sent straight after the relay accepted it, or records the relay's answer
// and lets the back-off schedule the next try. A message the relay accepted
// is sent again only if this process dies between the relay's answer and the
// mark (and then with the same Message-ID, so receivers can drop the copy).
// Thread-safety: run_once() calls are serialised; start()/stop() from any thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

#include "core/clock.hpp"
#include "core/periodic.hpp"
#include "core/log.hpp"
#include "core/result.hpp"
#include "mail/queue.hpp"
#include "mail/smtp.hpp"
#include "store/database.hpp"

namespace lumbung::mail {

class Delivery {
 public:
  Delivery(store::Database& db, SmtpSettings smtp, RetryPolicy policy, const Clock& clock, Logger log);
  ~Delivery();  // stops the thread

  // Claims and sends every due message (batches of 20); returns how many were sent.
  Result<std::size_t> run_once();
  void start(std::chrono::milliseconds interval = std::chrono::seconds(1));
  void stop();

  const std::string& owner() const { return owner_; }

 private:
  store::Database& db_;
  SmtpSettings smtp_;
  RetryPolicy policy_;
  const Clock& clock_;
  Logger log_;
  std::string owner_;  // this process's lease name
  std::mutex run_mu_;
  PeriodicTask task_{"mail delivery", log_};  // declared last: stopped before the rest goes
};

}  // namespace lumbung::mail
