// A background thread that runs a job now and then every `interval` until
// stopped (the mail sender, the notification mailer). The job's failures are
// its own business: it logs them and the next round tries again; an
// exception escaping it is logged and does not end the thread.
// Thread-safety: start() and stop() from any thread; stop() waits for a
// running job to finish.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/log.hpp"

namespace lumbung {

class PeriodicTask {
 public:
  PeriodicTask(std::string name, Logger log) : name_(std::move(name)), log_(std::move(log)) {}
  ~PeriodicTask() { stop(); }
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;

  // Starts the thread (a no-op while it runs).
  void start(std::chrono::milliseconds interval, std::function<void()> job);
  void stop();

 private:
  std::string name_;
  Logger log_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
  bool stopping_ = false;
};

}  // namespace lumbung
