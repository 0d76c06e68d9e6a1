#!/usr/bin/env bash
# Signs a release's SHA256SUMS with minisign (Debian `minisign`), so the
# archive can be checked on the offline machine without trusting the
# online one that downloaded it (issue 20, finding 5). Called by
# Scripts/dist.sh when MINISIGN_KEY names a minisign secret key.
#
# Usage: Scripts/sign-sums.sh SUMS_FILE SECRET_KEY [TRUSTED_COMMENT]
# Writes SUMS_FILE.minisig; minisign asks for the key's password on the
# terminal (a key made with `minisign -G -W` has none). When the public key
# is beside the secret key (same name, .pub), the signature is verified
# with it before the script ends.
set -euo pipefail
sums=${1:?usage: Scripts/sign-sums.sh SUMS_FILE SECRET_KEY [TRUSTED_COMMENT]}
key=${2:?usage: Scripts/sign-sums.sh SUMS_FILE SECRET_KEY [TRUSTED_COMMENT]}
comment=${3:-"rkit release checksums"}
fail() { echo "Scripts/sign-sums.sh: $*" >&2; exit 1; }
command -v minisign >/dev/null || fail "minisign is not installed: apt-get install minisign (make dist installs it)"
[ -f "$sums" ] || fail "$sums does not exist: run make dist first"
[ -f "$key" ] || fail "the minisign secret key $key does not exist"
rm -f "$sums.minisig"
minisign -S -s "$key" -m "$sums" -x "$sums.minisig" -t "$comment" >/dev/null
public="${key%.key}.pub"
if [ "$public" != "$key" ] && [ -f "$public" ]; then
  minisign -V -p "$public" -m "$sums" -x "$sums.minisig" >/dev/null || fail "the new signature does not verify with $public"
fi
echo "signed $sums: $sums.minisig"
