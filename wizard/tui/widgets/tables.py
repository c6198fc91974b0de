"""A row-picking table whose Enter ("Open") shows in the footer."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable
from textual.widgets.data_table import CellType, RowKey


class PickTable(DataTable):
    """A DataTable of rows to open with Enter (or a click).

    A row is as tall as its cells need: a cell wraps in its column rather
    than being cut ("Meets the gov" for "Meets the governance standards"
    at 80 columns).
    """

    BINDINGS = [Binding("enter", "select_cursor", "Open", id="table.open", tooltip="Open the highlighted row")]

    def __init__(self, *, id: str | None = None, cell_padding: int = 0) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=cell_padding)

    def add_row(
        self, *cells: CellType, height: int | None = None, key: str | None = None, label: object = None
    ) -> RowKey:
        """Add a row as tall as its wrapped cells (DataTable's rows are one line unless told)."""
        return super().add_row(*cells, height=height, key=key, label=label)  # type: ignore[arg-type]
