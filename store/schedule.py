"""When reviews fall due: the last sign-off plus the review interval."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """Calendar months later; 31 January + 1 month is 28 (or 29) February."""
    years, month_index = divmod(day.month - 1 + months, 12)
    year, month = day.year + years, month_index + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def next_review_due(last_signoff_date: str | None, interval_months: int | None) -> str | None:
    if last_signoff_date is None or interval_months is None:
        return None
    return add_months(date.fromisoformat(last_signoff_date), interval_months).isoformat()


ENDED = "ended"
HIGH = "high"
QUARTERLY = 3
DEFAULT_INTERVAL = 12


def risk_review_months(partnership: dict) -> int:
    """How often a partnership's risks are reviewed: quarterly when it is of high significance
    (001: high-risk partnerships quarterly), else at its review interval, else yearly."""
    if partnership.get("significance") == HIGH:
        return QUARTERLY
    return partnership.get("review_interval_months") or DEFAULT_INTERVAL


def next_risk_review(reviewed: date, partnership: dict) -> str:
    """When a risk added or reviewed on `reviewed` is next due for review (ISO date)."""
    return add_months(reviewed, risk_review_months(partnership)).isoformat()


def days_overdue(due: str | None, status: str | None, today: date) -> int:
    """Whole days the review due on `due` (ISO date, or None for none scheduled) is late by
    `today`; 0 when it is not overdue. Overdue from the day after the due date, unless the
    partnership has ended (an ended partnership is not reviewed). The one rule: the wizard,
    the CLI and the reports all ask it (the wizard through wizard.overdue)."""
    if not due or status == ENDED:
        return 0
    return max(0, (today - date.fromisoformat(due)).days)


def is_overdue(due: str | None, status: str | None, today: date) -> bool:
    return days_overdue(due, status, today) > 0


def overdue_count(summaries: list[dict], today: date) -> int:
    """How many of the register's summaries are overdue by `today`: `days_overdue`'s rule, on
    ISO dates compared as text (the same order), as the home screen counts all 5,000 at start."""
    iso = today.isoformat()
    return sum(1 for s in summaries if (due := s.get("next_review_due")) and due < iso and s.get("status") != ENDED)


def due_reviews(summaries: list[dict], today: date, within_days: int | None) -> list[dict]:
    """Partnerships with a review date (ended ones excluded), soonest first,
    so overdue ones lead; `within_days` keeps those due by today + N days."""
    rows = []
    for summary in summaries:
        if summary["next_review_due"] is None or summary["status"] == ENDED:
            continue
        days = (date.fromisoformat(summary["next_review_due"]) - today).days
        if within_days is None or days <= within_days:
            # days_overdue's rule for a partnership that has not ended, without parsing the date again
            rows.append({**summary, "days_until_due": days, "overdue": days < 0})
    return sorted(rows, key=lambda row: (row["next_review_due"], row["name"].casefold()))


EXPIRY_NOTICE_DAYS = 60  # `due` lists an agreement this many days before it expires


def current_expiries(evidence: list[dict]) -> list[dict]:
    """The documents whose expiry still matters: for each kind, the one that expires last.

    Attaching the renewed agreement (the same kind, a later expiry) is what clears
    the old one from `due`; a document without an expiry date never falls due."""
    latest: dict[str, dict] = {}
    for record in evidence:
        expires, kind = record.get("expires"), str(record.get("kind"))
        if expires and (kind not in latest or expires > latest[kind]["expires"]):
            latest[kind] = record
    return sorted(latest.values(), key=lambda record: (record["expires"], record["id"]))
