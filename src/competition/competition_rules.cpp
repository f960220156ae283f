#include <algorithm>
#include <cstdio>
#include <set>

#include "competition/competition.hpp"
#include "core/text.hpp"

namespace lumbung::competition {

namespace {

bool valid_key(const std::string& k) {
  if (k.empty() || k.size() > 40) return false;
  return std::all_of(k.begin(), k.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool in_region(const std::string& scope_region, const std::string& region) {
  return region == scope_region || region.rfind(scope_region + ".", 0) == 0;
}

}  // namespace

Config kipp_2023_template() {
  Config c;
  c.groups = {"umum", "replikasi", "khusus"};
  c.categories = {"Pelayanan publik inklusif", "Efektivitas kelembagaan untuk TPB",
                  "Ketangguhan pada dan setelah pandemi"};
  c.min_age_years = 1;
  c.cap_per_agency = 10;
  c.exclude_past_winners = true;
  // Word limits: 200 for the summary (KIPP 2023); the other aspects' limits
  // are not published, so 1000 is a default the curator adjusts.
  c.aspects = {{"ringkasan", "Ringkasan", 0, 200},
               {"latar_belakang", "Latar belakang dan tujuan", 10, 1000},
               {"kebaruan", "Kebaruan / nilai tambah", 15, 1000},
               {"implementasi", "Implementasi inovasi", 5, 1000},
               {"signifikansi", "Signifikansi", 30, 1000},
               {"adaptabilitas", "Adaptabilitas", 20, 1000},
               {"sumber_daya", "Sumber daya", 5, 1000},
               {"keberlanjutan", "Strategi keberlanjutan", 15, 1000}};
  c.attachments = {{"sk", "SK pejabat berwenang tentang inovator"},
                   {"pernyataan_replikasi", "Pernyataan kesediaan direplikasi"},
                   {"video", "Tautan video inovasi"}};
  c.top_n = 99;
  c.top_m = 45;
  return c;
}

int phase_index(const std::string& phase) {
  const auto& p = phases();
  auto it = std::find(p.begin(), p.end(), phase);
  return it == p.end() ? -1 : static_cast<int>(it - p.begin());
}

std::string next_phase(const std::string& phase) {
  const int i = phase_index(phase);
  if (i < 0 || i + 1 >= static_cast<int>(phases().size())) return "";
  return phases()[static_cast<std::size_t>(i + 1)];
}

std::vector<FieldError> validate_competition(const CompetitionDraft& d) {
  std::vector<FieldError> out;
  const auto name = trim(d.name);
  if (name.empty())
    out.push_back({"name", "error.required"});
  else if (char_count(name) > 200)
    out.push_back({"name", "error.too_long"});
  if (d.level != "nasional" && d.level != "provinsi" && d.level != "kementerian")
    out.push_back({"level", "competition.error.level"});
  if (d.year < 2000 || d.year > 2100) out.push_back({"year", "competition.error.year"});
  if (trim(d.award_label).empty()) out.push_back({"award_label", "error.required"});
  const auto& c = d.config;
  if (c.groups.empty()) out.push_back({"groups", "error.required"});
  if (c.categories.empty()) out.push_back({"categories", "error.required"});
  if (c.min_age_years < 0 || c.min_age_years > 20) out.push_back({"min_age_years", "competition.error.number"});
  if (c.cap_per_agency < 0 || c.cap_per_agency > 1000) out.push_back({"cap_per_agency", "competition.error.number"});
  if (c.aspects.empty()) out.push_back({"aspects", "error.required"});
  int sum = 0;
  std::set<std::string> keys;
  for (std::size_t i = 0; i < c.aspects.size(); ++i) {
    const auto& a = c.aspects[i];
    const auto p = "aspects_" + std::to_string(i + 1) + "_";
    if (!valid_key(a.key) || !keys.insert(a.key).second) out.push_back({p + "key", "competition.error.key"});
    if (trim(a.label).empty()) out.push_back({p + "label", "error.required"});
    if (a.weight < 0 || a.weight > 100) out.push_back({p + "weight", "competition.error.number"});
    if (a.word_limit < 1 || a.word_limit > 10000) out.push_back({p + "word_limit", "competition.error.number"});
    sum += a.weight;
  }
  if (!c.aspects.empty() && sum != 100) out.push_back({"aspects", "competition.error.weights"});
  keys.clear();
  for (std::size_t i = 0; i < c.attachments.size(); ++i) {
    const auto& a = c.attachments[i];
    if (!valid_key(a.key) || !keys.insert(a.key).second || trim(a.label).empty())
      out.push_back({"attachments_" + std::to_string(i + 1), "competition.error.key"});
  }
  const auto& r = c.rounds;
  const std::vector<std::pair<const char*, const std::string*>> dates = {
      {"registration_opens", &r.registration_opens},
      {"registration_closes", &r.registration_closes},
      {"administrative_closes", &r.administrative_closes},
      {"desk_closes", &r.desk_closes},
      {"objection_closes", &r.objection_closes},
      {"presentation_closes", &r.presentation_closes},
      {"results_on", &r.results_on}};
  std::string previous;
  for (const auto& [field, value] : dates) {
    if (!valid_iso_date(*value)) {
      out.push_back({field, "error.invalid_date"});
      continue;
    }
    if (!previous.empty() && *value < previous) out.push_back({field, "competition.error.date_order"});
    previous = *value;
  }
  if (c.top_n < 1 || c.top_n > 1000) out.push_back({"top_n", "competition.error.number"});
  if (c.top_m < 1 || c.top_m > c.top_n) out.push_back({"top_m", "competition.error.top_m"});
  return out;
}

int word_count(const std::string& text) {
  int n = 0;
  bool in_word = false;
  for (unsigned char c : text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\v';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

const std::vector<std::string>& admin_reasons() {
  static const std::vector<std::string> r = {"too_young", "incomplete",   "duplicate_title",
                                             "careless",  "not_eligible", "past_winner"};
  return r;
}

int full_years(const std::string& from, const std::string& to) {
  int y1, m1, d1, y2, m2, d2;
  if (!valid_iso_date(from) || !valid_iso_date(to)) return -1;
  if (std::sscanf(from.c_str(), "%4d-%2d-%2d", &y1, &m1, &d1) != 3) return -1;
  if (std::sscanf(to.c_str(), "%4d-%2d-%2d", &y2, &m2, &d2) != 3) return -1;
  int years = y2 - y1;
  if (m2 < m1 || (m2 == m1 && d2 < d1)) --years;
  return years;
}

std::vector<FieldError> check_submission(const Config& c, const Entry& e, const EligibilityFacts& f) {
  std::vector<FieldError> out;
  if (!c.rounds.registration_closes.empty() && f.today > c.rounds.registration_closes)
    out.push_back({"submit", "competition.error.registration_closed"});
  if (!c.rounds.registration_opens.empty() && f.today < c.rounds.registration_opens)
    out.push_back({"submit", "competition.error.registration_not_open"});
  if (trim(e.title).empty()) out.push_back({"title", "error.required"});
  if (std::find(c.groups.begin(), c.groups.end(), e.group_name) == c.groups.end())
    out.push_back({"group_name", "competition.error.group"});
  if (std::find(c.categories.begin(), c.categories.end(), e.category) == c.categories.end())
    out.push_back({"category", "competition.error.category"});
  if (!valid_iso_date(e.started_on)) {
    out.push_back({"started_on", "error.invalid_date"});
  } else {
    const auto at = c.rounds.registration_closes.empty() ? f.today : c.rounds.registration_closes;
    if (full_years(e.started_on, at) < c.min_age_years) out.push_back({"started_on", "competition.error.too_young"});
  }
  for (const auto& a : c.aspects) {
    auto it = e.answers.find(a.key);
    const std::string text = it == e.answers.end() ? "" : it->second;
    if (trim(text).empty())
      out.push_back({"answer_" + a.key, "error.required"});
    else if (word_count(text) > a.word_limit)
      out.push_back({"answer_" + a.key, "competition.error.too_many_words"});
  }
  for (const auto& a : c.attachments) {
    auto it = e.attachments.find(a.key);
    if (it == e.attachments.end() || trim(it->second).empty()) out.push_back({"attachment_" + a.key, "error.required"});
  }
  if (c.cap_per_agency > 0 && f.agency_submitted >= c.cap_per_agency)
    out.push_back({"submit", "competition.error.cap_reached"});
  if (c.exclude_past_winners && f.past_winner) out.push_back({"innovation_id", "competition.error.past_winner"});
  return out;
}

const std::vector<std::string>& clusters() {
  static const std::vector<std::string> c = {"kementerian", "lembaga", "provinsi", "kabupaten", "kota", "bumn", "bumd"};
  return c;
}

std::string default_cluster(const std::string& code, const std::string& name) {
  if (code.find('.') == std::string::npos) return "provinsi";
  if (name.rfind("Kota ", 0) == 0) return "kota";
  return "kabupaten";
}

bool conflicts(const std::vector<auth::Grant>& grants, std::int64_t judge_id, const Entry& e) {
  if (judge_id != 0 && e.created_by == judge_id) return true;
  for (const auto& g : grants) {
    switch (g.scope.kind) {
      case auth::ScopeKind::region:
        // Their own region, a region below it, or the province above their regency.
        if (in_region(g.scope.ref, e.region_code) || in_region(e.region_code, g.scope.ref)) return true;
        break;
      case auth::ScopeKind::unit:
        if (e.unit_id != 0 && g.scope.ref == std::to_string(e.unit_id)) return true;
        break;
      default:
        break;
    }
  }
  return false;
}

std::optional<std::int64_t> weighted_total(const std::vector<Aspect>& aspects, const std::vector<Score>& scores) {
  std::int64_t total = 0;
  for (const auto& a : aspects) {
    if (a.weight == 0) continue;
    auto it = std::find_if(scores.begin(), scores.end(), [&](const Score& s) { return s.aspect == a.key; });
    if (it == scores.end()) return std::nullopt;
    total += static_cast<std::int64_t>(a.weight) * it->score;  // weight% x 0..100 = hundredths
  }
  return total;
}

Consolidated consolidate(std::int64_t entry_id, const std::vector<Aspect>& aspects, std::size_t judges_assigned,
                         const std::vector<Score>& scores) {
  Consolidated c;
  c.entry_id = entry_id;
  std::map<std::int64_t, std::vector<Score>> by_judge;
  for (const auto& s : scores)
    if (s.entry_id == entry_id && s.stage == "desk") by_judge[s.judge_id].push_back(s);
  const Aspect* heaviest = nullptr;
  for (const auto& a : aspects)
    if (!heaviest || a.weight > heaviest->weight) heaviest = &a;
  std::int64_t top_sum = 0, top_n = 0;
  for (const auto& [judge, list] : by_judge) {
    auto t = weighted_total(aspects, list);
    if (!t) continue;
    c.judge_totals.push_back(*t);
    if (heaviest)
      for (const auto& s : list)
        if (s.aspect == heaviest->key) top_sum += s.score * 100, ++top_n;
  }
  if (!c.judge_totals.empty()) {
    std::int64_t sum = 0;
    for (auto t : c.judge_totals) sum += t;
    const auto n = static_cast<std::int64_t>(c.judge_totals.size());
    c.mean = (2 * sum + n) / (2 * n);
    const auto [lo, hi] = std::minmax_element(c.judge_totals.begin(), c.judge_totals.end());
    c.spread = *hi - *lo;
  }
  if (top_n > 0) c.top_aspect = (2 * top_sum + top_n) / (2 * top_n);
  c.complete = judges_assigned > 0 && c.judge_totals.size() >= judges_assigned;
  return c;
}

std::int64_t final_score(std::int64_t desk, std::int64_t presentation) {
  return (desk * 70 + presentation * 30 + 50) / 100;
}

std::vector<Ranked> rank(std::vector<Ranked> c) {
  std::sort(c.begin(), c.end(), [](const Ranked& a, const Ranked& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.tiebreak_1 != b.tiebreak_1) return a.tiebreak_1 > b.tiebreak_1;
    if (a.tiebreak_2 != b.tiebreak_2) return a.tiebreak_2 > b.tiebreak_2;
    if (a.submitted_at != b.submitted_at) return a.submitted_at < b.submitted_at;
    return a.entry_id < b.entry_id;
  });
  return c;
}

}  // namespace lumbung::competition
