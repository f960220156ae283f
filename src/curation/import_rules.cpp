#include "curation/import_rules.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text.hpp"
#include "directory/innovation_rules.hpp"

namespace lumbung::curation {

namespace {

// Headers each source's exports use for a field (normalized on comparison).
struct Alias {
  const char* field;
  std::vector<const char*> headers;
};

const std::vector<Alias>& aliases() {
  static const std::vector<Alias> table = {
      {"source_id", {"id inovasi", "id proposal", "kode inovasi", "no registrasi", "nomor registrasi", "id"}},
      {"name", {"nama inovasi", "nama inovasi daerah", "judul inovasi", "judul proposal", "judul", "nama"}},
      {"summary", {"ringkasan", "ringkasan inovasi", "deskripsi singkat", "abstrak"}},
      {"problem", {"latar belakang", "latar belakang dan tujuan", "permasalahan", "masalah", "tujuan inovasi"}},
      {"solution", {"rancang bangun", "rancang bangun dan pokok perubahan", "implementasi inovasi", "deskripsi"}},
      {"novelty", {"kebaruan", "kebaruan nilai tambah", "nilai tambah", "metode kebaruan"}},
      {"beneficiaries", {"manfaat", "manfaat yang diperoleh", "penerima manfaat"}},
      {"results", {"hasil", "hasil inovasi", "signifikansi", "dampak"}},
      {"region_code", {"kode wilayah", "kode daerah", "kode pemda", "kode kabupaten kota", "kode"}},
      {"unit_name", {"nama skpd", "nama opd", "perangkat daerah", "opd", "skpd", "instansi", "unit kerja", "unit"}},
      {"sector", {"urusan", "urusan pemerintahan", "bidang", "sektor"}},
      {"form", {"bentuk", "bentuk inovasi", "bentuk inovasi daerah"}},
      {"digital", {"jenis", "jenis inovasi", "digital"}},
      {"stage", {"tahapan", "tahapan inovasi", "tahap"}},
      {"initiator", {"inisiator", "inisiator inovasi"}},
      {"trial_date", {"waktu uji coba", "tanggal uji coba", "uji coba"}},
      {"implementation_date", {"waktu penerapan", "tanggal penerapan", "inovasi dimulai", "penerapan"}},
      {"budget_text", {"anggaran", "biaya"}},
      {"budget_amount", {"nilai anggaran", "jumlah anggaran"}},
      {"funding_source", {"sumber dana", "sumber anggaran"}},
      {"contact_name", {"nama kontak", "narahubung", "kontak"}},
      {"contact_email", {"email", "surel", "email kontak"}},
      {"contact_phone", {"telepon", "no hp", "nomor telepon", "hp"}},
      {"year_started", {"tahun", "tahun mulai", "tahun inovasi"}},
      {"status", {"status", "status inovasi", "keberlanjutan"}},
      {"awards", {"penghargaan"}},
  };
  return table;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Lowercased, with spaces, '-', '_' and '/' as single spaces, trimmed.
std::string words(std::string_view s) {
  std::string out;
  for (char c : lower(trim(s))) {
    bool sep = c == ' ' || c == '-' || c == '_' || c == '/' || c == '\t';
    if (sep) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string field_error_key(const std::string& key) {
  constexpr std::string_view prefix = "error.";
  if (key.rfind(prefix, 0) == 0) return "curation.problem." + key.substr(prefix.size());
  return "curation.problem.invalid_format";
}

}  // namespace

bool is_import_source(std::string_view source) { return directory::is_source_program(source); }

const std::vector<std::string>& import_fields() {
  static const std::vector<std::string> fields = {"id",
                                                  "name",
                                                  "summary",
                                                  "problem",
                                                  "solution",
                                                  "novelty",
                                                  "beneficiaries",
                                                  "results",
                                                  "region_code",
                                                  "unit_name",
                                                  "sector",
                                                  "form",
                                                  "digital",
                                                  "stage",
                                                  "initiator",
                                                  "trial_date",
                                                  "implementation_date",
                                                  "budget_text",
                                                  "budget_amount",
                                                  "funding_source",
                                                  "contact_name",
                                                  "contact_email",
                                                  "contact_phone",
                                                  "source_program",
                                                  "source_id",
                                                  "year_started",
                                                  "status",
                                                  "last_verified_at",
                                                  "awards",
                                                  "state"};
  return fields;
}

std::vector<std::string> required_fields(std::string_view source) {
  if (source == "lumbung") return {"name"};
  return {"source_id", "name"};
}

std::string normalize_header(std::string_view header) {
  std::string out;
  for (char c : lower(header))
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) out += c;
  return out;
}

Mapping suggest_mapping(std::string_view source, const std::vector<std::string>& headers, const Mapping& saved) {
  std::map<std::string, std::string> by_norm;  // normalized -> header as written
  for (const auto& h : headers) by_norm.emplace(normalize_header(h), h);
  Mapping out;
  std::set<std::string> used;
  auto take = [&](const std::string& field, std::string_view header) {
    auto it = by_norm.find(normalize_header(header));
    if (it == by_norm.end() || used.count(it->second) || out.count(field)) return;
    out[field] = it->second;
    used.insert(it->second);
  };
  for (const auto& [field, header] : saved) take(field, header);
  for (const auto& field : import_fields()) take(field, field);
  if (source != "lumbung")
    for (const auto& a : aliases())
      for (const char* h : a.headers) take(a.field, h);
  // The lumbung source carries its own keys; other sources get them from the import.
  if (source != "lumbung") {
    out.erase("id");
    out.erase("source_program");
    out.erase("state");
  }
  return out;
}

ColumnPlan plan_columns(std::string_view source, const Mapping& mapping, const std::vector<std::string>& headers) {
  ColumnPlan plan;
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < headers.size(); ++i) index.emplace(normalize_header(headers[i]), i);
  const auto& known = import_fields();
  for (const auto& [field, header] : mapping) {
    if (header.empty() || std::find(known.begin(), known.end(), field) == known.end()) continue;
    auto it = index.find(normalize_header(header));
    if (it == index.end()) {
      plan.problems.push_back({1, header, "curation.problem.missing_header", field, false});
      continue;
    }
    plan.column[field] = it->second;
  }
  for (const auto& field : required_fields(source))
    if (!plan.column.count(field) && !mapping.count(field))
      plan.problems.push_back({1, "", "curation.problem.unmapped_field", field, false});
  return plan;
}

bool ParsedRow::ok() const {
  return std::none_of(problems.begin(), problems.end(), [](const RowProblem& p) { return !p.warning; });
}

std::optional<std::string> to_stage(std::string_view text) {
  auto w = words(text);
  if (w == "inisiatif" || w == "initiative") return "inisiatif";
  if (w == "uji coba" || w == "ujicoba" || w == "uji_coba" || w == "trial") return "uji_coba";
  if (w == "penerapan" || w == "implementasi" || w == "implementation") return "penerapan";
  return std::nullopt;
}

std::optional<std::string> to_form(std::string_view text) {
  auto w = words(text);
  if (w == "pelayanan publik" || w == "inovasi pelayanan publik") return "pelayanan_publik";
  if (w == "tata kelola" || w == "tata kelola pemerintahan" || w == "tata kelola pemerintahan daerah" ||
      w == "inovasi tata kelola pemerintahan daerah")
    return "tata_kelola";
  if (w == "lainnya" || w == "bentuk lainnya" || w.rfind("inovasi daerah lainnya", 0) == 0 ||
      w.rfind("bentuk inovasi lainnya", 0) == 0)
    return "lainnya";
  return std::nullopt;
}

std::optional<std::string> to_initiator(std::string_view text) {
  auto w = words(text);
  if (w == "kepala daerah") return "kepala_daerah";
  if (w == "anggota dprd" || w == "dprd") return "anggota_dprd";
  if (w == "opd" || w == "perangkat daerah" || w == "skpd") return "opd";
  if (w == "asn" || w == "pns") return "asn";
  if (w == "masyarakat") return "masyarakat";
  return std::nullopt;
}

std::optional<std::string> to_status(std::string_view text) {
  auto w = words(text);
  if (w == "berlanjut" || w == "berkembang" || w == "aktif" || w == "masih berjalan") return "berlanjut";
  if (w == "berhenti" || w == "vakum" || w == "tidak aktif" || w == "berhenti vakum") return "berhenti";
  return std::nullopt;
}

std::optional<bool> to_bool(std::string_view text) {
  auto w = words(text);
  if (w == "digital" || w == "daring" || w == "online" || w == "ya" || w == "true" || w == "1" || w == "y") return true;
  if (w == "non digital" || w == "nondigital" || w == "luring" || w == "offline" || w == "tidak" || w == "false" ||
      w == "0" || w == "n")
    return false;
  return std::nullopt;
}

std::optional<std::string> to_iso_date(std::string_view text) {
  auto t = trim(text);
  if (valid_iso_date(t)) return t;
  // 31/12/2020, 31-12-2020, 31.12.2020 (Indonesian order: day first).
  int part[3] = {0, 0, 0};
  int digits[3] = {0, 0, 0};
  int k = 0;
  for (char c : t) {
    if (c >= '0' && c <= '9') {
      if (digits[k] >= 4) return std::nullopt;
      part[k] = part[k] * 10 + (c - '0');
      ++digits[k];
    } else if ((c == '/' || c == '-' || c == '.') && k < 2 && digits[k] > 0) {
      ++k;
    } else {
      return std::nullopt;
    }
  }
  if (k != 2 || digits[0] > 2 || digits[1] > 2 || digits[2] != 4) return std::nullopt;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", part[2], part[1], part[0]);
  if (!valid_iso_date(buf)) return std::nullopt;
  return std::string(buf);
}

std::optional<std::int64_t> to_amount(std::string_view text) {
  auto w = lower(trim(text));
  if (w.rfind("rp", 0) == 0) w = trim(std::string_view(w).substr(2));
  if (!w.empty() && w[0] == '.') w.erase(0, 1);
  // Thousands separators (. or ,) are dropped; a decimal part after ",00" too.
  if (w.size() > 3 && (w.compare(w.size() - 3, 3, ",00") == 0)) w.resize(w.size() - 3);
  std::int64_t value = 0;
  bool any = false;
  for (char c : w) {
    if (c >= '0' && c <= '9') {
      if (value > 100'000'000'000'000LL) return std::nullopt;
      value = value * 10 + (c - '0');
      any = true;
    } else if (c != '.' && c != ',' && c != ' ') {
      return std::nullopt;
    }
  }
  if (!any) return std::nullopt;
  return value;
}

std::optional<std::vector<directory::Award>> to_awards(std::string_view text) {
  std::vector<directory::Award> out;
  auto t = trim(text);
  if (t.empty()) return out;
  if (t.front() == '[') {
    auto j = nlohmann::json::parse(t, nullptr, false);
    if (j.is_discarded() || !j.is_array()) return std::nullopt;
    for (const auto& a : j) {
      if (!a.is_object()) return std::nullopt;
      auto program = a.value("program", nlohmann::json());
      auto year = a.value("year", nlohmann::json());
      auto award = a.value("award", nlohmann::json());
      if (!program.is_string() || !year.is_number_integer() || !award.is_string()) return std::nullopt;
      out.push_back({program.get<std::string>(), year.get<int>(), award.get<std::string>()});
    }
    return out;
  }
  std::size_t start = 0;
  while (start <= t.size()) {
    auto end = t.find(';', start);
    if (end == std::string::npos) end = t.size();
    auto item = trim(std::string_view(t).substr(start, end - start));
    start = end + 1;
    if (item.empty()) continue;
    auto c1 = item.find(':');
    auto c2 = c1 == std::string::npos ? std::string::npos : item.find(':', c1 + 1);
    if (c2 == std::string::npos) return std::nullopt;
    auto year_text = trim(std::string_view(item).substr(c1 + 1, c2 - c1 - 1));
    if (year_text.size() != 4 || !std::all_of(year_text.begin(), year_text.end(), ::isdigit)) return std::nullopt;
    out.push_back({lower(trim(std::string_view(item).substr(0, c1))), std::stoi(year_text),
                   trim(std::string_view(item).substr(c2 + 1))});
  }
  return out;
}

std::string awards_text(const std::vector<directory::Award>& awards) {
  std::string out;
  for (const auto& a : awards) {
    if (!out.empty()) out += "; ";
    out += a.program + ":" + std::to_string(a.year) + ":" + a.award;
  }
  return out;
}

ParsedRow parse_row(std::string_view source, const ColumnPlan& plan, int row_number,
                    const std::vector<std::string>& cells, const std::vector<std::string>& headers,
                    const directory::InnovationDraft& base) {
  ParsedRow out;
  out.draft = base;
  auto& d = out.draft;
  if (source != "lumbung") d.source_program = std::string(source);
  auto header_of = [&](const std::string& field) -> std::string {
    auto it = plan.column.find(field);
    if (it != plan.column.end() && it->second < headers.size()) return headers[it->second];
    return field;
  };
  auto problem = [&](const std::string& field, const std::string& key, const std::string& value, bool warning = false) {
    out.problems.push_back({row_number, header_of(field), key, value, warning});
  };
  for (const auto& column : plan.column) {
    // Named copies, not structured bindings: lambdas below capture them (clang 14).
    const std::string& field = column.first;
    const auto index = column.second;
    const std::string raw = index < cells.size() ? cells[index] : std::string();
    const std::string v = trim(raw);
    out.fields.push_back(field);
    auto choice = [&](std::optional<std::string> parsed, std::string& target) {
      if (v.empty()) {
        target.clear();
      } else if (parsed) {
        target = *parsed;
      } else {
        problem(field, "curation.problem.invalid_choice", v);
      }
    };
    if (field == "id") {
      if (v.empty()) continue;
      auto n = to_amount(v);
      if (!n || v.find_first_not_of("0123456789") != std::string::npos)
        problem(field, "curation.problem.invalid_number", v);
      else
        out.id = *n;
    } else if (field == "name")
      d.name = v;
    else if (field == "summary")
      d.summary = v;
    else if (field == "problem")
      d.problem = v;
    else if (field == "solution")
      d.solution = v;
    else if (field == "novelty")
      d.novelty = v;
    else if (field == "beneficiaries")
      d.beneficiaries = v;
    else if (field == "results")
      d.results = v;
    else if (field == "region_code")
      d.region_code = v;
    else if (field == "unit_name") {
      d.unit_name = v;
      d.unit_id = 0;
    } else if (field == "sector")
      d.sector = lower(v);
    else if (field == "form")
      choice(to_form(v), d.form);
    else if (field == "stage")
      choice(to_stage(v), d.stage);
    else if (field == "initiator")
      choice(to_initiator(v), d.initiator);
    else if (field == "status") {
      std::string s = d.status;
      choice(to_status(v), s);
      d.status = s.empty() ? "berlanjut" : s;
    } else if (field == "digital") {
      if (v.empty()) {
        d.digital = false;
      } else if (auto b = to_bool(v)) {
        d.digital = *b;
      } else {
        problem(field, "curation.problem.invalid_bool", v);
      }
    } else if (field == "trial_date" || field == "implementation_date") {
      std::string& target = field == "trial_date" ? d.trial_date : d.implementation_date;
      if (v.empty()) {
        target.clear();
      } else if (auto iso = to_iso_date(v)) {
        target = *iso;
      } else {
        problem(field, "curation.problem.invalid_date", v);
      }
    } else if (field == "budget_text")
      d.budget_text = v;
    else if (field == "budget_amount" || field == "year_started" || field == "last_verified_at") {
      std::int64_t n = 0;
      if (!v.empty()) {
        auto parsed = to_amount(v);
        if (!parsed) {
          problem(field, "curation.problem.invalid_number", v);
          continue;
        }
        n = *parsed;
      }
      if (field == "budget_amount")
        d.budget_amount = n;
      else if (field == "last_verified_at")
        d.last_verified_at = n;
      else if (n > 9999)
        problem(field, "curation.problem.invalid_number", v);
      else
        d.year_started = static_cast<int>(n);
    } else if (field == "funding_source")
      d.funding_source = v;
    else if (field == "contact_name")
      d.contact_name = v;
    else if (field == "contact_email")
      d.contact_email = v;
    else if (field == "contact_phone")
      d.contact_phone = v;
    else if (field == "source_program") {
      if (source == "lumbung") {
        if (v.empty())
          d.source_program = "lumbung";
        else if (directory::is_source_program(v))
          d.source_program = v;
        else
          problem(field, "curation.problem.invalid_choice", v);
      }
    } else if (field == "source_id")
      d.source_id = v;
    else if (field == "awards") {
      if (auto a = to_awards(v))
        d.awards = std::move(*a);
      else
        problem(field, "curation.problem.invalid_awards", v);
    } else if (field == "state") {
      if (!v.empty() && v != "draft" && v != "review" && v != "published")
        problem(field, "curation.problem.invalid_choice", v);
      else if (!v.empty())
        d.state = v;
    }
  }
  if (source != "lumbung" && d.source_id.empty()) problem("source_id", "curation.problem.required", "");
  for (const auto& e : directory::validate_draft(d)) {
    // A code that is not a Kemendagri code at all is named here; an unknown
    // but well-formed one is found when the row is written.
    problem(e.field, field_error_key(e.key), "");
  }
  return out;
}

}  // namespace lumbung::curation
