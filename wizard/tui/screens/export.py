"""Export the approval pack of one partnership as a PDF file.

Asks where to write it (default: the current folder), builds the pack in a
background thread with the PDF writer (wizard.pdf.pack), writes the file
and says what it wrote: pages, and the digest or DRAFT.

Optionally signs it with the approver's certificate (a PKCS#12 file and its
passphrase, typed into a password box), exactly as `pwiz export --sign-with`
does (wizard.issuing): the pack, with its signature, is entered in the
register's ledger just before the file is put in place, so a failure leaves neither.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from wizard.tui.app import PwizApp
from wizard.tui.display import esc as escape
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.screens.dialog_keys import DIALOG_BINDINGS
from wizard.tui.widgets.key_bar import KeyBar


def default_pack_path(name: str, folder: Path | None = None) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "partnership"
    return (folder or Path.cwd()) / f"{slug}-approval-pack.pdf"


class ExportScreen(ModalScreen[Path | None]):
    """Write the approval pack; dismisses with the path written, or None."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "dialogs.tcss"
    DEFAULT_CSS = """
    #export-sign-note { color: $text-muted; margin-top: 1; }
    #export-dialog .form-row { height: auto; }
    #export-dialog .form-row > .row-label { width: 12; color: $text-muted; }
    #export-dialog .form-row > Input { width: 1fr; }
    """
    BINDINGS = [Binding("escape", "close", "Close", id="export.close"), *DIALOG_BINDINGS]

    def __init__(self, partnership_id: str, name: str) -> None:
        super().__init__()
        self.pid = partnership_id
        self.partnership_name = name
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog", id="export-dialog"):
            yield Static(f"Export the approval pack\n{escape(self.partnership_name)}", classes="dialog-title")
            yield Label("Write the PDF to", classes="field-label")
            yield Input(str(default_pack_path(self.partnership_name)), id="export-path")
            yield Static("Sign with your certificate (optional; the pack must be signed off):", id="export-sign-note")
            with Horizontal(classes="form-row"):
                yield Label("Certificate", classes="row-label")
                yield Input(placeholder="your .p12 or .pfx file; empty: do not sign", id="export-cert", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Passphrase", classes="row-label")
                yield Input(
                    placeholder="the certificate's passphrase", id="export-passphrase", password=True, compact=True
                )
            yield Static("", id="export-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="export-close", compact=True)
                yield Button("Write PDF", id="export-write", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    @on(Input.Submitted, "#export-cert")
    @on(Input.Submitted, "#export-passphrase")
    @on(Button.Pressed, "#export-write")
    def _write(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._say("[red]Give a file name ending in .pdf.[/]")
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(path.suffix + ".pdf") if path.suffix else path.with_suffix(".pdf")
        cert_text = self.query_one("#export-cert", Input).value.strip()
        certificate = Path(cert_text).expanduser() if cert_text else None
        passphrase = self.query_one("#export-passphrase", Input).value
        self._say("Writing and signing the pack…" if certificate else "Writing the pack…")
        self.query_one("#export-write", Button).disabled = True
        self.build(path, certificate, passphrase)

    @work(thread=True, exclusive=True)
    def build(self, path: Path, certificate: Path | None = None, passphrase: str = "") -> None:
        from wizard.issuing import issue_pack

        try:
            credential = None
            if certificate is not None:
                from wizard.signing.credential import load_credential

                credential = load_credential(certificate, _typed(certificate, passphrase))
            path.parent.mkdir(parents=True, exist_ok=True)
            result = issue_pack(
                self.app.governance,
                self.pid,
                path,
                command="pwiz (wizard export)",
                credential=credential,
                today=self.app.today,
            ).result
        except SHOWN_ERRORS as exc:
            self.app.call_from_thread(self._failed, describe(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a PDF writer failure must not take the wizard down
            self.app.call_from_thread(self._failed, f"the PDF writer failed: {type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._done, path, result, credential)

    def _failed(self, message: str) -> None:
        self.query_one("#export-write", Button).disabled = False
        self._say(f"[red]Not written: {escape(message)}[/]")

    def _done(self, path: Path, result: Any, credential: Any = None) -> None:
        self.written = path
        seal = "DRAFT (the partnership is not approved as it stands)" if result.draft else f"digest {result.digest}"
        signed = ""
        if credential is not None:
            self.query_one("#export-passphrase", Input).value = ""  # keep no secret on screen longer than needed
            signed = (
                f"\nSigned by {escape(credential.common_name)} (certificate SHA-256 {credential.fingerprint[:16]}…)"
            )
        self._say(f"[green]Wrote {escape(str(path))}[/]\n{result.pages} pages · {seal}{signed}")
        self.query_one("#export-write", Button).disabled = False
        self.query_one("#export-close", Button).focus()

    def _say(self, text: str) -> None:
        self.query_one("#export-result", Static).update(text)

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        self.dismiss(self.written)


def _typed(certificate: Path, passphrase: str):
    """The passphrase box, asked only if the certificate file is protected."""
    from wizard.errors import UserError

    def ask() -> str:
        if not passphrase:
            raise UserError(f"{certificate} is protected by a passphrase; type it in the Passphrase box")
        return passphrase

    return ask
