"""The fast loop on every core: `python -m tests.fast [pytest options]` runs `pytest -m "not e2e"` as one
process per core, each over a share of the test files of about the same CPU time, prints each share's
summary line and fails when any share fails (its whole output is printed then). No new dependency
(pytest-xdist is not installed); fixtures that a module shares stay within one process, because a file
is never split.

The shares are made from the CPU seconds each folder or file took in a measured run (WEIGHTS; a file not
listed counts 1 s), largest first, each to the share with the least so far.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# CPU seconds (user+sys) of `pytest -m "not e2e"` per folder or file, measured 2026-12-03.
WEIGHTS = {
    "tests/load": 36.0,
    "tests/test_export_acled.py": 11.0,
    "tests/test_query.py": 10.5,
    "tests/extract": 9.0,
    "tests/validate": 8.0,
    "tests/ingest": 7.0,
    "tests/test_cli.py": 5.6,
    "tests/happen": 2.5,
    "tests/test_extractor_robustness.py": 2.0,
}


def weight(path: Path) -> float:
    rel = path.relative_to(ROOT).as_posix()
    return WEIGHTS.get(rel, 1.0)


def units() -> list[Path]:
    """Test folders and top-level test files, e2e left out (the e2e folder holds only e2e tests)."""
    tests = ROOT / "tests"
    found = [
        p for p in sorted(tests.iterdir()) if p.is_dir() and p.name not in ("e2e", "gold", "__pycache__")
    ]
    found = [p for p in found if any(p.rglob("test_*.py"))]
    return found + sorted(tests.glob("test_*.py"))


def shares(n: int) -> list[list[Path]]:
    out: list[list[Path]] = [[] for _ in range(n)]
    load = [0.0] * n
    for unit in sorted(units(), key=weight, reverse=True):
        k = load.index(min(load))
        out[k].append(unit)
        load[k] += weight(unit)
    return [share for share in out if share]


def main(argv: list[str]) -> int:
    n = max(1, min(len(os.sched_getaffinity(0)), 8))
    started = time.monotonic()
    runs = []
    for k, share in enumerate(shares(n)):
        log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")
        command = [sys.executable, "-m", "pytest", "-m", "not e2e", *argv, *map(str, share)]
        runs.append(
            (k, share, log, subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))
        )
    failed = 0
    for k, share, log, process in runs:
        code = process.wait()
        log.seek(0)
        text = log.read()
        last = text.strip().splitlines()[-1] if text.strip() else "(no output)"
        names = ", ".join(p.relative_to(ROOT).as_posix() for p in share)
        print(f"share {k + 1}: {last}  [{names}]")
        if code not in (0, 5):  # 5: no test collected in the share
            failed = failed or code
            print(text)
    print(f"{len(runs)} processes, {time.monotonic() - started:.0f} s wall")
    return failed


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
