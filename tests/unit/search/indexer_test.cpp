// The outbox -> index suite on SQLite; search_contract runs it on PostgreSQL.
#include "unit/search/indexer_suite.hpp"

namespace lumbung::search {

INSTANTIATE_TEST_SUITE_P(Sqlite, IndexerSuite, ::testing::Values("sqlite"),
                         [](const auto& info) { return info.param; });

}  // namespace lumbung::search
