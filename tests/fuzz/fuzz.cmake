# libFuzzer targets (built with -DLUMBUNG_FUZZ=ON and clang++). Run e.g.
#   build-fuzz/http_parse_fuzz -max_total_time=60 tests/fuzz/corpus/http_parse
lumbung_fuzzer(http_parse_fuzz SOURCE tests/fuzz/http_parse_fuzz.cpp DEPS lumbung_http)
lumbung_fuzzer(http_request_fuzz SOURCE tests/fuzz/http_request_fuzz.cpp DEPS lumbung_http)

lumbung_fuzzer(api_json_fuzz SOURCE tests/fuzz/api_json_fuzz.cpp DEPS lumbung_api)
lumbung_fuzzer(search_params_fuzz SOURCE tests/fuzz/search_params_fuzz.cpp DEPS lumbung_api)
lumbung_fuzzer(search_query_fuzz SOURCE tests/fuzz/search_query_fuzz.cpp DEPS lumbung_search)
lumbung_fuzzer(unsubscribe_token_fuzz SOURCE tests/fuzz/unsubscribe_token_fuzz.cpp DEPS lumbung_notify)
lumbung_fuzzer(iid_form_fuzz SOURCE tests/fuzz/iid_form_fuzz.cpp DEPS lumbung_web)

lumbung_fuzzer(replication_input_fuzz SOURCE tests/fuzz/replication_input_fuzz.cpp DEPS lumbung_replication)
lumbung_fuzzer(enrol_csv_fuzz SOURCE tests/fuzz/enrol_csv_fuzz.cpp DEPS lumbung_labs)
lumbung_fuzzer(backup_archive_fuzz SOURCE tests/fuzz/backup_archive_fuzz.cpp DEPS lumbung_cli)
lumbung_fuzzer(markdown_fuzz SOURCE tests/fuzz/markdown_fuzz.cpp DEPS lumbung_portal)

lumbung_fuzzer(upload_fuzz SOURCE tests/fuzz/upload_fuzz.cpp DEPS lumbung_web)
lumbung_fuzzer(profile_form_fuzz SOURCE tests/fuzz/profile_form_fuzz.cpp DEPS lumbung_web lumbung_labs)
lumbung_fuzzer(csv_reader_fuzz SOURCE tests/fuzz/csv_reader_fuzz.cpp DEPS lumbung_curation)
lumbung_fuzzer(xlsx_reader_fuzz SOURCE tests/fuzz/xlsx_reader_fuzz.cpp DEPS lumbung_curation)
