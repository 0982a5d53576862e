# Fineprint: `make run` builds and opens the app; `make test` installs what
# the tests need and runs them all. Both work on a fresh Debian 12.

SHELL := /bin/bash
GO ?= go
TAGS := desktop,production,webkit2_41
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -w -s -X main.version=$(VERSION)
BIN := build/bin/fineprint

# System packages: to build the window (GTK 3, WebKitGTK 4.1), and to test it
# (a virtual display, window tools, a session bus, a notification server, a
# browser for the UI tests).
BUILD_PKGS := build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev
TEST_PKGS := $(BUILD_PKGS) xvfb xauth xdotool imagemagick dbus dbus-x11 dunst libnotify-bin chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

include mk/analyze.mk
include mk/bench.mk

.PHONY: run build test deps-build deps-test frontend go-test frontend-test e2e-window e2e-ui lint clean help

help:
	@echo "make run    build and open Fineprint"
	@echo "make build  build build/bin/fineprint"
	@echo "make test   install test dependencies and run every test"
	@echo "make train  rebuild the provision model from ../shared/eval-dev"
	@echo "make eval   per-kind precision, recall and F1 (grouped cross-validation)"
	@echo "make bench  performance figures beside their targets (bench/results/latest.json)"

# Install only the packages that are missing, so a ready machine pays nothing.
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages:" $$missing; \
	  $(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

deps-build:
	$(call apt_install,$(BUILD_PKGS))
	@command -v $(GO) >/dev/null || { echo "Go 1.26 or newer is needed: https://go.dev/dl/"; exit 1; }
	@command -v npm >/dev/null || { echo "Node.js 20.19+ and npm are needed (apt-get install nodejs npm, or https://nodejs.org)"; exit 1; }

deps-test: deps-build
	$(call apt_install,$(TEST_PKGS))

frontend/node_modules/.package-lock.json: frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend: frontend/node_modules/.package-lock.json
	cd frontend && npm run build

build: deps-build frontend
	CGO_ENABLED=1 $(GO) build -tags $(TAGS) -ldflags "$(LDFLAGS)" -o $(BIN) .
	@echo "Built $(BIN)"

run: build
	@if [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
	  echo "No display: run this from a desktop session (or under xvfb-run)."; exit 1; fi
	./$(BIN)

lint:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...

# Twice: with the race detector (the corpus tests skip under -short, as the
# detector makes them ten times slower and they are single-threaded), then
# everything without it.
go-test:
	$(GO) test -race -short -count=1 ./...
	$(GO) test -count=1 ./...

frontend-test: frontend/node_modules/.package-lock.json
	cd frontend && npm run check && npm test

e2e/node_modules/.package-lock.json: e2e/package-lock.json
	cd e2e && npm ci --no-audit --no-fund
	@touch $@

# The production binary in a real window under Xvfb: found by name,
# screenshotted, checked not blank.
e2e-window: build
	FINEPRINT_BINARY=$(CURDIR)/$(BIN) $(GO) test -count=1 -run 'TestWindow|TestCloseHandsOverToDaemon|TestTermEndsWithoutHandover' -v ./e2e/

# The real frontend in Chromium, driven by Playwright, against the real Go
# backend.
e2e-ui: frontend e2e/node_modules/.package-lock.json
	bash e2e/run.sh

test: deps-test lint go-test eval frontend-test e2e-window e2e-ui
	@echo "All tests passed."

clean:
	rm -rf build/bin frontend/dist
