#!/usr/bin/env bash
# Remakes the sample bodies in Tests/Interop/bodies/ with the tools as built,
# so the schemas judge what rkit writes today. Inputs that come from Dfns
# (the three challenge responses) are synthetic but shaped as the SDK's
# types say; the Fido2 credential is synthetic too, but whole (a real key,
# authenticator data and a format-none attestation object), since rkit-sign
# checks every new credential. No code, key file or secret is kept: the kits
# are made in a temporary folder and only the public bodies are copied.
# Usage: Tests/Interop/make_bodies.sh [BIN_DIR [OUT_DIR]]   (default .build/debug, Tests/Interop/bodies)
# Then:  python3 Tests/Interop/validate_bodies.py --dir Tests/Interop/bodies
set -euo pipefail
cd "$(dirname "$0")/../.."
bin="$(cd "${1:-.build/debug}" && pwd)"
root="$PWD"
out="${2:-$PWD/Tests/Interop/bodies}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
for tool in rkit-generate rkit-sign rkit-verify; do
  [ -x "$bin/$tool" ] || { echo "make_bodies.sh: $bin/$tool is not built; run 'swift build'" >&2; exit 3; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
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
"$bin/rkit-sign" code-request --kit kit/kit.json >send-code.request.json
"$bin/rkit-sign" init-request --kit kit/kit.json --verification-code 1234-1234-1234-1234 >recover-init.request.json

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
b64ub = lambda data: base64.urlsafe_b64encode(data).decode().rstrip("=")
# A passkey shaped as the SDK's WebAuthnSigner.create returns it: a real P-256
# credential key in authenticator data for rp.id, attestation format none
# (minimal CBOR, written here), client data as a browser writes it.
import hashlib
from cryptography.hazmat.primitives.asymmetric import ec
def cbor_head(major, n):
    if n < 24: return bytes([major << 5 | n])
    if n < 256: return bytes([major << 5 | 24, n])
    return bytes([major << 5 | 25]) + n.to_bytes(2, "big")
def cbor(value):
    if isinstance(value, bytes): return cbor_head(2, len(value)) + value
    if isinstance(value, str): return cbor_head(3, len(value.encode())) + value.encode()
    if isinstance(value, int): return cbor_head(0, value) if value >= 0 else cbor_head(1, -1 - value)
    if isinstance(value, list): return cbor_head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value)
    raise TypeError(value)
numbers = ec.generate_private_key(ec.SECP256R1()).public_key().public_numbers()
cose = cbor([(1, 2), (3, -7), (-1, 1), (-2, numbers.x.to_bytes(32, "big")), (-3, numbers.y.to_bytes(32, "big"))])
cred_id = hashlib.sha256(b"make_bodies passkey").digest()[:16]
auth_data = hashlib.sha256(b"app.example.com").digest() + bytes([0x45, 0, 0, 0, 0]) + bytes(16) + len(cred_id).to_bytes(2, "big") + cred_id + cose
attestation = cbor([("fmt", "none"), ("attStmt", []), ("authData", auth_data)])
client = json.dumps({"type": "webauthn.create", "challenge": b64u(challenge), "origin": "https://app.example.com", "crossOrigin": False},
                    separators=(",", ":"))
fido2 = {"credentialKind": "Fido2", "credentialInfo": {"credId": b64ub(cred_id),
         "attestationData": b64ub(attestation), "clientData": b64u(client)}}
json.dump(fido2, open("fido2.json", "w"))
PY
sign() { "$bin/rkit-sign" recover --kit kit/kit.json --code-file code.txt --challenge recovery-challenge.response.json --origin "$origin" "$@" 2>/dev/null; }
# Credentials from a file are confirmed by the file's SHA-256.
accepted() { echo --new-credentials "$1" --accept-new-credentials "$(sha256sum "$1" | cut -d' ' -f1)" --allow-unverified-authenticator; }
sign --new-key new-key.pem --plain-new-key --new-kit next-kit --out recover.request.key.json
sign $(accepted fido2.json) --new-kit next-kit2 --out recover.request.fido2.json
# A Key credential as the SDK's BrowserKeySigner makes it (the project's Node implementation).
node "$root/Tests/Interop/reference-frontend.mjs" make-key <<<'{"challenge":"Y2gtcmVjb3Zlcnktc2Vzc2lvbi0x"}' \
  | python3 -c 'import json,sys; json.dump(json.load(sys.stdin)["credential"], open("sdk-key.json","w"))'
sign $(accepted sdk-key.json) --new-kit next-kit3 --out recover.request.sdk-key.json
for body in recover.request.key.json recover.request.fido2.json recover.request.sdk-key.json; do
  "$bin/rkit-verify" request "$body" --kit kit/kit.json --challenge recovery-challenge.response.json >/dev/null
done

cp send-code.request.json recover-init.request.json recover.request.key.json recover.request.fido2.json recover.request.sdk-key.json \
   recovery-challenge.response.json registration-challenge.response.json credentials-init.response.json "$out/"
cp kit/attestation.json "$out/recovery-credential.rkit-generate.json"
cp next-kit/attestation.json "$out/recovery-credential.rkit-sign-new-kit.json"
# With a /auth/credentials/init response, attestation.json is the whole CreateCredentialBody.
cp kit2/attestation.json "$out/create-credential.request.rkit-generate.json"
echo "make_bodies.sh: wrote $(ls "$out"/*.json | wc -l) bodies to $out"
