"""`pwiz partnership update PID --FIELD VALUE ...`: the data sheet edited from the command line,
with the fields and checks of `partnership add`, saying what changed."""

from __future__ import annotations

import pytest

from store import Register

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


def test_update_changes_the_fields_given_and_prints_what_changed(pwiz, register: Register) -> None:
    pid = register.add_partnership(
        "Safer Streets", partners=["Old Council"], representatives=[{"name": "Cllr Ames", "kind": "member"}]
    )["id"]
    result = pwiz(
        "partnership", "update", "Safer Streets",
        "--lead-officer", "Sam Reviewer",
        "--partner", "Lancashire CC", "--partner", "NHS Trust",
        "--officer", "Jo Bloggs",
        "--contribution", "£75,000",
        "--start-date", "01/04/2026",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        f'Updated partnership {pid} "Safer Streets":',
        "  Partners: Old Council -> Lancashire CC; NHS Trust",
        "  Representatives: Cllr Ames (member) -> Jo Bloggs (officer); Cllr Ames (member)",
        "  Lead officer: - -> Sam Reviewer",
        "  Financial contribution: - -> £75,000.00",
        "  Start date: - -> 2026-04-01",
    ]
    record = register.get_partnership(pid)
    assert record["lead_officer"] == "Sam Reviewer" and [p["name"] for p in record["partners"]] == [
        "Lancashire CC",
        "NHS Trust",
    ]
    assert record["financial_contribution"] == 75000 and record["start_date"] == "2026-04-01"
    assert {(r["name"], r["kind"]) for r in record["representatives"]} == {
        ("Cllr Ames", "member"),
        ("Jo Bloggs", "officer"),
    }  # --officer replaced the officers only
    assert record["name"] == "Safer Streets" and record["status"] == "proposed"  # fields not given are kept


def test_update_renames_and_refuses_a_name_already_taken(pwiz, register: Register) -> None:
    pid = register.add_partnership("Safer Streets")["id"]
    register.add_partnership("Youth Board")
    assert pwiz("partnership", "update", pid, "--name", "Safer Roads").returncode == 0
    taken = pwiz("partnership", "update", pid, "--name", "youth board")
    assert taken.returncode == 1 and taken.stderr.startswith("pwiz: error:") and len(taken.stderr.splitlines()) == 1
    assert register.get_partnership(pid)["name"] == "Safer Roads"


def test_update_refuses_bad_input_in_one_line_and_changes_nothing(pwiz, register: Register) -> None:
    pid = register.add_partnership("Safer Streets", lead_officer="Jo")["id"]
    before = register.get_partnership(pid)
    for args, says in (
        ((), "give at least one field to change"),
        (("--type", "club"), "'club' is not one of"),
        (("--contribution", "lots"), "is not an amount of money"),
        (("--start-date", "31/02/2026"), "is not a day in the calendar"),
        (("--lead-officer", "Jo\nSmith"), "a line break"),
    ):
        result = pwiz("partnership", "update", pid, *args)
        assert result.returncode == 1, args
        assert result.stderr.startswith("pwiz: error:") and len(result.stderr.strip().splitlines()) == 1, args
        assert says in result.stderr, (args, result.stderr)
    assert register.get_partnership(pid) == before


def test_update_of_an_unknown_partnership_says_so(pwiz) -> None:
    result = pwiz("partnership", "update", "Nobody", "--lead-officer", "Jo")
    assert result.returncode == 1 and "no partnership with id or name 'Nobody'" in result.stderr
