"""The review cycle: `pwiz review`, `pwiz confirm`, and `pwiz action list|add|close`
(`action list -o FILE.xlsx` writes the action plan as an Excel sheet).

Like `assess`, commands that create or change records print the ids
scripts need on stdout and what they did on stderr.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from wizard.cli.context import AppContext, echo_json, user_errors
from wizard.cli.params import IsoDate


@click.command()
@click.argument("partnership")
@click.pass_obj
def review(app: AppContext, partnership: str) -> None:
    """Start the review of PARTNERSHIP: a draft of every required questionnaire,
    pre-filled from the last signed-off answers.

    Carried answers stay marked "not yet confirmed" until you confirm them
    ('pwiz confirm') or answer again ('pwiz assess'). Prints one line per
    draft on stdout: the assessment id and its questionnaire.
    """
    with user_errors():
        drafts = app.governance.start_review(partnership)
        pending = {d.assessment["id"]: len(app.governance.unconfirmed(d.assessment)) for d in drafts}
    for draft in drafts:
        click.echo(f"{draft.assessment['id']} {draft.questionnaire_id}")
    for draft in drafts:
        click.echo(f"{draft.questionnaire_id}: {_describe(draft, pending[draft.assessment['id']])}", err=True)


def _describe(draft, pending: int) -> str:
    if draft.resumed:
        return f"already under review in {draft.assessment['id']} ({pending} carried answers to confirm)"
    if draft.renews is None:
        return f"newly required: {draft.assessment['id']} starts empty"
    parts = [f"{len(draft.carried)} answers carried from {draft.renews['id']}, not yet confirmed"]
    if draft.new_questions:
        parts.append(f"{len(draft.new_questions)} new question(s) to answer: {', '.join(draft.new_questions)}")
    if draft.removed:
        parts.append(f"no longer asked, left behind: {', '.join(draft.removed)}")
    parts += [f"not carried ({why})" for why in draft.dropped]
    return "; ".join(parts)


@click.command()
@click.argument("assessment")
@click.argument("questions", nargs=-1)
@click.pass_obj
def confirm(app: AppContext, assessment: str, questions: tuple[str, ...]) -> None:
    """Confirm carried answers of ASSESSMENT as they stand (all of them, or
    only the QUESTIONS named); marks the assessment complete when nothing
    else is missing."""
    with user_errors():
        governance = app.governance
        before = governance.unconfirmed(governance.register.get_assessment(assessment))
        record = governance.confirm(assessment, list(questions) or None)
        left = governance.unconfirmed(record)
        if not left and not governance.evaluate(record).missing:
            record = governance.complete(record["id"])
    click.echo(
        f"Confirmed {len(before) - len(left)} carried answer(s) in {record['id']}; "
        f"{len(left)} still to confirm; {record['status']}",
        err=True,
    )


@click.group()
def action() -> None:
    """The partnership's action plan: actions stay open across reviews until closed."""


@action.command("list")
@click.argument("partnership", required=False)
@click.option("--all", "show_all", is_flag=True, help="Closed actions too.")
@click.option("--json", "as_json", is_flag=True, help="Print the actions as JSON.")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write them to FILE.xlsx.")
@click.pass_obj
def list_actions(app: AppContext, partnership: str | None, show_all: bool, as_json: bool, output: Path | None) -> None:
    """The open actions of PARTNERSHIP, or of every partnership (with --all, closed ones too)."""
    if output is not None and output.suffix.lower() != ".xlsx":
        raise click.BadParameter(f"{output} must end in .xlsx", param_hint="'-o'")
    with user_errors():
        register = app.register
        summaries = register.list_partnerships()
        names = {s["id"]: s["name"] for s in summaries}
        everyone = [s["id"] for s in summaries if not s.get("lost")]  # a lost file has no actions to read
        pids = [register.resolve_partnership(partnership)] if partnership is not None else everyone
        actions = [a for pid in pids for a in register.list_actions(pid, open_only=not show_all)]
        if output is not None:
            from wizard.output import write_file

            write_file(output, _actions_xlsx(actions, names))
            click.echo(f"wrote {output}: {len(actions)} action{'' if len(actions) == 1 else 's'} (XLSX)")
            return
    if as_json:
        echo_json(actions)
        return
    if not actions:
        click.echo("No open actions." if not show_all else "No actions.")
    for a in actions:
        extra = [f"owner {a['owner']}" if a["owner"] else "", f"due {a['due']}" if a["due"] else ""]
        if a["status"] == "closed":
            extra.append(f"closed {a['closed_at'][:10]} by {a['closed_by']}")
        click.echo("  ".join([a["id"], a["status"], a["text"], *filter(None, extra)]))


def _actions_xlsx(actions: list[dict], names: dict[str, str]) -> bytes:
    """The actions as an Excel sheet, each column the action's field of that name (with its
    partnership's name beside the id, and the action's own id as action_id)."""
    from wizard.spreadsheets import workbook

    columns = (
        "partnership_id",
        "partnership",
        "action_id",
        "status",
        "text",
        "owner",
        "due",
        "source",
        "created_at",
        "closed_at",
        "closed_by",
    )
    rows = (
        [{"partnership": names.get(a["partnership_id"]), "action_id": a["id"]}.get(c, a.get(c)) for c in columns]
        for a in actions
    )
    return workbook("Actions", columns, rows, dates=("due", "created_at", "closed_at"))


@action.command("add")
@click.argument("partnership")
@click.argument("text")
@click.option("--owner", help="Who is to do it.")
@click.option("--due", type=IsoDate(), help="When by (DD/MM/YYYY or YYYY-MM-DD).")
@click.pass_obj
def add_action(app: AppContext, partnership: str, text: str, owner: str | None, due: datetime | None) -> None:
    """Add an action to PARTNERSHIP's plan; prints its id."""
    with user_errors():
        record = app.register.add_action(partnership, text, owner=owner, due=due.date() if due else None)
    click.echo(record["id"])
    click.echo(
        f"Added action {record['id']} to the plan of {record['partnership_id']}: "
        f"owner {record['owner'] or '-'}, due {record['due'] or '-'}",
        err=True,
    )


@action.command("update")
@click.argument("action_id", metavar="ACTION")
@click.option("--owner", help="Who is to do it.")
@click.option("--due", type=IsoDate(), help="When by (DD/MM/YYYY or YYYY-MM-DD).")
@click.pass_obj
def update_action(app: AppContext, action_id: str, owner: str | None, due: datetime | None) -> None:
    """Give an open ACTION (e.g. one raised by an answer) an owner and a due date."""
    if owner is None and due is None:
        raise click.UsageError("give --owner, --due or both")
    with user_errors():
        record = app.register.update_action(action_id, owner=owner, due=due.date() if due else None)
    click.echo(f"Updated {record['id']}: owner {record['owner'] or '-'}, due {record['due'] or '-'}", err=True)


@action.command("close")
@click.argument("action_id", metavar="ACTION")
@click.option("--by", required=True, help="Who closes it (name).")
@click.pass_obj
def close_action(app: AppContext, action_id: str, by: str) -> None:
    """Close ACTION, recording who closed it and when."""
    with user_errors():
        from store.ids import partnership_of

        record = app.register.close_action(partnership_of(action_id, "action"), action_id, by)
    click.echo(
        f"Closed {record['id']} ({record['text']}) by {record['closed_by']} on {record['closed_at'][:10]}", err=True
    )
