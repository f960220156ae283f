// The outbox -> index suite on PostgreSQL (SQLite runs in unit_search).
#include "unit/search/indexer_suite.hpp"

namespace lumbung::search {

INSTANTIATE_TEST_SUITE_P(Engines, IndexerSuite, ::testing::Values("postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace lumbung::search
