// SearchIndex's state, shared by its storage half (search_index.cpp) and its
// query half (find.cpp). Private to src/search.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <map>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/result.hpp"
#include "search/facet_table.hpp"
#include "search/search_index.hpp"

namespace lumbung::search {

inline constexpr const char* kStemLanguage = "indonesian";
// Bumped whenever the document layout changes; an index with another layout
// is rebuilt before serving (SearchIndex::needs_rebuild).
inline constexpr const char* kLayoutKey = "layout";
inline constexpr const char* kLayoutVersion = "2";
// Value slot holding the text snippets are cut from.
inline constexpr unsigned kSnippetSlot = 200;

// The one translation of Xapian failures.
Error xapian_error(const std::string& operation, const Xapian::Error& e);
// "Q<entity>:<id>" -> entity, id.
bool parse_id_term(const std::string& term, std::string* entity, std::int64_t* id);

struct SearchIndex::Impl {
  std::filesystem::path dir;

  // --- writing (guarded by write_mu) ---
  std::mutex write_mu;
  Xapian::WritableDatabase writer;
  bool in_transaction = false;
  std::vector<FacetTable::Change> pending;  // documents written since the last commit
  std::atomic<std::int64_t> position{0};

  // --- what readers see: the facet table of the last commit ---
  mutable std::mutex state_mu;
  std::shared_ptr<const FacetTable> table;
  std::uint64_t generation = 0;  // bumped by every commit

  // --- reading: a few database handles, one search at a time each ---
  struct Reader {
    std::mutex mu;
    std::optional<Xapian::Database> db;
    std::uint64_t generation = 0;
  };
  mutable std::array<Reader, 8> readers;
  mutable std::atomic<unsigned> next_reader{0};

  // Searches in flight by the generation they read. Glass keeps the blocks
  // of the previous revision only: before a commit, the writer waits until no
  // search still reads an older generation than the latest, so no search ever
  // sees its revision overwritten (DatabaseModifiedError).
  mutable std::mutex lease_mu;
  mutable std::condition_variable lease_cv;
  mutable std::map<std::uint64_t, int> in_flight;
  void wait_for_old_readers() const;

  // A reader handle at the latest commit, held until destroyed.
  class Lease {
   public:
    // `fresh`: reopen even if no commit happened since (after a
    // DatabaseModifiedError, the revision read was overwritten).
    explicit Lease(const Impl& impl, bool fresh = false);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Xapian::Database& db() { return *reader_->db; }
    const FacetTable& table() const { return *table_; }
    // After DatabaseModifiedError: reopen at the latest revision.
    void reopen();

   private:
    void unregister();
    const Impl& impl_;
    std::unique_lock<std::mutex> lock_;
    Reader* reader_ = nullptr;
    std::uint64_t generation_ = 0;
    bool registered_ = false;
    std::shared_ptr<const FacetTable> table_;
  };

  // Changes are kept in an unflushed transaction so discard() can drop them.
  void ensure_transaction() {
    if (!in_transaction) {
      writer.begin_transaction(false);
      in_transaction = true;
    }
  }
};

}  // namespace lumbung::search
