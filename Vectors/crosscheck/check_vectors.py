#!/usr/bin/env python3
"""Recompute every vector in DIR/*.json with Python and PyPI `cryptography`.

Usage: python3 check_vectors.py DIR
Prints one line per failed vector, then "N passed, M failed"; exit 0 only if
M is 0. An unknown layer, an unknown `expect` or a vector that cannot be
checked (missing field, unknown format) counts as a failure.
Independent of check_vectors.mjs and make_vectors.py: it imports neither.
The shares layer is judged by Trezor's shamir-mnemonic 0.3.0 (the SLIP-0039
reference implementation, pinned in the Makefile).
"""
import base64, glob, hashlib, json, os, re, sys
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
import shamir_mnemonic
from shamir_mnemonic import shamir as shamir_split
from shamir_mnemonic.wordlist import WORDLIST

FILES = {"sha256.json": "sha256", "pbkdf2.json": "pbkdf2", "aes-gcm.json": "aes-gcm", "encoding.json": "encoding",
         "json.json": "json", "code.json": "code", "salt.json": "salt", "keys.json": "keys", "ecdsa.json": "ecdsa",
         "envelope.json": "envelope", "attestation.json": "attestation", "assertion.json": "assertion",
         "dfns.json": "clientdata-hash", "shares.json": "shares"}


class Mismatch(Exception):
    pass


def expect_eq(what, got, want):
    if got != want:
        raise Mismatch("%s: got %r, want %r" % (what, got, want))


# ---------------------------------------------------------------- codecs (strict)
def unb64(s):
    if len(s) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", s):
        raise ValueError("bad base64")
    b = base64.b64decode(s)
    if base64.b64encode(b).decode() != s:
        raise ValueError("non-canonical base64")
    return b


def b64(b): return base64.b64encode(b).decode()
def b64url(b): return base64.urlsafe_b64encode(b).decode().rstrip("=")


def unb64url(s):
    if len(s) % 4 == 1 or not re.fullmatch(r"[A-Za-z0-9_-]*", s):
        raise ValueError("bad base64url")
    b = base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
    if b64url(b) != s:
        raise ValueError("non-canonical base64url")
    return b


def unhex(s):
    if not re.fullmatch(r"(?:[0-9a-fA-F]{2})*", s):
        raise ValueError("bad hex")
    return bytes.fromhex(s)


def sha256(b): return hashlib.sha256(b).digest()
def utf8(s): return s.encode("utf-8")
def text_or_hex(v, base): return utf8(v[base + "_utf8"]) if base + "_utf8" in v else unhex(v[base + "_hex"])


# ---------------------------------------------------------------- JSON.stringify
def js_number(x):
    if isinstance(x, bool):
        raise TypeError("bool")
    x = float(x)
    if x == 0:
        return "0"
    if x < 0:
        return "-" + js_number(-x)
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?(?:e([+-]\d+))?", repr(x))
    digits = (m.group(1) + (m.group(2) or "")).lstrip("0")
    point = len(m.group(1)) + int(m.group(3) or 0) - (len(m.group(1) + (m.group(2) or "")) - len(digits))
    digits = digits.rstrip("0")
    k, n = len(digits), point          # value = 0.digits * 10**n
    if k <= n <= 21:
        return digits + "0" * (n - k)
    if 0 < n <= 21:
        return digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return "0." + "0" * -n + digits
    e = n - 1
    return digits[0] + ("." + digits[1:] if k > 1 else "") + "e" + ("+" if e >= 0 else "-") + str(abs(e))


def stringify(v):
    # json.dumps with ensure_ascii=False escapes exactly what JSON.stringify
    # escapes in strings (" \ and U+0000-U+001F, short forms, lower-case \u00xx)
    if isinstance(v, str) or v is None or isinstance(v, bool):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, (int, float)):
        return js_number(v)
    if isinstance(v, list):
        return "[" + ",".join(stringify(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ",".join(stringify(k) + ":" + stringify(x) for k, x in v.items()) + "}"
    raise TypeError(type(v))


# ---------------------------------------------------------------- P-256 keys
def p256_private(der):
    key = serialization.load_der_private_key(der, None)
    if not isinstance(key, ec.EllipticCurvePrivateKey) or not isinstance(key.curve, ec.SECP256R1):
        raise ValueError("not a P-256 private key")
    return key


def p256_public(der):
    key = serialization.load_der_public_key(der)
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve, ec.SECP256R1):
        raise ValueError("not a P-256 public key")
    return key


def spki(key): return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
def one_line_pem(der): return "-----BEGIN PUBLIC KEY-----\n" + b64(der) + "\n-----END PUBLIC KEY-----"


def webcrypto_pkcs8(priv):
    """PKCS#8 as WebCrypto exports a P-256 key: ECPrivateKey v1, no [0] parameters, [1] public key."""
    d = priv.private_numbers().private_value.to_bytes(32, "big")
    point = priv.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    ec_private_key = bytes.fromhex("306b0201010420") + d + bytes.fromhex("a144034200") + point
    algorithm = bytes.fromhex("301306072a8648ce3d020106082a8648ce3d030107")
    return bytes.fromhex("308187020100") + algorithm + bytes.fromhex("046d") + ec_private_key


def pem_public(text):
    lines = (text[:-1] if text.endswith("\n") else text).split("\n")
    if len(lines) < 3 or lines[0] != "-----BEGIN PUBLIC KEY-----" or lines[-1] != "-----END PUBLIC KEY-----":
        raise ValueError("not a PUBLIC KEY PEM")
    return p256_public(unb64("".join(lines[1:-1])))


def signature_format(v):
    fmt = v.get("signature_format", "der")
    if fmt not in ("der", "raw"):
        raise Mismatch("unknown signature_format %r" % fmt)
    return fmt


def verify(pub, message, sig, fmt="der"):
    if fmt == "raw":
        if len(sig) != 64:
            raise ValueError("raw signature must be 64 bytes")
        sig = encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big"))
    pub.verify(sig, message, ec.ECDSA(hashes.SHA256()))     # raises InvalidSignature


# ---------------------------------------------------------------- scheme pieces
JS_SPACE = set("\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
               "\u2028\u2029\u202f\u205f\u3000\ufeff")


def normalize(username):
    s = username.lower()
    start, end = 0, len(s)
    while start < end and s[start] in JS_SPACE:
        start += 1
    while end > start and s[end - 1] in JS_SPACE:
        end -= 1
    return s[start:end]


def wrapping_key(username, code):
    salt = sha256(utf8(normalize(username)))
    return salt, hashlib.pbkdf2_hmac("sha256", utf8(code), salt, 100000, 32)


def envelope_text(ct, iv): return b64(utf8(stringify({"key": b64(ct), "iv": b64(iv)})))


def open_envelope(envelope, username, code):
    inner = json.loads(unb64(envelope).decode("utf-8"))
    if not isinstance(inner, dict) or not isinstance(inner.get("key"), str) or not isinstance(inner.get("iv"), str):
        raise ValueError("bad inner JSON")
    _, wk = wrapping_key(username, code)
    pkcs8 = AESGCM(wk).decrypt(unb64(inner["iv"]), unb64(inner["key"]), None)
    p256_private(pkcs8)
    return pkcs8


def client_data(challenge, origin, typ):
    return stringify({"challenge": challenge, "crossOrigin": False, "origin": origin, "type": typ})


def verify_credential(credential):
    info = json.loads(credential)["credentialInfo"]
    cd = unb64url(info["clientData"])
    att = json.loads(unb64url(info["attestationData"]).decode("utf-8"))
    if att["algorithm"] != "SHA256":
        raise ValueError("algorithm")
    fingerprint = stringify({"clientDataHash": sha256(cd).hex(), "publicKey": att["publicKey"]})
    verify(pem_public(att["publicKey"]), utf8(fingerprint), unhex(att["signature"]))
    return att


# ---------------------------------------------------------------- recovery code
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SIZES = (6, 5, 5, 5, 5, 6)
W = "[ \t\n\v\f\r]"


class CodeError(Exception):
    def __init__(self, kind, where=None):
        self.kind, self.where = kind, where


def check_symbol(group_no, symbols):
    values = [group_no] + [ALPHABET.index(c) for c in symbols]
    total = 0
    for i, v in enumerate(values[::-1]):
        if i % 2 == 0:
            v = (2 * v) // 32 + (2 * v) % 32
        total += v
    return ALPHABET[-total % 32]


def parse_code(text):
    lead = len(text) - len(text.lstrip(" \t\n\v\f\r"))
    s = "".join(c.upper() if "a" <= c <= "z" else c for c in text.strip(" \t\n\v\f\r"))
    prefix = re.match("(?:D1|DI|DL(?=%s|-|$))(?:%s*-%s*|%s+)?" % (W, W, W, W), s)
    skip = prefix.end() if prefix else 0
    body = s[skip:]
    for i, c in enumerate(body):
        if c not in ALPHABET and not re.fullmatch(W + "|-|\\[|\\]", c):
            raise CodeError("character", lead + skip + i + 1)
    # Brackets are separators like whitespace; a dash at either end or two
    # in a row leave an empty group.
    B = "[ \t\n\v\f\r\\[\\]]"
    body = re.sub("^%s+|%s+$" % (B, B), "", body)
    tokens = re.split("%s*-%s*|%s+" % (B, B, B), body)
    # A one-symbol token after a group is that group's check character.
    pairs = []
    for t in tokens:
        if len(t) == 1 and pairs and pairs[-1][1] is None and len(pairs[-1][0]) > 1:
            pairs[-1][1] = t
        else:
            pairs.append([t, None])
    if len(pairs) == 1 and pairs[0][1] is None and len(body) in (32, 38):
        extra = 1 if len(body) == 38 else 0
        groups, p = [], 0
        for n in SIZES:
            groups.append(body[p:p + n + extra])
            p += n + extra
    else:
        if len(pairs) != 6 or any(c is not None and len(g) != n for (g, c), n in zip(pairs, SIZES)):
            raise CodeError("length")
        groups = [g + (c or "") for g, c in pairs]
    if len(groups) != 6 or any(len(g) not in (n, n + 1) for g, n in zip(groups, SIZES)):
        raise CodeError("length")
    plain = []
    for no, (g, n) in enumerate(zip(groups, SIZES), 1):
        if len(g) == n + 1 and check_symbol(no, g[:n]) != g[n]:
            raise CodeError("check", no)
        plain.append(g[:n])
    return "D1-" + "-".join(plain), "".join(check_symbol(no, g) for no, g in enumerate(plain, 1))


# ---------------------------------------------------------------- layers
# Each checker gets the vector and `ok` (expect == "ok"). For expect "fail" it
# returns the refused operation as a thunk; any exception inside it counts as
# a refusal. Fields are read before the thunk, so a missing field is an error.

def c_sha256(v, ok):
    expect_eq("digest", sha256(text_or_hex(v, "input")).hex(), v["digest_hex"])


def c_pbkdf2(v, ok):
    got = hashlib.pbkdf2_hmac("sha256", text_or_hex(v, "password"), text_or_hex(v, "salt"), v["iterations"], v["length"])
    expect_eq("derived", got.hex(), v["derived_hex"])


def c_aes_gcm(v, ok):
    key, iv, aad = unhex(v["key_hex"]), unhex(v["iv_hex"]), unhex(v["aad_hex"])
    sealed = unhex(v["ciphertext_hex"]) + unhex(v["tag_hex"])
    if not ok:
        return lambda: AESGCM(key).decrypt(iv, sealed, aad)
    pt = unhex(v["plaintext_hex"])
    expect_eq("sealed", AESGCM(key).encrypt(iv, pt, aad).hex(), sealed.hex())
    expect_eq("opened", AESGCM(key).decrypt(iv, sealed, aad).hex(), pt.hex())


def c_encoding(v, ok):
    codec, text = v["codec"], v["text"]
    dec, enc = {"base64": (unb64, b64), "base64url": (unb64url, b64url), "hex": (unhex, bytes.hex)}[codec]
    if not ok:
        return lambda: dec(text)
    expect_eq("decoded", dec(text).hex(), v["bytes_hex"])
    if v.get("canonical", True):
        expect_eq("encoded", enc(bytes.fromhex(v["bytes_hex"])), text)


def c_json(v, ok):
    if not ok:
        raise Mismatch("json vectors are all expect ok")
    expect_eq("text", stringify(v["value"]), v["text"])


def c_code(v, ok):
    inp = v["input"]
    try:
        got = parse_code(inp)
    except CodeError as e:
        if ok:
            raise Mismatch("refused: %s %s" % (e.kind, e.where))
        expect_eq("error", e.kind, v["error"])
        if e.kind == "character":
            expect_eq("position", e.where, v["position"])
        if e.kind == "check":
            expect_eq("group", e.where, v["group"])
        return
    if not ok:
        raise Mismatch("accepted as %s" % got[0])
    expect_eq("canonical", got[0], v["canonical"])
    expect_eq("check", got[1], v["check"])


def c_salt(v, ok):
    expect_eq("normalized", normalize(v["username"]), v["normalized"])
    expect_eq("salt", sha256(utf8(v["normalized"])).hex(), v["salt_hex"])


def c_keys(v, ok):
    if not ok:
        fields = [f for f in ("pkcs8_hex", "spki_hex", "pem") if f in v]
        if len(fields) != 1:
            raise Mismatch("need exactly one of pkcs8_hex, spki_hex, pem")
        f = fields[0]
        val = v[f] if f == "pem" else unhex(v[f])
        return {"pkcs8_hex": lambda: p256_private(val), "spki_hex": lambda: p256_public(val), "pem": lambda: pem_public(val)}[f]
    priv = p256_private(unhex(v["pkcs8_hex"]))
    expect_eq("webcrypto pkcs8", webcrypto_pkcs8(priv).hex(), v["pkcs8_hex"])
    pub = spki(priv.public_key())
    if "pkcs8_nopub_hex" in v:
        other = p256_private(unhex(v["pkcs8_nopub_hex"]))
        expect_eq("nopub scalar", other.private_numbers().private_value, priv.private_numbers().private_value)
        expect_eq("nopub public key", spki(other.public_key()).hex(), pub.hex())
    if "spki_hex" in v:
        expect_eq("spki", pub.hex(), v["spki_hex"])
        expect_eq("spki import", spki(p256_public(unhex(v["spki_hex"]))).hex(), pub.hex())
    if "pem" in v:
        expect_eq("pem", one_line_pem(pub), v["pem"])
        expect_eq("pem import", spki(pem_public(v["pem"])).hex(), pub.hex())
    if "pem64" in v:
        expect_eq("pem64 import", spki(pem_public(v["pem64"])).hex(), pub.hex())
        wrapped = "".join(b64(pub)[i:i + 64] + "\n" for i in range(0, len(b64(pub)), 64))
        expect_eq("pem64", "-----BEGIN PUBLIC KEY-----\n" + wrapped + "-----END PUBLIC KEY-----\n", v["pem64"])


def c_ecdsa(v, ok):
    der, msg, sig = unhex(v["spki_hex"]), text_or_hex(v, "message"), unhex(v["signature_hex"])
    fmt = signature_format(v)
    run = lambda: verify(p256_public(der), msg, sig, fmt)
    if not ok:
        return run
    run()


def c_envelope(v, ok):
    username, code, envelope = v["username"], v["code"], v["envelope"]
    if not ok:
        return lambda: open_envelope(envelope, username, code)
    pkcs8, iv = unhex(v["pkcs8_hex"]), unhex(v["iv_hex"])
    salt, wk = wrapping_key(username, code)
    expect_eq("salt", salt.hex(), v["salt_hex"])
    expect_eq("wrapping key", wk.hex(), v["wrapping_key_hex"])
    expect_eq("envelope", envelope_text(AESGCM(wk).encrypt(iv, pkcs8, None), iv), envelope)
    expect_eq("credential id", b64url(sha256(utf8(envelope))), v["credential_id"])
    expect_eq("public key pem", one_line_pem(spki(p256_private(pkcs8).public_key())), v["public_key_pem"])
    expect_eq("opened", open_envelope(envelope, username, code).hex(), pkcs8.hex())


def c_attestation(v, ok):
    credential = v["credential"]
    if not ok:
        return lambda: verify_credential(credential)
    pem, kind = v["public_key_pem"], v["kind"]
    cd = client_data(v["challenge"], v["origin"], "key.create")
    expect_eq("client_data", cd, v["client_data"])
    expect_eq("client_data_hash", sha256(utf8(cd)).hex(), v["client_data_hash"])
    fingerprint = stringify({"clientDataHash": sha256(utf8(cd)).hex(), "publicKey": pem})
    expect_eq("fingerprint", fingerprint, v["fingerprint"])
    att = verify_credential(credential)
    signature = att["signature"]
    expect_eq("signature is lower-case hex", unhex(signature).hex(), signature)
    attestation = stringify({"publicKey": pem, "signature": signature, "algorithm": "SHA256"})
    rebuilt = {"credentialKind": kind, "credentialInfo": {"credId": v["cred_id"], "clientData": b64url(utf8(cd)),
                                                          "attestationData": b64url(utf8(attestation))}}
    if kind == "RecoveryKey":
        expect_eq("cred_id", b64url(sha256(utf8(v["envelope"]))), v["cred_id"])
        rebuilt["encryptedPrivateKey"] = v["envelope"]
    elif kind != "Key":
        raise Mismatch("unknown kind %r" % kind)
    expect_eq("credential", stringify(rebuilt), credential)


def assertion_client_data(v, challenge):
    """key.get client data in v's form: absent = sorted members, reference-frontend = the frontend's order."""
    form, origin = v.get("form"), v["origin"]
    if form is None:
        return client_data(challenge, origin, "key.get")
    if form == "reference-frontend":
        return stringify({"type": "key.get", "challenge": challenge, "origin": origin, "crossOrigin": False})
    raise Mismatch("unknown assertion form %r" % form)


def c_assertion(v, ok):
    pem, newc, cd = v["public_key_pem"], v["new_credentials"], v["client_data"]
    sig, fmt = unb64url(v["signature_b64url"]), signature_format(v)
    if "form" in v and "client_data_hash" not in v:
        raise Mismatch("a vector with form must give client_data_hash")
    assertion_client_data(v, "")   # an unknown form is a failure, even in a must-fail vector

    def run():
        if assertion_client_data(v, b64url(utf8(newc))) != cd:
            raise Mismatch("client_data does not belong to new_credentials")
        if "client_data_hash" in v:
            expect_eq("client_data_hash", sha256(utf8(cd)).hex(), v["client_data_hash"])
        verify(pem_public(pem), utf8(cd), sig, fmt)
    if not ok:
        return run
    run()


def client_data_form(v):
    """The client data text of form v["form"] for v's challenge (and origin)."""
    form, challenge = v["form"], v["challenge"]
    if form == "reference-frontend":
        return stringify({"type": "key.create", "challenge": b64url(utf8(challenge)), "origin": v["origin"], "crossOrigin": False})
    if form == "sorted-raw":
        return stringify({"challenge": challenge, "crossOrigin": False, "origin": v["origin"], "type": "key.create"})
    if form == "sdk-key":
        return stringify({"type": "key.create", "challenge": challenge})
    raise Mismatch("unknown form %r" % form)


def c_clientdata_hash(v, ok):
    def run():
        if "form" in v or "challenge" in v:
            expect_eq("client_data", client_data_form(v), v["client_data"])
        expect_eq("client_data_hash", sha256(utf8(v["client_data"])).hex(), v["client_data_hash"])
    if not ok:
        return run
    run()


# ---------------------------------------------------------------- shares (SLIP-0039)
def code_bytes(code):
    """The 20 bytes of a canonical D1- code: 32 symbols of 5 bits, most significant first."""
    symbols = code[3:].replace("-", "")
    if len(symbols) != 32:
        raise Mismatch("code is not canonical")
    value = 0
    for c in symbols:
        value = value << 5 | ALPHABET.index(c)
    return value.to_bytes(20, "big")


def bytes_code(secret):
    if len(secret) != 20:
        raise ValueError("a %d-bit secret is not a recovery code" % (8 * len(secret)))
    value = int.from_bytes(secret, "big")
    symbols = "".join(ALPHABET[(value >> (5 * (31 - i))) & 31] for i in range(32))
    groups, at = [], 0
    for n in SIZES:
        groups.append(symbols[at:at + n])
        at += n
    return "D1-" + "-".join(groups)


def typed_share(text):
    """rkit's reading of a typed share: words in any case, each whole or from its first
    4 letters on (a prefix of one word), paper numbers ("1", "1.", "12)") skipped."""
    words = []
    for token in text.split():
        if re.fullmatch(r"[0-9]+[.):]?", token):
            continue
        t = token.lower()
        match = [w for w in WORDLIST if w == t or (len(t) >= 4 and w.startswith(t))]
        if len(match) != 1:
            raise ValueError("word %d is not a share word" % (len(words) + 1))
        words.append(match[0])
    return " ".join(words)


def c_shares(v, ok):
    if not ok:
        def run():
            secret = shamir_mnemonic.combine_mnemonics([typed_share(m) for m in v["shares"]])
            bytes_code(secret)
        return run
    secret = code_bytes(v["code"])
    expect_eq("secret_hex", secret.hex(), v["secret_hex"])
    pool, used = unhex(v["random_hex"]), [0]

    def fixed(n):
        if used[0] + n > len(pool):
            raise Mismatch("random_hex is too short")
        used[0] += n
        return pool[used[0] - n:used[0]]

    saved = shamir_split.RANDOM_BYTES
    shamir_split.RANDOM_BYTES = fixed
    try:
        made = shamir_mnemonic.generate_mnemonics(v["group_threshold"], [tuple(g) for g in v["groups"]], secret)
    finally:
        shamir_split.RANDOM_BYTES = saved
    expect_eq("random bytes used", used[0], len(pool))
    expect_eq("shares", made, v["shares"])
    if not v["combinations"]:
        raise Mismatch("no combinations")
    for combination in v["combinations"]:
        expect_eq("combined code", bytes_code(shamir_mnemonic.combine_mnemonics(combination)), v["code"])
    for typed in v.get("typed", []):
        expect_eq("typed share", typed_share(typed["input"]), typed["canonical"])


LAYERS = {"sha256": c_sha256, "pbkdf2": c_pbkdf2, "aes-gcm": c_aes_gcm, "encoding": c_encoding, "json": c_json,
          "code": c_code, "salt": c_salt, "keys": c_keys, "ecdsa": c_ecdsa, "envelope": c_envelope,
          "attestation": c_attestation, "assertion": c_assertion, "clientdata-hash": c_clientdata_hash,
          "shares": c_shares}
SELF_REFUSING = {"code"}   # layers whose checker handles expect fail itself


def main(directory):
    passed = failed = 0

    def fail(where, why):
        nonlocal failed
        failed += 1
        print("FAIL %s: %s" % (where, why))

    paths = sorted(glob.glob(os.path.join(directory, "*.json")))
    for missing in sorted(set(FILES) - {os.path.basename(p) for p in paths}):
        fail(missing, "file missing")
    for path in paths:
        fname = os.path.basename(path)
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
            layer, vectors = doc["layer"], doc["vectors"]
            check = LAYERS[layer]
            if FILES.get(fname, layer) != layer:
                raise ValueError("file should hold layer %s" % FILES[fname])
        except Exception as e:
            fail(fname, "cannot check file: %s: %s" % (type(e).__name__, e))
            continue
        names = set()
        for v in vectors:
            where = "%s %s" % (fname, v.get("name"))
            try:
                if v["name"] in names:
                    raise Mismatch("duplicate name")
                names.add(v["name"])
                if v["expect"] not in ("ok", "fail"):
                    raise Mismatch("unknown expect %r" % v["expect"])
                ok = v["expect"] == "ok"
                thunk = check(v, ok)
                if not ok and layer not in SELF_REFUSING:
                    if thunk is None:
                        raise Mismatch("no refusable operation")
                    try:
                        thunk()
                    except Exception:
                        pass
                    else:
                        raise Mismatch("expected to be refused, but was accepted")
            except Exception as e:
                fail(where, "%s: %s" % (type(e).__name__, e))
            else:
                passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_vectors.py DIR")
    sys.exit(main(sys.argv[1]))
