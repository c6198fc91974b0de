"""`pwiz due --ics FILE.ics`: the register's dates as an iCalendar file for Outlook or Google Calendar.

One all-day event for each partnership review due, each open action with a
due date, each risk with a review date (`review_due`) and each document
whose expiry counts (store.schedule.current_expiries), for partnerships
not ended. Each event's UID is made from the kind and the record's id
(`review-<pid>@pwiz`, `action-<id>@pwiz`, `risk-<id>@pwiz`,
`evidence-<id>@pwiz`), so importing a newer file moves an event rather than
adding a second one. The events say what to do and the pwiz command that
does it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from store.schedule import ENDED, current_expiries
from wizard.errors import UserError
from wizard.output import write_file
from wizard.wording import count

DOMAIN = "pwiz"
INTERVALS = {3: "quarterly", 6: "six-monthly", 12: "annual"}


@dataclass(frozen=True)
class Reminder:
    kind: str  # "review", "action", "risk" or "evidence"
    record_id: str
    day: date
    summary: str
    description: str

    @property
    def uid(self) -> str:
        return f"{self.kind}-{self.record_id}@{DOMAIN}"


def reminders(register) -> list[Reminder]:
    """Every dated reminder in the register, by day then kind.

    Reviews come from the index; a partnership's file is opened only when the
    index says it holds a dated open action or a risk with a review date (the
    earliest of each, `next_action_due` and `next_risk_review`), as `due` does."""
    found: list[Reminder] = []
    for summary in register.list_partnerships():
        if summary.get("status") == ENDED or summary.get("lost"):
            continue
        found += _review(summary)
        if summary.get("next_action_due"):
            found += _actions(summary, register.list_actions(summary["id"], open_only=True))
        if summary.get("next_risk_review"):
            found += _risks(summary, register.list_risks(summary["id"]))
        if summary.get("next_evidence_expiry"):
            found += _expiries(summary, register.list_evidence(summary["id"]))
    return sorted(found, key=lambda r: (r.day, r.kind, r.record_id))


def _review(summary: dict) -> Iterator[Reminder]:
    if summary.get("next_review_due"):
        months = summary.get("review_interval_months")
        interval = INTERVALS.get(months, f"every {months} months") if months else "next"
        yield Reminder(
            "review",
            summary["id"],
            date.fromisoformat(summary["next_review_due"]),
            f"Review due: {summary['name']}",
            f"The {interval} review of the partnership {summary['name']} ({summary['id']}) is due. "
            f"Start it with: pwiz review {summary['id']}",
        )


def _actions(summary: dict, actions: list[dict]) -> Iterator[Reminder]:
    for action in actions:
        if action.get("due"):
            owner = f" Owner: {action['owner']}." if action.get("owner") else ""
            yield Reminder(
                "action",
                action["id"],
                date.fromisoformat(action["due"]),
                f"Action due: {summary['name']}: {action['text']}",
                f"Action {action['id']} of the partnership {summary['name']} is due: {action['text'].rstrip('.')}.{owner} "
                f"When it is done, close it with: pwiz action close {action['id']} --by NAME",
            )


def _risks(summary: dict, risks: list[dict]) -> Iterator[Reminder]:
    for risk in risks:
        if risk.get("review_due") and risk.get("status", "open") != "closed":
            yield Reminder(
                "risk",
                risk["id"],
                date.fromisoformat(risk["review_due"]),
                f"Risk review due: {summary['name']}: {risk['description']}",
                f"Review risk {risk['id']} of the partnership {summary['name']}: {risk['description']}. "
                f"See it with: pwiz risk list {summary['id']}; record the review with: pwiz risk update {risk['id']}",
            )


def _expiries(summary: dict, evidence: list[dict]) -> Iterator[Reminder]:
    for record in current_expiries(evidence):
        what = record.get("title") or record["file_name"]
        yield Reminder(
            "evidence",
            record["id"],
            date.fromisoformat(record["expires"]),
            f"Document expires: {summary['name']}: {what}",
            f"The {record['kind']} {what} ({record['id']}) of the partnership {summary['name']} expires. "
            f"Attach the renewed one with: pwiz evidence add {summary['id']} FILE --kind {record['kind']} --expires DATE",
        )


def calendar(found: list[Reminder], stamp: datetime | None = None) -> bytes:
    """The reminders as an iCalendar file (RFC 5545), each an all-day event."""
    from icalendar import Calendar, Event

    stamp = stamp or datetime.now(UTC).replace(microsecond=0)
    book = Calendar()
    book.add("prodid", "-//pwiz//partnership governance reminders//EN")
    book.add("version", "2.0")
    book.add("calscale", "GREGORIAN")
    book.add("method", "PUBLISH")  # a calendar to import, not invitations to answer
    book.add("x-wr-calname", "pwiz reminders")
    for reminder in found:
        event = Event()
        event.add("uid", reminder.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", reminder.day)
        event.add("dtend", reminder.day + timedelta(days=1))
        event.add("summary", reminder.summary)
        event.add("description", reminder.description)
        event.add("categories", [reminder.kind])
        event.add("transp", "TRANSPARENT")  # a reminder, not time taken out of the day
        book.add_component(event)
    return book.to_ical()


def write_calendar(register, output: Path) -> str:
    """Write every reminder to `output` (whole or not at all); the line to tell the user."""
    if output.suffix.lower() != ".ics":
        raise UserError(f"{output} must end in .ics (an iCalendar file)")
    found = reminders(register)
    write_file(output, calendar(found))
    kinds = [sum(r.kind == kind for r in found) for kind in ("review", "action", "risk", "evidence")]
    documents = f", {count(kinds[3], 'document')} expiring" if kinds[3] else ""
    return (
        f"wrote {output}: {count(len(found), 'event')} ({count(kinds[0], 'review')}, "
        f"{count(kinds[1], 'action')}, {count(kinds[2], 'risk review')}{documents})"
    )
