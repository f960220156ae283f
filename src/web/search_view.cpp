#include "web/search_view.hpp"

#include <algorithm>
#include <charconv>

#include "web/innovation_view.hpp"

namespace lumbung::web {

namespace {

// `text` with "{{name}}" replaced by `value`.
std::string with_value(std::string text, const std::string& name, const std::string& value) {
  const std::string mark = "{{" + name + "}}";
  for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
    text.replace(at, mark.size(), value);
  return text;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : ", ") + w;
  return out;
}

// The catalogue text of `key`, or nullopt when the catalogue has none.
std::optional<std::string> text_if_any(const Catalog& catalog, const std::string& lang, const std::string& key) {
  const auto& t = catalog.text(lang, key);
  if (t == key) return std::nullopt;
  return t;
}

}  // namespace

std::optional<int> parse_search_page(const std::optional<std::string>& value) {
  if (!value || value->empty()) return 1;
  if (value->size() > 4) return std::nullopt;
  int page = 0;
  const auto* end = value->data() + value->size();
  auto [ptr, ec] = std::from_chars(value->data(), end, page);
  if (ec != std::errc() || ptr != end || page < 1 || page > kMaxSearchPage) return std::nullopt;
  return page;
}

std::vector<PagerSlot> pager_slots(int current, int last, int radius) {
  std::vector<PagerSlot> out;
  if (last <= 1) return out;
  current = std::clamp(current, 1, last);
  int previous = 0;
  for (int n = 1; n <= last; ++n) {
    const bool shown = n == 1 || n == last || (n >= current - radius && n <= current + radius);
    if (!shown) continue;
    if (previous != 0 && n - previous > 1) {
      // A gap of one number is shown as the number itself: "1 2 3", not "1 … 3".
      if (n - previous == 2) out.push_back({n - 1, false});
      else out.push_back({0, false});
    }
    out.push_back({n, n == current});
    previous = n;
  }
  return out;
}

int page_count(std::uint64_t total) {
  const auto pages = (total + kSearchPageSize - 1) / kSearchPageSize;
  return static_cast<int>(std::min<std::uint64_t>(pages, kMaxSearchPage));
}

nlohmann::json snippet_json(const std::vector<search::SnippetPart>& parts) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : parts)
    if (!p.text.empty()) out.push_back({{"text", p.text}, {"hit", p.hit}});
  return out;
}

std::string shorten(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  // Never cut inside a UTF-8 sequence.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  const auto space = text.rfind(' ', cut);
  if (space != std::string::npos && space > max_bytes / 2) cut = space;
  auto out = text.substr(0, cut);
  while (!out.empty() && (out.back() == ' ' || out.back() == ',' || out.back() == '.')) out.pop_back();
  return out + "…";
}

std::string why_line(const Catalog& catalog, const std::string& lang,
                     const std::map<std::string, std::vector<std::string>>& matched_words) {
  // Fields people care about first: the problem, then the solution.
  static const std::vector<std::string> kOrder = {"P", "L", "S", "B", "U"};
  std::vector<std::string> prefixes;
  for (const auto& p : kOrder)
    if (matched_words.count(p)) prefixes.push_back(p);
  for (const auto& [p, words] : matched_words)
    if (!p.empty() && std::find(prefixes.begin(), prefixes.end(), p) == prefixes.end()) prefixes.push_back(p);

  // Each word with the fields it was found in; words found in the same
  // fields are named together ("masalah dan solusi: antrean").
  std::vector<std::pair<std::string, std::vector<std::string>>> word_fields;  // in query order
  for (const auto& p : prefixes)
    for (const auto& w : matched_words.at(p)) {
      auto it = std::find_if(word_fields.begin(), word_fields.end(), [&](const auto& e) { return e.first == w; });
      if (it == word_fields.end()) word_fields.push_back({w, {p}});
      else if (std::find(it->second.begin(), it->second.end(), p) == it->second.end()) it->second.push_back(p);
    }
  std::vector<std::pair<std::vector<std::string>, std::vector<std::string>>> groups;  // fields -> words
  for (const auto& entry : word_fields) {
    const auto& fields = entry.second;
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == fields; });
    if (it == groups.end()) groups.push_back({fields, {entry.first}});
    else it->second.push_back(entry.first);
  }
  std::vector<std::string> parts;
  for (const auto& [fields, words] : groups) {
    std::string label;
    for (const auto& p : fields) {
      auto field = text_if_any(catalog, lang, "cari.why.field." + p);
      if (!field) field = catalog.text(lang, "cari.why.field.other");
      if (!label.empty()) label += catalog.text(lang, "cari.why.both");
      label += *field;
    }
    parts.push_back(label + ": " + joined(words));
  }

  std::vector<std::string> anywhere;
  if (auto it = matched_words.find(""); it != matched_words.end())
    for (const auto& w : it->second)
      if (std::none_of(word_fields.begin(), word_fields.end(), [&](const auto& e) { return e.first == w; }) &&
          std::find(anywhere.begin(), anywhere.end(), w) == anywhere.end())
        anywhere.push_back(w);
  if (parts.empty()) {
    if (anywhere.empty()) return "";
    return with_value(catalog.text(lang, "cari.why.words"), "words", joined(anywhere));
  }
  if (!anywhere.empty()) parts.push_back(catalog.text(lang, "cari.why.field.any") + ": " + joined(anywhere));
  std::string out = catalog.text(lang, "cari.why.in") + " " + parts.front();
  for (std::size_t i = 1; i < parts.size(); ++i) out += catalog.text(lang, "cari.why.and_in") + parts[i];
  return out;
}

std::string facet_value_label(const Catalog& catalog, const std::string& lang, const std::string& facet,
                              const std::string& value, const std::map<std::string, std::string>& province_names) {
  if (facet == "province") {
    auto it = province_names.find(value);
    return it == province_names.end() ? value : it->second;
  }
  if (facet == "region_type") return vocabulary_label(catalog, lang, "region_kind", value);
  if (facet == "award") return vocabulary_label(catalog, lang, "source", value);
  if (facet == "sector" || facet == "form" || facet == "stage" || facet == "status" || facet == "source")
    return vocabulary_label(catalog, lang, facet, value);
  if (facet == "digital") {
    if (auto t = text_if_any(catalog, lang, "cari.value.digital." + value)) return *t;
  }
  if (facet == "replicable") {
    if (auto t = text_if_any(catalog, lang, "cari.value.replicable." + value)) return *t;
  }
  return value;
}

std::string search_error_text(const Catalog& catalog, const std::string& lang, const Error& error) {
  const auto& message = error.message();
  const auto colon = message.find(':');
  const auto parameter = colon == std::string::npos ? std::string() : message.substr(0, colon);
  if (!parameter.empty()) {
    if (auto t = text_if_any(catalog, lang, "cari.error." + parameter)) return *t;
    if (auto facet = text_if_any(catalog, lang, "cari.facet." + parameter))
      return with_value(catalog.text(lang, "cari.error.filter"), "facet", *facet);
  }
  return with_value(catalog.text(lang, "cari.error.value"), "parameter", parameter);
}

std::string format_count(std::uint64_t n, const std::string& lang) {
  const char sep = lang == "en" ? ',' : '.';
  auto digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(sep);
    out.push_back(digits[i]);
  }
  return out;
}

}  // namespace lumbung::web
