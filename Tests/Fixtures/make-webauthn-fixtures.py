#!/usr/bin/env python3
"""Writes the WebAuthn attestation fixtures rkit's tests read:

    python3 Tests/Fixtures/make-webauthn-fixtures.py

Each Tests/Fixtures/WebAuthn/<name>.json is a Fido2 credential object in the
shape Dfns's SDK sends ({"credentialKind":"Fido2","credentialInfo":{credId,
clientData, attestationData}}, all base64url without padding), made with
Python's `cryptography` and the small CBOR encoder below (independent of
rkit's Swift reader). The expected outcome of each is asserted in
Tests/RecoveryKitCoreTests/Attestation/WebAuthnAttestationTests.swift, not here.
Keys are fixed scalars, so only ECDSA signatures change between runs.
Also writes seeds for the fuzz targets cbor, attestation and fido2.
"""
import base64, datetime, hashlib, json, os, struct, sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.x509.oid import NameOID

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Tests", "Fixtures", "WebAuthn")
FUZZ = os.path.join(ROOT, "Fuzz", "corpus")

RP_ID = "example.com"
ORIGIN = "https://app.example.com"
CHALLENGE = "ch-rkit-fixture-0001"


# --- a tiny CBOR encoder (RFC 8949 shortest form, definite lengths) ---------
def head(major, n):
    if n < 24: return bytes([major << 5 | n])
    if n < 0x100: return bytes([major << 5 | 24, n])
    if n < 0x10000: return bytes([major << 5 | 25]) + struct.pack(">H", n)
    if n < 0x100000000: return bytes([major << 5 | 26]) + struct.pack(">I", n)
    return bytes([major << 5 | 27]) + struct.pack(">Q", n)

def cbor(v):
    if isinstance(v, bool): return b"\xf5" if v else b"\xf4"
    if v is None: return b"\xf6"
    if isinstance(v, int): return head(0, v) if v >= 0 else head(1, -1 - v)
    if isinstance(v, bytes): return head(2, len(v)) + v
    if isinstance(v, str): b = v.encode(); return head(3, len(b)) + b
    if isinstance(v, list): return head(4, len(v)) + b"".join(cbor(x) for x in v)
    if isinstance(v, dict): return cbor_map(list(v.items()))
    raise TypeError(v)

def cbor_map(items):
    """A map from a list of pairs (so a test can repeat a key)."""
    return head(5, len(items)) + b"".join(cbor(k) + cbor(v) for k, v in items)


def b64url(b): return base64.urlsafe_b64encode(b).rstrip(b"=").decode()

def p256(scalar): return ec.derive_private_key(scalar, ec.SECP256R1())

def cose_es256(key):
    n = key.public_key().public_numbers()
    return cbor({1: 2, 3: -7, -1: 1, -2: n.x.to_bytes(32, "big"), -3: n.y.to_bytes(32, "big")})

def auth_data(cose, cred_id, aaguid=bytes(16), flags=0x45, rp_id=RP_ID, sign_count=0):
    return (hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + struct.pack(">I", sign_count)
            + aaguid + struct.pack(">H", len(cred_id)) + cred_id + cose)

def client_data(challenge=CHALLENGE):
    # Chrome's key order: type, challenge, origin, crossOrigin.
    return json.dumps({"type": "webauthn.create", "challenge": b64url(challenge.encode()),
                       "origin": ORIGIN, "crossOrigin": False}, separators=(",", ":")).encode()

def sign(key, message): return key.sign(message, ec.ECDSA(hashes.SHA256()))

def credential(cred_id, client, attestation_object):
    return {"credentialKind": "Fido2", "credentialInfo": {
        "credId": b64url(cred_id), "clientData": b64url(client), "attestationData": b64url(attestation_object)}}

def certificate(subject, issuer, public_key, signing_key, ca):
    when = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer).public_key(public_key)
               .serial_number(0x1234 if ca else 0x5678).not_valid_before(when)
               .not_valid_after(when + datetime.timedelta(days=3650))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    return builder.sign(signing_key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)

def name(*pairs): return x509.Name([x509.NameAttribute(oid, value) for oid, value in pairs])


def main():
    os.makedirs(OUT, exist_ok=True)
    fixtures, cbor_seeds = {}, {}
    cred_key = p256(0x1111)
    cred_id = hashlib.sha256(b"rkit fixture credential").digest()[:16]
    cose = cose_es256(cred_key)
    client = client_data()
    client_hash = hashlib.sha256(client).digest()
    aaguid = bytes.fromhex("5ca1ab1e00004000800000000000000a")

    def att(fmt, stmt, ad): return cbor_map([("fmt", fmt), ("attStmt", stmt), ("authData", ad)])

    # none: what browsers send when attestation is not asked for (AAGUID zeroed).
    ad = auth_data(cose, cred_id)
    fixtures["none"] = credential(cred_id, client, att("none", {}, ad))
    cbor_seeds["none"] = att("none", {}, ad)

    # packed self attestation: the credential key signs authData || SHA-256(clientData).
    ad = auth_data(cose, cred_id, aaguid)
    sig = sign(cred_key, ad + client_hash)
    fixtures["packed-self"] = credential(cred_id, client, att("packed", {"alg": -7, "sig": sig}, ad))
    cbor_seeds["packed-self"] = att("packed", {"alg": -7, "sig": sig}, ad)
    bad = bytearray(sig); bad[-1] ^= 0x01
    fixtures["packed-self-bad-signature"] = credential(cred_id, client, att("packed", {"alg": -7, "sig": bytes(bad)}, ad))
    fixtures["packed-self-alg-rs256"] = credential(cred_id, client, att("packed", {"alg": -257, "sig": sig}, ad))

    # packed with x5c: self-signed CA -> leaf with a subject; the leaf key signs.
    ca_key, leaf_key = p256(0x2222), p256(0x3333)
    ca_name = name((NameOID.COUNTRY_NAME, "SE"), (NameOID.ORGANIZATION_NAME, "rkit Test CA"), (NameOID.COMMON_NAME, "rkit Test Root"))
    leaf_name = name((NameOID.COUNTRY_NAME, "SE"), (NameOID.ORGANIZATION_NAME, "rkit Test Authenticators"),
                     (NameOID.ORGANIZATIONAL_UNIT_NAME, "Authenticator Attestation"), (NameOID.COMMON_NAME, "rkit Test Key, Series 5"))
    ca = certificate(ca_name, ca_name, ca_key.public_key(), ca_key, True)
    leaf = certificate(leaf_name, ca_name, leaf_key.public_key(), ca_key, False)
    sig = sign(leaf_key, ad + client_hash)
    stmt = {"alg": -7, "sig": sig, "x5c": [leaf, ca]}
    fixtures["packed-x5c"] = credential(cred_id, client, att("packed", stmt, ad))
    cbor_seeds["packed-x5c"] = att("packed", stmt, ad)
    # Signed by the credential key although certificates are given.
    fixtures["packed-x5c-bad-signature"] = credential(cred_id, client, att("packed", {"alg": -7, "sig": sign(cred_key, ad + client_hash), "x5c": [leaf, ca]}, ad))
    # A hostile subject: ESC sequences and a bidi override, for the display path.
    hostile_name = name((NameOID.COMMON_NAME, "Key\x1b[2K\r\u202eevil"))
    hostile = certificate(hostile_name, ca_name, leaf_key.public_key(), ca_key, False)
    fixtures["packed-x5c-hostile-subject"] = credential(cred_id, client, att("packed", {"alg": -7, "sig": sig, "x5c": [hostile]}, ad))
    # An RSA leaf: recognised, not verified.
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    rsa_leaf = certificate(leaf_name, ca_name, rsa_key.public_key(), ca_key, False)
    rsa_sig = rsa_key.sign(ad + client_hash, padding.PKCS1v15(), hashes.SHA256())
    fixtures["packed-x5c-rs256"] = credential(cred_id, client, att("packed", {"alg": -257, "sig": rsa_sig, "x5c": [rsa_leaf]}, ad))

    # Formats rkit recognises but does not verify, and one it does not know.
    u2f_ad = auth_data(cose, cred_id, bytes(16), flags=0x41)
    fixtures["fido-u2f"] = credential(cred_id, client, att("fido-u2f", {"sig": sign(leaf_key, b"u2f"), "x5c": [leaf]}, u2f_ad))
    fixtures["unknown-format"] = credential(cred_id, client, att("made-up-format", {"x": 1}, ad))
    # none with a statement.
    fixtures["none-with-statement"] = credential(cred_id, client, att("none", {"sig": b"\x00"}, ad))

    # Made for another relying party (rpIdHash of evil.example).
    fixtures["wrong-rpid"] = credential(cred_id, client, att("none", {}, auth_data(cose, cred_id, rp_id="evil.example")))
    # The outer credId is not the one in authData.
    other_id = hashlib.sha256(b"another credential").digest()[:16]
    fixtures["credid-mismatch"] = credential(other_id, client, att("none", {}, auth_data(cose, cred_id)))

    # COSE keys rkit refuses: RSA (RS256) and Ed25519 (EdDSA).
    n = rsa_key.public_key().public_numbers()
    rsa_cose = cbor({1: 3, 3: -257, -1: n.n.to_bytes(256, "big"), -2: n.e.to_bytes(3, "big")})
    fixtures["cose-rsa"] = credential(cred_id, client, att("none", {}, auth_data(rsa_cose, cred_id)))
    ed = ed25519.Ed25519PrivateKey.from_private_bytes(bytes(range(32)))
    ed_cose = cbor({1: 1, 3: -8, -1: 6, -2: ed.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)})
    fixtures["cose-ed25519"] = credential(cred_id, client, att("none", {}, auth_data(ed_cose, cred_id)))

    # Truncated authData: cut inside the credential ID (37 + 18 + 10 bytes).
    full = auth_data(cose, cred_id)
    fixtures["truncated-authdata"] = credential(cred_id, client, att("none", {}, full[:37 + 18 + 10]))
    # Cut inside the COSE key.
    fixtures["truncated-cose-key"] = credential(cred_id, client, att("none", {}, full[:-5]))
    # Trailing bytes: after the attestation object, and after the COSE key in authData.
    fixtures["trailing-bytes-attestation"] = credential(cred_id, client, att("none", {}, full) + b"\x00")
    fixtures["trailing-bytes-authdata"] = credential(cred_id, client, att("none", {}, full + b"\x00\x00"))
    # Duplicate key: "fmt" twice.
    fixtures["duplicate-key"] = credential(cred_id, client, cbor_map([("fmt", "none"), ("fmt", "packed"), ("attStmt", {}), ("authData", full)]))
    # Indefinite-length map (0xbf … 0xff).
    indefinite = b"\xbf" + cbor("fmt") + cbor("none") + cbor("attStmt") + cbor({}) + cbor("authData") + cbor(full) + b"\xff"
    fixtures["indefinite-length"] = credential(cred_id, client, indefinite)
    cbor_seeds["indefinite-length"] = indefinite

    for old in os.listdir(OUT):
        if old.endswith(".json"): os.remove(os.path.join(OUT, old))
    for fixture, value in fixtures.items():
        with open(os.path.join(OUT, fixture + ".json"), "w") as f:
            f.write(json.dumps(value, indent=2) + "\n")
    for target in ("cbor", "attestation"):
        os.makedirs(os.path.join(FUZZ, target), exist_ok=True)
        for seed, data in cbor_seeds.items():
            with open(os.path.join(FUZZ, target, seed + ".cbor"), "wb") as f: f.write(data)
    os.makedirs(os.path.join(FUZZ, "fido2"), exist_ok=True)
    for seed in ("none", "packed-self", "packed-x5c", "cose-rsa", "duplicate-key"):
        with open(os.path.join(FUZZ, "fido2", seed + ".json"), "w") as f: f.write(json.dumps(fixtures[seed]) + "\n")
    print(f"wrote {len(fixtures)} fixtures to {os.path.relpath(OUT, ROOT)} and fuzz seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
