"""`pwiz db copy`: a whole register moved between a folder and PostgreSQL, either way, verifying and
matching the original; a target that holds anything is refused with nothing written."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from store import Register
from store.copying import copy_register
from store.errors import StoreError
from store.ids import TABLE_KINDS
from store.postgres.register import PgRegister
from tests.postgres_cluster import PostgresCluster, with_user

DOCUMENT = b"%PDF-1.4 information sharing agreement\n"


def filled(register: Register) -> Register:
    """Two partnerships; one with a signed-off assessment covering a document, an approval, actions,
    risks, an entry in the ledger of issued packs; and an association."""
    pid = register.add_partnership("Safer Streets", type="strategic")["id"]
    register.add_partnership("Healthy Towns")
    aid = register.start_assessment(pid, "key-principles", 1)["id"]
    register.save_answers(aid, {"kp-1": {"value": "Yes"}, "kp-2": {"value": "Unclear", "note": "ask the chair"}})
    register.add_evidence(pid, DOCUMENT, "isa.pdf", kind="agreement", assessment_id=aid)
    register.set_status(aid, "complete")
    signoff = register.sign_off(aid, by="Jo Officer", role="Partnerships Officer", decision="approved")
    register.approve(
        pid, [signoff["id"]], by="Carol Chief", role="Chief Executive", decision="approved", signed_at=datetime.now()
    )
    register.add_action(pid, "Chase the ISA", owner="Jo")
    register.add_risk(pid, "No information sharing agreement", likelihood=4, impact=3)
    register.record_issue(pid, "a" * 64, 1234, signoff["digest"], "export", "pack.pdf")
    register.associations.add("Network A")
    return register


def contents(register: Register) -> dict:
    """Everything a copy keeps, by partnership, the login stamp aside."""
    kept: dict = {}
    for summary in register.list_partnerships():
        with register._read(summary["id"]) as file:
            tables = {"partnership": [file.record()], **{t: file.all(t) for t in TABLE_KINDS}}
        kept[summary["id"]] = {
            table: [{k: v for k, v in r.items() if k != "signed_in_as"} for r in records]
            for table, records in tables.items()
        }
        kept[summary["id"]]["documents"] = [register.evidence_data(e["id"]) for e in tables["evidence"]]
    kept["associations"] = register.associations.all()
    return kept


@pytest.fixture
def admin(pg_cluster: PostgresCluster, pg_url: str) -> str:
    pg_cluster.create_login("copy_admin", ["pwiz_admin"])
    return with_user(pg_url, "copy_admin")


def test_folder_to_postgresql_to_folder_verifies_and_matches(tmp_path: Path, admin: str, pg_url: str, pwiz) -> None:
    original = filled(Register.open(tmp_path / "original"))
    into_db = pwiz("db", "copy", str(original.root), admin)
    assert into_db.returncode == 0, into_db.stderr
    lines = into_db.stdout.splitlines()
    assert lines[0].startswith("Copied 2 partnerships from ") and "1 sign-off, 1 approval, 1 action, 1 risk" in lines[0]
    assert lines[1] == "A register folder keeps no audit trail: the shared register's starts with this copy."
    assert lines[-1].startswith("Compared: every partnership's records are the same")
    [signoff] = PgRegister(pg_url).list_signoffs(original.list_partnerships()[1]["id"])
    assert signoff["signed_in_as"] == "copy_admin"  # the database's stamp: who put it there

    back = tmp_path / "back"
    out_of_db = pwiz("db", "copy", pg_url, str(back))
    assert out_of_db.returncode == 0, out_of_db.stderr
    assert "a register folder cannot keep one" in out_of_db.stdout
    copy = Register.open(back)
    assert copy.verify() == []
    assert contents(copy) == contents(original)
    assert pwiz("verify", env={"PWIZ_DB": str(back)}).returncode == 0


def test_postgresql_to_postgresql_keeps_the_audit_trail_and_the_signers_login(
    pg_cluster: PostgresCluster, pg_template: str, pg_url: str
) -> None:
    source = filled(PgRegister(pg_url))
    target = PgRegister(pg_cluster.create_database(template=pg_template))
    report = copy_register(source, target)
    assert (report.differences, report.target.problems, report.partnerships) == ([], [], 2)
    assert contents(target) == contents(source)
    pid = source.list_partnerships()[1]["id"]
    assert [s["signed_in_as"] for s in target.list_signoffs(pid)] == ["postgres"]
    with source.transaction() as connection:
        trail = connection.execute(
            "SELECT at, who, kind, operation, record_id, before, after FROM pwiz.audit ORDER BY seq"
        )
        before = trail.fetchall()
    with target.transaction() as connection:
        after = connection.execute(
            "SELECT at, who, kind, operation, record_id, before, after FROM pwiz.audit ORDER BY seq"
        ).fetchall()
    assert report.audit == len(before) and after[: len(before)] == before
    assert len(after) > len(before)  # the copy's own inserts follow, under the copying login


def test_a_target_that_holds_anything_is_refused_and_nothing_is_written(tmp_path: Path, pg_url: str, pwiz) -> None:
    source = filled(Register.open(tmp_path / "source"))
    target = PgRegister(pg_url)
    pid = target.add_partnership("Already Here")["id"]
    done = pwiz("db", "copy", str(source.root), pg_url)
    assert done.returncode == 1 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert "already holds 1 partnership(s); nothing was copied" in line
    assert [p["id"] for p in target.list_partnerships()] == [pid]
    assert target.associations.all() == []

    occupied = tmp_path / "occupied"
    occupied.mkdir()
    (occupied / "notes.txt").write_text("mine")
    with pytest.raises(StoreError, match="already holds files; nothing was copied"):
        copy_register(source, Register.open(occupied))
    assert [p.name for p in occupied.iterdir()] == ["notes.txt"]
    assert [p.name for p in tmp_path.iterdir() if ".copying-" in p.name] == []

    with pytest.raises(StoreError, match="there is no register folder"):
        copy_register(Register.open(tmp_path / "misspelt"), Register.open(tmp_path / "new"))
    assert not (tmp_path / "new").exists()
