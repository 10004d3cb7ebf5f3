#!/usr/bin/env python3
"""Benchmarks of Open Data Submit, with a reference measured in the same run.

    meson setup build-release --buildtype=release -Db_ndebug=true
    ninja -C build-release
    python3 tests/bench/run.py build-release [--sizes 100,1000] [--repeat 3]
        [--only validate|upload|stall] [--upload-mb 1024] [--upload-rounds 5]
        [--stall-mb 100]

validate: for each generated file, rows/s, MB/s and peak RSS of
`opendata-submit validate` beside `wc -l` on the same file, with the full
benchmark schema ("keys": a primary key and a unique column) and without
its keys ("no-keys"). Each command runs three times (--repeat); the fastest
run counts (the machines are shared and noisy), and the median of the runs
and the CPU time (user + system, all threads, median) are printed beside
it. Generated files go to tests/bench/out/ (git-ignored) and are reused.

upload: tests/bench/bench-upload streams a file to the stand-in portal on
127.0.0.1 with the app's client and with `curl -F`, in turns (ours, curl,
ours, curl, …) against the same server, --upload-rounds rounds. The file is
read once beforehand so both clients read it from the page cache, and each
stored copy is removed before the next run. It prints every run (MiB/s, wall
seconds, CPU seconds of the client and of the portal), the median throughput
and CPU per GiB of each client, the median and lowest ratio of curl's time
to ours, and the client's peak RSS.

stall: tests/bench/gui-stall.sh runs the desktop app's submission wizard
(tests/test-gui-wizard -p /gui-wizard/stall) on a generated file of
--stall-mb MB against the stand-in portal, under xvfb-run and
dbus-run-session with an unlocked gnome-keyring-daemon, and prints the
longest gap of the main loop while the file is checked and uploaded, beside
the 50 ms target. Needs xvfb-run, dbus-run-session and gnome-keyring-daemon.
"""
import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def run_measured(argv, repeat=3, stdout=subprocess.DEVNULL):
    """Runs argv `repeat` times; returns (best seconds, median seconds,
    median CPU seconds, max peak RSS in KiB, exit code)."""
    walls = []
    cpus = []
    peak = 0
    code = None
    for _ in range(repeat):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
        code = os.waitstatus_to_exitcode(status)
        peak = max(peak, usage.ru_maxrss)
    return min(walls), statistics.median(walls), statistics.median(cpus), peak, code


def ensure_file(build, size_mb, out_dir):
    path = os.path.join(out_dir, f"typed-{size_mb}MB.csv")
    if not os.path.exists(path):
        gen = os.path.join(build, "tests", "bench", "gen-typed-csv")
        print(f"generating {path} …", file=sys.stderr)
        subprocess.run([gen, str(size_mb), path], check=True)
    return path


def schema_without_keys(out_dir):
    path = os.path.join(out_dir, "typed-schema-nokeys.json")
    with open(os.path.join(HERE, "typed-schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    schema.pop("primaryKey", None)
    for field in schema["fields"]:
        field.get("constraints", {}).pop("unique", None)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(schema, f, ensure_ascii=False)
    return path


def bench_validate(build, sizes, out_dir, repeat):
    app = os.path.join(build, "app", "opendata-submit")
    full_schema = os.path.join(HERE, "typed-schema.json")
    nokeys = schema_without_keys(out_dir)
    print(f"{'file':<18} {'schema':<8} {'MB':>7} {'rows':>10} {'s':>7} {'MB/s':>8} {'rows/s':>11} "
          f"{'med s':>7} {'med MB/s':>8} {'CPU s':>6} {'peak RSS':>9} {'wc -l s':>8} {'wc MB/s':>8} {'vs wc':>6}")
    for size in sizes:
        path = ensure_file(build, size, out_dir)
        nbytes = os.path.getsize(path)
        wc_s, _, _, _, _ = run_measured(["wc", "-l", path], repeat)
        with open(path, "rb") as f:
            rows = sum(1 for _ in f) - 1
        for label, schema in (("keys", full_schema), ("no-keys", nokeys)):
            secs, med, cpu, rss, code = run_measured([app, "validate", "--schema", schema, path], repeat)
            if code not in (0, 1):
                print(f"validate failed with exit code {code} on {path}", file=sys.stderr)
                return 1
            mb = nbytes / 1e6
            print(f"{os.path.basename(path):<18} {label:<8} {mb:7.0f} {rows:10d} {secs:7.3f} {mb / secs:8.0f} "
                  f"{rows / secs:11.0f} {med:7.3f} {mb / med:8.0f} {cpu:6.3f} {rss / 1024:7.1f}MB "
                  f"{wc_s:8.3f} {mb / wc_s:8.0f} {wc_s / secs:6.2f}")
    return 0


def bench_upload(build, size_mb, rounds):
    env = dict(os.environ)
    env["OPENDATA_SUBMIT_PORTAL_BIN"] = os.path.join(build, "tests", "portal", "ods-stand-in-portal")
    print(f"\n# upload of {size_mb} MiB to the stand-in portal on 127.0.0.1")
    sys.stdout.flush()
    return subprocess.run([os.path.join(build, "tests", "bench", "bench-upload"), f"--rounds={rounds}", str(size_mb)],
                          env=env).returncode


STALL_TARGET_MS = 50


def bench_stall(build, size_mb):
    print(f"\n# main-loop stall of the desktop app while checking and uploading {size_mb} MB")
    sys.stdout.flush()
    for tool in ("xvfb-run", "dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            print(f"stall: “{tool}” is not installed; skipped.", file=sys.stderr)
            return 1
    script = os.path.join(HERE, "gui-stall.sh")
    inner = ("echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null; "
             f"exec sh {shlex.quote(script)} {shlex.quote(os.path.abspath(build))} {int(size_mb)}")
    proc = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1280x800x24",
                           "dbus-run-session", "--", "sh", "-c", inner],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    match = re.search(r"Longest main-loop stall while checking and sending (\d+) MB: ([0-9.]+) ms(.*)",
                      proc.stdout)
    if match is None:
        print("stall: the measurement did not run:", file=sys.stderr)
        print(proc.stdout, file=sys.stderr)
        return 1
    longest = float(match.group(2))
    verdict = "within" if longest <= STALL_TARGET_MS else "over"
    print(f"{'MB':>5} {'longest gap ms':>15} {'target ms':>10}  verdict  details")
    print(f"{int(match.group(1)):5d} {longest:15.1f} {STALL_TARGET_MS:10d}  {verdict:<7}  {match.group(3).strip()}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("build", help="a release build directory")
    parser.add_argument("--sizes", default="100,1000", help="file sizes in MB (default 100,1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each validate command (default 3)")
    parser.add_argument("--only", choices=["validate", "upload", "stall"], default=None)
    parser.add_argument("--upload-mb", type=int, default=1024, help="upload size in MiB (default 1024)")
    parser.add_argument("--upload-rounds", type=int, default=5,
                        help="rounds of one upload with each client (default 5)")
    parser.add_argument("--stall-mb", type=int, default=100, help="file size in MB for stall (default 100)")
    args = parser.parse_args()

    out_dir = os.path.join(HERE, "out")
    os.makedirs(out_dir, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(f"# {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} CPUs, {os.uname().machine}")
    rc = 0
    if args.only in (None, "validate"):
        rc |= bench_validate(args.build, sizes, out_dir, max(1, args.repeat))
    if args.only in (None, "upload"):
        rc |= bench_upload(args.build, args.upload_mb, args.upload_rounds)
    if args.only in (None, "stall"):
        rc |= bench_stall(args.build, args.stall_mb)
    return rc


if __name__ == "__main__":
    sys.exit(main())
