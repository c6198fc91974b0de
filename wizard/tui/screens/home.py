"""Home: the whole register in one table, filtered as you type, sortable.

An empty register shows a welcome that explains the first step and offers
the sample register. Open flags are counted in a background thread after
the table is on screen, so a large register is interactive at once.

This is the first screen, so it is kept cheap to show (see BENCHMARKS.md):
it is the app's default screen, built with the register's rows, so the
first frame shows them; the welcome is only built for an empty register;
the filter box is mounted when first used; the table is focused before the
first frame; the title and key lines are one widget each.
"""

from __future__ import annotations

from typing import Any

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, Static
from textual.worker import get_current_worker

from wizard.overdue import overdue_count
from wizard.tui import memory
from wizard.tui.app import PwizApp
from wizard.tui.display import esc
from wizard.tui.errors import SHOWN_ERRORS, describe
from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.register_table import RegisterTable
from wizard.tui.widgets.title_bar import TitleBar

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

# The filter box is mounted on first use (an Input is a costly part of the first frame).
FILTER_HINT = "/ Filter: type part of a name, type, status or significance"
FLAG_BATCH = 100
FLAG_DELAY_SECONDS = 0.5  # start counting once the register is on screen and the first keys are handled


class FilterHint(Static, can_focus=True):
    """Where the filter box goes: a click, Tab or `/` opens it (it is mounted then)."""

    async def on_focus(self) -> None:
        await self._open_filter()

    async def on_click(self) -> None:
        await self._open_filter()

    async def _open_filter(self) -> None:
        if isinstance(self.screen, HomeScreen):
            await self.screen.action_filter()


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

    app = getters.app(PwizApp)  # typed: screens reach `governance`, `today`, `report`

    # Its styles (home.tcss) are read with the app's: see PwizApp.CSS_PATH.
    AUTO_FOCUS = "#register"  # not the filter box: focusing it first would restyle (and redraw) both
    BINDINGS = [
        Binding("n", "add", "New", id="home.add", tooltip="Add a partnership to the register"),
        # Priority: checked as "/" arrives, before the keys typed behind it are sent to the table.
        Binding("slash", "filter", "Filter", id="home.filter", tooltip="Narrow the table as you type", priority=True),
        Binding("s", "sort", "Sort", id="home.sort", tooltip="Sort by the next column (click a heading too)"),
        Binding("l", "load_sample", "Load sample", id="home.sample", tooltip="Add three [Sample] partnerships"),
        Binding(
            "a",
            "associations",
            "Assoc. reg.",  # "Associations" would push Help off the key line at 80 columns
            id="home.associations",
            tooltip="The Association Register: associations and groups members and officers belong to (001)",
        ),
        Binding("escape", "clear_filter", "Clear filter", id="home.clear-filter"),
        Binding("ctrl+r", "reload", "Reload", id="home.reload", tooltip="Read the register again from disk"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._first: tuple[list[dict[str, Any]], str | None] = ([], None)
        self._resumed = False
        self._visited: str | None = None
        self._filter_box: Input | None = None  # mounted on first use

    def compose(self) -> ComposeResult:
        # Read here and shown on mount, so that the first frame has the rows.
        self._first = self._read_register()
        yield TitleBar()
        yield FilterHint(FILTER_HINT, id="filter-hint")
        yield RegisterTable(today=self.app.today, id="register")
        yield Static("", id="register-error")
        yield Static("", id="register-full-name", markup=False)
        yield Static("", id="register-status")
        yield KeyBar()

    @property
    def table(self) -> RegisterTable:
        return self.query_one(RegisterTable)

    # --- loading --------------------------------------------------------------

    def on_mount(self) -> None:
        self._show(*self._first)
        self._first = ([], None)
        self.call_after_refresh(memory.keep)  # the register's rows, drawn
        self.set_timer(FLAG_DELAY_SECONDS, self.count_flags)

    def on_screen_resume(self) -> None:
        if not self._resumed:  # the first time, on_mount has just shown the register
            self._resumed = True
            return
        self.reload()
        if self._visited:
            self._recount(self._visited)

    def reload(self) -> None:
        self._show(*self._read_register())

    def _read_register(self) -> tuple[list[dict[str, Any]], str | None]:
        """The register's summaries, or why it could not be read."""
        try:
            return self.app.governance.partnerships(), None
        except SHOWN_ERRORS as exc:
            return [], describe(exc)

    def _show(self, summaries: list[dict[str, Any]], problem: str | None) -> None:
        self.set_class(problem is not None, "-error")
        if problem is not None:
            self.query_one("#register-error", Static).update(f"[b]The register could not be read.[/b]\n{esc(problem)}")
            return
        self.table.show(summaries)
        empty = not summaries
        if empty and not self.query("#welcome"):
            self.mount(Welcome(id="welcome"), before="#register-error")
        self.set_class(empty, "-empty")
        self.refresh_bindings()
        self._update_status()
        if empty:
            for button in self.query("#welcome-add"):  # when not yet mounted, Welcome focuses it
                button.focus()
        elif self.focused is None or not self.focused.is_attached or isinstance(self.focused, Button):
            self.table.focus()

    def count_flags(self) -> None:
        """Count open flags per partnership in the background (and warm the library).

        The counts come from the register's derived-data cache, so only
        partnerships changed since the last count are evaluated. The rows are
        read here, on the app's thread: the worker touches no widget."""
        self._count_flags([summary["id"] for summary in self.table.summaries])

    @work(thread=True, exclusive=True, group="flags")
    def _count_flags(self, partnership_ids: list[str]) -> None:
        worker = get_current_worker()
        governance = self.app.governance
        try:
            skipped = governance.library.skipped
        except SHOWN_ERRORS as exc:
            self.app.call_from_thread(self.app.report, exc, "Questionnaires")
            return
        if skipped:
            listed = "\n".join(str(problem) for problem in skipped)
            self.app.call_from_thread(
                self.app.notify,
                f"Left out, the rest works ('pwiz questionnaires validate FILE'):\n{listed}",
                title="Questionnaire files",
                severity="warning",
                timeout=15,
                markup=False,
            )
        try:
            items = list(governance.flag_counts(partnership_ids).items())
        except SHOWN_ERRORS:
            return
        for start in range(0, len(items), FLAG_BATCH):
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self._show_flags, dict(items[start : start + FLAG_BATCH]))
        self.app.call_from_thread(memory.keep)  # the questionnaire library, loaded for the count

    def _show_flags(self, counts: dict[str, int]) -> None:
        for table in self.query(RegisterTable):  # none once the app is closing
            table.set_flags(counts)

    def _recount(self, pid: str) -> None:
        try:
            self.table.set_flags({pid: len(self.app.governance.open_flags(pid))})
        except SHOWN_ERRORS:
            pass

    def _update_status(self) -> None:
        summaries = self.table.summaries
        overdue = overdue_count(summaries, self.app.today)
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
        if action == "filter" and self._filter_box is not None and self.focused is self._filter_box:
            return False  # "/" typed in the box is part of the filter
        if action in ("sort", "filter"):
            return not empty and not self.has_class("-error")
        if action == "clear_filter":
            return bool(self.table.filter_text) or (self._filter_box is not None and self.focused is self._filter_box)
        return True

    def action_add(self) -> None:
        from wizard.tui.screens.add_partnership import AddPartnershipScreen

        self.app.push_screen(AddPartnershipScreen(), self._added)

    def _added(self, partnership: dict[str, Any] | None) -> None:
        if partnership is None:
            return
        self.reload()
        self.open(partnership["id"])  # on its questionnaires, scope first: what to do next

    def open(self, pid: str, tab: str | None = None) -> None:
        from wizard.tui.screens.partnership import PartnershipScreen

        self._visited = pid
        self.app.push_screen(PartnershipScreen(pid, tab=tab))

    def action_associations(self) -> None:
        from wizard.tui.screens.associations import AssociationsScreen

        self.app.push_screen(AssociationsScreen())

    async def action_filter(self) -> None:
        if self._filter_box is None:  # the first time: the box takes its hint's place
            self._filter_box = Input(placeholder=FILTER_HINT, id="filter", compact=True)
            await self.mount(self._filter_box, after="#filter-hint")
            self.query_one("#filter-hint").display = False
        # At once, not after a refresh: the keys typed straight after "/" go to the box.
        self.set_focus(self._filter_box)

    def action_clear_filter(self) -> None:
        if self._filter_box is not None:
            self._filter_box.value = ""
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

    @on(RegisterTable.Highlighted)
    def _highlighted(self, event: RegisterTable.Highlighted) -> None:
        """At 80 columns a long name is cut in its column: the whole of the highlighted one shows below."""
        line = self.query_one("#register-full-name", Static)
        line.update(f"▸ {event.cut_name}" if event.cut_name else "")
        line.display = event.cut_name is not None

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
