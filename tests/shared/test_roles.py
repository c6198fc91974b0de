"""Who may do what on the shared register is the database's rule: two approvers racing for one
sign-off, an officer's sign-off and a reader's writes refused by PostgreSQL, each in one line."""

from __future__ import annotations

import threading

import pytest

from store.errors import StoreError
from store.postgres.register import PgRegister
from tests.shared.support import counted, one_line_error, start_child

SIGNOFF = ("--by", "A. Chief", "--role", "Chief Executive", "--decision", "approved")


def test_two_approvers_signing_the_same_assessment_at_once_record_one_sign_off(complete, login, pg_url) -> None:
    _, aid = complete
    registers = [PgRegister(login("ann", "approver")), PgRegister(login("bob", "approver"))]
    for register in registers:
        register.list_partnerships()  # connected before the race, so both sign off at the same moment
    together = threading.Barrier(len(registers))
    outcomes: list[object] = [None] * len(registers)

    def sign(n: int) -> None:
        together.wait()
        try:
            outcomes[n] = registers[n].sign_off(aid, f"Approver {n}", "Chief Executive", "approved")
        except StoreError as exc:
            outcomes[n] = exc

    threads = [threading.Thread(target=sign, args=(n,)) for n in range(len(registers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    (refusal,) = [o for o in outcomes if isinstance(o, StoreError)]
    (signoff,) = [o for o in outcomes if isinstance(o, dict)]
    assert "\n" not in str(refusal) and f"assessment {aid} is signed off" in str(refusal)
    assert signoff["signed_in_as"] in ("ann", "bob")
    assert [s["id"] for s in PgRegister(pg_url).list_signoffs(complete[0])] == [signoff["id"]]


def test_two_approvers_signing_off_from_the_command_line_at_once_one_wins_the_other_reads_why(
    complete, login, pg_url
) -> None:
    _, aid = complete
    commands = [
        start_child("-m", "wizard", "signoff", aid, *SIGNOFF, env={"PWIZ_DB": login(name, "approver")})
        for name in ("ann", "bob")
    ]
    results = [(command.wait(timeout=60), *command.communicate()) for command in commands]

    assert sorted(code for code, _, _ in results) == [0, 1]
    (loser_stderr,) = [stderr for code, _, stderr in results if code == 1]
    assert f"assessment {aid} is signed off and cannot be changed" in one_line_error(loser_stderr)
    assert counted(pg_url, "signoffs") == 1


def test_an_officer_is_refused_a_sign_off_by_the_database_and_nothing_changes(complete, login, pg_url) -> None:
    pid, aid = complete
    officer = login("olivia", "officer")

    command = start_child("-m", "wizard", "signoff", aid, *SIGNOFF, env={"PWIZ_DB": officer})
    _, stderr = command.communicate(timeout=60)
    assert command.returncode == 1
    line = one_line_error(stderr)
    assert "your login olivia may not sign off: only members of pwiz_approver may" in line

    # Not the client's rule: a sign-off row written by hand past every check of pwiz is refused too.
    with pytest.raises(StoreError) as refused, PgRegister(officer).transaction() as connection:
        connection.execute(
            "INSERT INTO pwiz.signoffs (id, partnership_id, record) VALUES (%s, %s, '{}')", (f"{pid}-sforged", pid)
        )
    assert "\n" not in str(refused.value) and "your login may not do it" in str(refused.value)

    register = PgRegister(pg_url)
    assert register.get_assessment(aid)["status"] == "complete"
    assert register.list_signoffs(pid) == [] and counted(pg_url, "signoffs") == 0


def test_a_reader_is_refused_every_write_in_one_line(complete, login, pg_url, tmp_path) -> None:
    pid, aid = complete
    answers = tmp_path / "answers.yaml"
    answers.write_text("kp-leadership: no\n", encoding="utf-8")
    before = PgRegister(pg_url).get_assessment(aid)
    writes = {
        "partnership add": ("partnership", "add", "Reader's own partnership"),
        "an answer saved": ("assess", pid, "key-principles", "--answers", str(answers)),
        "action add": ("action", "add", pid, "Write the terms of reference"),
    }
    commands = {
        what: start_child("-m", "wizard", *args, env={"PWIZ_DB": login("rita", "reader")})
        for what, args in writes.items()
    }
    for what, command in commands.items():
        _, stderr = command.communicate(timeout=60)
        assert command.returncode == 1, what
        assert "your login may not do it" in one_line_error(stderr), what

    register = PgRegister(pg_url)
    assert [p["id"] for p in register.list_partnerships()] == [pid]
    assert register.get_assessment(aid) == before
    assert register.list_actions(pid) == []
