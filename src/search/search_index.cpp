#include "search/search_index.hpp"

#include <atomic>
#include <cctype>
#include <mutex>
#include <system_error>

#include <xapian.h>

namespace lumbung::search {
namespace {

constexpr const char* kPositionKey = "outbox_position";
constexpr const char* kStemLanguage = "indonesian";

std::string id_term(const std::string& entity, std::int64_t id) {
  return "Q" + entity + ":" + std::to_string(id);
}

// The one translation of Xapian failures.
Error xapian_error(const std::string& operation, const Xapian::Error& e) {
  // Xapian::Error is not polymorphic; get_type() names the concrete class.
  const std::string type = e.get_type();
  const ErrorCode code =
      (type == "DatabaseLockError" || type == "DatabaseModifiedError" || type == "DatabaseOpeningError")
          ? ErrorCode::unavailable
          : ErrorCode::internal;
  return Error(code, "search: " + operation + ": " + e.get_description());
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
  std::string word;
  auto flush = [&] {
    if (word.empty()) return;
    const std::string lower = Xapian::Unicode::tolower(word);
    parts.emplace_back(lower);
    parts.emplace_back("Z" + stem(lower));
    word.clear();
  };
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) {
    const unsigned ch = *it;
    if (Xapian::Unicode::is_wordchar(ch)) {
      Xapian::Unicode::append_utf8(word, ch);
    } else {
      flush();
    }
  }
  flush();
  if (parts.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
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

}  // namespace

struct SearchIndex::Impl {
  std::filesystem::path dir;

  std::mutex write_mu;  // guards writer and in_transaction
  Xapian::WritableDatabase writer;
  bool in_transaction = false;
  std::atomic<std::int64_t> position{0};

  mutable std::mutex read_mu;  // guards reader
  mutable Xapian::Database reader;

  // Changes are kept in an unflushed transaction so discard() can drop them.
  void ensure_transaction() {
    if (!in_transaction) {
      writer.begin_transaction(false);
      in_transaction = true;
    }
  }
};

Result<std::unique_ptr<SearchIndex>> SearchIndex::open(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return make_error(ErrorCode::unavailable, "search: cannot create " + dir.string() + ": " + ec.message());
  }
  auto impl = std::make_unique<Impl>();
  impl->dir = dir;
  try {
    impl->writer = Xapian::WritableDatabase(dir.string(), Xapian::DB_CREATE_OR_OPEN);
    impl->reader = Xapian::Database(dir.string());
    impl->position = parse_position(impl->writer.get_metadata(kPositionKey));
  } catch (const Xapian::DatabaseLockError&) {
    return make_error(ErrorCode::unavailable,
                      "search: index is in use by another process (" + dir.string() + ")");
  } catch (const Xapian::Error& e) {
    return xapian_error("open " + dir.string(), e);
  }
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
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
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem(kStemLanguage));
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    generator.set_document(xdoc);
    for (const auto& field : doc.fields) {
      const auto weight = static_cast<Xapian::termcount>(field.weight > 0 ? field.weight : 1);
      if (!field.prefix.empty()) generator.index_text(field.text, weight, field.prefix);
      generator.index_text(field.text, weight);
      generator.increase_termpos();  // no phrase matches across fields
    }
    for (const auto& term : doc.boolean_terms) {
      if (!term.empty()) xdoc.add_boolean_term(term);
    }
    for (const auto& [slot, value] : doc.values) xdoc.add_value(slot, value);
    xdoc.set_data(doc.data);
    xdoc.add_boolean_term(unique);

    std::lock_guard lock(impl_->write_mu);
    impl_->ensure_transaction();
    impl_->writer.replace_document(unique, xdoc);
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
    impl_->writer.delete_document(unique);
  } catch (const Xapian::Error& e) {
    return xapian_error("remove " + unique, e);
  }
  return {};
}

void SearchIndex::discard() {
  std::lock_guard lock(impl_->write_mu);
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
    impl_->writer.commit_transaction();
    impl_->in_transaction = false;
    impl_->writer.commit();  // documents and position land in one revision
    impl_->position = position;
    // Still holding write_mu: no further commit can overtake the reader, so
    // the revision it reads is never two commits old.
    std::lock_guard read_lock(impl_->read_mu);
    impl_->reader.reopen();
  } catch (const Xapian::Error& e) {
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
  std::lock_guard lock(impl_->read_mu);
  for (int attempt = 0;; ++attempt) {
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
        parser.set_database(impl_->reader);
        try {
          parsed = parser.parse_query(query, Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PHRASE |
                                                 Xapian::QueryParser::FLAG_LOVEHATE);
        } catch (const Xapian::QueryParserError&) {
          parsed = plain_words_query(query, stem);
        }
      }
      SearchResult result;
      if (parsed.empty()) return result;
      Xapian::Enquire enquire(impl_->reader);
      enquire.set_query(parsed);
      const auto mset = enquire.get_mset(static_cast<Xapian::doccount>(offset), static_cast<Xapian::doccount>(limit));
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
      try {
        impl_->reader.reopen();
      } catch (const Xapian::Error& reopen_error) {
        return xapian_error("search", reopen_error);
      }
    } catch (const Xapian::Error& e) {
      return xapian_error("search", e);
    }
  }
}

std::uint64_t SearchIndex::document_count() const {
  std::lock_guard lock(impl_->read_mu);
  try {
    return impl_->reader.get_doccount();
  } catch (const Xapian::Error&) {
    return 0;
  }
}

}  // namespace lumbung::search
