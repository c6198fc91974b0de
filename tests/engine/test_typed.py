"""Days and amounts read one strict way by the engine, the CLI and the wizard (wizard.typed)."""

from __future__ import annotations

from datetime import date

import pytest

from wizard.typed import parse_day, parse_pounds, read_day


@pytest.mark.parametrize(
    "text, day, form",
    [
        ("2025-04-01", date(2025, 4, 1), "YYYY-MM-DD"),
        (" 2024-02-29 ", date(2024, 2, 29), "YYYY-MM-DD"),
        ("31/03/2027", date(2027, 3, 31), "DD/MM/YYYY"),
        ("03/04/2027", date(2027, 4, 3), "DD/MM/YYYY"),  # day first, as in the UK: never 4 March
    ],
)
def test_a_day_is_yyyy_mm_dd_or_dd_mm_yyyy_in_the_calendar(text, day, form):
    assert parse_day(text) == day
    assert read_day(text) == (day, form)


def test_the_reading_says_which_day_it_understood():
    assert read_day("03/04/2027").described == "read as 3 April 2027"


@pytest.mark.parametrize(
    "text, says",
    [
        ("20250401", "is not a date: write it as DD/MM/YYYY or YYYY-MM-DD"),
        ("2025-W14-2", "is not a date: write it as DD/MM/YYYY or YYYY-MM-DD"),
        ("1/2/27", "is not a date: write it as DD/MM/YYYY or YYYY-MM-DD"),  # no two-digit years
        ("01/04/25", "is not a date: write it as DD/MM/YYYY or YYYY-MM-DD"),
        ("2027/03/31", "is not a date: write it as DD/MM/YYYY or YYYY-MM-DD"),
        ("2026-02-30", "is not a day in the calendar"),
        ("31/02/2027", "is not a day in the calendar"),
        ("04/13/2027", "is not a day in the calendar"),  # no MM/DD: there is no 13th month
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
