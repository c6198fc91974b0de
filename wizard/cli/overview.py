"""`pwiz partnership list` and `pwiz due`: overviews of the register read from its index alone.

`due` lists first the partnerships whose significance was never signed off
(nothing else would tell anyone they need assessing), then reviews by date,
then the risk reviews due, the actions overdue and the documents expiring
(`risk_reviews_due`, `overdue_actions`, `expiring_evidence`): the index keeps
each partnership's earliest risk review, action due date and document expiry,
so only the files of partnerships with one due are read.

They are the commands scripts and officers run most, so they import only
click, this module and the store's index reader: not the store's write side,
pydantic, the engine or the questionnaires.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from pathlib import Path

import click

from store.schedule import EXPIRY_NOTICE_DAYS, current_expiries, due_reviews
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

    Then the risk reviews due (by today, or within --within days), the open
    actions past their due date, and the agreements and other documents
    expired or expiring within 60 days (or --within days).

    With --ics, writes each dated review, open action and risk review as an
    all-day event; importing a newer file updates the events it imported before.
    """
    if ics is not None:
        from wizard.reminders import write_calendar

        with user_errors():
            click.echo(write_calendar(app.register, ics))
        return
    day = today.date() if today else date.today()
    with user_errors():
        summaries = app.summaries()
    first = [
        {**summary, "days_until_due": None, "overdue": False, "reason": NOT_ASSESSED}
        for summary in never_assessed(summaries)
    ]
    listed = {summary["id"] for summary in first}
    scheduled = [
        {**row, "reason": "review due"} for row in due_reviews(summaries, day, within_days) if row["id"] not in listed
    ]
    with user_errors():
        risks = risk_reviews_due(app, summaries, day, within_days)
        actions = overdue_actions(app, summaries, day)
        documents = expiring_evidence(app, summaries, day, within_days)
    if as_json:
        echo_json(first + scheduled + risks + actions + documents)
        return
    if not first + scheduled:
        click.echo("No reviews are due." if within_days is not None else "No reviews are scheduled yet.")
    else:
        _reviews_table(first, scheduled)
    _plan_tables(risks, actions)
    if documents:
        click.echo("\nAgreements and documents expiring:")
        _table(
            ("WHEN", "EXPIRES", "ID", "PARTNERSHIP", "WHAT"),
            [(_when(r["days_until_due"]), r["due"], r["evidence_id"], r["name"], r["what"]) for r in documents],
        )


def _reviews_table(first: list[dict], scheduled: list[dict]) -> None:
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


def risk_reviews_due(app: AppContext, summaries: list[dict], today: date, within_days: int | None) -> list[dict]:
    """Risks not closed whose review falls due by today (or within `within_days`), soonest first:
    one row each, the partnership's summary with the risk's id, description, `due` and
    `days_until_due`, reason "risk review due". Reads only partnerships whose earliest risk
    review (in the index) falls in that time."""
    until = (today + timedelta(days=within_days or 0)).isoformat()
    rows = []
    for summary in _with_dated(summaries, "next_risk_review", until):
        for risk in app.register.list_risks(summary["id"]):
            due_on = risk.get("review_due")
            if risk.get("status", "open") != "closed" and due_on and due_on <= until:
                rows.append(
                    _dated_row(summary, "risk review due", today, due_on, risk_id=risk["id"], what=risk["description"])
                )
    return sorted(rows, key=lambda row: (row["due"], row["name"].casefold()))


def overdue_actions(app: AppContext, summaries: list[dict], today: date) -> list[dict]:
    """Open actions whose due date has passed, most overdue first: rows as `risk_reviews_due`'s,
    with the action's id and text, reason "action overdue"."""
    yesterday = (today - timedelta(days=1)).isoformat()
    rows = []
    for summary in _with_dated(summaries, "next_action_due", yesterday):
        for action in app.register.list_actions(summary["id"], open_only=True):
            if action.get("due") and action["due"] <= yesterday:
                rows.append(
                    _dated_row(
                        summary, "action overdue", today, action["due"], action_id=action["id"], what=action["text"]
                    )
                )
    return sorted(rows, key=lambda row: (row["due"], row["name"].casefold()))


def expiring_evidence(app: AppContext, summaries: list[dict], today: date, within_days: int | None) -> list[dict]:
    """Documents (store.evidence) that have expired or expire within EXPIRY_NOTICE_DAYS (or
    --within days), soonest first: rows as `risk_reviews_due`'s, with the document's id and
    title, reason "document expires" or "document expired". Only the latest of each kind
    counts (store.schedule.current_expiries: the renewed agreement replaces the old one)."""
    until = (today + timedelta(days=EXPIRY_NOTICE_DAYS if within_days is None else within_days)).isoformat()
    rows = []
    for summary in _with_dated(summaries, "next_evidence_expiry", until):
        for record in current_expiries(app.register.list_evidence(summary["id"])):
            if record["expires"] <= until:
                expired = record["expires"] < today.isoformat()
                what = f"{record.get('title') or record['file_name']} ({record['kind']})"
                reason = "document expired" if expired else "document expires"
                rows.append(_dated_row(summary, reason, today, record["expires"], evidence_id=record["id"], what=what))
    return sorted(rows, key=lambda row: (row["due"], row["name"].casefold()))


def _with_dated(summaries: list[dict], field: str, until: str) -> list[dict]:
    """Partnerships still in play whose index entry has `field` on or before `until` (ISO dates as text)."""
    return [s for s in summaries if s["status"] != "ended" and (s.get(field) or "9999") <= until]


def _dated_row(summary: dict, reason: str, today: date, due_on: str, **item: str) -> dict:
    days = (date.fromisoformat(due_on) - today).days
    return {**summary, **item, "due": due_on, "days_until_due": days, "overdue": days < 0, "reason": reason}


def _plan_tables(risks: list[dict], actions: list[dict]) -> None:
    """The risk reviews and overdue actions under the reviews, each table under its own heading."""
    for heading, rows, key in (("Risk reviews", risks, "risk_id"), ("Overdue actions", actions, "action_id")):
        if rows:
            click.echo(f"\n{heading}:")
            _table(
                ("WHEN", "DUE", "ID", "PARTNERSHIP", "WHAT"),
                [(_when(r["days_until_due"]), r["due"], r[key], r["name"], r["what"]) for r in rows],
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
    """Columns padded to their widest cell, written at once (a line at a time, 5,000 rows took 0.2 s)."""
    lines = [[str(cell) for cell in row] for row in (headers, *rows)]
    widths = [max(map(len, column)) for column in zip(*lines)]
    click.echo("\n".join("  ".join(map(str.ljust, line, widths)).rstrip() for line in lines))
