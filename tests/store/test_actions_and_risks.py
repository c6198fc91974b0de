"""Actions (open until closed, counted in the index) and risks, per partnership."""

from __future__ import annotations

import pytest

from store import NotFoundError, Register, StoreError


def test_an_action_stays_open_until_someone_closes_it(register: Register, pid: str) -> None:
    action = register.add_action(
        pid, "Agree terms of reference", owner="Lead officer", due="2025-06-30", source=f"{pid}-a123456 imp-1"
    )
    assert (action["status"], action["due"], action["closed_by"]) == ("open", "2025-06-30", None)
    assert register.list_partnerships()[0]["open_actions"] == 1
    closed = register.close_action(pid, action["id"], by="J. Smith")
    assert closed["status"] == "closed" and closed["closed_by"] == "J. Smith" and closed["closed_at"]
    assert register.list_actions(pid) == [closed]
    assert register.list_actions(pid, open_only=True) == []
    assert register.list_partnerships()[0]["open_actions"] == 0
    with pytest.raises(StoreError, match=r"already closed by J. Smith"):
        register.close_action(pid, action["id"], by="Someone else")


def test_an_open_action_is_given_an_owner_and_due_date_but_a_closed_one_is_not(register: Register, pid: str) -> None:
    raised = register.add_action(pid, "Adopt an Information Sharing Agreement", source=f"{pid}-a123456 sig-police-data")
    owned = register.update_action(raised["id"], owner="Data protection officer")
    assert (owned["owner"], owned["due"], owned["text"]) == ("Data protection officer", None, raised["text"])
    dated = register.update_action(raised["id"], due="2026-03-31")
    assert (dated["owner"], dated["due"]) == ("Data protection officer", "2026-03-31")
    with pytest.raises(StoreError, match="'due'"):
        register.update_action(raised["id"], due="soon")
    register.close_action(pid, raised["id"], by="J. Smith")
    with pytest.raises(StoreError, match="is closed; only open actions"):
        register.update_action(raised["id"], owner="Someone")
    assert register.list_actions(pid)[0]["owner"] == "Data protection officer"


def test_an_action_of_another_partnership_is_not_found(register: Register, pid: str) -> None:
    other = register.add_partnership("Other")["id"]
    action = register.add_action(other, "Do it")
    with pytest.raises(NotFoundError):
        register.close_action(pid, action["id"], by="X")


def test_an_action_needs_text_and_a_real_due_date(register: Register, pid: str) -> None:
    with pytest.raises(StoreError, match="'text'"):
        register.add_action(pid, " ")
    with pytest.raises(StoreError, match="'due'"):
        register.add_action(pid, "Do it", due="next week")


def test_risks_are_kept_with_scores_from_1_to_5(register: Register, pid: str) -> None:
    risk = register.add_risk(
        pid,
        "No information sharing agreement",
        category="information",
        likelihood=4,
        impact=3,
        owner="DPO",
        mitigation="Draft an ISA",
        source="risk-assessment ra-8",
    )
    assert register.list_risks(pid) == [risk]
    with pytest.raises(StoreError, match="'likelihood'"):
        register.add_risk(pid, "Too likely", likelihood=6)
