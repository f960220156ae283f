#include "core/i18n.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

namespace lumbung {

namespace {
constexpr std::array<std::string_view, 2> kLanguages = {"id", "en"};

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}
}  // namespace

namespace {
// Reads one flat JSON catalogue file into `map`; a key defined twice is an error.
Status read_catalogue_file(const std::filesystem::path& path, std::map<std::string, std::string, std::less<>>& map) {
  std::ifstream in(path);
  if (!in) return Error(ErrorCode::unavailable, "i18n: cannot read " + path.string());
  std::stringstream ss;
  ss << in.rdbuf();
  auto json = nlohmann::json::parse(ss.str(), nullptr, false);
  if (json.is_discarded() || !json.is_object())
    return Error(ErrorCode::invalid, "i18n: not a JSON object (" + path.string() + ")");
  for (auto& [k, v] : json.items()) {
    if (!v.is_string()) return Error(ErrorCode::invalid, "i18n: value is not a string (" + k + ")");
    if (!map.emplace(k, v.get<std::string>()).second)
      return Error(ErrorCode::invalid, "i18n: key defined twice (" + k + " in " + path.string() + ")");
  }
  return {};
}
}  // namespace

Result<Catalog> Catalog::load(const std::filesystem::path& dir) {
  Catalog c;
  for (auto lang : kLanguages) {
    auto& map = c.langs_[std::string(lang)];
    if (auto s = read_catalogue_file(dir / (std::string(lang) + ".json"), map); !s) return s.error();
    // Each area of the site may keep its texts in <dir>/<lang>/<area>.json.
    auto area_dir = dir / std::string(lang);
    std::error_code ec;
    if (!std::filesystem::is_directory(area_dir, ec)) continue;
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(area_dir))
      if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
      if (auto s = read_catalogue_file(f, map); !s) return s.error();
  }
  const auto& base = c.langs_.at(std::string(kDefaultLang));
  for (auto& [lang, map] : c.langs_) {
    for (auto& [k, v] : base)
      if (!map.contains(k)) return Error(ErrorCode::invalid, "i18n: key missing in " + lang + " (" + k + ")");
    for (auto& [k, v] : map)
      if (!base.contains(k)) return Error(ErrorCode::invalid, "i18n: key missing in id (" + k + ")");
  }
  return c;
}

Catalog Catalog::from_maps(std::map<std::string, std::map<std::string, std::string>> langs) {
  Catalog c;
  for (auto& [lang, map] : langs) c.langs_[lang] = {map.begin(), map.end()};
  return c;
}

const std::string& Catalog::text(std::string_view lang, std::string_view key) const {
  static const std::string kEmpty;
  for (auto l : {lang, kDefaultLang}) {
    auto it = langs_.find(l);
    if (it == langs_.end()) continue;
    auto k = it->second.find(key);
    if (k != it->second.end()) return k->second;
  }
  // Unknown key: show the key itself, so a missing text is visible, not blank.
  thread_local std::string fallback;
  fallback.assign(key);
  return key.empty() ? kEmpty : fallback;
}

const std::map<std::string, std::string, std::less<>>& Catalog::all(std::string_view lang) const {
  static const std::map<std::string, std::string, std::less<>> kNone;
  auto it = langs_.find(lang);
  if (it != langs_.end()) return it->second;
  it = langs_.find(kDefaultLang);
  return it != langs_.end() ? it->second : kNone;
}

bool Catalog::supports(std::string_view lang) const { return langs_.find(lang) != langs_.end(); }

std::vector<std::string> Catalog::languages() const {
  std::vector<std::string> out;
  for (auto& [l, m] : langs_) out.push_back(l);
  return out;
}

std::string choose_language(const Catalog& catalog, std::string_view cookie_lang,
                            std::string_view accept_language) {
  if (!cookie_lang.empty() && catalog.supports(lower(cookie_lang))) return lower(cookie_lang);
  std::string best;
  double best_q = 0.0;
  std::string_view rest = accept_language;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto item = trim(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    auto semi = item.find(';');
    auto tag = lower(trim(item.substr(0, semi)));
    double q = 1.0;
    if (semi != std::string_view::npos) {
      auto params = trim(item.substr(semi + 1));
      if (params.rfind("q=", 0) == 0) {
        try {
          q = std::stod(std::string(params.substr(2)));
        } catch (...) {
          q = 0.0;
        }
      }
    }
    auto primary = tag.substr(0, tag.find('-'));
    if (q > best_q && catalog.supports(primary)) {
      best = primary;
      best_q = q;
    }
  }
  return best.empty() ? std::string(kDefaultLang) : best;
}

std::string fill(std::string text, const std::map<std::string, std::string>& values) {
  for (const auto& [k, v] : values) {
    const std::string mark = "{{" + k + "}}";
    for (auto pos = text.find(mark); pos != std::string::npos; pos = text.find(mark, pos + v.size()))
      text.replace(pos, mark.size(), v);
  }
  return text;
}

}  // namespace lumbung
