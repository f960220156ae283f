// The query half of SearchIndex: find (full search with exact facets),
// similar (more like this) and complete (suggestions while typing).
//
// How find() works:
//   1. The text becomes groups (query_plan.hpp): each a word or phrase with
//      its synonyms; unknown words are replaced by a confident spelling
//      correction; in long queries, words found in most documents are left out.
//   2. Each group's documents are read from the posting lists into a bit set;
//      a document matches when it has enough groups (all of one or two; most
//      of more), is of the entity, has no excluded group and passes the
//      filters. Totals and facet counts are popcounts over these sets: exact,
//      and cheap even when a long sentence matches most of the collection.
//   3. Xapian ranks (BM25) only inside the final set (a PostingSource filter)
//      and returns the page, with snippets and the words each hit matched.
#include <algorithm>
#include <cmath>
#include <set>

#include <xapian.h>

#include "search/query_plan.hpp"
#include "search/search_index.hpp"
#include "search/search_index_impl.hpp"

namespace lumbung::search {
namespace {

// --- terms ------------------------------------------------------------------

// TermGenerator (STEM_SOME) stems words that start with a letter; others
// (numbers) are indexed as written only.
bool should_stem(const std::string& word) {
  Xapian::Utf8Iterator it(word);
  if (it == Xapian::Utf8Iterator()) return false;
  const auto category = Xapian::Unicode::get_category(*it);
  return category == Xapian::Unicode::LOWERCASE_LETTER || category == Xapian::Unicode::TITLECASE_LETTER ||
         category == Xapian::Unicode::MODIFIER_LETTER || category == Xapian::Unicode::OTHER_LETTER ||
         category == Xapian::Unicode::UPPERCASE_LETTER;
}

// The term a single word matches in field `prefix` ("" = anywhere).
std::string word_term(const std::string& word, const std::string& prefix, const Xapian::Stem& stem) {
  return should_stem(word) ? "Z" + prefix + stem(word) : prefix + word;
}

Xapian::Query alternative_query(const Alternative& alt, const std::string& prefix, const Xapian::Stem& stem) {
  if (alt.words.size() == 1) return Xapian::Query(word_term(alt.words[0], prefix, stem));
  std::vector<Xapian::Query> parts;
  for (const auto& w : alt.words) parts.emplace_back(prefix + w);  // positions live on unstemmed terms
  return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), static_cast<Xapian::termcount>(parts.size()));
}

Xapian::Query group_query(const Group& group, const std::string& prefix, const Xapian::Stem& stem) {
  std::vector<Xapian::Query> alts;
  for (const auto& alt : group.alternatives) alts.push_back(alternative_query(alt, prefix, stem));
  if (alts.size() == 1) return alts.front();
  return Xapian::Query(Xapian::Query::OP_SYNONYM, alts.begin(), alts.end());
}

// --- document sets -----------------------------------------------------------

class Collector : public Xapian::MatchSpy {
 public:
  explicit Collector(Bits& bits) : bits_(bits) {}
  void operator()(const Xapian::Document& doc, double) override { bits_.set(doc.get_docid()); }

 private:
  Bits& bits_;
};

// Documents matching `query` (for phrases: the matcher checks positions).
Bits matching_documents(Xapian::Database& db, const Xapian::Query& query) {
  Bits bits(db.get_lastdocid() + 1);
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Collector collector(bits);
  enquire.add_matchspy(&collector);
  enquire.get_mset(0, 0, db.get_doccount());
  return bits;
}

Bits group_documents(Xapian::Database& db, const Group& group, const Xapian::Stem& stem) {
  Bits bits(db.get_lastdocid() + 1);
  for (const auto& alt : group.alternatives) {
    if (alt.words.size() == 1) {
      const auto term = word_term(alt.words[0], "", stem);
      for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) bits.set(*p);
    } else {
      bits |= matching_documents(db, alternative_query(alt, "", stem));
    }
  }
  return bits;
}

// Documents in at least `need` of `sets`.
Bits at_least(const std::vector<Bits>& sets, std::size_t need, Xapian::docid last) {
  if (sets.empty()) return Bits();
  if (need <= 1) {
    Bits out = sets.front();
    for (std::size_t i = 1; i < sets.size(); ++i) out |= sets[i];
    return out;
  }
  if (need >= sets.size()) {
    Bits out = sets.front();
    for (std::size_t i = 1; i < sets.size(); ++i) out &= sets[i];
    return out;
  }
  std::vector<std::uint8_t> counts(last + 1, 0);
  for (const auto& s : sets) s.for_each([&](std::uint32_t id) {
    if (id <= last) ++counts[id];
  });
  Bits out(last + 1);
  for (Xapian::docid id = 1; id <= last; ++id)
    if (counts[id] >= need) out.set(id);
  return out;
}

// A boolean filter over a bit set, for ranking inside a computed match set.
class BitsSource : public Xapian::PostingSource {
 public:
  BitsSource(std::shared_ptr<const Bits> bits, Xapian::doccount count) : bits_(std::move(bits)), count_(count) {}
  Xapian::doccount get_termfreq_min() const override { return count_; }
  Xapian::doccount get_termfreq_est() const override { return count_; }
  Xapian::doccount get_termfreq_max() const override { return count_; }
  void init(const Xapian::Database&) override {
    current_ = 0;
    started_ = false;
  }
  void next(double) override {
    current_ = bits_->next(started_ ? current_ + 1 : 1);
    started_ = true;
  }
  void skip_to(Xapian::docid did, double) override {
    if (started_ && current_ >= did) return;
    current_ = bits_->next(did);
    started_ = true;
  }
  bool at_end() const override { return started_ && current_ == 0; }
  Xapian::docid get_docid() const override { return current_; }
  Xapian::PostingSource* clone() const override { return new BitsSource(bits_, count_); }
  std::string name() const override { return std::string(); }

 private:
  std::shared_ptr<const Bits> bits_;
  Xapian::doccount count_;
  Xapian::docid current_ = 0;
  bool started_ = false;
};

Xapian::Query filter_query(const Bits& bits, std::uint64_t count) {
  auto* source = new BitsSource(std::make_shared<const Bits>(bits), static_cast<Xapian::doccount>(count));
  return Xapian::Query(source->release());
}

// --- filters -------------------------------------------------------------------

struct FilterSet {
  int facet = -1;
  Bits docs;
};

Result<std::vector<FilterSet>> filter_sets(const FacetTable& table,
                                           const std::map<std::string, std::vector<std::string>>& filters) {
  std::vector<FilterSet> out;
  for (const auto& [name, values] : filters) {
    const int facet = table.find(name);
    if (facet < 0) return make_error(ErrorCode::invalid, "search: unknown facet " + name);
    if (values.empty()) continue;
    FilterSet set{facet, Bits()};
    const auto& sets = table.values(static_cast<std::size_t>(facet));
    for (const auto& v : values) {
      const auto found = sets.find(v);
      if (found != sets.end()) set.docs |= *found->second;
    }
    out.push_back(std::move(set));
  }
  return out;
}

// --- results -------------------------------------------------------------------

std::vector<SnippetPart> snippet_parts(const std::string& marked) {
  std::vector<SnippetPart> parts;
  std::string text;
  bool hit = false;
  auto flush = [&] {
    if (!text.empty()) parts.push_back({std::move(text), hit});
    text.clear();
  };
  for (std::size_t i = 0; i < marked.size(); ++i) {
    const char c = marked[i];
    if (c == '\x01' || c == '\x02') {
      flush();
      hit = c == '\x01';
    } else if (c == '&') {
      // MSet::snippet escapes &, < and > for HTML; parts hold plain text.
      static const std::pair<const char*, char> kEntities[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}};
      bool replaced = false;
      for (const auto& [entity, ch] : kEntities) {
        const std::size_t len = std::char_traits<char>::length(entity);
        if (marked.compare(i, len, entity) == 0) {
          text += ch;
          i += len - 1;
          replaced = true;
          break;
        }
      }
      if (!replaced) text += c;
    } else {
      text += c;
    }
  }
  flush();
  return parts;
}

// Which of the groups' words a document has, by field.
std::map<std::string, std::vector<std::string>> matched_words(const Xapian::Document& doc,
                                                              const std::vector<const Group*>& groups,
                                                              const Xapian::Stem& stem) {
  static const char* const kFields[] = {"", "P", "L"};
  std::set<std::string> probes;
  for (const auto* g : groups)
    for (const auto& alt : g->alternatives)
      for (const auto* field : kFields)
        for (const auto& w : alt.words) probes.insert(word_term(w, field, stem));
  std::set<std::string> present;
  auto it = doc.termlist_begin();
  for (const auto& term : probes) {
    it.skip_to(term);
    if (it == doc.termlist_end()) break;
    if (*it == term) present.insert(term);
  }
  std::map<std::string, std::vector<std::string>> out;
  for (const auto* field : kFields) {
    for (const auto* g : groups) {
      for (const auto& alt : g->alternatives) {
        const bool has = std::all_of(alt.words.begin(), alt.words.end(),
                                     [&](const std::string& w) { return present.count(word_term(w, field, stem)) > 0; });
        if (has) {
          auto& list = out[field];
          const auto text = alt.text();
          if (std::find(list.begin(), list.end(), text) == list.end()) list.push_back(text);
          break;
        }
      }
    }
  }
  return out;
}

Match make_match(const Xapian::MSetIterator& it) {
  const Xapian::Document doc = it.get_document();
  Match match;
  match.score = it.get_percent() / 100.0;
  match.data = doc.get_data();
  auto term = doc.termlist_begin();
  term.skip_to("Q");
  if (term != doc.termlist_end()) parse_id_term(*term, &match.entity, &match.id);
  return match;
}

// --- the query as planned against the index ----------------------------------

struct Planned {
  std::vector<Group> positive;
  std::vector<Group> excluded;
  std::vector<std::string> ignored;
  std::optional<std::string> suggestion;
};

std::string token_text(const Token& t, const std::map<std::string, std::string>& corrections) {
  std::string words;
  for (std::size_t i = 0; i < t.words.size(); ++i) {
    if (i > 0) words += t.quoted ? " " : "-";
    const auto c = corrections.find(t.words[i]);
    words += c == corrections.end() ? t.words[i] : c->second;
  }
  return (t.excluded ? "-" : "") + (t.quoted ? "\"" + words + "\"" : words);
}

Planned plan_for(const Query& q, Xapian::Database& db, const Xapian::Stem& stem) {
  const auto tokens = tokenize(q.text);
  Plan plan = make_plan(tokens, q.synonyms);
  Planned out;
  out.ignored = plan.stopwords;
  std::map<std::string, std::string> corrections;
  std::set<std::string> seen;
  for (auto& g : plan.groups) {
    auto& first = g.alternatives.front();
    if (q.correct_spelling && !g.excluded && g.alternatives.size() == 1 && first.words.size() == 1 &&
        first.words[0].size() >= 3 && should_stem(first.words[0]) &&
        db.get_termfreq(word_term(first.words[0], "", stem)) == 0) {
      const auto& word = first.words[0];
      const auto fixed = db.get_spelling_suggestion(word, word.size() >= 7 ? 2 : 1);
      if (!fixed.empty() && fixed != word) {
        corrections[word] = fixed;
        first.words[0] = fixed;
        if (q.synonyms != nullptr)
          for (const auto& phrase : q.synonyms->expansions(fixed)) g.alternatives.push_back(Alternative{split_words(phrase)});
      }
    }
    const auto key = (g.excluded ? "-" : "+") + g.alternatives.front().text();
    if (!seen.insert(key).second) continue;  // the same word twice counts once
    (g.excluded ? out.excluded : out.positive).push_back(std::move(g));
  }
  if (!corrections.empty()) {
    std::string text;
    for (const auto& t : tokens) {
      if (!text.empty()) text += ' ';
      text += token_text(t, corrections);
    }
    out.suggestion = text;
  }
  // Long queries: words in most documents do not tell documents apart.
  if (out.positive.size() >= 3) {
    const double common = 0.5 * static_cast<double>(db.get_doccount());
    std::vector<std::pair<double, std::size_t>> frequency;  // (document frequency, group index)
    for (std::size_t i = 0; i < out.positive.size(); ++i) {
      double df = 0;
      for (const auto& alt : out.positive[i].alternatives) {
        double alt_df = 1e18;
        for (const auto& w : alt.words) alt_df = std::min(alt_df, static_cast<double>(db.get_termfreq(word_term(w, "", stem))));
        df = std::max(df, alt_df);
      }
      frequency.emplace_back(df, i);
    }
    std::sort(frequency.begin(), frequency.end());
    std::set<std::size_t> drop;
    for (std::size_t r = 2; r < frequency.size(); ++r)  // the two rarest always stay
      if (frequency[r].first > common) drop.insert(frequency[r].second);
    if (!drop.empty()) {
      std::vector<Group> kept;
      for (std::size_t i = 0; i < out.positive.size(); ++i) {
        if (drop.count(i)) {
          out.ignored.push_back(out.positive[i].alternatives.front().text());
        } else {
          kept.push_back(std::move(out.positive[i]));
        }
      }
      out.positive = std::move(kept);
    }
  }
  return out;
}

// How many of m groups a document needs.
std::size_t needed_groups(std::size_t m, QueryMode mode) {
  if (m <= 2) return m;
  if (mode == QueryMode::problem) return std::max<std::size_t>(2, static_cast<std::size_t>(std::ceil(0.4 * m)));
  if (m == 3) return 2;
  if (m == 4) return 3;
  return static_cast<std::size_t>(std::ceil(0.6 * m));
}

template <class F>
auto with_retries(const char* operation, F&& body) -> decltype(body(false)) {
  for (int attempt = 0;; ++attempt) {
    try {
      return body(attempt > 0);
    } catch (const Xapian::DatabaseModifiedError& e) {
      if (attempt >= 2) return xapian_error(operation, e);
      // The next attempt's Lease reopens at the latest revision.
    } catch (const Xapian::Error& e) {
      return xapian_error(operation, e);
    } catch (const std::bad_alloc&) {
      return make_error(ErrorCode::unavailable, std::string("search: ") + operation + ": out of memory");
    }
  }
}

}  // namespace

Result<Results> SearchIndex::find(const Query& q) const {
  return with_retries("find", [&](bool fresh) -> Result<Results> {
    Impl::Lease lease(*impl_, fresh);
    auto& db = lease.db();
    const FacetTable& table = lease.table();
    const Xapian::Stem stem(kStemLanguage);
    const Xapian::docid last = db.get_lastdocid();

    auto filters = filter_sets(table, q.filters);
    if (!filters) return filters.error();
    std::vector<int> counted;
    for (const auto& name : q.facets) {
      const int facet = table.find(name);
      if (facet < 0) return make_error(ErrorCode::invalid, "search: unknown facet " + name);
      counted.push_back(facet);
    }

    Results results;
    Planned planned = plan_for(q, db, stem);
    results.suggestion = planned.suggestion;
    results.corrected = planned.suggestion.has_value();
    results.ignored_words = planned.ignored;

    // 2. The match set, before filters.
    Bits scope = table.entity(q.entity);
    for (const auto& g : planned.excluded) scope.subtract(group_documents(db, g, stem));
    std::vector<Bits> group_sets;
    for (const auto& g : planned.positive) group_sets.push_back(group_documents(db, g, stem));
    Bits matched = scope;
    if (!group_sets.empty()) {
      const auto need = needed_groups(group_sets.size(), q.mode);
      matched = at_least(group_sets, need, last);
      matched &= scope;
      if (matched.empty() && need > 1) {  // nothing has enough words: any word will do
        matched = at_least(group_sets, 1, last);
        matched &= scope;
      }
    }
    Bits final_set = matched;
    for (const auto& f : *filters) final_set &= f.docs;
    const auto total = final_set.count();
    results.total = total;

    // Facets: each counted over the matches with every other facet's filter.
    for (const int facet : counted) {
      Bits base = matched;
      for (const auto& f : *filters)
        if (f.facet != facet) base &= f.docs;
      std::vector<FacetCount> counts;
      for (const auto& [value, docs] : table.values(static_cast<std::size_t>(facet))) {
        const auto n = base.count_and(*docs);
        if (n > 0) counts.push_back({value, n});
      }
      std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
        return a.count != b.count ? a.count > b.count : a.value < b.value;
      });
      results.facets[table.specs()[static_cast<std::size_t>(facet)].name] = std::move(counts);
    }
    if (q.limit == 0 || total == 0 || q.offset >= total) return results;

    // 3. Rank inside the final set.
    Xapian::Query rank;
    if (planned.positive.empty()) {
      rank = Xapian::Query::MatchAll;
    } else {
      std::vector<Xapian::Query> parts;
      for (const auto& g : planned.positive) {
        auto anywhere = group_query(g, "", stem);
        if (q.mode == QueryMode::problem) {
          parts.emplace_back(Xapian::Query::OP_OR, anywhere, group_query(g, "P", stem));
        } else {
          parts.push_back(std::move(anywhere));
        }
      }
      rank = Xapian::Query(Xapian::Query::OP_OR, parts.begin(), parts.end());
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, rank, filter_query(final_set, total)));
    if (q.sort_slot) enquire.set_sort_by_value_then_relevance(*q.sort_slot, true);
    const auto mset = enquire.get_mset(static_cast<Xapian::doccount>(q.offset), static_cast<Xapian::doccount>(q.limit));
    std::vector<const Group*> groups;
    for (const auto& g : planned.positive) groups.push_back(&g);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Match match = make_match(it);
      const Xapian::Document doc = it.get_document();
      if (q.snippet_chars > 0) {
        const auto text = doc.get_value(kSnippetSlot);
        if (!text.empty())
          match.snippet = snippet_parts(mset.snippet(text, q.snippet_chars, stem,
                                                     Xapian::MSet::SNIPPET_BACKGROUND_MODEL | Xapian::MSet::SNIPPET_EXHAUSTIVE,
                                                     "\x01", "\x02", "…"));
      }
      if (!groups.empty()) match.matched_words = matched_words(doc, groups, stem);
      results.hits.push_back(std::move(match));
    }
    return results;
  });
}

Result<std::vector<Match>> SearchIndex::similar(const std::string& entity, std::int64_t id, std::size_t limit,
                                                const std::map<std::string, std::vector<std::string>>& filters) const {
  return with_retries("similar", [&](bool fresh) -> Result<std::vector<Match>> {
    Impl::Lease lease(*impl_, fresh);
    auto& db = lease.db();
    std::vector<Match> out;
    const std::string unique = "Q" + entity + ":" + std::to_string(id);
    auto posting = db.postlist_begin(unique);
    if (posting == db.postlist_end(unique) || limit == 0) return out;
    const Xapian::docid self = *posting;

    auto sets = filter_sets(lease.table(), filters);
    if (!sets) return sets.error();
    Bits scope = lease.table().entity(entity);
    for (const auto& f : *sets) scope &= f.docs;
    scope.set(self);  // to weigh the document against itself

    // The document's most telling stemmed words (unprefixed: any field).
    struct StemsOnly : Xapian::ExpandDecider {
      bool operator()(const std::string& term) const override {
        return term.size() > 1 && term[0] == 'Z' && !(term[1] >= 'A' && term[1] <= 'Z');
      }
    } decider;
    Xapian::RSet rset;
    rset.add_document(self);
    Xapian::Enquire expand(db);
    const auto eset = expand.get_eset(24, rset, &decider);
    std::vector<Xapian::Query> terms;
    for (auto t = eset.begin(); t != eset.end(); ++t) terms.emplace_back(*t);
    if (terms.empty()) return out;
    const Xapian::Query like(Xapian::Query::OP_OR, terms.begin(), terms.end());

    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, like, filter_query(scope, scope.count())));
    const auto mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit + 1));
    double self_weight = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it)
      if (*it == self) self_weight = it.get_weight();
    if (self_weight <= 0) {  // not in the page: weigh it alone
      Xapian::Enquire alone(db);
      alone.set_query(Xapian::Query(Xapian::Query::OP_FILTER, like, Xapian::Query(unique)));
      const auto m = alone.get_mset(0, 1);
      if (!m.empty()) self_weight = m.begin().get_weight();
    }
    for (auto it = mset.begin(); it != mset.end() && out.size() < limit; ++it) {
      if (*it == self) continue;
      Match match = make_match(it);
      match.score = self_weight > 0 ? std::min(1.0, it.get_weight() / self_weight) : 0;
      out.push_back(std::move(match));
    }
    return out;
  });
}

Result<std::vector<Match>> SearchIndex::similar_to_text(const std::string& entity, const std::string& text,
                                                        std::int64_t exclude_id, std::size_t limit) const {
  return with_retries("similar_to_text", [&](bool fresh) -> Result<std::vector<Match>> {
    std::vector<Match> out;
    if (limit == 0) return out;
    Impl::Lease lease(*impl_, fresh);
    auto& db = lease.db();
    const Xapian::Stem stem(kStemLanguage);
    // The text's words by tf-idf; the 24 most telling form the query.
    std::map<std::string, double> count;
    for (const auto& w : split_words(text))
      if (!is_stopword(w) && w.size() > 1) count[word_term(w, "", stem)] += 1;
    const double n = std::max<double>(1, db.get_doccount());
    std::vector<std::pair<double, std::string>> ranked;  // (tf-idf, term)
    std::map<std::string, double> idf;
    for (const auto& [term, tf] : count) {
      const auto df = db.get_termfreq(term);
      if (df == 0) continue;
      idf[term] = std::log(n / df) + 0.01;  // a word in every document still counts a little
      ranked.emplace_back(tf * idf[term], term);
    }
    std::sort(ranked.rbegin(), ranked.rend());
    if (ranked.size() > 24) ranked.resize(24);
    if (ranked.empty()) return out;
    double total = 0;
    std::vector<Xapian::Query> terms;
    for (const auto& [weight, term] : ranked) {
      terms.emplace_back(term);
      total += idf[term];
    }
    Bits scope = lease.table().entity(entity);
    const std::string unique = "Q" + entity + ":" + std::to_string(exclude_id);
    for (auto p = db.postlist_begin(unique); p != db.postlist_end(unique); ++p) scope.reset(*p);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                    filter_query(scope, scope.count())));
    const auto mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Match match = make_match(it);
      double have = 0;
      for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) {
        const auto found = idf.find(*t);
        if (found != idf.end()) have += found->second;
      }
      match.score = std::min(1.0, have / total);
      out.push_back(std::move(match));
    }
    std::stable_sort(out.begin(), out.end(), [](const Match& a, const Match& b) { return a.score > b.score; });
    return out;
  });
}

Result<std::vector<Match>> SearchIndex::complete(const std::string& entity, const std::string& text, std::size_t limit,
                                                 const std::string& name_prefix) const {
  return with_retries("complete", [&](bool fresh) -> Result<std::vector<Match>> {
    std::vector<Match> out;
    const auto words = split_words(text);
    if (words.empty() || limit == 0) return out;
    Impl::Lease lease(*impl_, fresh);
    auto& db = lease.db();
    const Xapian::Stem stem(kStemLanguage);
    std::vector<Xapian::Query> parts;
    for (std::size_t i = 0; i + 1 < words.size() && i < kMaxGroups; ++i)
      parts.emplace_back(word_term(words[i], name_prefix, stem));
    // The last word may be unfinished: any name word starting with it.
    const auto& partial = words.back();
    parts.emplace_back(Xapian::Query::OP_OR,
                       Xapian::Query(Xapian::Query::OP_WILDCARD, name_prefix + partial, 64,
                                     Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
                       Xapian::Query(word_term(partial, name_prefix, stem)));
    const Bits& scope = lease.table().entity(entity);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER,
                                    Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()),
                                    filter_query(scope, scope.count())));
    const auto mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(make_match(it));
    return out;
  });
}

}  // namespace lumbung::search
