// From the text a user typed to the groups a search matches: words,
// "phrases" and -exclusions, with stopwords dropped and synonyms attached.
// Index-independent (spelling and common-word decisions need the index and
// are made in find.cpp). Private to src/search.
#pragma once

#include <string>
#include <vector>

#include "search/synonyms.hpp"

namespace lumbung::search {

// One way to match a group: one word, or several words in sequence.
struct Alternative {
  std::vector<std::string> words;  // lower case
  std::string text() const;        // words joined by spaces
};

struct Group {
  std::vector<Alternative> alternatives;  // the first is as typed (or corrected)
  bool excluded = false;                  // -word: documents with it are left out
  bool from_synonym_key = false;          // the typed form is a dictionary phrase
};

struct Plan {
  std::vector<Group> groups;               // in query order
  std::vector<std::string> stopwords;      // dropped
};

// A user's text as written: words, "quoted phrases" (an unclosed quote runs
// to the end), -word and -"phrase" exclusions; hyphenated words ("ktp-el",
// "berjam-jam") are phrases of their parts. Never fails.
struct Token {
  std::vector<std::string> words;
  bool quoted = false;
  bool excluded = false;
};
std::vector<Token> tokenize(const std::string& text);

// Tokens -> groups: consecutive plain words forming a dictionary phrase become
// one group; each group gets its synonyms as further alternatives; stopwords
// are dropped unless nothing else would remain. At most kMaxGroups groups.
inline constexpr std::size_t kMaxGroups = 24;
Plan make_plan(const std::vector<Token>& tokens, const Synonyms* synonyms);

bool is_stopword(const std::string& word);

}  // namespace lumbung::search
