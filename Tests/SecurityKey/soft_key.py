#!/usr/bin/env python3
"""A software FIDO2 security key on a Unix socket, for rkit's tests.

Serves PyPI soft-fido2 (pinned in the Makefile, `make security-key-deps`)
on a Unix stream socket that carries raw 64-byte CTAPHID reports both ways
(no report-ID byte, no length prefix): what `rkit-sign recover
--security-key unix:PATH` and judge.py speak. soft-fido2's CTAPHID handler
(`CTAPHIDevice.process_output`) is fed each report directly instead of
through /dev/uhid, and its answers are taken from its `pending` queue.

    soft_key.py serve --socket PATH --home DIR [--pin PIN]

DIR (FIDO_HOME) gets a platform key and a PIN-protected key file on first
use; the PIN is 123456 unless --pin says otherwise. soft-fido2 asks its
GUI for the platform key through a queue: a thread here answers from
DIR/platform.key. User presence is granted at once (SOFT_FIDO2_SKIP_UP=1):
a test cannot touch a key. Prints "ready" on stdout once it listens.

Fails loudly (exit 2, one line) when soft-fido2 or jeepney is missing.
"""
import argparse
import os
import signal
import socket
import sys
import threading

REPORT = 64


def fail(message):
    print(f"soft_key.py: {message}", file=sys.stderr)
    sys.exit(2)


def load_soft_fido2(home):
    os.environ["FIDO_HOME"] = home
    os.environ["SOFT_FIDO2_SKIP_UP"] = "1"
    try:
        import jeepney  # noqa: F401  soft-fido2's platform modules import it
        from soft_fido2.platform.passkey_device import CTAPHIDevice
        from soft_fido2.platform.message_queues import MessageQueue, PlatformKeyResponse
        from soft_fido2.key_pair import KeyPair, KeyUtils
    except ImportError as error:
        fail(f"{error}: run `make security-key-deps` (soft-fido2 and jeepney, pinned in the Makefile)")
    return CTAPHIDevice, MessageQueue, PlatformKeyResponse, KeyPair, KeyUtils


def answer_platform_key_requests(home, MessageQueue, PlatformKeyResponse, KeyPair):
    """soft-fido2's GUI normally answers these; here: the key file."""
    with open(os.path.join(home, "platform.key"), "rb") as handle:
        pem = handle.read()
    while True:
        request = MessageQueue.platform_key_requests.get()
        MessageQueue.platform_key_responses.put(
            PlatformKeyResponse(request.request_id, key_pair=KeyPair.load_key_pair(pem, None)))


def prepare_home(home, pin, KeyUtils):
    os.makedirs(home, mode=0o700, exist_ok=True)
    if not os.path.exists(os.path.join(home, "platform.key")):
        KeyUtils.create_platform_key()


def prepare_passkey_file(home, pin, KeyUtils):
    if os.path.exists(os.path.join(home, "rkit-test.passkey")):
        return
    passkey = KeyUtils.generate_passkey()
    KeyUtils._save_passkey(passkey["key"], passkey["x5c"], [], KeyUtils.get_pin_hash(pin), "rkit-test")


class Event:
    """The shape process_output reads: data[0] is the report ID, then the report."""

    def __init__(self, report):
        self.data = b"\x00" + report
        self.ev_len = REPORT


LOCK = threading.Lock()


def serve_connection(connection, device):
    """One client (a libfido2 open, a python-fido2 client); several may be
    open at once, their reports handled one at a time."""
    try:
        serve_reports(connection, device)
    except (BrokenPipeError, ConnectionResetError):
        pass
    finally:
        connection.close()


def serve_reports(connection, device):
    if True:
        buffer = b""
        while True:
            chunk = connection.recv(4096)
            if not chunk:
                return
            buffer += chunk
            while len(buffer) >= REPORT:
                report, buffer = buffer[:REPORT], buffer[REPORT:]
                with LOCK:
                    device.process_output(Event(report))
                    # With SKIP_UP the answer is complete when process_output returns.
                    answers = []
                    while not device.pending.empty():
                        answers.append(bytes(device.pending.get())[:REPORT].ljust(REPORT, b"\x00"))
                for answer in answers:
                    connection.sendall(answer)


def main():
    # A parent (a test runner) may hand down blocked signals: take them back.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT, signal.SIGHUP})
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve")
    serve.add_argument("--socket", required=True)
    serve.add_argument("--home", required=True)
    serve.add_argument("--pin", default="123456")
    args = parser.parse_args()

    home = os.path.abspath(args.home)
    os.makedirs(home, mode=0o700, exist_ok=True)
    CTAPHIDevice, MessageQueue, PlatformKeyResponse, KeyPair, KeyUtils = load_soft_fido2(home)
    prepare_home(home, args.pin, KeyUtils)
    threading.Thread(target=answer_platform_key_requests, daemon=True,
                     args=(home, MessageQueue, PlatformKeyResponse, KeyPair)).start()
    prepare_passkey_file(home, args.pin, KeyUtils)

    device = CTAPHIDevice("/dev/null")  # never started: no /dev/uhid
    if os.path.exists(args.socket):
        os.unlink(args.socket)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(args.socket)
    listener.listen(4)
    print("ready", flush=True)
    while True:
        connection, _ = listener.accept()
        threading.Thread(target=serve_connection, args=(connection, device), daemon=True).start()


if __name__ == "__main__":
    main()
