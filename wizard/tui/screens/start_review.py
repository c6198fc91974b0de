"""Start a review: which questionnaires it takes in, and what starting it will do, asked first.

Opened with `r` on the partnership screen. The questionnaires the
partnership's significance requires are ticked; the others it has can be
ticked too. The dialog says how many drafts will be started, how many
answers carried (each to be confirmed or changed), and which open drafts are
carried on with. Dismisses with the chosen questionnaire ids, or None.
"""

from __future__ import annotations

from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Static

from wizard.review import Choice
from wizard.tui.app import PwizApp
from wizard.tui.errors import SHOWN_ERRORS
from wizard.tui.screens.dialog_keys import DIALOG_BINDINGS
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.toggles import TickBox

NOTES = {
    "carry": "answers carried from the last sign-off",
    "resume": "a draft is open: carried on with",
    "new": "never assessed: starts empty",
    "done": "reviewed and signed off in this review already",
}


class StartReviewScreen(ModalScreen[list[str] | None]):
    """Choose the questionnaires of a review, then start it."""

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        *DIALOG_BINDINGS,
        Binding("escape", "cancel", "Cancel", id="review.cancel"),
        Binding("ctrl+s", "start", "Start review", id="review.start", tooltip="Start drafts of the ticked ones"),
    ]

    def __init__(self, partnership_id: str, name: str) -> None:
        super().__init__()
        self.pid, self.partnership_name = partnership_id, name
        self.choices: list[Choice] = []

    def compose(self) -> ComposeResult:
        try:
            self.choices = self.app.governance.review_choices(self.pid)
        except SHOWN_ERRORS as exc:
            self.app.report(exc, "Cannot start the review")
        yield KeyBar()
        with Vertical(classes="dialog", id="review-dialog"):
            yield Static(f"Start the review: {self.partnership_name}", classes="dialog-title", markup=False)
            yield Static("Which questionnaires? The ones its significance requires are ticked.", classes="muted")
            with VerticalScroll(id="review-choices"):
                for choice in self.choices:
                    note = NOTES[choice.state] if choice.state != "carry" else f"{choice.carried} {NOTES['carry']}"
                    yield TickBox(
                        choice.title,
                        value=choice.required and choice.state != "done",
                        disabled=choice.state == "done",
                        id=f"review-{choice.questionnaire_id}",
                        compact=True,
                    )
                    yield Static(
                        f"{'required · ' if choice.required else ''}{note}",
                        classes="review-note",
                        id=f"review-note-{choice.questionnaire_id}",
                        markup=False,
                    )
            yield Static("", id="review-plan", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="review-cancel", compact=True)
                yield Button("Start review", id="review-start", variant="primary", compact=True)

    def on_mount(self) -> None:
        if not self.choices:
            self.dismiss(None)
            return
        self._describe()
        first = next((box for box in self.query(Checkbox) if not box.disabled), None)
        if first is not None:
            first.focus()

    @property
    def chosen(self) -> list[Choice]:
        return [c for c in self.choices if self.query_one(f"#review-{c.questionnaire_id}", Checkbox).value]

    @on(Checkbox.Changed)
    def _describe(self) -> None:
        """Say what starting will do, as the ticks stand."""
        chosen = self.chosen
        carried = [c for c in chosen if c.state == "carry"]
        lines = []
        if carried:
            answers = sum(c.carried for c in carried)
            lines.append(
                f"{len(carried)} draft{'s' if len(carried) != 1 else ''} will be started with their answers carried "
                f"({answers} answers); each carried answer must be confirmed or changed."
            )
        new = [c for c in chosen if c.state == "new"]
        if new:
            lines.append(f"{len(new)} will be started empty: {', '.join(c.title for c in new)}.")
        resumed = [c for c in chosen if c.state == "resume"]
        if resumed:
            lines.append(f"{len(resumed)} open draft(s) carried on with: {', '.join(c.title for c in resumed)}.")
        self.query_one("#review-plan", Static).update("\n".join(lines) or "Nothing is ticked: tick at least one.")

    @on(Button.Pressed, "#review-start")
    def action_start(self) -> None:
        chosen = self.chosen
        if not chosen:
            self.notify("Tick at least one questionnaire to review.", severity="warning", timeout=4)
            return
        self.dismiss([c.questionnaire_id for c in chosen])

    @on(Button.Pressed, "#review-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
