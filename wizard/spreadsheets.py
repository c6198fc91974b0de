"""Excel workbooks (.xlsx) for the exports: `report`, `risk list` and `action list` with `-o FILE.xlsx`.

Each export hands over its column names and rows; this module makes them a
real sheet rather than text in cells: numbers and yes/no stay numbers and
booleans, the columns named as dates hold dates (shown DD/MM/YYYY), the
header row is bold and frozen, every column has a filter and a width that
fits its longest cell. Text that Excel would run as a formula is stored as
text. openpyxl is imported only when a workbook is written, so the commands
that never write one start without it.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, date, datetime

DAY_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
WIDEST = 60  # characters: a long description wraps at this width instead of pushing the rest off screen


def heading(column: str) -> str:
    """A column name as a person reads it: "next_review_due" -> "Next review due"."""
    return column.replace("_", " ").capitalize()


def workbook(
    title: str, columns: Sequence[str], rows: Iterable[Sequence[object]], dates: Collection[str] = ()
) -> bytes:
    """One sheet named `title`: a header row from `columns`, then `rows`; the `dates` columns'
    ISO text ("2027-03-31", or a register timestamp) becomes a date (or a date and time, in UTC)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its one sheet
    sheet.title = title
    sheet.append([heading(column) for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    date_indexes = {index for index, column in enumerate(columns) if column in dates}
    widths = [len(heading(column)) for column in columns]
    for row in rows:
        values = [_as_date(value) if index in date_indexes else value for index, value in enumerate(row)]
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("\ufffd", v) if isinstance(v, str) else v for v in values])
        for index, cell in enumerate(sheet[sheet.max_row]):
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "=HYPERLINK(...)" typed into a name stays text, never a formula
                if len(cell.value) > WIDEST:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif isinstance(cell.value, datetime):
                cell.number_format = MOMENT_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = DAY_FORMAT
            widths[index] = max(widths[index], _shown_width(cell.value))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(width, WIDEST) + 2
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{sheet.max_row}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _as_date(value: object) -> object:
    """ISO text as a date, or a naive UTC datetime (Excel keeps no time zones); anything else as it is."""
    if not isinstance(value, str) or not value:
        return value or None
    if len(value) == 10:
        return date.fromisoformat(value)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is None else moment.astimezone(UTC).replace(tzinfo=None)


def _shown_width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return len(MOMENT_FORMAT)
    if isinstance(value, date):
        return len(DAY_FORMAT)
    return max((len(line) for line in str(value).splitlines()), default=0)
