// The figures of the statistics page and the home page's pulse, counted from
// the repository, labs and replication tables in one pass.
#pragma once

#include <soci/soci.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lumbung::portal {

struct Tally {
  std::string key;              // a year, sector, province code, programme, stage or state
  std::string label;            // a name where the key is a code (provinces); else the key
  std::vector<std::int64_t> n;  // one count, or one per series of a stacked chart
};

struct Figures {
  std::int64_t innovations = 0;  // published
  std::int64_t regions = 0;      // regions with a published innovation
  std::int64_t labs = 0;
  std::int64_t replications = 0;          // adoptions recorded
  std::vector<Tally> by_year;             // year_started (0 dropped), ascending
  std::vector<Tally> by_sector;           // descending count
  std::vector<Tally> by_province;         // code and name, descending count
  std::vector<Tally> province_detail;     // as by_province, n = {innovations, digital, verified}
  std::vector<Tally> digital_by_year;     // n = {digital, not digital}
  std::vector<Tally> by_program;          // source programme, descending count
  std::vector<Tally> verification;        // per programme: n = {verified, not yet}
  std::vector<Tally> lab_funnel;          // ideas that reached each stage (drumup ... done)
  std::vector<Tally> replication_states;  // requests by state
};

Figures count_figures(soci::session& sql);

// The public pages for sitemap.xml: published innovations (/inovasi/{id}-{slug}),
// published news and guides (at `now`), and regions with a published
// innovation (/daerah/{code}), with their last change.
struct PublicPage {
  std::string path;
  std::int64_t lastmod = 0;
};
std::vector<PublicPage> public_pages(soci::session& sql, std::int64_t now);

// The lab stages in funnel order.
const std::vector<std::string>& funnel_stages();

}  // namespace lumbung::portal
