#!/usr/bin/env bash
# The negative controls of Tests/SupplyChain/run.sh: copies of the files it
# reads (Package.swift, Package.resolved, Makefile, Scripts/dist.sh,
# Scripts/install.sh) in a scratch git repository, first as committed (must
# pass: the copy is a fair stand-in), then with one kind of slip each, which
# must fail with its own line. Each failure here is one line; exit 1 if any.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() { echo "supply-chain self-test: $*" >&2; failures=$((failures + 1)); }

fresh() {  # a committed copy in $scratch/copy
  rm -rf "$scratch/copy"
  mkdir -p "$scratch/copy/Scripts"
  cp "$repo/Package.swift" "$repo/Package.resolved" "$repo/Makefile" "$scratch/copy/"
  cp "$repo/Scripts/dist.sh" "$repo/Scripts/install.sh" "$scratch/copy/Scripts/"
  git -C "$scratch/copy" init -q
  git -C "$scratch/copy" add -f -A
  git -C "$scratch/copy" -c user.name=t -c user.email=t@t commit -qm copy
}
edit() {  # FILE SED-EXPRESSION: the edit must change the file
  local before
  before=$(cat "$scratch/copy/$1")
  sed -i "$2" "$scratch/copy/$1"
  [ "$before" != "$(cat "$scratch/copy/$1")" ] || fail "the slip '$2' changed nothing in $1 (has the file changed? update this test)"
}
expect() {  # CASE EXPECTED-LINE...: run.sh on the copy must exit 1 with every line
  local name=$1; shift
  local status=0
  bash "$here/run.sh" "$scratch/copy" >/dev/null 2>"$scratch/err" || status=$?
  [ "$status" -eq 1 ] || fail "$name: run.sh exited $status, not 1"
  for line in "$@"; do
    grep -qF -- "$line" "$scratch/err" || fail "$name: no line '$line' (got: $(tr '\n' '|' <"$scratch/err"))"
  done
}

fresh
bash "$here/run.sh" "$scratch/copy" >/dev/null 2>"$scratch/err" \
  || fail "the committed copy fails: $(tr '\n' '|' <"$scratch/err")"

fresh  # (a) a range instead of an exact pin; (c) rkit-bench made a product
edit Package.swift 's/exact: "\([0-9.]*\)"/from: "\1"/'
edit Package.swift 's|^\(        \)\.executable(name: "rkit", targets: \["rkit"\]),|&\n\1.executable(name: "rkit-bench", targets: ["rkit-bench"]),|'
expect "range and bench product" "dependency swift-argument-parser is not pinned with exact:" "rkit-bench is a product"

fresh  # (a)(b) the resolved pin moved; (c) release and dist build the bench, an archive ships it; (d) loose PyPI pins
edit Package.resolved 's/"version" : "[0-9.]*"/"version" : "0.0.1"/'
edit Makefile 's/^\(\tfor product in rkit-generate\)/\1 rkit-bench/'
edit Scripts/dist.sh 's/ --product rkit$//'
edit Makefile 's/jsonschema==\$(PY_JSONSCHEMA)/jsonschema>=$(PY_JSONSCHEMA)/'
edit Makefile 's/^PY_CRYPTOGRAPHY = .*/PY_CRYPTOGRAPHY = latest/'
mkdir -p "$scratch/copy/dist/rkit-0/lib/rkit" && touch "$scratch/copy/dist/rkit-0/lib/rkit/rkit-bench"
tar -C "$scratch/copy/dist" -czf "$scratch/copy/dist/rkit-0.tar.gz" rkit-0
expect "moved pin, bench in release, loose PyPI" \
  "Package.resolved pins swift-argument-parser at 0.0.1, Package.swift at exact:" \
  "Package.resolved differs from the committed one" \
  "Makefile (release): mentions rkit-bench" \
  "Scripts/dist.sh: a build without --product" \
  "dist/rkit-0.tar.gz: holds rkit-bench" \
  "pip installs 'jsonschema>=\$(PY_JSONSCHEMA)' without an == pin" \
  "cryptography==\$(PY_CRYPTOGRAPHY) pins no literal version (latest)"

fresh  # (d) the pinned PyPI install gone from the Makefile: nothing left to check is a failure too
edit Makefile '/pip install/d'
expect "no pip install" "Makefile: no pip install found"

fresh  # (a) Package.resolved not tracked
git -C "$scratch/copy" rm -q --cached Package.resolved
git -C "$scratch/copy" -c user.name=t -c user.email=t@t commit -qm untrack
expect "untracked Package.resolved" "Package.resolved is not tracked by git"

[ "$failures" -eq 0 ] || exit 1
echo "supply-chain self-test: the committed copy passes; every slip is caught"
