#include "directory/synonym_store.hpp"

#include <nlohmann/json.hpp>

#include "store/row.hpp"

namespace lumbung::directory {

namespace {

using store::get_int64;
using store::get_text;

constexpr const char *kSelectColumns = "SELECT id, phrases, note, updated_at, updated_by FROM search_synonyms ";
constexpr const char *kOrderById = "ORDER BY id";
constexpr const char *kWhereId = "WHERE id = :id";
constexpr const char *kInsertGroup =
    "INSERT INTO search_synonyms (id, phrases, note, updated_at, updated_by) "
    "VALUES (:id, :phrases, :note, :updated_at, :updated_by)";
constexpr const char *kUpdateGroup =
    "UPDATE search_synonyms SET phrases = :phrases, note = :note, updated_at = "
    ":updated_at, "
    "updated_by = :updated_by WHERE id = :id";
constexpr const char *kDeleteGroup = "DELETE FROM search_synonyms WHERE id = :id";

SynonymGroup from_row(const soci::row &r) {
  SynonymGroup g;
  g.id = get_int64(r, 0);
  g.phrases = phrases_from_json(get_text(r, 1));
  g.note = get_text(r, 2);
  g.updated_at = get_int64(r, 3);
  g.updated_by = get_int64(r, 4);
  return g;
}

// Binds the columns of `g` to `kInsertGroup` or `kUpdateGroup` and runs it.
void write(soci::session &sql, const char *statement, const SynonymGroup &g) {
  long long id = g.id, updated_at = g.updated_at, updated_by = g.updated_by;
  const std::string phrases = phrases_to_json(g.phrases);
  sql << statement, soci::use(id, "id"), soci::use(phrases, "phrases"), soci::use(g.note, "note"),
      soci::use(updated_at, "updated_at"), soci::use(updated_by, "updated_by");
}

}  // namespace

std::vector<SynonymGroup> list_synonym_groups(soci::session &sql) {
  std::vector<SynonymGroup> out;
  soci::rowset<soci::row> rs = sql.prepare << std::string(kSelectColumns) + kOrderById;
  for (const auto &r : rs) out.push_back(from_row(r));
  return out;
}

std::optional<SynonymGroup> find_synonym_group(soci::session &sql, std::int64_t id) {
  long long lid = id;
  soci::rowset<soci::row> rs = (sql.prepare << std::string(kSelectColumns) + kWhereId, soci::use(lid, "id"));
  for (const auto &r : rs) return from_row(r);
  return std::nullopt;
}

void insert_synonym_group(soci::session &sql, const SynonymGroup &group) { write(sql, kInsertGroup, group); }

void update_synonym_group(soci::session &sql, const SynonymGroup &group) { write(sql, kUpdateGroup, group); }

void delete_synonym_group(soci::session &sql, std::int64_t id) {
  long long lid = id;
  sql << kDeleteGroup, soci::use(lid, "id");
}

std::string phrases_to_json(const std::vector<std::string> &phrases) {
  return nlohmann::json(phrases).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::vector<std::string> phrases_from_json(const std::string &text) {
  std::vector<std::string> out;
  const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!parsed.is_array()) return out;
  for (const auto &p : parsed)
    if (p.is_string()) out.push_back(p.get<std::string>());
  return out;
}

}  // namespace lumbung::directory
