// Mustache templates loaded once from templates/ ("home/index.mustache" is the
// view "home/index"), rendered with a per-language base (the i18n catalogue as
// `t`, e.g. {{t.nav.home}}) under the page's own data. Thread-safe: each thread
// keeps its own compiled copy of a template.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include "core/i18n.hpp"
#include "core/result.hpp"

namespace lumbung::web {

namespace mustache = kainjow::mustache;

// JSON -> mustache data (objects, arrays, strings, numbers, booleans; null is false).
mustache::data to_mustache(const nlohmann::json& value);

class Views {
 public:
  // Loads every *.mustache under `dir`; fails on a template that does not parse.
  static Result<Views> load(const std::filesystem::path& dir, const Catalog& catalog);

  bool has(const std::string& name) const { return sources_->count(name) != 0; }
  // Renders view `name` in `lang` with `model` on top of the language base.
  Result<std::string> render(const std::string& name, const std::string& lang, const nlohmann::json& model) const;

 private:
  std::shared_ptr<const std::map<std::string, std::string>> sources_;
  std::shared_ptr<const std::map<std::string, mustache::data>> bases_;  // per language
  std::uint64_t id_ = 0;
};

}  // namespace lumbung::web
