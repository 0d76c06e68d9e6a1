#!/usr/bin/env bash
# Derives fuzz seeds from the hostile inputs (Tests/Hostile/inputs), so the
# corpus holds no byte copies of them: writes .build-fuzz/seeds/<target>/.
# Run by Fuzz/run.sh before fuzzing. Fails when an input folder it maps is
# missing or empty (the seeds would silently vanish).
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=Tests/Hostile/inputs
out=.build-fuzz/seeds
rm -rf "$out"
# folder  pattern  targets...
map() {
  local folder=$1 pattern=$2; shift 2
  local files=()
  for f in "$inputs/$folder"/$pattern; do [ -f "$f" ] && files+=("$f"); done
  if [ ${#files[@]} -eq 0 ]; then
    echo "Fuzz/hostile-seeds.sh: no $pattern in $inputs/$folder" >&2
    exit 1
  fi
  for target in "$@"; do
    mkdir -p "$out/$target"
    cp "${files[@]}" "$out/$target/"
  done
}
map challenges '*' challenge
map kits '*' kit kitVerifier
map requests '*' request requestVerifier
map keys '*.pem' pem
map keys '*.pkcs8.der' pkcs8
map keys '*.spki.der' spki
