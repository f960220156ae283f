// The IID service and public rankings of the running site, shared by the IID
// pages and the JSON API (api/iid_handlers.cpp), so both use one framework
// cache and one ranking cache.
#pragma once

#include <string>
#include <vector>

#include "index/iid_service.hpp"
#include "web/site.hpp"

namespace lumbung::web {

index::IidService& iid_service(const Site& site);
// The ranking of cluster `kind` (cluster_kind(): province, regency, city,
// perbatasan, tertinggal; "" = all) of `year`, ranked within the cluster;
// computed at most once per 10 s.
Result<std::vector<index::RankingRow>> iid_ranking(const Site& site, int year, const std::string& kind);

}  // namespace lumbung::web
