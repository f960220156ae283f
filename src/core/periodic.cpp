#include "core/periodic.hpp"

#include <exception>

namespace lumbung {

void PeriodicTask::start(std::chrono::milliseconds interval, std::function<void()> job) {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, interval, job = std::move(job)] {
    std::unique_lock lk(mu_);
    while (!stopping_) {
      lk.unlock();
      try {
        job();
      } catch (const std::exception& e) {
        if (log_) log_->error("{}: unexpected failure: {} (retrying)", name_, e.what());
      } catch (...) {
        if (log_) log_->error("{}: unexpected failure (retrying)", name_);
      }
      lk.lock();
      cv_.wait_for(lk, interval, [this] { return stopping_; });
    }
  });
}

void PeriodicTask::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace lumbung
