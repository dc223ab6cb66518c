# Loupe — set-up, build, run and test on Debian with the Swift toolchain.
#   make run    install what is missing, build (release: the real speed), start the REPL on the bundled corpus
#   make serve  the same, then `loupe serve`: the corpus in a browser at http://127.0.0.1:8080/
#   make run-debug  the same with the debug build (faster to build, ~10x slower to load and query)
#   make test   install what is missing, build, run every test
#   make warnings  build everything from scratch in .build/warnings and fail on any compiler warning
#   make install / uninstall / deb / deb-check  install for users, or package (docs/install.md)

APT_PACKAGES := liblua5.4-dev libedit-dev libstemmer-dev libsqlite3-dev pkg-config tmux
# Only for `make test`: a headless browser that renders the plots (Tests/LoupeEndToEndTests/PlotBrowserTests.swift),
# and chromedriver with Debian's selenium, which drive it through `loupe serve` (BrowserPagesTests.swift).
TEST_PACKAGES := chromium chromium-driver python3-selenium gdb
SWIFT ?= swift
PREFIX ?= /usr/local
DESTDIR ?=
# The commit being built, for `loupe --version` (Package.swift reads LOUPE_COMMIT).
export LOUPE_COMMIT := $(shell git rev-parse --short=12 HEAD 2>/dev/null)
# A release build with Swift's runtime linked in, for install and the .deb: no Swift needed to run it.
STATIC := .build-static
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: deps test-deps build release run serve run-debug test warnings clean

# $(call install,PACKAGES): apt-get install those not installed yet.
install = @missing=""; for p in $(1); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

deps:
	$(call install,$(APT_PACKAGES))

test-deps: deps
	$(call install,$(TEST_PACKAGES))

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	./.build/release/loupe --corpus corpus

# Install without a toolchain at run time (docs/install.md): make install PREFIX=/usr/local [DESTDIR=…]
.PHONY: release-static install uninstall deb deb-check
release-static: deps
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(STATIC) --product loupe

install: release-static
	bash scripts/install.sh $(STATIC)/release/loupe "$(DESTDIR)" "$(PREFIX)"

uninstall:
	bash scripts/uninstall.sh "$(DESTDIR)" "$(PREFIX)"

# dist/loupe_VERSION_ARCH.deb; deb-check installs it into a Debian root without Swift (debootstrap) and runs it there.
deb: release-static
	bash scripts/make-deb.sh $(STATIC)/release/loupe dist

deb-check: deb
	bash scripts/deb-check.sh dist

# The corpus in a browser (docs/browser.md): open the address it prints.
serve: release
	./.build/release/loupe serve --corpus corpus

run-debug: build
	./.build/debug/loupe --corpus corpus

test: test-deps
	$(SWIFT) build --build-tests
	SWIFT=$(SWIFT) bash scripts/test.sh

# Not part of `test`: it builds from scratch (an up-to-date file does not warn again), minutes on two cores.
warnings: deps
	SWIFT=$(SWIFT) bash scripts/check-warnings.sh

clean:
	rm -rf .build

# The side-by-side benchmark on the generated 100 MB corpus (docs/performance.md): make bench BENCH_ARGS="--markdown"
.PHONY: bench
bench: deps
	bash scripts/bench.sh $(BENCH_ARGS)

# `loupe serve` under load on the same corpus, with wrk (docs/performance.md, "loupe serve under load"):
# make bench-serve BENCH_SERVE_ARGS="--duration 30s"
.PHONY: bench-serve
bench-serve: deps
	bash scripts/bench-serve.sh $(BENCH_SERVE_ARGS)

# A class under load: 30 simulated students check every exercise while the dashboard reloads
# (docs/performance.md, "A class under load"): make bench-class BENCH_CLASS_ARGS="--students 30"
.PHONY: bench-class
bench-class: deps
	bash scripts/bench-class.sh $(BENCH_CLASS_ARGS)
