#include "web/views.hpp"

#include <atomic>
#include <fstream>
#include <sstream>
#include <unordered_map>

namespace lumbung::web {

namespace {

std::atomic<std::uint64_t> next_views_id{1};

// Flat "a.b.c" keys -> nested JSON objects, so templates can say {{t.a.b.c}}.
nlohmann::json nest(const std::map<std::string, std::string, std::less<>>& flat) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, text] : flat) {
    nlohmann::json* node = &out;
    std::size_t start = 0;
    while (true) {
      auto dot = key.find('.', start);
      auto part = key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
      if (dot == std::string::npos) {
        if (node->is_object()) (*node)[part] = text;
        break;
      }
      if (!node->is_object()) break;
      node = &(*node)[part];
      if (node->is_null()) *node = nlohmann::json::object();
      start = dot + 1;
    }
  }
  return out;
}

}  // namespace

mustache::data to_mustache(const nlohmann::json& v) {
  switch (v.type()) {
    case nlohmann::json::value_t::object: {
      mustache::data d = mustache::data::type::object;
      for (auto it = v.begin(); it != v.end(); ++it) d.set(it.key(), to_mustache(it.value()));
      return d;
    }
    case nlohmann::json::value_t::array: {
      mustache::data d = mustache::data::type::list;
      for (const auto& item : v) d.push_back(to_mustache(item));
      return d;
    }
    case nlohmann::json::value_t::string: return mustache::data(v.get<std::string>());
    case nlohmann::json::value_t::boolean:
      return v.get<bool>() ? mustache::data::type::bool_true : mustache::data::type::bool_false;
    case nlohmann::json::value_t::number_integer: return mustache::data(std::to_string(v.get<long long>()));
    case nlohmann::json::value_t::number_unsigned:
      return mustache::data(std::to_string(v.get<unsigned long long>()));
    case nlohmann::json::value_t::number_float: return mustache::data(v.dump());
    default: return mustache::data::type::bool_false;
  }
}

Result<Views> Views::load(const std::filesystem::path& dir, const Catalog& catalog) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec))
    return Error(ErrorCode::unavailable, "views: no templates directory (" + dir.string() + ")");
  auto sources = std::make_shared<std::map<std::string, std::string>>();
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    auto name = std::filesystem::relative(entry.path(), dir).replace_extension().generic_string();
    mustache::mustache check(ss.str());
    if (!check.is_valid())
      return Error(ErrorCode::invalid, "views: " + name + ": " + check.error_message());
    (*sources)[name] = ss.str();
  }
  auto bases = std::make_shared<std::map<std::string, mustache::data>>();
  for (const auto& lang : catalog.languages()) {
    mustache::data base = mustache::data::type::object;
    base.set("t", to_mustache(nest(catalog.all(lang))));
    // Templates under partials/ are available as {{> partials/name}}: the
    // slash keeps them apart from page data of the same name.
    for (const auto& [name, text] : *sources)
      if (name.rfind("partials/", 0) == 0) {
        std::string partial_text = text;  // a structured binding cannot be captured before C++20 P1091 (clang 14)
        base.set(name, mustache::partial([partial_text] { return partial_text; }));
      }
    (*bases)[lang] = std::move(base);
  }
  Views v;
  v.sources_ = std::move(sources);
  v.bases_ = std::move(bases);
  v.id_ = next_views_id++;
  return v;
}

Result<std::string> Views::render(const std::string& name, const std::string& lang,
                                  const nlohmann::json& model) const {
  auto src = sources_->find(name);
  if (src == sources_->end()) return Error(ErrorCode::not_found, "views: no template (" + name + ")");
  // Compiled templates are not safe to share between threads: keep one per thread.
  thread_local std::unordered_map<std::string, std::unique_ptr<mustache::mustache>> compiled;
  auto key = std::to_string(id_) + ":" + name;
  auto& tmpl = compiled[key];
  if (!tmpl) tmpl = std::make_unique<mustache::mustache>(src->second);
  auto base = bases_->find(lang);
  if (base == bases_->end()) base = bases_->find(std::string(kDefaultLang));
  mustache::data page = to_mustache(model);
  mustache::context<std::string> ctx(&base->second);
  ctx.push(&page);
  auto out = tmpl->render(ctx);
  if (!tmpl->is_valid()) return Error(ErrorCode::internal, "views: " + name + ": " + tmpl->error_message());
  return out;
}

}  // namespace lumbung::web
