#!/usr/bin/env bash
# Remakes the sample bodies in Tests/Interop/bodies/ with the tools as built,
# so the schemas judge what rkit writes today. Inputs that come from Dfns
# (the three challenge responses) are synthetic but shaped as the SDK's
# types say; the Fido2 credential is synthetic too (shape only: rkit-sign
# places passkeys as given). No code, key file or secret is kept: the kits
# are made in a temporary folder and only the public bodies are copied.
# Usage: Tests/Interop/make_bodies.sh [BIN_DIR]   (default .build/debug)
# Then:  python3 Tests/Interop/validate_bodies.py --dir Tests/Interop/bodies
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$(cd "${1:-.build/debug}" && pwd)"
out="$PWD/Tests/Interop/bodies"
for tool in rkit-generate rkit-sign rkit-verify; do
  [ -x "$bin/$tool" ] || { echo "make_bodies.sh: $bin/$tool is not built; run 'swift build'" >&2; exit 3; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$work"

org=or-30tnh-itmjs-s235s5ontr3r23h2   # the form of docs.dfns.co's example org ID
origin=https://app.example.com
user='{"id":"us-3v1ag-1b2c3-abcdefghijklmn","displayName":"jo@example.com","name":"jo@example.com"}'
cat >registration-challenge.response.json <<JSON
{"user":$user,"temporaryAuthenticationToken":"eyJ0eXAiOiJKV1QifQ.registration-token.sig","challenge":"Y2gtcmVnaXN0cmF0aW9uLXNlc3Npb24tMQ","rp":{"id":"app.example.com","name":"Example"},"supportedCredentialKinds":{"firstFactor":["Fido2","Key"],"secondFactor":["Fido2","Key","Totp"]},"authenticatorSelection":{"residentKey":"required","requireResidentKey":true,"userVerification":"required"},"attestation":"none","pubKeyCredParams":[{"type":"public-key","alg":-7}],"excludeCredentials":[],"otpUrl":""}
JSON
cat >credentials-init.response.json <<JSON
{"kind":"RecoveryKey","user":$user,"challengeIdentifier":"eyJ0eXAiOiJKV1QifQ.challenge-identifier.sig","challenge":"Y2gtNzloaHQtbXJlb2stOGFwOHFtMmVpZWZ0amxhZw","rp":{"id":"app.example.com","name":"Example"},"attestation":"none","pubKeyCredParams":[{"type":"public-key","alg":-7}],"temporaryAuthenticationToken":"eyJ0eXAiOiJKV1QifQ.deprecated-token.sig"}
JSON

# Registration (rkit-generate --challenge): attestation.json is the recoveryCredential.
"$bin/rkit-generate" --username jo@example.com --org-id "$org" --origin "$origin" \
  --challenge registration-challenge.response.json --out kit --code-out code.txt --formats txt >/dev/null
# Adding a kit to a signed-in account: the same command with a /auth/credentials/init response.
"$bin/rkit-generate" --username jo@example.com --org-id "$org" --origin "$origin" \
  --challenge credentials-init.response.json --out kit2 --code-out code2.txt --formats txt >/dev/null

# The two online steps before the challenge.
"$bin/rkit-sign" --code-request --kit kit/kit.json >send-code.request.json
"$bin/rkit-sign" --init-request --kit kit/kit.json --verification-code 1234-1234-1234-1234 >recover-init.request.json

# The recovery challenge for this kit, then the recover bodies.
python3 - <<'PY'
import base64, json
kit = json.load(open("kit/kit.json"))
user = {"id": "us-3v1ag-1b2c3-abcdefghijklmn", "displayName": "jo@example.com", "name": "jo@example.com"}
challenge = "Y2gtcmVjb3Zlcnktc2Vzc2lvbi0x"
response = {"user": user, "temporaryAuthenticationToken": "eyJ0eXAiOiJKV1QifQ.recovery-token.sig", "challenge": challenge,
            "rp": {"id": "app.example.com", "name": "Example"},
            "supportedCredentialKinds": {"firstFactor": ["Fido2", "Key"], "secondFactor": ["Fido2", "Key", "Totp"]},
            "authenticatorSelection": {"residentKey": "required", "requireResidentKey": True, "userVerification": "required"},
            "attestation": "none", "pubKeyCredParams": [{"type": "public-key", "alg": -7}], "excludeCredentials": [], "otpUrl": "",
            "allowedRecoveryCredentials": [{"id": kit["credentialId"], "encryptedRecoveryKey": kit["encryptedPrivateKey"]}]}
json.dump(response, open("recovery-challenge.response.json", "w"), indent=2)
b64u = lambda text: base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
client = json.dumps({"type": "webauthn.create", "challenge": b64u(challenge), "origin": "https://app.example.com", "crossOrigin": False},
                    separators=(",", ":"))
fido2 = {"credentialKind": "Fido2", "credentialInfo": {"credId": "AAECAwQFBgcICQoLDA0ODw",
         "attestationData": b64u("synthetic attestation object"), "clientData": b64u(client)}}
json.dump(fido2, open("fido2.json", "w"))
PY
sign() { "$bin/rkit-sign" --kit kit/kit.json --code-file code.txt --challenge recovery-challenge.response.json --origin "$origin" "$@" 2>/dev/null; }
sign --new-key new-key.pem --new-kit next-kit --out recover.request.key.json
sign --new-credentials fido2.json --new-kit next-kit2 --out recover.request.fido2.json
"$bin/rkit-verify" request recover.request.key.json --kit kit/kit.json --challenge recovery-challenge.response.json >/dev/null

cp send-code.request.json recover-init.request.json recover.request.key.json recover.request.fido2.json \
   recovery-challenge.response.json registration-challenge.response.json credentials-init.response.json "$out/"
cp kit/attestation.json "$out/recovery-credential.rkit-generate.json"
cp next-kit/attestation.json "$out/recovery-credential.rkit-sign-new-kit.json"
# With a /auth/credentials/init response, attestation.json is the whole CreateCredentialBody.
cp kit2/attestation.json "$out/create-credential.request.rkit-generate.json"
echo "make_bodies.sh: wrote $(ls "$out"/*.json | wc -l) bodies to Tests/Interop/bodies"
