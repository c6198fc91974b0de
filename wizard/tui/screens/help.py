"""F1: the help (help.md, beside the app), opened at the section for the screen it was asked from.

A whole screen rather than a dialog, so that 80×24 shows as much text as it
can. The text scrolls with the usual keys (PgDn, ↓, End), `/` finds words
in it (Enter: the next place they occur), and the contents (Ctrl+T) jump to
any section.
"""

from __future__ import annotations

from importlib import resources

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, MarkdownViewer, Static
from textual.widgets.markdown import MarkdownBlock

from wizard.tui.widgets.key_bar import KeyBar
from wizard.tui.widgets.title_bar import TitleBar

# The screen F1 was pressed on -> the heading help opens at. A screen may instead
# say it itself, with a `help_section` attribute (the assessment does: a review
# opens at the review's section).
SECTIONS = {
    "HomeScreen": "The register (home)",
    "AddPartnershipScreen": "The register (home)",
    "PartnershipScreen": "A partnership",
    "ExportScreen": "A partnership",
    "PlanEntryScreen": "A partnership",
    "CloseActionScreen": "A partnership",
    "AssessmentScreen": "Answering a questionnaire",
    "SummaryScreen": "The summary",
    "SignOffScreen": "Signing off and approving",
    "ApprovalScreen": "Signing off and approving",
}
FIRST_SECTION = "Everywhere"
OPENING_TRIES, OPENING_PAUSE = 20, 0.05  # going to the section until the layout holds still (at most a second)


def help_text() -> str:
    return resources.files("wizard.tui").joinpath("help.md").read_text(encoding="utf-8")


def section_for(screen: object) -> str:
    """The help section about `screen`."""
    return getattr(screen, "help_section", None) or SECTIONS.get(type(screen).__name__, FIRST_SECTION)


class HelpScreen(Screen[None]):
    """Keys, screens and how pwiz saves."""

    CSS_PATH = "help.tcss"
    BINDINGS = [
        Binding("escape,f1", "close", "Back", id="help.close", tooltip="Close help"),
        Binding("slash,ctrl+f", "find", "Find", key_display="/", id="help.find", tooltip="Find words in the help"),
        Binding(
            "ctrl+t", "contents", "Contents", key_display="^t", id="help.contents", tooltip="Show or hide the sections"
        ),
        # From the find box the text still scrolls (the text itself scrolls with every key).
        Binding("pagedown", "page(1)", "Page down", show=False, id="help.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="help.page-up"),
        Binding("ctrl+q", "app.quit", "Quit", key_display="^q", id="help.quit", tooltip="Leave pwiz"),
    ]

    def __init__(self, section: str | None = None) -> None:
        super().__init__()
        self.section = section
        self._found: MarkdownBlock | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="help-find-row"):
            yield Input(placeholder="Find: type words, Enter for the next place", id="help-find")
            yield Static("", id="help-found")
        yield MarkdownViewer(id="help-viewer", show_table_of_contents=False, open_links=False)
        yield KeyBar()

    async def on_mount(self) -> None:
        self.title = "Help"
        if self.section is None:
            below = self.app.screen_stack[:-1]
            self.section = section_for(below[-1]) if below else FIRST_SECTION
        self.sub_title = self.section
        viewer = self.viewer
        await viewer.document.update(help_text())
        viewer.document.focus()
        self.call_after_refresh(self._open_at, self.section, OPENING_TRIES)

    @property
    def viewer(self) -> MarkdownViewer:
        return self.query_one("#help-viewer", MarkdownViewer)

    def blocks(self) -> list[MarkdownBlock]:
        """The help's paragraphs, headings, tables and lists, top to bottom."""
        return list(self.viewer.document.query_children(MarkdownBlock))

    def heading(self, title: str) -> MarkdownBlock | None:
        return next((b for b in self.blocks() if (b.source or "").lstrip("#").strip() == title), None)

    def go_to(self, title: str) -> bool:
        """Scroll so the section `title` starts at the top. False if there is no such section."""
        block = self.heading(title)
        if block is None:
            return False
        self.viewer.scroll_to_widget(block, top=True, animate=False, immediate=True)
        return True

    def _open_at(self, title: str, tries: int) -> None:
        """Go to the section, again while the text above it is still being laid out (its tables
        are built after the text is mounted, and grow): in a real terminal the first go fell short."""
        viewer = self.viewer
        before = viewer.scroll_y
        if not self.go_to(title) or tries <= 1:
            return
        if viewer.scroll_y != before or viewer.max_scroll_y == 0:  # moved, or not laid out yet
            self.set_timer(OPENING_PAUSE, lambda: self._open_at(title, tries - 1))

    # --- finding ------------------------------------------------------------------

    def action_find(self) -> None:
        self.query_one("#help-find", Input).focus()

    @on(Input.Changed, "#help-find")
    def _find_first(self, event: Input.Changed) -> None:
        self._find(event.value, after=None)

    @on(Input.Submitted, "#help-find")
    def _find_next(self, event: Input.Submitted) -> None:
        self._find(event.value, after=self._found)

    def _find(self, text: str, after: MarkdownBlock | None) -> None:
        """Show the first block holding every word of `text` (after `after`, wrapping round)."""
        words = text.casefold().split()
        if self._found is not None:
            self._found.remove_class("-found")
        self._found = None
        status = self.query_one("#help-found", Static)
        if not words:
            status.update("")
            return
        blocks = self.blocks()
        hits = [b for b in blocks if all(word in (b.source or "").casefold() for word in words)]
        if not hits:
            status.update("not found")
            return
        start = blocks.index(after) if after in blocks else -1
        found = next((b for b in hits if blocks.index(b) > start), hits[0])
        found.add_class("-found")
        self._found = found
        self.viewer.scroll_to_widget(found, top=True, animate=False, immediate=True)
        status.update(f"{hits.index(found) + 1} of {len(hits)}")

    # --- moving -------------------------------------------------------------------

    def action_page(self, pages: int) -> None:
        viewer = self.viewer
        if pages > 0:
            viewer.scroll_page_down(animate=False)
        else:
            viewer.scroll_page_up(animate=False)

    def action_contents(self) -> None:
        viewer = self.viewer
        viewer.show_table_of_contents = not viewer.show_table_of_contents
        if viewer.show_table_of_contents:
            viewer.table_of_contents.query_one("Tree").focus()
        else:
            viewer.document.focus()

    def action_close(self) -> None:
        self.dismiss(None)
