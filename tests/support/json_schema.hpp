// Test support: a small checker of JSON values against the schemas of the
// OpenAPI document (src/api/openapi.json).
#pragma once

#include <algorithm>
#include <string>

#include <nlohmann/json.hpp>

namespace lumbung::testing_support {

// Checks `value` against `schema` ($ref into doc's components/schemas, type
// with nullable, required, enum, properties, additionalProperties, items).
// Returns the problems found, one per line; "" when the value conforms.
inline std::string check_schema(const nlohmann::json& doc, const nlohmann::json& schema_in,
                                const nlohmann::json& value, const std::string& path) {
  using json = nlohmann::json;
  json schema = schema_in;
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"];
    const std::string prefix = "#/components/schemas/";
    if (ref.rfind(prefix, 0) != 0) return path + ": unsupported " + ref + "\n";
    schema = doc.value("components", json::object()).value("schemas", json::object()).value(ref.substr(prefix.size()), json());
    if (schema.is_null()) return path + ": unresolved " + ref + "\n";
  }
  if (value.is_null() && schema.value("nullable", false)) return "";
  const std::string type = schema.value("type", "");
  bool ok = true;
  if (type == "object") ok = value.is_object();
  else if (type == "array") ok = value.is_array();
  else if (type == "string") ok = value.is_string();
  else if (type == "integer") ok = value.is_number_integer();
  else if (type == "number") ok = value.is_number();
  else if (type == "boolean") ok = value.is_boolean();
  if (!ok) return path + ": not a " + type + ": " + value.dump().substr(0, 80) + "\n";
  std::string out;
  if (schema.contains("enum") && std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
    out += path + ": " + value.dump() + " not in enum\n";
  if (type == "object") {
    for (const auto& r : schema.value("required", json::array()))
      if (!value.contains(r.get<std::string>())) out += path + ": missing required " + r.get<std::string>() + "\n";
    const json properties = schema.value("properties", json::object());
    const json additional = schema.value("additionalProperties", json());
    for (const auto& [k, v] : value.items()) {
      if (properties.contains(k)) out += check_schema(doc, properties[k], v, path + "." + k);
      else if (additional.is_object()) out += check_schema(doc, additional, v, path + "." + k);
    }
  }
  if (type == "array" && schema.contains("items"))
    for (std::size_t i = 0; i < value.size(); ++i)
      out += check_schema(doc, schema["items"], value[i], path + "[" + std::to_string(i) + "]");
  return out;
}

}  // namespace lumbung::testing_support
