# Condenser: `make run` starts the daemon on embedded defaults, `make test` runs the whole suite.
SWIFT ?= swift

.PHONY: run test build bench deps test-deps

deps:
	@scripts/install-deps.sh build

test-deps:
	@scripts/install-deps.sh test

build: deps
	$(SWIFT) build -c release

run: build
	.build/release/condenserd run

test: test-deps
	$(SWIFT) build --build-tests
	CONDENSER_REQUIRE_PEERS=1 $(SWIFT) test --skip-build

bench: deps
	scripts/bench.sh
