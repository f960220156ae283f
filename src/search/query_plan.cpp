#include "search/query_plan.hpp"

#include <algorithm>
#include <unordered_set>

#include <xapian.h>

namespace lumbung::search {
namespace {

// Function words of Indonesian questions and complaints; they carry no topic.
const std::unordered_set<std::string>& stopwords() {
  static const std::unordered_set<std::string> words = {
      "ada", "adalah", "agar", "akan", "aku", "anda", "apa", "apakah", "atas", "atau", "bagaimana", "bagi",
      "bahwa", "banyak", "begitu", "belum", "berapa", "bisa", "cara", "contoh", "dalam", "dan", "dapat",
      "dari", "dengan", "di", "dia", "hal", "hanya", "harus", "hingga", "ingin", "ini", "itu", "jadi",
      "jika", "juga", "kalau", "kami", "kamu", "karena", "ke", "kepada", "ketika", "kita", "lagi", "lain",
      "lainnya", "maka", "masih", "mau", "mereka", "mohon", "namun", "nya", "oleh", "pada", "para", "perlu",
      "saat", "saja", "sampai", "sangat", "saya", "seperti", "serta", "sebagai", "secara", "sehingga",
      "sejak", "selalu", "semua", "sering", "setiap", "sudah", "supaya", "tapi", "telah", "tentang",
      "terhadap", "tersebut", "tetapi", "tidak", "tolong", "untuk", "yaitu", "yang", "sedang", "terlalu",
      "kok", "sih", "dong", "pun", "tak", "belakangan", "selama", "sebelum", "sesudah", "setelah", "antara",
      // English, for the English interface
      "the", "a", "an", "and", "or", "of", "in", "on", "for", "to", "with", "how", "what", "is", "are"};
  return words;
}

bool word_char(unsigned ch) { return Xapian::Unicode::is_wordchar(ch); }

std::string lower_utf8(const std::vector<unsigned>& chars, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) Xapian::Unicode::append_utf8(out, Xapian::Unicode::tolower(chars[i]));
  return out;
}

std::string join(const std::vector<std::string>& words, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from) out += ' ';
    out += words[i];
  }
  return out;
}

void add_synonyms(Group& group, const Synonyms* synonyms) {
  if (synonyms == nullptr) return;
  for (const auto& phrase : synonyms->expansions(group.alternatives.front().text())) {
    Alternative alt;
    alt.words = split_words(phrase);
    if (!alt.words.empty()) group.alternatives.push_back(std::move(alt));
  }
}

}  // namespace

std::string Alternative::text() const { return join(words, 0, words.size()); }

bool is_stopword(const std::string& word) { return stopwords().count(word) > 0; }

std::vector<Token> tokenize(const std::string& text) {
  std::vector<unsigned> chars;
  for (Xapian::Utf8Iterator it(text); it != Xapian::Utf8Iterator(); ++it) chars.push_back(*it);
  std::vector<Token> tokens;
  std::size_t i = 0;
  const std::size_t n = chars.size();
  while (i < n) {
    const unsigned ch = chars[i];
    bool excluded = false;
    std::size_t at = i;
    if (ch == '-' && (i == 0 || !word_char(chars[i - 1])) && i + 1 < n && (word_char(chars[i + 1]) || chars[i + 1] == '"')) {
      excluded = true;
      at = i + 1;
    }
    if (chars[at] == '"') {
      Token token;
      token.quoted = true;
      token.excluded = excluded;
      std::size_t j = at + 1;
      while (j < n && chars[j] != '"') {
        if (word_char(chars[j])) {
          const std::size_t start = j;
          while (j < n && word_char(chars[j])) ++j;
          token.words.push_back(lower_utf8(chars, start, j));
        } else {
          ++j;
        }
      }
      if (!token.words.empty()) tokens.push_back(std::move(token));
      i = j + 1;  // past the closing quote (or the end)
      continue;
    }
    if (word_char(chars[at])) {
      Token token;
      token.excluded = excluded;
      std::size_t j = at;
      while (true) {
        const std::size_t start = j;
        while (j < n && word_char(chars[j])) ++j;
        token.words.push_back(lower_utf8(chars, start, j));
        // A hyphen between word characters joins the parts: "ktp-el".
        if (j + 1 < n && chars[j] == '-' && word_char(chars[j + 1])) {
          ++j;
          continue;
        }
        break;
      }
      tokens.push_back(std::move(token));
      i = j;
      continue;
    }
    ++i;
  }
  return tokens;
}

Plan make_plan(const std::vector<Token>& tokens, const Synonyms* synonyms) {
  Plan plan;
  const std::size_t max_words = synonyms ? synonyms->max_words() : 0;
  std::size_t i = 0;
  while (i < tokens.size() && plan.groups.size() < kMaxGroups) {
    const Token& token = tokens[i];
    // Consecutive single plain words that together form a dictionary phrase.
    if (!token.quoted && !token.excluded && token.words.size() == 1 && max_words > 1) {
      std::size_t run = i;
      std::vector<std::string> words;
      while (run < tokens.size() && words.size() < max_words && !tokens[run].quoted && !tokens[run].excluded &&
             tokens[run].words.size() == 1) {
        words.push_back(tokens[run].words[0]);
        ++run;
      }
      bool merged = false;
      for (std::size_t len = words.size(); len >= 2 && !merged; --len) {
        const auto phrase = join(words, 0, len);
        if (!synonyms->expansions(phrase).empty()) {
          Group group;
          group.alternatives.push_back(Alternative{std::vector<std::string>(words.begin(), words.begin() + static_cast<std::ptrdiff_t>(len))});
          group.from_synonym_key = true;
          add_synonyms(group, synonyms);
          plan.groups.push_back(std::move(group));
          i += len;
          merged = true;
        }
      }
      if (merged) continue;
    }
    Group group;
    group.excluded = token.excluded;
    group.alternatives.push_back(Alternative{token.words});
    if (synonyms != nullptr && !token.excluded) {
      group.from_synonym_key = !synonyms->expansions(group.alternatives.front().text()).empty();
      add_synonyms(group, synonyms);
    }
    plan.groups.push_back(std::move(group));
    ++i;
  }
  // Stopwords go unless only stopwords were typed.
  auto is_stop = [](const Group& g) {
    return !g.excluded && !g.from_synonym_key && g.alternatives.front().words.size() == 1 &&
           is_stopword(g.alternatives.front().words[0]);
  };
  const bool any_content = std::any_of(plan.groups.begin(), plan.groups.end(),
                                       [&](const Group& g) { return !g.excluded && !is_stop(g); });
  if (any_content) {
    std::vector<Group> kept;
    for (auto& g : plan.groups) {
      if (is_stop(g)) {
        const auto& w = g.alternatives.front().words[0];
        if (std::find(plan.stopwords.begin(), plan.stopwords.end(), w) == plan.stopwords.end())
          plan.stopwords.push_back(w);
      } else {
        kept.push_back(std::move(g));
      }
    }
    plan.groups = std::move(kept);
  }
  return plan;
}

}  // namespace lumbung::search
