"""`pwiz evidence add|list|show|export`: the documents kept with a partnership (store.evidence).

An agreement, an information sharing agreement, terms of reference, minutes
or an insurance certificate is copied into the register, named by its
SHA-256; the partnership's record of it says what it is, when it was signed,
when it expires and which assessment (and question) it supports. `export`
gives the bytes back exactly as attached, after checking them.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click

from store.evidence import KINDS, read_source
from wizard.cli.context import AppContext, echo_json, user_errors
from wizard.cli.params import IsoDate


@click.group()
def evidence() -> None:
    """Documents kept with a partnership: agreements, ISAs, terms of reference, minutes, insurance."""


@evidence.command("add")
@click.argument("partnership")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True, exists=False))
@click.option(
    "--assessment", "assessment_id", metavar="AID", help="The assessment it supports (its sign-off covers it)."
)
@click.option("--question", "question_id", metavar="QID", help="The question of that assessment it answers.")
@click.option("--kind", type=click.Choice(KINDS), default="other", show_default=True, help="What the document is.")
@click.option("--signed", type=IsoDate(), help="When it was signed (DD/MM/YYYY or YYYY-MM-DD).")
@click.option("--expires", type=IsoDate(), help="When it expires or is due for renewal; 'pwiz due' lists it.")
@click.option("--title", help="What to call it (default: its file name).")
@click.pass_obj
def add(
    app: AppContext,
    partnership: str,
    file: Path,
    signed: datetime | None,
    expires: datetime | None,
    **fields: str | None,
) -> None:
    """Attach FILE to PARTNERSHIP (id or name); prints the evidence id.

    The file is copied into the register, named by its SHA-256, at most 25 MB;
    pwiz never opens or runs it. Attaching the same file again adds nothing.
    """
    if fields["question_id"] and not fields["assessment_id"]:
        raise click.UsageError("--question names a question of the assessment given with --assessment")
    dates = {"signed": signed.date() if signed else None, "expires": expires.date() if expires else None}
    with user_errors():
        if fields["question_id"]:  # the questionnaires are loaded only to check a question named
            app.governance.check_evidence_question(str(fields["assessment_id"]), fields["question_id"])
        record, new = app.register.add_evidence(partnership, read_source(file), file.name, **fields, **dates)
    click.echo(record["id"])
    what = f"{record.get('title') or record['file_name']} ({record['kind']}, {_size(record['size'])})"
    if new:
        click.echo(f"Attached {what} to partnership {record['partnership_id']} as {record['id']}", err=True)
    else:
        click.echo(
            f"{file} is already attached to partnership {record['partnership_id']} as {record['id']}: nothing added "
            "(its stored copy is whole)",
            err=True,
        )


@evidence.command("list")
@click.argument("partnership")
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON.")
@click.pass_obj
def list_(app: AppContext, partnership: str, as_json: bool) -> None:
    """List the documents of PARTNERSHIP (id or name), oldest first."""
    with user_errors():
        records = app.register.list_evidence(partnership)
    if as_json:
        echo_json(records)
        return
    if not records:
        click.echo("No documents attached yet: attach one with 'pwiz evidence add PARTNERSHIP FILE'.")
        return
    from wizard.cli.overview import _table

    _table(
        ("ID", "KIND", "TITLE", "SIGNED", "EXPIRES", "SIZE", "SUPPORTS"),
        [
            (
                r["id"],
                r["kind"],
                r.get("title") or r["file_name"],
                r.get("signed") or "-",
                r.get("expires") or "-",
                _size(r["size"]),
                _supports(r),
            )
            for r in records
        ],
    )


@evidence.command("show")
@click.argument("evidence_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@click.pass_obj
def show(app: AppContext, evidence_id: str, as_json: bool) -> None:
    """Show one document's record: what it is, its dates, its SHA-256 and what it supports."""
    with user_errors():
        record = app.register.get_evidence(evidence_id.strip())
    if as_json:
        echo_json(record)
        return
    rows = (
        ("Evidence", record["id"]),
        ("Partnership", record["partnership_id"]),
        ("Title", record.get("title") or "-"),
        ("Kind", record["kind"]),
        ("File name", record["file_name"]),
        ("Media type", record["media_type"]),
        ("Size", _size(record["size"]) + (f" ({record['size']:,} bytes)" if record["size"] >= 1000 else "")),
        ("SHA-256", record["sha256"]),
        ("Signed", record.get("signed") or "-"),
        ("Expires", record.get("expires") or "-"),
        ("Supports", _supports(record)),
        ("Attached", record["added_at"]),
    )
    for label, value in rows:
        click.echo(f"{label + ':':<13}{value}")


@evidence.command("export")
@click.argument("evidence_id", metavar="ID")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="The file to write (default: stdout, when redirected)."
)
@click.pass_obj
def export(app: AppContext, evidence_id: str, output: Path | None) -> None:
    """Write a document's bytes, exactly as attached, to a file (checked against its SHA-256 first)."""
    if output is None and sys.stdout.isatty():
        raise click.UsageError("give -o FILE, or redirect the output to a file (pwiz evidence export ID > FILE)")
    with user_errors():
        data = app.register.evidence_data(evidence_id.strip())
        if output is None:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        from wizard.output import write_file

        write_file(output, data)
    click.echo(f"Wrote {output} ({_size(len(data))}, SHA-256 matches the register)")


def _supports(record: dict) -> str:
    """What a document supports: the partnership as a whole, or an assessment (and question)."""
    if not record.get("assessment_id"):
        return "the partnership"
    return record["assessment_id"] + (f" {record['question_id']}" if record.get("question_id") else "")


def _size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB"
    return f"{size / 1_000_000:.1f} MB"
