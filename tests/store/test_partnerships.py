"""The partnership register: data sheets, the index, names and ids."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from store import NotFoundError, Register, StoreError
from tests.store.conftest import reopen


def test_reading_a_register_that_does_not_exist_creates_nothing(db_path: Path) -> None:
    register = Register.open(db_path)
    assert register.list_partnerships() == []
    assert register.due(date(2025, 1, 1)) == []
    assert register.verify() == []
    assert not db_path.exists()


def test_a_data_sheet_is_stored_whole(register: Register) -> None:
    added = register.add_partnership(
        "Cardiff Community Safety Partnership",
        purpose="Reduce crime and disorder",
        type="statutory-strategic",
        focus="strategic",
        basis="statutory",
        level="local",
        accountable_body="Cardiff Council",
        partners=["South Wales Police", "Cardiff Council"],
        representatives=[{"name": "Cllr Jones", "kind": "member"}, {"name": "A. Officer", "kind": "officer"}],
        lead_officer="Head of Community Safety",
        sub_groups=["Serious Violence Board"],
        financial_contribution=12500.5,
        start_date="2019-04-01",
        review_timetable="annual",
        status="active",
    )
    assert added["id"].startswith("p") and len(added["id"]) == 7
    assert reopen(register).get_partnership(added["id"]) == added
    assert added["financial_contribution"] == 12500.5
    assert added["representatives"][0].items() >= {"name": "Cllr Jones", "kind": "member"}.items()
    assert added["partners"][0] == {
        "name": "South Wales Police",
        "sector": None,
        "contact": None,
        "role": None,
        "accountable": False,
    }


def test_a_new_partnership_is_proposed_until_told_otherwise(register: Register, pid: str) -> None:
    assert register.get_partnership(pid)["status"] == "proposed"


def test_the_list_comes_from_the_index_sorted_by_name(register: Register) -> None:
    register.add_partnership("youth offending board", type="service-delivery")
    register.add_partnership("Adult Safeguarding Board")
    summaries = register.list_partnerships()
    assert [s["name"] for s in summaries] == ["Adult Safeguarding Board", "youth offending board"]
    assert summaries[1]["type"] == "service-delivery"
    assert summaries[0]["open_actions"] == 0 and summaries[0]["next_review_due"] is None


def test_bad_fields_are_named_with_what_they_accept(register: Register) -> None:
    with pytest.raises(StoreError) as raised:
        register.add_partnership("X", level="county", type="alliance")
    message = str(raised.value)
    assert "'level'" in message and "'force-wide'" in message and "'county'" in message
    assert "'type'" in message and "'statutory-strategic'" in message
    with pytest.raises(StoreError, match="unknown partnership field 'colour'"):
        register.add_partnership("X", colour="blue")
    with pytest.raises(StoreError, match=r"representatives\[0\]\.kind"):
        register.add_partnership("X", representatives=[{"name": "A", "kind": "mayor"}])
    with pytest.raises(StoreError, match=r"'name'.*blank"):
        register.add_partnership("   ")
    assert register.list_partnerships() == []


def test_update_changes_only_the_given_fields_and_the_summary(register: Register, pid: str) -> None:
    updated = register.update_partnership(pid, significance="high", review_interval_months=3, status="active")
    assert updated["type"] == "strategic" and updated["significance"] == "high"
    assert register.get_partnership(pid) == updated
    [summary] = register.list_partnerships()
    assert (summary["significance"], summary["review_interval_months"], summary["status"]) == ("high", 3, "active")
    with pytest.raises(StoreError, match="'significance'"):
        register.update_partnership(pid, significance="extreme")
    with pytest.raises(StoreError, match="unknown partnership field 'id'"):
        register.update_partnership(pid, id="p000000")


def test_names_are_unique_whatever_their_case(register: Register, pid: str) -> None:
    with pytest.raises(StoreError, match="already exists"):
        register.add_partnership("SAFER streets")
    other = register.add_partnership("Other")["id"]
    with pytest.raises(StoreError, match="already exists"):
        register.update_partnership(other, name="safer Streets")
    register.update_partnership(pid, name="SAFER STREETS")  # its own name, recased
    assert register.get_partnership(pid)["name"] == "SAFER STREETS"


def test_a_partnership_is_found_by_id_or_by_name_in_any_case(register: Register, pid: str) -> None:
    assert register.resolve_partnership(pid) == pid
    assert register.resolve_partnership(pid.upper()) == pid
    assert register.resolve_partnership("safer STREETS") == pid
    assert register.get_partnership("Safer Streets")["id"] == pid
    with pytest.raises(NotFoundError, match="'Unsafe Streets'"):
        register.resolve_partnership("Unsafe Streets")
    with pytest.raises(NotFoundError):
        register.get_partnership("p000000")


def test_a_register_path_that_is_a_file_is_refused(tmp_path: Path) -> None:
    file = tmp_path / "register.json"
    file.write_text("{}")
    with pytest.raises(StoreError, match="is a file"):
        Register.open(file)


def test_the_default_register_lives_in_the_user_data_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert Register.open(None).root == tmp_path / "data" / "pwiz" / "register"
