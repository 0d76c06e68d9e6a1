#!/usr/bin/env bash
# Offline, provably: (1) no rkit executable links a networking library and
# no source names a networking API; (2) the built tools do real work inside
# a fresh network namespace that has no interface but a downed loopback
# (`unshare -n`, needs root: CI runs as root).
# Usage: Tests/Offline/run.sh [BIN_DIR]   (default .build/debug; builds it)
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="${1:-.build/debug}"
fail() { echo "Tests/Offline/run.sh: $*" >&2; exit 1; }

if [ -z "${RKIT_IN_NETNS:-}" ]; then
  [ "$bin" != .build/debug ] || swift build >/dev/null
  # --- 1. what the executables link --------------------------------------
  shopt -s nullglob
  tools=()
  for f in "$bin"/rkit-*; do [ -f "$f" ] && [ -x "$f" ] && tools+=("$f"); done
  [ ${#tools[@]} -gt 0 ] || fail "no rkit-* executables in $bin; run 'swift build' first"
  # libcrypto is expected (the crypto core); libssl is TLS, which rkit never speaks.
  for tool in "${tools[@]}"; do
    bad=$(ldd "$tool" | grep -E -i 'FoundationNetworking|libcurl|libssl\.|libnghttp2|libgnutls|libnss3|libresolv' || true)
    [ -z "$bad" ] || fail "$tool links a networking library: $bad"
  done
  echo "link check: ${#tools[@]} executables link no networking library (${tools[*]##*/})"
  # --- 2. what the sources name -----------------------------------------
  # One exception: the security keys' test transport (`--security-key unix:PATH`)
  # opens a Unix stream socket, a local file, never a network; that file may name
  # socket( with AF_UNIX and nothing of the network families.
  unix_transport=Sources/RecoveryKitSecurityKey/UnixSocketTransport.swift
  hits=$(grep -R -n -E 'FoundationNetworking|URLSession|URLRequest|NSURLConnection|\bsocket\(|getaddrinfo|gethostbyname|\bcurl_' \
           Sources --include='*.swift' --include='*.c' --include='*.h' | grep -v "^$unix_transport:" || true)
  [ -z "$hits" ] || fail "networking API in the sources:"$'\n'"$hits"
  inet=$(grep -n -E 'AF_INET|PF_INET|sockaddr_in|getaddrinfo|gethostbyname|inet_pton|SOCK_DGRAM' "$unix_transport" || true)
  [ -z "$inet" ] || fail "$unix_transport names a network socket family:"$'\n'"$inet"
  grep -q 'socket(AF_UNIX' "$unix_transport" || fail "$unix_transport: expected its one socket( to be AF_UNIX"
  echo "source check: no networking API under Sources/ (the security-key test transport is AF_UNIX only)"
  # --- 3. run again inside a new network namespace -----------------------
  [ "$(id -u)" = 0 ] || fail "must run as root to create a network namespace (unshare -n); CI runs as root"
  unshare -n true 2>/dev/null || fail "unshare -n was refused (no CAP_SYS_ADMIN, or user namespaces disabled); run as root on a host that allows it"
  exec unshare -n env RKIT_IN_NETNS=1 bash "$0" "$bin"
fi

# Inside the namespace: prove there is no network first.
links=$(ip -o link 2>/dev/null | grep -v -c ': lo:' || true)
[ "$links" = 0 ] || fail "the namespace has network interfaces besides lo"
if (exec 3<>/dev/tcp/1.1.1.1/53) 2>/dev/null; then fail "a TCP connection succeeded inside the namespace"; fi
echo "namespace: only a downed loopback; connecting out fails"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ran=0
# step DESCRIPTION TOOL ARGS...: must exit 0. One line per tool and mode.
step() {
  local what="$1"; shift
  local tool="$bin/$1"; shift
  [ -x "$tool" ] || fail "$what: $tool is not built"
  if ! out=$("$tool" "$@" 2>&1 </dev/null); then fail "$what failed offline: $out"; fi
  echo "offline ok: $what"
  ran=$((ran + 1))
}

# Two tiny known answers of our own, so the crypto core runs even before
# (or without) the full Vectors/ set.
mkdir "$work/vectors"
cat >"$work/vectors/offline.json" <<'JSON'
{"layer":"sha256","vectors":[{"name":"abc","expect":"ok","input_utf8":"abc","digest_hex":"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}]}
JSON
step "rkit-verify vectors (sha256)" rkit-verify vectors "$work/vectors"
h=Tests/Hostile/inputs
step "rkit-verify kit (opens the envelope)" rkit-verify kit "$h/kits/kit.json" --code-file "$h/codes/good.txt"
step "rkit-verify request" rkit-verify request "$h/requests/body.json" --kit "$h/kits/kit.json" --challenge "$h/challenges/challenge.json"
step "rkit-generate" rkit-generate --username offline@example.com --out "$work/kit" --code-out "$work/code.txt" \
  --origin https://app.example.com --challenge "$h/challenges/challenge.json" --formats pdf,txt,svg
step "rkit-verify kit (the new kit)" rkit-verify kit "$work/kit/kit.json" --code-file "$work/code.txt"
step "rkit-sign" rkit-sign --kit "$h/kits/kit.json" --code-file "$h/codes/good.txt" --challenge "$h/challenges/challenge.json" \
  --origin https://app.example.com --org-id or-hostile-0001 --new-key "$work/new-key.pem" --plain-new-key --new-kit "$work/next-kit" --out "$work/body.json"
step "rkit-verify request (the signed body)" rkit-verify request "$work/body.json" --kit "$h/kits/kit.json" \
  --challenge "$h/challenges/challenge.json"
# The security key path: a software FIDO2 key (soft-fido2, make
# security-key-deps) on a Unix path socket, which needs no network.
python3 Tests/SecurityKey/soft_key.py serve --socket "$work/key.sock" --home "$work/fido-home" >"$work/soft-key.log" 2>&1 &
softkey=$!
trap 'kill $softkey 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do [ -S "$work/key.sock" ] && break; sleep 0.2; done
[ -S "$work/key.sock" ] || fail "the soft security key did not start (make security-key-deps): $(cat "$work/soft-key.log")"
printf '123456\n' >"$work/pin.txt"
step "rkit-sign --security-key" rkit-sign recover --kit "$h/kits/kit.json" --code-file "$h/codes/good.txt" \
  --challenge "$h/challenges/challenge.json" --origin https://app.example.com \
  --security-key "unix:$work/key.sock" --security-key-pin-file "$work/pin.txt" --out "$work/body-passkey.json"
step "rkit-verify request (the passkey body)" rkit-verify request "$work/body-passkey.json" --kit "$h/kits/kit.json" \
  --challenge "$h/challenges/challenge.json"
if compgen -G 'Vectors/*.json' >/dev/null; then
  step "rkit-verify vectors Vectors" rkit-verify vectors Vectors
fi
echo "Tests/Offline/run.sh: $ran tool runs passed with no network"
