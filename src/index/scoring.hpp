// IID scoring as pure functions of one year's framework and one region's
// answers (no SQL, no clock): a year's scores depend on that year's framework
// only.
//
//   indicator score = weight x chosen parameter (0 when unanswered or its
//                     evidence was rejected; pending evidence counts
//                     provisionally)
//   SPD   = sum of the SPD indicator scores
//   SID   = (sum over innovations j of the SID indicator scores of j)
//           / MAX(divisor_floor, n)
//   count = MIN(n, count_cap) x count_points
//   total = SPD + SID + count;  maximum = the same with every indicator at its
//           highest parameter and n = count_cap
//   index = total / maximum x 100, rounded to hundredths
//   predicate = the band holding the index
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "index/framework.hpp"

namespace lumbung::index {

// One indicator on the score sheet (per innovation for SID indicators).
struct Line {
  std::int64_t innovation_id = 0;
  std::string number;
  int param = 0;
  int points_x100 = 0;  // weight x param, 0 when not counted
  std::string status;   // "" unanswered, else the answer's status
  bool counted = false;
};

struct Score {
  double spd = 0;          // points
  double sid_sum = 0;      // sum over innovations, before division
  int divisor = 0;         // MAX(floor, n)
  double sid = 0;          // sid_sum / divisor
  double count_score = 0;  // number-of-innovations score
  double total = 0;
  double maximum = 0;
  int index_x100 = 0;                         // index in hundredths
  std::string predicate;                      // band name, "" when no band holds the index
  int innovations = 0;                        // n
  std::map<std::string, double> by_variable;  // variable code -> points (SID ones already divided)
  std::vector<Line> lines;
  // Indicators still to answer ("innovation_id:number", innovation 0 for SPD),
  // mandatory ones first, and mandatory answers whose evidence was rejected.
  std::vector<std::string> missing_mandatory;
  std::vector<std::string> missing_optional;
  std::vector<std::string> rejected_mandatory;
};

// The highest parameter of an indicator's options (3 when it has none).
int max_param(const Indicator& indicator);
// The maximum total of a framework.
double maximum_total(const Framework& framework);
// The band holding `index_x100`, "" when none does.
std::string predicate_of(const Framework& framework, int index_x100);
// Rounds a total to an index in hundredths (half away from zero).
int index_x100_of(double total, double maximum);

Score score(const Framework& framework, const std::vector<std::int64_t>& innovations,
            const std::vector<Answer>& answers);

// One region in a ranking.
struct Ranked {
  std::string region_code;
  std::string region_name;
  int index_x100 = 0;
  int rank = 0;  // equal indexes share a rank (1, 1, 3)
};
// Sorts by index descending, then by name, and assigns competition ranks.
void rank(std::vector<Ranked>& rows);

// "60.01" for 6001.
std::string format_x100(long long value_x100);
// "12.50" for 12.5 (two decimals).
std::string format_points(double value);

}  // namespace lumbung::index
