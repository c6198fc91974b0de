"""Typed values as people type them, read one strict way by the engine, the CLI and the wizard.

A day is YYYY-MM-DD, or DD/MM/YYYY as officers in the UK write it (03/04/2027 is 3 April, never
March 4), and in the calendar: not 20250401, not 2025-W14-2, not 1/2/27, not 2026-02-30. Stored
and printed days are always YYYY-MM-DD; `read_day` also says which form was read, for a screen
to show back. An amount of money is pounds, with an optional £ and commas only between groups of
three digits (not 5,0,0). Each reader raises ValueError saying what to type instead.
"""

from __future__ import annotations

import math
import re
from datetime import date
from typing import NamedTuple

DAY_FORMS = "DD/MM/YYYY or YYYY-MM-DD"
_ISO = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")
_UK = re.compile(r"(?P<day>\d{2})/(?P<month>\d{2})/(?P<year>\d{4})")
_POUNDS = re.compile(r"-?£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


class ReadDay(NamedTuple):
    """A day and the form it was typed in ("DD/MM/YYYY" or "YYYY-MM-DD")."""

    day: date
    form: str

    @property
    def described(self) -> str:
        """What was understood, in words an officer can check: "read as 3 April 2027"."""
        return f"read as {self.day.day} {self.day:%B %Y}"


def read_day(text: object) -> ReadDay:
    """The day `text` names, written DD/MM/YYYY or YYYY-MM-DD, and which of the two it was."""
    cleaned = str(text).strip()
    for form, pattern in (("YYYY-MM-DD", _ISO), ("DD/MM/YYYY", _UK)):
        if found := pattern.fullmatch(cleaned):
            try:
                return ReadDay(date(int(found["year"]), int(found["month"]), int(found["day"])), form)
            except ValueError:
                raise ValueError(f"{cleaned!r} is not a day in the calendar (check the month and the day)") from None
    raise ValueError(f"{cleaned!r} is not a date: write it as {DAY_FORMS}, e.g. 31/03/2027 or 2027-03-31")


def parse_day(text: object) -> date:
    """The day `text` names, written DD/MM/YYYY or YYYY-MM-DD."""
    return read_day(text).day


def parse_pounds(text: object) -> int | float:
    """The amount in pounds, whole when it is: 5000, 5000.50, £5,000."""
    cleaned = str(text).strip()
    if isinstance(text, bool) or not _POUNDS.fullmatch(cleaned):
        amount = math.nan if not isinstance(text, (int, float)) or isinstance(text, bool) else float(text)
    else:
        amount = float(cleaned.replace("£", "").replace(",", "").strip())
    if not math.isfinite(amount):
        raise ValueError(f"{text!r} is not an amount of money: give pounds, e.g. 5000 or £5,000")
    if amount < 0:
        raise ValueError(f"{text!r} is negative: an amount of money is 0 or more")
    return int(amount) if amount.is_integer() else amount
