// Imports that run in the background for the curator pages: one worker
// thread takes queued runs in order (imports are heavy writers; running them
// one at a time keeps SQLite's writer free between batches for editors).
// The pages poll the run's row (import_runs) for progress.
//
// A run still queued or running when the process starts was cut off by a
// restart: start() marks it failed (curation.run.interrupted); its committed
// batches are whole rows and the same import can simply be run again.
#pragma once

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "core/log.hpp"
#include "curation/import_service.hpp"

namespace lumbung::curation {

class ImportJobs {
 public:
  ImportJobs(ImportService& service, Logger log) : service_(service), log_(std::move(log)) {}
  ~ImportJobs() { stop(); }

  void start();
  void stop();
  // Queues a run made with ImportService::queue (the request names the file).
  void submit(std::int64_t run_id, ImportRequest request);
  // Waits until the queue is empty and no run is in progress (tests).
  void wait_idle();

 private:
  void loop();

  ImportService& service_;
  Logger log_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::condition_variable idle_;
  std::deque<std::pair<std::int64_t, ImportRequest>> queue_;
  bool busy_ = false;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace lumbung::curation
