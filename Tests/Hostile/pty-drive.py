#!/usr/bin/env python3
"""Runs a command on a real pseudo-terminal (its controlling terminal and its
stdin, stdout and stderr) and answers its prompts as a person would.
Usage: pty-drive.py [--expect TEXT --send LINE]... -- COMMAND ARGS...
Waits for each TEXT in the output, then types LINE and Enter. Prints all the
output the command wrote (terminal line endings as \\n) and exits with the
command's exit status; 99 when an expected text never came."""
import os, select, subprocess, sys, time, fcntl, termios

args = sys.argv[1:]
dialog = []
while args and args[0] != "--":
    if args[0] == "--expect" and len(args) >= 4 and args[2] == "--send":
        dialog.append((args[1].encode(), args[3].encode()))
        args = args[4:]
    else:
        raise SystemExit(f"usage: {__doc__}")
argv = args[1:]

master, slave = os.openpty()
def child_setup():
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, preexec_fn=child_setup)
os.close(slave)
seen = b""

def read_some(timeout):
    global seen
    ready, _, _ = select.select([master], [], [], timeout)
    if not ready:
        return True
    try:
        chunk = os.read(master, 4096)
    except OSError:
        return False
    if not chunk:
        return False
    seen += chunk
    return True

for expect, send in dialog:
    end = time.time() + 60
    while expect not in seen:
        if time.time() > end or not read_some(0.2) and proc.poll() is not None:
            sys.stdout.write(seen.decode(errors="replace").replace("\r\n", "\n"))
            print(f"\npty-drive: never saw {expect!r}")
            proc.kill()
            sys.exit(99)
    seen_at = len(seen)
    os.write(master, send + b"\n")
while read_some(0.2) or proc.poll() is None:
    pass
status = proc.wait()
sys.stdout.write(seen.decode(errors="replace").replace("\r\n", "\n"))
sys.exit(status)
