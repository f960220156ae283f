#include "labs/stage_rules.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

#include "directory/innovation_rules.hpp"

namespace lumbung::labs {

namespace {

constexpr std::array<const char*, 7> kStageNames = {"drumup",  "diagnose",      "design", "delivery",
                                                    "display", "documentation", "done"};
constexpr std::array<std::string_view, 2> kFormats = {"regular", "executive"};
constexpr std::array<std::string_view, 5> kPartnerRoles = {"academia", "community", "business", "media", "government"};
constexpr std::array<std::string_view, 3> kModes = {"daring", "luring", "hybrid"};
constexpr std::size_t kTextMax = 300;
constexpr std::size_t kTextareaMax = 5000;
constexpr std::size_t kUrlMax = 500;
constexpr std::size_t kNameMax = 200;
constexpr std::size_t kListMax = 50;

template <class A>
bool in(const A& values, std::string_view s) {
  return std::find(values.begin(), values.end(), s) != values.end();
}

bool clean(std::string_view s) { return directory::clean_text(s); }

// The stage forms, one row per stage (see stage_rules.hpp for the naming).
const std::vector<StageForm>& forms() {
  using K = FieldKind;
  static const std::vector<StageForm> table = {
      {Stage::drumup,
       {{"leader_name", K::text, true},
        {"leader_position", K::text, true},
        {"commitment", K::textarea, true},
        {"commitment_date", K::date, true}},
       {},
       true},
      {Stage::diagnose,
       {{"root_causes", K::textarea, true}, {"idea_statement", K::textarea, true}, {"replicate_note", K::text, false}},
       {{"problems",
         5,
         1,
         {{"problem", K::text, true},
          {"urgency", K::score, true},
          {"seriousness", K::score, true},
          {"growth", K::score, true}}}},
       false},
      {Stage::design,
       {{"stakeholders", K::textarea, false}, {"risks", K::textarea, true}, {"quick_wins", K::textarea, false}},
       {{"milestones",
         6,
         1,
         {{"title", K::text, true}, {"due", K::date, true}, {"owner", K::text, true}, {"resources", K::text, false}}}},
       false},
      {Stage::delivery,
       {{"results", K::textarea, true}, {"result_figure", K::text, true}},
       {{"log",
         6,
         1,
         {{"milestone", K::text, true},
          {"done_on", K::date, true},
          {"activity", K::text, true},
          {"evidence_url", K::url, true}}}},
       false},
      {Stage::display,
       {{"launch_date", K::date, true},
        {"launch_place", K::text, true},
        {"showcase", K::textarea, true},
        {"media_links", K::textarea, false}},
       {},
       false},
      {Stage::documentation,
       {{"summary", K::textarea, true},
        {"problem", K::textarea, true},
        {"solution", K::textarea, true},
        {"beneficiaries", K::textarea, false}},
       {},
       false},
  };
  return table;
}

// Checks one typed value; returns the error key or nullptr. `out` gets the
// stored value (trimmed text, or a number).
const char* read_value(FieldKind kind, const std::string& raw, nlohmann::json& out) {
  const auto v = trim(raw);
  if (!clean(v)) return "error.invalid_text";
  switch (kind) {
    case FieldKind::text:
      if (char_count(v) > kTextMax) return "error.too_long";
      out = v;
      return nullptr;
    case FieldKind::textarea:
      if (char_count(v) > kTextareaMax) return "error.too_long";
      out = v;
      return nullptr;
    case FieldKind::date:
      if (!v.empty() && !valid_date(v)) return "error.invalid_date";
      out = v;
      return nullptr;
    case FieldKind::url:
      if (v.size() > kUrlMax) return "error.too_long";
      if (!v.empty() && v.rfind("https://", 0) != 0 && v.rfind("http://", 0) != 0) return "error.invalid_url";
      if (v.find_first_of(" <>\"") != std::string::npos) return "error.invalid_url";
      out = v;
      return nullptr;
    case FieldKind::score:
      if (v.empty()) {
        out = 0;
        return nullptr;
      }
      if (v.size() != 1 || v[0] < '1' || v[0] > '5') return "lab.error.score";
      out = v[0] - '0';
      return nullptr;
    case FieldKind::number:
      if (v.empty()) {
        out = 0;
        return nullptr;
      }
      if (v.size() > 12 || v.find_first_not_of("0123456789") != std::string::npos) return "error.invalid_number";
      out = std::stoll(v);
      return nullptr;
  }
  return nullptr;
}

bool filled(const nlohmann::json& v) {
  if (v.is_string()) return !v.get<std::string>().empty();
  if (v.is_number_integer()) return v.get<std::int64_t>() != 0;
  return false;
}

std::string as_text(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return v.get<std::int64_t>() == 0 ? "" : std::to_string(v.get<std::int64_t>());
  return "";
}

std::string group_field(const FormGroup& g, int row, const char* field) {
  return std::string(g.name) + "_" + std::to_string(row) + "_" + field;
}

}  // namespace

const char* to_string(Stage stage) { return kStageNames[static_cast<std::size_t>(stage)]; }

std::optional<Stage> parse_stage(std::string_view name) {
  for (std::size_t i = 0; i < kStageNames.size(); ++i)
    if (name == kStageNames[i]) return static_cast<Stage>(i);
  return std::nullopt;
}

std::vector<Stage> stages_of(bool with_documentation) {
  std::vector<Stage> out = {Stage::drumup, Stage::diagnose, Stage::design, Stage::delivery, Stage::display};
  if (with_documentation) out.push_back(Stage::documentation);
  return out;
}

Stage next_stage(Stage current, bool with_documentation) {
  if (current == Stage::done) return Stage::done;
  if (current == Stage::display && !with_documentation) return Stage::done;
  return static_cast<Stage>(static_cast<int>(current) + 1);
}

const StageForm& stage_form(Stage stage) {
  const auto& table = forms();
  if (stage == Stage::done) return table.back();
  return table[static_cast<std::size_t>(stage)];
}

Result<nlohmann::json> read_stage_form(Stage stage, const std::function<std::string(const std::string&)>& get,
                                       std::size_t readiness_items) {
  const auto& form = stage_form(stage);
  nlohmann::json data = nlohmann::json::object();
  std::vector<FieldError> errors;
  for (const auto& f : form.fields) {
    nlohmann::json v;
    if (const char* key = read_value(f.kind, get(f.name), v)) errors.push_back({f.name, key});
    data[f.name] = v;
  }
  for (const auto& g : form.groups) {
    nlohmann::json rows = nlohmann::json::array();
    for (int r = 1; r <= g.rows; ++r) {
      nlohmann::json row = nlohmann::json::object();
      bool any = false;
      for (const auto& f : g.fields) {
        const auto name = group_field(g, r, f.name);
        nlohmann::json v;
        if (const char* key = read_value(f.kind, get(name), v)) errors.push_back({name, key});
        any = any || filled(v);
        row[f.name] = v;
      }
      if (any) rows.push_back(std::move(row));
    }
    data[g.name] = std::move(rows);
  }
  if (form.readiness) {
    nlohmann::json answers = nlohmann::json::array();
    for (std::size_t i = 1; i <= readiness_items; ++i) {
      const auto name = "readiness_" + std::to_string(i);
      nlohmann::json v;
      if (const char* key = read_value(FieldKind::score, get(name), v)) errors.push_back({name, key});
      answers.push_back(v.is_number_integer() ? v : nlohmann::json(0));
    }
    data["readiness"] = std::move(answers);
  }
  if (!errors.empty())
    return Error(ErrorCode::invalid, std::string("save_stage_work: invalid ") + to_string(stage) + " form",
                 std::move(errors));
  return data;
}

std::vector<FieldError> completion_gaps(Stage stage, const nlohmann::json& data, std::size_t readiness_items) {
  std::vector<FieldError> gaps;
  const auto& form = stage_form(stage);
  const auto value = [](const nlohmann::json& obj, const char* key) {
    return obj.is_object() && obj.contains(key) ? obj.at(key) : nlohmann::json();
  };
  for (const auto& f : form.fields)
    if (f.needed && !filled(value(data, f.name))) gaps.push_back({f.name, "error.required"});
  for (const auto& g : form.groups) {
    const auto rows = value(data, g.name);
    int complete_rows = 0;
    if (rows.is_array()) {
      for (std::size_t r = 0; r < rows.size(); ++r) {
        bool row_ok = true;
        for (const auto& f : g.fields)
          if (f.needed && !filled(value(rows[r], f.name))) {
            gaps.push_back({group_field(g, static_cast<int>(r) + 1, f.name), "error.required"});
            row_ok = false;
          }
        if (row_ok) ++complete_rows;
      }
    }
    if (complete_rows < g.min_rows) gaps.push_back({g.name, "lab.error.rows_needed"});
  }
  if (form.readiness) {
    const auto answers = value(data, "readiness");
    for (std::size_t i = 0; i < readiness_items; ++i)
      if (!answers.is_array() || i >= answers.size() || !filled(answers[i]))
        gaps.push_back({"readiness_" + std::to_string(i + 1), "error.required"});
  }
  return gaps;
}

std::map<std::string, std::string> form_values(Stage stage, const nlohmann::json& data, std::size_t readiness_items) {
  std::map<std::string, std::string> out;
  if (!data.is_object()) return out;
  const auto& form = stage_form(stage);
  for (const auto& f : form.fields)
    if (data.contains(f.name)) out[f.name] = as_text(data.at(f.name));
  for (const auto& g : form.groups) {
    if (!data.contains(g.name) || !data.at(g.name).is_array()) continue;
    const auto& rows = data.at(g.name);
    for (std::size_t r = 0; r < rows.size() && r < static_cast<std::size_t>(g.rows); ++r)
      for (const auto& f : g.fields)
        if (rows[r].is_object() && rows[r].contains(f.name))
          out[group_field(g, static_cast<int>(r) + 1, f.name)] = as_text(rows[r].at(f.name));
  }
  if (form.readiness && data.contains("readiness") && data.at("readiness").is_array()) {
    const auto& answers = data.at("readiness");
    for (std::size_t i = 0; i < answers.size() && i < readiness_items; ++i)
      out["readiness_" + std::to_string(i + 1)] = as_text(answers[i]);
  }
  return out;
}

std::vector<UsgRank> rank_usg(std::span<const UsgProblem> problems) {
  const auto ok = [](int v) { return v >= 1 && v <= 5; };
  std::vector<UsgRank> out;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const auto& p = problems[i];
    if (!ok(p.urgency) || !ok(p.seriousness) || !ok(p.growth)) continue;
    out.push_back({i, p.urgency + p.seriousness + p.growth, 0});
  }
  const auto key = [&](const UsgRank& r) {
    const auto& p = problems[r.index];
    return std::array<int, 4>{r.total, p.urgency, p.seriousness, p.growth};
  };
  std::stable_sort(out.begin(), out.end(), [&](const UsgRank& a, const UsgRank& b) { return key(a) > key(b); });
  for (std::size_t i = 0; i < out.size(); ++i)
    out[i].rank = (i > 0 && key(out[i]) == key(out[i - 1])) ? out[i - 1].rank : static_cast<int>(i) + 1;
  return out;
}

Result<Stage> gate(Stage current, Stage acted, GateAction action, const std::vector<FieldError>& gaps,
                   std::string_view reason, bool with_documentation) {
  if (current == Stage::done || acted != current)
    return Error(ErrorCode::conflict,
                 std::string("gate: the idea is at ") + to_string(current) + ", not " + to_string(acted));
  if (action == GateAction::send_back) {
    if (trim(reason).empty())
      return Error(ErrorCode::invalid, "gate: a reason is needed", {{"reason", "error.required"}});
    return current;
  }
  if (!gaps.empty()) return Error(ErrorCode::invalid, "gate: the stage's work is incomplete", gaps);
  return next_stage(current, with_documentation);
}

bool is_format(std::string_view s) { return in(kFormats, s); }
bool is_partner_role(std::string_view s) { return in(kPartnerRoles, s); }
bool is_mode(std::string_view s) { return in(kModes, s); }
bool is_session_stage(std::string_view s) {
  auto st = parse_stage(s);
  return (st && *st != Stage::done) || s == "clinic";
}

bool is_verdict(std::string_view s) { return s == "lanjut" || s == "perbaiki" || s == "tolak"; }

bool valid_date(std::string_view s) { return valid_iso_date(s); }

std::vector<FieldError> validate_lab(const LabDraft& d) {
  std::vector<FieldError> e;
  const auto text = [&](const std::string& field, const std::string& v, bool required, std::size_t max) {
    if (!clean(v))
      e.push_back({field, "error.invalid_text"});
    else if (required && trim(v).empty())
      e.push_back({field, "error.required"});
    else if (char_count(v) > max)
      e.push_back({field, "error.too_long"});
  };
  text("name", d.name, true, kNameMax);
  text("organizer", d.organizer, true, kNameMax);
  if (trim(d.region_code).empty()) e.push_back({"region_code", "error.required"});
  if (!is_format(d.format)) e.push_back({"format", "error.invalid_choice"});
  if (d.year < 2000 || d.year > 2100) e.push_back({"year", "error.invalid_number"});
  for (std::size_t i = 0; i < d.partners.size(); ++i) {
    const auto p = "partners_" + std::to_string(i + 1) + "_";
    text(p + "name", d.partners[i].name, true, kNameMax);
    text(p + "mou_ref", d.partners[i].mou_ref, false, kNameMax);
    if (!is_partner_role(d.partners[i].role)) e.push_back({p + "role", "error.invalid_choice"});
  }
  for (std::size_t i = 0; i < d.sessions.size(); ++i) {
    const auto p = "sessions_" + std::to_string(i + 1) + "_";
    const auto& s = d.sessions[i];
    if (!is_session_stage(s.stage)) e.push_back({p + "stage", "error.invalid_choice"});
    if (!valid_date(s.starts_on)) e.push_back({p + "starts_on", "error.invalid_date"});
    if (!valid_date(s.ends_on))
      e.push_back({p + "ends_on", "error.invalid_date"});
    else if (valid_date(s.starts_on) && s.ends_on < s.starts_on)
      e.push_back({p + "ends_on", "lab.error.ends_before"});
    if (!is_mode(s.mode)) e.push_back({p + "mode", "error.invalid_choice"});
    text(p + "place", s.place, false, kUrlMax);
  }
  if (d.readiness_items.size() > kListMax) e.push_back({"readiness_items", "error.too_long"});
  for (const auto& item : d.readiness_items)
    if (!clean(item) || char_count(item) > kTextMax) {
      e.push_back({"readiness_items", "error.too_long"});
      break;
    }
  if (d.rubric.size() > kListMax) e.push_back({"rubric", "error.too_long"});
  for (const auto& item : d.rubric)
    if (!clean(item) || char_count(item) > kTextMax) {
      e.push_back({"rubric", "error.too_long"});
      break;
    }
  return e;
}

std::vector<FieldError> validate_clinic(const Clinic& c) {
  std::vector<FieldError> e;
  if (!valid_date(c.held_on)) e.push_back({"held_on", c.held_on.empty() ? "error.required" : "error.invalid_date"});
  if (!is_mode(c.mode)) e.push_back({"mode", "error.invalid_choice"});
  if (!clean(c.attendees))
    e.push_back({"attendees", "error.invalid_text"});
  else if (char_count(c.attendees) > 2000)
    e.push_back({"attendees", "error.too_long"});
  if (!clean(c.notes))
    e.push_back({"notes", "error.invalid_text"});
  else if (char_count(c.notes) > kTextareaMax)
    e.push_back({"notes", "error.too_long"});
  if (c.actions.size() > 10) e.push_back({"actions", "error.too_long"});
  for (std::size_t i = 0; i < c.actions.size(); ++i) {
    const auto p = "actions_" + std::to_string(i + 1) + "_";
    const auto& a = c.actions[i];
    if (!clean(a.action) || trim(a.action).empty() || char_count(a.action) > kTextMax)
      e.push_back({p + "action", trim(a.action).empty() ? "error.required" : "error.too_long"});
    if (!clean(a.owner) || trim(a.owner).empty() || char_count(a.owner) > kTextMax)
      e.push_back({p + "owner", trim(a.owner).empty() ? "error.required" : "error.too_long"});
    if (!valid_date(a.due)) e.push_back({p + "due", a.due.empty() ? "error.required" : "error.invalid_date"});
  }
  return e;
}

const std::vector<std::string>& default_readiness_items() {
  static const std::vector<std::string> items = {
      "Pimpinan unit mendukung inovasi secara nyata",      "Pegawai siap dan termotivasi untuk berinovasi",
      "Tersedia anggaran atau sumber daya untuk uji coba", "Unit terbiasa mengumpulkan data layanan",
      "Unit pernah bekerja sama dengan pihak luar",
  };
  return items;
}

const std::vector<std::string>& default_rubric() {
  static const std::vector<std::string> items = {"Kebaruan", "Kemanfaatan", "Kelayakan", "Keberlanjutan"};
  return items;
}

bool Lab::with_documentation() const {
  return std::any_of(sessions.begin(), sessions.end(), [](const Session& s) { return s.stage == "documentation"; });
}

LabAccess lab_access(const std::vector<auth::Grant>& grants, std::int64_t user_id, const Lab& lab,
                     const std::vector<LabUnit>& units) {
  LabAccess a;
  const auto lab_ref = std::to_string(lab.id);
  for (const auto& g : grants) {
    if (g.role == auth::Role::admin) a.organizer = true;
    if (g.role != auth::Role::lab_organizer) continue;
    if (g.scope.kind == auth::ScopeKind::national) a.organizer = true;
    if (g.scope.kind == auth::ScopeKind::region && g.scope.ref == lab.region_code) a.organizer = true;
    if (g.scope.kind == auth::ScopeKind::lab && g.scope.ref == lab_ref) a.organizer = true;
  }
  const bool is_coach =
      std::any_of(grants.begin(), grants.end(), [](const auth::Grant& g) { return g.role == auth::Role::coach; });
  for (const auto& u : units) {
    if (is_coach && user_id != 0 && u.coach_user_id == user_id) a.coached_units.insert(u.unit_id);
    for (const auto& g : grants)
      if (g.role == auth::Role::participant && g.scope.kind == auth::ScopeKind::unit &&
          g.scope.ref == std::to_string(u.unit_id))
        a.member_units.insert(u.unit_id);
  }
  return a;
}

bool may_create_lab(const std::vector<auth::Grant>& grants, const std::string& region_code) {
  for (const auto& g : grants) {
    if (g.role == auth::Role::admin) return true;
    if (g.role != auth::Role::lab_organizer) continue;
    if (g.scope.kind == auth::ScopeKind::national) return true;
    if (g.scope.kind == auth::ScopeKind::region && g.scope.ref == region_code) return true;
  }
  return false;
}

}  // namespace lumbung::labs
