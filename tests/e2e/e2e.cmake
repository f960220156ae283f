# Browser tests (label "e2e"): node's test runner drives Debian's chromium with
# playwright-core against the real binary. scripts/setup.sh installs both.
find_program(NODE_EXECUTABLE node)
if(NODE_EXECUTABLE)
  add_test(NAME e2e_browser
    COMMAND ${NODE_EXECUTABLE} --test --test-concurrency=1
    WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR})
  set_tests_properties(e2e_browser PROPERTIES LABELS e2e TIMEOUT 900
    ENVIRONMENT "LUMBUNG_BIN=${PROJECT_BINARY_DIR}/lumbung;LUMBUNG_ARTIFACTS=${PROJECT_SOURCE_DIR}/test-artifacts")
endif()
