#!/usr/bin/env bash
# A transcript of a few hundred tool invocations: each command line, its exit
# code, stdout, stderr and the files it wrote (name and mode). Run it with the
# tools built before a refactor and after, and diff the two transcripts:
#   Scripts/transcript.sh .build/debug > /tmp/after.txt
# Random parts (signatures, new keys and kits) are written to files, whose
# content is not recorded; the IDs of kits made during the run are masked.
set -u
BIN=$(cd "${1:-.build/debug}" && pwd)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/rkit-transcript.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
cp -r "$ROOT/Tests/Hostile/inputs" in
cp -r "$ROOT/Tests/Fixtures/Disagreements" dis
export DFNS_APP_ID=ap-transcript DFNS_API_URL= LC_ALL=C.UTF-8
unset DFNS_API_URL
n=0
run() {
  n=$((n + 1))
  rm -rf o; mkdir o
  printf '### %s\n' "$*"
  "$BIN/$1" "${@:2}" </dev/null >stdout 2>stderr
  echo "exit $?"
  mask <stdout | sed "s/^/  out: /" | head -40
  mask <stderr | sed "s/^/  err: /" | head -40
  (cd o && find . -type f -printf '  file: %p %m\n' | sort)
}
mask() { sed -E 's/[A-Za-z0-9_+/=-]{20,}/<B64>/g; s/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z/<TIME>/g; s/kit tag [A-Za-z0-9_-]{8}/kit tag <TAG>/g; s/recovery kit -?[A-Za-z0-9_-]{8}/recovery kit <TAG>/g'; }
K=in/kits; C=in/challenges; Q=in/requests; D=in/codes; G=in/generic

# rkit-verify kit: every kit, without and with the code; the codes.
for f in $K/* dis/kit-*.txt; do run rkit-verify kit "$f"; run rkit-verify kit --code-file $D/good.txt -v "$f"; done
for f in $D/*; do run rkit-verify kit --code-file "$f" $K/kit.json; done
for f in $G/*; do run rkit-verify kit "$f"; done
run rkit-verify kit --json $K/kit.json $K/qr.txt
run rkit-verify kit --code-file - $K/kit.json
# rkit-verify request: every body against the kit, the challenges, public keys.
for f in $Q/*; do run rkit-verify request "$f" --kit $K/kit.json; run rkit-verify request "$f" --kit $K/kit.json --challenge $C/challenge.json -v; done
for f in $C/* dis/challenge-*.json $G/*; do run rkit-verify request $Q/body.json --kit $K/kit.json --challenge "$f"; done
for f in in/keys/*; do run rkit-verify request $Q/body.json --public-key "$f"; done
run rkit-verify request $Q/body.json --kit $K/qr.txt --code-file $D/good.txt
run rkit-verify request $Q/body.json --kit $K/qr.txt
run rkit-verify request $Q/body.json
run rkit-verify request $Q/body.json --kit $K/kit.json --public-key in/keys/p256-private.pem
run rkit-verify request - --kit -
# rkit-sign recover: every kit, challenge, code and generic file.
rec() { run rkit-sign recover --new-key o/key.pem --out o/body.json "$@"; }
for f in $K/* dis/kit-*.txt; do rec --kit "$f" --challenge $C/challenge.json --code-file $D/good.txt; done
for f in $C/* dis/challenge-*.json $G/*; do rec --kit $K/kit.json --challenge "$f" --code-file $D/good.txt; done
for f in $D/*; do rec --kit $K/kit.json --challenge $C/challenge.json --code-file "$f"; done
for f in $G/*; do rec --kit "$f" --challenge $C/challenge.json --code-file $D/good.txt; done
rec --kit dis/kit-iv8.txt --challenge dis/challenge-iv8.json --code-file $D/good.txt
rec --kit dis/kit-zoe.txt --challenge dis/challenge-zoe-nfc.json --code-file $D/good.txt
rec --kit dis/kit-zoe.txt --challenge dis/challenge-zoe-nfd.json --code-file $D/good.txt
rec --kit dis/kit-zoe.txt --username "zoe@example.com" --challenge dis/challenge-zoe-nfc.json --code-file $D/good.txt
rec --credential-id hSI_WMtDP_BiR5VmcfBF1_g0Rip7eRTq7CnPZRgv2B4 --username hostile@example.com --challenge $C/challenge.json --code-file $D/good.txt
rec --credential-id hSI_WMtDP_BiR5VmcfBF1_g0Rip7eRTq7CnPZRgv2B4 --challenge $C/challenge.json --code-file $D/good.txt
rec --credential-id hSI_WMtDP_BiR5VmcfBF1_g0Rip7eRTq7CnPZRgv2B4 --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt
rec --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --origin https://evil.example
rec --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --origin https://other.example.com --allow-other-origin
rec --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --origin https://other.example.com
rec --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-kit o/kit --org-id or-x
rec --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-kit o/kit
rec --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --json
rec --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --curl
rec --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --curl --app-id "bad id"
rec --kit $K/kit.json --challenge $C/challenge.json --code-file - 
rec --kit - --challenge - --code-file $D/good.txt
# Every option rule of recover.
run rkit-sign recover --kit $K/kit.json --code-file $D/good.txt --new-key o/k.pem
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --accept-new-credentials abc
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key-passphrase-file $D/good.txt --new-credentials $Q/body.json
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --new-key-passphrase-file $D/good.txt --encrypt-new-key
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --json --qr --out o/b
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --json
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --curl
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --qr-part-bytes 3
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --formats pdf
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --split
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --out o/k.pem
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key - --out o/b
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --new-kit o/kit --formats terminal
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --org-id bad
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key $D/good.txt
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-credentials $Q/body.json
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-credentials $G/garbage.bin
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --challenge $C/not-allowed.json --code-file $D/good.txt --new-key o/k.pem
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --origin notaurl
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --allow-other-origin
run rkit-sign recover --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --bogus
# QR parts: the challenge and the kit as RK2 parts, bare and with the scanner's prefix.
python3 - <<'PY'
import base64, hashlib
def parts(data, size=300):
    s = hashlib.sha256(data).hexdigest()[:12]; n = (len(data) + size - 1) // size
    return ["RK2/%d/%d/%s/%s" % (i + 1, n, s, base64.urlsafe_b64encode(data[i*size:(i+1)*size]).decode().rstrip("=")) for i in range(n)]
for name, src in [("challenge", "in/challenges/challenge.json"), ("kit", "in/kits/kit.json"), ("qr", "in/kits/qr.txt"), ("code", "in/codes/good.txt"), ("body", "in/requests/body.json")]:
    p = parts(open(src, "rb").read())
    open("%s.parts" % name, "w").write("\n".join(p) + "\n")
    open("%s.zbar" % name, "w").write("\n".join("QR-Code:" + x for x in p) + "\n")
    for i, x in enumerate(p): open("%s.part%d" % (name, i + 1), "w").write("QR-Code:" + x + "\n")
    open("%s.partial" % name, "w").write(p[0] + "\n")
open("qr.prefixed", "w").write("QR-Code:" + open("in/kits/qr.txt").read() + "\n")
PY
for c in challenge.parts challenge.zbar challenge.partial; do rec --kit $K/kit.json --challenge $c --code-file $D/good.txt; done
rec --kit $K/kit.json --challenge challenge.part1 --challenge challenge.part2 --challenge challenge.part3 --code-file $D/good.txt
for k in kit.parts kit.zbar qr.parts qr.zbar qr.prefixed kit.partial; do rec --kit $k --challenge $C/challenge.json --code-file $D/good.txt; run rkit-verify kit $k; run rkit-sign init-request --kit $k --verification-code 1; done
for c in code.parts code.zbar; do rec --kit $K/kit.json --challenge $C/challenge.json --code-file $c; done
run rkit-verify request body.parts --kit $K/kit.json --challenge challenge.zbar
run rkit-verify request body.zbar --kit qr.zbar --code-file code.parts
run rkit-sign curl --body body.zbar --challenge challenge.parts
run rkit-sign qr-join challenge.parts
run rkit-sign qr-join challenge.part1 challenge.part2 challenge.part3
run rkit-sign qr-join challenge.partial
run rkit-sign qr-join $C/challenge.json
run rkit-sign qr-split $C/challenge.json --qr-part-bytes 5000
# curl: every body against every challenge.
for b in $Q/*; do for c in $C/*; do run rkit-sign curl --body "$b" --challenge "$c"; done; done
run rkit-sign curl --body $Q/body.json --challenge dis/challenge-other.json
run rkit-sign curl --body $Q/body.json --challenge $C/challenge.json --app-id ""
run rkit-sign curl --body $Q/body.json --challenge $C/challenge.json --api-url http://x
run rkit-sign curl --body $G/garbage.bin --challenge $C/challenge.json
run rkit-sign curl --body $Q/body.json
# The online requests.
for f in $K/* dis/kit-*.txt; do run rkit-sign init-request --kit "$f" --verification-code 123456; run rkit-sign code-request --kit "$f" --curl; done
run rkit-sign init-request --credential-id abc --username a@b.c --verification-code 1 --org-id or-1
run rkit-sign init-request --credential-id abc --verification-code 1 --org-id or-1
run rkit-sign init-request --kit $K/kit.json
run rkit-sign init-request --kit $K/kit.json --verification-code 1 --curl --api-url https://api.example.com/
run rkit-sign code-request --username a@b.c
run rkit-sign code-request --username a@b.c --org-id or-1 --curl
run rkit-sign code-request
# Legacy mode flags.
run rkit-sign --code-request --kit $K/kit.json
run rkit-sign --init-request --kit $K/kit.json --verification-code 1
run rkit-sign --qr-join challenge.parts
run rkit-sign --qr-split
run rkit-sign --code-request --init-request
run rkit-sign --kit $K/kit.json --challenge $C/challenge.json --code-file $D/good.txt --new-key o/k.pem --out o/b.json
run rkit-sign
run rkit-sign help attest
# attest and rkit-generate with registration challenges.
printf '%s' '{"challenge":"cmVnaXN0cmF0aW9u","rp":{"id":"example.com"},"user":{"name":"hostile@example.com"}}' > reg.json
printf '%s' '{"challenge":"Y3JlZHM","challengeIdentifier":"ci-1","kind":"RecoveryKey","rp":{"id":"example.com"}}' > creds.json
for k in $K/* dis/kit-*.txt; do run rkit-sign attest --kit "$k" --challenge reg.json --code-file $D/good.txt --out o/att.json; done
for r in reg.json creds.json dis/registration-other-rp.json $C/challenge.json $G/garbage.bin; do
  run rkit-sign attest --kit $K/kit.json --challenge "$r" --code-file $D/good.txt --out o/att.json
  run rkit-sign attest --kit $K/kit.json --challenge "$r" --code-file $D/good.txt --out o/att.json --origin https://other.example.com --allow-other-origin
  run rkit-generate --username hostile@example.com --out o/kit --origin https://app.example.com --challenge "$r" --code-out o/code.txt
done
run rkit-sign attest --kit $K/kit.json --challenge reg.json --code-file $D/wrong.txt --out o/att.json
run rkit-sign attest --kit $K/kit.json --challenge reg.json --code-file $D/good.txt --out o/att.json --credential-name ""
run rkit-sign attest --kit dis/kit-iv8.txt --challenge reg.json --code-file $D/good.txt --out o/att.json
run rkit-generate --username hostile@example.com --out o/kit --code-out o/code.txt
run rkit-generate --username hostile@example.com --out o/kit --challenge reg.json --code-out o/code.txt
run rkit-generate --username hostile@example.com --out o/kit --credential-name x --code-out o/code.txt
run rkit-generate --username "" --out o/kit --code-out o/code.txt
run rkit-generate --username hostile@example.com --out o/kit --formats terminal
run rkit-generate --username hostile@example.com --out o/kit --formats bogus
run rkit-generate --username hostile@example.com --out o/kit --origin https://app.example.com --challenge dis/registration-other-rp.json --code-out o/code.txt --json
run rkit-verify vectors
echo "### $n invocations"
