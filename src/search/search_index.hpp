// The Xapian index under <data>/search: derived data, rebuilt from the database
// by reindex at any time. Documents are neutral (IndexDocument); domain modules
// build them, so search/ knows no domain tables.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "core/result.hpp"
#include "search/query.hpp"

namespace lumbung::search {

struct IndexField {
  // Xapian term prefix, e.g. "S" for name; "" = free text only. Every field is
  // also indexed without prefix, so plain words match any field.
  std::string prefix;
  std::string text;
  int weight = 1;      // wdf increment: name > summary > body
};

struct IndexDocument {
  std::string entity;  // "innovation"
  std::int64_t id = 0;
  std::vector<IndexField> fields;
  std::map<unsigned, std::string> values;  // value slots for facets and sorting
  std::vector<std::string> boolean_terms;  // filter terms, e.g. "XSkesehatan"; prefix "Q" is reserved for the id term
  std::string data;                        // stored payload (JSON) returned with hits
  std::string snippet_text;                // text snippets are cut from ("" = none)
};

struct Hit {
  std::string entity;
  std::int64_t id = 0;
  double weight = 0;
  std::string data;
};

struct SearchResult {
  std::uint64_t total_estimate = 0;
  std::vector<Hit> hits;
};

// One entity kind the indexer knows: how to load one document and list all ids.
struct EntitySource {
  // nullopt: the entity is gone or not public, so it leaves the index.
  std::function<Result<std::optional<IndexDocument>>(soci::session&, std::int64_t id)> load;
  std::function<Result<std::vector<std::int64_t>>(soci::session&)> list_ids;
};
using EntitySources = std::map<std::string, EntitySource>;

// Thread-safety: every method may be called from any thread. Writes
// (replace/remove/commit/discard) are serialised by one mutex; reads (search,
// document_count) share one reader handle under a second mutex, so they are
// serialised with each other but never block on pending writes. Readers see
// only committed documents: the reader is reopened after every commit.
// Every Xapian::Error is translated here; none escapes.
class SearchIndex {
 public:
  // Opens (creating if needed) the index in `dir` for writing and reading.
  // Only one process may hold it for writing: a second gets `unavailable`.
  // `facets` are the facets find() can filter and count; their per-value
  // document sets are kept in memory (one bit per document and value).
  static Result<std::unique_ptr<SearchIndex>> open(const std::filesystem::path& dir,
                                                   std::vector<FacetSpec> facets = {});
  // Writes a compacted copy of the (closed) index in `from` to `to`: full
  // blocks, so about half the size of an index built document by document.
  static Status compact(const std::filesystem::path& from, const std::filesystem::path& to);
  // True when `dir` holds an index written by an older document layout (or
  // none at all with data beside it): rebuild it with reindex() before open().
  static bool needs_rebuild(const std::filesystem::path& dir);
  ~SearchIndex();

  // Writes are serialised internally; commit() makes them visible to readers.
  // A document is identified by the unique term "Q<entity>:<id>"; replace()
  // overwrites any earlier version, remove() of a missing one is a no-op.
  Status replace(const IndexDocument& doc);
  Status remove(const std::string& entity, std::int64_t id);
  // Drops every replace/remove since the last commit (an aborted batch).
  void discard();
  // Position of the last outbox entry applied, stored in the index metadata and
  // committed together with the documents.
  std::int64_t position() const;
  Status commit(std::int64_t position);

  // Plain free-text search over all fields (Indonesian stemming), for the
  // foundation and tests; the full search API builds on the same index.
  // Words are OR-ed (BM25 ranks documents matching more words first);
  // "quoted phrases", +must and -must_not work. Input the query parser
  // rejects is searched as plain words; an empty query matches everything.
  // limit 0 only estimates the total.
  Result<SearchResult> search(const std::string& query, std::size_t offset, std::size_t limit) const;
  // The full search: words with synonyms and spelling correction, phrase and
  // exclusion syntax, facet filters and exact facet counts, sorting, paging,
  // snippets. A query the parser cannot read is searched as plain words.
  // Long queries match documents that contain enough of their words (all of
  // one or two words, most of three or more), ranked by BM25.
  Result<Results> find(const Query& query) const;
  // Documents most like document (entity, id), best first, without it; only
  // those passing `filters` (facet name -> values). Scores are relative to the
  // document itself (1 = as similar as a copy). Unknown document: empty.
  Result<std::vector<Match>> similar(const std::string& entity, std::int64_t id, std::size_t limit,
                                     const std::map<std::string, std::vector<std::string>>& filters = {}) const;
  // Documents of `entity` most like a text that need not be indexed (a draft
  // under review), best first, without document `exclude_id`. The score is the
  // share of the text's most telling words (weighted by rarity) a document
  // has: 1 = all of them, as an exact copy would.
  Result<std::vector<Match>> similar_to_text(const std::string& entity, const std::string& text,
                                             std::int64_t exclude_id, std::size_t limit) const;
  // Documents whose name (prefix `name_prefix`) starts with the words typed so
  // far (the last word may be partial), for suggestions while typing.
  Result<std::vector<Match>> complete(const std::string& entity, const std::string& text, std::size_t limit,
                                      const std::string& name_prefix = "S") const;

  // Committed documents; 0 if the index cannot be read.
  std::uint64_t document_count() const;

 private:
  struct Impl;
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace lumbung::search
