// Message catalogues (i18n/id.json, i18n/en.json) and language negotiation.
// Indonesian is the default; English the second language. Thread-safe after load.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace lumbung {

inline constexpr std::string_view kDefaultLang = "id";

class Catalog {
 public:
  // Reads <dir>/<lang>.json and every <dir>/<lang>/*.json (one file per area
  // of the site) for each supported language. A catalogue file is a flat JSON
  // object of "dotted.key": "text"; a key may be defined only once. Fails if a file is missing or not JSON,
  // or if a key of the default language is missing in another language.
  static Result<Catalog> load(const std::filesystem::path& dir);
  static Catalog from_maps(std::map<std::string, std::map<std::string, std::string>> langs);

  // The text of `key` in `lang`, falling back to Indonesian, then to the key.
  const std::string& text(std::string_view lang, std::string_view key) const;
  // Every key of one language (for templates that take the whole catalogue).
  const std::map<std::string, std::string, std::less<>>& all(std::string_view lang) const;
  bool supports(std::string_view lang) const;
  std::vector<std::string> languages() const;

 private:
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> langs_;
};

// The language to answer in: the `lang` cookie if supported, else the best
// supported tag of an Accept-Language header (q-values honoured), else "id".
std::string choose_language(const Catalog& catalog, std::string_view cookie_lang,
                            std::string_view accept_language);

// "Text with {{name}}" -> text with the value (the catalogue's placeholders).
std::string fill(std::string text, const std::map<std::string, std::string>& values);

}  // namespace lumbung
