"""`pwiz risk add|update|close|list`: the risk register, by hand and as a CSV for the authority's own.

Risks also join the register when an assessment that raises them is signed
off (the risk check list). A risk is scored likelihood × impact (1-5 each, in
the standard wording of store.records), owned, treated, reviewed at the
partnership's risk-review interval (`update` is a review) and closed with who
and why. `risk list` with no partnership lists every partnership's risks,
highest score (likelihood × impact) first, closed ones last; `-o FILE.csv`
writes them for a spreadsheet (UTF-8 with a byte-order mark, formulas
defused), `-o FILE.xlsx` as an Excel sheet (wizard/spreadsheets.py), whole
or not at all.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import click

from store.records import score
from wizard.cli.context import AppContext, echo_json, user_errors
from wizard.cli.params import IsoDate
from wizard.output import csv_cell
from wizard.wording import IMPACT_WORDS, LIKELIHOOD_WORDS, NOT_SCORED, scored

SCORE = click.IntRange(1, 5)
LIKELIHOOD_HELP = "1-5: " + ", ".join(f"{n} {word}" for n, word in LIKELIHOOD_WORDS.items()) + "."
IMPACT_HELP = "1-5: " + ", ".join(f"{n} {word}" for n, word in IMPACT_WORDS.items()) + "."
OPEN_STATUSES = ("open", "treated", "accepted")  # closing is `risk close`: it records who and why
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
    "status",
    "target_score",
    "review_due",
)


@click.group()
def risk() -> None:
    """The partnerships' risk register: add, update, close, list or export risks."""


@risk.command("add")
@click.argument("partnership")
@click.argument("description")
@click.option("--category", help="e.g. Financial, Reputational, Data.")
@click.option("--likelihood", type=SCORE, help=LIKELIHOOD_HELP)
@click.option("--impact", type=SCORE, help=IMPACT_HELP)
@click.option("--owner", help="Who manages it.")
@click.option("--mitigation", help="What reduces it.")
@click.pass_obj
def add_risk(app: AppContext, partnership: str, description: str, **fields: str | int | None) -> None:
    """Add a risk to PARTNERSHIP's risk register; prints its id."""
    with user_errors():
        record = app.register.add_risk(partnership, description, **fields)
    click.echo(record["id"])
    click.echo(
        f"Added risk {record['id']} to the risk register of {record['partnership_id']}: score {record['score'] or 'not scored'}",
        err=True,
    )


@risk.command("update")
@click.argument("risk_id", metavar="RISK")
@click.option("--likelihood", type=SCORE, help=LIKELIHOOD_HELP)
@click.option("--impact", type=SCORE, help=IMPACT_HELP)
@click.option("--owner", help="Who manages it.")
@click.option("--mitigation", help="What is done to reduce it (the treatment).")
@click.option("--target-likelihood", type=SCORE, help="The likelihood once treated (1-5).")
@click.option("--target-impact", type=SCORE, help="The impact once treated (1-5).")
@click.option("--review-date", "review_due", type=IsoDate(), help="Next review, if not the partnership's interval.")
@click.option("--status", type=click.Choice(OPEN_STATUSES), help="open, treated or accepted (close with 'risk close').")
@click.pass_obj
def update_risk(app: AppContext, risk_id: str, review_due: datetime | None, **given: str | int | None) -> None:
    """Review RISK: change its scores, owner, mitigation, target or status.

    Its next review falls due at the partnership's interval from today (quarterly when of
    high significance), unless --review-date says when."""
    fields: dict[str, object] = {name: value for name, value in given.items() if value is not None}
    if review_due is not None:
        fields["review_due"] = review_due.date()
    if not fields:
        raise click.UsageError("give at least one of the options to change (see 'pwiz risk update --help')")
    with user_errors():
        record = app.register.update_risk(risk_id, **fields)
    click.echo(
        f"Updated {record['id']}: {scored(record['likelihood'], record['impact'])}, {record['status']}, "
        f"owner {record['owner'] or '-'}, next review {record['review_due']}",
        err=True,
    )


@risk.command("close")
@click.argument("risk_id", metavar="RISK")
@click.option("--by", required=True, help="Who closes it (name).")
@click.option("--reason", required=True, help="Why it is closed, e.g. funding secured.")
@click.pass_obj
def close_risk(app: AppContext, risk_id: str, by: str, reason: str) -> None:
    """Close RISK, recording who closed it, when and why."""
    with user_errors():
        record = app.register.close_risk(None, risk_id, by, reason)
    click.echo(
        f"Closed {record['id']} ({record['description']}) by {record['closed_by']} "
        f"on {record['closed_at'][:10]}: {record['close_reason']}",
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
        click.echo(risk_line(r, name))


def risk_line(r: dict, partnership: str | None = None) -> str:
    """One risk as `risk list` and `partnership show` print it: id, score, status, review, what it is."""
    details = [r.get("category") or "", f"owner {r['owner']}" if r.get("owner") else ""]
    named = [partnership] if partnership else []
    return "  ".join([r["id"], _score_text(r), *_lifecycle(r), *named, r["description"], *filter(None, details)])


def _score_text(r: dict) -> str:
    found = _score(r)
    return f"{found:>2}" if found else NOT_SCORED


def _lifecycle(r: dict) -> list[str]:
    """The status, and the next review or how it was closed (a risk written before these were kept: open)."""
    status = r.get("status") or "open"
    if status == "closed":
        return [status, f"closed {str(r.get('closed_at'))[:10]} by {r.get('closed_by')}"]
    return [status, f"review {r['review_due']}" if r.get("review_due") else "no review date"]


def _rows(app: AppContext, partnership: str | None) -> list[tuple[str, dict]]:
    """(partnership name, risk) for one partnership or all, highest score first, then by partnership."""
    register = app.register
    if partnership is not None:
        summaries = [register.get_partnership(partnership)]
    else:
        summaries = register.list_partnerships()
    rows = [(s["name"], r) for s in summaries for r in register.list_risks(s["id"])]
    return sorted(
        rows,
        key=lambda row: (row[1].get("status") == "closed", -(_score(row[1]) or 0), row[0].casefold(), row[1]["id"]),
    )


def _score(r: dict) -> int | None:
    return score(r.get("likelihood"), r.get("impact"))


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
                r.get("status") or "open",
                score(r.get("target_likelihood"), r.get("target_impact")) or "",
                r.get("review_due") or "",
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
