"""Option value types the commands share, each failing with what to type instead."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import click

from wizard.typed import parse_day, parse_pounds


class IsoDate(click.ParamType):
    """A calendar date typed DD/MM/YYYY or YYYY-MM-DD (wizard.typed); a date that does not exist
    (30 February) says so. The commands print dates as YYYY-MM-DD whichever form was typed."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            day = parse_day(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)
        return datetime(day.year, day.month, day.day)


class Money(click.ParamType):
    """An amount in pounds: 5000, 5000.50, £5,000."""

    name = "AMOUNT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int | float:
        try:
            return parse_pounds(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def language_option(command: Any) -> Any:
    """`--lang CODE` on a command, as the group's `pwiz --lang CODE` (which it overrides)."""

    def chosen(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
        if value:
            ctx.find_root().obj.language = value

    return click.option(
        "--lang",
        metavar="CODE",
        expose_value=False,
        callback=chosen,
        help="The questionnaires' language (e.g. cy), where they have it; as 'pwiz --lang'.",
    )(command)
