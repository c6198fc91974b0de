"""The shared register on PostgreSQL beside the register folder, at 5,000 partnerships (issue 18).

    python -m benchmarks.shared_bench [--size 5000] [--runs 5] [--samples 200] [--store /tmp/pwiz-scale]

The folder register is benchmarks/scale_bench.py's (built once under --store and kept; ~45 KB
a partnership, every questionnaire answered, signed off and approved, 1 in 4 partnerships with
every assessment complete but not signed off); each run works on a copy of it. A throw-away PostgreSQL cluster
(tests/postgres_cluster.py) is started on disk with the durability a real server has (fsync,
full-page writes, synchronous commit) and Debian's default shared_buffers; the folder's records
are copied into it with COPY, every row trigger firing (the audit trail is written as it would
be), and the summaries from the folder's index.

Side by side, on the same records:

- `partnership list`, `due`, `report -o r.pdf`, `report -o r.csv`: wall time of a fresh `pwiz`
  process (the server's work is in its own processes, so CPU time of the client would hide it),
  median of --runs, folder and PostgreSQL alternated; each command run once first (warm caches);
- saving an answer: `Register.save_answer` on an unsigned assessment of a random partnership, and the
  wizard's path, `Governance.answer` (read the assessment, validate, save), median and p90
  of --samples;
- signing off: `Register.sign_off` of a complete assessment, each sample another partnership's.

Target (issue 18): saving an answer <= 20 ms on a local server.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.scale_bench import build  # noqa: E402
from questionnaires.library import load_library  # noqa: E402
from store import Register  # noqa: E402
from store.ids import TABLE_KINDS  # noqa: E402
from store.location import open_register  # noqa: E402
from store.postgres import schema  # noqa: E402
from tests.postgres_cluster import PostgresCluster  # noqa: E402
from wizard.service import Governance  # noqa: E402

PWIZ = [sys.executable, "-m", "wizard"]
TARGET_SAVE_MS = 20.0
QUESTIONNAIRE, QUESTION = "key-principles", "kp-alternatives"
DURABLE = {  # a server as IT would run it, not the tests' in-memory speed settings
    "fsync": "on",
    "full_page_writes": "on",
    "synchronous_commit": "on",
    "shared_buffers": "128MB",
}


# --- the registers ---------------------------------------------------------------------


def copy_into(folder: Path, url: str) -> None:
    """Every partnership of the folder register into the (empty) shared register at `url`."""
    import psycopg

    from store.postgres.rows import jsonb

    index = json.loads((folder / "index.json").read_text("utf-8"))["partnerships"]
    columns = {table: "id, partnership_id, record" for table in TABLE_KINDS} | {
        "assessments": "id, partnership_id, record, revision"
    }
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        with cursor.copy("COPY pwiz.partnerships (id, name, record, summary) FROM STDIN") as copy:
            for summary in index.values():
                (record,) = _tables(folder, summary["id"])["partnership"].values()
                copy.write_row((record["id"], record["name"], jsonb(record), jsonb(summary)))
        for table in TABLE_KINDS:
            with cursor.copy(f"COPY pwiz.{table} ({columns[table]}) FROM STDIN") as copy:
                for summary in index.values():
                    docs = _tables(folder, summary["id"]).get(table, {})
                    for _, record in sorted(docs.items(), key=lambda item: int(item[0])):
                        row = [record["id"], summary["id"], jsonb(record)]
                        copy.write_row(row + [record["revision"]] if table == "assessments" else row)


_read: dict[str, dict] = {}


def _tables(folder: Path, pid: str) -> dict:
    if pid not in _read:
        _read.clear()  # one partnership at a time: the tables are walked in order
        _read[pid] = json.loads((folder / "partnerships" / f"{pid}.json").read_text("utf-8"))
    return _read[pid]


def unsigned(register: Register, count: int, seed: int) -> list[str]:
    """`count` key-principles assessments not yet signed off, of random partnerships, the same on both registers."""
    pids = sorted(summary["id"] for summary in register.list_partnerships() if not summary["signoffs"])
    chosen = random.Random(seed).sample(pids, min(count, len(pids)))
    found = []
    for pid in chosen:
        found.append(
            next(
                a["id"]
                for a in register.list_assessments(pid)
                if a["questionnaire_id"] == QUESTIONNAIRE and a["status"] != "signed-off"
            )
        )
    return found


# --- measuring -----------------------------------------------------------------------------


def wall_of(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr}")
    return elapsed


def sampled(work: Callable[[int], object], count: int) -> list[float]:
    """Milliseconds of `work(n)` for n in 1..count, after one warm-up call, `work(0)`."""
    work(0)
    times = []
    for n in range(1, count + 1):
        started = time.perf_counter()
        work(n)
        times.append((time.perf_counter() - started) * 1000)
    return times


def in_process(where: str, samples: int) -> dict[str, list[float]]:
    """Saving an answer (the store, and the wizard's path) and signing off, in milliseconds."""
    register = open_register(where)
    governance = Governance(register, load_library(include_user_dir=False))
    saves = unsigned(register, samples, seed=1)
    values = ("yes", "no")
    figures = {
        "save an answer": sampled(
            lambda n: register.save_answer(saves[n % len(saves)], QUESTION, values[n % 2]), samples
        ),
        "save through the service": sampled(
            lambda n: governance.answer(saves[n % len(saves)], QUESTION, values[(n + 1) % 2]), samples
        ),
    }
    signing = unsigned(register, samples + 1, seed=2)  # another partnership's for each sign-off
    figures["sign off"] = sampled(
        lambda n: register.sign_off(signing[n], "A. Chief", "Chief Executive", "approved", completing=True),
        len(signing) - 1,
    )
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.shared_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=5, help="runs of each command (the median is kept)")
    parser.add_argument("--samples", type=int, default=200, help="saves and sign-offs timed in-process")
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "pwiz-scale")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    options = parser.parse_args(argv)

    built = build(options.store, options.size)
    work = Path(tempfile.mkdtemp(prefix="pwiz-shared-bench-"))
    os.environ["XDG_DATA_HOME"] = str(work / "data")  # the shared register's local folder: not the user's
    cluster = PostgresCluster(parent=Path(tempfile.gettempdir()), settings=DURABLE)
    try:
        folder = work / "register"
        shutil.copytree(built, folder)
        cluster.start()
        url = cluster.create_database("pwiz_bench")
        schema.install(url)
        started = time.perf_counter()
        copy_into(folder, url)
        print(f"copied {options.size:,} partnerships into PostgreSQL in {time.perf_counter() - started:.0f} s")
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
        registers = {"folder": str(folder), "postgresql": url}
        commands = {
            "partnership list": ["partnership", "list"],
            "due": ["due"],
            "report -o r.pdf": ["report", "-o", str(work / "r.pdf")],
            "report -o r.csv": ["report", "-o", str(work / "r.csv")],
        }
        samples: dict[tuple[str, str], list[float]] = {}
        for run in range(options.runs + 1):  # the first run warms the caches and is not kept
            for name, args in commands.items():
                for kind, where in registers.items():
                    elapsed = wall_of([*PWIZ, "--db", where, *args], env)
                    if run:
                        samples.setdefault((name, kind), []).append(elapsed * 1000)
        for kind, where in registers.items():
            for name, times in in_process(where, options.samples).items():
                samples[(name, kind)] = times
        problems = open_register(url).verify_report().problems + open_register(str(folder)).verify_report().problems
    finally:
        cluster.cleanup()
        shutil.rmtree(work, ignore_errors=True)

    names = list(dict.fromkeys(name for name, _ in samples))
    print(f"\nmilliseconds at {options.size:,} partnerships: median (p90)")
    print(f"{'':26}{'folder':>18}{'PostgreSQL':>18}")
    figures: dict[str, dict[str, list[float]]] = {}
    for name in names:
        cells = []
        for kind in registers:
            times = sorted(samples[(name, kind)])
            median, p90 = statistics.median(times), times[int(0.9 * (len(times) - 1))]
            figures.setdefault(name, {})[kind] = [round(median, 2), round(p90, 2)]
            cells.append(f"{median:10.1f} ({p90:5.1f})")
        print(f"{name:26}" + "".join(f"{cell:>18}" for cell in cells))
    save = figures["save an answer"]["postgresql"][0]
    print(f"saving an answer on PostgreSQL: {save:.1f} ms (target <= {TARGET_SAVE_MS:.0f} ms) ", end="")
    print("PASS" if save <= TARGET_SAVE_MS else "FAIL")
    if problems:
        print(f"verify found {len(problems)} problems after the run, e.g. {problems[0]}")
    if options.json:
        print(json.dumps(figures))
    return 0 if save <= TARGET_SAVE_MS and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
