"""Text and numbers the shared register must keep exactly or refuse in one line: a NUL (JSONB
cannot hold one), a lone surrogate (a byte typed in another encoding), a megabyte answer, right-to-left
and CJK text, and floats JSONB would otherwise bring back as integers (changing a digest)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Register
from store.digest import canonical_json
from store.errors import StoreError
from store.ids import TABLE_KINDS
from store.postgres.register import PgRegister
from tests.shared.support import CHECKOUT, one_line_error
from tests.shared.workers import KEY_PRINCIPLES

NOTE_QUESTION = "kp-alternatives"  # a yes/no/unclear question with a note box
WORLD = "شراكة المجتمع الآمن \u200f(RTL)\u200e — 社区安全伙伴关系 — Łódź — é vs e\u0301 — 👩🏽‍💼"


@pytest.fixture
def draft(pg_url: str) -> tuple[str, str]:
    register = PgRegister(pg_url)
    pid = register.add_partnership("Safer Streets", type="strategic")["id"]
    return pid, register.start_assessment(pid, KEY_PRINCIPLES, 1)["id"]


def test_a_nul_in_an_answer_is_refused_in_one_line_and_nothing_is_written(pg_url, draft, pwiz, tmp_path) -> None:
    pid, aid = draft
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({NOTE_QUESTION: {"value": "no", "note": "see the minutes\u0000"}}), encoding="utf-8")
    result = pwiz("assess", pid, KEY_PRINCIPLES, "--answers", str(answers), env={"PWIZ_DB": pg_url})

    assert result.returncode == 1
    assert "cannot keep this text" in one_line_error(result.stderr) and "remove the NUL" in result.stderr
    assert PgRegister(pg_url).get_assessment(aid)["answers"] == {}
    with pytest.raises(StoreError, match="control character U\\+0000"):  # a name: the register's own rule
        PgRegister(pg_url).add_partnership("Safer\u0000Streets", type="strategic")
    assert len(PgRegister(pg_url).list_partnerships()) == 1


@pytest.mark.parametrize("where", ["folder", "postgresql"])
def test_a_byte_that_is_not_utf8_on_the_command_line_is_refused_in_one_line(where, request, db_path) -> None:
    """Python reads such a byte as a lone surrogate (U+DCE9 for a Latin-1 é); it cannot be written
    as UTF-8, to a file or to the database, and once ended in a UnicodeEncodeError traceback."""
    import os
    import subprocess
    import sys

    db = request.getfixturevalue("pg_url") if where == "postgresql" else str(db_path)
    env = {**os.environ, "PWIZ_DB": db, "PYTHONIOENCODING": "utf-8"}
    pid = Register.open(db_path).add_partnership("Cafe")["id"] if where == "folder" else None
    pid = pid or PgRegister(db).add_partnership("Cafe")["id"]

    for args in ([b"partnership", b"add", b"Caf\xe9 partnership"], [b"action", b"add", pid.encode(), b"Caf\xe9"]):
        result = subprocess.run(
            [sys.executable, "-m", "wizard", *args], cwd=CHECKOUT, env=env, capture_output=True, timeout=60
        )
        assert result.returncode == 1
        line = one_line_error(result.stderr.decode("utf-8", "backslashreplace"))
        assert "this text cannot be kept" in line and "U+DCE9" in line and "nothing was saved" in line

    register = PgRegister(db) if where == "postgresql" else Register.open(db_path)
    assert [p["name"] for p in register.list_partnerships()] == ["Cafe"]
    assert register.list_actions(pid) == []


def test_a_lone_surrogate_given_to_the_shared_register_is_refused_in_one_line(pg_url, draft) -> None:
    pid, aid = draft
    register = PgRegister(pg_url)
    for write in (
        lambda: register.save_answer(aid, NOTE_QUESTION, "no", note="half an emoji \ud83d"),
        lambda: register.add_action(pid, "Do \udce9 it"),
        lambda: register.update_partnership(pid, lead_officer="A. B\udce9"),
    ):
        with pytest.raises(StoreError) as refused:
            write()
        assert "\n" not in str(refused.value) and "this text cannot be kept" in str(refused.value)
    assert register.get_assessment(aid)["answers"] == {} and register.list_actions(pid) == []


def test_a_megabyte_answer_and_every_script_come_back_exactly(pg_url: str, draft) -> None:
    """The wizard and the commands take notes of up to 100,000 characters (wizard.engine); the
    store keeps whatever a client gives it, here a megabyte."""
    pid, aid = draft
    register = PgRegister(pg_url)
    long_note = (WORLD + "\n") * (1_048_576 // len((WORLD + "\n").encode()))
    assert len(long_note.encode()) > 1_000_000
    register.save_answer(aid, NOTE_QUESTION, "no", note=long_note)
    register.update_partnership(pid, name=WORLD.replace("\u200f", "").replace("\u200e", ""), lead_officer=WORLD)

    again = PgRegister(pg_url)  # another connection: what the database kept, not what this process holds
    assert again.get_assessment(aid)["answers"][NOTE_QUESTION]["note"] == long_note
    assert again.get_partnership(pid)["lead_officer"] == WORLD
    (summary,) = again.list_partnerships()
    assert summary["name"] == WORLD.replace("\u200f", "").replace("\u200e", "")


def test_floats_come_back_as_written_so_a_folders_sign_off_still_verifies_on_postgresql(
    pg_url: str, db_path: Path
) -> None:
    """JSONB keeps digits, not notation: unless written out in full, 1e+20 came back as the integer
    100000000000000000000, whose canonical JSON differs, so a sign-off made on a folder no longer
    matched its digest once copied into PostgreSQL."""
    floats = {"kp-alternatives": 1e20, "kp-vision-agreed": 1.5e-7, "kp-leadership": -2.5e30, "kp-1": 0.1}
    folder = Register.open(db_path)
    pid = folder.add_partnership("Safer Streets")["id"]
    aid = folder.start_assessment(pid, KEY_PRINCIPLES, 1)["id"]
    folder.save_answers(aid, {qid: {"value": value} for qid, value in floats.items()})
    folder.set_status(aid, "complete")
    folder.sign_off(aid, "A. Chief", "Chief Executive", "approved")

    shared = PgRegister(pg_url)
    with folder._read(pid) as source, shared._write_with_index(pid) as (target, _):
        for table in ("partnership", *TABLE_KINDS):
            for record in source.all(table):
                target.put(table, record)

    kept = PgRegister(pg_url).get_assessment(aid)["answers"]
    for qid, value in floats.items():
        assert type(kept[qid]["value"]) is float and canonical_json(kept[qid]["value"]) == canonical_json(value)
    report = PgRegister(pg_url).verify_report()
    assert (report.problems, report.signoffs) == ([], 1)
