"""Flat cost: what the register-wide commands cost at 10, 100 and 5,000 partnerships.

    python -m benchmarks.scale_bench [--sizes 10 100 5000] [--runs 3] [--store /tmp/pwiz-scale]

Registers: four template partnerships are answered through the real service
as the PDF tests build them (tests/pdf/builders.py typical_register: a full
data sheet, every questionnaire answered with notes, actions and risks,
signed off and approved; the same not yet approved; a low-significance one
with three questionnaires; one with every assessment a draft; ~45 KB each);
each register copies them under new ids, names and significances, every
sign-off and approval chain digested anew, and the index is rebuilt by
`Register.restore`. So every file is one the store could have written and
`verify` finds nothing wrong. Built once and kept under --store (delete it
to rebuild).

Each figure is the CPU time (user + system, parent and children:
RUSAGE_CHILDREN) of a fresh `pwiz` process, median of --runs, all sizes
measured in one run:

- `report -o r.pdf` and `report -o r.csv`, run once first so the derived-data
  cache is warm (the figure is a second run on an unchanged register);
- `verify` (every sign-off and approval in the register);
- the wizard's start-up work: the home screen shown headless with every row,
  then the background flag count finished (warm derived-data cache).

Targets (issue 17): at 5,000, report PDF <= 2x and CSV <= 1.5x their cost at
100; verify <= 2 s CPU; start-up <= 1.5x its cost at 10.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from store import Register  # noqa: E402
from store.approvals import approval_digest  # noqa: E402
from store.digest import content_of, sha256_hex  # noqa: E402
from store.files import dumps  # noqa: E402
from tests.pdf.builders import typical_register  # noqa: E402

PWIZ = [sys.executable, "-m", "wizard"]

STARTUP_CHILD = r"""
import sys
from pathlib import Path
import wizard.cli  # as the `pwiz` script imports it
from wizard.cli.context import AppContext
from wizard.cli.tui import build_app

register, expected = Path(sys.argv[1]), int(sys.argv[2])
app = build_app(AppContext(db_path=register))

async def auto_pilot(pilot):  # every row shown, then every row's flags counted (in the background)
    while len(getattr(getattr(pilot.app.screen, "table", None), "flags", ())) < expected:
        await pilot.pause(0.05)
    await pilot.pause()
    pilot.app.exit()

app.run(headless=True, auto_pilot=auto_pilot, size=(80, 24))
"""


# --- building the registers ------------------------------------------------------

# One partnership answered through the real service each (tests/pdf/builders.py): every
# questionnaire signed off and approved; the same not yet approved; a low-significance one
# with three questionnaires; one with every assessment still a draft.
TEMPLATES = (
    {},
    {"approved": False},
    {"questionnaires": ("scope", "significance", "key-principles")},
    {"signed": False},
)
AREAS = ("Community Safety", "Youth Justice", "Drugs & Alcohol", "Road Safety")


def _build_template(path: Path, variant: dict) -> None:
    os.fsync = lambda fd: None  # a benchmark register need not survive a power cut (this process only)
    typical_register(path, **variant)


def _rechained(text: str, template_pid: str, pid: str, name: str, significance: str) -> bytes:
    """A template partnership's file under a new id and name, its sign-offs and approvals digested anew."""
    tables = json.loads(text.replace(template_pid, pid))
    (record,) = tables["partnership"].values()
    record.update(name=name, significance=significance)
    assessments = {a["id"]: a for a in tables["assessments"].values()}
    previous, digests = None, {}
    for key in sorted(tables.get("signoffs", {}), key=int):
        signoff = tables["signoffs"][key]
        signoff["previous_digest"] = previous
        signoff["digest"] = previous = sha256_hex(content_of(assessments[signoff["assessment_id"]], signoff))
        digests[signoff["id"]] = previous
    previous = None
    for key in sorted(tables.get("approvals", {}), key=int):
        approval = tables["approvals"][key]
        for item in approval["covers"]:
            item["digest"] = digests[item["signoff_id"]]
        approval["previous_digest"] = previous
        approval["digest"] = previous = approval_digest(approval)
    return dumps(tables)


def _copy_slice(args: tuple[Path, Path, list[int]]) -> None:
    store, root, numbers = args
    texts = []
    for n in range(len(TEMPLATES)):
        (path,) = (store / f"template-{n}" / "partnerships").glob("p*.json")
        texts.append((path.stem, path.read_text("utf-8")))
    for number in numbers:
        rng = random.Random(number)
        template_pid, text = texts[number % len(texts)]
        pid = f"p{number:06x}"
        name = f"Partnership {number:04d} {rng.choice(AREAS)}"
        significance = rng.choice(["high", "medium", "low"])
        (root / "partnerships" / f"{pid}.json").write_bytes(_rechained(text, template_pid, pid, name, significance))


def build(store: Path, size: int) -> Path:
    """The register of `size` partnerships under `store`, built if it is not there yet."""
    root = store / f"register-{size}"
    if (root / "index.json").exists():
        return root
    for n, variant in enumerate(TEMPLATES):
        template = store / f"template-{n}"
        if not (template / "index.json").exists():
            shutil.rmtree(template, ignore_errors=True)
            child = multiprocessing.get_context("fork").Process(target=_build_template, args=(template, variant))
            child.start()
            child.join()
    print(f"building a register of {size} partnerships under {store} ...", flush=True)
    shutil.rmtree(root, ignore_errors=True)
    (root / "partnerships").mkdir(parents=True)
    slices = [(store, root, list(range(start, size, 2))) for start in range(2)]
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(_copy_slice, slices)
    report = Register.open(root).restore()  # the index, from the files
    assert not report.failed, report.failed
    return root


# --- measuring ------------------------------------------------------------------


def cpu_of(command: list[str], cwd: Path) -> float:
    """User + system CPU seconds of a child process (and any children it waited for)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    completed = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if completed.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{completed.stderr}")
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def commands(root: Path, size: int, out: Path) -> dict[str, list[str]]:
    db = ["--db", str(root)]
    return {
        "report pdf": [*PWIZ, *db, "report", "-o", str(out / "r.pdf")],
        "report csv": [*PWIZ, *db, "report", "-o", str(out / "r.csv")],
        "verify": [*PWIZ, *db, "verify"],
        "start-up": [sys.executable, "-c", STARTUP_CHILD, str(root), str(size)],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.scale_bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 5000])
    parser.add_argument("--runs", type=int, default=3, help="runs of each command (the median is kept)")
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "pwiz-scale")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON as well")
    options = parser.parse_args(argv)
    roots = {size: build(options.store, size) for size in options.sizes}
    out = Path(tempfile.mkdtemp(prefix="pwiz-scale-out-"))
    figures: dict[int, dict[str, float]] = {size: {} for size in options.sizes}
    try:
        for size, root in roots.items():  # warm the derived-data cache, as any earlier run would
            for name in ("report pdf", "start-up"):
                cpu_of(commands(root, size, out)[name], ROOT)
        samples: dict[tuple[int, str], list[float]] = {}
        for _ in range(options.runs):  # sizes interleaved, so a busy moment hits all of them
            for size, root in roots.items():
                for name, command in commands(root, size, out).items():
                    samples.setdefault((size, name), []).append(cpu_of(command, ROOT))
        for (size, name), values in samples.items():
            figures[size][name] = statistics.median(values)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    names = list(next(iter(figures.values())))
    print("CPU seconds (user+sys), median of", options.runs, "runs")
    print(f"{'':12}" + "".join(f"{size:>10,}" for size in options.sizes))
    for name in names:
        print(f"{name:12}" + "".join(f"{figures[size][name]:10.2f}" for size in options.sizes))
    checks = []
    if {100, 5000} <= figures.keys():
        checks += [
            ("report pdf 5,000 / 100", figures[5000]["report pdf"] / figures[100]["report pdf"], 2.0, "x"),
            ("report csv 5,000 / 100", figures[5000]["report csv"] / figures[100]["report csv"], 1.5, "x"),
        ]
    if 5000 in figures:
        checks.append(("verify at 5,000", figures[5000]["verify"], 2.0, " s"))
    if {10, 5000} <= figures.keys():
        checks.append(("start-up 5,000 / 10", figures[5000]["start-up"] / figures[10]["start-up"], 1.5, "x"))
    for label, value, limit, unit in checks:
        print(f"{label:24} {value:6.2f}{unit}  (target <= {limit}{unit})  {'PASS' if value <= limit else 'FAIL'}")
    if options.json:
        print(json.dumps(figures))
    return 0 if all(value <= limit for _, value, limit, _ in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
