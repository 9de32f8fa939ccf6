# LLW — the two commands:
#   make demo   install, build, create a demo SQLite database and serve it on http://127.0.0.1:8080
#   make test   install, build and run every test
# Both work on a fresh Debian 12 machine (run as root or with sudo).

BUILD_DIR ?= build
BUILD_TYPE ?= RelWithDebInfo
JOBS ?= $(shell nproc)
DEMO_DB ?= var/demo.sqlite
DEMO_SCALE ?= commune
DEMO_YEAR ?= 2025
PORT ?= 8080
# Seconds each libFuzzer target runs in `make test` (scripts/fuzz.sh).
FUZZ_SECONDS ?= 20

.PHONY: all setup build demo serve test bench clean

all: build

setup:
	@scripts/setup.sh

$(BUILD_DIR)/CMakeCache.txt:
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: setup $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j$(JOBS)

demo: build
	@mkdir -p $(dir $(DEMO_DB))
	$(BUILD_DIR)/src/cli/llw demo --db $(DEMO_DB) --scale $(DEMO_SCALE) --year $(DEMO_YEAR) --reset
	$(BUILD_DIR)/src/cli/llw serve --db $(DEMO_DB) --port $(PORT)

# Serves an existing demo database again without recreating it.
serve: build
	$(BUILD_DIR)/src/cli/llw serve --db $(DEMO_DB) --port $(PORT)

test: build
	scripts/check_style.sh
	scripts/check_tidy.sh $(BUILD_DIR)
	scripts/run_tests.sh $(BUILD_DIR)
	scripts/fuzz.sh $(FUZZ_SECONDS)

bench: build
	bench/run_bench.sh --llw $(BUILD_DIR)/src/cli/llw

clean:
	rm -rf $(BUILD_DIR)
