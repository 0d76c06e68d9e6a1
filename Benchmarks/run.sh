#!/usr/bin/env bash
# `make bench`: builds the release tools, then runs Benchmarks/driver.py,
# which prints the table and writes Benchmarks/RESULTS.md.
# Needs: swift, python3 with `cryptography`, node (>= 20), taskset, zbarimg and
# rsvg-convert (row 7, the QR frame counts; BENCH_ONLY=frames runs only that row),
# /usr/bin/time (installed with apt-get when missing and run as root).
# Environment: BENCH_TRIALS (default 7), BENCH_KITS (default 1000).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/time ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y time >/dev/null
    else
        echo "bench: /usr/bin/time is missing; install the 'time' package" >&2
        exit 1
    fi
fi
for tool in python3 node taskset zbarimg rsvg-convert; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done

# Release builds of the bench and of whichever tools exist in this tree.
echo "building release tools ..."
products=(rkit-bench rkit-verify rkit-sign)
grep -q '"rkit-generate"' Package.swift && products+=(rkit-generate)
for product in "${products[@]}"; do
    swift build -c release --product "$product" 2>&1 | grep -E "error|warning: .*Benchmarks" || true
done
bin="$(swift build -c release --show-bin-path)"
for product in "${products[@]}"; do
    [ -x "$bin/$product" ] || { echo "bench: release build of $product failed" >&2; exit 1; }
done

RKIT_BIN="$bin" exec python3 Benchmarks/driver.py
