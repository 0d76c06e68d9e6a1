# rkit: two commands from a fresh Debian machine.
#   make demo   install what is missing, build, write a sample kit, show it
#   make test   install what is missing, build, run the whole suite
# Also: make deps, build, vectors, crosscheck, shares, schemas, bbqr, offline, asan, fuzz, supply-chain, bench, browser-test;
# release: make dist, dist-check, install, uninstall (docs/release/README.md).

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
SWIFT ?= $(shell command -v swift || echo /opt/swift/usr/bin/swift)
RELEASE_BIN = .build/release
DEBUG_BIN = .build/debug

# System packages the build and the tests need (Debian names). HarfBuzz
# (libharfbuzz-dev, with libharfbuzz-subset0) and the fonts are what the PDF
# embeds for text outside WinAnsi (Sources/RecoveryKitPrint/EmbeddedFonts.swift);
# make dist ships them in the archive.
APT_PACKAGES = pkg-config libssl-dev libqrencode-dev libfido2-dev zlib1g-dev libharfbuzz-dev fonts-dejavu-core fonts-wqy-microhei \
	zbar-tools poppler-utils qpdf librsvg2-bin nodejs python3-pip time util-linux minisign $(TEST_APT_PACKAGES)
# Only the tests use these: ImageMagick blurs and turns a rendered kit into
# a phone photo for zbarimg (Tests/RKitGenerateTests/PhonePhotoTests.swift).
TEST_APT_PACKAGES = imagemagick
# Python packages of the cross-checks, pinned (Vectors/crosscheck, Tests/Interop).
PY_CRYPTOGRAPHY = 48.0.0
PY_JSONSCHEMA = 4.26.0
# The independent BBQr judge (Tests/BBQr): bitcoin-qr-tools vendors Coinkite's reference code;
# installed --no-deps (its GUI and camera dependencies are not needed), beside PyQRCode, which its split uses.
PY_BITCOIN_QR_TOOLS = 1.2.0
PY_PYQRCODE = 1.2.1
# Trezor's SLIP-0039 reference implementation: judges rkit's shares (Vectors/shares.json).
PY_SHAMIR_MNEMONIC = 0.3.0
# The software security key and its judge (Tests/SecurityKey; make security-key-deps):
# soft-fido2 with what it imports, and Yubico's python-fido2. Installed --no-deps, so
# exactly these versions (cryptography is PY_CRYPTOGRAPHY above).
PY_SOFT_FIDO2 = 0.4.56
PY_FIDO2 = 2.2.1
PY_JEEPNEY = 0.9.0
PY_CBOR2 = 6.3.0
PY_ASN1 = 3.3.0
PY_ENUM_COMPAT = 0.0.3
PY_PYJWT = 2.15.1
SUDO = $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps security-key-deps build release test unit vectors crosscheck shares schemas bbqr-deps bbqr offline asan supply-chain demo bench fuzz browser-deps browser-test clean dist dist-check install uninstall

all: build

# apt_install PACKAGES: install those not yet installed (one apt-get update, only when needed).
apt_install = missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing:$$missing"; \
	  $(SUDO) apt-get update -qq; \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi

## deps: install missing Debian packages and the pinned Python cryptography, jsonschema and shamir-mnemonic (idempotent, quiet when all present)
deps:
	@$(call apt_install,$(APT_PACKAGES))
	@python3 -c 'import cryptography, jsonschema, shamir_mnemonic, sys; from importlib.metadata import version as v; sys.exit(v("cryptography") != "$(PY_CRYPTOGRAPHY)" or v("jsonschema") != "$(PY_JSONSCHEMA)" or v("shamir-mnemonic") != "$(PY_SHAMIR_MNEMONIC)")' 2>/dev/null \
	  || python3 -m pip install -q cryptography==$(PY_CRYPTOGRAPHY) jsonschema==$(PY_JSONSCHEMA) shamir-mnemonic==$(PY_SHAMIR_MNEMONIC)
	@command -v $(SWIFT) >/dev/null || { echo "Swift 6 is required (swift not on PATH): install it from swift.org" >&2; exit 1; }

## security-key-deps: the pinned software security key (soft-fido2) and judge (python-fido2) of the security-key tests
security-key-deps: deps
	@python3 -c 'import sys; from importlib.metadata import version as v; sys.exit(any(v(p) != w for p, w in [("soft-fido2", "$(PY_SOFT_FIDO2)"), ("fido2", "$(PY_FIDO2)"), ("jeepney", "$(PY_JEEPNEY)"), ("cbor2", "$(PY_CBOR2)"), ("asn1", "$(PY_ASN1)"), ("enum-compat", "$(PY_ENUM_COMPAT)"), ("PyJWT", "$(PY_PYJWT)")]))' 2>/dev/null \
	  || python3 -m pip install -q --no-deps soft-fido2==$(PY_SOFT_FIDO2) fido2==$(PY_FIDO2) jeepney==$(PY_JEEPNEY) cbor2==$(PY_CBOR2) asn1==$(PY_ASN1) enum-compat==$(PY_ENUM_COMPAT) PyJWT==$(PY_PYJWT)
	@python3 -c 'import soft_fido2.platform.passkey_device, fido2.server' \
	  || { echo "security-key-deps: soft-fido2 or fido2 does not import after installing" >&2; exit 1; }

build: deps
	$(SWIFT) build

release: deps
	for product in rkit-generate rkit-sign rkit-verify rkit; do $(SWIFT) build -c release --product $$product; done

## vectors: the known-answer vectors through rkit's core and both independent implementations
vectors: build
	$(DEBUG_BIN)/rkit-verify vectors Vectors

crosscheck: deps
	python3 Vectors/crosscheck/check_vectors.py Vectors
	node Vectors/crosscheck/check_vectors.mjs Vectors

## shares: a 2-of-3 kit (rkit-generate --shares) to a signed recovery with two share papers that rkit-verify passes, judged by shamir-mnemonic
shares: build
	bash Tests/Shares/e2e.sh $(DEBUG_BIN)

## schemas: the wire-shape schemas (Schemas/), their negative controls, the sample bodies, and the bodies the tools as built write now
schemas: build
	python3 Tests/Interop/validate_bodies.py --dir Tests/Interop/bodies
	@fresh=$$(mktemp -d); trap 'rm -rf "$$fresh"' EXIT; \
	  bash Tests/Interop/make_bodies.sh $(DEBUG_BIN) "$$fresh" && \
	  cp Tests/Interop/bodies/KNOWN-FAILURES "$$fresh/" && \
	  python3 Tests/Interop/validate_bodies.py --dir "$$fresh"

## bbqr-deps: the pinned BBQr judge (bitcoin-qr-tools --no-deps, PyQRCode)
bbqr-deps: deps
	@python3 -c 'import sys; from importlib.metadata import version as v; sys.exit(v("bitcoin-qr-tools") != "$(PY_BITCOIN_QR_TOOLS)" or v("PyQRCode") != "$(PY_PYQRCODE)")' 2>/dev/null \
	  || python3 -m pip install -q --no-deps bitcoin-qr-tools==$(PY_BITCOIN_QR_TOOLS) PyQRCode==$(PY_PYQRCODE)

## bbqr: rkit's QR frames drawn on dark and light terminals, scanned by zbarimg, joined by bitcoin-qr-tools; its frames joined by rkit; refusals; the animation's keys on a pty
bbqr: bbqr-deps build
	python3 Tests/BBQr/interop.py $(DEBUG_BIN)
	python3 Tests/BBQr/animation.py $(DEBUG_BIN)

unit: deps security-key-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test

## offline: the tools link no networking library and work in a network namespace without interfaces (root)
offline: build security-key-deps
	$(SUDO) bash Tests/Offline/run.sh

## asan: the Swift suite under AddressSanitizer (separate build folder .build-asan)
asan: deps
	bash Tests/ASan/run.sh

## fuzz: every parser under libFuzzer, FUZZ_SECONDS each (default 60); CI runs a 5-second pass
FUZZ_SECONDS ?= 60
fuzz: deps
	bash Fuzz/run.sh $(FUZZ_SECONDS)

test: unit vectors crosscheck shares schemas bbqr offline browser-test
	$(MAKE) --no-print-directory asan
	$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=5
	@# Last, so it sees Package.resolved after every build above (debug, ASan, fuzz).
	$(MAKE) --no-print-directory supply-chain
	@echo "make test: all suites passed"

## supply-chain: pins exact and committed (swift-argument-parser, Package.resolved unchanged by the build, PyPI ==), no rkit-bench in a release; then its negative controls (a few seconds)
supply-chain: build
	SWIFT=$(SWIFT) bash Tests/SupplyChain/run.sh
	SWIFT=$(SWIFT) bash Tests/SupplyChain/self-test.sh

## demo: write a sample kit for demo@example.com under ./demo/ and show what was made
demo: release
	$(RELEASE_BIN)/rkit-generate --username demo@example.com --org-id or-demo-0001 \
	  --origin https://app.example.com --out demo --code-out demo/code.txt \
	  --formats pdf,txt,svg,terminal --force
	@echo
	@echo "Made in ./demo/:"; ls -l demo
	@echo
	$(RELEASE_BIN)/rkit-verify kit demo/kit.json --code-file demo/code.txt -v

## browser-deps: Debian's chromium and chromium-driver, for browser-test (part of make test; not of deps, which demo needs)
BROWSER_PACKAGES = chromium chromium-driver
browser-deps:
	@$(call apt_install,$(BROWSER_PACKAGES))

## browser-test: real passkeys from headless Chromium through rkit-sign and rkit-verify (about 11-20 s when the build is up to date)
browser-test: deps browser-deps build
	bash Tests/Browser/run.sh

bench: deps
	bash Benchmarks/run.sh

# What make dist needs beyond the build: minisign signs SHA256SUMS when MINISIGN_KEY is given.
DIST_APT_PACKAGES = minisign

## dist: dist/rkit-<version>-linux-<arch>.tar.gz and dist/SHA256SUMS, reproducible; with MINISIGN_KEY=FILE also dist/SHA256SUMS.minisig (docs/release/README.md)
dist: deps
	@$(call apt_install,$(DIST_APT_PACKAGES))
	MINISIGN_KEY="$(MINISIGN_KEY)" bash Scripts/dist.sh

## dist-check: the archive on a bare Debian 12 root without network, and built twice to compare bytes (root; about 7 minutes)
dist-check: deps
	bash Scripts/dist-check.sh

## install: the release build into $(DESTDIR)$(PREFIX): lib/rkit/, bin/ links, man pages, completions
PREFIX ?= /usr/local
DESTDIR ?=
install: deps
	bash Scripts/dist.sh --stage-only
	bash Scripts/install.sh install "$(DESTDIR)" "$(PREFIX)"

uninstall:
	bash Scripts/install.sh uninstall "$(DESTDIR)" "$(PREFIX)"

clean:
	rm -rf .build .build-* demo Benchmarks/work dist
