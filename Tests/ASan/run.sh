#!/usr/bin/env bash
# The whole Swift test suite under AddressSanitizer: every test, and every
# tool the tests run, built with -sanitize=address into .build-asan (apart
# from the normal .build, so it never forces a rebuild of it).
# Usage: Tests/ASan/run.sh [extra `swift test` arguments, e.g. --filter X]
set -euo pipefail
cd "$(dirname "$0")/../.."
# halt_on_error: the first bad access fails the run. Leak checking stays
# off: LeakSanitizer counts the Swift runtime's process-lifetime caches.
export ASAN_OPTIONS="halt_on_error=1:detect_leaks=0:detect_stack_use_after_return=1"
start=$(date +%s)
swift build --sanitize=address --scratch-path .build-asan --build-tests
swift test --skip-build --sanitize=address --scratch-path .build-asan "$@"
echo "Tests/ASan/run.sh: passed under AddressSanitizer in $(( $(date +%s) - start )) s"
