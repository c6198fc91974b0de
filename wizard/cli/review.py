"""The review cycle: `pwiz review`, `pwiz confirm`, and `pwiz action list|add|close`.

Like `assess`, commands that create or change records print the ids
scripts need on stdout and what they did on stderr.
"""

from __future__ import annotations

from datetime import datetime

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
@click.argument("partnership")
@click.option("--all", "show_all", is_flag=True, help="Closed actions too.")
@click.option("--json", "as_json", is_flag=True, help="Print the actions as JSON.")
@click.pass_obj
def list_actions(app: AppContext, partnership: str, show_all: bool, as_json: bool) -> None:
    """The open actions of PARTNERSHIP (with --all, closed ones too)."""
    with user_errors():
        actions = app.register.list_actions(partnership, open_only=not show_all)
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
