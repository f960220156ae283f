#include "directory/innovation_json.hpp"

#include <array>

namespace lumbung::directory {

namespace {
constexpr std::array<const char*, 39> kFields = {
    "id",           "name",           "summary",         "problem",       "solution",
    "novelty",      "beneficiaries",  "results",         "region_code",   "region_name",
    "province_code", "unit_id",       "unit_name",       "sector",        "form",
    "digital",      "stage",          "initiator",       "trial_date",    "implementation_date",
    "budget_text",  "budget_amount",  "funding_source",  "contact_name",  "contact_email",
    "contact_phone", "source_program", "source_id",      "year_started",  "status",
    "last_verified_at", "awards",     "state",           "review_comment", "slug",
    "version",      "created_at",     "updated_at",      "published_at"};
}  // namespace

std::span<const char* const> interchange_fields() { return kFields; }

nlohmann::json to_json(const Innovation& i) {
  nlohmann::json awards = nlohmann::json::array();
  for (const auto& a : i.awards) awards.push_back({{"program", a.program}, {"year", a.year}, {"award", a.award}});
  nlohmann::json j = nlohmann::json::object();
  j["id"] = i.id;
  j["name"] = i.name;
  j["summary"] = i.summary;
  j["problem"] = i.problem;
  j["solution"] = i.solution;
  j["novelty"] = i.novelty;
  j["beneficiaries"] = i.beneficiaries;
  j["results"] = i.results;
  j["region_code"] = i.region_code;
  j["region_name"] = i.region_name;
  j["province_code"] = i.province_code;
  j["unit_id"] = i.unit_id;
  j["unit_name"] = i.unit_name;
  j["sector"] = i.sector;
  j["form"] = i.form;
  j["digital"] = i.digital;
  j["stage"] = i.stage;
  j["initiator"] = i.initiator;
  j["trial_date"] = i.trial_date;
  j["implementation_date"] = i.implementation_date;
  j["budget_text"] = i.budget_text;
  j["budget_amount"] = i.budget_amount;
  j["funding_source"] = i.funding_source;
  j["contact_name"] = i.contact_name;
  j["contact_email"] = i.contact_email;
  j["contact_phone"] = i.contact_phone;
  j["source_program"] = i.source_program;
  j["source_id"] = i.source_id;
  j["year_started"] = i.year_started;
  j["status"] = i.status;
  j["last_verified_at"] = i.last_verified_at;
  j["awards"] = std::move(awards);
  j["state"] = i.state;
  j["review_comment"] = i.review_comment;
  j["slug"] = i.slug;
  j["version"] = i.version;
  j["created_at"] = i.created_at;
  j["updated_at"] = i.updated_at;
  j["published_at"] = i.published_at;
  return j;
}

Result<InnovationDraft> draft_from_json(const nlohmann::json& o) {
  if (!o.is_object()) return Error(ErrorCode::invalid, "draft_from_json: not an object");
  InnovationDraft d;
  std::vector<FieldError> errors;
  auto text = [&](const char* key, std::string& out) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return;
    if (it->is_string()) out = it->get<std::string>();
    else errors.push_back({key, "error.invalid_type"});
  };
  auto integer = [&](const char* key, auto& out) {
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return;
    if (it->is_number_integer()) out = it->get<std::remove_reference_t<decltype(out)>>();
    else errors.push_back({key, "error.invalid_type"});
  };
  text("name", d.name);
  text("summary", d.summary);
  text("problem", d.problem);
  text("solution", d.solution);
  text("novelty", d.novelty);
  text("beneficiaries", d.beneficiaries);
  text("results", d.results);
  text("region_code", d.region_code);
  integer("unit_id", d.unit_id);
  text("unit_name", d.unit_name);
  text("sector", d.sector);
  text("form", d.form);
  if (auto it = o.find("digital"); it != o.end() && !it->is_null()) {
    if (it->is_boolean()) d.digital = it->get<bool>();
    else errors.push_back({"digital", "error.invalid_type"});
  }
  text("stage", d.stage);
  text("initiator", d.initiator);
  text("trial_date", d.trial_date);
  text("implementation_date", d.implementation_date);
  text("budget_text", d.budget_text);
  integer("budget_amount", d.budget_amount);
  text("funding_source", d.funding_source);
  text("contact_name", d.contact_name);
  text("contact_email", d.contact_email);
  text("contact_phone", d.contact_phone);
  text("source_program", d.source_program);
  text("source_id", d.source_id);
  integer("year_started", d.year_started);
  text("status", d.status);
  integer("last_verified_at", d.last_verified_at);
  text("state", d.state);
  if (auto it = o.find("awards"); it != o.end() && !it->is_null()) {
    if (!it->is_array()) {
      errors.push_back({"awards", "error.invalid_type"});
    } else {
      for (const auto& a : *it) {
        if (!a.is_object() || !a.value("program", nlohmann::json()).is_string() ||
            !a.value("award", nlohmann::json()).is_string() ||
            !a.value("year", nlohmann::json()).is_number_integer()) {
          errors.push_back({"awards", "error.invalid_type"});
          break;
        }
        d.awards.push_back({a["program"].get<std::string>(), a["year"].get<int>(), a["award"].get<std::string>()});
      }
    }
  }
  if (!errors.empty()) return Error(ErrorCode::invalid, "draft_from_json: wrong types", std::move(errors));
  return d;
}

}  // namespace lumbung::directory
