"""Values as officers type them into the wizard's forms (the data sheet, the plan entries)."""

from __future__ import annotations

from datetime import date


def parse_day(text: str) -> str:
    """The day as the register stores it (YYYY-MM-DD); ValueError saying what to type instead."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise ValueError(f"{text!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-04-01") from None
