"""A row-picking table whose Enter ("Open") shows in the footer."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import DataTable


class PickTable(DataTable):
    """A DataTable of rows to open with Enter (or a click)."""

    BINDINGS = [Binding("enter", "select_cursor", "Open", id="table.open", tooltip="Open the highlighted row")]

    def __init__(self, *, id: str | None = None, cell_padding: int = 0) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=cell_padding)
