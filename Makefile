# Snapcue: `make demo` runs a drill on the simulated station; `make test` runs the tests.
# Both install what they need (Debian/Raspberry Pi OS packages) when it is missing.

SWIFT ?= swift
APT_PACKAGES := libasound2-dev libgpiod-dev libsqlite3-dev pkg-config
# The browser tests of the web app need a real browser: Debian's headless-capable Chromium, and
# its WebDriver with Selenium for the tests that measure a page's layout (Tests/browser/).
TEST_APT_PACKAGES := chromium chromium-driver python3-selenium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test unit-test station-test bench build release deps test-deps serve clean

## Install the system libraries the build links against (ALSA, libgpiod), if missing.
deps:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi
	@command -v $(SWIFT) >/dev/null || { echo "Swift is not installed: see https://www.swift.org/install/linux/ (Swift 6.1 or later)"; exit 1; }

## What the tests need beyond the build: Chromium for the browser tests.
test-deps: deps
	@missing=""; for p in $(TEST_APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## The quick-start drill on the simulated station, live, with a virtual athlete.
demo: build
	$(SWIFT) run snapcue demo

## Every test: unit and engine tests (real libasound through ALSA's null/file plugins), CLI tests,
## then the GPIO tests against a real Linux kernel's gpio-sim chip in the virtual station (qemu),
## with libgpiod 1.x and 2.x.
test: unit-test station-test

## Unit, engine, ALSA, store, web (router, real server over HTTP, headless Chromium), gym sync (a throwaway
## PostgreSQL on loopback, started by Tests/postgres/postgres.sh) and CLI tests on this machine.
unit-test: test-deps
	$(SWIFT) build --build-tests
	SNAPCUE_TEST_POSTGRES=$$(Tests/postgres/postgres.sh start) SNAPCUE_REQUIRE_POSTGRES=1 SNAPCUE_REQUIRE_BROWSER=1 \
	  $(SWIFT) test --skip-build

## GPIO tests in the virtual station (installs qemu and friends on first use; see Hardware/virtual-station/).
station-test: deps
	Hardware/virtual-station/gpio-test.sh --libgpiod 1
	Hardware/virtual-station/gpio-test.sh --libgpiod 2

## The station web app on http://127.0.0.1:8080/ over your results (simulated station for web-started drills).
serve: build
	$(SWIFT) run snapcue serve

## Benchmarks: they print their figures (scheduler lateness vs cyclictest on this machine and in the
## virtual station; sound-cue onset placement and stream CPU; the store with 1 000 000 trials; stored --fast
## trials per second at 1 000, 10 000 and 100 000 trials in one session;
## cue timing with and without 200 web clients; gym sync throughput and gym-wide leaderboards over
## 50 stations × 100 000 trials; end-to-end accuracy over 520 trials).
bench: deps
	Benchmarks/scheduler-lateness.sh
	$(SWIFT) run -c release sound-onsets
	$(SWIFT) run -c release store-scale
	Benchmarks/stored-trials.sh
	Benchmarks/web-load.sh
	Benchmarks/gym-scale.sh
	Benchmarks/accuracy.sh

clean:
	rm -rf .build
