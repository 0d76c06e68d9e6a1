#!/usr/bin/env python3
"""Counts copies of a secret in a running rkit tool's memory (issue 13,
finding 7). Runs TOOL on a pseudo-terminal, answers its prompts in order,
and when the last expected text appears (the tool is then waiting at a
prompt) reads every readable mapping of /proc/PID/mem and counts each
--count text. Needs the right to read another process's memory (root, or
CAP_SYS_PTRACE: the tools make themselves non-dumpable).

Usage: code-copies.py [--expect TEXT --send LINE]... --measure-at TEXT
                      --count TEXT [--count TEXT]... -- TOOL ARGS...
Prints one line per --count text: `COUNT TEXT-LABEL` (the label is the
text's position, never the secret), and the tool's terminal output on
failure. Exits 1 when a prompt never came."""
import fcntl, os, re, select, subprocess, sys, termios, time


def read_until(master, needle, seen, timeout=60):
    end = time.time() + timeout
    while needle not in seen[0]:
        left = end - time.time()
        if left <= 0:
            raise SystemExit(f"FAIL: no {needle!r} within {timeout}s; saw {seen[0][-400:]!r}")
        ready, _, _ = select.select([master], [], [], left)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                raise SystemExit(f"FAIL: the tool ended before {needle!r}; saw {seen[0][-400:]!r}")
            if not chunk:
                raise SystemExit(f"FAIL: the tool ended before {needle!r}; saw {seen[0][-400:]!r}")
            seen[0] += chunk
    # Consume only up to the needle, so the next expect needs new output.
    index = seen[0].index(needle) + len(needle)
    seen[0] = seen[0][index:]


def memory(pid):
    data = []
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            start, end = (int(x, 16) for x in fields[0].split("-"))
            if "r" not in fields[1] or (len(fields) > 5 and fields[5] in ("[vvar]", "[vsyscall]")):
                continue
            try:
                mem.seek(start)
                data.append(mem.read(end - start))
            except (OSError, ValueError, OverflowError):
                pass
    return b"\0".join(data)


def main():
    args = sys.argv[1:]
    steps, counts, measure = [], [], None
    while args and args[0] != "--":
        option, value = args[0], args[1]
        args = args[2:]
        if option == "--expect":
            steps.append([value.encode(), None])
        elif option == "--send":
            steps[-1][1] = value.encode()
        elif option == "--measure-at":
            measure = value.encode()
        elif option == "--count":
            counts.append(value.encode())
    argv = args[1:]
    master, slave = os.openpty()

    def child_setup():
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, preexec_fn=child_setup, close_fds=True)
    seen = [b""]
    try:
        for expect, send in steps:
            read_until(master, expect, seen)
            time.sleep(0.1)
            if send is not None:
                os.write(master, send + b"\n")
        read_until(master, measure, seen)
        time.sleep(0.3)
        image = memory(proc.pid)
        if len(image) < 1 << 20:
            raise SystemExit(f"FAIL: read only {len(image)} bytes of the tool's memory (no right to read it?)")
        for index, text in enumerate(counts):
            print(f"{image.count(text)} count-{index + 1} ({len(text)} bytes)")
    finally:
        proc.kill()
        proc.wait()
        os.close(master)
        os.close(slave)


main()
