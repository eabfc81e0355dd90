# Snapcue: `make demo` runs a drill on the simulated station; `make test` runs the tests.
# Both install what they need (Debian/Raspberry Pi OS packages) when it is missing.

SWIFT ?= swift
APT_PACKAGES := libasound2-dev libgpiod-dev libsqlite3-dev pkg-config
# The browser tests of the web app need a real browser: Debian's headless-capable Chromium, and
# its WebDriver with Selenium for the tests that measure a page's layout (Tests/browser/).
TEST_APT_PACKAGES := chromium chromium-driver python3-selenium
# The appliance package: dpkg-shlibdeps names the libraries' packages, help2man writes the man page,
# lintian checks the .deb, debootstrap makes the clean root its install test installs it into.
PACKAGE_APT_PACKAGES := dpkg-dev binutils help2man python3 lintian debootstrap curl
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# $(call apt_install,PACKAGES): installs those of the Debian packages that are missing.
apt_install = missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The appliance's release binary: static Swift standard library, no $$ORIGIN runpath, full RELRO.
# Make's own variables are left out of its environment: SwiftPM rebuilds when the environment
# changes, and they differ between a make and the make it starts.
PACKAGE_BUILD := env -u MAKELEVEL -u MAKEFLAGS -u MFLAGS -u MAKE_TERMOUT -u MAKE_TERMERR \
	$(SWIFT) build -c release --static-swift-stdlib --disable-local-rpath -Xlinker -z -Xlinker now \
	--scratch-path .build-package --product snapcue

# The unit tests, once built: a throwaway PostgreSQL for the gym sync, a real Chromium for the pages.
UNIT_TESTS = SNAPCUE_TEST_POSTGRES=$$(Tests/postgres/postgres.sh start) SNAPCUE_REQUIRE_POSTGRES=1 SNAPCUE_REQUIRE_BROWSER=1 \
	$(SWIFT) test --skip-build

.PHONY: demo test unit-test station-test package package-test bench build release deps test-deps package-deps serve clean

## Install the system libraries the build links against (ALSA, libgpiod), if missing.
deps:
	@$(call apt_install,$(APT_PACKAGES))
	@command -v $(SWIFT) >/dev/null || { echo "Swift is not installed: see https://www.swift.org/install/linux/ (Swift 6.1 or later)"; exit 1; }

## What the tests need beyond the build: Chromium for the browser tests.
test-deps: deps
	@$(call apt_install,$(TEST_APT_PACKAGES))

package-deps: deps
	@$(call apt_install,$(PACKAGE_APT_PACKAGES))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## The quick-start drill on the simulated station, live, with a virtual athlete.
demo: build
	$(SWIFT) run snapcue demo

## Every test: unit and engine tests (real libasound through ALSA's null/file plugins), CLI tests,
## then the GPIO tests against a real Linux kernel's gpio-sim chip in the virtual station (qemu),
## with libgpiod 1.x and 2.x, and the appliance package's lintian check and install test. The package
## is built and tested beside the unit tests and the virtual station, whose scenarios mostly wait on
## drill timing: its release build (about 9 minutes alone, from clean) as SCHED_IDLE (chrt --idle: it
## gets only the CPU time nothing else wants; nice is not enough, as SwiftPM starts its compilers at
## nice 0), so CI stays under 30 minutes.
test: test-deps package-deps
	$(SWIFT) build --build-tests
	@{ chrt --idle 0 $(PACKAGE_BUILD) && $(MAKE) --no-print-directory package-test; } > .build/package-test.log 2>&1 & package=$$!; \
	status=0; \
	$(UNIT_TESTS) || status=1; \
	$(MAKE) --no-print-directory station-test || status=1; \
	wait $$package || status=1; \
	echo "--- make package-test (run beside the tests above):"; cat .build/package-test.log; \
	exit $$status

## Unit, engine, ALSA, store, web (router, real server over HTTP, headless Chromium), gym sync (a throwaway
## PostgreSQL on loopback, started by Tests/postgres/postgres.sh) and CLI tests on this machine.
unit-test: test-deps
	$(SWIFT) build --build-tests
	$(UNIT_TESTS)

## GPIO tests in the virtual station (installs qemu and friends on first use; see Hardware/virtual-station/).
station-test: deps
	Hardware/virtual-station/gpio-test.sh --libgpiod 1
	Hardware/virtual-station/gpio-test.sh --libgpiod 2

## The appliance: snapcue_VERSION_ARCH.deb for this machine's architecture (arm64 on a 64-bit Pi),
## with the release binary, the drills, the station files, the systemd units and the udev rule.
## Install it with: sudo apt install ./snapcue_VERSION_ARCH.deb  (see Hardware/README.md)
package: package-deps
	$(PACKAGE_BUILD)
	Hardware/package/build-deb.sh .build-package/release/snapcue .build-package .

## lintian on the package (no errors), then its install into a clean Debian root (Hardware/package/install-test.sh).
package-test: package
	deb=snapcue_$$(.build-package/release/snapcue --version)_$$(dpkg --print-architecture).deb; \
	lintian --fail-on error --fail-on warning "$$deb" && \
	$(SUDO) Hardware/package/install-test.sh "$$deb"

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
