"""`pwiz due --ics FILE.ics`: the register's dates as calendar events, read back with icalendar."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from icalendar import Calendar

from store import Register
from wizard.reminders import reminders


def _events(path: Path) -> dict[str, dict]:
    """Each event of the file by UID: its day, end, summary and description."""
    calendar = Calendar.from_ical(path.read_bytes())
    return {
        str(event["uid"]): {
            "start": event.decoded("dtstart"),
            "end": event.decoded("dtend"),
            "summary": str(event["summary"]),
            "description": str(event["description"]),
        }
        for event in calendar.walk("VEVENT")
    }


def _signed_off(register: Register, name: str, signed: datetime, months: int) -> str:
    pid = register.add_partnership(name, significance="high", review_interval_months=months)["id"]
    aid = register.start_assessment(pid, "scope", 1)["id"]
    register.set_status(aid, "complete")
    register.sign_off(aid, "A. Chief", "Chief Executive", "approved", signed_at=signed)
    return pid


def test_each_review_and_open_action_due_is_an_all_day_event_with_a_stable_uid(pwiz, db_path, tmp_path) -> None:
    register = Register.open(db_path)
    roads = _signed_off(register, "Safer Roads", datetime(2026, 1, 15), 3)
    action = register.add_action(roads, "Sign the information-sharing agreement", owner="Bob", due=date(2026, 3, 1))
    register.add_action(roads, "No date yet")  # nothing to remind anyone of
    closed = register.add_action(roads, "Done already", due=date(2026, 2, 1))
    register.close_action(roads, closed["id"], "Bob")
    ended = register.add_partnership("Old Board", status="ended")["id"]
    register.add_action(ended, "Archive the minutes", due=date(2026, 2, 2))

    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    result = pwiz("due", "--ics", str(first))
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"wrote {first}: 2 events (1 review, 1 action, 0 risk reviews)\n"
    assert pwiz("due", "--ics", str(second)).returncode == 0

    events = _events(first)
    assert set(events) == {f"review-{roads}@pwiz", f"action-{action['id']}@pwiz"}
    assert _events(second).keys() == events.keys()  # a second import updates these, never adds twins
    review = events[f"review-{roads}@pwiz"]
    assert (review["start"], review["end"]) == (date(2026, 4, 15), date(2026, 4, 16))  # all day: dates, not times
    assert review["summary"] == "Review due: Safer Roads"
    assert "quarterly review" in review["description"] and f"pwiz review {roads}" in review["description"]
    due = events[f"action-{action['id']}@pwiz"]
    assert due["start"] == date(2026, 3, 1)
    assert "Safer Roads" in due["summary"] and "Sign the information-sharing agreement" in due["summary"]
    assert "Owner: Bob" in due["description"] and f"pwiz action close {action['id']} --by NAME" in due["description"]


def test_a_calendar_into_a_missing_folder_or_not_ics_is_refused_in_one_line(pwiz, tmp_path) -> None:
    missing = pwiz("due", "--ics", str(tmp_path / "nowhere" / "due.ics"))
    assert missing.returncode == 1
    assert (
        missing.stderr
        == f"pwiz: error: cannot write {tmp_path / 'nowhere' / 'due.ics'}: the folder {tmp_path / 'nowhere'} does not exist\n"
    )
    wrong = pwiz("due", "--ics", str(tmp_path / "due.txt"))
    assert wrong.returncode == 1 and wrong.stderr.startswith("pwiz: error: ") and "must end in .ics" in wrong.stderr
    assert list(tmp_path.glob("*.txt")) == []


class _Register:
    """Just what `reminders` reads: a register whose risks carry review dates (`review_due`)."""

    def list_partnerships(self) -> list[dict]:
        return [
            {"id": "p1", "name": "Youth Board", "status": "active", "next_review_due": None, "open_actions": 0}
            | {"next_risk_review": "2026-06-30"},  # as the index keeps it: the earliest review not closed
            {"id": "p2", "name": "Gone", "status": "ended", "next_review_due": None, "open_actions": 0}
            | {"next_risk_review": "2026-01-01"},
            {"id": "p3", "name": "Undated", "status": "active", "next_review_due": None, "open_actions": 0},
        ]

    def list_actions(self, pid: str, open_only: bool = False) -> list[dict]:
        raise AssertionError("the index holds no dated open action: no file needs reading for them")

    def list_risks(self, pid: str) -> list[dict]:
        assert pid != "p3", "the index says p3 has no risk review date: its file need not be read"
        return {
            "p1": [
                {"id": "p1-r1", "description": "Data shared without an agreement", "review_due": "2026-06-30"},
                {"id": "p1-r2", "description": "Closed", "review_due": "2026-05-01", "status": "closed"},
                {"id": "p1-r3", "description": "Written before risks had review dates"},
            ],
            "p2": [{"id": "p2-r1", "description": "Of an ended partnership", "review_due": "2026-01-01"}],
        }[pid]


def test_a_risk_with_a_review_date_is_reminded_of_unless_closed_or_its_partnership_ended() -> None:
    [reminder] = reminders(_Register())
    assert (reminder.uid, reminder.day) == ("risk-p1-r1@pwiz", date(2026, 6, 30))
    assert reminder.summary == "Risk review due: Youth Board: Data shared without an agreement"
    assert "pwiz risk list p1" in reminder.description
