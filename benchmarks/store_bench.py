"""Register figures: saving one answer in a small and in a large register.

    python -m benchmarks                 (or python -m benchmarks.store_bench)
    python -m benchmarks --sizes 10 500 --samples 300 --keep /tmp/registers

Each register is built through the store API (in parallel processes): every
partnership has a full data sheet and 12 assessments of the shipped
questionnaires (seven first assessments and five annual reviews) answered
with realistic values, notes and actions; eleven are signed off and the
last review is a draft. Answers are generated from the questionnaire
definitions, so ids, types and choices are the real ones.

A sample is one `Register.save_answer` on the draft of a random partnership
(lock, read, check, write, fsync, backup, rename, fsync the folder). The
floor is what rewriting the same partnership file costs with nothing but
`json.dumps` (same options) and `os.replace`, and again with the fsyncs a
crash-safe write needs. The issue's target: a save at 500 partnerships costs
at most 1.5x a save at 10.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from questionnaires.library import load_library  # noqa: E402
from questionnaires.schema import FIXED_CHOICES, QuestionType  # noqa: E402
from store import Register  # noqa: E402
from store.files import dumps, fsync_folder  # noqa: E402

FIRST = (
    "scope",
    "significance",
    "key-principles",
    "checklist",
    "improvement",
    "risk-assessment",
    "governance-standards",
)
REVIEWS = ("key-principles", "checklist", "improvement", "risk-assessment", "governance-standards")
TARGET_RATIO = 1.5
WORDS = (
    "partnership board terms of reference accountable body information sharing agreement quorum chair vice-chair "
    "members officers budget pooled funding commissioning outcomes performance report annual review risk register "
    "mitigation safeguarding community safety strategy action plan minutes conflict of interest data protection "
    "exit strategy memorandum of understanding governance scrutiny audit committee lead officer delivery"
).split()


def prose(rng: random.Random, low: int, high: int) -> str:
    """Plausible officer's text of `low`..`high` characters."""
    target = rng.randint(low, high)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < target:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1 : target - 1] + "."


def realistic_answers(definition, rng: random.Random) -> dict[str, dict]:
    """One answer per question, of its type, with notes and actions where an officer would write them."""
    answers = {}
    for question in definition.questions():
        choices = [c.value for c in (question.choices or FIXED_CHOICES.get(question.type, ()))]
        if question.type is QuestionType.LONG_TEXT:
            value = prose(rng, 150, 1200)
        elif question.type is QuestionType.SHORT_TEXT:
            value = prose(rng, 20, 200)
        elif question.type is QuestionType.NUMBER:
            value = rng.randrange(0, 250_000, 250)
        elif question.type is QuestionType.MULTI_CHOICE:
            value = rng.sample(choices, rng.randint(1, len(choices)))
        else:
            value = rng.choice(choices)
        note = prose(rng, 60, 400) if rng.random() < 0.4 else None
        action = prose(rng, 40, 160) if value in ("no", "not-met", "unclear") and rng.random() < 0.7 else None
        answers[question.id] = {"value": value, "note": note, "action": action}
    return answers


def build_partnership(root: Path, number: int, library) -> None:
    """One partnership answered the way an officer would, through the API."""
    rng = random.Random(number)
    register = Register.open(root)
    area = rng.choice(["Community Safety", "Youth Justice", "Drugs & Alcohol", "Road Safety"])
    pid = register.add_partnership(
        f"Partnership {number:03d} {area}",
        purpose=prose(rng, 80, 300),
        type=rng.choice(["informal-collaboration", "strategic", "statutory-strategic", "service-delivery"]),
        focus=rng.choice(["strategic", "operational"]),
        basis=rng.choice(["statutory", "voluntary"]),
        level=rng.choice(["local", "force-wide", "regional", "national"]),
        accountable_body="County Council",
        partners=["County Council", "Police", "Fire and Rescue", "NHS Integrated Care Board"][: rng.randint(2, 4)],
        representatives=[{"name": "Cllr A. Member", "kind": "member"}, {"name": "Insp. B. Officer", "kind": "officer"}],
        lead_officer="Head of Partnerships",
        financial_contribution=float(rng.randrange(0, 100_000, 500)),
        start_date="2020-04-01",
        status="active",
    )["id"]
    signed = datetime(2023, 1, 1) + timedelta(days=rng.randint(0, 360))
    runs = [*FIRST, *REVIEWS]
    previous: dict[str, str] = {}
    for n, questionnaire_id in enumerate(runs):
        definition = library.get(questionnaire_id)
        aid = register.start_assessment(pid, questionnaire_id, definition.version, previous.get(questionnaire_id))["id"]
        previous[questionnaire_id] = aid
        answers = realistic_answers(definition, rng)
        if n == len(runs) - 1:  # the review in progress: half answered, a draft
            register.save_answers(aid, dict(list(answers.items())[: len(answers) // 2]))
            break
        register.save_answers(aid, answers)
        register.set_status(aid, "complete")
        when = signed if n < len(FIRST) else signed + timedelta(days=365)
        register.sign_off(aid, "A. Chief", "Chief Executive", "approved", ["Chair"], signed_at=when)
    register.update_partnership(pid, significance=rng.choice(["low", "medium", "high"]), review_interval_months=12)


def _build_slice(args: tuple[Path, list[int]]) -> None:
    root, numbers = args
    library = load_library(include_user_dir=False)
    for number in numbers:
        build_partnership(root, number, library)


def build_register(root: Path, count: int, jobs: int) -> Register:
    """A register of `count` partnerships, built by `jobs` processes at once."""
    slices = [(root, list(range(start, count, jobs))) for start in range(jobs)]
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        pool.map(_build_slice, slices)
    return Register.open(root)


def register_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in [root / "index.json", *(root / "partnerships").glob("p*.json")])


def _rewrite(data: object, target: Path, durable: bool) -> None:
    """The floor: serialise and atomically replace one file, nothing else."""
    tmp = target.with_name(target.name + ".tmp")
    with open(tmp, "wb") as handle:
        handle.write(dumps(data))
        if durable:
            handle.flush()
            os.fsync(handle.fileno())
    os.replace(tmp, target)
    if durable:
        fsync_folder(target.parent)


def _timed(operation: Callable[..., object], /, *args: object, **kwargs: object) -> float:
    started = time.perf_counter()
    operation(*args, **kwargs)
    return time.perf_counter() - started


def measure(register: Register, samples: int, rng: random.Random) -> dict[str, float]:
    """Median seconds: save an answer, the two floors, and the index-touching and reading operations."""
    library = load_library(include_user_dir=False)
    drafts = [
        a for s in register.list_partnerships() for a in register.list_assessments(s["id"]) if a["status"] == "draft"
    ]
    floor_dir = Path(tempfile.mkdtemp(dir=register.root))
    saves, plain, durable = [], [], []
    for _ in range(samples):
        draft = rng.choice(drafts)
        question, answer = rng.choice(list(realistic_answers(library.get(draft["questionnaire_id"]), rng).items()))
        saves.append(_timed(register.save_answer, draft["id"], question, **answer))
        data = json.loads((register.root / "partnerships" / f"{draft['partnership_id']}.json").read_bytes())
        plain.append(_timed(_rewrite, data, floor_dir / "floor.json", durable=False))
        durable.append(_timed(_rewrite, data, floor_dir / "floor.json", durable=True))
    shutil.rmtree(floor_dir)
    pids = [s["id"] for s in register.list_partnerships()]
    actions = [_timed(register.add_action, rng.choice(pids), "Agree terms of reference") for _ in range(30)]
    listing = [_timed(register.list_partnerships) for _ in range(30)]
    return {
        "save": statistics.median(saves),
        "save_p90": statistics.quantiles(saves, n=10)[-1],
        "floor_plain": statistics.median(plain),
        "floor_durable": statistics.median(durable),
        "add_action": statistics.median(actions),
        "list": statistics.median(listing),
        "verify": _timed(register.verify),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 500], help="partnerships per register")
    parser.add_argument("--samples", type=int, default=300, help="answers saved per register")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes building the registers")
    parser.add_argument("--keep", type=Path, help="build the registers here and keep them")
    options = parser.parse_args(argv)

    workdir = options.keep or Path(tempfile.mkdtemp(prefix="pwiz-bench-"))
    results = {}
    try:
        for size in options.sizes:
            root = workdir / f"register-{size}"
            if root.exists():
                shutil.rmtree(root)
            started = time.perf_counter()
            register = build_register(root, size, options.jobs)
            built = time.perf_counter() - started
            assessments = sum(len(register.list_assessments(s["id"])) for s in register.list_partnerships())
            figures = measure(register, options.samples, random.Random(size))
            results[size] = figures
            print(
                f"{size} partnerships, {assessments} assessments, {register_bytes(root) / 1e6:.1f} MB "
                f"(built in {built:.0f} s):\n"
                f"  save an answer        {figures['save'] * 1e3:6.2f} ms median, "
                f"{figures['save_p90'] * 1e3:.2f} ms p90\n"
                f"  floor json+replace    {figures['floor_plain'] * 1e3:6.2f} ms  -> save is "
                f"{figures['save'] / figures['floor_plain']:.2f}x\n"
                f"  floor +fsyncs         {figures['floor_durable'] * 1e3:6.2f} ms  -> save is "
                f"{figures['save'] / figures['floor_durable']:.2f}x\n"
                f"  add an action (index) {figures['add_action'] * 1e3:6.2f} ms\n"
                f"  list partnerships     {figures['list'] * 1e3:6.2f} ms\n"
                f"  verify every sign-off {figures['verify'] * 1e3:6.0f} ms",
                flush=True,
            )
    finally:
        if options.keep is None:
            shutil.rmtree(workdir, ignore_errors=True)
    small, large = min(results), max(results)
    if small != large:
        ratio = results[large]["save"] / results[small]["save"]
        verdict = "within" if ratio <= TARGET_RATIO else "OVER"
        print(f"save at {large} / save at {small}: {ratio:.2f}x ({verdict} the {TARGET_RATIO}x target)")
        return 0 if ratio <= TARGET_RATIO else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
