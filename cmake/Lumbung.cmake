# lumbung_module(name SOURCES a.cpp b.cpp DEPS other_module ...)
# One static library per src/<module>; DEPS lists what it may use, so an
# include from a module it may not use fails the build.
function(lumbung_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS" ${ARGN})
  add_library(lumbung_${name} STATIC ${M_SOURCES})
  target_include_directories(lumbung_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_link_libraries(lumbung_${name} PUBLIC ${M_DEPS})
  target_compile_options(lumbung_${name} PRIVATE ${LUMBUNG_WARNINGS})
endfunction()

# lumbung_test(name LABEL unit DIR tests/unit/core DEPS lumbung_core ...)
# A GoogleTest binary from every *_test.cpp in DIR (globbed so none drops out).
function(lumbung_test name)
  cmake_parse_arguments(T "" "LABEL;DIR" "DEPS;EXTRA_SOURCES" ${ARGN})
  file(GLOB test_sources CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/${T_DIR}/*_test.cpp)
  if(NOT test_sources)
    return()
  endif()
  add_executable(${name} ${test_sources} ${T_EXTRA_SOURCES} ${PROJECT_SOURCE_DIR}/tests/support/temp_root.cpp)
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main GTest::gmock)
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  # Test code itself is compiled unoptimised (it builds in about half the time);
  # the libraries under test keep the preset's optimisation.
  target_compile_options(${name} PRIVATE ${LUMBUNG_WARNINGS} -O0)
  target_compile_definitions(${name} PRIVATE
    LUMBUNG_SOURCE_DIR="${PROJECT_SOURCE_DIR}" LUMBUNG_BINARY_DIR="${PROJECT_BINARY_DIR}")
  gtest_discover_tests(${name} PROPERTIES LABELS ${T_LABEL} DISCOVERY_TIMEOUT 60)
endfunction()

# lumbung_fuzzer(name SOURCE tests/fuzz/x_fuzz.cpp DEPS ...): a libFuzzer target,
# built only with -DLUMBUNG_FUZZ=ON and clang.
function(lumbung_fuzzer name)
  cmake_parse_arguments(F "" "SOURCE" "DEPS" ${ARGN})
  if(NOT LUMBUNG_FUZZ)
    return()
  endif()
  add_executable(${name} ${PROJECT_SOURCE_DIR}/${F_SOURCE})
  target_link_libraries(${name} PRIVATE ${F_DEPS})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  target_link_options(${name} PRIVATE -fsanitize=fuzzer,address,undefined)
  set_property(GLOBAL APPEND PROPERTY LUMBUNG_FUZZERS ${name})
endfunction()
