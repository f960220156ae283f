# Black-box tests of the real binary (label "integration"): they start
# `lumbung serve --port 0` on loopback and talk HTTP to it.
file(GLOB integration_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*_test.cpp)
add_executable(integration_tests ${integration_sources} ${PROJECT_SOURCE_DIR}/tests/support/server_process.cpp
  ${PROJECT_SOURCE_DIR}/tests/support/temp_root.cpp)
target_include_directories(integration_tests PRIVATE ${PROJECT_SOURCE_DIR}/tests ${PROJECT_SOURCE_DIR}/src)
target_link_libraries(integration_tests PRIVATE GTest::gtest GTest::gtest_main Threads::Threads nlohmann_json::nlohmann_json ZLIB::ZLIB)
target_compile_definitions(integration_tests PRIVATE
  LUMBUNG_SOURCE_DIR="${PROJECT_SOURCE_DIR}" LUMBUNG_BINARY_DIR="${PROJECT_BINARY_DIR}")
add_dependencies(integration_tests lumbung)
gtest_discover_tests(integration_tests PROPERTIES LABELS integration
  FIXTURES_REQUIRED postgres ENVIRONMENT LUMBUNG_TEST_PG_DIR=${PROJECT_BINARY_DIR}/test-pg
  DISCOVERY_TIMEOUT 60)
target_link_libraries(integration_tests PRIVATE PkgConfig::SQLITE3)
