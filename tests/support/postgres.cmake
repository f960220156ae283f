# PostgreSQL for tests: a CTest fixture that starts a throwaway server
# (tests/support/pg.sh) before the suites that need it and stops it after.
#
#   ctest -R 'pg_|_contract' --output-on-failure
#
# Test names start with their binary's name (store_contract., search_contract.).
#
# pg_start writes the server URL to ${LUMBUNG_TEST_PG_DIR}/url; the contract
# binaries read it (TestDatabase in support/test_db.hpp). Without it their
# PostgreSQL cases skip, or fail when CI=true. The SQLite cases always run.
set(LUMBUNG_TEST_PG_DIR ${CMAKE_BINARY_DIR}/test-pg)

add_test(NAME pg_start COMMAND bash ${PROJECT_SOURCE_DIR}/tests/support/pg.sh start ${LUMBUNG_TEST_PG_DIR})
set_tests_properties(pg_start PROPERTIES FIXTURES_SETUP postgres LABELS integration TIMEOUT 600)
add_test(NAME pg_stop COMMAND bash ${PROJECT_SOURCE_DIR}/tests/support/pg.sh stop ${LUMBUNG_TEST_PG_DIR})
set_tests_properties(pg_stop PROPERTIES FIXTURES_CLEANUP postgres LABELS integration)

# lumbung_contract_test(name DIR tests/unit/x/contract DEPS ...): a GoogleTest
# binary whose cases run on both engines, so it requires the fixture.
function(lumbung_contract_test name)
  cmake_parse_arguments(C "" "DIR" "DEPS" ${ARGN})
  file(GLOB sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${C_DIR}/*_test.cpp)
  if(NOT sources)
    return()
  endif()
  add_executable(${name} ${sources} ${PROJECT_SOURCE_DIR}/tests/support/temp_root.cpp)
  target_link_libraries(${name} PRIVATE ${C_DEPS} GTest::gtest GTest::gtest_main)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_compile_options(${name} PRIVATE ${LUMBUNG_WARNINGS})
  target_compile_definitions(${name} PRIVATE
    LUMBUNG_SOURCE_DIR="${PROJECT_SOURCE_DIR}" LUMBUNG_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name}
    TEST_PREFIX ${name}.
    DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS integration FIXTURES_REQUIRED postgres
               ENVIRONMENT LUMBUNG_TEST_PG_DIR=${LUMBUNG_TEST_PG_DIR})
endfunction()

lumbung_contract_test(store_contract DIR tests/unit/store/contract DEPS lumbung_store)
lumbung_contract_test(search_contract DIR tests/unit/search/contract DEPS lumbung_search)
lumbung_contract_test(auth_contract DIR tests/unit/auth/contract DEPS lumbung_auth)
lumbung_contract_test(directory_contract DIR tests/unit/directory/contract DEPS lumbung_directory)
lumbung_contract_test(mail_contract DIR tests/unit/mail/contract DEPS lumbung_mail)
lumbung_contract_test(notify_contract DIR tests/unit/notify/contract DEPS lumbung_notify)
lumbung_contract_test(index_contract DIR tests/unit/index/contract DEPS lumbung_index)
lumbung_contract_test(labs_contract DIR tests/unit/labs/contract DEPS lumbung_labs)
lumbung_contract_test(portal_contract DIR tests/unit/portal/contract DEPS lumbung_portal)
lumbung_contract_test(competition_contract DIR tests/unit/competition/contract DEPS lumbung_competition)
lumbung_contract_test(curation_contract DIR tests/unit/curation/contract DEPS lumbung_curation lumbung_validation)
lumbung_contract_test(validation_contract DIR tests/unit/validation/contract DEPS lumbung_validation)
lumbung_contract_test(replication_contract DIR tests/unit/replication/contract DEPS lumbung_replication)
