# Stress, hostile-client, crash-consistency and security tests against the real
# binary, as Python scripts (standard library only; see tests/stress/README.md).
# CI-sized here; each script takes flags for longer runs.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  set(_stress ${CMAKE_CURRENT_LIST_DIR})
  # Sanitizer builds grow their resident size by design (the allocator's quarantine).
  set(_soak_flags "")
  set(_hostile_flags "")
  if(LUMBUNG_SANITIZED)
    set(_soak_flags --no-memory-check)
    set(_hostile_flags --memory-mb 1024)
  endif()
  add_test(NAME stress_soak COMMAND ${Python3_EXECUTABLE} ${_stress}/soak.py --binary $<TARGET_FILE:lumbung> --seconds 60 ${_soak_flags})
  set_tests_properties(stress_soak PROPERTIES LABELS stress TIMEOUT 300)
  add_test(NAME stress_hostile COMMAND ${Python3_EXECUTABLE} ${_stress}/hostile.py --binary $<TARGET_FILE:lumbung> ${_hostile_flags})
  add_test(NAME stress_crash COMMAND ${Python3_EXECUTABLE} ${_stress}/crash.py --binary $<TARGET_FILE:lumbung> --rounds 10)
  add_test(NAME stress_security COMMAND ${Python3_EXECUTABLE} ${_stress}/security.py --binary $<TARGET_FILE:lumbung>)
  set_tests_properties(stress_hostile stress_security PROPERTIES LABELS "stress;integration" TIMEOUT 300)
  set_tests_properties(stress_crash PROPERTIES LABELS stress TIMEOUT 600)
endif()
