#!/usr/bin/env bash
# make supply-chain: what rkit's build takes from elsewhere is pinned, and a
# release carries only the tools (issue 13, docs/THREAT-MODEL.md "Tamper
# with rkit's build"). Run after the build; checks the checkout at ROOT
# (default: this repository). Each failure is one line; exit 1 if any.
#   (a) every package dependency is pinned with `exact:` (read from
#       `swift package dump-package`), swift-argument-parser among them, and
#       Package.resolved is tracked by git and pins the same versions;
#   (b) Package.resolved has no change against git (the build left it as
#       committed);
#   (c) rkit-bench is no product, and neither `make release` nor
#       Scripts/dist.sh (make dist, make install) builds or ships it: every
#       build command there names a --product other than rkit-bench, and a
#       built archive or stage lists no rkit-bench;
#   (d) every `pip install` in the Makefile and the tracked shell scripts
#       (but these two, which only quote it)
#       pins each package with `==` to a literal version.
# Usage: Tests/SupplyChain/run.sh [ROOT]
set -euo pipefail
root=$(cd "${1:-$(dirname "$0")/../..}" && pwd)
SWIFT=${SWIFT:-swift}
failures=0
fail() { echo "supply-chain: $*" >&2; failures=$((failures + 1)); }
cd "$root"

# --- (a) exact pins, the same in Package.resolved
dump=$("$SWIFT" package --package-path "$root" dump-package 2>/dev/null) \
  || { echo "supply-chain: 'swift package dump-package' failed in $root; run it to see why" >&2; exit 1; }
git ls-files --error-unmatch Package.resolved >/dev/null 2>&1 \
  || fail "Package.resolved is not tracked by git: commit it (git add Package.resolved)"
python3 - "$dump" Package.resolved <<'PY' || failures=$((failures + 1))
import json, sys
manifest = json.loads(sys.argv[1])
try:
    pins = {p["identity"]: p["state"].get("version") for p in json.load(open(sys.argv[2]))["pins"]}
except (OSError, ValueError, KeyError) as error:
    sys.exit(f"supply-chain: Package.resolved is missing or unreadable ({error}): run 'swift package resolve' and commit it")
problems, names = [], []
for dependency in manifest["dependencies"]:
    source = (dependency.get("sourceControl") or dependency.get("registry") or [{}])[0]
    name = source.get("identity", "?")
    names.append(name)
    exact = (source.get("requirement") or {}).get("exact")
    if not exact:
        problems.append(f"Package.swift: dependency {name} is not pinned with exact: (requirement {json.dumps(source.get('requirement'))})")
    elif pins.get(name) != exact[0]:
        problems.append(f"Package.resolved pins {name} at {pins.get(name)}, Package.swift at exact: {exact[0]}: run 'swift package resolve' and commit Package.resolved")
if "swift-argument-parser" not in names:
    problems.append("Package.swift: swift-argument-parser is not a dependency (this check expects it pinned)")
for problem in problems:
    print("supply-chain: " + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# --- (b) the build left Package.resolved as committed
git diff --quiet HEAD -- Package.resolved 2>/dev/null \
  || fail "Package.resolved differs from the committed one (git diff HEAD -- Package.resolved): a build must not move a pin"

# --- (c) rkit-bench: no product, not built or shipped by a release
python3 -c 'import json,sys; sys.exit("rkit-bench" in [p["name"] for p in json.loads(sys.argv[1])["products"]])' "$dump" \
  || fail "Package.swift: rkit-bench is a product; a release must not build it (make bench builds it by name)"
release=$(awk '/^release:/ {on=1; next} on && /^\t/ {print; next} {on=0}' Makefile)
[ -n "$release" ] || fail "Makefile: no recipe for the target release"
builds() {  # FILE TEXT: each swift build command must name a product, never rkit-bench
  local where=$1 text=$2 line
  grep -q 'rkit-bench' <<<"$text" && fail "$where: mentions rkit-bench, which a release must not build or ship"
  while IFS= read -r line; do
    [[ $line == *--product* ]] || fail "$where: a build without --product (builds every target, rkit-bench too): ${line#"${line%%[![:space:]]*}"}"
  done < <(grep -E '(SWIFT[)}"]*|swift)[[:space:]]+build' <<<"$text" || true)
}
builds "Makefile (release)" "$release"
builds Scripts/dist.sh "$(cat Scripts/dist.sh)"
builds Scripts/install.sh "$(cat Scripts/install.sh)"
shopt -s nullglob
for archive in dist/*.tar.gz; do
  tar -tzf "$archive" | grep -q 'rkit-bench' && fail "$archive: holds rkit-bench ($(tar -tzf "$archive" | grep -m1 rkit-bench))"
done
if [ -d .build-dist/stage ] && find .build-dist/stage -name '*rkit-bench*' | grep -q .; then
  fail ".build-dist/stage: holds rkit-bench (make install would copy it)"
fi

# --- (d) PyPI packages pinned with ==
pip='pip[0-9]*[[:space:]]+install([[:space:]]|$)'
grep -qE "$pip" Makefile || fail "Makefile: no pip install found; this check expects the pinned test packages there"
while IFS= read -r hit; do
  file=${hit%%:*}
  for word in $(sed -E "s/.*$pip/ /" <<<"${hit#*:}"); do
    [[ $word == -* || $word == '||' || $word == '&&' || $word == ';' ]] && continue
    if [[ ! $word =~ ^[A-Za-z0-9_.-]+==(.+)$ ]]; then
      fail "$file: pip installs '$word' without an == pin"
      continue
    fi
    version=${BASH_REMATCH[1]}
    if [[ $version =~ ^\$\(([A-Za-z_][A-Za-z0-9_]*)\)$ ]]; then
      variable=${BASH_REMATCH[1]}
      version=$(sed -n "s/^$variable[[:space:]]*:\{0,1\}=[[:space:]]*\([^[:space:]]*\)[[:space:]]*\$/\1/p" "$file")
      [ -n "$version" ] || { fail "$file: $word: $variable is not set to a version"; continue; }
    fi
    [[ $version =~ ^[0-9]+(\.[0-9A-Za-z]+)*$ ]] || fail "$file: $word pins no literal version ($version)"
  done
done < <(git ls-files -- Makefile '*.sh' ':!Tests/SupplyChain/' | xargs grep -HE "$pip" | grep -v '^[^:]*:[[:space:]]*#' || true)

[ "$failures" -eq 0 ] || exit 1
echo "supply-chain: pins exact and committed, Package.resolved unchanged, no rkit-bench in a release, PyPI pinned"
