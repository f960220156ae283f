#include "directory/synonym_service.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "auth/audit.hpp"
#include "directory/innovation_rules.hpp"
#include "directory/synonym_store.hpp"

namespace lumbung::directory {

namespace {

constexpr std::size_t kMaxPhrases = 20;
constexpr std::size_t kMaxPhraseChars = 80;
constexpr std::size_t kMaxPhraseWords = 6;
constexpr std::size_t kMaxNoteChars = 500;

// A group as the curator wrote it, checked and normalised.
struct CheckedGroup {
  std::vector<std::string> phrases;  // normalised, distinct, in the given order
  std::string note;                  // trimmed
};

// Normalises and checks phrases and note; the field errors name "phrases"
// and "note" (one message each, the first rule broken).
Result<CheckedGroup> check(const char *op, const std::vector<std::string> &phrases, const std::string &note) {
  CheckedGroup out;
  std::vector<FieldError> errors;
  const char *phrase_error = nullptr;
  for (const auto &raw : phrases) {
    if (!clean_text(raw)) {
      phrase_error = "error.invalid_text";
      break;
    }
    auto n = search::normalize_phrase(raw);
    if (n.empty() || std::find(out.phrases.begin(), out.phrases.end(), n) != out.phrases.end()) continue;
    const auto words = static_cast<std::size_t>(std::count(n.begin(), n.end(), ' ')) + 1;
    if (char_count(n) > kMaxPhraseChars || words > kMaxPhraseWords) phrase_error = "error.synonym_phrase_long";
    out.phrases.push_back(std::move(n));
  }
  if (phrase_error == nullptr && out.phrases.size() > kMaxPhrases) phrase_error = "error.synonym_too_many";
  if (phrase_error == nullptr && out.phrases.size() < 2) phrase_error = "error.synonym_too_few";
  if (phrase_error != nullptr) errors.push_back({"phrases", phrase_error});
  if (!clean_text(note)) {
    errors.push_back({"note", "error.invalid_text"});
  } else {
    out.note = trim(note);
    if (char_count(out.note) > kMaxNoteChars) errors.push_back({"note", "error.too_long"});
  }
  if (!errors.empty()) return Error(ErrorCode::invalid, std::string(op) + ": invalid synonym group", std::move(errors));
  return out;
}

std::string group_json(const SynonymGroup &g) {
  return nlohmann::json{{"phrases", g.phrases}, {"note", g.note}}.dump(-1, ' ', false,
                                                                       nlohmann::json::error_handler_t::replace);
}

Status audit(soci::session &sql, std::int64_t actor, const char *action, std::int64_t id, const std::string &before,
             const std::string &after, std::int64_t now) {
  auth::AuditRecord record;
  record.actor_user_id = actor;
  record.action = action;
  record.entity = "search_synonym";
  record.entity_id = std::to_string(id);
  record.before_json = before;
  record.after_json = after;
  record.at = now;
  return auth::append_audit(sql, record);
}

Error no_group(const char *op, std::int64_t id) {
  return Error(ErrorCode::not_found, std::string(op) + ": no synonym group " + std::to_string(id));
}

}  // namespace

Result<std::vector<SynonymGroup>> SynonymService::list() {
  std::vector<SynonymGroup> groups;
  {
    auto sql = db_.acquire();
    try {
      groups = list_synonym_groups(*sql);
    } catch (const std::exception &e) {
      return store::translate_sql_error(e, "list_synonyms");
    }
  }
  std::stable_sort(groups.begin(), groups.end(), [](const SynonymGroup &a, const SynonymGroup &b) {
    if (a.phrases.empty() || b.phrases.empty()) return !a.phrases.empty() && b.phrases.empty();
    return a.phrases.front() < b.phrases.front();
  });
  return groups;
}

Result<SynonymGroup> SynonymService::get(std::int64_t id) {
  auto sql = db_.acquire();
  try {
    auto found = find_synonym_group(*sql, id);
    if (!found) return no_group("get_synonym", id);
    return std::move(*found);
  } catch (const std::exception &e) {
    return store::translate_sql_error(e, "get_synonym");
  }
}

Result<SynonymGroup> SynonymService::create(std::int64_t actor, const std::vector<std::string> &phrases,
                                            const std::string &note) {
  auto checked = check("create_synonym", phrases, note);
  if (!checked) return checked.error();
  const auto now = clock_.now();
  auto created = db_.transact("create_synonym", [&](soci::session &sql) -> Result<SynonymGroup> {
    auto id = store::next_id(sql, "search_synonyms");
    if (!id) return id.error();
    SynonymGroup g{*id, checked->phrases, checked->note, now, actor};
    insert_synonym_group(sql, g);
    if (auto st = audit(sql, actor, "synonym.create", g.id, "", group_json(g), now); !st) return st.error();
    return g;
  });
  if (created) {
    std::lock_guard lock(mu_);
    stale_ = true;
  }
  return created;
}

Result<SynonymGroup> SynonymService::update(std::int64_t actor, std::int64_t id,
                                            const std::vector<std::string> &phrases, const std::string &note) {
  auto checked = check("update_synonym", phrases, note);
  if (!checked) return checked.error();
  const auto now = clock_.now();
  auto updated = db_.transact("update_synonym", [&](soci::session &sql) -> Result<SynonymGroup> {
    auto before = find_synonym_group(sql, id);
    if (!before) return no_group("update_synonym", id);
    SynonymGroup g{id, checked->phrases, checked->note, now, actor};
    update_synonym_group(sql, g);
    if (auto st = audit(sql, actor, "synonym.update", id, group_json(*before), group_json(g), now); !st)
      return st.error();
    return g;
  });
  if (updated) {
    std::lock_guard lock(mu_);
    stale_ = true;
  }
  return updated;
}

Status SynonymService::remove(std::int64_t actor, std::int64_t id) {
  const auto now = clock_.now();
  auto removed = db_.transact("remove_synonym", [&](soci::session &sql) -> Status {
    auto before = find_synonym_group(sql, id);
    if (!before) return no_group("remove_synonym", id);
    delete_synonym_group(sql, id);
    return audit(sql, actor, "synonym.remove", id, group_json(*before), "", now);
  });
  if (removed) {
    std::lock_guard lock(mu_);
    stale_ = true;
  }
  return removed;
}

std::shared_ptr<const search::Synonyms> SynonymService::dictionary() {
  // The lock is held while loading, so a change made meanwhile (which marks
  // the dictionary stale after its commit) is never overwritten by an older
  // read.
  std::lock_guard lock(mu_);
  const auto now = clock_.now();
  if (current_ && !stale_ && now - loaded_at_ < kReloadSeconds && now >= loaded_at_) return current_;
  try {
    auto sql = db_.acquire();
    auto groups = list_synonym_groups(*sql);
    auto built = std::make_shared<search::Synonyms>();
    for (const auto &g : groups) built->add_group(g.phrases);
    current_ = std::move(built);
  } catch (const std::exception &) {
    // Keep answering with the last dictionary; try again after kReloadSeconds.
    if (!current_) current_ = std::make_shared<const search::Synonyms>();
  }
  loaded_at_ = now;
  stale_ = false;
  return current_;
}

}  // namespace lumbung::directory
