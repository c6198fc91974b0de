"""Reviews fall due a review interval (in calendar months) after the last sign-off."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from store import Register
from store.schedule import add_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 5, 15), 12, date(2026, 5, 15)),
    ],
)
def test_months_are_calendar_months_clamped_to_the_month_end(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


def signed_partnership(register: Register, name: str, signed: datetime, months: int | None, **fields) -> str:
    pid = register.add_partnership(name, **fields)["id"]
    aid = register.start_assessment(pid, "key-principles", 1)["id"]
    register.set_status(aid, "complete")
    register.sign_off(aid, "CEO", "Chief Executive", "approved", signed_at=signed)
    if months:
        register.update_partnership(pid, review_interval_months=months)
    return pid


def test_overdue_reviews_come_first_and_ended_or_unscheduled_ones_not_at_all(register: Register) -> None:
    quarterly = signed_partnership(register, "High risk", datetime(2025, 1, 31), 3)
    annual = signed_partnership(register, "Low risk", datetime(2024, 6, 1), 12)
    signed_partnership(register, "Ended", datetime(2024, 1, 1), 12, status="ended")
    signed_partnership(register, "No interval yet", datetime(2024, 1, 1), None)
    register.add_partnership("Never signed off", review_interval_months=12)

    rows = register.due(date(2025, 6, 10))
    assert [(r["id"], r["next_review_due"], r["overdue"]) for r in rows] == [
        (quarterly, "2025-04-30", True),
        (annual, "2025-06-01", True),
    ]
    assert rows[0]["days_until_due"] == -41


def test_within_keeps_reviews_due_in_the_next_n_days(register: Register) -> None:
    soon = signed_partnership(register, "Soon", datetime(2025, 3, 20), 3)
    signed_partnership(register, "Later", datetime(2025, 5, 1), 12)
    rows = register.due(date(2025, 6, 10), within_days=30)
    assert [(r["id"], r["days_until_due"], r["overdue"]) for r in rows] == [(soon, 10, False)]
