# Xinzhi (新质). Two commands on a fresh Debian 12 machine:
#   make demo   install what is missing, build, seed the sample region, serve on :8080
#   make test   install, build, run every test (unit, CLI, HTTP, browser)
.PHONY: setup setup-test build build-asan build-tsan web demo test test-unit test-tsan test-e2e test-e2e-asan bench clean

JOBS ?= $(shell nproc)
DB ?= var/xinzhi.db
PORT ?= 8080
# Warnings are errors in CI and in the test build; a demo on a newer compiler still builds.
WERROR ?= $(if $(CI),ON,OFF)
XINZHI := build/release/src/program/xinzhi

setup:
	@scripts/setup-deps.sh

# The tests also need PostgreSQL 15 and nginx (never installed by `make demo`).
setup-test:
	@scripts/setup-deps.sh --test

build: setup
	@cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DXINZHI_WERROR=$(WERROR) >/dev/null
	@cmake --build build/release -j $(JOBS)

# The C++ tests run under AddressSanitizer and UndefinedBehaviorSanitizer.
build-asan: setup
	@cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DXINZHI_SANITIZE=ON -DXINZHI_WERROR=ON >/dev/null
	@cmake --build build/asan -j $(JOBS)

# ThreadSanitizer: only the tests where threads meet (store, HTTP server, scheduler).
TSAN_TESTS := store_database_test server_api_server_test server_access_test server_foresight_routes_test \
  server_http_listener_test server_streamed_body_test
build-tsan: setup
	@cmake -S . -B build/tsan -G Ninja -DCMAKE_BUILD_TYPE=None -DXINZHI_TSAN=ON -DXINZHI_WERROR=ON >/dev/null
	@cmake --build build/tsan -j $(JOBS) --target $(TSAN_TESTS)

web: setup
	@cd web && npm run --silent build

demo: build web
	@$(XINZHI) db migrate --db $(DB)
	@# One account per role; the passwords are public (README): for trying Xinzhi out only.
	@$(XINZHI) demo accounts --db $(DB)
	@$(XINZHI) demo scenarios --db $(DB)
	@# Real patents for the foresight heat map (CNIPA VR export); a second run adds nothing.
	@if [ -f ../shared/data/patents/cn-vr-2022.csv ]; then \
	  $(XINZHI) import patents ../shared/data/patents/cn-vr-2022.csv --format cnipa --db $(DB); fi
	@# Sample papers for the literature bursts (hand-written in the WoS and CNKI export layouts,
	@# named as samples on the page); a second run adds nothing.
	@$(XINZHI) import papers tests/cli/fixtures/literature/wos_savedrecs.txt --name "示例：WoS 纯文本格式（手写）" --db $(DB) >/dev/null
	@$(XINZHI) import papers tests/cli/fixtures/literature/cnki_refworks.txt --name "示例：知网 RefWorks 格式（手写）" --db $(DB) >/dev/null
	@# 产业关联 on the atlas: the UK 2010 table (ONS) as a stand-in, named as a sample on the page.
	@if [ -f ../shared/data/io/uk-2010-iot-domestic.csv ]; then \
	  $(XINZHI) demo linkage ../shared/data/io/uk-2010-iot-domestic.csv --db $(DB) >/dev/null; fi
	@# The sample region (chains, firms) the engineers and the task profiles stand on; a second run adds nothing.
	@$(XINZHI) demo seed --db $(DB) >/dev/null
	@# Shared engineers: twelve sample engineers and six SME requests on the sample chain.
	@$(XINZHI) demo engineers --db $(DB) >/dev/null
	@# Technology transfer: NASA's real patent portfolio (English) and six sample demands (示例).
	@if [ -f ../shared/data/matching/nasa-patents.csv ]; then \
	  $(XINZHI) transfer import ../shared/data/matching/nasa-patents.csv --format nasa --db $(DB) >/dev/null; fi
	@$(XINZHI) demo transfer --db $(DB) >/dev/null
	@# 任务清单制: a sample national demand list (示例, data/tasks) matched to the local profiles.
	@$(XINZHI) tasks import data/tasks/sample-national-demands-2026.csv --year 2026 --db $(DB) >/dev/null
	@# 新质生产力指数: the provincial science-and-technology statistics (real, 2010–2023).
	@if [ -d ../shared/data/provinces ]; then \
	  $(XINZHI) nqpf import --provinces ../shared/data/provinces --db $(DB) >/dev/null; fi
	@$(XINZHI) demo start --db $(DB) --port $(PORT)

test-unit: setup-test build-asan
	@cd build/asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  ctest --output-on-failure --timeout 900 -j $(JOBS)

test-tsan: build-tsan
	@cd build/tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions=$(CURDIR)/tests/tsan.supp \
	  ctest --output-on-failure --timeout 900 -j $(JOBS)

test-e2e: build web
	@cd web && XINZHI_BIN=../$(XINZHI) node --test --test-timeout=300000 ../tests/e2e/

# make test runs the browser tests on the sanitized build: a memory error the dashboard's requests
# reach fails them, and a third full build (release, ~8 of make test's 29 minutes) is saved.
test-e2e-asan: build-asan web
	@cd web && XINZHI_BIN=../build/asan/src/program/xinzhi ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp node --test --test-timeout=300000 ../tests/e2e/

test: test-unit test-tsan test-e2e-asan
	@echo "make test: C++ unit (ASan/UBSan), ThreadSanitizer, CLI golden, HTTP and browser tests passed"

bench: setup-test build
	@/usr/bin/python3 bench/ickg_import.py $(XINZHI)
	@/usr/bin/python3 bench/chain_atlas.py $(XINZHI)
	@/usr/bin/python3 bench/graph_metrics.py $(XINZHI)
	@/usr/bin/python3 bench/foresight_heatmap.py $(XINZHI)
	@/usr/bin/python3 bench/mcda_topsis.py $(XINZHI)
	@/usr/bin/python3 bench/io_multipliers.py $(XINZHI)
	@/usr/bin/python3 bench/dea_malmquist.py $(XINZHI)
	@/usr/bin/python3 bench/text_segment.py $(XINZHI)
	@/usr/bin/python3 bench/text_bm25.py $(XINZHI)
	@cmake --build build/release --target lemon_dispatch >/dev/null
	@/usr/bin/python3 bench/match_assign.py $(XINZHI) build/release/lemon_dispatch
	@cd web && node ../bench/first_load.mjs ../$(XINZHI)
	@/usr/bin/python3 bench/http_load.py $(XINZHI) --soak 300 $(if $(PREVIOUS),--previous $(PREVIOUS))

clean:
	rm -rf build web/dist
