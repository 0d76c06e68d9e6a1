#!/usr/bin/env python3
"""The BBQr animation as a person at a terminal drives it (`make bbqr`):
`rkit-sign qr-split` on a pseudo-terminal of 80x24 (its controlling
terminal, stdin/stdout/stderr on it). Keys: space pauses (the caption says
so), n and the right arrow step forward, p and the left arrow back, space
resumes (frames move on by themselves again), a resized window is cleared
before the next frame, q quits with status 0. Every
way out gives the terminal back: its settings as before (compared with
tcgetattr), the cursor shown and the alternate screen left; Ctrl-C typed
ends with status 8, as does SIGTERM.

Usage: Tests/BBQr/animation.py BIN_DIR
"""
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

SIGN = Path(sys.argv[1]).resolve() / "rkit-sign"
if not os.access(SIGN, os.X_OK):
    sys.exit(f"bbqr animation: {SIGN} is not built")
CAPTION = re.compile(rb"\x1b\[Hframe (\d+)/(\d+)  SHA-256 [0-9a-f]{12}(  paused)?\x1b\[K")
LEAVE = b"\x1b[?25h\x1b[?1049l"
FAILURES = []


def check(ok, what):
    if not ok:
        FAILURES.append(what)
        print(f"FAIL: {what}", file=sys.stderr)


class Session:
    def __init__(self, argv, cwd):
        self.master, self.slave = os.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.before = termios.tcgetattr(self.slave)
        slave = self.slave

        def setup():
            os.setsid()
            fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        self.proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, preexec_fn=setup, cwd=cwd)
        self.seen = b""

    def read(self, seconds=0.1):
        end = time.time() + seconds
        while time.time() < end:
            if select.select([self.master], [], [], 0.05)[0]:
                try:
                    self.seen += os.read(self.master, 65536)
                except OSError:
                    return

    def captions(self):
        return [(int(m.group(1)), int(m.group(2)), bool(m.group(3))) for m in CAPTION.finditer(self.seen)]

    def wait_for(self, predicate, what, timeout=15):
        end = time.time() + timeout
        while time.time() < end:
            self.read(0.1)
            if predicate(self.captions()):
                return True
        check(False, f"timed out waiting for {what}; captions seen: {self.captions()[-6:]}")
        return False

    def press(self, keys):
        os.write(self.master, keys)

    def finish(self, timeout=10):
        try:
            status = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            status = None
        self.read(0.3)
        after = termios.tcgetattr(self.slave)
        os.close(self.slave)
        os.close(self.master)
        return status, after


def main():
    work = Path(tempfile.mkdtemp(prefix="rkit-anim-"))
    (work / "file.json").write_text('{"data":"' + os.urandom(900).hex() + '"}\n')
    argv = [str(SIGN), "qr-split", "file.json"]

    # Pause, step with n / p / arrows, resume, quit.
    s = Session(argv, work)
    s.wait_for(lambda c: len(c) >= 2, "the animation to move on by itself")
    total = s.captions()[0][1]
    check(total > 3, f"only {total} frames; the test needs a few")
    s.press(b" ")
    if s.wait_for(lambda c: c and c[-1][2], "the caption to say paused"):
        k, drawn = s.captions()[-1][0], len(s.captions())
        s.read(0.8)  # paused: nothing new is drawn
        check(len(s.captions()) == drawn, "frames moved on while paused")
        after = lambda n: (lambda c: c[-1] == (n, total, True))
        nxt, prev = k % total + 1, (k - 2) % total + 1
        s.press(b"n"); s.wait_for(after(nxt), f"n to show frame {nxt}")
        s.press(b"p"); s.wait_for(after(k), f"p to show frame {k} again")
        s.press(b"\x1b[D"); s.wait_for(after(prev), f"the left arrow to show frame {prev}")
        s.press(b"\x1b[C"); s.wait_for(after(k), f"the right arrow to show frame {k}")
        count = len(s.captions())
        s.press(b" ")
        s.wait_for(lambda c: len(c) >= count + 3 and not c[-1][2], "space to resume the animation")
    # The window enlarged: the screen is cleared before the next frame.
    before_resize = len(s.seen)
    fcntl.ioctl(s.slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    s.read(0.8)
    check(b"\x1b[2J\x1b[Hframe" in s.seen[before_resize:], "a resized window was not cleared before the next frame")
    s.press(b"q")
    status, after = s.finish()
    check(status == 0, f"q: exit status {status}")
    check(after == s.before, "q: the terminal settings were not restored")
    check(s.seen.rstrip().find(LEAVE) > s.seen.rfind(b"\x1b[Hframe"), "q: cursor and screen not given back after the last frame")

    # Ctrl-C typed, and SIGTERM: status 8, terminal restored.
    for name, stop in (("Ctrl-C", lambda s: s.press(b"\x03")), ("SIGTERM", lambda s: s.proc.send_signal(signal.SIGTERM))):
        s = Session(argv, work)
        s.wait_for(lambda c: len(c) >= 1, f"{name}: the first frame")
        stop(s)
        status, after = s.finish()
        check(status == 8, f"{name}: exit status {status}, expected 8")
        check(after == s.before, f"{name}: the terminal settings were not restored")
        check(LEAVE in s.seen, f"{name}: cursor and screen not given back")

    if FAILURES:
        sys.exit(f"bbqr animation: {len(FAILURES)} checks failed")
    print("bbqr animation: pause, n/p and arrows, resume, q, Ctrl-C and SIGTERM on a pseudo-terminal; terminal restored each time")


if __name__ == "__main__":
    main()
