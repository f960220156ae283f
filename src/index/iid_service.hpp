// The regional innovation index (IID): frameworks by year (curators), the
// regions' submissions (region admins, inside the reporting window), evidence
// verification and quality control (curators), scores and rankings (public).
// Every write is one transaction with an audit row. Evidence files live under
// <files_dir> (the installation's files/iid).
//
// Rules:
//   - frameworks: curator or admin (national); copying makes next year's
//     framework from any earlier one; scores of a year use that year's
//     framework only.
//   - a submission belongs to one region; only a region_admin of exactly that
//     region (or an admin) writes it, only while the window is open
//     (window_opens <= now < window_closes) and while it is a draft.
//   - verification: curator or admin, on submitted submissions; a rejection
//     needs a reason and scores the answer 0. A quality-control override
//     (curator or admin) needs a note and records who made it.
//
// Errors: invalid (field errors with keys "iid.error.*"), forbidden
// (iid.error.not_yours), conflict (iid.error.window_closed,
// iid.error.window_not_open, iid.error.already_submitted,
// iid.error.not_submitted), not_found (no framework, region, innovation or
// answer), unavailable/internal (store or disk).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "auth/auth.hpp"
#include "core/clock.hpp"
#include "core/result.hpp"
#include "index/framework.hpp"
#include "index/iid_store.hpp"
#include "index/scoring.hpp"
#include "store/database.hpp"

namespace lumbung::index {

// Framework settings a curator edits on the framework page.
struct Settings {
  int divisor_floor = 10;
  int count_points_x100 = 38;
  int count_cap = 200;
  std::int64_t window_opens = 0;
  std::int64_t window_closes = 0;
  std::string note;
  std::vector<Band> bands;
};

// Field errors of settings (pure): iid.error.floor, iid.error.count,
// iid.error.window_dates, iid.error.bands.
std::vector<FieldError> validate_settings(const Settings& settings);
// Field errors of an edited indicator (pure): iid.error.weight,
// iid.error.options, iid.error.name.
std::vector<FieldError> validate_indicator(const Indicator& indicator);
// Whether the window of `framework` is open at `now`.
bool window_open(const Framework& framework, std::int64_t now);
// May `grants` write the submission of `region_code`? (admin, or region_admin
// of exactly that region)
bool may_fill(const std::vector<auth::Grant>& grants, const std::string& region_code);
// May `grants` verify and define frameworks? (curator or admin, national)
bool may_verify(const std::vector<auth::Grant>& grants);

// Ranking clusters kept as curator flags per year (no official list exists):
// border regions and lagging regions.
inline constexpr const char* kBorder = "perbatasan";
inline constexpr const char* kLagging = "tertinggal";
bool is_flag_cluster(const std::string& cluster);

// The answers that carry no evidence file ("innovation_id:number", innovation
// 0 for SPD answers), in the order given. A submission is refused while any
// remains (iid.error.evidence_missing, one field per answer).
std::vector<std::string> answers_without_evidence(const std::vector<Answer>& answers);

struct SubmissionView {
  Framework framework;
  RegionRef region;
  std::optional<Submission> submission;    // none until the first write
  std::vector<InnovationRef> innovations;  // in the submission
  std::vector<Answer> answers;
  Score score;
  bool window_open = false;
  bool editable = false;  // window open and still a draft
};

struct AnswerInput {
  std::int64_t innovation_id = 0;  // 0 for SPD indicators
  std::string number;
  int param = 0;
  std::string file_name;  // "" with no file: keeps the evidence already stored
  std::string file_data;
};

struct QueueItem {
  Submission submission;
  RegionRef region;
  Answer answer;
  std::string indicator_name;
  std::string innovation_name;  // "" for SPD answers
  std::string option_label;
};

struct RankingRow {
  RegionRef region;
  Submission submission;
  Score score;
  int rank = 0;
};

class IidService {
 public:
  // Frameworks are kept in memory this long: another node's edit to a
  // framework shows here within it; this service's own edits show at once.
  static constexpr std::int64_t kFrameworkTtlSeconds = 5;

  IidService(store::Database& db, const Clock& clock, std::filesystem::path files_dir)
      : db_(db), clock_(clock), files_dir_(std::move(files_dir)) {}

  Result<std::vector<int>> years();
  Result<Framework> framework(int year);
  // A new framework for `to` with the structure and settings of `from`; the
  // window moves by the difference in years.
  Result<Framework> copy_framework(const auth::Actor& actor, int from, int to);
  Result<Framework> save_settings(const auth::Actor& actor, int year, const Settings& settings);
  // Saves name, weight, mandatory flag, evidence text and options of an
  // existing indicator (number and aspect stay).
  Result<Framework> save_indicator(const auth::Actor& actor, int year, const Indicator& indicator);

  Result<SubmissionView> view(int year, const std::string& region_code);
  Result<std::vector<InnovationRef>> candidates(const std::string& region_code);
  Status add_innovation(const auth::Actor& actor, int year, const std::string& region_code, std::int64_t innovation_id);
  Status remove_innovation(const auth::Actor& actor, int year, const std::string& region_code,
                           std::int64_t innovation_id);
  Result<Answer> save_answer(const auth::Actor& actor, int year, const std::string& region_code,
                             const AnswerInput& input, std::size_t max_bytes);
  // Refused (invalid, iid.error.evidence_missing) while an answer has no
  // evidence: the first field is "submit", then one field per answer named
  // "innovation_id:number".
  Result<Submission> submit(const auth::Actor& actor, int year, const std::string& region_code);

  // Pending (or, with all=true, every) answer of the year's submitted submissions.
  Result<std::vector<QueueItem>> queue(int year, bool all);
  // accept=false needs a reason. override_qc=true records a quality-control
  // override (note required) instead of a verification.
  Status decide(const auth::Actor& actor, int year, const std::string& region_code, std::int64_t innovation_id,
                const std::string& number, bool accept, const std::string& reason, bool override_qc);

  // The submitted regions of a year, ranked; `kind` filters by cluster
  // (province, regency, city; "" = all).
  Result<std::vector<RankingRow>> ranking(int year, const std::string& kind);

  // The regions a curator flagged for `cluster` (kBorder, kLagging) in `year`.
  Result<std::vector<RegionRef>> cluster_regions(int year, const std::string& cluster);
  // Flags or unflags a region for a cluster of a year (curator or admin;
  // audited). Errors: iid.error.cluster (unknown cluster), not_found (no
  // framework for the year), iid.error.region (unknown region code).
  Status flag_region(const auth::Actor& actor, int year, const std::string& cluster, const std::string& region_code,
                     bool on);

  std::filesystem::path evidence_path(const std::string& stored_name) const { return files_dir_ / stored_name; }

 private:
  // The submission of (year, region), created as a draft when missing, after
  // the scope, window and draft checks.
  Result<Submission> writable(soci::session& sql, const auth::Actor& actor, const Framework& framework,
                              const std::string& region_code);
  void forget_frameworks();
  store::Database& db_;
  const Clock& clock_;
  std::filesystem::path files_dir_;
  struct Cached {
    std::int64_t loaded_at = 0;
    std::shared_ptr<const Framework> framework;
  };
  std::mutex cache_mutex_;
  std::map<int, Cached> cache_;
};

}  // namespace lumbung::index
