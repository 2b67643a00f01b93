# One helper registers every C++ test (Abseil style): a GoogleTest binary named after
# its path, linked to the libraries it tests, discovered by CTest one test case at a time.
include(GoogleTest)

# xinzhi_cc_test(NAME name SRCS a.cpp b.cpp DEPS xinzhi_base ...)
# The ThreadSanitizer build registers only the tests where threads meet: the store (one
# connection per thread, write locks), the HTTP server (worker pool, sessions, throttle)
# and the foresight scheduler (its test drives scheduled reruns through the server).
set(XINZHI_TSAN_TESTS store_database_test server_api_server_test server_access_test server_foresight_routes_test
  server_http_listener_test server_streamed_body_test)

function(xinzhi_cc_test)
  cmake_parse_arguments(T "" "NAME" "SRCS;DEPS" ${ARGN})
  if(XINZHI_TSAN AND NOT T_NAME IN_LIST XINZHI_TSAN_TESTS)
    return()
  endif()
  add_executable(${T_NAME} ${T_SRCS})
  # Tests that can write to a database audit their writes as the actor "test", and run
  # twice: on SQLite files, and (but in the TSan build) on the PostgreSQL test cluster.
  set(on_database OFF)
  if(T_DEPS MATCHES "xinzhi_(store|modules|module_|server)")
    set(on_database ON)
    target_link_libraries(${T_NAME} PRIVATE xinzhi_test_database)
  endif()
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  target_compile_definitions(${T_NAME} PRIVATE
    XINZHI_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    XINZHI_DEFAULT_SHARED_DATA="${PROJECT_SOURCE_DIR}/../shared/data")
  # Every test case has a deadline: a hung server test must fail, not hold CI until its limit.
  gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit TIMEOUT 300)
  if(on_database AND NOT XINZHI_TSAN)
    gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60 TEST_PREFIX "pg:"
      PROPERTIES LABELS postgres TIMEOUT 300 FIXTURES_REQUIRED postgres
      ENVIRONMENT "XINZHI_TEST_POSTGRES=${PROJECT_BINARY_DIR}/postgres/url")
  endif()
endfunction()
