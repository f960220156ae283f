// View helpers of the search pages (web/search_pages.cpp): page numbers,
// snippets as template data, the "why it matched" line, facet value labels
// and counts for people. Pure functions but for the catalogue lookups.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/i18n.hpp"
#include "core/result.hpp"
#include "search/query.hpp"

namespace lumbung::web {

// Results on one page of /cari and /solusi.
inline constexpr std::size_t kSearchPageSize = 20;
// The deepest page a search may ask for (kSearchPageSize * kMaxSearchPage results).
inline constexpr int kMaxSearchPage = 500;
// Page numbers shown on each side of the current page in the pager.
inline constexpr int kPagerRadius = 1;
// Facet values shown before the rest folds away under "more".
inline constexpr std::size_t kFacetValuesShown = 6;
// Longest problem description /solusi accepts, in bytes.
inline constexpr std::size_t kMaxProblemBytes = 2000;

// The page number of the `page` parameter: 1 when absent or empty; nullopt
// when it is not a whole number from 1 to kMaxSearchPage.
std::optional<int> parse_search_page(const std::optional<std::string>& value);

// The slots of a pager: 1, current-radius..current+radius, last, with a gap
// (number 0) where numbers are left out. Empty when there is one page or none.
struct PagerSlot {
  int number = 0;  // 0: a gap ("…")
  bool current = false;
};
std::vector<PagerSlot> pager_slots(int current, int last, int radius = kPagerRadius);
// Pages needed for `total` results (at most kMaxSearchPage).
int page_count(std::uint64_t total);

// [{"text", "hit"}] for {{#hit}}<mark>{{text}}</mark>{{/hit}}{{^hit}}{{text}}{{/hit}}.
nlohmann::json snippet_json(const std::vector<search::SnippetPart>& parts);
// The first `max_bytes` of `text`, cut at a space (UTF-8 safe), with "…" when cut.
std::string shorten(const std::string& text, std::size_t max_bytes);

// "Cocok pada masalah: antrean, puskesmas · pada solusi: daring" from a
// Match's matched words (field prefix -> words; "" = anywhere). Words already
// named under a field are not repeated under "anywhere". "" when none matched.
std::string why_line(const Catalog& catalog, const std::string& lang,
                     const std::map<std::string, std::vector<std::string>>& matched_words);

// The label of one facet value: province names from `province_names` (code ->
// name), vocabulary labels for region type, sector, form, stage, status,
// source and award, "Digital"/"Non-digital", the value itself for years.
std::string facet_value_label(const Catalog& catalog, const std::string& lang, const std::string& facet,
                              const std::string& value, const std::map<std::string, std::string>& province_names);

// The text explaining a read_search_params error to a visitor: the catalogue
// text "cari.error.<parameter>" when there is one, else "cari.error.value"
// naming the parameter.
std::string search_error_text(const Catalog& catalog, const std::string& lang, const Error& error);

// 1234567 -> "1.234.567" (id) or "1,234,567" (en).
std::string format_count(std::uint64_t n, const std::string& lang);

}  // namespace lumbung::web
