"""Command start-up figures (issue 17): what a `pwiz` command costs before it does its work.

    python -m benchmarks.cli_bench [--runs 15] [--partnerships 100] [--before DIR]

Whole processes, wall time, medians over `--runs` rounds in which the
commands are run one after another (alternated, so all see the same machine
load), on a register of `--partnerships` partnerships with a sign-off each
(built through the store API in a few seconds). The baseline is
`python -c "import click"`: the least any click program costs. Targets:
`pwiz partnership list` and `pwiz due` at most 2.5x it, `pwiz --help` 2x.

The questionnaire library: `pwiz questionnaires list` (which loads it, as
`assess` and `signoff` do) with the cache of parsed files emptied before
each run (cold) and kept (cached), and `load_library()` inside one warm
process, without and with the cache.

`pwiz` is run as `python -m wizard` in this checkout; `--before DIR` also
runs the same commands in DIR, an older checkout (`git worktree add DIR
COMMIT`), alternated with these, so both are measured under the same load.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from benchmarks.timing import median_time

TARGETS = {"pwiz --help": 2.0, "pwiz partnership list": 2.5, "pwiz due": 2.5}


def build_register(root: Path, count: int) -> None:
    """`count` partnerships, each with a signed-off significance assessment (so `due` lists it)."""
    from store import Register

    register = Register.open(root)
    for n in range(count):
        pid = register.add_partnership(f"Partnership {n:03d}", type="strategic", status="active")["id"]
        aid = register.start_assessment(pid, "significance", 1)["id"]
        register.set_status(aid, "complete")
        when = datetime(2025, 1, 1) + timedelta(days=(3 * n) % 700)  # all in the past, some reviews overdue
        register.sign_off(aid, "A. Chief", "Chief Executive", "approved", ["Chair"], signed_at=when)
        register.update_partnership(pid, significance=("low", "medium", "high")[n % 3], review_interval_months=12)


CHECKOUT = Path(__file__).resolve().parent.parent
PWIZ = [sys.executable, "-m", "wizard"]


def timed(command: list[str], env: dict[str, str], cwd: Path, before=None) -> float:
    if before is not None:
        before()
    started = time.perf_counter()
    subprocess.run(command, env=env, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def process_figures(workdir: Path, runs: int, older: Path | None) -> dict[str, float]:
    cache = workdir / "cache"
    env = dict(
        os.environ,
        PWIZ_DB=str(workdir / "register"),
        XDG_CONFIG_HOME=str(workdir / "config"),
        XDG_CACHE_HOME=str(cache),
    )
    empty_cache = lambda: shutil.rmtree(cache, ignore_errors=True)  # noqa: E731
    commands = {"python -c 'import click'": ([sys.executable, "-c", "import click"], CHECKOUT, None)}
    for label, cwd in (("", CHECKOUT), ("before: ", older)):
        if cwd is None:
            continue
        commands |= {
            f"{label}pwiz --help": ([*PWIZ, "--help"], cwd, None),
            f"{label}pwiz partnership list": ([*PWIZ, "partnership", "list"], cwd, None),
            f"{label}pwiz due": ([*PWIZ, "due"], cwd, None),
            f"{label}pwiz questionnaires list, cold": ([*PWIZ, "questionnaires", "list"], cwd, empty_cache),
            f"{label}pwiz questionnaires list, cached": ([*PWIZ, "questionnaires", "list"], cwd, None),
        }
    for command, cwd, before in commands.values():  # warm-up: bytecode, the disk cache, the library cache
        timed(command, env, cwd, before)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, cwd, before) in commands.items():
            times[name].append(timed(command, env, cwd, before))
    return {name: statistics.median(values) for name, values in times.items()}


def library_figures(workdir: Path, runs: int) -> dict[str, float]:
    os.environ["XDG_CACHE_HOME"] = str(workdir / "cache-in-process")
    from questionnaires.library import load_library

    return {
        "load_library(), no cache": median_time(lambda: load_library(include_user_dir=False, cache=False), runs),
        "load_library(), cached": median_time(lambda: load_library(include_user_dir=False), runs),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--partnerships", type=int, default=100)
    parser.add_argument("--before", type=Path, help="an older checkout to time alongside")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pwiz-cli-bench-") as folder:
        workdir = Path(folder)
        build_register(workdir / "register", args.partnerships)
        whole = process_figures(workdir, args.runs, args.before)
        warm = library_figures(workdir, args.runs)
    base = whole["python -c 'import click'"]
    print(f"whole processes, {args.partnerships} partnerships (wall time, medians of {args.runs}, alternated):")
    failed = False
    for name, seconds in whole.items():
        line = f"  {name:<42} {seconds * 1000:7.1f} ms  {seconds / base:5.2f}x"
        if name in TARGETS:
            ok = seconds / base <= TARGETS[name]
            failed |= not ok
            line += f"  (target <= {TARGETS[name]:g}x: {'PASS' if ok else 'FAIL'})"
        print(line)
    cold, cached = whole["pwiz questionnaires list, cold"], whole["pwiz questionnaires list, cached"]
    print(f"  the library cache saves                    {(cold - cached) * 1000:7.1f} ms a command")
    print(f"in one warm process (medians of {args.runs}):")
    for name, seconds in warm.items():
        print(f"  {name:<42} {seconds * 1000:7.1f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
