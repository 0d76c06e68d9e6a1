#!/usr/bin/env python3
"""The `make bench` driver (called by Benchmarks/run.sh after the release build).

One run: each measurement alternates its contenders trial by trial (the
starting contender rotates, so none always runs first or last), reports the
median and min-max of N trials, prints a table with ratios and writes
Benchmarks/RESULTS.md. Targets are reported, never asserted: the exit status
is non-zero only if a contender computes a wrong answer or the bench itself
cannot run.

Environment: RKIT_BIN (the release bin folder, required), BENCH_TRIALS
(default 7), BENCH_KITS (default 1000, the largest batch), BENCH_ONLY=frames
(only section 7, the QR frame counts: printed, RESULTS.md left as it is).
"""
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "Benchmarks"
WORK = BENCH / "work"
BIN = Path(os.environ["RKIT_BIN"])
TRIALS = int(os.environ.get("BENCH_TRIALS", "7"))
BIG_BATCH = int(os.environ.get("BENCH_KITS", "1000"))
NOT_PRESENT = "n/a (tool not present)"


class BenchError(Exception):
    pass


# ---------------------------------------------------------------- running

def run(cmd, **kwargs):
    """Runs cmd; returns (wall seconds, stdout). A failing command is a BenchError."""
    start = time.perf_counter()
    done = subprocess.run([str(c) for c in cmd], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["no message"])[0]
        raise BenchError(f"{Path(str(cmd[0])).name} exited {done.returncode}: {first[:160]}")
    return elapsed, done.stdout


def wall(cmd):
    return run(cmd)[0]


def in_process(cmd, expected_key=None):
    """For contenders that time themselves: stdout is 'seconds [key-hex]'."""
    fields = run(cmd)[1].split()
    if expected_key is not None and fields[1:] != [expected_key]:
        raise BenchError(f"{' '.join(map(str, cmd))} derived {fields[1:]} instead of {expected_key}")
    return float(fields[0])


def max_rss_kib(cmd):
    done = subprocess.run(["/usr/bin/time", "-v"] + [str(c) for c in cmd],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        raise BenchError(f"{Path(str(cmd[0])).name} exited {done.returncode}")
    match = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    if not match:
        raise BenchError("/usr/bin/time -v printed no maximum resident set size")
    return int(match.group(1))


def alternate(contenders, trials=TRIALS):
    """contenders: name -> () -> float. Returns name -> list of trial values."""
    names = list(contenders)
    results = {name: [] for name in names}
    for trial in range(trials):
        for offset in range(len(names)):
            name = names[(trial + offset) % len(names)]
            results[name].append(contenders[name]())
    return results


def tool_present(name, probe, option):
    """True if the tool is built and its help for `probe` lists `option`
    (an unknown subcommand's --help still exits 0 with the root's help)."""
    path = BIN / name
    if not path.exists():
        return False
    done = subprocess.run([str(path)] + probe, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return done.returncode == 0 and option in done.stdout


# ---------------------------------------------------------------- the table

ROWS = []


def fmt_seconds(value):
    return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.2f} s"


def row(section, what, values=None, unit="s", ratio="", target="", note=""):
    if isinstance(values, str) or values is None:
        median, spread = values or "", ""
    elif unit == "s":
        median = fmt_seconds(statistics.median(values))
        spread = f"{fmt_seconds(min(values))} – {fmt_seconds(max(values))}"
    else:
        median = f"{statistics.median(values) / 1024:.1f} MiB"
        spread = f"{min(values) / 1024:.1f} – {max(values) / 1024:.1f} MiB"
    ROWS.append((section, what, median, spread, ratio, target or note))


def verdict(met, detail):
    return f"{'met' if met else 'MISSED'} ({detail})"


def table():
    header = ("#", "measurement", "median", "min – max", "ratio", "target / note")
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(cells) + " |" for cells in ROWS]
    return "\n".join(lines)


# ---------------------------------------------------------------- machine

def machine():
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    flags = Path("/proc/cpuinfo").read_text()
    sha = "yes" if re.search(r"\bsha_ni\b", flags) else "no"

    def first_line(cmd):
        try:
            return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout.splitlines()[0]
        except (OSError, IndexError):
            return "unknown"

    return {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": first_line(["nproc"]),
        "cpu": f"{model} (SHA extensions: {sha})",
        "load": " ".join(Path("/proc/loadavg").read_text().split()[:3]),
        "swift": first_line(["swift", "--version"]),
        "openssl": first_line(["openssl", "version"]),
        "node": first_line(["node", "--version"]),
        "python": first_line([sys.executable, "-c", "import sys, cryptography; print(sys.version.split()[0], 'cryptography', cryptography.__version__)"]),
    }


# ---------------------------------------------------------------- kits

def make_kits():
    """BIG_BATCH kits made with the core (rkit-bench make-kits), plus one codes file per batch size."""
    kits_dir = WORK / "kits"
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    print(f"making {BIG_BATCH} bench kits in {kits_dir.relative_to(ROOT)} ...", flush=True)
    seconds = wall([BIN / "rkit-bench", "make-kits", BIG_BATCH, kits_dir])
    print(f"  done in {seconds:.1f} s", flush=True)
    codes = dict(line.split(" ", 1) for line in (kits_dir / "codes.txt").read_text().splitlines() if line)
    kits = sorted(kits_dir.glob("kit-*.json"))
    batches = {}
    for size in sorted({10, 16, 200, BIG_BATCH}):
        chosen = kits[:size]  # fewer when BENCH_KITS is set below a batch size
        codes_file = WORK / f"codes-{size}.txt"
        with open(os.open(codes_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
            for kit in chosen:
                credential_id = json.loads(kit.read_text())["credentialId"]
                out.write(f"{credential_id} {codes[credential_id]}\n")
        batches[size] = (chosen, codes_file)
    return batches


# ---------------------------------------------------------------- sections

# Section 7: QR frames to carry each file across the air gap (counts, not timings).
FRAME_TERMINALS = ((80, 24), (120, 40), (200, 60))
# Before BBQr: main 9a9125c, RK2 parts (byte mode, base64url, quiet zone 4), the same three files.
FRAMES_BEFORE = {"response.json": (32, 5, 2), "kit-qr.txt": (12, 2, 1), "body.json": (156, 24, 9)}
FRAME_TARGETS = {("body.json", 80): 40, ("body.json", 200): 10}


def frame_inputs():
    """response.json (the recovery challenge), kit-qr.txt (the paper's QR as
    zbarimg reads it) and a recovery body with a new key and a new kit
    (about 6 KB), made by the tools as built (Tests/Interop/make_bodies.sh)."""
    work = WORK / "frames"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    run(["bash", ROOT / "Tests/Interop/make_bodies.sh", BIN, work / "bodies"])
    shutil.copy(work / "bodies/recovery-challenge.response.json", work / "response.json")
    shutil.copy(work / "bodies/recover.request.key.json", work / "body.json")
    run([BIN / "rkit-generate", "--username", "jo@example.com", "--org-id", "or-30tnh-itmjs-s235s5ontr3r23h2",
         "--origin", "https://app.example.com", "--out", work / "kit", "--code-out", work / "code.txt", "--formats", "svg"])
    run(["rsvg-convert", "-z", "3", "-o", work / "kit.png", work / "kit/kit.svg"])
    (work / "kit-qr.txt").write_text(run(["zbarimg", "-q", "--raw", work / "kit.png"])[1])
    return {name: work / name for name in FRAMES_BEFORE}


def frames_section():
    for name, path in frame_inputs().items():
        size = path.stat().st_size
        for (columns, lines), before in zip(FRAME_TERMINALS, FRAMES_BEFORE[name]):
            shown = run([BIN / "rkit-sign", "qr-split", path], env={**os.environ, "COLUMNS": str(columns), "LINES": str(lines)})[1]
            count = sum(1 for line in shown.splitlines() if re.match(r"frame \d+/\d+  SHA-256 [0-9a-f]{12}$", line))
            if count == 0:
                raise BenchError(f"rkit-sign qr-split {name} showed no frames")
            limit = FRAME_TARGETS.get((name, columns))
            row("7", f"QR frames: {name} ({size} B) at {columns}×{lines}", f"{count} frame{'' if count == 1 else 's'}",
                ratio=f"was {before} (RK2)", target=verdict(count <= limit, f"≤ {limit}") if limit else "")

def pbkdf2_section():
    bench = BIN / "rkit-bench"
    # The reference key: every PBKDF2 contender must derive exactly this.
    expected = run([bench, "pbkdf2", "openssl"])[1].split()[1]
    results = alternate({
        "floor": lambda: in_process([bench, "floor", 200_000]),
        "rkit": lambda: in_process([bench, "pbkdf2", "rkit"], expected),
        "openssl": lambda: in_process([bench, "pbkdf2", "openssl"], expected),
        "python": lambda: in_process([sys.executable, BENCH / "pbkdf2.py"], expected),
        "node": lambda: in_process(["node", BENCH / "pbkdf2.mjs"], expected),
    })
    floor = statistics.median(results["floor"])
    rkit = statistics.median(results["rkit"])
    row("1", "floor: 200 000 SHA-256 compressions (SHA256_Transform)", results["floor"], ratio="1.00× floor")
    labels = {
        "rkit": "PBKDF2 100 000 it., 32 B: rkit (PBKDF2.deriveKey)",
        "openssl": "PBKDF2: OpenSSL PKCS5_PBKDF2_HMAC (in-process)",
        "python": "PBKDF2: Python cryptography PBKDF2HMAC",
        "node": "PBKDF2: Node WebCrypto deriveBits",
    }
    for name, label in labels.items():
        ratio = statistics.median(results[name]) / floor
        text = f"{ratio:.2f}× floor"
        if name != "rkit":
            text += f", {statistics.median(results[name]) / rkit:.2f}× rkit"
        target = verdict(ratio <= 1.3, "≤ 1.30× floor") if name == "rkit" else "all four keys equal (checked)"
        row("2", label, results[name], ratio=text, target=target)
    return rkit


def open_section(batches, verify_present):
    kits, codes = batches[16]
    if not verify_present:
        row("3", "open 16 kits with codes: rkit-verify kit --codes", NOT_PRESENT, target="≤ 0.35× Node")
        results = alternate({"node": lambda: wall(["node", BENCH / "open-kits.mjs", codes, *kits])})
        row("3", "open 16 kits: Node WebCrypto, Promise.all (whole process)", results["node"])
        return
    results = alternate({
        "rkit": lambda: wall([BIN / "rkit-verify", "kit", *kits, "--codes", codes]),
        "node": lambda: wall(["node", BENCH / "open-kits.mjs", codes, *kits]),
    })
    ratio = statistics.median(results["rkit"]) / statistics.median(results["node"])
    row("3", "open 16 kits with codes: rkit-verify kit --codes (whole process)", results["rkit"],
        ratio=f"{ratio:.2f}× Node", target=verdict(ratio <= 0.35, "≤ 0.35× Node"))
    row("3", "open 16 kits: Node WebCrypto, Promise.all (whole process)", results["node"], ratio="1.00× Node")


def generate_section(pbkdf2_seconds, generate_present):
    if not generate_present:
        row("4", "rkit-generate one kit (--formats txt), whole process", NOT_PRESENT)
        return
    out = WORK / "generate"
    counter = iter(range(10**6))

    def once():
        n = next(counter)
        return wall([BIN / "rkit-generate", "--username", "bench@example.com", "--out", out / f"kit-{n}",
                     "--code-out", out / f"code-{n}.txt", "--formats", "txt"])

    out.mkdir(parents=True, exist_ok=True)
    results = alternate({"generate": once})
    share = 2 * pbkdf2_seconds / statistics.median(results["generate"])
    row("4", "rkit-generate one kit (--formats txt), whole process", results["generate"],
        ratio=f"PBKDF2 {share:.0%}",
        note=f"2 derivations (seal + self-check) × {fmt_seconds(pbkdf2_seconds)} in-process")


def cores_section(batches, verify_present):
    if not verify_present:
        row("5", "200 kits with codes, 1 core vs 2 cores", NOT_PRESENT, target="speed-up ≥ 1.8×")
        return
    if (os.cpu_count() or 1) < 2:
        row("5", "200 kits with codes, 1 core vs 2 cores", "n/a (one CPU)", target="speed-up ≥ 1.8×")
        return
    kits, codes = batches[200]
    label = f"{len(kits)} kits with codes: rkit-verify"
    command = [BIN / "rkit-verify", "kit", *kits, "--codes", codes]
    trials = max(3, TRIALS // 2)
    results = alternate({
        "one": lambda: wall(["taskset", "-c", "0", *command]),
        "two": lambda: wall(["taskset", "-c", "0,1", *command]),
    }, trials)
    speedup = statistics.median(results["one"]) / statistics.median(results["two"])
    row("5", f"{label} on 1 core (taskset -c 0)", results["one"])
    row("5", f"{label} on 2 cores (taskset -c 0,1)", results["two"],
        ratio=f"{speedup:.2f}× speed-up", target=verdict(speedup >= 1.8, "≥ 1.8×"))


def memory_section(batches, verify_present):
    label = f"peak RSS: rkit-verify kit --codes, 10 kits vs {BIG_BATCH}"
    if not verify_present:
        row("6", label, NOT_PRESENT, target=f"{BIG_BATCH} ≤ 10")
        return
    small, big = batches[10], batches[BIG_BATCH]
    results = alternate({
        "small": lambda: max_rss_kib([BIN / "rkit-verify", "kit", *small[0], "--codes", small[1]]),
        "big": lambda: max_rss_kib([BIN / "rkit-verify", "kit", *big[0], "--codes", big[1]]),
    }, 3)
    small_kib, big_kib = statistics.median(results["small"]), statistics.median(results["big"])
    ratio = big_kib / small_kib
    # Peak RSS moves by a few hundred KiB between identical runs (allocator,
    # thread stacks), so "no higher" is judged with 2 % of slack, and the
    # difference is always printed.
    detail = f"{BIG_BATCH} kits ≤ 10 kits; {(big_kib - small_kib) / 1024:+.1f} MiB"
    status = verdict(True, detail) if ratio <= 1.0 else (
        f"flat within noise ({detail}, ≤ 2 %)" if ratio <= 1.02 else verdict(False, detail))
    row("6", "peak RSS: rkit-verify kit --codes over 10 kits", results["small"], unit="KiB")
    row("6", f"peak RSS: rkit-verify kit --codes over {BIG_BATCH} kits", results["big"], unit="KiB",
        ratio=f"{ratio:.2f}× the 10-kit run", target=status)


# ---------------------------------------------------------------- main

def main():
    if os.environ.get("BENCH_ONLY") == "frames":
        print("7: QR frames ...", flush=True)
        frames_section()
        print(table())
        return
    info = machine()
    verify_present = tool_present("rkit-verify", ["kit", "--help"], "--codes")
    generate_present = tool_present("rkit-generate", ["--help"], "--code-out")
    started = time.perf_counter()
    print(f"rkit bench, {TRIALS} trials: {info['nproc']} CPUs, {info['cpu']}, load {info['load']}", flush=True)
    batches = make_kits()
    print("1-2: floor and PBKDF2 ...", flush=True)
    pbkdf2_seconds = pbkdf2_section()
    print("3: opening 16 kits ...", flush=True)
    open_section(batches, verify_present)
    print("4: rkit-generate ...", flush=True)
    generate_section(pbkdf2_seconds, generate_present)
    print("5: one core vs two ...", flush=True)
    cores_section(batches, verify_present)
    print("6: peak memory ...", flush=True)
    memory_section(batches, verify_present)
    print("7: QR frames ...", flush=True)
    frames_section()
    total = time.perf_counter() - started
    load_end = " ".join(Path("/proc/loadavg").read_text().split()[:3])

    text = table()
    print()
    print(text)
    print(f"\nbench took {total:.0f} s; table written to Benchmarks/RESULTS.md")
    (BENCH / "RESULTS.md").write_text(f"""# rkit benchmark results

Written by `make bench` (`bash Benchmarks/run.sh`); do not edit by hand.

- date: {info['date']}
- machine: {info['nproc']} CPUs (`nproc`), {info['cpu']}
- load average at start: {info['load']}, at the end: {load_end} (the machine may be shared: other work on
  the second core lowers the two-core speed-up and widens min – max)
- toolchain: {info['swift']}; {info['openssl']}; Node {info['node']}; Python {info['python']}
- method: {TRIALS} trials per contender (3 for peak memory, {max(3, TRIALS // 2)} for the core counts), contenders alternated
  trial by trial; rows 1–2 are timed inside each process after a 1 000-iteration warm-up, rows 3–5 are
  whole-process wall times; row 7 counts the BBQr frames `rkit-sign qr-split` shows on a terminal of each
  size (no timing). Targets are reported, never asserted.
- bench kits: {BIG_BATCH} kits made with the core (`rkit-bench make-kits`) in Benchmarks/work/ (not committed).
- bench run time: {total:.0f} s

{text}
""")


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        print(f"bench: {error}", file=sys.stderr)
        sys.exit(1)
