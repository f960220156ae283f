#include "search/search_index.hpp"

#include <atomic>
#include <cctype>
#include <mutex>
#include <system_error>

#include <xapian.h>

#include "search/search_index_impl.hpp"
#include "search/synonyms.hpp"

namespace lumbung::search {

Error xapian_error(const std::string& operation, const Xapian::Error& e) {
  // Xapian::Error is not polymorphic; get_type() names the concrete class.
  const std::string type = e.get_type();
  const ErrorCode code =
      (type == "DatabaseLockError" || type == "DatabaseModifiedError" || type == "DatabaseOpeningError")
          ? ErrorCode::unavailable
          : ErrorCode::internal;
  return Error(code, "search: " + operation + ": " + e.get_description());
}

bool parse_id_term(const std::string& term, std::string* entity, std::int64_t* id) {
  const auto colon = term.rfind(':');
  if (term.size() < 3 || term[0] != 'Q' || colon == std::string::npos || colon == 1) return false;
  try {
    *id = std::stoll(term.substr(colon + 1));
  } catch (const std::exception&) {
    return false;
  }
  *entity = term.substr(1, colon - 1);
  return true;
}

namespace {

constexpr const char* kPositionKey = "outbox_position";

std::string id_term(const std::string& entity, std::int64_t id) {
  return "Q" + entity + ":" + std::to_string(id);
}

std::int64_t parse_position(const std::string& text) {
  if (text.empty()) return 0;
  try {
    return std::stoll(text);
  } catch (const std::exception&) {
    return 0;  // unreadable: resume from the start; applying twice is harmless
  }
}

// Plain-word fallback for queries the parser rejects: every word, stemmed and
// as written, OR-ed.
Xapian::Query plain_words_query(const std::string& text, const Xapian::Stem& stem) {
  std::vector<Xapian::Query> parts;
  for (const auto& word : split_words(text)) {
    parts.emplace_back(word);
    parts.emplace_back("Z" + stem(word));
  }
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
}

}  // namespace

SearchIndex::Impl::Lease::Lease(const Impl& impl, bool fresh) : impl_(impl) {
  const unsigned n = static_cast<unsigned>(impl.readers.size());
  const unsigned start = impl.next_reader.fetch_add(1, std::memory_order_relaxed);
  for (unsigned i = 0; i < n && !lock_.owns_lock(); ++i) {
    auto& r = impl.readers[(start + i) % n];
    std::unique_lock<std::mutex> attempt(r.mu, std::try_to_lock);
    if (attempt.owns_lock()) {
      lock_ = std::move(attempt);
      reader_ = &r;
    }
  }
  if (!lock_.owns_lock()) {  // all busy: wait for one
    reader_ = &impl.readers[start % n];
    lock_ = std::unique_lock<std::mutex>(reader_->mu);
  }
  {
    // Registered under state_mu, so a commit cannot slip between reading the
    // generation and announcing it.
    std::lock_guard state(impl.state_mu);
    table_ = impl.table;
    generation_ = impl.generation;
    std::lock_guard leases(impl.lease_mu);
    ++impl.in_flight[generation_];
    registered_ = true;
  }
  try {
    if (!reader_->db) {
      reader_->db.emplace(impl.dir.string());
    } else if (fresh || reader_->generation != generation_) {
      reader_->db->reopen();
    }
  } catch (...) {
    unregister();  // the destructor does not run for a constructor that throws
    throw;
  }
  reader_->generation = generation_;
}

SearchIndex::Impl::Lease::~Lease() { unregister(); }

void SearchIndex::Impl::Lease::unregister() {
  if (!registered_) return;
  registered_ = false;
  {
    std::lock_guard leases(impl_.lease_mu);
    auto found = impl_.in_flight.find(generation_);
    if (found != impl_.in_flight.end() && --found->second == 0) impl_.in_flight.erase(found);
  }
  impl_.lease_cv.notify_all();
}

void SearchIndex::Impl::Lease::reopen() { reader_->db->reopen(); }

void SearchIndex::Impl::wait_for_old_readers() const {
  std::uint64_t current = 0;
  {
    std::lock_guard state(state_mu);
    current = generation;
  }
  std::unique_lock leases(lease_mu);
  lease_cv.wait(leases, [&] { return in_flight.empty() || in_flight.begin()->first >= current; });
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::open(const std::filesystem::path& dir,
                                                       std::vector<FacetSpec> facets) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return make_error(ErrorCode::unavailable, "search: cannot create " + dir.string() + ": " + ec.message());
  }
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  try {
    impl->writer = Xapian::WritableDatabase(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    impl->position = parse_position(impl->writer.get_metadata(kPositionKey));
    impl->table = std::make_shared<const FacetTable>(std::move(facets), Xapian::Database(dir.string()));
  } catch (const Xapian::DatabaseLockError&) {
    return make_error(ErrorCode::unavailable,
                      "search: index is in use by another process (" + dir.string() + ")");
  } catch (const Xapian::Error& e) {
    return xapian_error("open " + dir.string(), e);
  }
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
}

Status SearchIndex::compact(const std::filesystem::path& from, const std::filesystem::path& to) {
  try {
    Xapian::Database(from.string()).compact(to.string(), Xapian::DBCOMPACT_MULTIPASS);
  } catch (const Xapian::Error& e) {
    return xapian_error("compact " + from.string(), e);
  }
  return {};
}

bool SearchIndex::needs_rebuild(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir / "iamglass", ec)) return false;  // none yet: the indexer fills it
  try {
    Xapian::Database db(dir.string());
    if (db.get_doccount() == 0 && db.get_metadata(kPositionKey).empty()) return false;
    return db.get_metadata(kLayoutKey) != kLayoutVersion;
  } catch (const Xapian::Error&) {
    return true;  // unreadable: rebuilding is the repair
  }
}

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SearchIndex::~SearchIndex() {
  if (!impl_) return;
  std::lock_guard lock(impl_->write_mu);
  try {
    if (impl_->in_transaction) impl_->writer.cancel_transaction();  // uncommitted work is dropped
    impl_->writer.close();
  } catch (const Xapian::Error&) {
    // Closing cannot be reported from a destructor; committed data is safe.
  }
}

Status SearchIndex::replace(const IndexDocument& doc) {
  Xapian::Document xdoc;
  const std::string unique = id_term(doc.entity, doc.id);
  try {
    std::vector<std::string> terms;
    for (const auto& term : doc.boolean_terms) {
      if (!term.empty()) terms.push_back(term);
    }
    terms.push_back(kEntityPrefix + doc.entity);
    for (const auto& term : terms) xdoc.add_boolean_term(term);
    for (const auto& [slot, value] : doc.values) xdoc.add_value(slot, value);
    if (!doc.snippet_text.empty()) xdoc.add_value(kSnippetSlot, doc.snippet_text);
    xdoc.set_data(doc.data);
    xdoc.add_boolean_term(unique);

    std::lock_guard lock(impl_->write_mu);
    impl_->ensure_transaction();
    // The generator adds every word to the spelling dictionary, so it works
    // on the writer, under its lock.
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem(kStemLanguage));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    generator.set_database(impl_->writer);
    generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
    generator.set_document(xdoc);
    for (const auto& field : doc.fields) {
      const auto weight = static_cast<Xapian::termcount>(field.weight > 0 ? field.weight : 1);
      if (!field.prefix.empty()) {
        // Prefixed copies serve field matching only: no positions (phrases
        // use the unprefixed terms) and no spelling entries.
        generator.set_flags(Xapian::TermGenerator::flags(0));
        generator.index_text_without_positions(field.text, weight, field.prefix);
        generator.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
      }
      generator.index_text(field.text, weight);
      generator.increase_termpos();  // no phrase matches across fields
    }
    const auto docid = impl_->writer.replace_document(unique, xdoc);
    impl_->pending.push_back({docid, false, std::move(terms)});
  } catch (const Xapian::Error& e) {
    return xapian_error("replace " + unique, e);
  }
  return {};
}

Status SearchIndex::remove(const std::string& entity, std::int64_t id) {
  const std::string unique = id_term(entity, id);
  try {
    std::lock_guard lock(impl_->write_mu);
    impl_->ensure_transaction();
    auto posting = impl_->writer.postlist_begin(unique);
    if (posting == impl_->writer.postlist_end(unique)) return {};
    const Xapian::docid docid = *posting;
    impl_->writer.delete_document(unique);
    impl_->pending.push_back({docid, true, {}});
  } catch (const Xapian::Error& e) {
    return xapian_error("remove " + unique, e);
  }
  return {};
}

void SearchIndex::discard() {
  std::lock_guard lock(impl_->write_mu);
  impl_->pending.clear();
  if (!impl_->in_transaction) return;
  try {
    impl_->writer.cancel_transaction();
  } catch (const Xapian::Error&) {
    // Nothing more to drop.
  }
  impl_->in_transaction = false;
}

std::int64_t SearchIndex::position() const { return impl_->position.load(); }

Status SearchIndex::commit(std::int64_t position) {
  std::lock_guard lock(impl_->write_mu);
  try {
    impl_->ensure_transaction();
    impl_->writer.set_metadata(kPositionKey, std::to_string(position));
    impl_->writer.set_metadata(kLayoutKey, kLayoutVersion);
    impl_->wait_for_old_readers();
    impl_->writer.commit_transaction();
    impl_->in_transaction = false;
    impl_->writer.commit();  // documents and position land in one revision
    impl_->position = position;
    std::shared_ptr<const FacetTable> current;
    {
      std::lock_guard state(impl_->state_mu);
      current = impl_->table;
    }
    auto next = impl_->pending.empty() ? current : current->with(impl_->pending);
    impl_->pending.clear();
    // Still holding write_mu: no further commit can overtake this one, so
    // readers never see an older table than the revision they read.
    std::lock_guard state(impl_->state_mu);
    impl_->table = std::move(next);
    ++impl_->generation;
  } catch (const Xapian::Error& e) {
    impl_->pending.clear();
    if (impl_->in_transaction) {
      try {
        impl_->writer.cancel_transaction();
      } catch (const Xapian::Error&) {
      }
      impl_->in_transaction = false;
    }
    return xapian_error("commit", e);
  }
  return {};
}

Result<SearchResult> SearchIndex::search(const std::string& query, std::size_t offset, std::size_t limit) const {
  for (int attempt = 0;; ++attempt) {
    try {
      Impl::Lease lease(*impl_);
      try {
        const Xapian::Stem stem(kStemLanguage);
        Xapian::Query parsed;
        const bool blank = query.find_first_not_of(" \t\r\n") == std::string::npos;
        if (blank) {
          parsed = Xapian::Query::MatchAll;
        } else {
          Xapian::QueryParser parser;
          parser.set_stemmer(stem);
          parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
          parser.set_default_op(Xapian::Query::OP_OR);
          parser.set_database(lease.db());
          try {
            parsed = parser.parse_query(query, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
                                                   Xapian::QueryParser::FLAG_LOVEHATE);
          } catch (const Xapian::QueryParserError&) {
            parsed = plain_words_query(query, stem);
          }
        }
        SearchResult result;
        if (parsed.empty()) return result;
        Xapian::Enquire enquire(lease.db());
        enquire.set_query(parsed);
        const auto mset =
            enquire.get_mset(static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(limit));
        result.total_estimate = mset.get_matches_estimated();
        for (auto it = mset.begin(); it != mset.end(); ++it) {
          const Xapian::Document doc = it.get_document();
          Hit hit;
          hit.weight = it.get_weight();
          hit.data = doc.get_data();
          auto term = doc.termlist_begin();
          term.skip_to("Q");
          if (term != doc.termlist_end()) parse_id_term(*term, &hit.entity, &hit.id);
          result.hits.push_back(std::move(hit));
        }
        return result;
      } catch (const Xapian::DatabaseModifiedError& e) {
        if (attempt >= 2) return xapian_error("search", e);
        lease.reopen();
      }
    } catch (const Xapian::Error& e) {
      return xapian_error("search", e);
    }
  }
}

std::uint64_t SearchIndex::document_count() const {
  try {
    Impl::Lease lease(*impl_);
    return lease.db().get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace lumbung::search
