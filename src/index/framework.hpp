// The Indeks Inovasi Daerah (IID) as data: one framework per year (aspects,
// variables, indicators with weights and answer options, the divisor floor,
// the number-of-innovations rule, predicate bands and the reporting window),
// and the answers a region gives against it. Plain structs, no SQL.
//
// Numbers that take part in scoring are integers in hundredths (weight 0.75 is
// 75, an index of 60.01 is 6001) so that scores add up exactly and band edges
// compare exactly.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace lumbung::index {

// Aspects: "spd" (Satuan Pemerintahan Daerah, answered once per region) and
// "sid" (Satuan Inovasi Daerah, answered per innovation).
inline constexpr const char* kSpd = "spd";
inline constexpr const char* kSid = "sid";

struct Variable {
  std::string code;    // "institusi", "infrastruktur", ...
  std::string aspect;  // kSpd | kSid
  std::string name;
  int position = 0;
};

struct Option {
  int param = 0;  // the parameter value the answer scores with (1, 2, 3)
  std::string label;
};

struct Indicator {
  std::string number;  // "1", "2a", "16"
  int position = 0;    // order on forms
  std::string variable;
  std::string name;
  int weight_x100 = 0;  // weight in hundredths
  bool mandatory = false;
  std::string aspect;    // kSpd | kSid (the answer level)
  std::string evidence;  // what the evidence (bukti dukung) must show
  std::vector<Option> options;
};

struct Band {
  std::string name;  // "Sangat Inovatif"
  int min_x100 = 0;  // inclusive bounds of the index, in hundredths
  int max_x100 = 0;
};

struct Framework {
  int year = 0;
  int divisor_floor = 10;          // SID sum is divided by MAX(divisor_floor, n)
  int count_points_x100 = 38;      // number-of-innovations score per innovation
  int count_cap = 200;             // innovations counted at most
  std::string count_variable;      // variable the count score belongs to
  std::int64_t window_opens = 0;   // reporting window, unix seconds (inclusive)
  std::int64_t window_closes = 0;  // exclusive
  std::string note;
  std::int64_t updated_at = 0;
  std::int64_t updated_by = 0;
  std::vector<Variable> variables;
  std::vector<Indicator> indicators;
  std::vector<Band> bands;

  const Indicator* indicator(const std::string& number) const;
  const Variable* variable(const std::string& code) const;
};

// Evidence verification states of an answer.
inline constexpr const char* kPending = "pending";
inline constexpr const char* kAccepted = "accepted";
inline constexpr const char* kRejected = "rejected";

struct Answer {
  std::int64_t innovation_id = 0;  // 0 for SPD answers
  std::string number;
  int param = 0;              // 0 = not answered
  std::string evidence_name;  // original file name shown; "" = no evidence
  std::string evidence_file;  // stored file name under <data>/files/iid
  std::string evidence_type;
  std::string status = kPending;  // pending | accepted | rejected
  std::string reason;             // why rejected (or the QC note)
  std::int64_t verified_by = 0;
  std::int64_t verified_at = 0;
  std::int64_t qc_by = 0;  // quality-control override: who, when, why
  std::int64_t qc_at = 0;
  std::string qc_note;
  std::int64_t updated_at = 0;
  std::int64_t updated_by = 0;
};

}  // namespace lumbung::index
