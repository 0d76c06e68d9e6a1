#!/usr/bin/env python3
"""Trezor's shamir-mnemonic (PyPI 0.3.0, the SLIP-0039 reference) for rkit's tests.

  shamir_reference.py combine        stdin: one share per line; prints the D1- code they hold
  shamir_reference.py split GT K-of-N[,K-of-N…]   stdin: a D1- code; prints the shares, one per line
  shamir_reference.py papers FILE…  share papers as rkit-generate writes them (share-N.txt): prints the code

The code <-> 20 bytes mapping is written here again (docs/SCHEME.md §1a);
nothing is imported from rkit. Fails loudly when shamir-mnemonic is missing
or not 0.3.0 (make deps installs it).
"""
import sys
from importlib.metadata import version
import shamir_mnemonic

if version("shamir-mnemonic") != "0.3.0":
    sys.exit("shamir-mnemonic %s installed; the tests need 0.3.0 (make deps)" % version("shamir-mnemonic"))
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
SIZES = [6, 5, 5, 5, 5, 6]


def to_bytes(code):
    symbols = code.strip()[3:].replace("-", "")
    assert len(symbols) == 32, "not a canonical code"
    value = 0
    for c in symbols:
        value = value << 5 | ALPHABET.index(c)
    return value.to_bytes(20, "big")


def to_code(secret):
    assert len(secret) == 20, "%d-byte secret" % len(secret)
    value = int.from_bytes(secret, "big")
    s = "".join(ALPHABET[(value >> (5 * (31 - i))) & 31] for i in range(32))
    out, at = [], 0
    for n in SIZES:
        out.append(s[at:at + n])
        at += n
    return "D1-" + "-".join(out)


if sys.argv[1] == "combine":
    print(to_code(shamir_mnemonic.combine_mnemonics([l.strip() for l in sys.stdin if l.strip()])))
elif sys.argv[1] == "papers":
    # Read here, not by rkit: lines starting with # are the paper's text; "12." is its numbering.
    mnemonics = []
    for path in sys.argv[2:]:
        words = []
        for line in open(path, encoding="utf-8"):
            if line.lstrip().startswith("#"):
                continue
            words += [t for t in line.split() if not t.rstrip(".").isdigit()]
        mnemonics.append(" ".join(words))
    print(to_code(shamir_mnemonic.combine_mnemonics(mnemonics)))
elif sys.argv[1] == "split":
    groups = [tuple(int(x) for x in g.split("-of-")) for g in sys.argv[3].split(",")]
    for group in shamir_mnemonic.generate_mnemonics(int(sys.argv[2]), groups, to_bytes(sys.stdin.read())):
        for share in group:
            print(share)
else:
    sys.exit("usage: shamir_reference.py combine | split GT K-of-N[,…]")
