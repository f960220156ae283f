// Searching the repository: the innovation facets, the URL parameters the
// search page (/cari), the problem finder (/solusi) and the API
// (/api/v1/search, /api/v1/solutions) share, and the JSON of a hit.
//
// Parameters (names are a public contract):
//   q          the words; "phrases" and -exclusions work
//   <facet>    one per facet name below; repeat it (or separate by commas)
//              for several values, which are OR-ed
//   year_from, year_to   year_started range (inclusive), 1900..2100
//   sort       relevance (default) | newest | replicated
//   facets     which facets to count, comma-separated (default: all)
//
// Facets (name, term prefix, values):
//   province     XP  province code ("73")
//   region_type  XK  province | regency | city
//   sector       XS  sector key ("kesehatan")
//   form         XF  pelayanan_publik | tata_kelola | lainnya
//   digital      XD  1 | 0
//   stage        XT  inisiatif | uji_coba | penerapan
//   status       XU  berlanjut | berhenti
//   source       XO  lumbung | kipp | iga | labinov
//   award        XA  award programme (kipp, iga, labinov, lainnya)
//   year         XY  year_started
//   verified     XV  year of the last verification
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "search/query.hpp"

namespace lumbung::directory {

// Value slots of innovation documents (innovation_source.cpp).
enum InnovationSlot : unsigned {
  kSlotUpdatedAt = 0,
  kSlotYear = 1,
  kSlotReplications = 2,
  kSlotSector = 3,
  kSlotRegion = 4,
  kSlotProvince = 5,
  kSlotPublishedAt = 6,
};

// Every facet, in display order.
const std::vector<search::FacetSpec>& innovation_facets();

struct SearchRequest {
  std::string q;
  std::map<std::string, std::vector<std::string>> filters;  // facet name -> values
  int year_from = 0;  // 0 = open
  int year_to = 0;
  std::string sort = "relevance";    // relevance | newest | replicated
  std::vector<std::string> facets;   // facet names to count; default every facet
};

constexpr std::size_t kMaxSearchLimit = 100;

// Reads the parameters above from a query string's pairs. A bad value is an
// ErrorCode::invalid error whose message starts with the parameter name and a
// colon ("sort: must be relevance, newest or replicated"). Unknown parameters
// are ignored (page, limit, cursor are the caller's).
Result<SearchRequest> read_search_params(const std::vector<std::pair<std::string, std::string>>& params);

// The engine query for a request: filters (the year range becomes year
// values), facets, sort slot; the caller sets offset, limit and synonyms.
search::Query to_query(const SearchRequest& request, search::QueryMode mode);

// The query string that reproduces `request` (q, filters, years, sort), for
// links; `without` drops one facet value ({facet, value}), `with` adds one.
std::string search_query_string(const SearchRequest& request,
                                const std::pair<std::string, std::string>& without = {},
                                const std::pair<std::string, std::string>& with = {});

// One hit as the API returns it: id, name, slug, region_code, region_name,
// unit_name, sector, summary, year_started, digital (from the stored data),
// score, snippet (plain text), snippet_html (escaped, matches in <mark>),
// matched: {"anywhere": [...], "problem": [...], "solution": [...]}.
nlohmann::json hit_json(const search::Match& match);

}  // namespace lumbung::directory
