// View helpers of the public repository pages (web/innovation_pages.cpp):
// reading the directory's query string into a filter, the links that keep
// it, ids with a readable slug, dates and money for people, and the labels of
// the repository's vocabularies. Pure functions but for the catalogue lookups.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/i18n.hpp"
#include "directory/innovation.hpp"
#include "http/request.hpp"

namespace lumbung::web {

// The directory's query (`/inovasi?provinsi=73&urusan=kesehatan&setelah=…`).
// Unknown or malformed values are dropped (and counted), never an error.
struct DirectoryQuery {
  directory::InnovationFilter filter;  // state is always "published"
  std::string cursor;                  // "setelah", empty or well-formed
  // "urut": "replikasi" = most replicated first; absent = recently updated first.
  directory::ListOrder order = directory::ListOrder::updated;
  // The accepted filter parameters, in a fixed order, for links that keep them.
  std::vector<std::pair<std::string, std::string>> kept;
  int ignored = 0;  // parameters given with a value that was not accepted
};
DirectoryQuery parse_directory_query(const http::Params& query);
// "/inovasi?<kept>[&setelah=<cursor>]" (just "/inovasi" when both are empty).
std::string directory_link(const DirectoryQuery& query, const std::string& cursor = "");

// The leading decimal id of "123" or "123-sigap-layanan"; nullopt when there
// is none, it is 0, or it does not fit.
std::optional<std::int64_t> parse_leading_id(std::string_view segment);
// "123-sigap-layanan" (or "123" when the slug is empty).
std::string innovation_path(std::int64_t id, const std::string& slug);

// "73" (province) or "73.72" (regency/city).
bool is_region_code(std::string_view code);
// A sector key as the store keeps it: [a-z0-9_-], 1..60 characters.
bool is_sector_key(std::string_view key);
// The sectors (urusan) offered in the directory's filter, in display order.
const std::vector<std::string>& sector_keys();

// "24 Nov 2026" (id: "24 Agu 2026"); "" for 0.
std::string format_date(std::int64_t unix_seconds, const std::string& lang);
// "2024-03-01" -> "1 Mar 2024"; anything else is returned unchanged.
std::string format_iso_date(const std::string& ymd, const std::string& lang);
// 150000000 -> "Rp 150.000.000" (id) or "Rp 150,000,000" (en).
std::string format_rupiah(std::int64_t amount, const std::string& lang);

// The label of a vocabulary value: catalogue key "kosakata.<kind>.<value>"
// (kinds: sector, form, stage, status, source, initiator, unit_kind,
// region_kind, state); the value itself when the catalogue has no label.
std::string vocabulary_label(const Catalog& catalog, const std::string& lang, const std::string& kind,
                             const std::string& value);

// A directory card: id, href, name, summary, region (code, name, href), unit
// (name, href), sector label, year, badges (digital, award, source label).
nlohmann::json innovation_card(const Catalog& catalog, const std::string& lang, const directory::Innovation& i);

}  // namespace lumbung::web
