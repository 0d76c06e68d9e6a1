#!/usr/bin/env python3
"""Independent check of a POST /auth/recover/user body with Python's
`cryptography` (docs/SCHEME.md sections 6a-7). Not rkit code: it reads only bytes.

usage: verify_request.py BODY_FILE RECOVERY_PUBLIC_KEY_PEM_FILE CHALLENGE ORIGIN
                         [--key-file PEM [--passphrase-file FILE]]

Checks: the assertion signature over the exact client data bytes; the client
data challenge decodes to the body's newCredentials; every Key/RecoveryKey
credential's client data carries CHALLENGE (a Key as is; a RecoveryKey as is or,
in the reference frontend's form, base64url of its UTF-8) and ORIGIN (a Key
in the SDK's form may name none) and its attestation
signature verifies; a RecoveryKey credId is the envelope hash; with
--key-file, the written private key is the first factor's key.
Prints a JSON summary; exits 1 with {"error": ...} when a check fails.
"""
import base64
import hashlib
import json
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


class CheckFailed(Exception):
    pass


def check(ok, message):
    if not ok:
        raise CheckFailed(message)


def b64url_decode(text):
    check("=" not in text, "base64url text carries padding")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def js_stringify(value):
    # JSON.stringify for the values rkit bodies hold (no floats, no lone surrogates).
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def verify_signature(public_key, signature, data, what):
    if len(signature) == 64:
        signature = encode_dss_signature(int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big"))
    try:
        public_key.verify(signature, data, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise CheckFailed(f"{what} signature does not verify")


def load_pem_public(text):
    key = serialization.load_pem_public_key(text.encode())
    check(isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1", "public key is not P-256")
    return key


def verify_credential(slot, credential, challenge, origin):
    info = credential["credentialInfo"]
    client_bytes = b64url_decode(info["clientData"])
    client = json.loads(client_bytes)
    check(client["type"] == "key.create", f"{slot}: client data type is not key.create")
    accepted = [challenge]
    if credential["credentialKind"] == "RecoveryKey":
        accepted.append(base64.urlsafe_b64encode(challenge.encode("utf-8")).rstrip(b"=").decode())
    check(client["challenge"] in accepted, f"{slot}: client data does not carry the recovery challenge")
    if "origin" in client or credential["credentialKind"] != "Key":
        check(client["origin"] == origin, f"{slot}: client data origin differs")
    check(client.get("crossOrigin", False) is False, f"{slot}: client data crossOrigin is not false")
    attestation = json.loads(b64url_decode(info["attestationData"]))
    check(attestation.get("algorithm", "SHA256") == "SHA256", f"{slot}: attestation algorithm is not SHA256")
    fingerprint = js_stringify({"clientDataHash": hashlib.sha256(client_bytes).hexdigest(), "publicKey": attestation["publicKey"]})
    key = load_pem_public(attestation["publicKey"])
    verify_signature(key, bytes.fromhex(attestation["signature"]), fingerprint.encode(), f"{slot} attestation")
    if credential["credentialKind"] == "RecoveryKey":
        envelope_hash = base64.urlsafe_b64encode(hashlib.sha256(credential["encryptedPrivateKey"].encode()).digest()).rstrip(b"=").decode()
        check(info["credId"] == envelope_hash, f"{slot}: credId is not the hash of the envelope")
    return key


def main(argv):
    body_path, pem_path, challenge, origin = argv[1:5]
    options = dict(zip(argv[5::2], argv[6::2]))
    body_text = open(body_path, encoding="utf-8").read().rstrip("\n")
    body = json.loads(body_text)
    check(body["recovery"]["kind"] == "RecoveryKey", "recovery.kind is not RecoveryKey")
    assertion = body["recovery"]["credentialAssertion"]
    client_bytes = b64url_decode(assertion["clientData"])
    client = json.loads(client_bytes)
    check(client["type"] == "key.get", "assertion client data type is not key.get")
    check(client["origin"] == origin, "assertion origin differs")
    check(client.get("crossOrigin") is False, "assertion crossOrigin is not false")
    verify_signature(load_pem_public(open(pem_path).read()), b64url_decode(assertion["signature"]), client_bytes, "assertion")
    signed = b64url_decode(client["challenge"]).decode("utf-8")
    check(json.loads(signed) == body["newCredentials"], "signed challenge is not the body's newCredentials")
    byte_identical = signed == js_stringify(body["newCredentials"]) and ('"newCredentials":' + signed + "}") in body_text
    keys = {}
    for slot, credential in body["newCredentials"].items():
        if credential["credentialKind"] in ("Key", "RecoveryKey"):
            keys[slot] = verify_credential(slot, credential, challenge, origin)
    if "--key-file" in options:
        password = None
        if "--passphrase-file" in options:
            password = open(options["--passphrase-file"], "rb").read().split(b"\n")[0]
        private = serialization.load_pem_private_key(open(options["--key-file"], "rb").read(), password=password)
        mine = private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        theirs = keys["firstFactorCredential"].public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        check(mine == theirs, "the key file is not the first factor's key")
    print(json.dumps({"newCredentials": len(body["newCredentials"]), "verifiedCredentials": sorted(keys), "byteIdentical": byte_identical}))


if __name__ == "__main__":
    try:
        main(sys.argv)
    except (CheckFailed, KeyError, ValueError, TypeError) as error:
        print(json.dumps({"error": f"{type(error).__name__}: {error}" if not isinstance(error, CheckFailed) else str(error)}))
        sys.exit(1)
