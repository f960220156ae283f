#include "replication/replication_index.hpp"

#include <xapian.h>

#include <nlohmann/json.hpp>

#include "directory/innovation_search.hpp"
#include "replication/replication_rules.hpp"
#include "replication/replication_store.hpp"
#include "store/database.hpp"

namespace lumbung::replication {

search::EntitySource with_replication_counts(search::EntitySource inner) {
  search::EntitySource out;
  out.list_ids = inner.list_ids;
  out.load = [load = inner.load](soci::session& sql, std::int64_t id) -> Result<std::optional<search::IndexDocument>> {
    auto doc = load(sql, id);
    if (!doc || !doc->has_value()) return doc;
    try {
      const auto region = (*doc)->values.count(directory::kSlotRegion) ? (*doc)->values[directory::kSlotRegion] : "";
      const auto count = count_adopting_regions(adoptions_of(sql, id), region);
      (*doc)->values[directory::kSlotReplications] = Xapian::sortable_serialise(static_cast<double>(count));
      // Result cards show the count; the "replicable" facet filters on XW1.
      auto data = nlohmann::json::parse((*doc)->data, nullptr, false);
      if (data.is_object()) {
        data["replicated"] = count;
        (*doc)->data = data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      }
      if (auto offer = find_offer(sql, id); offer && offer->willing) (*doc)->boolean_terms.push_back(kReplicableTerm);
    } catch (const std::exception& e) {
      return store::translate_sql_error(e, "load_replication_count");
    }
    return doc;
  };
  return out;
}

}  // namespace lumbung::replication
