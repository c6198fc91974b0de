"""The audit trail where people read it: `pwiz history` on the shared register, after a review
by several logins; the entries' wording; a register folder's one line."""

from __future__ import annotations

import json

import pytest
from rich.cells import cell_len

from questionnaires.library import load_library
from store import Register
from store.errors import StoreError
from store.postgres.register import PgRegister
from tests.history.builders import ALICE, HOSTILE, reviewed
from wizard import history


@pytest.fixture(scope="module")
def library():
    return load_library(include_user_dir=False)


@pytest.fixture
def review(pg_cluster, pg_url, library):
    return reviewed(pg_cluster, pg_url, library)


def lines_with(output: str, text: str) -> list[str]:
    return [line for line in output.splitlines() if text in line]


def test_history_after_a_review_shows_each_changed_answer_with_its_author(pwiz, pg_url, review):
    wide = pwiz("history", "Safer Streets", env={"PWIZ_DB": pg_url, "COLUMNS": "400"})
    assert wide.returncode == 0, wide.stderr
    out = wide.stdout
    assert out.splitlines()[0].split() == ["WHEN", "WHO", "WHAT"]
    (entered,) = lines_with(out, 'answer cl-1a ("Why does the partnership exist?") of assessment ' + review.first)
    assert f"{ALICE} (alice)" in entered and "'To cut crime'" in entered
    (signed,) = lines_with(out, f"assessment {review.first} (Partnership checklist) signed off by Carol Chief")
    assert "carol" in signed and "approved" in signed
    (started,) = lines_with(out, f"assessment {review.review} (Partnership checklist) started, renewing {review.first}")
    assert "3 answer(s) carried" in started
    (changed_a,) = lines_with(out, f'answer cl-1a ("Why does the partnership exist?") of assessment {review.review}')
    assert f"{ALICE} (alice)" in changed_a and "'To cut crime' → 'To cut crime and disorder'" in changed_a
    (changed_b,) = lines_with(out, f"of assessment {review.review} (Partnership checklist): 'Fewer burglaries' →")
    assert " bob " in changed_b and "[bold]not bold[/bold] [red]x[/red] مرحبا بالعالم 你好世界" in changed_b
    (confirmed,) = lines_with(out, "confirmed as carried: 'On the council website'")
    assert "alice" in confirmed
    when = [line.split()[0] for line in out.splitlines()[1:] if line[:4].isdigit()]
    assert when == sorted(when)  # oldest first

    narrow = pwiz("history", "Safer Streets", env={"PWIZ_DB": pg_url, "COLUMNS": "80"})
    assert narrow.returncode == 0, narrow.stderr
    assert max(cell_len(line) for line in narrow.stdout.splitlines()) <= 80  # wrapped, CJK counted double
    assert "[bold]notbold[/bold][red]x[/red]" in "".join(narrow.stdout.split())  # shown as typed, not styled
    assert "\x1b" not in narrow.stdout


def test_history_json_and_one_assessment(pwiz, pg_url, review):
    result = pwiz("history", review.pid, "--json", "--assessment", review.review, env={"PWIZ_DB": pg_url})
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    assert {entry["assessment_id"] for entry in entries} == {review.review}
    answers = {entry["question_id"]: entry for entry in entries if entry["question_id"]}
    assert set(answers) == {"cl-1a", "cl-1b", "cl-1c"}
    assert (answers["cl-1a"]["who"], answers["cl-1a"]["display_name"]) == ("alice", ALICE)
    assert (answers["cl-1b"]["who"], answers["cl-1b"]["display_name"]) == ("bob", None)
    assert answers["cl-1b"]["after"]["value"] == HOSTILE  # whole, where the table shortens it
    assert answers["cl-1b"]["before"]["value"] == "Fewer burglaries"
    assert all(entry["at"].endswith("+00:00") for entry in entries)

    other = pwiz("history", review.pid, "--assessment", "nope", env={"PWIZ_DB": pg_url})
    assert other.returncode == 1 and other.stderr.count("\n") == 1
    assert f"partnership {review.pid} has no assessment nope" in other.stderr


def test_the_store_gives_the_trail_oldest_first_by_name_with_display_names(pg_url, review):
    register = PgRegister(pg_url)
    try:
        rows = register.history("safer streets")
    finally:
        register.close()
    assert [row["who"] for row in rows][:1] == ["alice"]
    assert rows[0]["kind"] == "partnerships" and rows[0]["operation"] == "insert"
    assert {row["display_name"] for row in rows if row["who"] == "alice"} == {ALICE}
    assert [row["at"] for row in rows] == sorted(row["at"] for row in rows)


def test_a_register_folder_keeps_no_history(pwiz, tmp_path):
    assert pwiz("partnership", "add", "Safer Streets").returncode == 0
    result = pwiz("history", "Safer Streets")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "keeps no audit trail of who changed what; the shared register on PostgreSQL does" in result.stderr
    with pytest.raises(StoreError, match="keeps no audit trail"):
        Register.open(tmp_path / "other").history("anything")


def row(kind: str, operation: str, before=None, after=None, record_id: str = "r1") -> dict:
    return {
        "at": "2026-12-07T10:00:00+00:00",
        "who": "asmith",
        "display_name": None,
        "kind": kind,
        "operation": operation,
        "record_id": record_id,
        "before": before,
        "after": after,
    }


def test_each_change_is_worded_once_and_bookkeeping_alone_is_no_change(library):
    assessments = {"a1": {"id": "a1", "questionnaire_id": "key-principles"}}
    rows = [
        row(
            "partnerships",
            "update",
            {"significance": "low", "updated_at": "x"},
            {"significance": "high", "updated_at": "y"},
        ),
        row("partnerships", "update", {"updated_at": "x", "revision": 1}, {"updated_at": "y", "revision": 2}),
        row(
            "assessments",
            "update",
            {"answers": {"kp-vision-agreed": {"value": "yes", "note": None, "answered_at": "1"}}, "revision": 2},
            {"answers": {"kp-vision-agreed": {"value": "yes", "note": None, "answered_at": "2"}}, "revision": 3},
            record_id="a1",
        ),
        row(
            "assessments",
            "update",
            {"answers": {"kp-vision-agreed": {"value": "yes", "note": None}}, "status": "complete"},
            {"answers": {"kp-vision-agreed": {"value": "no", "note": "see minutes"}}, "status": "signed-off"},
            record_id="a1",
        ),
        row(
            "actions", "update", {"status": "open", "closed_by": None}, {"status": "closed", "closed_by": "Jo"}, "act1"
        ),
        row(
            "risks",
            "update",
            {"owner": None, "score": 4, "reviewed_at": None},
            {"owner": "Sam", "score": 9, "reviewed_at": "z"},
            "risk1",
        ),
        row(
            "approvals",
            "insert",
            after={"by": "Jo Bloggs", "role": "Chief Executive", "decision": "conditional", "conditions": "by May"},
        ),
    ]
    found = [entry.what for entry in history.entries(rows, assessments, library)]
    assert len(found) == 5
    assert found[0] == "partnership data sheet: significance 'low' → 'high'"
    assert found[1].startswith('answer kp-vision-agreed ("')  # its question's text, shortened
    assert found[1].endswith(
        "of assessment a1 (Key principles, value and purpose, governance arrangements): 'Yes' → 'No'; "
        "note (none) → 'see minutes'"
    )
    assert found[2:] == [
        "action act1 closed by Jo",
        "risk risk1: owner (none) → 'Sam'",
        "partnership approved by Jo Bloggs (Chief Executive): approved with conditions, on condition 'by May'",
    ]


def test_cleared_answers_documents_and_unknown_questionnaires_are_worded_without_the_library(library):
    assessments = {"a2": {"id": "a2", "questionnaire_id": "an-authoritys-own"}}  # not in the library
    rows = [
        row("assessments", "update", {"answers": {"q9": {"value": "kept"}}}, {"answers": {}}, record_id="a2"),
        row("assessments", "update", {"status": "draft"}, {"status": "complete"}, record_id="a2"),
        row(
            "evidence",
            "insert",
            after={"title": "ISA 2026", "kind": "isa", "assessment_id": "a2", "question_id": "q9"},
            record_id="e1",
        ),
    ]
    found = history.entries(rows, assessments, library)
    assert [entry.what for entry in found] == [
        "answer q9 of assessment a2 (an-authoritys-own) cleared (it was 'kept')",
        "assessment a2 (an-authoritys-own) marked complete",
        "document 'ISA 2026' (isa) attached to assessment a2 (an-authoritys-own), question q9",
    ]
    assert [entry.question_id for entry in found] == ["q9", None, None]
    assert history.of_assessment(found, "a2") == found
