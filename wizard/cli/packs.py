"""`pwiz export PARTNERSHIP -o FILE.pdf [--sign-with CERT.p12]`, `pwiz report -o FILE.pdf|FILE.csv|FILE.xlsx`
and `pwiz report --annual [--year YYYY] -o annual.pdf`.

`pwiz verify FILE.pdf` lives in
wizard/cli/register.py; with a file it calls `verify_file(app, path)` here.

`--sign-with` signs the finished pack with the approver's certificate
(wizard/pdf/signing.py). The passphrase comes from PWIZ_P12_PASSPHRASE, or
a hidden prompt in a terminal; never from the command line, where other
users and the shell history would see it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from wizard.cli.context import AppContext, user_errors
from wizard.cli.params import language_option
from wizard.errors import UserError
from wizard.output import write_file

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID

PROGRESS_FROM = 25  # partnerships: below this a report is quick enough to need no bar
PASSPHRASE_VARIABLE = "PWIZ_P12_PASSPHRASE"


def _warn_replaced(lines: list[str], where: str) -> None:
    if lines:
        click.echo(
            f"pwiz: warning: {len(lines)} character(s) have no glyph in the font and are shown as [U+XXXX] in {where} "
            "(listed on its last page):",
            err=True,
        )
        for line in lines:
            click.echo(f"pwiz: warning:   {line}", err=True)


@click.command("export")
@click.argument("partnership")
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False), help="The PDF to write."
)
@click.option(
    "--sign-with",
    "certificate",
    type=click.Path(path_type=Path),
    metavar="CERT.p12",
    help=f"Sign the pack with this PKCS#12 certificate (passphrase: asked, or ${PASSPHRASE_VARIABLE}).",
)
@language_option
@click.pass_obj
def export(app: AppContext, partnership: str, output: Path, certificate: Path | None) -> None:
    """Write the approval pack of PARTNERSHIP (id or name) to a PDF.

    The pack holds the data sheet, significance and review schedule, every
    current assessment, flags, action plan, risks, changes since the last
    review and the sign-off, with the signed record attached so that
    'pwiz verify FILE.pdf' can prove it unaltered. A pack with anything not
    yet signed off says DRAFT on every page.

    With --sign-with the approver's certificate signs the whole file (PAdES),
    shown in a box on the sign-off page, and the sign-off in the register
    notes the certificate and the signing time. Only a signed-off pack can
    be signed. The passphrase is read from $PWIZ_P12_PASSPHRASE if set, else
    asked without echo.
    """
    credential = worker = None
    if certificate is not None:
        from wizard.signing.worker import Worker

        worker = Worker()  # loads pyHanko on another core while the pack is laid out
    try:
        with user_errors():
            if certificate is not None:
                from wizard.signing.credential import load_credential

                credential = load_credential(certificate, _passphrase(certificate))
            from wizard.issuing import issue_pack

            issued = issue_pack(
                app.governance,
                partnership,
                output,
                command="pwiz export",
                credential=credential,
                sign=worker.sign if worker is not None else None,
            )
    finally:
        if worker is not None:
            worker.close()
    result, signed = issued.result, issued.signed
    assert result is not None  # issue_pack always lays a pack out (only a countersignature has none)
    _warn_replaced(result.replaced, str(output))
    if result.draft:
        click.echo(
            f"wrote {output}: DRAFT approval pack of {result.partnership_id}, {result.pages} pages (not approved)"
        )
    elif signed is not None and credential is not None:
        click.echo(
            f"wrote {output}: approval pack of {result.partnership_id}, {result.pages} pages, record digest {result.digest}, "
            f"signed by {credential.common_name} (certificate SHA-256 {credential.fingerprint[:16]}…) at "
            f"{signed.info['signed_at']}; entered in the register as issued pack {issued.entry['id']}"
        )
    else:
        click.echo(
            f"wrote {output}: approval pack of {result.partnership_id}, {result.pages} pages, record digest {result.digest}; "
            f"entered in the register as issued pack {issued.entry['id']}"
        )


@click.command("sign")
@click.argument("pack", type=click.Path(path_type=Path, dir_okay=False), metavar="PACK.pdf")
@click.option(
    "--sign-with",
    "certificate",
    required=True,
    type=click.Path(path_type=Path),
    metavar="CERT.p12",
    help=f"Countersign with this PKCS#12 certificate (passphrase: asked, or ${PASSPHRASE_VARIABLE}).",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False), help="The PDF to write."
)
@click.option(
    "--trust",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of trusted certificates for the pack's signatures (default: the register's trusted-certificates/).",
)
@click.pass_obj
def sign(app: AppContext, pack: Path, certificate: Path, output: Path, trust: Path | None) -> None:
    """Countersign PACK.pdf, an approval pack already signed with a certificate (e.g. the Chair after the
    Chief Executive).

    The pack must verify first against the register; the new signature is
    added as an incremental update (every earlier signature stays valid), and
    OUT.pdf is entered in the register's ledger of issued packs, so that
    'pwiz verify OUT.pdf' names every signer.
    """
    with user_errors():
        from wizard.issuing import countersign_pack
        from wizard.signing.credential import load_credential

        if not pack.is_file():
            raise UserError(f"{pack} is not a file; give the path of a signed approval pack (.pdf)")
        credential = load_credential(certificate, _passphrase(certificate))
        issued = countersign_pack(app.governance, pack, output, credential, _trust(app, trust))
    assert issued.signed is not None  # a countersignature is always signed
    click.echo(
        f"wrote {output}: {pack.name} countersigned by {credential.common_name} (certificate SHA-256 "
        f"{credential.fingerprint[:16]}…) at {issued.signed.info['signed_at']}; entered in the register as issued pack "
        f"{issued.entry['id']}"
    )


def _trust(app: AppContext, folder: Path | None):
    """The trusted certificates: the folder given, else the register's own, else none."""
    from wizard.signing.signature_check import TRUST_FOLDER, load_trust

    if folder is None and (app.register.root / TRUST_FOLDER).is_dir():
        folder = app.register.root / TRUST_FOLDER
    return load_trust(folder)


def _passphrase(certificate: Path):
    """Ask for the passphrase only if the file needs one: the environment, else a hidden prompt."""

    def ask() -> str:
        given = os.environ.get(PASSPHRASE_VARIABLE)
        if given:  # set and not empty
            return given
        if sys.stdin.isatty():
            return click.prompt(
                f"Passphrase for {certificate}", hide_input=True, default="", show_default=False, err=True
            )
        raise UserError(
            f"{certificate} is protected by a passphrase; set {PASSPHRASE_VARIABLE} or run pwiz in a terminal to be asked"
        )

    return ask


@click.command("report")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="FILE.pdf, FILE.csv or FILE.xlsx (Excel).",
)
@click.option(
    "--annual",
    is_flag=True,
    help="The annual committee report (PDF): the year's reviews and approvals, overdue items, risk heat map, open actions.",
)
@click.option(
    "--year",
    type=click.IntRange(1900, 9999),
    metavar="YYYY",
    help="With --annual: the year reported (default: this year).",
)
@click.pass_obj
def report(app: AppContext, output: Path, annual: bool, year: int | None) -> None:
    """Write every partnership in the register to a PDF, CSV or Excel report.

    Type, significance, last sign-off, next review due, overdue, open
    actions and flags, high-risk partnerships first; the PDF ends with the
    heat map of the register's risks.

    With --annual, the paper for the Management Team and the Audit &
    Standards Committee: the year's sign-offs and approvals, reviews
    overdue today, the risk heat map and the open actions.
    """
    if annual or year is not None:
        _annual(app, output, annual, year)
        return
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "csv", "xlsx"):
        raise click.BadParameter(f"{output} must end in .pdf, .csv or .xlsx", param_hint="'-o'")
    if fmt == "xlsx":
        _report_xlsx(app, output)
        return
    with user_errors():
        from wizard.pdf.report import write_report

        register = app.register
        library = app.library
        progress = _Progress() if sys.stderr.isatty() else None
        try:
            count, replaced, warnings = write_report(
                register, library, output, fmt, progress=progress, write=write_file
            )
        finally:
            if progress is not None:
                progress.done()
    for line in warnings:
        click.echo(f"pwiz: warning: {line}", err=True)
    _warn_replaced(replaced, str(output))
    click.echo(f"wrote {output}: {count} partnerships ({fmt.upper()})")


def _report_xlsx(app: AppContext, output: Path) -> None:
    """The report's rows (those of the CSV) as an Excel sheet; the dates as dates."""
    from wizard.datasheet_columns import SHEET_COLUMNS
    from wizard.pdf.report import COLUMNS, gather_rows
    from wizard.spreadsheets import workbook

    with user_errors():
        rows, warnings = gather_rows(app.register, app.library, sheet=True)
        write_file(
            output,
            workbook(
                "Register",
                COLUMNS + SHEET_COLUMNS,
                ([getattr(row, c) for c in COLUMNS] + [row.sheet.get(c) for c in SHEET_COLUMNS] for row in rows),
                dates=("last_signoff", "next_review_due", "end_date", "contract_renewal_date"),
            ),
        )
    for line in warnings:
        click.echo(f"pwiz: warning: {line}", err=True)
    click.echo(f"wrote {output}: {len(rows)} partnerships (XLSX)")


def _annual(app: AppContext, output: Path, annual: bool, year: int | None) -> None:
    if not annual:
        raise click.UsageError("--year goes with --annual: pwiz report --annual --year YYYY -o annual.pdf")
    if output.suffix.lower() != ".pdf":
        raise click.BadParameter(f"{output} must end in .pdf (the annual report is a PDF)", param_hint="'-o'")
    with user_errors():
        from wizard.pdf.annual import write_annual

        result = write_annual(app.register, app.library, output, year, write=write_file)
    _warn_replaced(result.replaced, str(output))
    click.echo(f"wrote {output}: annual report {result.year}, {result.pages} pages (PDF)")


def verify_file(app: AppContext, path: Path, trust: Path | None = None) -> None:
    """`pwiz verify FILE.pdf`: print each check; exit 0 if the pack verifies, else 1.

    Checks the pack against its embedded record and digest, its pages, and
    the register (--db / PWIZ_DB, or the default one); and its certificate
    signature, if any, against the trusted certificates in `trust` (else in
    the register's trusted-certificates/ folder, if there is one).
    """
    with user_errors():
        from wizard.verify.pack_check import verify_pack

        if not path.is_file():
            raise UserError(f"{path} is not a file; give the path of an approval pack (.pdf)")
        ok, lines = verify_pack(path, app.register, app.library, trust=_trust(app, trust))
    for line in lines:
        click.echo(line)
    if not ok:
        if lines[-1] == "NOT PROVEN":
            click.echo(f"pwiz: error: {path} is not proven: see the notes above", err=True)
        else:
            click.echo(f"pwiz: error: {path} does not verify: see the FAILED lines above", err=True)
        sys.exit(1)


class _Progress:
    """A rich progress bar on stderr, shown only for registers big enough to wait for."""

    def __init__(self) -> None:
        self._bar: tuple[Progress, TaskID] | None = None  # the bar and its one task, once shown

    def start(self, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
        )

        bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[name]}", style="dim"),
            TimeElapsedColumn(),
            console=Console(file=sys.__stderr__),  # its own escape sequences: not through TerminalSafe
            transient=True,
        )
        bar.start()
        self._bar = (bar, bar.add_task("Reading partnerships", total=total, name=""))

    def advance(self, name: str) -> None:
        if self._bar is not None:
            bar, task = self._bar
            bar.update(task, advance=1, name=name[:40])

    def rendering(self) -> None:
        if self._bar is not None:
            bar, task = self._bar
            bar.update(task, description="Writing the PDF", name="")

    def done(self) -> None:
        if self._bar is not None:
            self._bar[0].stop()
            self._bar = None
