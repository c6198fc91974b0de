"""Days and amounts read one strict way by the engine, the CLI and the wizard (wizard.typed)."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.typed import parse_day, parse_pounds


@pytest.mark.parametrize("text, day", [("2025-04-01", date(2025, 4, 1)), (" 2024-02-29 ", date(2024, 2, 29))])
def test_a_day_is_yyyy_mm_dd_in_the_calendar(text, day):
    assert parse_day(text) == day


@pytest.mark.parametrize(
    "text, says",
    [
        ("20250401", "is not a date: write it as YYYY-MM-DD"),
        ("2025-W14-2", "is not a date: write it as YYYY-MM-DD"),
        ("01/04/2025", "is not a date: write it as YYYY-MM-DD"),
        ("2026-02-30", "is not a day in the calendar"),
    ],
)
def test_anything_else_is_not_a_day(text, says):
    with pytest.raises(ValueError, match=says):
        parse_day(text)


@pytest.mark.parametrize(
    "given, pounds",
    [("5000", 5000), ("5000.50", 5000.5), ("£5,000", 5000), ("£1,250,000.25", 1250000.25), (2500, 2500), (2.5, 2.5)],
)
def test_an_amount_is_pounds_with_commas_between_thousands(given, pounds):
    assert parse_pounds(given) == pounds


@pytest.mark.parametrize(
    "given, says",
    [
        ("5,0,0", "not an amount"),
        ("1e400", "not an amount"),
        ("nan", "not an amount"),
        (True, "not an amount"),
        ("", "not an amount"),
        ("-5", "is negative"),
        (float("inf"), "not an amount"),
    ],
)
def test_anything_else_is_not_an_amount(given, says):
    with pytest.raises(ValueError, match=says):
        parse_pounds(given)
