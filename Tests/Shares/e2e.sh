#!/usr/bin/env bash
# A 2-of-3 kit from rkit-generate to a signed recovery with two shares that
# rkit-verify passes (issue 22), with Trezor's shamir-mnemonic 0.3.0 as the
# independent judge of every share paper. Every check fails loudly.
# Usage: Tests/Shares/e2e.sh [BIN_DIR]   (default .build/debug); run by make test.
# With SHARES_E2E_KEEP=DIR the work folder is copied there (for the report).
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
bin="$(cd "${1:-.build/debug}" && pwd)"
for tool in rkit-generate rkit-sign rkit-verify; do
  [ -x "$bin/$tool" ] || { echo "e2e.sh: $bin/$tool is not built; run 'swift build'" >&2; exit 3; }
done
python3 -c 'import shamir_mnemonic' || { echo "e2e.sh: shamir-mnemonic is not installed; run 'make deps'" >&2; exit 3; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
fail() { echo "e2e.sh: FAIL: $*" >&2; exit 1; }
step() { echo "== $*"; }
ref="$root/Tests/Interop/shamir_reference.py"

org=or-30tnh-itmjs-s235s5ontr3r23h2
origin=https://app.example.com
user='{"id":"us-3v1ag-1b2c3-abcdefghijklmn","displayName":"jo@example.com","name":"jo@example.com"}'
cat >registration.json <<JSON
{"user":$user,"temporaryAuthenticationToken":"eyJ0eXAiOiJKV1QifQ.registration-token.sig","challenge":"Y2gtcmVnaXN0cmF0aW9uLXNlc3Npb24tMQ","rp":{"id":"app.example.com","name":"Example"},"supportedCredentialKinds":{"firstFactor":["Fido2","Key"],"secondFactor":["Fido2","Key","Totp"]},"authenticatorSelection":{"residentKey":"required","requireResidentKey":true,"userVerification":"required"},"attestation":"none","pubKeyCredParams":[{"type":"public-key","alg":-7}],"excludeCredentials":[],"otpUrl":""}
JSON

step "rkit-generate --shares 2-of-3"
"$bin/rkit-generate" --username jo@example.com --org-id "$org" --origin "$origin" \
  --challenge registration.json --out kit --shares 2-of-3 --formats pdf,txt
[ "$(ls kit | tr '\n' ' ')" = "attestation.json kit.json kit.pdf kit.txt share-1.pdf share-1.txt share-2.pdf share-2.txt share-3.pdf share-3.txt " ] \
  || fail "kit folder: $(ls kit | tr '\n' ' ')"
for f in kit/share-*; do [ "$(stat -c %a "$f")" = 600 ] || fail "$f is not 0600"; done
code=$(python3 "$ref" papers kit/share-1.txt kit/share-3.txt)
[ "$(python3 "$ref" papers kit/share-2.txt kit/share-1.txt)" = "$code" ] || fail "papers 1+3 and 2+1 give different codes"
# The code is written nowhere: no file of the kit holds it or one of its groups.
for f in kit/*.txt kit/*.json; do grep -q "${code:3:6}" "$f" && fail "$f holds the code"; done
pdftotext kit/kit.pdf - | grep -q "${code:3:6}" && fail "kit.pdf holds the code"
grep -q "You need 2 of the 3 shares" kit/kit.txt || fail "kit.txt does not say what it needs"

step "rkit-verify kit with two share papers"
"$bin/rkit-verify" kit kit/kit.json --share-file kit/share-3.txt --share-file kit/share-2.txt

step "one share is refused before anything is signed"
set +e
"$bin/rkit-verify" kit kit/kit.json --share-file kit/share-2.txt 2>err.txt; status=$?
set -e
[ $status = 4 ] && grep -q "1 of the 2 shares needed was given" err.txt || fail "one share: status $status, $(cat err.txt)"

# The recovery challenge for this kit (as /auth/recover/user/init answers).
python3 - <<'PY'
import json
kit = json.load(open("kit/kit.json"))
user = {"id": "us-3v1ag-1b2c3-abcdefghijklmn", "displayName": "jo@example.com", "name": "jo@example.com"}
json.dump({"user": user, "temporaryAuthenticationToken": "eyJ0eXAiOiJKV1QifQ.recovery-token.sig",
           "challenge": "Y2gtcmVjb3Zlcnktc2Vzc2lvbi0x", "rp": {"id": "app.example.com", "name": "Example"},
           "supportedCredentialKinds": {"firstFactor": ["Fido2", "Key"], "secondFactor": ["Fido2", "Key", "Totp"]},
           "authenticatorSelection": {"residentKey": "required", "requireResidentKey": True, "userVerification": "required"},
           "attestation": "none", "pubKeyCredParams": [{"type": "public-key", "alg": -7}], "excludeCredentials": [], "otpUrl": "",
           "allowedRecoveryCredentials": [{"id": kit["credentialId"], "encryptedRecoveryKey": kit["encryptedPrivateKey"]}]},
          open("response.json", "w"), indent=2)
PY
# The kit as the person carries it: the kit paper's QR, scanned.
pdftoppm -r 150 -png kit/kit.pdf page
zbarimg --raw -q -Sdisable -Sqrcode.enable page-1.png >kit-qr.txt || fail "the kit paper's QR does not scan"

step "rkit-sign recover with shares 1 and 3, new kit split the same way"
"$bin/rkit-sign" recover --kit kit-qr.txt --challenge response.json --share-file kit/share-1.txt \
  --share-file kit/share-3.txt --new-key new-key.pem --plain-new-key --new-kit new-kit --out body.json
[ -s body.json ] || fail "no body"
ls new-kit | grep -q '^share-3.txt$' || fail "the new kit's code was not split: $(ls new-kit | tr '\n' ' ')"
ls new-kit | grep -q '^share-4' && fail "the new kit has more share papers than the old"
grep -q "# rkit-split: 2-of-3" new-kit/share-1.txt || fail "new share papers do not record the split"

step "rkit-verify request passes the body"
"$bin/rkit-verify" request body.json --kit kit-qr.txt --share-file kit/share-2.txt --share-file kit/share-3.txt --challenge response.json

step "the new kit: two of its share papers open it (rkit and shamir-mnemonic)"
"$bin/rkit-verify" kit new-kit/kit.json --share-file new-kit/share-1.txt --share-file new-kit/share-2.txt
newcode=$(python3 "$ref" papers new-kit/share-3.txt new-kit/share-2.txt)
[ "$newcode" != "$code" ] || fail "the new kit has the old code"
printf '%s\n' "$newcode" >newcode.txt
"$bin/rkit-verify" kit new-kit/kit.json --code-file newcode.txt
# And shares made by shamir-mnemonic from the old code open the old kit in rkit.
printf '%s' "$code" | python3 "$ref" split 1 3-of-5 >ref-shares.txt
sed -n 5p ref-shares.txt >ref-a.txt; sed -n 1p ref-shares.txt >ref-b.txt; sed -n 3p ref-shares.txt >ref-c.txt
"$bin/rkit-verify" kit kit/kit.json --share-file ref-a.txt --share-file ref-b.txt --share-file ref-c.txt
[ -n "${SHARES_E2E_KEEP:-}" ] && { rm -rf "$SHARES_E2E_KEEP"; cp -r "$work" "$SHARES_E2E_KEEP"; }
echo "shares e2e: 2-of-3 kit -> signed recovery with two shares -> rkit-verify passed; new kit split 2-of-3"
