"""The register report: every partnership, high-risk and overdue first, in PDF and CSV."""

from __future__ import annotations

import csv
import io
import os
import sys
from datetime import date, datetime

import pytest

from store import Register
from tests.pdf.builders import answer_everything, library, scope_in
from tests.pdf.pdftext import assert_in_order, body, pages
from wizard.datasheet_columns import SHEET_COLUMNS
from wizard.pdf.report import COLUMNS, gather_rows, report_csv
from wizard.pdf.report_pdf import ReportRenderer
from wizard.service import Governance

TODAY = date(2026, 6, 1)


def make_register(path, count: int = 6) -> Register:
    """Partnerships of each significance; some signed off long ago (overdue), some never."""
    lib = library()
    register = Register.open(path)
    gov = Governance(register, lib)
    levels = ["high", "medium", "low", None]
    for n in range(count):
        level = levels[n % 4]
        p = register.add_partnership(f"Partnership {n:03d} ŵ & <co>", type="strategic", status="active")
        if level:
            register.update_partnership(
                p["id"], significance=level, review_interval_months=3 if level == "high" else 12
            )
        a = gov.open_assessment(p["id"], "scope")
        definition = lib.get("scope")
        gov.answer_many(a["id"], answer_everything(definition, fixed=scope_in(definition)))
        gov.complete(a["id"])
        if n % 3 != 2:  # signed off: 2024 (overdue) or 2026-05 (not yet due)
            when = datetime(2024, 1, 15) if n % 2 == 0 else datetime(2026, 5, 20)
            gov.sign_off(a["id"], by="Jo Bloggs", role="Chief Executive", decision="approved", signed_at=when)
        if n % 2:
            register.add_action(p["id"], f"Action for {n}")
    return register


@pytest.fixture(scope="module")
def reg(tmp_path_factory):
    return make_register(tmp_path_factory.mktemp("report") / "register", count=12)


def test_rows_are_high_risk_first_then_most_overdue(reg):
    rows, warnings = gather_rows(reg, library(), TODAY)
    assert not warnings
    assert len(rows) == 12
    order = {"high": 0, "medium": 1, "low": 2, None: 3}
    keys = [order[r.significance] for r in rows]
    assert keys == sorted(keys)
    for level in order:
        group = [r for r in rows if r.significance == level]
        flags = [r.overdue for r in group]
        assert flags == sorted(flags, reverse=True), level
    overdue = [r for r in rows if r.overdue]
    assert overdue and all(r.last_signoff == "2024-01-15" and r.days_overdue > 0 for r in overdue)
    assert all(r.flags is not None for r in rows)
    assert {r.open_actions for r in rows} == {0, 1}


def test_csv_has_every_column_and_row(reg):
    rows, _ = gather_rows(reg, library(), TODAY)
    data = report_csv(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    parsed = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(parsed[0]) == COLUMNS + SHEET_COLUMNS
    assert [p["id"] for p in parsed] == [r.id for r in rows]
    assert parsed[0]["name"].endswith("ŵ & <co>")
    assert {p["overdue"] for p in parsed} == {"yes", "no"}


def test_pdf_lists_every_partnership_in_order(reg):
    rows, _ = gather_rows(reg, library(), TODAY)
    result = ReportRenderer(rows, TODAY, "register").render()
    text = body(result.pdf)
    assert "Partnership register report" in pages(result.pdf)[0]
    assert_in_order(text, ["12 partnerships", "Partnerships by significance"] + [r.name for r in rows])
    for n, page in enumerate(pages(result.pdf), start=1):
        assert f"Page {n} of {result.pages}" in page
    assert "Yes, " in text and "days" in text  # overdue column


def test_the_summary_line_counts_in_words_a_reader_expects(reg):
    rows, _ = gather_rows(reg, library(), TODAY)
    text = body(ReportRenderer(rows[:1], TODAY).render().pdf)
    assert "1 partnership · 1 high significance · 1 review overdue · 0 open actions ·" in text
    assert "12 partnerships" in body(ReportRenderer(rows, TODAY).render().pdf)


def test_a_long_register_spans_pages_with_headers_repeated(tmp_path):
    register = Register.open(tmp_path / "register")
    for n in range(120):
        register.add_partnership(f"Partnership {n:03d}", type="service-delivery")
    rows, _ = gather_rows(register, library(), TODAY)
    result = ReportRenderer(rows, TODAY).render()
    texts = pages(result.pdf)
    assert len(texts) >= 3
    assert all("Partnership Type Significance Last sign-off" in " ".join(t.split()) for t in texts[1:])
    assert_in_order(body(result.pdf), [f"Partnership {n:03d}" for n in range(120)])


def test_ascii_and_other_scripts_side_by_side_read_back_whole(tmp_path):
    """Printable ASCII takes the report's fast path (written whole); other text goes character by
    character into the font's subsets. Both, and PDF's own special characters, read back as typed."""
    register = Register.open(tmp_path / "register")
    names = ["A plain (ASCII) name \\ with a backslash", "B café crème", "C Ελληνική σύμπραξη", "D Ŵyn & co"]
    for name in names:
        register.add_partnership(name, type="strategic")
    rows, _ = gather_rows(register, library(), TODAY)
    text = body(ReportRenderer(rows, TODAY).render().pdf)
    assert_in_order(text, names)


@pytest.mark.terminal
def test_progress_bar_shows_on_a_terminal(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    make_register(tmp_path / "register", count=26)
    env = dict(os.environ, PWIZ_DB=str(tmp_path / "register"), XDG_CONFIG_HOME=str(tmp_path / "config"), COLUMNS="100")
    child = pexpect.spawn(
        sys.executable, ["-m", "wizard", "report", "-o", str(tmp_path / "r.pdf")], env=env, encoding="utf-8", timeout=60
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Reading partnerships" in child.before
    assert "wrote " in child.before and "26 partnerships (PDF)" in child.before


def test_the_reports_flag_count_agrees_with_the_engine(tmp_path):
    from tests.pdf.builders import typical_register
    from wizard import engine
    from wizard.derived import flag_count

    register, lib, pid = typical_register(tmp_path / "register")
    for a in register.list_assessments(pid):
        definition = lib.get(a["questionnaire_id"])
        assert flag_count(definition, a["answers"]) == len(engine.evaluate(definition, a["answers"]).flags)
    for definition in lib:
        for seed in range(4):
            answers = answer_everything(definition, seed=seed)
            assert flag_count(definition, answers) == len(engine.evaluate(definition, answers).flags)
