#!/usr/bin/env bash
# Fuzz every parser for a bounded time: Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
# (default 60 s each, every target with seeds). `make fuzz` runs the
# default; CI runs `Fuzz/run.sh 5`. Crashing inputs go to Fuzz/artifacts/
# (gitignored); new interesting inputs to .build-fuzz/corpus/<target>/, so
# the committed seeds in Fuzz/corpus/ are never rewritten. Seeds: the
# committed Fuzz/corpus/<target>/ and those Fuzz/hostile-seeds.sh derives
# from Tests/Hostile/inputs (.build-fuzz/seeds/<target>/).
# Exit 0 when no target crashed, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
case "$seconds" in ''|*[!0-9]*) echo "usage: Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2;; esac

bash Fuzz/build.sh
bash Fuzz/hostile-seeds.sh

# Longest input worth trying per target: a little over the largest real
# document of that kind (a kit with its attestation is about 2.5 KB).
max_len() {
  case "$1" in
    code) echo 256 ;;
    share) echo 1024 ;;
    spki|pkcs8) echo 1024 ;;
    base64|clientData|pem|envelope|codeList|origin|registration) echo 2048 ;;
    *) echo 8192 ;;
  esac
}

if [ $# -gt 0 ]; then targets=("$@"); else
  mapfile -t targets < <(for dir in Fuzz/corpus/*/ .build-fuzz/seeds/*/; do [ -d "$dir" ] && basename "$dir"; done | sort -u)
fi
mkdir -p Fuzz/artifacts .build-fuzz/logs
failed=()
printf '%-16s %8s %10s %10s %8s  %s\n' target seconds runs exec/s cov result
for target in "${targets[@]}"; do
  work=".build-fuzz/corpus/$target"
  log=".build-fuzz/logs/$target.log"
  mkdir -p "$work"
  seeds=(); for dir in "Fuzz/corpus/$target" ".build-fuzz/seeds/$target"; do [ -d "$dir" ] && seeds+=("$dir"); done
  status=0
  # Leak checks off: Swift's runtime caches look like leaks to LSan; ASan
  # still catches every out-of-bounds access and use after free.
  RKIT_FUZZ_TARGET="$target" ASAN_OPTIONS="detect_leaks=0:abort_on_error=0" \
    .build-fuzz/rkit-fuzz "$work" "${seeds[@]}" \
      -max_total_time="$seconds" -max_len="$(max_len "$target")" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="Fuzz/artifacts/$target-" -print_final_stats=1 >"$log" 2>&1 || status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
  if [ "$status" -eq 0 ]; then result=ok; else result="CRASH (see $log)"; failed+=("$target"); fi
  printf '%-16s %8s %10s %10s %8s  %s\n' "$target" "$seconds" "${runs:-?}" "${speed:-?}" "${cov:-?}" "$result"
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "Fuzz/run.sh: crashes in: ${failed[*]}; inputs in Fuzz/artifacts/" >&2
  for target in "${failed[@]}"; do grep -m3 -E 'ERROR|Fatal error|fuzz property' ".build-fuzz/logs/$target.log" >&2 || true; done
  exit 1
fi
echo "Fuzz/run.sh: ${#targets[@]} targets, ${seconds} s each, no crash"
