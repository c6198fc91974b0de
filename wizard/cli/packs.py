"""`pwiz export PARTNERSHIP -o FILE.pdf [--sign-with CERT.p12]` and `pwiz report -o FILE.pdf|FILE.csv`.

Register them with `register_commands(cli)`. `pwiz verify FILE.pdf` lives in
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

import click

from wizard.cli.context import AppContext, user_errors
from wizard.errors import UserError
from wizard.output import write_whole

PROGRESS_FROM = 25  # partnerships: below this a report is quick enough to need no bar
PASSPHRASE_VARIABLE = "PWIZ_P12_PASSPHRASE"


def register_commands(group: click.Group) -> None:
    group.add_command(export)
    group.add_command(report)


def _open_register(app: AppContext):
    from store import Register

    return Register.open(app.db_path)


def write_file(output: Path, data: bytes, before_rename=None) -> None:
    """Write the whole file or nothing: a temporary file beside it, then rename.

    `before_rename()` runs once the data is safely on disk; if it fails the
    temporary file is removed and `output` is left as it was."""
    folder = output.parent if str(output.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"cannot write {output}: the folder {folder} does not exist")
    try:
        write_whole(output, data, before_rename)
    except OSError as exc:
        raise UserError(f"cannot write {output}: {exc.strerror or exc}; check the folder is writable") from None


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
@click.option("-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False), help="The PDF to write.")
@click.option(
    "--sign-with",
    "certificate",
    type=click.Path(path_type=Path),
    metavar="CERT.p12",
    help=f"Sign the pack with this PKCS#12 certificate (passphrase: asked, or ${PASSPHRASE_VARIABLE}).",
)
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
    signed = credential = worker = None
    if certificate is not None:
        from wizard.pdf.sign_worker import Worker

        worker = Worker()  # loads pyHanko on another core while the pack is laid out
    try:
        with user_errors():
            if certificate is not None:
                from wizard.pdf.credential import SignatureStamp, load_credential

                credential = load_credential(certificate, _passphrase(certificate))
            from wizard.pdf.pack import build_pack

            register = _open_register(app)
            stamp = SignatureStamp.of(credential) if credential is not None else None
            result = build_pack(register, app.library, partnership, signature=stamp)
            pdf, note = result.pdf, None
            if credential is not None:
                signed = worker.sign(result, credential)
                pdf = signed.pdf
                info = {**signed.info, "file": output.name}

                def note():
                    register.add_pdf_signature(result.signoff_id, info)

            write_file(output, pdf, before_rename=note)
    finally:
        if worker is not None:
            worker.close()
    _warn_replaced(result.replaced, str(output))
    if result.draft:
        click.echo(f"wrote {output}: DRAFT approval pack of {result.partnership_id}, {result.pages} pages (not signed off)")
    elif signed is not None:
        click.echo(
            f"wrote {output}: approval pack of {result.partnership_id}, {result.pages} pages, record digest {result.digest}, "
            f"signed by {credential.common_name} (certificate SHA-256 {credential.fingerprint[:16]}…) at "
            f"{signed.info['signed_at']}; noted on sign-off {result.signoff_id}"
        )
    else:
        click.echo(f"wrote {output}: approval pack of {result.partnership_id}, {result.pages} pages, record digest {result.digest}")


def _passphrase(certificate: Path):
    """Ask for the passphrase only if the file needs one: the environment, else a hidden prompt."""

    def ask() -> str:
        given = os.environ.get(PASSPHRASE_VARIABLE)
        if given:  # set and not empty
            return given
        if sys.stdin.isatty():
            return click.prompt(f"Passphrase for {certificate}", hide_input=True, default="", show_default=False, err=True)
        raise UserError(
            f"{certificate} is protected by a passphrase; set {PASSPHRASE_VARIABLE} or run pwiz in a terminal to be asked"
        )

    return ask


@click.command("report")
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path, dir_okay=False), help="FILE.pdf or FILE.csv."
)
@click.pass_obj
def report(app: AppContext, output: Path) -> None:
    """Write every partnership in the register to a PDF or CSV report.

    Type, significance, last sign-off, next review due, overdue, open
    actions and flags, high-risk partnerships first.
    """
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in ("pdf", "csv"):
        raise click.BadParameter(f"{output} must end in .pdf or .csv", param_hint="'-o'")
    with user_errors():
        from wizard.pdf.report import write_report

        register = _open_register(app)
        library = app.library
        progress = _Progress() if sys.stderr.isatty() else None
        try:
            count, replaced, warnings = write_report(register, library, output, fmt, progress=progress, write=write_file)
        finally:
            if progress is not None:
                progress.done()
    for line in warnings:
        click.echo(f"pwiz: warning: {line}", err=True)
    _warn_replaced(replaced, str(output))
    click.echo(f"wrote {output}: {count} partnerships ({fmt.upper()})")


def verify_file(app: AppContext, path: Path, trust: Path | None = None) -> None:
    """`pwiz verify FILE.pdf`: print each check; exit 0 if the pack verifies, else 1.

    Checks the pack against its embedded record and digest, its pages, and
    the register (--db / PWIZ_DB, or the default one); and its certificate
    signature, if any, against the trusted certificates in `trust` (else in
    the register's trusted-certificates/ folder, if there is one).
    """
    with user_errors():
        from wizard.pdf.signature_check import TRUST_FOLDER, load_trust
        from wizard.pdf.verify import verify_pack

        if not path.is_file():
            raise UserError(f"{path} is not a file; give the path of an approval pack (.pdf)")
        register = _open_register(app)
        if trust is None and (register.root / TRUST_FOLDER).is_dir():
            trust = register.root / TRUST_FOLDER
        ok, lines = verify_pack(path, register, app.library, trust=load_trust(trust))
    for line in lines:
        click.echo(line)
    if not ok:
        click.echo(f"pwiz: error: {path} does not verify: see the FAILED lines above", err=True)
        sys.exit(1)


class _Progress:
    """A rich progress bar on stderr, shown only for registers big enough to wait for."""

    def __init__(self) -> None:
        self._bar = None
        self._task = None

    def start(self, total: int) -> None:
        if total < PROGRESS_FROM:
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self._bar = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[name]}", style="dim"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self._bar.start()
        self._task = self._bar.add_task("Reading partnerships", total=total, name="")

    def advance(self, name: str) -> None:
        if self._bar is not None:
            self._bar.update(self._task, advance=1, name=name[:40])

    def rendering(self) -> None:
        if self._bar is not None:
            self._bar.update(self._task, description="Writing the PDF", name="")

    def done(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
