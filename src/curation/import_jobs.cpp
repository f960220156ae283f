#include "curation/import_jobs.hpp"

namespace lumbung::curation {

void ImportJobs::start() {
  if (auto marked = service_.fail_interrupted(); !marked)
    log_->warn("import jobs: cannot mark interrupted runs: {}", marked.error().message());
  std::lock_guard lock(mutex_);
  if (worker_.joinable()) return;
  stopping_ = false;
  worker_ = std::thread([this] { loop(); });
}

void ImportJobs::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (worker_.joinable()) worker_.join();
}

void ImportJobs::submit(std::int64_t run_id, ImportRequest request) {
  {
    std::lock_guard lock(mutex_);
    queue_.emplace_back(run_id, std::move(request));
  }
  wake_.notify_one();
}

void ImportJobs::wait_idle() {
  std::unique_lock lock(mutex_);
  idle_.wait(lock, [&] { return queue_.empty() && !busy_; });
}

void ImportJobs::loop() {
  for (;;) {
    std::pair<std::int64_t, ImportRequest> job;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
    }
    auto done = service_.execute(job.first, job.second);
    if (!done)
      log_->error("import run {}: {}", job.first, done.error().message());
    else
      log_->info("import run {}: {} ({} rows)", job.first, done->state, done->rows_total);
    {
      std::lock_guard lock(mutex_);
      busy_ = false;
    }
    idle_.notify_all();
  }
}

}  // namespace lumbung::curation
