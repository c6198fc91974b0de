"""The report and the wizard's flag column read flags from the derived-data cache.

Only partnerships changed since the last count are evaluated again, editing a
questionnaire counts them all again, and the report is the same with the
cache as without it.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil

import pytest

from questionnaires.library import Library
from tests.pdf.builders import answer_everything, library
from tests.pdf.pdftext import pages
from tests.pdf.test_report import TODAY, make_register
from wizard import derived
from wizard.pdf.report import gather_rows, report_csv
from wizard.pdf.report_pdf import ReportRenderer
from wizard.service import Governance


@pytest.fixture
def reg(tmp_path):
    return make_register(tmp_path / "register", count=5)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The partnerships whose flags were worked out (not served from the cache)."""
    asked: list[str] = []
    count = derived._count

    def counting(governance, pid):
        asked.append(pid)
        return count(governance, pid)

    monkeypatch.setattr(derived, "_count", counting)
    return asked


def report(reg) -> tuple[bytes, list[str]]:
    rows, warnings = gather_rows(reg, library(), TODAY)
    assert not warnings
    return report_csv(rows), pages(ReportRenderer(rows, TODAY, "register").render().pdf)


def test_the_report_is_the_same_with_the_cache_as_without(reg, counted) -> None:
    cold_csv, cold_pdf = report(reg)
    warm_csv, warm_pdf = report(reg)
    assert len(counted) == 5  # the second report counted nothing
    assert warm_csv == cold_csv and warm_pdf == cold_pdf
    flags = [row["flags"] for row in csv.DictReader(io.StringIO(warm_csv.decode("utf-8-sig")))]
    assert len(flags) == 5 and all(flag.isdigit() for flag in flags)
    shutil.rmtree(reg.root / "derived")
    assert report(reg) == (cold_csv, cold_pdf)


def test_a_changed_partnership_is_counted_again_and_the_others_are_not(reg, counted) -> None:
    gov = Governance(reg, library())
    pid = reg.list_partnerships()[0]["id"]
    assessment = gov.open_assessment(pid, "key-principles")
    definition = gov.definition_for(assessment)
    assessment = gov.answer_many(assessment["id"], answer_everything(definition))
    before = gov.flag_counts()
    assert before == {pid: len(gov.open_flags(pid)) for pid in before}
    answers = {q: item["value"] for q, item in assessment["answers"].items()}
    question, value = next(
        (q.id, option.value)
        for q in definition.questions()
        for option in q.options or ()
        if derived.flag_count(definition, {**answers, q.id: option.value}) != derived.flag_count(definition, answers)
    )
    counted.clear()
    gov.answer(assessment["id"], question, value)  # a new answer that changes the partnership's flags
    after = gov.flag_counts()
    assert counted == [pid]
    assert after[pid] == len(gov.open_flags(pid)) != before[pid]
    assert {p: n for p, n in after.items() if p != pid} == {p: n for p, n in before.items() if p != pid}

    counted.clear()
    reg.add_action(pid, "Agree terms of reference")  # any write changes the file's revision
    assert gov.flag_counts() == after
    assert counted == [pid]


def test_editing_a_questionnaire_counts_every_partnership_again(reg, counted) -> None:
    gov = Governance(reg, library())
    gov.flag_counts()
    counted.clear()
    lib = library()
    scope = lib.get("scope")
    edited = dataclasses.replace(scope, model=scope.model.model_copy(update={"title": "Scope (edited)"}))
    changed = Library({**lib.definitions, "scope": edited})
    assert derived.library_key(changed) != derived.library_key(lib)
    Governance(reg, changed).flag_counts()
    assert len(counted) == 5
