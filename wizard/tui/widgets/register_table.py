"""The register as a table: one row per partnership, filtered and sorted.

A Line API widget rather than a DataTable: it keeps the summaries it was
given and draws only the rows on screen, building a row's cells the first
time it is shown. DataTable builds, stores and measures every cell of
every row up front, which at 500 partnerships was most of the home
screen's start-up (see BENCHMARKS.md, "The wizard (TUI)"). Filtering and
sorting never touch the disk. Column widths follow the table's width: the
name takes what the other columns leave. The look is DataTable's (the same
styles, zebra stripes and cursor), as is the behaviour: a row cursor,
Enter or a click on the highlighted row opens it, a click on a heading
sorts by it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from wizard.tui.widgets.register_columns import SORTS, cells, columns, matches


class RegisterTable(ScrollView, can_focus=True):
    """Partnership summaries; `rows` are the ones shown, in order."""

    WIDE_FROM = 120
    BINDINGS = [
        Binding("enter", "open", "Open", id="table.open", tooltip="Open the highlighted row"),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first", "First row", show=False),
        Binding("end,ctrl+end", "last", "Last row", show=False),
    ]
    COMPONENT_CLASSES = {
        "register-table--header",
        "register-table--cursor",
        "register-table--even-row",
        "register-table--odd-row",
    }
    # DataTable's own styles for the parts this table has.
    DEFAULT_CSS = """
    RegisterTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .register-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .register-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .register-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .register-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .register-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .register-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .register-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    class Opened(Message):
        """Enter, or a click on the highlighted row."""

        def __init__(self, pid: str) -> None:
            super().__init__()
            self.pid = pid

    class Highlighted(Message):
        """The cursor is on another row (or the rows changed): `cut_name` is the row's whole
        name when its column is too narrow to show it, else None."""

        def __init__(self, cut_name: str | None) -> None:
            super().__init__()
            self.cut_name = cut_name

    class HeadingClicked(Message):
        """A click on a column's heading."""

        def __init__(self, column: str) -> None:
            super().__init__()
            self.column = column

    def __init__(self, *, today: date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.summaries: list[dict[str, Any]] = []
        self.flags: dict[str, int] = {}
        self.filter_text = ""
        self.sort_by = "name"
        self.sort_reverse = False
        self.cursor_row = 0
        self._cells: dict[str, list[Text]] = {}  # by partnership id, built when first drawn
        self._layout: tuple[bool, int] | None = None
        self._widths: list[int] = []
        self.rows: list[dict[str, Any]] = []  # filtered, sorted and laid out by `show`

    # --- data ------------------------------------------------------------------

    def show(self, summaries: list[dict[str, Any]]) -> None:
        """Show these summaries, given in the register's order (by name, then id)."""
        self.summaries = list(summaries)
        self.redraw()

    def set_flags(self, counts: dict[str, int]) -> None:
        """Fill in open-flag counts (computed in the background); the order stays."""
        self.flags.update(counts)
        for pid in counts:
            self._cells.pop(pid, None)
        self.refresh()

    def set_filter(self, text: str) -> None:
        self.filter_text = text.strip().casefold()
        self.redraw()

    def sort_on(self, column: str, reverse: bool | None = None) -> None:
        if reverse is None:
            reverse = not self.sort_reverse if column == self.sort_by else False
        self.sort_by, self.sort_reverse = column, reverse
        self.redraw()

    def cycle_sort(self) -> str:
        self.sort_on(SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)], reverse=False)
        return self.sort_by

    @property
    def shown(self) -> list[dict[str, Any]]:
        words = self.filter_text.split()
        rows = [s for s in self.summaries if matches(s, words)] if words else list(self.summaries)
        column = next(c for c in columns(False) if c.key == self.sort_by)
        if column.key == "name":
            # Given by name, then id (the register's order): sorted again only when reversed,
            # ties keeping that order (at 5,000 a second sort was a tenth of the first screen).
            return sorted(rows, key=column.sort_key, reverse=True) if self.sort_reverse else rows
        key = column.sort_key if column.key != "flags" else (lambda s: -(self.flags.get(s["id"]) or 0))
        return sorted(rows, key=lambda s: (key(s), s["name"].casefold()), reverse=self.sort_reverse)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    @property
    def selected_id(self) -> str | None:
        return self.rows[self.cursor_row]["id"] if self.cursor_row < len(self.rows) else None

    def get_row(self, pid: str) -> list[Text]:
        """The cells shown for a partnership (cut to their columns)."""
        return self._row_cells(next(s for s in self.summaries if s["id"] == pid))

    def _row_cells(self, summary: dict[str, Any]) -> list[Text]:
        found = self._cells.get(summary["id"])
        if found is None:
            found = self._cells[summary["id"]] = cells(
                summary, self.flags.get(summary["id"]), self.today, self._widths, self._wide
            )
        return found

    # --- layout -------------------------------------------------------------------

    @property
    def _wide(self) -> bool:
        return self._layout is not None and self._layout[0]

    def on_resize(self) -> None:
        if self._layout != self._wanted_layout():
            self.redraw()

    def _wanted_layout(self) -> tuple[bool, int]:
        width = self.size.width or self.app.size.width
        wide = width >= self.WIDE_FROM
        others = sum(c.width for c in columns(wide)[1:])
        return wide, max(12, width - others - 2)

    def redraw(self) -> None:
        """Filter, sort and lay out again, keeping the cursor on the same partnership."""
        keep = self.selected_id
        wide, name_width = self._layout = self._wanted_layout()
        self._widths = [c.width or name_width for c in columns(wide)]
        self._cells.clear()
        self.rows = self.shown
        # The size now, so the first frame already has its scrollbar.
        self.virtual_size = Size(sum(self._widths), len(self.rows) + 1)
        ids = [s["id"] for s in self.rows]
        self.move_cursor(ids.index(keep) if keep in ids else 0)

    # --- cursor ---------------------------------------------------------------------

    def move_cursor(self, row: int) -> None:
        """Highlight `row` (clamped to the table) and scroll it into view."""
        self.cursor_row = max(0, min(row, len(self.rows) - 1))
        self.post_message(self.Highlighted(self._cut_name()))
        page = self._page()
        top = int(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + page:
            self.scroll_to(y=self.cursor_row - page + 1, animate=False, immediate=True)
        self.refresh()

    def _cut_name(self) -> str | None:
        if self.cursor_row >= len(self.rows) or not self._widths:
            return None
        name = self.rows[self.cursor_row]["name"]
        return name if cell_len(" " + name) > self._widths[0] - 1 else None

    def _page(self) -> int:
        """Rows on screen (below the heading)."""
        return max(1, self.scrollable_content_region.height - 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor_row - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor_row + self._page())

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self.rows) - 1)

    def action_open(self) -> None:
        if self.selected_id is not None:
            self.post_message(self.Opened(self.selected_id))

    def on_click(self, event: events.Click) -> None:
        """A heading sorts; a row is highlighted, or opened if it already was."""
        meta = event.style.meta
        if "heading" in meta:
            self.post_message(self.HeadingClicked(meta["heading"]))
        elif "row" in meta:
            event.stop()
            if meta["row"] == self.cursor_row:
                self.action_open()
            else:
                self.move_cursor(meta["row"])

    # --- drawing ----------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        base = self.rich_style
        if y == 0:
            strip = self._heading_strip()
        elif scroll_y + y - 1 < len(self.rows):
            strip = self._row_strip(scroll_y + y - 1)
        else:
            strip = Strip.blank(sum(self._widths), base)
        return strip.crop_extend(scroll_x, scroll_x + self.size.width, base)

    def _heading_strip(self) -> Strip:
        style = self.get_component_rich_style("register-table--header")
        segments = []
        for column, width in zip(columns(self._wide), self._widths):
            marker = ("▼" if self.sort_reverse else "▲") if column.key == self.sort_by else ""
            label = f"{column.label}{marker}" if column.key != "name" else f" {column.label}{marker}"
            segments.append(Segment(label[:width].ljust(width), style + Style.from_meta({"heading": column.key})))
        return self._filled(segments, style)

    def _row_strip(self, row: int) -> Strip:
        """DataTable's styling: the row's stripe, then the cell's style; on the
        cursor row the cursor's background and (over the cell's) its colour."""
        stripe = "register-table--odd-row" if row % 2 else "register-table--even-row"
        pre = self.get_component_rich_style(stripe)  # cached by Textual until the styles change
        post = None
        if row == self.cursor_row:
            cursor = self.get_component_rich_style("register-table--cursor")
            pre += cursor
            post = Style.from_color(color=cursor.color)
        console = self.app.console
        # The row's meta says where a click landed: one Style for the row (rich builds meta
        # by marshalling it, which per cell was a tenth of drawing the first screen).
        pre += Style.from_meta({"row": row})
        segments: list[Segment] = []
        for text, width in zip(self._row_cells(self.rows[row]), self._widths):
            # Padded in the cell's own style, as DataTable pads it.
            style = pre + console.get_style(text.style, default=Style.null())
            cell = [*text.render(console), Segment(" " * (width - text.cell_len))]
            segments.extend(Segment.apply_style(cell, style, post))
        return self._filled(segments, pre)

    def _filled(self, segments: list[Segment], style: Style) -> Strip:
        """The line, its style carried on to the table's right edge (as DataTable does)."""
        width = sum(self._widths)
        return Strip([*segments, Segment(" " * max(0, self.size.width - width), style)], max(width, self.size.width))
