"""`pwiz risk add|list`: the risk register, by hand and as a CSV for the authority's own.

Risks also join the register when an assessment that raises them is signed
off (the risk check list). `risk list` with no partnership lists every
partnership's risks, highest score (likelihood × impact) first; `-o FILE.csv`
writes them for a spreadsheet (UTF-8 with a byte-order mark, formulas
defused), `-o FILE.xlsx` as an Excel sheet (wizard/spreadsheets.py), whole
or not at all.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import click

from wizard.cli.context import AppContext, echo_json, user_errors
from wizard.output import csv_cell

SCORE = click.IntRange(1, 5)
COLUMNS = (
    "partnership_id",
    "partnership",
    "risk_id",
    "score",
    "likelihood",
    "impact",
    "category",
    "description",
    "owner",
    "mitigation",
    "source",
    "created_at",
)


@click.group()
def risk() -> None:
    """The partnerships' risk register: add a risk, list or export them."""


@risk.command("add")
@click.argument("partnership")
@click.argument("description")
@click.option("--category", help="e.g. Financial, Reputational, Data.")
@click.option("--likelihood", type=SCORE, help="1 (very low) to 5 (very high).")
@click.option("--impact", type=SCORE, help="1 (very low) to 5 (very high).")
@click.option("--owner", help="Who manages it.")
@click.option("--mitigation", help="What reduces it.")
@click.pass_obj
def add_risk(app: AppContext, partnership: str, description: str, **fields: str | int | None) -> None:
    """Add a risk to PARTNERSHIP's risk register; prints its id."""
    with user_errors():
        record = app.register.add_risk(partnership, description, **fields)
    click.echo(record["id"])
    click.echo(
        f"Added risk {record['id']} to the risk register of {record['partnership_id']}: score {_score(record) or '-'}",
        err=True,
    )


@risk.command("list")
@click.argument("partnership", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the risks as JSON.")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path, dir_okay=False), help="Write them to FILE.csv or FILE.xlsx."
)
@click.pass_obj
def list_risks(app: AppContext, partnership: str | None, as_json: bool, output: Path | None) -> None:
    """The risks of PARTNERSHIP, or of every partnership; highest score first."""
    if output is not None and output.suffix.lower() not in (".csv", ".xlsx"):
        raise click.BadParameter(f"{output} must end in .csv or .xlsx", param_hint="'-o'")
    with user_errors():
        rows = _rows(app, partnership)
        if output is not None:
            from wizard.output import write_file

            excel = output.suffix.lower() == ".xlsx"
            write_file(output, _xlsx(rows) if excel else _csv(rows))
            click.echo(
                f"wrote {output}: {len(rows)} risk{'' if len(rows) == 1 else 's'} ({'XLSX' if excel else 'CSV'})"
            )
            return
    if as_json:
        echo_json([r for _, r in rows])
        return
    if not rows:
        click.echo("No risks.")
    for name, r in rows:
        details = [r.get("category") or "", f"owner {r['owner']}" if r.get("owner") else ""]
        click.echo("  ".join([r["id"], f"{_score(r) or '-':>2}", name, r["description"], *filter(None, details)]))


def _rows(app: AppContext, partnership: str | None) -> list[tuple[str, dict]]:
    """(partnership name, risk) for one partnership or all, highest score first, then by partnership."""
    register = app.register
    if partnership is not None:
        summaries = [register.get_partnership(partnership)]
    else:
        summaries = register.list_partnerships()
    rows = [(s["name"], r) for s in summaries for r in register.list_risks(s["id"])]
    return sorted(rows, key=lambda row: (-(_score(row[1]) or 0), row[0].casefold(), row[1]["id"]))


def _score(r: dict) -> int | None:
    return r["likelihood"] * r["impact"] if r.get("likelihood") and r.get("impact") else None


def _csv(rows: list[tuple[str, dict]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for name, r in rows:
        writer.writerow(
            [
                r["partnership_id"],
                csv_cell(name),
                r["id"],
                _score(r) or "",
                r.get("likelihood") or "",
                r.get("impact") or "",
                *(csv_cell(r.get(k) or "") for k in ("category", "description", "owner", "mitigation", "source")),
                r.get("created_at") or "",
            ]
        )
    return out.getvalue().encode("utf-8-sig")


def _xlsx(rows: list[tuple[str, dict]]) -> bytes:
    """The CSV's columns as an Excel sheet: each column is the risk's field of that name, but for the three
    the risk does not hold as such (its partnership's name, its id, its score)."""
    from wizard.spreadsheets import workbook

    def cell(name: str, r: dict, column: str) -> object:
        worked_out = {"partnership": name, "risk_id": r["id"], "score": _score(r)}
        return worked_out[column] if column in worked_out else r.get(column)

    dates = [column for column in COLUMNS if column.endswith(("_at", "_due", "_date"))]
    return workbook("Risks", COLUMNS, ([cell(name, r, column) for column in COLUMNS] for name, r in rows), dates)
