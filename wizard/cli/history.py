"""`pwiz history PARTNERSHIP`: who changed what, and when, from the shared register's audit trail.

The database records every change with the login that made it (store.postgres.schema);
wizard.history words each one. A register folder keeps no such trail, and says so in one line.
The table is rich's, so that a long change wraps inside its column (wide CJK characters
counted as two) rather than running off the terminal; every cell is plain text, so brackets
in what people typed are shown as typed, never read as markup.
"""

from __future__ import annotations

import click

from wizard.cli.context import AppContext, echo_json, user_errors
from wizard.errors import UserError


@click.command()
@click.argument("partnership")
@click.option("--assessment", "assessment_id", metavar="AID", help="Only the changes to this assessment.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the changes as JSON (each with its full before and after)."
)
@click.pass_obj
def history(app: AppContext, partnership: str, assessment_id: str | None, as_json: bool) -> None:
    """Who changed what in PARTNERSHIP (id or name), and when, oldest first (a shared register only).

    One line per change: each answer (by question id), each data-sheet field, each action,
    risk, document and decision, with the login that made it as the database recorded it.
    """
    from wizard import history as trail

    with user_errors():
        entries = app.governance.history(partnership)
        if assessment_id is not None:
            assessment_id = assessment_id.strip()
            pid = app.register.resolve_partnership(partnership)
            if assessment_id not in {a["id"] for a in app.register.list_assessments(pid)}:
                raise UserError(
                    f"partnership {pid} has no assessment {assessment_id}; 'pwiz partnership show {pid}' lists them"
                )
            entries = trail.of_assessment(entries, assessment_id)
    if as_json:
        echo_json([entry.as_json() for entry in entries])
    elif not entries:
        click.echo("No changes recorded.")
    else:
        _table(entries)


def _table(entries: list) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, show_edge=False, header_style="bold")
    table.add_column("WHEN", no_wrap=True)
    table.add_column("WHO", overflow="fold", max_width=30)
    table.add_column("WHAT", overflow="fold", ratio=1)
    for entry in entries:
        table.add_row(Text(entry.when), Text(entry.who), Text(entry.what))
    console = Console(highlight=False, markup=False, emoji=False)
    with console.capture() as captured:
        console.print(table)
    click.echo("\n".join(line.rstrip() for line in captured.get().splitlines()))
