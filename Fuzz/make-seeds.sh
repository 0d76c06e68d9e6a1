#!/usr/bin/env bash
# Regenerates the seed corpora from rkit's own writers (Fuzz/SeedMaker).
# Run by hand when a format changes; the corpora are committed. The hostile
# inputs (Tests/Hostile/inputs) are not copied here: Fuzz/hostile-seeds.sh
# derives them as seeds at each fuzz run.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build-fuzz
mapfile -t sources < <(find Sources/RecoveryKitCore -name '*.swift' | sort)
swiftc -swift-version 6 -enable-upcoming-feature InternalImportsByDefault -module-name RKitSeeds -package-name rkit -I Sources/COpenSSL "${sources[@]}" \
  Fuzz/Sources/FuzzTargets.swift Fuzz/SeedMaker/main.swift -o .build-fuzz/seed-maker
.build-fuzz/seed-maker Fuzz/corpus
