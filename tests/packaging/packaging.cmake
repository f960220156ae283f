# The Debian package: `cpack -G DEB` builds it, its contents list the expected
# paths, and the binary extracted from it serves with the packaged resources
# and configuration.
add_test(NAME packaging_deb
  COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/deb_test.sh ${PROJECT_BINARY_DIR} ${PROJECT_VERSION})
set_tests_properties(packaging_deb PROPERTIES LABELS integration TIMEOUT 300)
