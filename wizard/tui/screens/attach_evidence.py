"""Attach a document to a partnership: its path on disk, what it is, when signed and when it expires.

Textual has no file picker: the path is typed (~ expands) and checked when
attaching. It supports the partnership as a whole, or one of its assessments
not yet signed off, whose sign-off will then cover it. Returns the evidence record, or None when cancelled. The file is
copied into the register by its SHA-256 (Governance.attach_evidence); the same
file attached again adds nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from wizard.tui.app import PwizApp
from wizard.tui.errors import FORM_ERRORS, describe
from wizard.tui.screens.dialog_keys import DIALOG_BINDINGS
from wizard.tui.widgets.key_bar import KeyBar
from wizard.typed import DAY_FORMS, parse_day

KINDS = (
    ("Partnership agreement", "agreement"),
    ("Information sharing agreement", "isa"),
    ("Terms of reference", "terms-of-reference"),
    ("Minutes", "minutes"),
    ("Insurance", "insurance"),
    ("Other document", "other"),
)


class AttachEvidenceScreen(ModalScreen[dict[str, Any] | None]):
    """Which file, what it is, its dates and title."""

    app = getters.app(PwizApp)

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        *DIALOG_BINDINGS,
        Binding("escape", "cancel", "Cancel", id="attach.cancel"),
        Binding("ctrl+s", "attach", "Attach", id="attach.attach", tooltip="Copy the file into the register"),
    ]

    def __init__(self, partnership_id: str) -> None:
        super().__init__()
        self.pid = partnership_id

    def compose(self) -> ComposeResult:
        yield KeyBar()
        with Vertical(classes="dialog", id="add-dialog"):
            yield Static("Attach a document", classes="dialog-title")
            yield Static(
                "Tab to the next field, Enter attaches. Copied into the register (at most 25 MB); never opened.",
                classes="muted",
            )
            with Horizontal(classes="form-row"):
                yield Label("File", classes="row-label")
                yield Input(placeholder="required, e.g. ~/agreement.pdf", id="attach-path", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Kind", classes="row-label")
                yield Select(KINDS, value="agreement", allow_blank=False, id="attach-kind", compact=True)
            for field, label in (("signed", "Signed"), ("expires", "Expires")):
                with Horizontal(classes="form-row"):
                    yield Label(label, classes="row-label")
                    yield Input(placeholder=f"{DAY_FORMS}, or leave empty", id=f"attach-{field}", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Supports", classes="row-label")
                yield Select(self._supports(), value="", allow_blank=False, id="attach-supports", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Title", classes="row-label")
                yield Input(placeholder="default: the file's name", id="attach-title", compact=True)
            yield Static("", id="attach-error", classes="error-line", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="attach-cancel", compact=True)
                yield Button("Attach", id="attach-confirm", variant="primary", compact=True)

    def _supports(self) -> list[tuple[str, str]]:
        """The partnership as a whole, or one of its assessments not yet signed off (its sign-off will cover it)."""
        governance = self.app.governance
        try:
            current = governance.current_assessments(self.pid)
        except FORM_ERRORS:
            current = {}
        return [("The partnership as a whole", "")] + [
            (f"{governance.library.get(qid).title} ({assessment['status']})", assessment["id"])
            for qid, assessment in current.items()
            if assessment["status"] != "signed-off" and qid in governance.library.definitions
        ]

    def on_mount(self) -> None:
        self.query_one("#attach-path", Input).focus()

    def _typed(self, field: str) -> str:
        return self.query_one(f"#attach-{field}", Input).value.strip()

    def _day(self, field: str) -> date | None:
        typed = self._typed(field)
        try:
            return parse_day(typed) if typed else None
        except ValueError as exc:
            raise ValueError(f"{field.capitalize()}: {exc}") from None

    @on(Input.Submitted)
    @on(Button.Pressed, "#attach-confirm")
    def action_attach(self) -> None:
        error = self.query_one("#attach-error", Static)
        try:
            if not self._typed("path"):
                raise ValueError("Give the path of the file to attach.")
            dates = {field: self._day(field) for field in ("signed", "expires")}
            record, new = self.app.governance.attach_evidence(
                self.pid,
                Path(self._typed("path")).expanduser(),
                kind=self.query_one("#attach-kind", Select).value,
                title=self._typed("title") or None,
                assessment_id=self.query_one("#attach-supports", Select).value or None,
                **dates,
            )
        except FORM_ERRORS as exc:
            error.update(str(exc) if isinstance(exc, ValueError) else describe(exc))
            error.add_class("-shown")
            return
        self.dismiss({**record, "new": new})

    @on(Button.Pressed, "#attach-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
