"""Home: the whole register in one table, filtered as you type, sortable.

An empty register shows a welcome that explains the first step and offers
the sample register. Open flags are counted in a background thread after
the table is on screen, so a large register is interactive at once.

This is the first screen, so it is kept cheap to show: the welcome is only
built for an empty register, the table is focused before its first frame,
and the footer redraws its keys once per batch of binding changes.
"""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Static
from textual.worker import get_current_worker

from wizard.tui.display import esc
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.widgets.register_table import RegisterTable

WELCOME = """\
[b]Welcome to pwiz.[/b] The register is empty.

[b]First step: add a partnership[/b] (press [b]n[/b]). You give it a name; pwiz then \
walks you through its questionnaires one question at a time: scope (is it a \
partnership at all?), significance, and the evaluations its significance \
requires. Every answer is saved the moment you give it: quit whenever you like \
and you will come back to exactly where you were.

Or [b]load the sample register[/b] (press [b]l[/b]) to look around first: four \
partnerships across the spectrum, from an informal collaboration to a community \
safety partnership, all named [i]\\[Sample][/i]. They stay in this register; to \
keep them apart from real entries, start pwiz with [i]--db[/i] on a scratch folder.\
"""

FLAG_BATCH = 100
FLAG_DELAY_SECONDS = 0.5  # start counting once the register is on screen and the first keys are handled


class CoalescingFooter(Footer):
    """Textual's footer, rebuilding its keys only when what it shows changes.

    The stock footer rebuilds (removes and mounts every key) after each
    change of the screen's bindings, even when the keys it shows stay the
    same: six times while the home screen opens. This one rebuilds once per
    batch of changes, and not at all if the keys, their labels and whether
    they are enabled are what it already shows.
    """

    _rebuild_pending = False
    _shown: tuple[Any, ...] | None = None

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or self._rebuild_pending:
            return
        if self.is_attached and screen is self.screen:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild)

    def _keys(self) -> tuple[Any, ...]:
        return tuple(
            (binding.key, binding.key_display, binding.description, binding.action, binding.group, enabled, tooltip)
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show or binding.action == "command_palette"
        )

    async def _rebuild(self) -> None:
        self._rebuild_pending = False
        if not self.is_attached:
            return
        keys = self._keys()
        if keys == self._shown:
            return
        self._shown = keys
        await self.recompose()


class Welcome(Vertical):
    """What an empty register shows (built only when it is empty)."""

    def compose(self) -> ComposeResult:
        yield Static(WELCOME, id="welcome-text")
        with Horizontal(id="welcome-buttons"):
            yield Button("Add a partnership", id="welcome-add", variant="primary")
            yield Button("Load the sample register", id="welcome-sample")

    def on_mount(self) -> None:
        if self.screen.has_class("-empty"):
            self.query_one("#welcome-add", Button).focus()


class HomeScreen(Screen):
    """The register."""

    CSS_PATH = "home.tcss"
    AUTO_FOCUS = "#register"  # not the filter box: focusing it first would restyle (and redraw) both
    BINDINGS = [
        Binding("n", "add", "New", id="home.add", tooltip="Add a partnership to the register"),
        Binding("slash", "filter", "Filter", id="home.filter", tooltip="Narrow the table as you type"),
        Binding("s", "sort", "Sort", id="home.sort", tooltip="Sort by the next column (click a heading too)"),
        Binding("l", "load_sample", "Load sample", id="home.sample", tooltip="Add three [Sample] partnerships"),
        Binding("escape", "clear_filter", "Clear filter", id="home.clear-filter"),
        Binding("ctrl+r", "reload", "Reload", id="home.reload", tooltip="Read the register again from disk"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._loaded = False
        self._visited: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="home-body"):
            yield Input(placeholder="/ Filter: type part of a name, type, status or significance", id="filter", compact=True)
            yield RegisterTable(today=self.app.today, id="register")
            yield Static("", id="register-error")
            yield Static("", id="register-status")
        yield CoalescingFooter(compact=True)

    @property
    def table(self) -> RegisterTable:
        return self.query_one(RegisterTable)

    # --- loading --------------------------------------------------------------

    def on_screen_resume(self) -> None:
        first = not self._loaded
        self.reload()
        if first and not self.has_class("-empty"):
            self.table.focus()
        if first:
            self.set_timer(FLAG_DELAY_SECONDS, self.count_flags)
        elif self._visited:
            self._recount(self._visited)

    def reload(self) -> None:
        error = self.query_one("#register-error", Static)
        try:
            summaries = self.app.governance.register.list_partnerships()
        except SHOWN_ERRORS as exc:
            error.update(f"[b]The register could not be read.[/b]\n{esc(describe(exc))}")
            self.set_class(True, "-error")
            return
        self.set_class(False, "-error")
        self._loaded = True
        self.table.show(summaries)
        empty = not summaries
        if empty and not self.query("#welcome"):
            self.query_one("#home-body").mount(Welcome(id="welcome"), before="#register-error")
        self.set_class(empty, "-empty")
        self.refresh_bindings()
        self._update_status()
        if empty:
            for button in self.query("#welcome-add"):  # when not yet mounted, Welcome focuses it
                button.focus()
        elif self.focused is None or not self.focused.is_attached or isinstance(self.focused, Button):
            self.table.focus()

    @work(thread=True, exclusive=True, group="flags")
    def count_flags(self) -> None:
        """Count open flags per partnership in the background (and warm the library)."""
        worker = get_current_worker()
        governance = self.app.governance
        try:
            governance.library.definitions
        except SHOWN_ERRORS as exc:
            self.app.call_from_thread(self.app.report, exc, "Questionnaires")
            return
        batch: dict[str, int] = {}
        for summary in list(self.table.summaries):
            if worker.is_cancelled:
                return
            try:
                batch[summary["id"]] = len(governance.open_flags(summary["id"]))
            except SHOWN_ERRORS:
                continue
            if len(batch) >= FLAG_BATCH:
                self.app.call_from_thread(self.table.set_flags, batch)
                batch = {}
        if batch and not worker.is_cancelled:
            self.app.call_from_thread(self.table.set_flags, batch)

    def _recount(self, pid: str) -> None:
        try:
            self.table.set_flags({pid: len(self.app.governance.open_flags(pid))})
        except SHOWN_ERRORS:
            pass

    def _update_status(self) -> None:
        summaries = self.table.summaries
        today = self.app.today.isoformat()
        overdue = sum(
            1 for s in summaries if s.get("next_review_due") and s["next_review_due"] < today and s.get("status") != "ended"
        )
        high = sum(1 for s in summaries if s.get("significance") == "high")
        shown = self.table.row_count
        parts = [f"{shown} of {len(summaries)}" if shown != len(summaries) else f"{len(summaries)}"]
        parts[0] += " partnership" + ("" if len(summaries) == 1 else "s")
        if overdue:
            parts.append(f"[b red]{overdue} overdue[/]")
        if high:
            parts.append(f"{high} high significance")
        parts.append(f"sorted by {self.table.sort_by}{' (reversed)' if self.table.sort_reverse else ''}")
        self.query_one("#register-status", Static).update(" · ".join(parts))

    # --- actions ----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        empty = self.has_class("-empty")
        if action == "load_sample":
            return empty
        if action in ("sort", "filter"):
            return not empty
        if action == "clear_filter":
            return bool(self.table.filter_text) or self.focused is self.query_one("#filter")
        return True

    def action_add(self) -> None:
        from wizard.tui.screens.add_partnership import AddPartnershipScreen

        self.app.push_screen(AddPartnershipScreen(), self._added)

    def _added(self, partnership: dict[str, Any] | None) -> None:
        if partnership is None:
            return
        self.reload()
        self.open(partnership["id"], tab="datasheet")

    def open(self, pid: str, tab: str | None = None) -> None:
        from wizard.tui.screens.partnership import PartnershipScreen

        self._visited = pid
        self.app.push_screen(PartnershipScreen(pid, tab=tab))

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#filter", Input)
        box.value = ""
        self.table.focus()

    def action_sort(self) -> None:
        self.table.cycle_sort()
        self._update_status()

    def action_reload(self) -> None:
        self.reload()
        self.count_flags()

    def action_load_sample(self) -> None:
        from wizard.tui.sample import load_sample_register

        added = self.app.run_safely(load_sample_register, self.app.governance, self.app.today)
        if added is None:
            return
        self.notify(f"Loaded {len(added)} sample partnerships, named \\[Sample] ….", title="Sample register")
        self.reload()
        self.count_flags()

    # --- events -------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.table.set_filter(event.value)
        self._update_status()
        self.refresh_bindings()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.table.focus()

    @on(RegisterTable.Opened)
    def _row_opened(self, event: RegisterTable.Opened) -> None:
        self.open(event.pid)

    @on(RegisterTable.HeadingClicked)
    def _heading_clicked(self, event: RegisterTable.HeadingClicked) -> None:
        self.table.sort_on(event.column)
        self._update_status()

    @on(Button.Pressed, "#welcome-add")
    def _welcome_add(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#welcome-sample")
    def _welcome_sample(self) -> None:
        self.action_load_sample()
