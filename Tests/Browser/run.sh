#!/usr/bin/env bash
# Real passkeys from a real browser through rkit-sign and rkit-verify.
#
# Makes a kit and a recovery challenge for it (RP ID "localhost"), asks
# headless Chromium with a virtual authenticator for passkeys
# (make_passkeys.py): one made against the recovery challenge, one against
# another challenge, one at another origin. Then:
#   good passkey:            rkit-sign signs it (exit 0, placed byte for byte);
#                            rkit-verify request passes the body
#   wrong-challenge passkey: rkit-sign refuses it (exit non-zero, nothing written);
#                            rkit-verify request fails a body carrying it
#   other-origin passkey:    the same as the wrong-challenge one
# Bodies carrying a bad passkey are signed by the project's Node reference
# frontend (Tests/Interop/reference-frontend.mjs sign-request), so the
# verifier is tested whatever rkit-sign does; that implementation also
# checks each passkey's client data independently.
#
# Usage: Tests/Browser/run.sh [BIN_DIR]   (default .build/debug; builds it)
# Env:   RKIT_BROWSER_KEEP=DIR  keep the work folder (passkeys, bodies, report) in DIR
#        RKIT_BROWSER_PORT, RKIT_BROWSER_OTHER_PORT  loopback ports of the two origins (default: free ones)
#        RKIT_BROWSER_SAMPLES=N extra passkeys made to count Chrome's extra member (default 20)
# Needs: chromium, chromium-driver (make browser-deps), node, python3.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
bin="${1:-.build/debug}"
die() { echo "Tests/Browser/run.sh: $*" >&2; exit 2; }

for tool in chromium chromedriver node python3; do
  command -v "$tool" >/dev/null || die "$tool is not installed; run 'make browser-deps' (and 'make deps')"
done
if [ "$bin" = .build/debug ]; then swift build >/dev/null; fi
for tool in rkit-generate rkit-sign rkit-verify; do [ -x "$bin/$tool" ] || die "$bin/$tool is not built"; done
bin=$(cd "$bin" && pwd)

if [ -n "${RKIT_BROWSER_KEEP:-}" ]; then
  work="$RKIT_BROWSER_KEEP"; rm -rf "$work"; mkdir -p "$work"; work=$(cd "$work" && pwd)
else
  work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fi
node_frontend="$root/Tests/Interop/reference-frontend.mjs"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=${RKIT_BROWSER_PORT:-$(free_port)}; other_port=${RKIT_BROWSER_OTHER_PORT:-$(free_port)}
[ "$port" != "$other_port" ] || other_port=$(free_port)
origin="http://localhost:$port"
username="browser@example.com"

# --- a kit and a recovery challenge for it ----------------------------------
"$bin/rkit-generate" --username "$username" --org-id or-browser-1 --origin "$origin" \
  --out "$work/kit" --code-out "$work/code.txt" --formats txt >/dev/null
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
kit = json.load(open(f"{work}/kit/kit.json"))
challenge = {
  "user": {"id": "us-3v1ag-browser-0001", "displayName": "Browser", "name": kit["username"]},
  "temporaryAuthenticationToken": "eyJhbGciOiJFUzI1NiJ9.browser-test.sig",
  "challenge": "Y2gtYnJvd3Nlci1yZWNvdmVyeS0x",
  "supportedCredentialKinds": {"firstFactor": ["Fido2", "Key"], "secondFactor": ["Fido2", "Key"]},
  "authenticatorSelection": {"residentKey": "required", "userVerification": "required"},
  "attestation": "direct",
  "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
  "excludeCredentials": [],
  "otpUrl": "",
  "allowedRecoveryCredentials": [{"id": kit["credentialId"], "encryptedRecoveryKey": kit["encryptedPrivateKey"]}],
  "rp": {"id": "localhost", "name": "rkit browser test"},
}
json.dump(challenge, open(f"{work}/challenge.json", "w"), indent=2)
PY

# --- the passkeys -------------------------------------------------------------
python3 Tests/Browser/make_passkeys.py --challenge "$work/challenge.json" --port "$port" --other-port "$other_port" \
  --out "$work/passkeys" --samples "${RKIT_BROWSER_SAMPLES:-20}"

failures=0
pass() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; failures=$((failures + 1)); }

# rkit-sign with --new-credentials FILE, confirmed without a terminal by the
# file's SHA-256 (issue 13: credentials rkit did not make need confirming).
sign() {
  local credentials="$1" out="$2" kit_dir="$3"
  (cd "$work" && "$bin/rkit-sign" recover --kit kit/kit.json --code-file code.txt --challenge challenge.json --origin "$origin" \
     --new-credentials "$credentials" --new-kit "$kit_dir" --out "$out" \
     --accept-new-credentials "$(sha256sum "$credentials" | cut -d' ' -f1)" --allow-unverified-authenticator)
}
# verify BODY: rkit-verify request against the kit and the challenge.
verify() { (cd "$work" && "$bin/rkit-verify" request "$1" --kit kit/kit.json --challenge challenge.json -v); }
# node_sign CREDENTIAL OUT: the Node reference frontend signs {firstFactorCredential: CREDENTIAL}.
node_sign() {
  python3 - "$work" "$1" "$origin" <<'PY' | node "$node_frontend" sign-request >"$2"
import json, sys
work, credential, origin = sys.argv[1:]
kit = json.load(open(f"{work}/kit/kit.json"))
code = open(f"{work}/code.txt").read().strip()
print(json.dumps({"username": kit["username"], "code": code, "encryptedPrivateKey": kit["encryptedPrivateKey"],
                  "credentialId": kit["credentialId"], "origin": origin,
                  "newCredentials": {"firstFactorCredential": json.load(open(credential))}}))
PY
}
# node_check CREDENTIAL: the Node implementation's own Fido2 client-data check.
node_check() {
  python3 -c 'import json,sys; print(json.dumps({"credential": json.load(open(sys.argv[1])), "challenge": sys.argv[2], "origin": sys.argv[3]}))' \
    "$1" "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["challenge"])' "$work/challenge.json")" "$origin" \
    | node "$node_frontend" verify-credential
}
first_factor_equals() {  # BODY FILE: the body's first factor is FILE's object, member order included
  python3 - "$1" "$2" <<'PY'
import json, sys
body = json.load(open(sys.argv[1]))
given = json.load(open(sys.argv[2]))
sys.exit(0 if json.dumps(body["newCredentials"]["firstFactorCredential"]) == json.dumps(given) else 1)
PY
}
nothing_written() { [ ! -e "$work/$1" ] && [ ! -e "$work/$2" ]; }

p="$work/passkeys"
# --- the good passkey -------------------------------------------------------------
if node_check "$p/good.json" >/dev/null; then pass "Node: the good passkey's client data is right"; else bad "Node refused the good passkey"; fi
if out=$(sign passkeys/good.json body-good.json kit-good 2>&1); then
  pass "rkit-sign signs the good passkey"
  if first_factor_equals "$work/body-good.json" "$p/good.json"; then pass "rkit-sign placed the passkey as made"; else bad "rkit-sign changed the passkey"; fi
  if out=$(verify body-good.json 2>&1); then pass "rkit-verify request passes rkit-sign's body"; else bad "rkit-verify request fails rkit-sign's body: $out"; fi
else
  bad "rkit-sign refused the good passkey: $out"
fi
node_sign "$p/good.json" "$work/body-good-node.json"
if out=$(verify body-good-node.json 2>&1); then pass "rkit-verify request passes the Node-signed body"; else bad "rkit-verify request fails the Node-signed good body: $out"; fi
# Every sample too (some carry Chrome's extra clientDataJSON member).
sample_failures=0
for sample in "$p"/samples/*.json; do
  node_sign "$sample" "$work/body-sample.json"
  verify body-sample.json >/dev/null 2>&1 || { sample_failures=$((sample_failures + 1)); echo "  rkit-verify failed $sample"; }
done
if [ "$sample_failures" = 0 ]; then pass "rkit-verify request passes every sample passkey"; else bad "rkit-verify request failed $sample_failures sample passkey(s)"; fi

# --- passkeys that must be refused ----------------------------------------------
for name in wrong-challenge other-origin; do
  if node_check "$p/$name.json" >/dev/null; then bad "Node accepted the $name passkey"; else pass "Node: the $name passkey is refused"; fi
  status=0; out=$(sign "passkeys/$name.json" "body-$name.json" "kit-$name" 2>&1) || status=$?
  if [ "$status" != 0 ] && nothing_written "body-$name.json" "kit-$name"; then
    pass "rkit-sign refuses the $name passkey (exit $status: $out)"
  else
    bad "rkit-sign must refuse the $name passkey and write nothing; exit $status, body written: $([ -e "$work/body-$name.json" ] && echo yes || echo no), kit written: $([ -e "$work/kit-$name" ] && echo yes || echo no)"
  fi
  node_sign "$p/$name.json" "$work/body-$name-node.json"
  status=0; out=$(verify "body-$name-node.json" 2>&1) || status=$?
  if [ "$status" = 1 ]; then
    pass "rkit-verify request fails the $name passkey: $(grep -E '^✗' <<<"$out" | head -3 | tr '\n' ' ')"
  else
    bad "rkit-verify request must fail (exit 1) a body with the $name passkey; exit $status"
  fi
done

python3 - "$p/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"{r['browser']}: {r['withExtraMember']} of {r['passkeys']} passkeys carry \"other_keys_can_be_added_here\"")
PY
if [ "$failures" = 0 ]; then echo "Tests/Browser/run.sh: all passed"; else echo "Tests/Browser/run.sh: $failures failed" >&2; exit 1; fi
