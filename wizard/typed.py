"""Typed values as people type them, read one strict way by the engine, the CLI and the wizard.

A day is YYYY-MM-DD and in the calendar (not 20250401, not 2025-W14-2, not 2026-02-30); an amount of
money is pounds, with an optional £ and commas only between groups of three digits (not 5,0,0).
Each reader raises ValueError saying what to type instead.
"""

from __future__ import annotations

import math
import re
from datetime import date

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_POUNDS = re.compile(r"-?£?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d+)?")


def parse_day(text: object) -> date:
    """The day `text` names, written YYYY-MM-DD."""
    cleaned = str(text).strip()
    if not _DAY.fullmatch(cleaned):
        raise ValueError(f"{cleaned!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-04-01")
    try:
        return date.fromisoformat(cleaned)
    except ValueError:
        raise ValueError(f"{cleaned!r} is not a day in the calendar (check the month and the day)") from None


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
