#!/usr/bin/env python3
"""Drives an rkit tool's recovery-code prompt on a real pseudo-terminal and
checks that echo is off while the code is typed and back on after every way
out: a typed wrong code (three times: a terminal asks again), Ctrl-C, Ctrl-\\, SIGTERM, and Ctrl-Z (ignored at
the prompt). Fatal signals (issue 20, finding 9: SIGSEGV, SIGBUS, SIGILL,
SIGFPE, SIGABRT, SIGTRAP) end the tool at once, by that signal, echo
restored, with no crash handler's text (the Swift runtime's backtracer is
asked for in its interactive form, SWIFT_BACKTRACE, to prove it never runs). Usage: tty-echo.py TOOL ARGS...  (the tool must prompt).
Prints one line per scenario; exits 1 on the first failure."""
import fcntl, os, select, signal, subprocess, sys, termios, time

WRONG_CODE = b"D1-ZZZZZZ-YYYYY-XXXXX-WWWWW-VVVVV-UUUUUU"

def echo_on(fd):
    return bool(termios.tcgetattr(fd)[3] & termios.ECHO)

def read_until(master, needle, timeout=20):
    seen = b""
    end = time.time() + timeout
    while needle not in seen:
        left = end - time.time()
        if left <= 0:
            raise SystemExit(f"FAIL: no {needle!r} within {timeout}s; saw {seen[-200:]!r}")
        ready, _, _ = select.select([master], [], [], left)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen

CRASH_HANDLER_TEXT = [b"crashed", b"Crashed", b"backtrace", b"Backtrace", b"Thread 0", b"memory", b"debug", b"\xf0\x9f\x92\xa3"]

def scenario(name, argv, action, expect_status, env=None, within=30):
    master, slave = os.openpty()
    def child_setup():
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            preexec_fn=child_setup, pass_fds=(slave,), env=env)
    try:
        try:
            read_until(master, b"ecovery code")
        except SystemExit as failure:
            proc.kill()
            raise SystemExit(f"{failure} (stderr: {proc.stderr.read().decode(errors='replace')[:300].strip()})")
        time.sleep(0.2)
        if echo_on(slave):
            raise SystemExit(f"FAIL {name}: echo is on at the prompt")
        action(proc, master)
        started = time.time()
        try:
            status = proc.wait(timeout=within)
        except subprocess.TimeoutExpired:
            raise SystemExit(f"FAIL {name}: still running {within}s later")
        took = time.time() - started
        raw_stderr = proc.stderr.read()
        stderr = raw_stderr.decode(errors="replace")
        # What reached the terminal after the action (a crash handler writes there too).
        tail = b""
        while select.select([master], [], [], 0.1)[0]:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            tail += chunk
        if expect_status < 0:
            for text in CRASH_HANDLER_TEXT:
                if text in raw_stderr or text in tail:
                    raise SystemExit(f"FAIL {name}: a crash handler wrote {text!r} ({took:.1f}s): {stderr.strip()[:300]}")
        if status != expect_status:
            raise SystemExit(f"FAIL {name}: exit {status}, expected {expect_status}; stderr: {stderr.strip()}")
        if not echo_on(slave):
            raise SystemExit(f"FAIL {name}: echo still off after exit")
        if WRONG_CODE.decode() in stderr:
            raise SystemExit(f"FAIL {name}: the typed code reached stderr")
        print(f"ok {name}: echo off at the prompt, restored after exit {status}")
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
        os.close(slave)

def type_code(proc, master):
    # A wrong code is asked again on a terminal, three tries in all.
    os.write(master, WRONG_CODE + b"\n")
    for attempt in (2, 3):
        read_until(master, b"try %d of 3" % attempt)
        os.write(master, WRONG_CODE + b"\n")

def ctrl(char):
    return lambda proc, master: os.write(master, char)

def send(sig):
    return lambda proc, master: proc.send_signal(sig)

def ctrl_z_then_code(proc, master):
    os.write(master, b"\x1a")          # Ctrl-Z: must not stop the prompt
    time.sleep(0.3)
    if proc.poll() is not None:
        raise SystemExit("FAIL ctrl-z: the tool exited on Ctrl-Z")
    type_code(proc, master)

argv = sys.argv[1:]
# The Swift runtime's backtracer, asked for in its most talkative form.
crash_env = dict(os.environ, SWIFT_BACKTRACE="enable=yes,interactive=yes,timeout=30s")
for sig in (signal.SIGSEGV, signal.SIGBUS, signal.SIGILL, signal.SIGFPE, signal.SIGABRT, signal.SIGTRAP):
    scenario(f"fatal {sig.name}", argv, send(sig), -sig, env=crash_env, within=3)
scenario("typed wrong code", argv, type_code, 5)
scenario("ctrl-c", argv, ctrl(b"\x03"), 8)
scenario("ctrl-backslash", argv, ctrl(b"\x1c"), 8)
scenario("sigterm", argv, send(signal.SIGTERM), 8)
scenario("ctrl-z ignored", argv, ctrl_z_then_code, 5)
