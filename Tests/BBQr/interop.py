#!/usr/bin/env python3
"""BBQr across the air gap, judged by an independent implementation
(`make bbqr`, part of `make test`).

1. rkit -> judge: `rkit-sign qr-split` on a terminal of a given size (its
   text output), every frame drawn to a PNG on a dark and a light terminal
   (terminal_png.py), read by zbarimg, joined by bitcoin-qr-tools 1.2.0 (it
   vendors Coinkite's reference BBQr code): the exact bytes, the right file
   type, codes and captions within the window.
2. judge -> rkit: frames made by bitcoin-qr-tools (Z, 2 and H), shuffled
   with one repeated, some with zbar's `QR-Code:` prefix, joined by
   `rkit-sign qr-join` from a file and from standard input (as `zbarcam
   --raw` pipes them): byte for byte; --sha256 accepted and refused.
3. Refusals, one line each, exit 4 (1 for --sha256), nothing written: a
   missing frame (named by its number from 1), a frame of another file, a
   damaged frame, frames that would inflate without limit.

Usage: Tests/BBQr/interop.py BIN_DIR   (fails loudly if a judge is missing)
"""
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import terminal_png  # noqa: E402

try:
    from importlib.metadata import version as installed
    from bitcoin_qr_tools.bbqr import join_qrs, split_qrs
    import pyqrcode  # noqa: F401  (split_qrs needs its tables)
except ImportError as error:
    sys.exit(f"bbqr interop: the judge is missing ({error}); run 'make bbqr' (it installs bitcoin-qr-tools==1.2.0 --no-deps and PyQRCode)")
if installed("bitcoin-qr-tools") != "1.2.0":
    sys.exit(f"bbqr interop: bitcoin-qr-tools {installed('bitcoin-qr-tools')} is installed; the judge is 1.2.0 (make bbqr)")
if not shutil.which("zbarimg"):
    sys.exit("bbqr interop: zbarimg is missing (Debian zbar-tools; make deps)")

BIN = Path(sys.argv[1]).resolve()
SIGN = BIN / "rkit-sign"
if not os.access(SIGN, os.X_OK):
    sys.exit(f"bbqr interop: {SIGN} is not built (swift build --product rkit-sign)")

WORK = Path(tempfile.mkdtemp(prefix="rkit-bbqr-"))
FAILURES = []
CHECKS = 0


def check(ok, what):
    global CHECKS
    CHECKS += 1
    if not ok:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


def sign(args, stdin=None, env=None):
    return subprocess.run([str(SIGN)] + args, input=stdin, capture_output=True, cwd=WORK,
                          env={**os.environ, **(env or {})})


def sample_files():
    rng = random.Random(21)
    b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    blob = lambda n: "".join(rng.choice(b64) for _ in range(n))
    # Shaped like a recovery body with a new kit (about 6 KB; base64url is most of it).
    body = ('{"recovery":{"kind":"RecoveryKey","credentialAssertion":{"credId":"%s","clientData":"%s","signature":"%s"}},'
            '"newCredentials":{"firstFactorCredential":{"credentialKind":"Key","credentialInfo":{"credId":"%s","clientData":"%s",'
            '"attestationData":"%s"},"credentialName":"rkit new key"},"recoveryCredential":{"credentialKind":"RecoveryKey",'
            '"credentialInfo":{"credId":"%s","clientData":"%s","attestationData":"%s"},"encryptedPrivateKey":"%s",'
            '"credentialName":"rkit recovery kit"}}}\n') % tuple(blob(n) for n in (43, 400, 96, 43, 400, 1500, 43, 400, 1500, 1200))
    pem = "-----BEGIN PRIVATE KEY-----\n" + "\n".join(blob(64) for _ in range(4)) + "\n-----END PRIVATE KEY-----\n"
    odd = '{\n  "a" : 1,\t"b": [ 1,2 ],\r\n  "c": "Zo\u00eb"   }'  # no final newline
    return {
        "body.json": (body.encode(), "J", "Z"),
        "new-key.pem": (pem.encode(), "U", "Z"),
        "odd.json": (odd.encode(), "J", "Z"),
        "random.bin": (bytes(rng.getrandbits(8) for _ in range(2500)), "B", "2"),
    }


def rkit_to_judge():
    for name, (data, file_type, encoding) in sample_files().items():
        (WORK / name).write_bytes(data)
        for columns, rows in ((80, 24), (200, 60)):
            shown = sign(["qr-split", name], env={"COLUMNS": str(columns), "LINES": str(rows)})
            check(shown.returncode == 0, f"{name}: qr-split exit {shown.returncode}: {shown.stderr.decode()}")
            frames = terminal_png.frames(shown.stdout.decode())
            check(len(frames) >= 1, f"{name}: no frames in qr-split's output")
            digest = hashlib.sha256(data).hexdigest()[:12]
            for theme in terminal_png.THEMES:
                scanned = []
                for number, (caption, lines) in enumerate(frames, 1):
                    check(caption == f"frame {number}/{len(frames)}  SHA-256 {digest}", f"{name}: caption {caption!r}")
                    check(len(lines) + 1 <= rows, f"{name}: frame {number} takes {len(lines) + 1} lines on {columns}x{rows}")
                    width = max(len(terminal_png.SGR.sub("", line)) for line in lines)
                    check(width <= columns, f"{name}: frame {number} is {width} columns on {columns}x{rows}")
                    image = WORK / f"{name}-{columns}x{rows}-{theme}-{number}.png"
                    image.write_bytes(terminal_png.png(*terminal_png.render(lines, theme)))
                    read = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
                    codes = [line for line in read.stdout.split("\n") if line]
                    check(len(codes) == 1, f"{name}: frame {number} on a {theme} terminal scanned as {len(codes)} codes")
                    scanned += codes
                random.Random(len(scanned)).shuffle(scanned)
                try:
                    got_type, got = join_qrs(scanned)
                except Exception as error:  # the judge's asserts
                    check(False, f"{name} ({theme}, {columns}x{rows}): bitcoin-qr-tools refused rkit's frames: {error!r}")
                    continue
                check(got == data, f"{name} ({theme}, {columns}x{rows}): bitcoin-qr-tools joined other bytes")
                check(got_type == file_type, f"{name}: file type {got_type}, expected {file_type}")
                check(all(code[2] == encoding for code in scanned), f"{name}: encoding {scanned[0][:4]}, expected {encoding}")
                if columns == 80:
                    check(all(len(code) <= 195 for code in scanned), f"{name}: a frame is longer than a version-6 code holds")


def judge_frames(data, file_type, encoding, max_version):
    version, frames = split_qrs(data, file_type, encoding=encoding, max_version=max_version, min_version=1)
    # Z falls back to 2 when deflate does not help (random bytes), as BBQr says.
    check(frames[0][2] == encoding or (encoding, frames[0][2]) == ("Z", "2"), f"the judge wrote {frames[0][:4]} for encoding {encoding}")
    return frames


def judge_to_rkit():
    files = sample_files()
    rng = random.Random(7)
    for name, (data, file_type, _) in files.items():
        for encoding in "Z2H":
            frames = judge_frames(data, file_type, encoding, 6 if len(data) > 1000 else 1)
            check(len(frames) >= 3, f"{name} {encoding}: the judge made only {len(frames)} frames")
            given = frames + [frames[len(frames) // 2]]
            rng.shuffle(given)
            lines = [("QR-Code:" + f if i % 3 == 0 else f) for i, f in enumerate(given)]
            (WORK / "frames.txt").write_text("\n".join(lines) + "\n")
            joined = sign(["qr-join", "frames.txt"])
            check(joined.returncode == 0 and joined.stdout == data,
                  f"{name} {encoding}: qr-join gave exit {joined.returncode}, {len(joined.stdout)} bytes: {joined.stderr.decode()}")
            digest = hashlib.sha256(data).hexdigest()
            check(digest in joined.stderr.decode(), f"{name} {encoding}: qr-join did not print the SHA-256: {joined.stderr.decode()}")
            # As zbarcam --raw pipes them: one frame a line on standard input.
            piped = sign(["qr-join", "--sha256", digest[:12]], stdin=("\n".join(given) + "\n").encode())
            check(piped.returncode == 0 and piped.stdout == data, f"{name} {encoding}: qr-join from stdin: {piped.stderr.decode()}")
    data = files["body.json"][0]
    frames = judge_frames(data, "J", "Z", 6)
    text = "\n".join(frames) + "\n"
    # A webcam never ends its output: qr-join stops once every frame is in.
    camera = subprocess.Popen([str(SIGN), "qr-join"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=WORK)
    repeated = frames[:3] + frames  # zbarcam reports a frame each time it comes round
    camera.stdin.write(("\n".join("QR-Code:" + f for f in repeated) + "\n").encode())
    camera.stdin.flush()
    try:
        camera.wait(timeout=20)  # the joined file (6 KB) fits the pipe's buffer
        out = camera.stdout.read()
        check(camera.returncode == 0 and out == data, f"qr-join from an endless camera stream: exit {camera.returncode}")
    except subprocess.TimeoutExpired:
        camera.kill()
        check(False, "qr-join kept waiting after every frame was read from an endless stream")
    finally:
        camera.stdin.close()
    wrong = sign(["qr-join", "--sha256", "0123456789ab"], stdin=text.encode())
    check(wrong.returncode == 1 and wrong.stdout == b"" and wrong.stderr.decode().count("\n") == 1
          and "nothing was written" in wrong.stderr.decode(), f"--sha256 mismatch: exit {wrong.returncode}: {wrong.stderr.decode()}")


def refused(frames, expect, what):
    result = sign(["qr-join"], stdin=("\n".join(frames) + "\n").encode())
    message = result.stderr.decode()
    check(result.returncode == 4, f"{what}: exit {result.returncode}, expected 4: {message}")
    check(result.stdout == b"", f"{what}: something was written")
    check(message.count("\n") == 1, f"{what}: not one line: {message!r}")
    check(expect in message, f"{what}: {message.strip()!r} does not say {expect!r}")


def refusals():
    files = sample_files()
    data = files["body.json"][0]
    frames = judge_frames(data, "J", "Z", 6)
    n = len(frames)
    refused(frames[:4] + frames[5:], f"missing frame 5 of {n}", "a missing frame")
    refused(frames[1:3] + frames[4:], f"missing frames 1, 4 of {n}", "two missing frames")
    other = judge_frames(files["new-key.pem"][0], "U", "Z", 3)
    refused(frames + [other[1]], f"frame 2 of {len(other)}", "a frame of another file")
    refused(frames + [other[1]], "belongs to another file", "a frame of another file")
    damaged = list(frames)
    damaged[6] = damaged[6][:20] + "1" + damaged[6][21:]  # "1" is not Base32
    refused(damaged, f"frame 7 of {n} is damaged", "a damaged frame")
    truncated = list(frames)
    truncated[3] = truncated[3][:-8]
    refused(truncated, f"frame 4 of {n} is damaged", "a truncated frame")
    twice = frames + [frames[2][:-1] + ("A" if frames[2][-1] != "A" else "B")]
    refused(twice, "frame 3 of", "one frame read twice, differently")
    # A deflate bomb: 64 MiB of zeros makes a few hundred frames; rkit stops at 4 MiB.
    bomb = judge_frames(bytes(64 << 20), "B", "Z", 40)
    refused(bomb, "larger than 4 MiB", "frames that inflate without limit")


def main():
    try:
        rkit_to_judge()
        judge_to_rkit()
        refusals()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    if FAILURES:
        sys.exit(f"bbqr interop: {len(FAILURES)} of {CHECKS} checks failed")
    print(f"bbqr interop: {CHECKS} checks passed (rkit -> bitcoin-qr-tools 1.2.0 on dark and light terminals; "
          "bitcoin-qr-tools -> rkit for Z, 2, H; missing, foreign, damaged frames and a deflate bomb refused)")


if __name__ == "__main__":
    main()
