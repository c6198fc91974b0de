"""PDF figures: the approval pack and the register report against bare reportlab.

    python -m benchmarks.pdf_bench        (or call main())

Each figure is the median of several runs in this process, after one warm-up
(fonts registered, modules imported), so both sides pay the same one-off
costs. "Bare reportlab" is reportlab's SimpleDocTemplate with its plain
Canvas laying out the very same flowables (built beforehand, not timed):
no data gathering, no engine, no escaping, no page furniture, no "Page X of
Y", no contents page numbers, no attached record. pwiz's figure is all of
that, from the register to the PDF bytes.

Targets (the issue): a typical pack at most 1.5x bare reportlab and under
1 s as a whole `pwiz export` process; the 500-partnership report at most
1.5x bare reportlab.
"""

from __future__ import annotations

import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.timing import median_time  # noqa: E402

RUNS = 7
TODAY = date(2026, 6, 1)


def _bare(make_story, pagesize=None) -> float:
    """Median time for bare reportlab to lay out the story `make_story()` returns."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate
    from reportlab.platypus.doctemplate import NextPageTemplate

    def once() -> float:
        story = [f for f in make_story() if not isinstance(f, NextPageTemplate)]
        doc = SimpleDocTemplate(io.BytesIO(), pagesize=pagesize or A4)
        started = time.perf_counter()
        doc.build(story)
        return time.perf_counter() - started

    once()
    return statistics.median(once() for _ in range(RUNS))


# --- the approval pack ------------------------------------------------------------


def pack_figures(workdir: Path) -> dict:
    from tests.pdf.builders import typical_register
    from wizard.pdf.pack import PackRenderer, build_pack
    from wizard.pdf.packdata import gather

    register, library, pid = typical_register(workdir / "register")
    result = build_pack(register, library, pid)
    ours = median_time(lambda: build_pack(register, library, pid), RUNS)
    data = gather(register, library, pid)
    bare = _bare(lambda: PackRenderer(data, TODAY)._get_story())
    gather_time = median_time(lambda: gather(register, library, pid), RUNS)

    env = dict(os.environ, PWIZ_DB=str(workdir / "register"), XDG_CONFIG_HOME=str(workdir / "config"))
    out = workdir / "pack.pdf"

    def process() -> None:
        subprocess.run(
            [sys.executable, "-m", "wizard", "export", pid, "-o", str(out)], env=env, check=True, capture_output=True
        )

    whole = median_time(process, 5)
    return {
        "pages": result.pages,
        "questions": sum(len(a.shown) for a in data.assessed),
        "pwiz_s": ours,
        "bare_s": bare,
        "ratio": ours / bare,
        "gather_s": gather_time,
        "process_s": whole,
    }


# --- the register report ------------------------------------------------------------


def make_register(path: Path, count: int) -> object:
    """`count` partnerships: one typical partnership answered through the API,
    its file copied under new ids and names, then the index rebuilt by the store."""
    from store import Register
    from tests.pdf.builders import typical_register

    register, _, pid = typical_register(path)
    template = (path / "partnerships" / f"{pid}.json").read_text()
    rng = random.Random(7)
    for n in range(1, count):
        new = f"p{n:06x}"
        tables = json.loads(template.replace(pid, new))
        sheet = next(iter(tables["partnership"].values()))
        sheet["name"] = (
            f"Partnership {n:03d} — {rng.choice(['Community Safety', 'Youth Offending', 'Drugs & Alcohol', 'Road Safety'])}"
        )
        sheet["significance"] = rng.choice(["high", "medium", "low", None])
        sheet["review_interval_months"] = 3 if sheet["significance"] == "high" else 12
        for signoff in tables.get("signoffs", {}).values():
            signoff["signed_at"] = f"{rng.choice([2024, 2025, 2026])}-0{rng.randint(1, 5)}-15T10:00:00+00:00"
        (path / "partnerships" / f"{new}.json").write_text(json.dumps(tables, indent=1, sort_keys=True))
    Register.open(path).restore()  # rebuild the index from the partnership files
    return Register.open(path)


def report_figures(workdir: Path, count: int = 500) -> dict:
    from tests.pdf.builders import library
    from wizard.pdf.report import gather_rows, report_csv
    from wizard.pdf.report_pdf import ReportRenderer

    started = time.perf_counter()
    register = make_register(workdir / "register500", count)
    setup = time.perf_counter() - started
    lib = library()
    rows, warnings = gather_rows(register, lib, TODAY)
    assert len(rows) == count and not warnings, (len(rows), warnings[:3])
    render = median_time(lambda: ReportRenderer(rows, TODAY, "register").render(), 5)
    bare = _bare(lambda: ReportRenderer(rows, TODAY, "register").story(), pagesize=ReportRenderer(rows).pagesize)
    gathering = median_time(lambda: gather_rows(register, lib, TODAY), 3)
    csv_time = median_time(lambda: report_csv(rows), 5)
    pages = ReportRenderer(rows, TODAY).render().pages
    return {
        "partnerships": count,
        "pages": pages,
        "setup_s": setup,
        "render_s": render,
        "bare_s": bare,
        "ratio_render": render / bare,
        "gather_s": gathering,
        "total_pdf_s": gathering + render,
        "ratio_total": (gathering + render) / bare,
        "csv_s": csv_time,
    }


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="pwiz-pdf-bench-"))
    try:
        pack = pack_figures(workdir)
        print(
            f"approval pack, typical partnership (7 questionnaires, {pack['questions']} questions shown, {pack['pages']} pages)"
        )
        print(f"  pwiz build_pack (register -> PDF bytes)   {pack['pwiz_s'] * 1000:8.1f} ms")
        print(f"    of which gathering + engine             {pack['gather_s'] * 1000:8.1f} ms")
        print(f"  bare reportlab, same flowables            {pack['bare_s'] * 1000:8.1f} ms")
        print(f"  ratio                                     {pack['ratio']:8.2f} x   (target <= 1.5)")
        print(f"  whole `pwiz export` process               {pack['process_s'] * 1000:8.1f} ms   (target < 1000)")
        report = report_figures(workdir)
        print(
            f"register report, {report['partnerships']} partnerships ({report['pages']} pages, setup {report['setup_s']:.1f} s)"
        )
        print(f"  pwiz story + layout + furniture           {report['render_s'] * 1000:8.1f} ms")
        print(f"  bare reportlab, same flowables            {report['bare_s'] * 1000:8.1f} ms")
        print(f"  ratio (rendering)                         {report['ratio_render']:8.2f} x   (target <= 1.5)")
        print(f"  reading 500 partnerships + flags          {report['gather_s'] * 1000:8.1f} ms")
        print(
            f"  whole PDF report (read + render)          {report['total_pdf_s'] * 1000:8.1f} ms   ({report['ratio_total']:.2f} x bare)"
        )
        print(f"  CSV from the same rows                    {report['csv_s'] * 1000:8.1f} ms")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
