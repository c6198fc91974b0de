"""`pwiz association add|list|show|update`: the Association Register (001, store/associations.py).

The associations and groups members and officers belong to are not
partnerships: no questionnaire, sign-off or significance; a data sheet and a
yearly evaluation each. The scope questionnaire sends a body here when it is a
network or professional body (`pwiz assess` and `pwiz signoff` then print the
`association add` command, with `--partnership`, which copies the
partnership's name, purpose, partners and representatives into the sheet).

Evaluation options record the evaluation of the day given by --evaluated-on
(today by default); given again for the same day, they change that one.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import click

from store.associations import ANSWERS, HOLDERS, KINDS, RECOMMENDATIONS, STATUSES
from wizard.cli.context import AppContext, echo_json, user_errors
from wizard.cli.overview import _table
from wizard.cli.params import IsoDate, Money

LABEL_WIDTH = 21  # "Other organisations:" and a space
EVALUATION_OPTIONS = (
    "evaluated_on",
    "evaluated_by",
    "benefit",
    "reports_back",
    "corporate_views",
    "equality_conflict",
    "recommendation",
    "notes",
    "next_review",
)


def sheet_options(status_default: str | None):
    """The data sheet's and the evaluation's options, shared by `add` and `update`."""
    options = (
        click.option("--kind", type=click.Choice(KINDS), help="What it is (001: an association or group, a network)."),
        click.option("--purpose", help="What it is for."),
        click.option("--member", "members", multiple=True, help="An elected member who belongs (repeatable)."),
        click.option("--officer", "officers", multiple=True, help="An officer who belongs (repeatable)."),
        click.option("--organisation", "organisations", multiple=True, help="Another body in it (repeatable)."),
        click.option(
            "--held-by", "membership_held_by", type=click.Choice(HOLDERS), help="Whose membership it is (002 App. 1)."
        ),
        click.option("--contact", help="Its contact or address."),
        click.option("--subscription", type=Money(), help="What membership costs a year, in pounds."),
        click.option("--joined", "joined_on", type=IsoDate(), help="When we joined."),
        click.option("--approved-by", help="Who approved joining (001: the Chief Executive)."),
        click.option("--approved-on", type=IsoDate(), help="When joining was approved."),
        click.option(
            "--status",
            type=click.Choice(STATUSES),
            default=status_default,
            show_default=status_default is not None,
        ),
        click.option("--partnership", help="The partnership (id or name) whose scope screening sent it here."),
        click.option("--evaluated-on", type=IsoDate(), help="Evaluation: its date (default today)."),
        click.option("--evaluated-by", help="Evaluation: who evaluated it."),
        click.option("--benefit", help="Evaluation: how the Authority benefits."),
        click.option("--reports-back", type=click.Choice(ANSWERS), help="Evaluation: do representatives report back?"),
        click.option(
            "--corporate-views", type=click.Choice(ANSWERS), help="Evaluation: do they reflect the Authority's views?"
        ),
        click.option(
            "--equality-conflict",
            type=click.Choice(ANSWERS),
            help="Evaluation: is it likely to conflict with the Equality Scheme?",
        ),
        click.option("--recommendation", type=click.Choice(RECOMMENDATIONS), help="Evaluation: what to do next."),
        click.option("--notes", help="Evaluation: notes."),
        click.option("--next-review", type=IsoDate(), help="Evaluation: next one due (default a year on)."),
    )

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@click.group()
def association() -> None:
    """The Association Register (001): associations and groups members and officers belong to."""


@association.command("add")
@click.argument("name")
@sheet_options(status_default="proposed")
@click.pass_obj
def add(app: AppContext, name: str, **options: Any) -> None:
    """Add an association to the Association Register; prints its id (alone, on stdout).

    With --partnership, its name, purpose, partners and representatives fill
    what the other options leave out.
    """
    with user_errors():
        fields, evaluation = _given(app, options)
        if "partnership_id" in fields:
            from_partnership = app.governance.association_from(fields["partnership_id"])
            from_partnership.pop("name")
            fields = {**from_partnership, **fields}
        record = app.register.associations.add(name, evaluation or None, **fields)
    click.echo(record["id"])
    click.echo(f'Added association {record["id"]} "{record["name"]}" to the Association Register', err=True)


@association.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the associations as JSON.")
@click.pass_obj
def list_(app: AppContext, as_json: bool) -> None:
    """List the associations in the Association Register, by name."""
    with user_errors():
        records = app.register.associations.all()
    if as_json:
        echo_json(records)
    elif not records:
        click.echo("No associations in the Association Register yet: add one with 'pwiz association add NAME'.")
    else:
        rows = [
            (
                a["id"],
                a["name"],
                a["kind"] or "-",
                a["membership_held_by"] or "-",
                a["status"],
                str(len(a["members"])),
                _latest(a).get("evaluated_on") or "-",
                _latest(a).get("next_review") or "-",
            )
            for a in records
        ]
        _table(("ID", "NAME", "KIND", "HELD BY", "STATUS", "MEMBERS", "EVALUATED", "NEXT REVIEW"), rows)


@association.command("show")
@click.argument("association_id", metavar="ASSOCIATION")
@click.option("--json", "as_json", is_flag=True, help="Print the association and its evaluations as JSON.")
@click.pass_obj
def show(app: AppContext, association_id: str, as_json: bool) -> None:
    """Show one association (id or name): its data sheet and evaluations."""
    with user_errors():
        record = app.register.associations.get(association_id)
    if as_json:
        echo_json(record)
        return
    for label, value in sheet_rows(record):
        click.echo(f"{label + ':':<{LABEL_WIDTH}}{value}")
    click.echo(f"\nEvaluations ({len(record['evaluations'])}):")
    for evaluation in reversed(record["evaluations"]):
        for label, value in evaluation_rows(evaluation):
            click.echo(f"  {label + ':':<{LABEL_WIDTH + 8}}{value}")
        click.echo("")
    if not record["evaluations"]:
        click.echo(f"  (none: record one with 'pwiz association update {record['id']} --evaluated-by NAME ...')")


@association.command("update")
@click.argument("association_id", metavar="ASSOCIATION")
@click.option("--name", help="Its new name.")
@sheet_options(status_default=None)
@click.pass_obj
def update(app: AppContext, association_id: str, name: str | None, **options: Any) -> None:
    """Change the data sheet of ASSOCIATION (id or name) or record its evaluation; prints what changed.

    A repeatable option (--member, --officer, --organisation) replaces the
    whole list it gives.
    """
    with user_errors():
        associations = app.register.associations
        before = associations.get(association_id)
        fields, evaluation = _given(app, {**options, "name": name})
        if not fields and not evaluation:
            raise click.UsageError("give at least one field to change, e.g. --status active")
        if "members" in fields:  # --member replaces the members, --officer the officers
            kinds = {m["kind"] for m in fields["members"]}
            fields["members"] = [*fields["members"], *(m for m in before["members"] if m["kind"] not in kinds)]
        if evaluation:
            same_day = [e for e in before["evaluations"] if e["evaluated_on"] == evaluation["evaluated_on"]]
            evaluation = {**(same_day[0] if same_day else {}), **evaluation}
        after = associations.update(before["id"], before["revision"], evaluation or None, **fields)
    changed = _changed(sheet_rows(before), sheet_rows(after))
    if evaluation:
        day = evaluation["evaluated_on"]
        earlier: dict[str, Any] = next((e for e in before["evaluations"] if e["evaluated_on"] == day), {})
        now = next(e for e in after["evaluations"] if e["evaluated_on"] == day)
        changed += _changed(evaluation_rows(earlier), evaluation_rows(now), f"Evaluation {day}: ")
    if not changed:
        click.echo(f'Nothing changed: association {after["id"]} "{after["name"]}" already reads so.')
        return
    click.echo(f'Updated association {after["id"]} "{after["name"]}":')
    for line in changed:
        click.echo(f"  {line}")


def _changed(before: list[tuple[str, str]], after: list[tuple[str, str]], prefix: str = "") -> list[str]:
    """ "LABEL: OLD -> NEW" for each row that differs."""
    return [f"{prefix}{label}: {old} -> {new}" for (label, old), (_, new) in zip(before, after) if old != new]


def _given(app: AppContext, options: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The data-sheet fields and the evaluation the options give, in the store's terms; options not given left out."""
    given = {key: list(value) if isinstance(value, tuple) else value for key, value in options.items()}
    members, officers = given.pop("members"), given.pop("officers")
    given["members"] = [{"name": n, "kind": "member"} for n in members] + [
        {"name": n, "kind": "officer"} for n in officers
    ]
    partnership = given.pop("partnership")
    if partnership is not None:
        given["partnership_id"] = app.register.resolve_partnership(partnership)
    given = {key: value.date().isoformat() if isinstance(value, datetime) else value for key, value in given.items()}
    evaluation = {key: given.pop(key) for key in EVALUATION_OPTIONS}
    evaluation = {key: value for key, value in evaluation.items() if value is not None}
    if evaluation:
        evaluation.setdefault("evaluated_on", date.today().isoformat())
    return {key: value for key, value in given.items() if value not in (None, [])}, evaluation


def _latest(record: dict) -> dict:
    return record["evaluations"][-1] if record["evaluations"] else {}


def sheet_rows(record: dict) -> list[tuple[str, str]]:
    """The data sheet as (label, text) rows, as `show` prints it and `update` compares it."""
    members = [f"{m['name']} ({m['kind']})" for m in record["members"]]
    subscription = record["subscription"]
    rows = [
        ("Id", record["id"]),
        ("Name", record["name"]),
        ("Kind", record["kind"]),
        ("Purpose", record["purpose"]),
        ("Members", ", ".join(members)),
        ("Membership held by", record["membership_held_by"]),
        ("Other organisations", ", ".join(record.get("organisations") or [])),
        ("Contact", record["contact"]),
        ("Subscription", None if subscription is None else f"£{subscription:,.2f} a year"),
        ("Joined", record["joined_on"]),
        ("Approved by", record["approved_by"]),
        ("Approved on", record["approved_on"]),
        ("Status", record["status"]),
        ("Partnership", record["partnership_id"]),
    ]
    return [(label, value or "-") for label, value in rows]


def evaluation_rows(evaluation: dict) -> list[tuple[str, str]]:
    rows = [
        ("Evaluated on", evaluation.get("evaluated_on")),
        ("Evaluated by", evaluation.get("evaluated_by")),
        ("Benefit to the Authority", evaluation.get("benefit")),
        ("Representatives report back", evaluation.get("reports_back")),
        ("Reflect corporate views", evaluation.get("corporate_views")),
        ("Equality Scheme conflict", evaluation.get("equality_conflict")),
        ("Recommendation", evaluation.get("recommendation")),
        ("Notes", evaluation.get("notes")),
        ("Next review", evaluation.get("next_review")),
    ]
    return [(label, value or "-") for label, value in rows]
