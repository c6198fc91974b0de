"""The register as a table: one row per partnership, filtered and sorted.

Holds the summaries it was given and redraws from them, so filtering and
sorting never touch the disk. Column widths follow the table's width: the
name takes what the other columns leave.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable

from rich.text import Text
from textual.geometry import Size
from textual.widgets.data_table import CellDoesNotExist, RowKey

from wizard.tui import display
from wizard.tui.widgets.tables import PickTable


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int
    sort_key: Callable[[dict[str, Any]], Any]


SIGNIFICANCE_RANK = {"high": 0, "medium": 1, "low": 2, None: 3}
STATUS_RANK = {"under-review": 0, "proposed": 1, "active": 2, "ended": 3}
SORTS = ("name", "significance", "review", "actions", "flags", "status", "type", "signoff")


def _columns(wide: bool) -> list[Column]:
    """Widths include a one-space gap after each column (the table has no cell padding)."""
    return [
        Column("name", "Name", 0, lambda s: s["name"].casefold()),
        Column("type", "Type", 23 if wide else 10, lambda s: display.label(display.TYPE_LABELS, s.get("type"))),
        Column("significance", "Signif." if wide else "Sig.", 8 if wide else 7, lambda s: SIGNIFICANCE_RANK.get(s.get("significance"), 3)),
        Column("status", "Status", 13 if wide else 9, lambda s: STATUS_RANK.get(s.get("status"), 9)),
        Column("signoff", "Last sign-off" if wide else "Signed", 22 if wide else 11, lambda s: display.signoff_parts(s)[0] or ""),
        Column("review", "Next review", 19 if wide else 12, lambda s: s.get("next_review_due") or "9999"),
        Column("actions", "Actions" if wide else "Act", 8 if wide else 4, lambda s: -(s.get("open_actions") or 0)),
        Column("flags", "Flags" if wide else "Flg", 5 if wide else 3, lambda s: -(s.get("flags") or 0)),
    ]


class RegisterTable(PickTable):
    """Partnership summaries; row keys are partnership ids."""

    WIDE_FROM = 120

    def __init__(self, *, today: date, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.summaries: list[dict[str, Any]] = []
        self.flags: dict[str, int] = {}
        self.filter_text = ""
        self.sort_by = "name"
        self.sort_reverse = False
        self._layout: tuple[bool, int] | None = None

    # --- data ------------------------------------------------------------------

    def show(self, summaries: list[dict[str, Any]]) -> None:
        self.summaries = list(summaries)
        self.redraw()

    def set_flags(self, counts: dict[str, int]) -> None:
        """Fill in open-flag counts (computed in the background) without a redraw."""
        self.flags.update(counts)
        for pid, number in counts.items():
            if pid in self.rows:
                self.update_cell(pid, "flags", display.count(number, "bold yellow"))

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
        rows = [s for s in self.summaries if self._matches(s)]
        column = next(c for c in _columns(False) if c.key == self.sort_by)
        key = column.sort_key if column.key != "flags" else (lambda s: -(self.flags.get(s["id"]) or 0))
        return sorted(rows, key=lambda s: (key(s), s["name"].casefold()), reverse=self.sort_reverse)

    @property
    def selected_id(self) -> str | None:
        if not self.row_count:
            return None
        try:
            return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        except CellDoesNotExist:  # no valid cursor (empty after a filter)
            return None

    def _matches(self, summary: dict[str, Any]) -> bool:
        if not self.filter_text:
            return True
        haystack = " ".join(
            str(part)
            for part in (
                summary["name"],
                display.label(display.TYPE_LABELS, summary.get("type")),
                display.label(display.STATUS_LABELS, summary.get("status")),
                summary.get("significance") or "",
                summary["id"],
            )
        ).casefold()
        return all(word in haystack for word in self.filter_text.split())

    # --- drawing ------------------------------------------------------------------

    def on_resize(self) -> None:
        if self._layout != self._wanted_layout():
            self.redraw()

    def _wanted_layout(self) -> tuple[bool, int]:
        width = self.size.width or self.app.size.width
        wide = width >= self.WIDE_FROM
        others = sum(c.width for c in _columns(wide)[1:])
        return wide, max(12, width - others - 2)

    def redraw(self) -> None:
        keep = self.selected_id
        wide, name_width = self._layout = self._wanted_layout()
        self.clear(columns=True)
        for column in _columns(wide):
            marker = ("▼" if self.sort_reverse else "▲") if column.key == self.sort_by else ""
            label = Text(f"{column.label}{marker}" if column.key != "name" else f" {column.label}{marker}")
            self.add_column(label, width=column.width or name_width, key=column.key)
        widths = [c.width or name_width for c in _columns(wide)]
        for summary in self.shown:
            cells = [_fit(cell, width) for cell, width in zip(self._cells(summary, wide), widths)]
            self.add_row(*cells, key=summary["id"])
        # The size now, not on the next idle as DataTable does: the first frame
        # then already has its scrollbar instead of being drawn again with it.
        self._update_dimensions(())
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """The table's virtual size, without measuring any cell.

        DataTable measures every cell of every new row here (4,000 cells at
        500 partnerships, the largest single cost of showing the register)
        to size auto-width columns and auto-height rows. This table has
        neither: every column is given its width and every row is one line,
        so only the total size is needed (computed as DataTable does).
        """
        if any(column.auto_width for column in self.columns.values()):  # pragma: no cover - not how redraw builds it
            super()._update_dimensions(new_rows)
            return
        width = sum(column.get_render_width(self) for column in self.columns.values())
        header_height = self.header_height if self.show_header else 0
        self.virtual_size = Size(width + self._row_label_column_width, self._total_row_height + header_height)

    def _cells(self, s: dict[str, Any], wide: bool) -> list[Any]:
        labels = display.TYPE_LABELS if wide else display.SHORT_TYPE_LABELS
        when, decision = display.signoff_parts(s)
        if when and wide:
            signoff = Text(f"{when} {display.SHORT_DECISION_LABELS.get(decision, decision or '')}")
        else:
            signoff = Text(when) if when else Text("—", style="dim")
        due = s.get("next_review_due")
        review = display.review_due(due, self.today, s.get("status"))
        if not wide and due and review.style:
            review = Text(f"{due}!", style=review.style)
        status_labels = display.STATUS_LABELS if wide else {**display.STATUS_LABELS, "under-review": "Review"}
        name = Text(" " + s["name"], style="italic" if s["name"].startswith("[Sample]") else "")
        return [
            name,
            display.label(labels, s.get("type")),
            display.significance(s.get("significance")),
            display.label(status_labels, s.get("status")),
            signoff,
            review,
            display.count(s.get("open_actions") or 0, "bold"),
            display.count(self.flags.get(s["id"]), "bold yellow"),
        ]


def _fit(cell: Any, width: int) -> Text:
    """The cell as Text, cut (with an ellipsis) to leave a one-space gap before the next column.

    A Text cell is cut in place: `_cells` makes new ones for every row.
    """
    text = cell if isinstance(cell, Text) else Text(str(cell))
    text.truncate(max(1, width - 1), overflow="ellipsis")
    return text
