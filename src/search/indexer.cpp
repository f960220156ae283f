#include "search/indexer.hpp"

#include <unistd.h>

#include <system_error>

#include <xapian.h>

#include "store/outbox.hpp"

namespace lumbung::search {
namespace {

constexpr int kBatchSize = 500;
constexpr std::size_t kReindexCommitEvery = 2000;

// Writes one entity's current state (or its absence) to the index.
Status apply_entity(SearchIndex& index, const EntitySource& source, soci::session& sql, const std::string& entity,
                    std::int64_t id) {
  auto doc = source.load(sql, id);
  if (!doc) {
    return Error(doc.error().code(), "indexer: load " + entity + " " + std::to_string(id) + ": " +
                                         doc.error().message());
  }
  if (doc->has_value()) return index.replace(**doc);
  return index.remove(entity, id);
}

// Builds a complete index in `dir` from every source; returns the count.
Result<std::size_t> build_index(store::Database& db, const std::filesystem::path& dir, const EntitySources& sources) {
  std::size_t count = 0;
  auto built = SearchIndex::open(dir);
  if (!built) return built.error();
  SearchIndex& index = **built;
  auto lease = db.acquire();
  // The head is read before loading: entries after it may or may not be in
  // what we load, and the indexer re-applies them (harmless) from here.
  auto head = store::outbox_head(*lease);
  if (!head) return head.error();
  for (const auto& [entity, source] : sources) {
    if (!source.list_ids || !source.load) continue;
    auto ids = source.list_ids(*lease);
    if (!ids) return Error(ids.error().code(), "reindex: list " + entity + ": " + ids.error().message());
    for (const std::int64_t id : *ids) {
      auto doc = source.load(*lease, id);
      if (!doc) {
        return Error(doc.error().code(),
                     "reindex: load " + entity + " " + std::to_string(id) + ": " + doc.error().message());
      }
      if (!doc->has_value()) continue;
      if (auto st = index.replace(**doc); !st) return st.error();
      if (++count % kReindexCommitEvery == 0) {
        if (auto st = index.commit(0); !st) return st.error();  // bounds memory; not visible yet
      }
    }
  }
  if (auto st = index.commit(*head); !st) return st.error();
  return count;  // closes the new index
}

}  // namespace

Indexer::Indexer(store::Database& db, SearchIndex& index, EntitySources sources, Logger log)
    : db_(db), index_(index), sources_(std::move(sources)), log_(std::move(log)) {}

Indexer::~Indexer() { stop(); }

// Gap safety: outbox ids come from next_id(), whose row lock on PostgreSQL
// (and the single writer on SQLite) makes them commit in increasing order, so
// reading "id > position" never passes over a row that is still to commit.
Result<std::size_t> Indexer::run_once() {
  std::lock_guard run_lock(run_mu_);
  std::size_t applied = 0;
  for (;;) {
    const std::int64_t position = index_.position();
    std::vector<store::OutboxEntry> batch;
    {
      auto lease = db_.acquire();
      auto read = store::read_outbox(*lease, position, kBatchSize);
      if (!read) return read.error();
      batch = std::move(*read);
    }
    if (batch.empty()) break;

    Status status;
    {
      auto lease = db_.acquire();
      for (const auto& entry : batch) {
        const auto source = sources_.find(entry.entity);
        if (source == sources_.end() || !source->second.load) {
          if (log_) log_->warn("indexer: outbox {}: unknown entity '{}', skipped", entry.id, entry.entity);
          continue;
        }
        status = apply_entity(index_, source->second, *lease, entry.entity, entry.entity_id);
        if (!status) break;
      }
    }
    if (!status) {
      index_.discard();  // the batch is retried from `position` next time
      return status.error();
    }
    if (auto committed = index_.commit(batch.back().id); !committed) {
      index_.discard();
      return committed.error();
    }
    applied += batch.size();
    if (batch.size() < static_cast<std::size_t>(kBatchSize)) break;
  }
  return applied;
}

void Indexer::start(std::chrono::milliseconds interval) {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this, interval] {
    std::unique_lock lk(mu_);
    while (!stopping_) {
      lk.unlock();
      try {
        auto result = run_once();
        if (!result && log_) log_->warn("{} (retrying)", result.error().message());
      } catch (const std::exception& e) {
        if (log_) log_->error("indexer: unexpected failure: {} (retrying)", e.what());
      } catch (...) {
        if (log_) log_->error("indexer: unexpected failure (retrying)");
      }
      lk.lock();
      cv_.wait_for(lk, interval, [this] { return stopping_ || poked_; });
      poked_ = false;
    }
  });
}

void Indexer::stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Indexer::notify() {
  {
    std::lock_guard lock(mu_);
    poked_ = true;
  }
  cv_.notify_all();
}

Result<std::size_t> reindex(store::Database& db, const std::filesystem::path& dir, const EntitySources& sources,
                            Logger log) {
  const std::string pid = std::to_string(::getpid());
  const std::filesystem::path fresh = dir.string() + ".new-" + pid;
  const std::filesystem::path old = dir.string() + ".old-" + pid;
  std::error_code ec;

  // Hold the live index's write lock for the whole rebuild: a running server
  // makes this fail up front, and no server can open it meanwhile.
  std::unique_ptr<SearchIndex> live;
  if (std::filesystem::exists(dir, ec)) {
    auto opened = SearchIndex::open(dir);
    if (!opened) {
      // Typically "search: index is in use by another process (dir)".
      return Error(opened.error().code(),
                   "reindex: " + opened.error().message() + "; stop the running server first");
    }
    live = std::move(*opened);
  }

  std::filesystem::remove_all(fresh, ec);
  auto built = build_index(db, fresh, sources);
  if (!built) {
    std::filesystem::remove_all(fresh, ec);
    return built.error();
  }
  const std::size_t count = *built;
  // Built document by document, the tables are half empty: compact them.
  const std::filesystem::path compacted = fresh.string() + ".compact";
  std::filesystem::remove_all(compacted, ec);
  if (auto st = SearchIndex::compact(fresh, compacted); !st) {
    std::filesystem::remove_all(fresh, ec);
    std::filesystem::remove_all(compacted, ec);
    return st.error();
  }
  std::filesystem::remove_all(fresh, ec);
  std::filesystem::rename(compacted, fresh, ec);
  if (ec) {
    std::filesystem::remove_all(compacted, ec);
    return make_error(ErrorCode::unavailable, "reindex: cannot move the compacted index: " + ec.message());
  }

  std::filesystem::remove_all(old, ec);
  if (live) {
    std::filesystem::rename(dir, old, ec);
    if (ec) return make_error(ErrorCode::unavailable, "reindex: cannot move " + dir.string() + ": " + ec.message());
  }
  std::filesystem::rename(fresh, dir, ec);
  if (ec) {
    if (live) std::filesystem::rename(old, dir, ec);  // put the old one back
    return make_error(ErrorCode::unavailable, "reindex: cannot move the new index into " + dir.string());
  }
  live.reset();  // releases the old lock (its files now live under `old`)
  std::filesystem::remove_all(old, ec);
  if (log) log->info("reindex: {} documents in {}", count, dir.string());
  return count;
}

}  // namespace lumbung::search
