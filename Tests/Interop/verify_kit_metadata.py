#!/usr/bin/env python3
"""Independent check of a kit's metadata signature (docs/SCHEME.md, "Kit
metadata signature") with Python's `cryptography`. Not rkit code: it builds
the signed bytes from the documented layout and verifies with kit.json's
public key.

usage: verify_kit_metadata.py KIT_JSON
Prints "signed" and exits 0 when the signature verifies; prints the reason
and exits 1 otherwise.
"""
import base64
import json
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


kit = json.load(open(sys.argv[1], encoding="utf-8"))
signed = b"rkit-kit-metadata/1\x00"
for name in ["username", "orgId", "origin", "appId", "credentialId"]:
    value = kit.get(name)
    if value is None:
        signed += b"\x00"
    else:
        data = value.encode("utf-8")
        signed += b"\x01" + struct.pack(">I", len(data)) + data
if "metadataSignature" not in kit:
    print("no metadataSignature")
    sys.exit(1)
raw = b64url(kit["metadataSignature"])
if len(raw) != 64:
    print(f"signature is {len(raw)} bytes, not 64")
    sys.exit(1)
der = encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big"))
key = serialization.load_pem_public_key(kit["publicKey"].encode())
if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
    print("not a P-256 key")
    sys.exit(1)
try:
    key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
except InvalidSignature:
    print("signature does not verify")
    sys.exit(1)
print("signed")
