#!/usr/bin/env bash
# make dist-check: proves the release archive on a bare Debian 12 and
# proves it reproducible (docs/release/README.md).
#  1. make the archive (Scripts/dist.sh);
#  2. build once, then reuse, a minimal Debian 12 root (debootstrap
#     --variant=minbase bookworm) in .build-distroot/ — no Swift, no OpenSSL;
#  3. unpack the archive there and, with no network (unshare -n) and a
#     private /proc, run: rkit-verify vectors (the built-in set), generate a
#     kit, verify it with its code, sign a recovery body for a scripted
#     challenge, verify that body; generate a kit whose username is in
#     five scripts and read the name back from its PDF; then recover with a
#     security key: a software FIDO2 key (Tests/SecurityKey/soft_key.py, host
#     Python) on a Unix socket inside the root, rkit-sign --security-key unix:…
#     through the shipped libfido2, rkit-verify request, and on the host
#     python-fido2 registers the passkey and the same key signs in;
#  4. build the archive again from a fresh clone of the same commit in
#     another folder and compare the bytes.
# Needs root (debootstrap, chroot, unshare). Usage: Scripts/dist-check.sh
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
fail() { echo "Scripts/dist-check.sh: $*" >&2; exit 1; }
step() { echo "== $*"; }
start=$(date +%s)

[ "$(id -u)" = 0 ] || fail "must run as root (debootstrap, chroot, unshare -n)"
[ -z "$(git status --porcelain --untracked-files=no)" ] \
  || fail "uncommitted changes: commit first (the second build is a clone of HEAD, so it could not match)"
commit=$(git rev-parse HEAD)

step "1. the archive of $commit"
bash Scripts/dist.sh
archive=$(ls dist/rkit-*-linux-"$(uname -m)".tar.gz)
[ "$(echo "$archive" | wc -l)" = 1 ] || fail "more than one archive in dist/: $archive"
name=$(basename "$archive" .tar.gz)
(cd dist && sha256sum -c --quiet SHA256SUMS) || fail "dist/SHA256SUMS does not match $archive"

step "2. a minimal Debian 12 root"
root=$repo/.build-distroot/bookworm
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
if [ ! -f "$root/.rkit-root-complete" ]; then
  command -v debootstrap >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
  rm -rf "$root"; mkdir -p "$repo/.build-distroot"
  t0=$(date +%s)
  debootstrap --variant=minbase bookworm "$root" "$mirror" >"$repo/.build-distroot/debootstrap.log" 2>&1 \
    || fail "debootstrap failed; see .build-distroot/debootstrap.log"
  touch "$root/.rkit-root-complete"
  echo "built $root in $(( $(date +%s) - t0 )) s (cached for next time)"
else
  echo "reusing $root"
fi
for lib in libswiftCore.so libcrypto.so.3 libqrencode.so.4 libharfbuzz.so.0 libfreetype.so.6 DejaVuSans.ttf wqy-microhei.ttc; do
  [ -z "$(find "$root" -name "$lib" -print -quit)" ] || fail "the Debian root has $lib: it would not prove the archive self-contained"
done

step "3. the archive inside it, offline"
work=$root/rkit-check
rm -rf "$work"
mkdir -p "$work/run"
tar -xzf "$archive" -C "$work"
# inroot CMD: one shell command in the Debian root, in a new network
# namespace (only a downed loopback) with its own /proc, empty environment.
inroot() {
  unshare --net --pid --fork --mount-proc="$root/proc" \
    chroot "$root" /usr/bin/env -i PATH="/rkit-check/$name/bin:/usr/bin:/bin" HOME=/root LANG=C.UTF-8 \
    /bin/bash -euo pipefail -c "cd /rkit-check/run; $1"
}
inroot 'if (exec 3<>/dev/tcp/1.1.1.1/53) 2>/dev/null; then echo "network reachable" >&2; exit 1; fi; echo "no network: connecting out fails"'
inroot 'for t in rkit-generate rkit-sign rkit-verify; do echo "ldd $t:"; ldd "$(command -v $t)"; done'
inroot 'rkit-verify vectors'
inroot 'rkit-generate --username offline@example.com --org-id or-dist-check --origin https://app.example.com --out kit --code-out code.txt --formats pdf,txt,svg >/dev/null && ls kit'
inroot 'rkit-verify kit kit/kit.json --code-file code.txt'
# A name in four scripts: the PDF embeds the archive's fonts (the root has
# none) and pdftotext, run here outside the root, reads the name back.
inroot 'rkit-generate --username "zoë.łukasz.πέτρος.иван.张伟.김민준@example.com" --out kit-scripts --code-out kit-scripts/code.txt --formats pdf >/dev/null'
pdftotext "$work/run/kit-scripts/kit.pdf" - | grep -qx 'Belongs to zoë.łukasz.πέτρος.иван.张伟.김민준@example.com' \
  || fail "the PDF made in the bare root does not print the username exactly: $(pdftotext "$work/run/kit-scripts/kit.pdf" - | head -3)"
echo "the PDF made in the bare root prints a Latin, Greek, Cyrillic, Chinese and Korean name exactly"
# The recovery challenge an online machine would carry over (the response of
# POST /auth/recover/user/init), naming the new kit's credential.
python3 - "$work/run/kit/kit.json" "$work/run/challenge.json" <<'PY'
import json, sys
kit = json.load(open(sys.argv[1]))
json.dump({
    "user": {"id": "us-dist-check", "displayName": "Dist check", "name": kit["username"]},
    "temporaryAuthenticationToken": "eyJhbGciOiJFUzI1NiJ9.dist-check.sig",
    "challenge": "Y2gtZGlzdC1jaGVjay0x",
    "supportedCredentialKinds": {"firstFactor": ["Fido2", "Key"], "secondFactor": ["Fido2", "Key"]},
    "allowedRecoveryCredentials": [{"id": kit["credentialId"], "encryptedRecoveryKey": kit["encryptedPrivateKey"]}],
    "rp": {"id": "app.example.com", "name": "Example"},
}, open(sys.argv[2], "w"), indent=2)
PY
inroot 'rkit-sign --kit kit/kit.json --code-file code.txt --challenge challenge.json --origin https://app.example.com --new-key new-key.pem --plain-new-key --new-kit next-kit --out body.json >/dev/null && echo "signed body.json"'
inroot 'rkit-verify request body.json --kit kit/kit.json --challenge challenge.json'

# The security key, inside the root: the soft key serves a path socket in
# the root (the network namespace does not cut a path socket); the tools in
# the root reach it as /rkit-check/run/key.sock.
make -C "$repo" --no-print-directory security-key-deps
python3 - "$work/run/challenge.json" <<'PY'
import json, sys
path = sys.argv[1]
challenge = json.load(open(path))
challenge["supportedCredentialKinds"] = {"firstFactor": ["Fido2"], "secondFactor": ["Fido2"]}
challenge["authenticatorSelection"] = {"residentKey": "required", "userVerification": "required"}
challenge["attestation"] = "none"
challenge["pubKeyCredParams"] = [{"type": "public-key", "alg": -7}]
json.dump(challenge, open(path, "w"), indent=2)
PY
python3 "$repo/Tests/SecurityKey/soft_key.py" serve --socket "$work/run/key.sock" --home "$work/fido-home" >"$work/soft-key.log" 2>&1 &
softkey=$!
trap 'kill $softkey 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -S "$work/run/key.sock" ] && break; sleep 0.2; done
[ -S "$work/run/key.sock" ] || fail "the soft security key did not start: $(cat "$work/soft-key.log")"
printf '123456\n' >"$work/run/pin.txt"
rm -rf "$work/run/next-kit" "$work/run/body.json"
inroot 'rkit-sign recover --kit kit/kit.json --code-file code.txt --challenge challenge.json --origin https://app.example.com --security-key unix:/rkit-check/run/key.sock --security-key-pin-file pin.txt --new-kit next-kit --out body.json >/dev/null 2>security-key.log; grep -E "security key: |touch the security key|signed with" security-key.log'
inroot 'rkit-verify request body.json --kit kit/kit.json --challenge challenge.json'
python3 "$repo/Tests/SecurityKey/judge.py" register --body "$work/run/body.json" --challenge "$work/run/challenge.json" \
  --origin https://app.example.com --out "$work/registered.json"
python3 "$repo/Tests/SecurityKey/judge.py" signin --socket "$work/run/key.sock" --pin 123456 \
  --credential "$work/registered.json" --origin https://app.example.com
kill $softkey 2>/dev/null || true
trap - EXIT
rm -rf "$work"

step "4. the same commit built again in another folder"
other=$(mktemp -d /tmp/rkit-repro.XXXXXX)
trap 'rm -rf "$other"' EXIT
git clone -q --no-local "$repo" "$other/src-elsewhere"
git -C "$other/src-elsewhere" checkout -q "$commit"
# The same dependency versions as the first build (Package.resolved is not committed).
[ ! -f Package.resolved ] || cp Package.resolved "$other/src-elsewhere/"
(cd "$other/src-elsewhere" && bash Scripts/dist.sh >"$other/build.log" 2>&1) || { tail -20 "$other/build.log"; fail "second build failed"; }
grep -E '^Build of product|^dist/' "$other/build.log"
second="$other/src-elsewhere/dist/$name.tar.gz"
if cmp -s "$archive" "$second"; then
  echo "reproducible: $archive and the build in $other/src-elsewhere are byte-identical ($(sha256sum <"$archive" | cut -c1-64))"
else
  cmp "$archive" "$second" || true
  mkdir "$other/a" "$other/b"
  tar -xzf "$archive" -C "$other/a"; tar -xzf "$second" -C "$other/b"
  diff -r --no-dereference "$other/a" "$other/b" || true
  fail "NOT reproducible: the two archives differ (files listed above)"
fi
echo "dist-check passed in $(( $(date +%s) - start )) s: $archive ($(stat -c %s "$archive") bytes)"
