"""What a person with the database's own keys can and cannot do to the shared register's records:
the append-only and frozen rules hold even for the owner, and what only a superuser switching
the rules off can change, `verify` sees (as it sees a register folder edited by hand)."""

from __future__ import annotations

import psycopg
import pytest

from store.errors import CorruptRegisterError, FrozenError, LockedError, StoreError
from store.postgres.register import PgRegister
from tests.postgres_cluster import with_user


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


def plant_escalation(session: psycopg.Connection, login: str) -> None:
    """A temporary `jsonb` type of the login's own whose check makes the login superuser when the
    owner's code runs it (the way a SECURITY DEFINER function could be taken over)."""
    session.execute(
        "CREATE FUNCTION pg_temp.escalate(jsonb) RETURNS boolean LANGUAGE plpgsql AS "
        f"$$ BEGIN EXECUTE 'ALTER ROLE {login} SUPERUSER'; RETURN true; END $$"
    )
    session.execute("CREATE DOMAIN pg_temp.jsonb AS pg_catalog.jsonb CHECK (pg_temp.escalate(VALUE))")


def is_superuser(session: psycopg.Connection, login: str) -> bool:
    return session.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", (login,)).fetchone() == (True,)


def test_a_readers_temporary_objects_cannot_run_as_the_registers_owner(signed, pg_cluster, pg_url: str) -> None:
    """The audit trigger runs with the owner's rights: a login's own temporary type or function must never
    stand in for the catalog's there (that was a way to become superuser)."""
    register, _, _ = signed
    pg_cluster.create_login("rita", ["pwiz_reader"])
    with psycopg.connect(with_user(pg_url, "rita"), autocommit=True) as rita:
        plant_escalation(rita, "rita")
        rita.execute("CREATE TEMP TABLE partnerships (id text, partnership_id text, record jsonb)")
        with pytest.raises(psycopg.Error):  # the trigger function may not be used by a login's own table
            rita.execute(
                "CREATE TRIGGER forged AFTER INSERT ON pg_temp.partnerships "
                "FOR EACH ROW EXECUTE FUNCTION pwiz.audit_change()"
            )
        assert not is_superuser(rita, "rita")
    # An officer's real change fires the trigger with such a type in its session: the catalog's is used.
    pg_cluster.create_login("otto", ["pwiz_officer"])
    with psycopg.connect(with_user(pg_url, "otto"), autocommit=True) as otto:
        plant_escalation(otto, "otto")
        otto.execute("SET search_path = pg_temp, pwiz, pg_catalog")
        otto.execute('UPDATE pwiz.partnerships SET record = record || \'{"purpose": "x"}\'')
        assert not is_superuser(otto, "otto")
    assert register.history(register.list_partnerships()[0]["id"])[-1]["who"] == "otto"


def test_no_login_can_write_the_audit_trail_through_a_table_of_its_own(signed, pg_cluster, pg_url: str) -> None:
    register, assessment, _ = signed
    before = register.history(assessment["partnership_id"])
    pg_cluster.create_login("olive", ["pwiz_officer"])
    with psycopg.connect(with_user(pg_url, "olive"), autocommit=True) as olive:
        olive.execute("CREATE TEMP TABLE assessments (id text, partnership_id text, record jsonb)")
        for statement in (
            "CREATE TRIGGER forged AFTER INSERT ON pg_temp.assessments FOR EACH ROW EXECUTE FUNCTION pwiz.audit_change()",
            "INSERT INTO pwiz.audit (kind, operation, record_id) VALUES ('assessments', 'update', 'x')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                olive.execute(statement)
    assert register.history(assessment["partnership_id"]) == before


def test_a_partnership_held_by_another_session_is_one_line_after_the_lock_wait(
    signed, pg_cluster, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    register, assessment, _ = signed
    monkeypatch.setenv("PWIZ_LOCK_TIMEOUT", "0.5")
    pg_cluster.create_login("rita", ["pwiz_reader"])
    with psycopg.connect(with_user(pg_url, "rita"), autocommit=True) as rita:
        rita.execute("SELECT pg_advisory_lock(hashtextextended(%s, 0))", (assessment["partnership_id"],))
        with pytest.raises(LockedError) as held:
            register.add_action(assessment["partnership_id"], "Agree terms of reference")
    assert "\n" not in str(held.value) and "try again" in str(held.value)
    assert register.list_actions(assessment["partnership_id"]) == []
    register.add_action(assessment["partnership_id"], "Agree terms of reference")  # once it is let go


def test_rows_written_by_hand_around_pwiz_are_one_line_not_a_traceback(signed, pg_url: str) -> None:
    register, assessment, _ = signed
    pid = assessment["partnership_id"]
    with psycopg.connect(pg_url, autocommit=True) as owner:
        owner.execute(
            "INSERT INTO pwiz.actions (id, partnership_id, record) VALUES (%s, %s, %s)",
            (f"{pid}-xhand01", pid, '{"id": "' + pid + '-xhand01"}'),
        )
    with pytest.raises(CorruptRegisterError, match="not as pwiz writes them"):
        register.list_actions(pid)
    assert any("not as pwiz writes them" in problem for problem in register.verify())


def test_a_document_whose_bytes_do_not_have_its_digest_is_refused_by_the_database(signed, pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as owner, pytest.raises(psycopg.errors.CheckViolation):
        owner.execute("INSERT INTO pwiz.evidence_blobs (sha256, data) VALUES (%s, 'not it')", ("a" * 64,))
