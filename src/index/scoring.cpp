#include "index/scoring.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

namespace lumbung::index {

const Indicator* Framework::indicator(const std::string& number) const {
  for (const auto& i : indicators)
    if (i.number == number) return &i;
  return nullptr;
}

const Variable* Framework::variable(const std::string& code) const {
  for (const auto& v : variables)
    if (v.code == code) return &v;
  return nullptr;
}

int max_param(const Indicator& indicator) {
  if (indicator.options.empty()) return 3;
  int best = 0;
  for (const auto& o : indicator.options) best = std::max(best, o.param);
  return best;
}

double maximum_total(const Framework& framework) {
  long long spd = 0, sid = 0;
  for (const auto& i : framework.indicators) {
    const long long top = static_cast<long long>(i.weight_x100) * max_param(i);
    (i.aspect == kSid ? sid : spd) += top;
  }
  // With n = count_cap innovations every one at its maximum, SID is the
  // per-innovation maximum times n / MAX(floor, n).
  const int n = std::max(framework.count_cap, 0);
  const int divisor = std::max(framework.divisor_floor, std::max(n, 1));
  const double sid_part = static_cast<double>(sid) * n / divisor;
  const double count = static_cast<double>(framework.count_points_x100) * n;
  return (static_cast<double>(spd) + sid_part + count) / 100.0;
}

std::string predicate_of(const Framework& framework, int index_x100) {
  for (const auto& b : framework.bands)
    if (index_x100 >= b.min_x100 && index_x100 <= b.max_x100) return b.name;
  return {};
}

int index_x100_of(double total, double maximum) {
  if (maximum <= 0 || total <= 0) return 0;
  return static_cast<int>(std::llround(total / maximum * 10000.0));
}

namespace {

std::string key_of(std::int64_t innovation, const std::string& number) {
  return std::to_string(innovation) + ":" + number;
}

}  // namespace

Score score(const Framework& framework, const std::vector<std::int64_t>& innovations,
            const std::vector<Answer>& answers) {
  Score s;
  std::map<std::string, const Answer*> by_key;
  for (const auto& a : answers) by_key[key_of(a.innovation_id, a.number)] = &a;
  // Innovations counted once each, in the given order.
  std::vector<std::int64_t> inns;
  std::set<std::int64_t> seen;
  for (auto id : innovations)
    if (id > 0 && seen.insert(id).second) inns.push_back(id);
  s.innovations = static_cast<int>(inns.size());
  s.divisor = std::max(framework.divisor_floor, std::max(s.innovations, 1));

  std::map<std::string, long long> spd_by_var, sid_by_var;
  long long spd = 0, sid = 0;
  auto visit = [&](const Indicator& ind, std::int64_t innovation) {
    Line line;
    line.innovation_id = innovation;
    line.number = ind.number;
    const auto key = key_of(innovation, ind.number);
    auto it = by_key.find(key);
    const Answer* a = it == by_key.end() ? nullptr : it->second;
    if (a && a->param > 0) {
      line.param = a->param;
      line.status = a->status;
      bool valid_param = ind.options.empty();
      for (const auto& o : ind.options) valid_param = valid_param || o.param == a->param;
      line.counted = valid_param && a->status != kRejected;
      if (line.counted) line.points_x100 = ind.weight_x100 * a->param;
      if (a->status == kRejected && ind.mandatory) s.rejected_mandatory.push_back(key);
    } else {
      (ind.mandatory ? s.missing_mandatory : s.missing_optional).push_back(key);
    }
    if (ind.aspect == kSid) {
      sid += line.points_x100;
      sid_by_var[ind.variable] += line.points_x100;
    } else {
      spd += line.points_x100;
      spd_by_var[ind.variable] += line.points_x100;
    }
    s.lines.push_back(std::move(line));
  };
  for (const auto& ind : framework.indicators)
    if (ind.aspect != kSid) visit(ind, 0);
  for (auto id : inns)
    for (const auto& ind : framework.indicators)
      if (ind.aspect == kSid) visit(ind, id);

  s.spd = spd / 100.0;
  s.sid_sum = sid / 100.0;
  s.sid = s.sid_sum / s.divisor;
  const int counted = std::min(s.innovations, std::max(framework.count_cap, 0));
  s.count_score = static_cast<double>(framework.count_points_x100) * counted / 100.0;
  s.total = s.spd + s.sid + s.count_score;
  s.maximum = maximum_total(framework);
  s.index_x100 = index_x100_of(s.total, s.maximum);
  s.predicate = predicate_of(framework, s.index_x100);
  for (const auto& v : framework.variables) s.by_variable[v.code] = 0;
  for (const auto& [code, pts] : spd_by_var) s.by_variable[code] += pts / 100.0;
  for (const auto& [code, pts] : sid_by_var) s.by_variable[code] += pts / 100.0 / s.divisor;
  if (!framework.count_variable.empty()) s.by_variable[framework.count_variable] += s.count_score;
  return s;
}

void rank(std::vector<Ranked>& rows) {
  std::stable_sort(rows.begin(), rows.end(), [](const Ranked& a, const Ranked& b) {
    if (a.index_x100 != b.index_x100) return a.index_x100 > b.index_x100;
    if (a.region_name != b.region_name) return a.region_name < b.region_name;
    return a.region_code < b.region_code;
  });
  for (std::size_t i = 0; i < rows.size(); ++i)
    rows[i].rank = (i > 0 && rows[i].index_x100 == rows[i - 1].index_x100) ? rows[i - 1].rank : static_cast<int>(i) + 1;
}

std::string format_x100(long long value_x100) {
  char buf[32];
  const bool negative = value_x100 < 0;
  const long long v = negative ? -value_x100 : value_x100;
  std::snprintf(buf, sizeof buf, "%s%lld.%02lld", negative ? "-" : "", v / 100, v % 100);
  return buf;
}

std::string format_points(double value) { return format_x100(std::llround(value * 100.0)); }

}  // namespace lumbung::index
