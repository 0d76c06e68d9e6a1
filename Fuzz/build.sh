#!/usr/bin/env bash
# Builds the libFuzzer binary .build-fuzz/rkit-fuzz: the sources of
# RecoveryKitCore and Fuzz/Sources compiled as one module with
# -sanitize=fuzzer,address and, as the core target, InternalImportsByDefault. Plain swiftc, outside SwiftPM, so the normal
# `swift build` / `swift test` never see it. Rebuilds only when a source
# is newer than the binary.
# -package-name: the core's `package` declarations need one (SwiftPM passes it itself).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-fuzz
mkdir -p "$out"
mapfile -t sources < <(find Sources/RecoveryKitCore Fuzz/Sources -name '*.swift' | sort)
binary="$out/rkit-fuzz"
if [ -x "$binary" ] && [ -z "$(find "${sources[@]}" Fuzz/build.sh -newer "$binary" | head -1)" ]; then
  exit 0
fi
echo "Fuzz/build.sh: compiling ${#sources[@]} files with -sanitize=fuzzer,address (about a minute)" >&2
swiftc -swift-version 6 -enable-upcoming-feature InternalImportsByDefault -sanitize=fuzzer,address -parse-as-library -module-name RKitFuzz -package-name rkit -O -g -use-ld=lld \
  -I Sources/COpenSSL "${sources[@]}" -o "$binary.tmp"
mv "$binary.tmp" "$binary"
