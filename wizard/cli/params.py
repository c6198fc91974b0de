"""Option value types the commands share, each failing with what to type instead."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import click

from wizard.money import parse_pounds


class IsoDate(click.ParamType):
    """A calendar date written YYYY-MM-DD; a date that does not exist (30 February) says so."""

    name = "YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        text = str(value).strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            self.fail(f"{value!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-01-14", param, ctx)
        try:
            return datetime.strptime(text, "%Y-%m-%d")
        except ValueError:
            self.fail(f"{value!r} is not a day in the calendar (check the month and the day)", param, ctx)


class Money(click.ParamType):
    """An amount in pounds: 5000, 5000.50, £5,000."""

    name = "AMOUNT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | float:
        try:
            return parse_pounds(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
