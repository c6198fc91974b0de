"""Export the approval pack of one partnership as a PDF file.

Asks where to write it (default: the current folder), builds the pack in a
background thread with the PDF writer (wizard.pdf.pack), writes the file
and says what it wrote: pages, and the digest or DRAFT.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Label, Static

from wizard.tui.display import esc as escape
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.screens.dialog_keys import DIALOG_BINDINGS


def default_pack_path(name: str, folder: Path | None = None) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", name.casefold()).strip("-") or "partnership"
    return (folder or Path.cwd()) / f"{slug}-approval-pack.pdf"


def write_file(path: Path, data: bytes) -> None:
    """Write atomically: a half-written pack never replaces a good one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


class ExportScreen(ModalScreen[Path | None]):
    """Write the approval pack; dismisses with the path written, or None."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "close", "Close", id="export.close"), *DIALOG_BINDINGS]

    def __init__(self, partnership_id: str, name: str) -> None:
        super().__init__()
        self.pid = partnership_id
        self.partnership_name = name
        self.written: Path | None = None

    def compose(self) -> ComposeResult:
        yield Footer(compact=True)
        with Vertical(classes="dialog", id="export-dialog"):
            yield Static(f"Export the approval pack\n{escape(self.partnership_name)}", classes="dialog-title")
            yield Label("Write the PDF to", classes="field-label")
            yield Input(str(default_pack_path(self.partnership_name)), id="export-path")
            yield Static("", id="export-result")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="export-close", compact=True)
                yield Button("Write PDF", id="export-write", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-write")
    def _write(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self._say("[red]Give a file name ending in .pdf.[/]")
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(path.suffix + ".pdf") if path.suffix else path.with_suffix(".pdf")
        self._say("Writing the pack…")
        self.query_one("#export-write", Button).disabled = True
        self.build(path)

    @work(thread=True, exclusive=True)
    def build(self, path: Path) -> None:
        from wizard.pdf.pack import build_pack

        governance = self.app.governance
        try:
            result = build_pack(governance.register, governance.library, self.pid, today=self.app.today)
            write_file(path, result.pdf)
        except SHOWN_ERRORS as exc:
            self.app.call_from_thread(self._failed, describe(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a PDF writer failure must not take the wizard down
            self.app.call_from_thread(self._failed, f"the PDF writer failed: {type(exc).__name__}: {exc}")
            return
        self.app.call_from_thread(self._done, path, result)

    def _failed(self, message: str) -> None:
        self.query_one("#export-write", Button).disabled = False
        self._say(f"[red]Not written: {escape(message)}[/]")

    def _done(self, path: Path, result: Any) -> None:
        self.written = path
        seal = "DRAFT (nothing signed off yet)" if result.draft else f"digest {result.digest}"
        self._say(f"[green]Wrote {escape(str(path))}[/]\n{result.pages} pages · {seal}")
        self.query_one("#export-write", Button).disabled = False
        self.query_one("#export-close", Button).focus()

    def _say(self, text: str) -> None:
        self.query_one("#export-result", Static).update(text)

    @on(Button.Pressed, "#export-close")
    def action_close(self) -> None:
        self.dismiss(self.written)
