# Performance: `make bench` builds the app, installs the peer stack (jsdom,
# turndown and its GFM plugin, bench/node only) and prints every figure of
# issue 8 with its target: throughput beside the peer, classification on one
# core, a check cycle over 25 loopback hosts, a simulated year of archive,
# and the app's start-up and memory under Xvfb. The same table is written to
# bench/results/latest.json. Each figure is the median of BENCH_RUNS runs.
# The shared corpus is found at $FINEPRINT_SHARED or ../shared; parts that
# need what is missing are reported as not measured.

BENCH_RUNS ?= 5
BENCH_FLAGS ?=

.PHONY: bench

bench/node/node_modules/.package-lock.json: bench/node/package-lock.json
	cd bench/node && npm ci --no-audit --no-fund
	@touch $@

bench: build bench/node/node_modules/.package-lock.json
	$(GO) run ./bench/cmd/fpbench -bin $(BIN) -runs $(BENCH_RUNS) $(BENCH_FLAGS)
