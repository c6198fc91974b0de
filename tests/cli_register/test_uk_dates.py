"""Dates typed as officers in the UK type them (DD/MM/YYYY) are taken by every date option; the CLI
prints and stores them as YYYY-MM-DD, and refuses anything else with one line naming both forms."""

from __future__ import annotations

import pytest

from store import Register

SIGN = ("--by", "A. Chief", "--role", "Chief Executive", "--decision", "approved")


def test_a_decision_dated_14_01_2026_is_signed_on_14_january(pwiz, register: Register, complete_assessment) -> None:
    result = pwiz("signoff", complete_assessment["id"], *SIGN, "--date", "14/01/2026")
    assert result.returncode == 0, result.stderr
    [signoff] = register.list_signoffs(complete_assessment["partnership_id"])
    assert signoff["signed_at"].startswith("2026-01-14")


def test_an_action_due_03_04_2027_is_due_on_3_april_printed_iso(pwiz, register: Register) -> None:
    pid = register.add_partnership("Safer Roads")["id"]
    result = pwiz("action", "add", pid, "Agree the terms of reference", "--due", "03/04/2027")
    assert result.returncode == 0, result.stderr
    assert "due 2027-04-03" in result.stderr
    assert [action["due"] for action in register.list_actions(pid)] == ["2027-04-03"]


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31/02/2027", "'31/02/2027' is not a day in the calendar (check the month and the day)"),
        ("2027-13-01", "'2027-13-01' is not a day in the calendar (check the month and the day)"),
        ("1/2/27", "'1/2/27' is not a date: write it as DD/MM/YYYY or YYYY-MM-DD, e.g. 31/03/2027 or 2027-03-31"),
    ],
)
def test_a_date_that_is_not_one_is_refused_in_one_line(pwiz, register: Register, complete_assessment, typed, says):
    result = pwiz("signoff", complete_assessment["id"], *SIGN, "--date", typed)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("pwiz: error: pwiz signoff: ") and says in result.stderr
    assert register.list_signoffs(complete_assessment["partnership_id"]) == []
