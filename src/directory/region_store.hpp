// SQL of regions and units. Runs on the caller's session; writes expect the
// caller's transaction. SOCI errors propagate as exceptions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <soci/soci.h>

#include "directory/innovation.hpp"

namespace lumbung::directory {

// Inserts the embedded Kemendagri provinces, regencies and cities that are
// missing (existing rows are left as they are); returns how many were added.
int insert_reference_regions(soci::session& sql);
std::int64_t count_regions(soci::session& sql);

// Only the name (no counts): for hot paths such as search documents.
std::optional<std::string> region_name(soci::session& sql, const std::string& code);
std::optional<Region> find_region(soci::session& sql, const std::string& code);
// Regions under `parent_code` ("" = provinces), by code, each with its count
// of published innovations.
std::vector<Region> list_regions(soci::session& sql, const std::string& parent_code);

// A prepared INSERT of units, reusable for batches.
class UnitInserter {
 public:
  explicit UnitInserter(soci::session& sql);
  void insert(const Unit& unit);

 private:
  long long id_ = 0, created_at_ = 0;
  std::string region_code_, kind_, name_;
  soci::statement st_;
};

std::optional<Unit> find_unit(soci::session& sql, std::int64_t id);
std::optional<Unit> find_unit_by_name(soci::session& sql, const std::string& region_code, const std::string& name);
// Units of a region by kind then name, each with its count of published innovations.
std::vector<Unit> list_units(soci::session& sql, const std::string& region_code);

}  // namespace lumbung::directory
