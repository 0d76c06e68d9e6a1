#!/usr/bin/env python3
"""Runs a command on a real pseudo-terminal (its controlling terminal and its
stdin, stdout and stderr) and answers its prompts as a person would.
Usage: pty-drive.py [--expect TEXT --send LINE]... -- COMMAND ARGS...
Waits for each TEXT in the output (after the previous one), then types LINE
and Enter. Prints all the output the command wrote (terminal line endings as
\\n) and exits with the command's exit status; 99 when an expected text never
came.

With --measure-at TEXT --count TEXT... (issue 13: copies of the code in
memory): when TEXT appears (the command then waits at a prompt), every
readable mapping of /proc/PID/mem is read, the last line printed is
`pty-drive: counts N N …` (one number per --count text, never the text), the
command is ended and the exit status is 0. That needs the right to read
another process's memory (root, or CAP_SYS_PTRACE: the tools make themselves
non-dumpable).
With --count-code-in FILE (with --measure-at): the recovery code written in
FILE when TEXT appears (a new kit's --code-out file, read then, as the code
is made during the run) is counted too: its canonical text and its first
group, appended to the counts line (issue 20, finding 6).

With --as-user UID (root only): the command runs as that user and group,
without supplementary groups, on a terminal that user owns, and starts with
core dumps allowed (RLIMIT_CORE unlimited, soft and hard), so a limit of 0
seen later is the command's own doing.

With --inspect-at TEXT (issue 13: Process.harden): when TEXT appears, the
last line printed is `pty-drive: inspect uid=U core=SOFT/HARD owner=U:G
ptrace=R`, the command is ended and the exit status is 0. uid is the
command's real uid; core its "Max core file size" from /proc/PID/limits;
owner the owner of /proc/PID/status, limits, maps, mem, environ and fd
("mixed" when they differ): the kernel gives a non-dumpable process's files
to root (not the /proc/PID folder itself, which keeps the euid); ptrace the outcome of PTRACE_ATTACH from a process of the
command's own uid ("attached", or the errno's name: EPERM for a
non-dumpable process)."""
import ctypes, errno, os, resource, select, subprocess, sys, time, fcntl, termios

args = sys.argv[1:]
dialog, counts, measure, inspect, user = [], [], None, None, None
code_file = None
while args and args[0] != "--":
    if args[0] == "--expect" and len(args) >= 4 and args[2] == "--send":
        dialog.append((args[1].encode(), args[3].encode()))
        args = args[4:]
    elif args[0] == "--inspect-at" and len(args) >= 2:
        inspect = args[1].encode()
        args = args[2:]
    elif args[0] == "--as-user" and len(args) >= 2 and args[1].isdigit():
        user = int(args[1])
        args = args[2:]
    elif args[0] == "--count-code-in" and len(args) >= 2:
        code_file = args[1]
        args = args[2:]
    elif args[0] in ("--measure-at", "--count") and len(args) >= 2:
        if args[0] == "--measure-at":
            measure = args[1].encode()
        else:
            counts.append(args[1].encode())
        args = args[2:]
    else:
        raise SystemExit(f"usage: {__doc__}")
argv = args[1:]

master, slave = os.openpty()
if user is not None:
    os.fchown(slave, user, user)
def child_setup():
    os.setsid()
    fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
    if user is not None:
        resource.setrlimit(resource.RLIMIT_CORE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        os.setgroups([])
        os.setresgid(user, user, user)
        os.setresuid(user, user, user)
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

def core_limit(pid):
    with open(f"/proc/{pid}/limits") as limits:
        for line in limits:
            if line.startswith("Max core file size"):
                soft, hard = line[len("Max core file size"):].split()[:2]
                return f"{soft}/{hard}"
    return "missing"

def real_uid(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("Uid:"):
                return int(line.split()[1])
    raise SystemExit("pty-drive: no Uid line in /proc/PID/status")

def owner(pid):
    owners = {(st.st_uid, st.st_gid) for st in
              (os.stat(f"/proc/{pid}/{name}") for name in ("status", "limits", "maps", "mem", "environ", "fd"))}
    return "%d:%d" % owners.pop() if len(owners) == 1 else "mixed"

PTRACE_ATTACH, PTRACE_DETACH, WALL = 16, 17, 0x40000000
def ptrace_attach(pid, uid):
    """PTRACE_ATTACH from a child running as uid (detaching at once when it
    worked): "attached" or the errno's name."""
    child = os.fork()
    if child == 0:
        code = 100
        try:
            os.setgroups([])
            os.setresgid(uid, uid, uid)
            os.setresuid(uid, uid, uid)
            libc = ctypes.CDLL(None, use_errno=True)
            libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
            if libc.ptrace(PTRACE_ATTACH, pid, None, None) == 0:
                os.waitpid(pid, WALL)
                libc.ptrace(PTRACE_DETACH, pid, None, None)
                code = 0
            else:
                code = ctypes.get_errno()
        finally:
            os._exit(code)
    code = os.waitstatus_to_exitcode(os.waitpid(child, 0)[1])
    return "attached" if code == 0 else errno.errorcode.get(code, f"status-{code}")

def wait_for(expect):
    global seen_at
    end = time.time() + 60
    while expect not in seen[seen_at:]:
        if time.time() > end or not read_some(0.2) and proc.poll() is not None:
            sys.stdout.write(seen.decode(errors="replace").replace("\r\n", "\n"))
            print(f"\npty-drive: never saw {expect!r}")
            proc.kill()
            sys.exit(99)
    seen_at = seen.index(expect, seen_at) + len(expect)

seen_at = 0
for expect, send in dialog:
    wait_for(expect)
    time.sleep(0.1)
    os.write(master, send + b"\n")
if measure is not None:
    wait_for(measure)
    time.sleep(0.3)
    if code_file is not None:
        import re
        found = re.search(rb"D1-[A-Z2-9]{6}(?:-[A-Z2-9]{5}){4}-[A-Z2-9]{6}", open(code_file, "rb").read())
        if not found:
            proc.kill()
            raise SystemExit(f"pty-drive: no recovery code in {code_file}")
        counts += [found.group(0), found.group(0)[3:9]]
    image = memory(proc.pid)
    proc.kill()
    proc.wait()
    sys.stdout.write(seen.decode(errors="replace").replace("\r\n", "\n"))
    if len(image) < 1 << 20:
        print(f"\npty-drive: read only {len(image)} bytes of the command's memory (no right to read it?)")
        sys.exit(99)
    print("\npty-drive: counts " + " ".join(str(image.count(text)) for text in counts))
    sys.exit(0)
if inspect is not None:
    wait_for(inspect)
    time.sleep(0.3)
    uid = real_uid(proc.pid)
    line = f"pty-drive: inspect uid={uid} core={core_limit(proc.pid)} owner={owner(proc.pid)} ptrace={ptrace_attach(proc.pid, uid)}"
    proc.kill()
    proc.wait()
    sys.stdout.write(seen.decode(errors="replace").replace("\r\n", "\n"))
    print("\n" + line)
    sys.exit(0)
while read_some(0.2) or proc.poll() is None:
    pass
status = proc.wait()
sys.stdout.write(seen.decode(errors="replace").replace("\r\n", "\n"))
sys.exit(status)
