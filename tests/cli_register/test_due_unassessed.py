"""`pwiz due` lists first the partnerships whose significance was never signed off: nothing else
would tell anyone they need a significance assessment."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from store import Register

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


def _scheduled(register: Register, name: str) -> str:
    """A partnership whose significance assessment is signed off, so its review is scheduled."""
    pid = register.add_partnership(name)["id"]
    aid = register.start_assessment(pid, "significance", 1)["id"]
    register.set_status(aid, "complete")
    register.sign_off(aid, "A", "CEO", "approved", signed_at=datetime(2025, 1, 31))
    register.update_partnership(pid, significance="medium", review_interval_months=6)
    return pid


def test_never_assessed_partnerships_come_first_with_the_reason(pwiz, register: Register) -> None:
    scheduled = _scheduled(register, "Assessed Board")
    fresh = register.add_partnership("Zebra Crossings Group")["id"]
    register.add_partnership("Wound Up", status="ended")

    text = pwiz("due", "--today", "2025-05-10")
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[1].startswith("significance not assessed") and fresh in lines[1]
    assert scheduled in lines[2] and "in 82 days" in lines[2]
    assert "Wound Up" not in text.stdout

    rows = json.loads(pwiz("due", "--today", "2025-05-10", "--within", "7", "--json").stdout)
    assert [(row["id"], row["reason"], row["next_review_due"], row["overdue"]) for row in rows] == [
        (fresh, "significance not assessed", None, False)
    ]
    everything = json.loads(pwiz("due", "--today", "2025-05-10", "--json").stdout)
    assert [(row["id"], row["reason"], row["days_until_due"]) for row in everything] == [
        (fresh, "significance not assessed", None),
        (scheduled, "review due", 82),
    ]


def test_a_register_of_new_partnerships_is_not_all_clear(pwiz, register: Register) -> None:
    pid = register.add_partnership("Brand New")["id"]
    result = pwiz("due")
    assert result.returncode == 0 and "No reviews" not in result.stdout
    assert pid in result.stdout and "significance not assessed" in result.stdout
