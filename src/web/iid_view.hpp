// Pure helpers of the IID pages: the form fields curators type (decimals in
// hundredths, dates), the cluster names of the URLs, and the CSV export.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "index/iid_service.hpp"

namespace lumbung::web {

// "0.38", "0,38", "1", "60.01" -> hundredths (38, 38, 100, 6001); nullopt for
// anything else (signs, more than two decimals, more than 7 integer digits).
std::optional<int> parse_x100(std::string_view text);
// "2023-06-01" -> unix seconds at 00:00 UTC of that day; nullopt for
// malformed or impossible dates and years outside 2000..2100.
std::optional<std::int64_t> parse_date(std::string_view text);
// Unix seconds -> "2023-06-01" (UTC).
std::string format_date(std::int64_t unix_seconds);

// URL cluster names and the region kinds they select: "provinsi" ->
// "province", "kabupaten" -> "regency", "kota" -> "city"; the curator-flagged
// clusters "perbatasan" and "tertinggal" as themselves; "" for anything else
// (all regions).
std::string cluster_kind(std::string_view cluster);

// The ranking as CSV (RFC 4180, CRLF, fields with ",\"\r\n" quoted; cells
// starting with = + - @ get a leading apostrophe so spreadsheets do not run
// them as formulas).
std::string ranking_csv(int year, const std::vector<index::RankingRow>& rows);
std::string csv_field(std::string_view text);
// The same table as an XLSX workbook (sheet "IID <year>", numbers as
// numbers), built through a temporary file in `tmp_dir`.
Result<std::string> ranking_xlsx(int year, const std::vector<index::RankingRow>& rows,
                                 const std::filesystem::path& tmp_dir);

}  // namespace lumbung::web
