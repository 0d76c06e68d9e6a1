#!/usr/bin/env python3
"""Writes Vectors/shares.json with Trezor's shamir-mnemonic 0.3.0 (PyPI, the
SLIP-0039 reference implementation) as the maker of the known answers.

Usage: python3 make_share_vectors.py OUT.json
Every random byte is fixed: the reference implementation's RANDOM_BYTES is
replaced by a stream read from each vector's `random_hex`, so rkit's split
of the same code with the same bytes must give the same words. Run once;
the JSON is the source of truth from then on (like make_vectors.py).
"""
import hashlib, json, sys
import shamir_mnemonic
from shamir_mnemonic import shamir
from shamir_mnemonic.share import Share

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SIZES = [6, 5, 5, 5, 5, 6]


def code_of(secret):
    """The D1- code of 20 bytes: 32 symbols of 5 bits, most significant first."""
    value = int.from_bytes(secret, "big")
    symbols = [ALPHABET[(value >> (5 * (31 - i))) & 31] for i in range(32)]
    groups, at = [], 0
    for size in SIZES:
        groups.append("".join(symbols[at:at + size]))
        at += size
    return "D1-" + "-".join(groups)


def stream(label, count):
    """count fixed bytes: SHA-256 in counter mode over a label."""
    out = b""
    block = 0
    while len(out) < count:
        out += hashlib.sha256(("%s/%d" % (label, block)).encode()).digest()
        block += 1
    return out[:count]


def split(secret, group_threshold, groups, label):
    used = bytearray()
    pool = stream(label, 4096)

    def fixed(n):
        start = len(used)
        used.extend(pool[start:start + n])
        return bytes(used[start:start + n])

    shamir.RANDOM_BYTES = fixed
    mnemonics = shamir_mnemonic.generate_mnemonics(group_threshold, groups, secret)
    return mnemonics, bytes(used)


def tamper(mnemonic, **changes):
    """The share with fields changed and a valid checksum again."""
    share = Share.from_mnemonic(mnemonic)
    fields = {k: getattr(share, k) for k in ("identifier", "extendable", "iteration_exponent", "group_index",
                                              "group_threshold", "group_count", "index", "member_threshold", "value")}
    fields.update(changes)
    return Share(**fields).mnemonic()


def ok_vector(name, secret, group_threshold, groups, combinations, typed=None):
    shares, random = split(secret, group_threshold, groups, name)
    v = {"name": name, "expect": "ok", "code": code_of(secret), "secret_hex": secret.hex(),
         "group_threshold": group_threshold, "groups": [list(g) for g in groups], "random_hex": random.hex(),
         "shares": shares, "combinations": [[shares[g][m] for g, m in c] for c in combinations]}
    if typed:
        v["typed"] = typed(shares)
    for c in v["combinations"]:
        assert shamir_mnemonic.combine_mnemonics(c) == secret
    return v, shares


def typed_forms(shares):
    words = shares[0][1].split()
    four = " ".join("%d. %s" % (i + 1, w[:4].upper()) for i, w in enumerate(words))
    mixed = "\n".join(" ".join(words[i:i + 5]) for i in range(0, len(words), 5)).title()
    longer = " ".join(w[:6] if len(w) > 6 else w for w in words)
    return [{"input": four, "canonical": shares[0][1]}, {"input": mixed, "canonical": shares[0][1]},
            {"input": longer, "canonical": shares[0][1]}]


def main(out):
    vectors = []
    s1 = bytes.fromhex("9d3f01c2b4a5e6f708192a3b4c5d6e7f8091a2b3")
    v, a = ok_vector("2-of-3", s1, 1, [(2, 3)], [[(0, 0), (0, 1)], [(0, 1), (0, 2)], [(0, 2), (0, 0)]], typed_forms)
    vectors.append(v)
    v, _ = ok_vector("3-of-5", hashlib.sha256(b"rkit shares 3-of-5").digest()[:20], 1, [(3, 5)],
                     [[(0, 0), (0, 1), (0, 2)], [(0, 4), (0, 2), (0, 3)]])
    vectors.append(v)
    v, _ = ok_vector("2-of-2-zero-code", bytes(20), 1, [(2, 2)], [[(0, 0), (0, 1)], [(0, 1), (0, 0)]])
    vectors.append(v)
    v, _ = ok_vector("2-of-3-all-nines", b"\xff" * 20, 1, [(2, 3)], [[(0, 2), (0, 1)]])
    vectors.append(v)
    v, g = ok_vector("groups-all-of-2-of-3-and-2-of-2", hashlib.sha256(b"rkit groups 1").digest()[:20], 2,
                     [(2, 3), (2, 2)], [[(0, 0), (0, 2), (1, 0), (1, 1)], [(1, 1), (0, 1), (1, 0), (0, 2)]])
    vectors.append(v)
    v, _ = ok_vector("groups-2-of-2-of-3-1-of-1-3-of-5", hashlib.sha256(b"rkit groups 2").digest()[:20], 2,
                     [(2, 3), (1, 1), (3, 5)],
                     [[(0, 0), (0, 1), (1, 0)], [(1, 0), (2, 0), (2, 3), (2, 4)], [(2, 1), (0, 2), (2, 2), (0, 1), (2, 4)]])
    vectors.append(v)

    other, _ = split(bytes.fromhex("0102030405060708090a0b0c0d0e0f1011121314"), 1, [(2, 3)], "other-set")
    share = a[0]
    words = share[0].split()

    def fail(name, shares, error, **extra):
        v = {"name": name, "expect": "fail", "shares": shares, "error": error}
        v.update(extra)
        vectors.append(v)

    fail("too-few-shares", [share[1]], "too-few")
    fail("too-few-groups", [g[0][0], g[0][1]], "too-few")
    fail("too-many-shares", [share[0], share[1], share[2]], "too-many")
    fail("different-sets", [share[0], other[0][1]], "different-sets")
    fail("duplicate-share", [share[2], share[2]], "duplicate")
    value = bytearray(Share.from_mnemonic(share[0]).value)
    value[7] ^= 0x40
    fail("same-index-other-value", [share[0], tamper(share[0], value=bytes(value))], "same-index")
    fail("digest-mismatch", [tamper(share[0], value=bytes(value)), share[1]], "digest")
    fail("mismatching-group-threshold", [share[0], tamper(share[1], group_threshold=2, group_count=2)], "group-threshold")
    fail("group-threshold-above-count", [tamper(share[0], group_threshold=2)], "group-threshold")
    bad = list(words)
    bad[8] = "academic" if bad[8] != "academic" else "acid"
    fail("checksum-word-9", [" ".join(bad), share[1]], "checksum", share=1, position=9)
    bad = list(words)
    bad[4] = "xylophone"
    fail("unknown-word-5", [share[1], " ".join(bad)], "word", share=2, position=5)
    fail("word-left-out", [" ".join(words[:-1]), share[1]], "length", share=1)
    official = json.load(open(sys.argv[2])) if len(sys.argv) > 2 else None
    if official:
        # Shares of 128- and 256-bit secrets (official SLIP-0039 vectors 4 and 45): valid, but not a recovery code.
        fail("not-a-code-128-bit", official[3][1], "not-a-code")
        fail("not-a-code-256-bit", official[44][1], "not-a-code")

    doc = {"layer": "shares",
           "source": "SLIP-0039 shares of rkit recovery codes (docs/SCHEME.md §shares), made by Trezor's shamir-mnemonic 0.3.0 "
                     "(PyPI) with its random bytes fixed to random_hex by Vectors/crosscheck/make_share_vectors.py; "
                     "not-a-code vectors are official SLIP-0039 vectors 4 and 45 (trezor/python-shamir-mnemonic vectors.json).",
           "vectors": vectors}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
