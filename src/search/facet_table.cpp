#include "search/facet_table.hpp"

#include <set>

namespace lumbung::search {
namespace {

// Every "<prefix><value>" term's documents, by value.
FacetTable::ValueSets load_prefix(const Xapian::Database& db, const std::string& prefix) {
  FacetTable::ValueSets sets;
  for (auto t = db.allterms_begin(prefix); t != db.allterms_end(prefix); ++t) {
    auto bits = std::make_shared<Bits>(db.get_lastdocid() + 1);
    for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p) bits->set(*p);
    sets.emplace((*t).substr(prefix.size()), std::move(bits));
  }
  return sets;
}

// Applies one change to `sets` (values of one prefix); sets cloned in this
// update are in `owned`, so each is copied at most once per update.
void apply(FacetTable::ValueSets& sets, std::set<const Bits*>& owned, const std::string& prefix,
           const FacetTable::Change& change) {
  auto writable = [&](std::shared_ptr<const Bits>& slot) -> Bits& {
    if (!owned.count(slot.get())) {
      slot = std::make_shared<Bits>(*slot);
      owned.insert(slot.get());
    }
    return const_cast<Bits&>(*slot);  // a copy this update made and nobody else holds yet
  };
  for (auto& [value, bits] : sets)
    if (bits->test(change.id)) writable(bits).reset(change.id);
  if (change.removed) return;
  for (const auto& term : change.terms) {
    if (term.size() <= prefix.size() || term.compare(0, prefix.size(), prefix) != 0) continue;
    auto& slot = sets[term.substr(prefix.size())];
    if (!slot) {
      slot = std::make_shared<Bits>();
      owned.insert(slot.get());
    }
    writable(slot).set(change.id);
  }
}

}  // namespace

FacetTable::FacetTable(std::vector<FacetSpec> specs, const Xapian::Database& db) : specs_(std::move(specs)) {
  for (const auto& spec : specs_) values_.push_back(load_prefix(db, spec.prefix));
  entities_ = load_prefix(db, kEntityPrefix);
}

std::shared_ptr<const FacetTable> FacetTable::with(const std::vector<Change>& changes) const {
  auto next = std::make_shared<FacetTable>(*this);
  std::set<const Bits*> owned;
  for (const auto& change : changes) {
    for (std::size_t f = 0; f < next->specs_.size(); ++f) apply(next->values_[f], owned, next->specs_[f].prefix, change);
    apply(next->entities_, owned, kEntityPrefix, change);
  }
  return next;
}

int FacetTable::find(const std::string& name) const {
  for (std::size_t i = 0; i < specs_.size(); ++i)
    if (specs_[i].name == name) return static_cast<int>(i);
  return -1;
}

const Bits& FacetTable::entity(const std::string& name) const {
  static const Bits kEmpty;
  const auto found = entities_.find(name);
  return found == entities_.end() ? kEmpty : *found->second;
}

}  // namespace lumbung::search
