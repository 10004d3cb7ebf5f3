#!/usr/bin/env python3
"""Counts GTest cases in meson's testlog.json and prints "N passed, N failed".

Each meson test is a GTest binary run with --tap; its TAP lines are counted one
by one. A binary that failed without a single "not ok" line (a crash, a
sanitizer report, a timeout) counts as one more failure.
"""
import json
import sys


def main(path):
    passed = failed = skipped = 0
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            entry = json.loads(line)
            out = entry.get("stdout", "") or ""
            ok = bad = 0
            for tap in out.splitlines():
                if tap.startswith("not ok"):
                    bad += 1
                elif tap.startswith("ok "):
                    if "# SKIP" in tap:
                        skipped += 1
                    else:
                        ok += 1
            result = entry.get("result", "")
            if result not in ("OK", "SKIP", "EXPECTEDFAIL") and bad == 0:
                bad = 1
                print(f"FAILED: {entry.get('name')} ({result})", file=sys.stderr)
            if result == "OK" and ok == 0 and bad == 0:
                ok = 1
            passed += ok
            failed += bad
    line = f"{passed} passed, {failed} failed"
    if skipped:
        line += f", {skipped} skipped"
    print(line)
    return 1 if failed or passed == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
