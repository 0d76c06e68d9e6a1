#!/usr/bin/env bash
# Regenerates the seed corpora from rkit's own writers (Fuzz/SeedMaker),
# then adds the foreign keys of Tests/Hostile/inputs/keys. Run by hand when a
# format changes; the corpora are committed.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p .build-fuzz
mapfile -t sources < <(find Sources/RecoveryKitCore -name '*.swift' | sort)
swiftc -swift-version 6 -module-name RKitSeeds -I Sources/COpenSSL "${sources[@]}" \
  Fuzz/Sources/FuzzTargets.swift Fuzz/SeedMaker/main.swift -o .build-fuzz/seed-maker
.build-fuzz/seed-maker Fuzz/corpus
if [ -d Tests/Hostile/inputs/keys ]; then
  for f in Tests/Hostile/inputs/keys/*.pem; do cp "$f" Fuzz/corpus/pem/; done
  for f in Tests/Hostile/inputs/keys/*.spki.der; do cp "$f" Fuzz/corpus/spki/; done
  for f in Tests/Hostile/inputs/keys/*.pkcs8.der; do cp "$f" Fuzz/corpus/pkcs8/; done
fi
