#!/usr/bin/env bash
# Rewrites Tests/Browser/fixtures/: real passkeys from headless Chromium for
# a pinned setup (origin http://localhost:8431, RP ID localhost), so
# Swift and shell tests can use genuine passkeys without a browser.
# Runs Tests/Browser/run.sh with fixed ports and keeps what it made; run.sh's
# own verdict is printed but does not stop this (it records today's result).
# Usage: Tests/Browser/make-fixtures.sh   (needs what run.sh needs)
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
fixtures=Tests/Browser/fixtures
for attempt in 1 2 3; do
  RKIT_BROWSER_PORT=8431 RKIT_BROWSER_OTHER_PORT=8432 RKIT_BROWSER_KEEP="$work/run" RKIT_BROWSER_SAMPLES=20 \
    bash Tests/Browser/run.sh || true
  # Chrome adds its extra clientDataJSON member now and then: keep one with and one without.
  if python3 - "$work/run/passkeys/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
samples = [e for e in r["entries"] if e["file"].startswith("samples/")]
sys.exit(0 if any(e["extraMember"] for e in samples) and not all(e["extraMember"] for e in samples) else 1)
PY
  then break; fi
  [ "$attempt" != 3 ] || { echo "make-fixtures.sh: no sample with and without the extra member in 3 runs" >&2; exit 1; }
done
rm -rf "$fixtures"; mkdir -p "$fixtures"
python3 - "$work/run" "$fixtures" <<'PY'
import json, os, shutil, sys
run, out = sys.argv[1:]
report = json.load(open(f"{run}/passkeys/report.json"))
samples = [e for e in report["entries"] if e["file"].startswith("samples/")]
with_extra = next(e for e in samples if e["extraMember"])
without = next(e for e in samples if not e["extraMember"])
copies = {
    "kit.json": "kit/kit.json", "code.txt": "code.txt", "challenge.json": "challenge.json",
    "passkey-good.json": f"passkeys/{without['file']}", "passkey-good-extra-member.json": f"passkeys/{with_extra['file']}",
    "passkey-wrong-challenge.json": "passkeys/wrong-challenge.json", "passkey-other-origin.json": "passkeys/other-origin.json",
}
for name, source in copies.items():
    shutil.copyfile(f"{run}/{source}", f"{out}/{name}")
os.chmod(f"{out}/code.txt", 0o600)
def entry(file):
    return next(e for e in report["entries"] if e["file"] == file)
manifest = {
    "browser": report["browser"],
    "username": json.load(open(f"{run}/kit/kit.json"))["username"],
    "origin": report["origin"], "rpId": "localhost", "challenge": report["challenge"],
    "passkeys": {
        "passkey-good.json": {"origin": report["origin"], "challenge": report["challenge"], "extraMember": False,
                              "clientDataJSON": without["clientDataJSON"]},
        "passkey-good-extra-member.json": {"origin": report["origin"], "challenge": report["challenge"], "extraMember": True,
                                           "clientDataJSON": with_extra["clientDataJSON"]},
        "passkey-wrong-challenge.json": {"origin": report["origin"], "challenge": report["wrongChallenge"],
                                         "extraMember": entry("wrong-challenge.json")["extraMember"],
                                         "clientDataJSON": entry("wrong-challenge.json")["clientDataJSON"]},
        "passkey-other-origin.json": {"origin": report["otherOrigin"], "challenge": report["challenge"],
                                      "extraMember": entry("other-origin.json")["extraMember"],
                                      "clientDataJSON": entry("other-origin.json")["clientDataJSON"]},
    },
    "bodies": {
        f"body-{name}.json": f"{{\"firstFactorCredential\": passkey-{name}.json}} signed with kit.json and code.txt "
                             "by Tests/Interop/reference-frontend.mjs sign-request at the origin above"
        for name in ("good", "good-extra-member", "wrong-challenge", "other-origin")
    },
    "extraMemberCount": {"passkeys": report["passkeys"], "withExtraMember": report["withExtraMember"]},
}
with open(f"{out}/manifest.json", "w") as f:
    f.write(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
PY
# Recovery bodies carrying each passkey, signed by the Node reference frontend.
for name in good good-extra-member wrong-challenge other-origin; do
  python3 - "$fixtures" "$name" <<'PY' | node Tests/Interop/reference-frontend.mjs sign-request >"$fixtures/body-$name.json"
import json, sys
out, name = sys.argv[1:]
kit = json.load(open(f"{out}/kit.json"))
print(json.dumps({"username": kit["username"], "code": open(f"{out}/code.txt").read().strip(),
                  "encryptedPrivateKey": kit["encryptedPrivateKey"], "credentialId": kit["credentialId"],
                  "origin": json.load(open(f"{out}/manifest.json"))["origin"],
                  "newCredentials": {"firstFactorCredential": json.load(open(f"{out}/passkey-{name}.json"))}}))
PY
done
echo "make-fixtures.sh: wrote $fixtures"; ls -l "$fixtures"
