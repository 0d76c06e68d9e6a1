#!/usr/bin/env python3
"""Writes the committed hostile inputs under Tests/Hostile/inputs/ with
Python `cryptography` (an implementation independent of rkit). Run once;
rerun only to change the corpus. Large and deep files, missing and
unreadable files are made by the tests at run time, never committed.

Every secret here is a test secret: TEST_CODE opens the test kits only.
"""
import base64, hashlib, json, os, random, subprocess, sys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "inputs")
USERNAME = "hostile@example.com"
TEST_CODE = "D1-HQSTLE-ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ23"
OTHER_CODE = "D1-ZZZZZZ-YYYYY-XXXXX-WWWWW-VVVVV-UUUUUU"
ORIGIN = "https://app.example.com"
rng = random.Random(6)  # deterministic garbage

def write(rel, data):
    path = os.path.join(ROOT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())

def compact(obj):
    return json.dumps(obj, separators=(",", ":"), ensure_ascii=False)

def b64(b): return base64.b64encode(b).decode()
def b64url(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")

SPKI = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
PKCS8 = (serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())

def one_line_pem(der):
    return "-----BEGIN PUBLIC KEY-----\n" + b64(der) + "\n-----END PUBLIC KEY-----"

# --- keys on other curves and broken P-256 keys ---------------------------
foreign = {
    "p384": ec.generate_private_key(ec.SECP384R1()),
    "secp256k1": ec.generate_private_key(ec.SECP256K1()),
    "ed25519": ed25519.Ed25519PrivateKey.generate(),
    "rsa1024": rsa.generate_private_key(public_exponent=65537, key_size=1024),
}
for name, key in foreign.items():
    der = key.public_key().public_bytes(*SPKI)
    write(f"keys/{name}.spki.der", der)
    write(f"keys/{name}.pem", one_line_pem(der))
    write(f"keys/{name}.pkcs8.der", key.private_bytes(*PKCS8))

p256 = ec.generate_private_key(ec.SECP256R1())
p256_spki = p256.public_key().public_bytes(*SPKI)
compressed = p256.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint)
compressed_spki = bytes([0x30, 0x39, 0x30, 0x13]) + p256_spki[4:23] + bytes([0x03, 0x22, 0x00]) + compressed
write("keys/p256-compressed.spki.der", compressed_spki)
write("keys/p256-compressed.pem", one_line_pem(compressed_spki))
offcurve = bytearray(p256_spki); offcurve[-1] ^= 0x01
write("keys/p256-offcurve.spki.der", bytes(offcurve))
write("keys/p256-offcurve.pem", one_line_pem(bytes(offcurve)))
write("keys/p256-trailing-garbage.spki.der", p256_spki + b"\x00")
write("keys/p256-truncated.spki.der", p256_spki[:-10])
# A private key given where a public key belongs: it must never be echoed.
write("keys/p256-private.pem", p256.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                    serialization.NoEncryption()))
write("keys/bad-base64.pem", "-----BEGIN PUBLIC KEY-----\nMFkw!!!notbase64***\n-----END PUBLIC KEY-----")
write("keys/no-footer.pem", "-----BEGIN PUBLIC KEY-----\n" + b64(p256_spki) + "\n")
try:
    explicit = subprocess.run(["openssl", "ec", "-pubin", "-inform", "DER", "-outform", "DER", "-param_enc", "explicit",
                               "-pubout"], input=p256_spki, capture_output=True, check=True).stdout
    write("keys/p256-explicit.spki.der", explicit)
    write("keys/p256-explicit.pem", one_line_pem(explicit))
except (OSError, subprocess.CalledProcessError) as e:
    sys.exit(f"openssl is needed for the explicit-parameter key: {e}")

# --- kits ----------------------------------------------------------------
def salt(username):
    return hashlib.sha256(username.lower().strip().encode()).digest()

def wrapping_key(code, username):
    return PBKDF2HMAC(hashes.SHA256(), 32, salt(username), 100_000).derive(code.encode())

KEY = wrapping_key(TEST_CODE, USERNAME)

def envelope_of(plaintext, key=KEY):
    iv = bytes(rng.getrandbits(8) for _ in range(16))
    sealed = AESGCM(key).encrypt(iv, plaintext, None)
    return b64(compact({"key": b64(sealed), "iv": b64(iv)}).encode())

def cred_id(envelope):
    return b64url(hashlib.sha256(envelope.encode()).digest())

def kit(envelope, public_der, username=USERNAME, **override):
    k = {"format": "rkit-kit/1", "username": username, "orgId": "or-hostile-0001", "origin": ORIGIN,
         "credentialId": cred_id(envelope), "publicKey": one_line_pem(public_der), "encryptedPrivateKey": envelope,
         "envelope": {"scheme": "dfns-recovery-v1", "kdf": "PBKDF2-HMAC-SHA256", "iterations": 100000,
                      "salt": "SHA-256 of UTF-8 of username.toLowerCase().trim()", "cipher": "AES-256-GCM",
                      "ivBytes": 16, "plaintext": "PKCS#8 DER of the P-256 private key"},
         "createdAt": "2025-01-01T00:00:00Z"}
    for name, value in override.items():
        if value is None: k.pop(name, None)
        else: k[name] = value
    return compact(k) + "\n"

kit_key = ec.generate_private_key(ec.SECP256R1())
kit_pub = kit_key.public_key().public_bytes(*SPKI)
good_env = envelope_of(kit_key.private_bytes(*PKCS8))
write("kits/kit.json", kit(good_env, kit_pub))
write("kits/qr.txt", compact({"rk": 1, "u": USERNAME, "o": "or-hostile-0001", "a": ORIGIN, "e": good_env}))

other_env = envelope_of(ec.generate_private_key(ec.SECP256R1()).private_bytes(*PKCS8))
write("kits/id-mismatch.json", kit(good_env, kit_pub, credentialId=cred_id(other_env)))
write("kits/wrong-username.json", kit(good_env, kit_pub, username="someone-else@example.com"))
write("kits/publickey-other-p256.json",
      kit(good_env, kit_pub, publicKey=one_line_pem(ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(*SPKI))))
for name in ["p384", "ed25519", "rsa1024", "secp256k1"]:
    write(f"kits/publickey-{name}.json",
          kit(good_env, kit_pub, publicKey=one_line_pem(foreign[name].public_key().public_bytes(*SPKI))))
write("kits/publickey-offcurve.json", kit(good_env, kit_pub, publicKey=one_line_pem(bytes(offcurve))))
write("kits/publickey-bad-pem.json", kit(good_env, kit_pub, publicKey="-----BEGIN PUBLIC KEY-----\n%%%\n-----END PUBLIC KEY-----"))
# Envelopes that open with the code but hold the wrong thing.
for name in ["p384", "ed25519", "secp256k1"]:
    env = envelope_of(foreign[name].private_bytes(*PKCS8))
    write(f"kits/inside-{name}.json", kit(env, kit_pub))
garbage_env = envelope_of(bytes(rng.getrandbits(8) for _ in range(138)))
write("kits/inside-garbage.json", kit(garbage_env, kit_pub))
# Damaged envelopes.
write("kits/envelope-truncated.json", kit(good_env[: len(good_env) // 2], kit_pub))
inner = base64.b64decode(good_env)
cut = b64(inner[: len(inner) - 20])
write("kits/envelope-truncated-json.json", kit(cut, kit_pub))
short = b64(compact({"key": b64(b"\x00" * 8), "iv": b64(b"\x00" * 16)}).encode())
write("kits/envelope-short-ciphertext.json", kit(short, kit_pub))
noiv = b64(compact({"key": json.loads(inner)["key"]}).encode())
write("kits/envelope-no-iv.json", kit(noiv, kit_pub))
write("kits/envelope-bad-base64.json", kit("!!" + good_env[2:], kit_pub))
sealed = bytearray(base64.b64decode(json.loads(inner)["key"])); sealed[10] ^= 0x04
flipped = b64(compact({"key": b64(bytes(sealed)), "iv": json.loads(inner)["iv"]}).encode())
write("kits/envelope-bitflip.json", kit(flipped, kit_pub))                         # ID recomputed: opens fails
write("kits/envelope-bitflip-old-id.json", kit(flipped, kit_pub, credentialId=cred_id(good_env)))
# Wrong shapes and types.
write("kits/wrong-format.json", kit(good_env, kit_pub, format="rkit-kit/99"))
write("kits/wrong-types.json", kit(good_env, kit_pub, username=12345))
write("kits/missing-envelope.json", kit(good_env, kit_pub, encryptedPrivateKey=None))
write("kits/missing-username.json", kit(good_env, kit_pub, username=None))
write("kits/array.json", "[]\n")
write("kits/string.json", '"kit.json"\n')
write("kits/null.json", "null\n")
write("kits/unknown-object.json", '{"hello":"world"}\n')
write("kits/duplicate-key.json", '{"format":"rkit-kit/1","format":"rkit-kit/1"}\n')
write("kits/qr-wrong-version.json", compact({"rk": 2, "u": USERNAME, "e": good_env}))
write("kits/qr-no-envelope.json", compact({"rk": 1, "u": USERNAME}))
write("kits/trailing-garbage.json", kit(good_env, kit_pub) + "}}")

# --- codes ------------------------------------------------------------------
write("codes/good.txt", TEST_CODE + "\n")
write("codes/wrong.txt", OTHER_CODE + "\n")
write("codes/forbidden-letter-o.txt", TEST_CODE[:-1] + "O\n")
write("codes/forbidden-digit-0.txt", TEST_CODE.replace("2", "0") + "\n")
write("codes/forbidden-unicode.txt", TEST_CODE[:-1] + "\u00c9\n")
write("codes/too-short.txt", TEST_CODE[:-4] + "\n")
write("codes/too-long.txt", TEST_CODE + "AB\n")
write("codes/blank.txt", "\n")
write("codes/spaces.txt", "      \n")
write("codes/empty.txt", b"")
write("codes/non-utf8.txt", b"D1-\xff\xfe\n")
write("codes/bad-check-letters.txt", "-".join(g + "A" for g in TEST_CODE[3:].split("-")) + "\n")

# --- generic garbage --------------------------------------------------------
write("generic/empty", b"")
write("generic/garbage.bin", bytes(rng.getrandbits(8) for _ in range(512)))
write("generic/non-utf8.txt", "caf\u00e9 {\"a\":1}".encode("latin-1"))
write("generic/utf8-bom.json", b"\xef\xbb\xbf{}")
write("generic/nul.json", b"{\"a\":\"\x00\"}")
write("generic/lone-surrogate.json", '{"a":"\\ud800"}')
write("generic/number-overflow.json", '{"a":1e400}')
write("generic/truncated.json", '{"a":[1,2,')

# --- recovery challenges (docs/SCHEME.md §7) --------------------------------------
def challenge(**override):
    c = {"challenge": "Y2gtMDEyMzQ1Njc4OS1ob3N0aWxl", "temporaryAuthenticationToken": "token-not-a-secret",
         "rp": {"id": "example.com", "name": "Example"}, "user": {"id": "us-hostile", "name": USERNAME},
         "supportedCredentialKinds": {"firstFactor": ["Fido2", "Key"], "secondFactor": []},
         "allowedRecoveryCredentials": [{"id": cred_id(good_env), "encryptedRecoveryKey": good_env}]}
    for name, value in override.items():
        if value is None: c.pop(name, None)
        else: c[name] = value
    return compact(c) + "\n"

write("challenges/challenge.json", challenge())
write("challenges/no-challenge.json", challenge(challenge=None))
write("challenges/challenge-number.json", challenge(challenge=42))
write("challenges/not-allowed.json", challenge(allowedRecoveryCredentials=[{"id": cred_id(other_env), "encryptedRecoveryKey": other_env}]))
write("challenges/no-allowed-list.json", challenge(allowedRecoveryCredentials=None))
write("challenges/envelope-differs.json", challenge(allowedRecoveryCredentials=[{"id": cred_id(good_env), "encryptedRecoveryKey": other_env}]))
write("challenges/array.json", "[]\n")
print("wrote", sum(len(files) for _, _, files in os.walk(ROOT)), "files under", ROOT)

# --- recovery request bodies (docs/SCHEME.md §6a, §7), signed by the test kit's key --
from cryptography.hazmat.primitives.asymmetric import ec as _ec
def sign(key, data):
    return key.sign(data, _ec.ECDSA(hashes.SHA256()))

def client_data(kind, challenge_text):
    return compact({"challenge": challenge_text, "crossOrigin": False, "origin": ORIGIN, "type": kind}).encode()

def key_credential(challenge_text):
    k = ec.generate_private_key(ec.SECP256R1())
    pem = one_line_pem(k.public_key().public_bytes(*SPKI))
    cd = client_data("key.create", challenge_text)
    fingerprint = compact({"clientDataHash": hashlib.sha256(cd).hexdigest(), "publicKey": pem}).encode()
    att = compact({"publicKey": pem, "signature": sign(k, fingerprint).hex(), "algorithm": "SHA256"}).encode()
    return {"credentialKind": "Key", "credentialInfo": {"credId": b64url(os.urandom(16)), "clientData": b64url(cd),
                                                        "attestationData": b64url(att)}}

CHALLENGE = "Y2gtMDEyMzQ1Njc4OS1ob3N0aWxl"
def body(new_credentials, signer=kit_key, kind="key.get", cred=None, mutate=None):
    text = compact(new_credentials)
    cd = client_data(kind, b64url(text.encode()))
    sig = sign(signer, cd)
    b = {"recovery": {"kind": "RecoveryKey", "credentialAssertion": {"credId": cred or cred_id(good_env),
                                                                       "clientData": b64url(cd), "signature": b64url(sig)}},
         "newCredentials": new_credentials}
    if mutate: mutate(b)
    return compact(b) + "\n"

new = {"firstFactorCredential": key_credential(CHALLENGE)}
write("requests/body.json", body(new))
def tamper(b): b["newCredentials"]["firstFactorCredential"]["credentialInfo"]["credId"] = "dGFtcGVyZWQ"
write("requests/tampered-after-signing.json", body(json.loads(compact(new)), mutate=tamper))
def flip_sig(b):
    s = bytearray(base64.urlsafe_b64decode(b["recovery"]["credentialAssertion"]["signature"] + "==")); s[-1] ^= 1
    b["recovery"]["credentialAssertion"]["signature"] = b64url(bytes(s))
write("requests/signature-bitflip.json", body(new, mutate=flip_sig))
write("requests/signed-by-other-key.json", body(new, signer=ec.generate_private_key(ec.SECP256R1())))
write("requests/client-data-create.json", body(new, kind="key.create"))
write("requests/credential-not-allowed.json", body(new, cred=cred_id(other_env)))
def bad_b64(b): b["recovery"]["credentialAssertion"]["signature"] = "not base64url!"
write("requests/signature-not-base64url.json", body(new, mutate=bad_b64))
def no_recovery(b): del b["recovery"]
write("requests/missing-recovery.json", body(new, mutate=no_recovery))
def wrong_kind(b): b["recovery"]["kind"] = "Fido2"
write("requests/wrong-kind.json", body(new, mutate=wrong_kind))
write("requests/no-first-factor.json", body({"recoveryCredential": key_credential(CHALLENGE)}))
write("requests/unknown-slot.json", body({"firstFactorCredential": key_credential(CHALLENGE), "extra": {}}))
write("requests/new-credential-wrong-challenge.json", body({"firstFactorCredential": key_credential("b3RoZXI")}))
print("wrote request bodies")
