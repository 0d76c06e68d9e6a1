#!/usr/bin/env python3
"""Writes the inputs of issue 17's four disagreements (Python `cryptography`,
independent of rkit). Run once; the outputs are committed. TEST_CODE opens
every kit here (a test secret).

  kit-iv8.txt / challenge-iv8.json   a kit whose envelope has an 8-byte IV
  registration-other-rp.json         a registration challenge for rp other.example
  challenge-other.json               the hostile challenge with another challenge string
  kit-zoe.txt / challenge-zoe-nfc.json / challenge-zoe-nfd.json
                                     a kit for "zoë" (NFC) and challenges naming it NFC and NFD
"""
import base64, hashlib, json, os, unicodedata
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

HERE = os.path.dirname(os.path.abspath(__file__))
HOSTILE = os.path.join(HERE, "..", "..", "Hostile", "inputs")
TEST_CODE = "D1-HQSTLE-ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ23"
ORIGIN = "https://app.example.com"

def b64(b): return base64.b64encode(b).decode()
def b64url(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")
def compact(o): return json.dumps(o, separators=(",", ":"), ensure_ascii=True)

def password(code):
    # docs/SCHEME.md §1: the UTF-8 of exactly the code's text.
    return code.encode()

def envelope(username, iv):
    key = ec.generate_private_key(ec.SECP256R1())
    pkcs8 = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    salt = hashlib.sha256(username.lower().strip().encode()).digest()
    wrap = PBKDF2HMAC(hashes.SHA256(), 32, salt, 100_000).derive(password(TEST_CODE))
    sealed = AESGCM(wrap).encrypt(iv, pkcs8, None)
    text = b64(compact({"key": b64(sealed), "iv": b64(iv)}).encode())
    return text, b64url(hashlib.sha256(text.encode()).digest())

def kit_text(username, env):
    return compact({"rk": 1, "u": username, "o": "or-hostile-0001", "a": ORIGIN, "e": env})

def write(name, text):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f: f.write(text)

base = json.load(open(os.path.join(HOSTILE, "challenges", "challenge.json")))

def challenge(env, cid, user, challenge_string=None):
    c = json.loads(json.dumps(base))
    c["user"]["name"] = user
    c["allowedRecoveryCredentials"] = [{"id": cid, "encryptedRecoveryKey": env}]
    if challenge_string: c["challenge"] = challenge_string
    return json.dumps(c, separators=(",", ":"), ensure_ascii=False)

env, cid = envelope("hostile@example.com", os.urandom(8))
write("kit-iv8.txt", kit_text("hostile@example.com", env))
write("challenge-iv8.json", challenge(env, cid, "hostile@example.com"))

write("registration-other-rp.json", compact({"challenge": b64url(b"registration-challenge-other-rp"),
      "rp": {"id": "other.example", "name": "Other"}, "user": {"id": "us-hostile", "name": "hostile@example.com",
      "displayName": "hostile@example.com"}, "supportedCredentialKinds": {"firstFactor": ["Key"], "secondFactor": []}}))

other = json.loads(json.dumps(base)); other["challenge"] = b64url(b"another-recovery-challenge")
write("challenge-other.json", json.dumps(other, separators=(",", ":")))

nfc = unicodedata.normalize("NFC", "zo\u00eb@example.com")
nfd = unicodedata.normalize("NFD", nfc)
assert nfc != nfd
env, cid = envelope(nfc, os.urandom(16))
write("kit-zoe.txt", kit_text(nfc, env))
write("challenge-zoe-nfc.json", challenge(env, cid, nfc))
write("challenge-zoe-nfd.json", challenge(env, cid, nfd))
