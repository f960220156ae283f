// The indexer thread: tails the outbox by id from the index's stored position,
// loads each changed entity through its EntitySource and writes it to the
// index. A restart resumes where the last commit stopped; applying an entry
// twice is harmless (documents are replaced by unique id term).
//
// Batches: up to 500 entries are applied and committed together with the
// position of the last one; a failing load or write discards the whole batch
// (SearchIndex::discard) and the next run retries it from the old position.
// Entries of an entity with no source are skipped with a warning.
// Gap safety: outbox ids are allocated by store::next_id under a row lock
// held to commit (PostgreSQL) or by the single writer (SQLite), so they become
// visible in increasing order and "id > position" never skips a late commit.
// Thread-safety: run_once() calls are serialised; start()/stop()/notify() may
// be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#include "core/log.hpp"
#include "core/result.hpp"
#include "search/search_index.hpp"
#include "store/database.hpp"

namespace lumbung::search {

class Indexer {
 public:
  Indexer(store::Database& db, SearchIndex& index, EntitySources sources, Logger log);
  ~Indexer();  // stops the thread

  // Applies every pending outbox entry in batches; returns how many were
  // applied. On error, batches committed before it stay applied.
  Result<std::size_t> run_once();
  // Background thread polling every `interval` (and woken early by notify()).
  // Failures are logged and retried on the next tick; the thread never dies
  // of them. start() on a running indexer does nothing; stop() is idempotent.
  void start(std::chrono::milliseconds interval = std::chrono::milliseconds(200));
  void stop();
  void notify();

 private:
  store::Database& db_;
  SearchIndex& index_;
  EntitySources sources_;
  Logger log_;
  std::mutex run_mu_;  // serialises run_once()
  std::thread thread_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool poked_ = false;
};

// Rebuilds the index in `dir` from the database: builds a fresh index beside
// it (<dir>.new-<pid>) from every source's list_ids + load, with the position
// set to the outbox head read before loading, compacts it, then swaps it in
// by rename, so readers never see a half-built index. Returns the number of documents.
// Holds the old index's write lock throughout: if a running server has the
// index open, fails with `unavailable` and changes nothing. On any failure the
// old index stays as it was.
Result<std::size_t> reindex(store::Database& db, const std::filesystem::path& dir, const EntitySources& sources,
                            Logger log);

}  // namespace lumbung::search
