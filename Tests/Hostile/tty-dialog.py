#!/usr/bin/env python3
"""Plays a person at an rkit tool's terminal: runs TOOL on a pseudo-terminal
(stdin, stdout and stderr all on it, as in an interactive shell), waits for
each --expect text and types the --send line after it, then waits for the
tool to end. Prints one JSON object: {"status": N, "transcript": "..."}, the
transcript being everything the terminal showed (prompts and messages in
order). Exits 1 when an expected text never came.

With --measure-at TEXT (issue 13, finding 7: copies of the code in memory):
when TEXT appears (the tool then waits at a prompt), every readable mapping
of /proc/PID/mem is read and each --count text counted; "counts" in the
JSON holds the numbers in order (never the texts) and the tool is ended.
That needs the right to read another process's memory (root, or
CAP_SYS_PTRACE: the tools make themselves non-dumpable).

Usage: tty-dialog.py [--expect TEXT [--send LINE]]... [--measure-at TEXT --count TEXT...] -- TOOL ARGS..."""
import fcntl, json, os, select, subprocess, sys, termios, time


def memory(pid):
    data = []
    with open(f"/proc/{pid}/maps") as maps, open(f"/proc/{pid}/mem", "rb", 0) as mem:
        for line in maps:
            fields = line.split()
            start, end = (int(x, 16) for x in fields[0].split("-"))
            if "r" not in fields[1] or (len(fields) > 5 and fields[5] in ("[vvar]", "[vsyscall]")):
                continue
            # Mappings over 4 GiB are AddressSanitizer's shadow (reserved,
            # never the program's data); read the rest in 64 MiB pieces.
            if end - start > 4 << 30:
                continue
            for piece in range(start, end, 64 << 20):
                try:
                    mem.seek(piece)
                    data.append(mem.read(min(64 << 20, end - piece)))
                except (OSError, ValueError, OverflowError, MemoryError):
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
            steps.append([measure, None])
        elif option == "--count":
            counts.append(value.encode())
    argv = args[1:]
    master, slave = os.openpty()

    def child_setup():
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, preexec_fn=child_setup, close_fds=True)
    os.close(slave)
    seen, consumed = b"", 0

    def pump(timeout):
        nonlocal seen
        ready, _, _ = select.select([master], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(master, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        seen += chunk
        return True

    try:
        for expect, send in steps:
            end = time.time() + 60
            while expect not in seen[consumed:]:
                if time.time() > end or not pump(0.5) and proc.poll() is not None:
                    print(json.dumps({"status": proc.poll(), "transcript": seen.decode(errors="replace"),
                                      "missing": expect.decode()}))
                    sys.exit(1)
            consumed = seen.index(expect, consumed) + len(expect)
            time.sleep(0.1)
            if send is not None:
                os.write(master, send + b"\n")
        if measure is not None:
            time.sleep(0.3)
            image = memory(proc.pid)
            if len(image) < 1 << 20:
                sys.exit(f"FAIL: read only {len(image)} bytes of the tool's memory (no right to read it?)")
            print(json.dumps({"status": None, "transcript": seen.decode(errors="replace"),
                              "counts": [image.count(text) for text in counts]}))
            return
        end = time.time() + 120
        while proc.poll() is None and time.time() < end:
            pump(0.2)
        while pump(0.1):
            if not select.select([master], [], [], 0)[0]:
                break
        print(json.dumps({"status": proc.wait(timeout=5), "transcript": seen.decode(errors="replace")}))
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)


main()
