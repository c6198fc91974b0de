"""`pwiz partnership list` and `pwiz due`: overviews of the register read from its index alone.

`due` lists first the partnerships whose significance was never signed off
(nothing else would tell anyone they need assessing), then reviews by date.

They are the commands scripts and officers run most, so they import only
click, this module and the store's index reader: not the store's write side,
pydantic, the engine or the questionnaires.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import click

from store.schedule import due_reviews
from wizard.cli.context import AppContext, echo_json, user_errors
from wizard.cli.params import IsoDate
from wizard.wording import count

INTERVAL_NAMES = {3: "quarterly", 6: "six-monthly", 12: "annual"}
NOT_ASSESSED = "significance not assessed"  # why `due` lists a partnership no review date schedules


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the summaries as JSON.")
@click.pass_obj
def list_(app: AppContext, as_json: bool) -> None:
    """List the partnerships in the register, by name."""
    with user_errors():
        summaries = app.summaries()
    if as_json:
        echo_json(summaries)
    elif not summaries:
        click.echo("No partnerships in the register yet: add one with 'pwiz partnership add NAME'.")
    else:
        rows = [
            (
                s["id"],
                s["name"],
                s["type"] or "-",
                "LOST (pwiz restore)" if s.get("lost") else s["status"] or "-",
                s["significance"] or "-",
                s["next_review_due"] or "-",
                str(s["open_actions"]),
            )
            for s in summaries
        ]
        _table(("ID", "NAME", "TYPE", "STATUS", "SIGNIFICANCE", "NEXT REVIEW", "OPEN ACTIONS"), rows)


@click.command()
@click.option(
    "--within",
    "within_days",
    type=click.IntRange(min=0),
    metavar="DAYS",
    help="Only reviews due within DAYS days (overdue and never-assessed ones always show).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the reviews as JSON.")
@click.option(
    "--ics",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE.ics",
    help="Write every review, action and risk review due to an iCalendar file instead (Outlook, Google Calendar).",
)
@click.option("--today", type=IsoDate(), hidden=True)
@click.pass_obj
def due(app: AppContext, within_days: int | None, as_json: bool, today: datetime | None, ics: Path | None) -> None:
    """Partnerships never assessed, then reviews due and overdue (the last sign-off plus the review interval).

    A partnership with no signed-off significance assessment comes first,
    "significance not assessed", whatever --within says; ended ones are left out.

    With --ics, writes each dated review, open action and risk review as an
    all-day event; importing a newer file updates the events it imported before.
    """
    if ics is not None:
        from wizard.reminders import write_calendar

        with user_errors():
            click.echo(write_calendar(app.register, ics))
        return
    with user_errors():
        summaries = app.summaries()
    first = [
        {**summary, "days_until_due": None, "overdue": False, "reason": NOT_ASSESSED}
        for summary in never_assessed(summaries)
    ]
    scheduled = [
        {**row, "reason": "review due"}
        for row in due_reviews(summaries, today.date() if today else date.today(), within_days)
        if row["id"] not in {summary["id"] for summary in first}
    ]
    if as_json:
        echo_json(first + scheduled)
        return
    if not first + scheduled:
        click.echo("No reviews are due." if within_days is not None else "No reviews are scheduled yet.")
        return
    _table(
        ("WHEN", "DUE", "ID", "NAME", "SIGNIFICANCE", "REVIEWED"),
        [(NOT_ASSESSED, "-", row["id"], row["name"], "-", "-") for row in first]
        + [
            (
                _when(row["days_until_due"]),
                row["next_review_due"],
                row["id"],
                row["name"],
                row["significance"] or "-",
                INTERVAL_NAMES.get(row["review_interval_months"], f"every {row['review_interval_months']} months"),
            )
            for row in scheduled
        ],
    )


def never_assessed(summaries: list[dict]) -> list[dict]:
    """Partnerships still in play with no signed-off significance assessment, by name.

    The index knows a partnership's significance (set when its significance
    assessment is completed) and its last sign-off: one without either has
    never had its significance signed off, so nothing schedules its review.
    """
    return [
        summary
        for summary in summaries
        if summary["status"] != "ended" and (summary["significance"] is None or summary["last_signoff_date"] is None)
    ]


def _when(days: int) -> str:
    if days < 0:
        return f"OVERDUE by {count(-days, 'day')}"
    return "due today" if days == 0 else f"in {count(days, 'day')}"


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    for row in (headers, *rows):
        click.echo("  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)).rstrip())
