"""When a partnership's review is overdue: one rule for the wizard, the CLI and the reports.

A review is overdue from the day after its due date, unless the partnership
has ended (an ended partnership is not reviewed). Only dates: the home
screen asks this before anything heavy is imported.
"""

from __future__ import annotations

from datetime import date

ENDED = "ended"


def days_overdue(due: str | None, status: str | None, today: date) -> int:
    """Whole days the review due on `due` (ISO date, or None for none scheduled) is late by
    `today`; 0 when it is not overdue."""
    if not due or status == ENDED:
        return 0
    return max(0, (today - date.fromisoformat(due)).days)


def is_overdue(due: str | None, status: str | None, today: date) -> bool:
    return days_overdue(due, status, today) > 0
