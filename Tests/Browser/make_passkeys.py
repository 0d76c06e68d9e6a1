#!/usr/bin/env python3
"""Real passkeys from a real browser, for rkit's tests.

Serves Tests/Browser/page.html on loopback (http://localhost:PORT is a
secure context; the RP ID is "localhost"), starts chromedriver and a
headless Chromium, adds a WebDriver virtual authenticator (CTAP2, internal
transport, resident keys, user verification) and asks the page for passkeys
the way Dfns's SDK does (WebAuthnSigner.create). Standard library only: the
WebDriver protocol is plain JSON over HTTP on loopback.

Usage: make_passkeys.py --challenge FILE --port P --other-port Q --out DIR [--samples N]

Writes into DIR, each a Fido2 credential object as the SDK returns it
({"credentialKind":"Fido2","credentialInfo":{"credId","attestationData","clientData"}}):
  good.json             made against the challenge in FILE at http://localhost:P
  wrong-challenge.json  made against WRONG_CHALLENGE (another challenge) at the same origin
  other-origin.json     made against the challenge in FILE at http://localhost:Q
  samples/NNN.json      N more good ones (default 20), to see how often Chrome
                        adds "other_keys_can_be_added_here" to clientDataJSON
  report.json           origins, challenges, and per passkey: its clientDataJSON
                        text and whether it has the extra member
Exit 0 when every passkey was made; 1 with one line on stderr otherwise.
"""
import argparse
import base64
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
# base64url of "ch-another-challenge": a Dfns-style challenge that is not the recovery's.
WRONG_CHALLENGE = "Y2gtYW5vdGhlci1jaGFsbGVuZ2U"
EXTRA_MEMBER = "other_keys_can_be_added_here"


def fail(message):
    print(f"make_passkeys.py: {message}", file=sys.stderr)
    sys.exit(1)


def find(names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    fail(f"none of {', '.join(names)} is installed; run 'make browser-deps' (Debian packages chromium, chromium-driver)")


class Page(http.server.BaseHTTPRequestHandler):
    """Serves the one page at / and nothing else."""
    body = open(os.path.join(HERE, "page.html"), "rb").read()

    def do_GET(self):
        if self.path.split("?")[0] not in ("/", "/index.html"):
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


def serve(port):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class WebDriver:
    """The few W3C WebDriver commands needed, over HTTP on loopback."""

    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None, timeout=60):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method,
                                         headers={"Content-Type": "application/json; charset=utf-8"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                answer = json.loads(response.read() or b"{}")
        except urllib.error.HTTPError as error:
            detail = json.loads(error.read() or b"{}").get("value", {})
            raise RuntimeError(f"{method} {path}: {detail.get('error')}: {str(detail.get('message', ''))[:300]}")
        return answer.get("value")

    def wait_ready(self, seconds=30):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.call("GET", "/status", timeout=2).get("ready"):
                    return
            except (OSError, RuntimeError):
                pass
            time.sleep(0.1)
        fail(f"chromedriver did not become ready on {self.base}")

    def start(self, chromium, profile):
        options = {"binary": chromium,
                   "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                            "--no-first-run", "--no-default-browser-check", f"--user-data-dir={profile}"]}
        value = self.call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options, "webauthn:virtualAuthenticators": True}}})
        self.session = value["sessionId"]
        self.call("POST", f"/session/{self.session}/timeouts", {"script": 60000, "pageLoad": 60000})

    def s(self, path):
        return f"/session/{self.session}{path}"

    def open(self, url):
        self.call("POST", self.s("/url"), {"url": url})

    def add_authenticator(self):
        # One per session (Chrome allows one internal authenticator); it outlives navigation.
        return self.call("POST", self.s("/webauthn/authenticator"), {
            "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
            "hasUserVerification": True, "isUserVerified": True})

    def make_passkey(self, challenge):
        script = ("const done = arguments[arguments.length - 1];"
                  "makePasskey(arguments[0]).then((c) => done({ok: JSON.stringify(c)}), (e) => done({error: String(e)}));")
        value = self.call("POST", self.s("/execute/async"), {"script": script, "args": [challenge]})
        if "error" in value:
            raise RuntimeError(f"navigator.credentials.create failed: {value['error']}")
        # As text: WebDriver would hand back the object with its members re-ordered.
        return value["ok"]

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", self.s(""), timeout=20)
            except (OSError, RuntimeError):
                pass


def client_data_text(credential_text):
    encoded = json.loads(credential_text)["credentialInfo"]["clientData"]
    return base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8")


def write_json(path, value):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(value, separators=(",", ":"), ensure_ascii=False) + "\n")


def write_text(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text + "\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--challenge", required=True, help="a Dfns challenge response (JSON)")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--other-port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--samples", type=int, default=20)
    args = parser.parse_args()

    with open(args.challenge, encoding="utf-8") as f:
        challenge = json.load(f)
    wrong = dict(challenge, challenge=WRONG_CHALLENGE)
    chromium = find(["chromium", "chromium-browser", "google-chrome"])
    chromedriver = find(["chromedriver"])
    os.makedirs(os.path.join(args.out, "samples"), exist_ok=True)

    servers = [serve(args.port), serve(args.other_port)]
    origin, other_origin = f"http://localhost:{args.port}", f"http://localhost:{args.other_port}"
    with socket_port() as driver_port, tempfile.TemporaryDirectory(prefix="rkit-chromium-") as profile:
        log = open(os.path.join(args.out, "chromedriver.log"), "w")
        process = subprocess.Popen([chromedriver, f"--port={driver_port}"], stdout=log, stderr=subprocess.STDOUT)
        driver = WebDriver(driver_port)
        made = []
        try:
            driver.wait_ready()
            driver.start(chromium, profile)
            driver.open(origin + "/")
            driver.add_authenticator()
            jobs = [("good.json", challenge), ("wrong-challenge.json", wrong)]
            jobs += [(f"samples/{i:03d}.json", challenge) for i in range(args.samples)]
            for name, against in jobs:
                credential = driver.make_passkey(against)
                write_text(os.path.join(args.out, name), credential)
                made.append((name, origin, against["challenge"], credential))
            driver.open(other_origin + "/")
            credential = driver.make_passkey(challenge)
            write_text(os.path.join(args.out, "other-origin.json"), credential)
            made.append(("other-origin.json", other_origin, challenge["challenge"], credential))
        except (RuntimeError, OSError, KeyError) as error:
            fail(f"{error} (chromedriver log: {os.path.join(args.out, 'chromedriver.log')})")
        finally:
            driver.quit()
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
            for server in servers:
                server.shutdown()

    entries = []
    for name, at, against, credential in made:
        text = client_data_text(credential)
        entries.append({"file": name, "origin": at, "challenge": against, "clientDataJSON": text,
                        "extraMember": EXTRA_MEMBER in json.loads(text)})
    extra = sum(1 for e in entries if e["extraMember"])
    report = {"browser": subprocess.run([chromium, "--version"], capture_output=True, text=True).stdout.strip(),
              "origin": origin, "otherOrigin": other_origin, "challenge": challenge["challenge"],
              "wrongChallenge": WRONG_CHALLENGE, "passkeys": len(entries), "withExtraMember": extra, "entries": entries}
    write_json(os.path.join(args.out, "report.json"), report)
    print(f"made {len(entries)} passkeys with {report['browser']}; {extra} carry \"{EXTRA_MEMBER}\"")


class socket_port:
    """A free loopback TCP port (closed again before use, so it is a hint)."""

    def __enter__(self):
        import socket
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return s.getsockname()[1]

    def __exit__(self, *exc):
        return False


if __name__ == "__main__":
    main()
