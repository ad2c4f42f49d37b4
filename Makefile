# naap: the Makefile wraps CMake + Ninja (as DuckDB's does).
#   make demo      install deps, build, replay the bundled fixtures into a fresh store
#   make test      install deps, build (ASan+UBSan unit tests, UBSan everything) and run all tests
#   make build     release build; the binary is build/naap
#   make bench     benchmarks (bench/)
SHELL := /bin/bash
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=
DEMO_STORE ?= .naap/demo-store

.PHONY: all deps build build-asan build-ubsan demo test unit-test bench notebook format clean

all: build

deps:
	@scripts/install-deps.sh

build: deps
	@cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS) >/dev/null
	@cmake --build build -j $(JOBS)

build-asan: deps
	@cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Debug -DNAAP_WITH_CHDB=OFF \
	  -DNAAP_SANITIZE=address,undefined $(CMAKE_FLAGS) >/dev/null
	@cmake --build build/asan -j $(JOBS)

build-ubsan: deps
	@cmake -S . -B build/ubsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DNAAP_SANITIZE=undefined $(CMAKE_FLAGS) >/dev/null
	@cmake --build build/ubsan -j $(JOBS)

demo: build
	@rm -rf $(DEMO_STORE)
	@build/naap fixtures events fixtures | build/naap run --input - --store $(DEMO_STORE)
	@build/naap query --store $(DEMO_STORE) sql/packs/demo.sql

# Unit tests run under ASan+UBSan; everything (including the tests that load
# libchdb, which cannot run under ASan) runs under UBSan.
test: build-asan build-ubsan
	@cd build/asan && ctest --output-on-failure -j $(JOBS) -L unit
	@cd build/ubsan && ctest --output-on-failure -j $(JOBS)

unit-test: build-asan
	@cd build/asan && ctest --output-on-failure -j $(JOBS) -L unit

bench: build
	@bench/run.sh

notebook: build
	@scripts/notebook.sh

format:
	@clang-format -i $$(git ls-files 'src/*.cpp' 'src/*.hpp' 'src/*.h' 'tests/*.cpp' 'tests/*.hpp' 'bench/*.cpp')

clean:
	rm -rf build .naap
