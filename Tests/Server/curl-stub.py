#!/usr/bin/env python3
"""A scripted `curl` that plays the Dfns server for the recovery walk-through
(Tests/RKitSignTests/WalkThroughTests.swift). Put it on PATH as `curl`; the
paper's printed `… --curl | sh` commands then talk to it instead of the
network. Nothing here is real Dfns: it answers the way the API reference
says the three recovery endpoints answer, and it really checks what it gets.

It reads the options rkit-sign's commands use (--request, --url, --header,
--data-raw, --data-binary @FILE; the rest are ignored), appends the request
as one JSON line to $STUB_STATE/requests.jsonl, and answers:

  POST /auth/recover/user/code  body {"username","orgId"} of the registered
      account -> 200 {}
  POST /auth/recover/user/init  body with the e-mailed code ($STUB_EMAIL_CODE)
      and the registered credential's ID -> a recovery challenge naming that
      credential in allowedRecoveryCredentials with the envelope the server
      stored at registration; also saved as $STUB_STATE/issued-challenge.json
  POST /auth/recover/user       Bearer token of that challenge (once only);
      body valid for Schemas/recover.request and accepted by
      `rkit-verify request BODY --kit registered.json --challenge issued`
      -> 200 {}

Every request must carry X-DFNS-APPID = $STUB_APP_ID when that is set, and
none when it is empty or unset (Dfns's current SDKs send none), and a JSON
content type. Anything else: an error JSON on stdout, the reason appended to
$STUB_STATE/refusals.log, and exit 22, as `curl --fail-with-body` does on an
HTTP error.

$STUB_STATE holds account.json ({"username","orgId","origin"}) and
registered.json (the recoveryCredential the server received: rkit-generate's
attestation.json). Run it through a wrapper (`exec python3 THIS "$@"`), not
a symlink: writing through a symlink would overwrite this file.
"""
import json, os, pathlib, subprocess, sys

STATE = pathlib.Path(os.environ["STUB_STATE"])
ROOT = pathlib.Path(__file__).resolve().parents[2]
TOKEN = "eyJ0eXAiOiJKV1QifQ.walk-through-recovery-token.sig"
CHALLENGE = "d2Fsay10aHJvdWdoLXJlY292ZXJ5LWNoYWxsZW5nZS0x"


def parse(argv):
    request = {"method": "GET", "url": None, "headers": {}, "body": None, "bodyFile": None}
    i = 0
    while i < len(argv):
        arg = argv[i]
        value = argv[i + 1] if i + 1 < len(argv) else None
        if arg in ("--request", "-X"):
            request["method"] = value; i += 2
        elif arg == "--url":
            request["url"] = value; i += 2
        elif arg in ("--header", "-H"):
            name, _, text = value.partition(":")
            request["headers"][name.strip()] = text.strip(); i += 2
        elif arg == "--data-raw":
            request["body"] = value; i += 2
        elif arg in ("--data-binary", "--data", "-d"):
            if value.startswith("@"):
                request["bodyFile"] = value[1:]
                request["body"] = pathlib.Path(value[1:]).read_text(encoding="utf-8")
            else:
                request["body"] = value
            i += 2
        elif arg.startswith("-"):
            i += 1
        else:
            request["url"] = arg; i += 1
    return request


def fail(status, message):
    print(json.dumps({"error": {"status": status, "message": message}}))
    print(f"curl: (22) The requested URL returned error: {status}", file=sys.stderr)
    with open(STATE / "refusals.log", "a", encoding="utf-8") as log:
        log.write(message + "\n")
    sys.exit(22)


def main():
    request = parse(sys.argv[1:])
    with open(STATE / "requests.jsonl", "a", encoding="utf-8") as log:
        log.write(json.dumps(request) + "\n")
    account = json.loads((STATE / "account.json").read_text())
    registered = json.loads((STATE / "registered.json").read_text())
    credential_id = registered["credentialInfo"]["credId"]
    headers = request["headers"]
    if request["method"] != "POST":
        fail(405, f"method {request['method']} not allowed")
    expected_app = os.environ.get("STUB_APP_ID") or None
    if headers.get("X-DFNS-APPID") != expected_app:
        fail(401, f"X-DFNS-APPID is {headers.get('X-DFNS-APPID')!r}, not {expected_app!r}")
    if headers.get("Content-Type") != "application/json":
        fail(415, f"Content-Type is {headers.get('Content-Type')!r}")
    try:
        body = json.loads(request["body"])
    except (TypeError, ValueError):
        fail(400, "the body is not JSON")
    path = (request["url"] or "").removeprefix("https://api.dfns.io")

    if path == "/auth/recover/user/code":
        if body != {"username": account["username"], "orgId": account["orgId"]}:
            fail(400, f"send-code body {body!r}")
        print("{}")
    elif path == "/auth/recover/user/init":
        expected = {"username": account["username"], "verificationCode": os.environ["STUB_EMAIL_CODE"],
                    "orgId": account["orgId"], "credentialId": credential_id}
        if body != expected:
            fail(400, f"init body {body!r}, expected {expected!r}")
        rp = account["origin"].removeprefix("https://")
        challenge = {
            "user": {"id": "us-3v1ag-1b2c3-walkthroughuser", "displayName": account["username"], "name": account["username"]},
            "temporaryAuthenticationToken": TOKEN,
            "challenge": CHALLENGE,
            "rp": {"id": rp, "name": "Walk-through app"},
            "supportedCredentialKinds": {"firstFactor": ["Fido2", "Key"], "secondFactor": ["Fido2", "Key", "Totp"]},
            "authenticatorSelection": {"residentKey": "required", "requireResidentKey": True, "userVerification": "required"},
            "attestation": "none",
            "pubKeyCredParams": [{"type": "public-key", "alg": -7}],
            "excludeCredentials": [],
            "otpUrl": "",
            "allowedRecoveryCredentials": [{"id": credential_id, "encryptedRecoveryKey": registered["encryptedPrivateKey"]}],
        }
        text = json.dumps(challenge, separators=(",", ":"))
        (STATE / "issued-challenge.json").write_text(text)
        print(text)
    elif path == "/auth/recover/user":
        if headers.get("Authorization") != f"Bearer {TOKEN}":
            fail(401, f"Authorization is {headers.get('Authorization')!r}")
        if (STATE / "recovered.json").exists():
            fail(401, "the temporary authentication token was already used")
        if not request["bodyFile"]:
            fail(400, "the body was not sent from a file")
        schema = subprocess.run([sys.executable, str(ROOT / "Tests/Interop/validate_bodies.py"), "recover.request",
                                 request["bodyFile"]], capture_output=True, text=True)
        if schema.returncode != 0:
            fail(400, "body does not match recover.request: " + schema.stdout + schema.stderr)
        verified = subprocess.run(["rkit-verify", "request", request["bodyFile"], "--kit", str(STATE / "registered.json"),
                                   "--challenge", str(STATE / "issued-challenge.json")], capture_output=True, text=True)
        if verified.returncode != 0:
            fail(401, "rkit-verify request refused the body: " + verified.stdout + verified.stderr)
        (STATE / "recovered.json").write_text(request["body"])
        print("{}")
    else:
        fail(404, f"no route {path}")


main()
