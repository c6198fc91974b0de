"""What a person with the database's own keys can and cannot do to the shared register's records:
the append-only and frozen rules hold even for the owner, and what only a superuser switching
the rules off can change, `verify` sees (as it sees a register folder edited by hand)."""

from __future__ import annotations

import psycopg
import pytest

from store.errors import FrozenError, StoreError
from store.postgres.register import PgRegister


@pytest.fixture
def signed(pg_url: str) -> tuple[PgRegister, dict, dict]:
    register = PgRegister(pg_url)
    pid = register.add_partnership("Safer Streets", type="strategic")["id"]
    aid = register.start_assessment(pid, "key-principles", 1)["id"]
    register.save_answers(aid, {"kp-1": {"value": "Yes"}, "kp-2": {"value": "No"}})
    register.set_status(aid, "complete")
    signoff = register.sign_off(aid, "A. Chief", "Chief Executive", "approved")
    return register, register.get_assessment(aid), signoff


def test_the_owner_cannot_change_or_remove_a_sign_off_or_edit_a_signed_assessment(signed, pg_url: str) -> None:
    register, assessment, signoff = signed
    with psycopg.connect(pg_url, autocommit=True) as owner:
        for statement, refused in (
            ('UPDATE pwiz.signoffs SET record = record || \'{"decision": "declined"}\'', "append-only"),
            ("DELETE FROM pwiz.signoffs", "append-only"),
            ("TRUNCATE pwiz.audit", "append-only"),
            ("UPDATE pwiz.assessments SET record = jsonb_set(record, '{answers,kp-1,value}', '\"No\"')", "frozen"),
        ):
            with pytest.raises(psycopg.Error, match=refused):
                owner.execute(statement)
    with pytest.raises(FrozenError):
        register.save_answer(assessment["id"], "kp-1", "No")
    assert register.verify() == []
    assert register.list_signoffs(assessment["partnership_id"]) == [signoff]


def test_an_answer_changed_behind_the_rules_is_named_by_verify(signed, pg_url: str) -> None:
    register, assessment, signoff = signed
    with psycopg.connect(pg_url, autocommit=True) as superuser:
        superuser.execute("SET session_replication_role = replica")  # triggers off: only a superuser can
        superuser.execute(
            "UPDATE pwiz.assessments SET record = jsonb_set(record, '{answers,kp-1,value}', '\"No\"') WHERE id = %s",
            (assessment["id"],),
        )
    [problem] = register.verify()
    assert signoff["id"] in problem and "no longer matches its digest" in problem


def test_a_sign_off_removed_behind_the_rules_is_named_by_verify(signed, pg_url: str) -> None:
    register, assessment, signoff = signed
    with psycopg.connect(pg_url, autocommit=True) as superuser:
        superuser.execute("SET session_replication_role = replica")
        superuser.execute("DELETE FROM pwiz.signoffs WHERE id = %s", (signoff["id"],))
    problems = register.verify()
    assert any(f"assessment {assessment['id']}" in p and "has no sign-off" in p for p in problems)
    assert all("\n" not in p for p in problems)


def test_restore_on_the_shared_register_points_at_the_database_backups(signed) -> None:
    register, _, _ = signed
    with pytest.raises(StoreError, match="pg_dump"):
        register.restore()
