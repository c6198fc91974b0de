"""The whole register for the annual report: `gather_rows`, then `report_csv` or the PDF (`write_report` does both).

One row per partnership: type, significance, last sign-off, next review
due, overdue, open actions and flags (particular-care flags raised by its
current assessments); high-risk first, then the most overdue. The PDF
(A4 landscape) opens with the totals and a chart, then the table; the CSV
has the same columns and the data sheet's (wizard.datasheet_columns), for spreadsheets (UTF-8 with a byte-order mark so
Excel reads accents, and text that a spreadsheet would run as a formula
prefixed with an apostrophe). The PDF is laid out by wizard/pdf/report_pdf.py,
imported only for a PDF: the CSV never loads reportlab.

Flags come from the register's derived-data cache (wizard.derived), so a
report reads only the partnerships changed since the last one; everything
else in a row is in the index.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from store.schedule import days_overdue
from wizard import collector
from wizard.datasheet_columns import SHEET_COLUMNS, sheet_columns
from wizard.derived import flags_by_partnership
from wizard.errors import UserError
from wizard.output import csv_cell
from wizard.service import Governance

if TYPE_CHECKING:
    from store.derived import Versions

COLUMNS = (
    "id",
    "name",
    "type",
    "status",
    "significance",
    "last_signoff",
    "last_decision",
    "next_review_due",
    "overdue",
    "days_overdue",
    "open_actions",
    "flags",
)
SIGNIFICANCE_ORDER = {"high": 0, "medium": 1, "low": 2, None: 3}


@dataclass(frozen=True)
class Row:
    id: str
    name: str
    type: str | None
    status: str | None
    significance: str | None
    last_signoff: str | None
    last_decision: str | None
    next_review_due: str | None
    overdue: bool
    days_overdue: int
    open_actions: int
    flags: int | None  # None: an assessment's questionnaire version is not loaded
    sheet: dict = field(default_factory=dict)  # SHEET_COLUMNS, for the CSV and Excel report only

    def sort_key(self):
        return (
            SIGNIFICANCE_ORDER.get(self.significance, 3),
            not self.overdue,
            -self.days_overdue,
            self.next_review_due or "9999",
            self.name.casefold(),
        )


def gather_rows(
    register_,
    library,
    today: date | None = None,
    advance: Callable[[str], None] | None = None,
    sheet: bool = False,
    summaries: list[dict] | None = None,
    versions: Versions | None = None,
) -> tuple[list[Row], list[str]]:
    """Every partnership's row, high-risk first; and warnings (flags that could not be counted).
    With `sheet`, each row also holds the data sheet's SHEET_COLUMNS; `summaries`: the index as
    the caller read it already (at 5,000 partnerships, parsing it is a tenth of the CSV's work);
    `versions`: the partnerships' versions as the caller read them (Register.versions)."""
    today = today or date.today()
    summaries = register_.list_partnerships() if summaries is None else summaries
    if versions is None:  # read once for the flags and the data sheets: one pass of stats
        versions = register_.versions([summary["id"] for summary in summaries])
    flags = flags_by_partnership(Governance(register_, library), versions=versions)
    sheets = sheet_columns(register_, versions.pids, versions) if sheet else {}
    rows, warnings = [], []
    for summary in summaries:
        counted = flags[summary["id"]]
        if counted["unread"] is not None:
            warnings.append(f"{summary['id']}: flags not counted: {counted['unread']}")
        due = summary.get("next_review_due")
        days = days_overdue(due, summary.get("status"), today)
        overdue = days > 0
        rows.append(
            Row(
                id=summary["id"],
                name=summary["name"],
                type=summary.get("type"),
                status=summary.get("status"),
                significance=summary.get("significance"),
                last_signoff=summary.get("last_signoff_date"),
                last_decision=summary.get("last_signoff_decision"),
                next_review_due=due,
                overdue=overdue,
                days_overdue=days,
                open_actions=summary.get("open_actions") or 0,
                flags=None if counted["unread"] is not None else counted["flags"],
                sheet=sheets.get(summary["id"], {}),
            )
        )
        if advance:
            advance(summary["name"])
    return sorted(rows, key=Row.sort_key), warnings


# --- CSV --------------------------------------------------------------------------


def report_csv(rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS + SHEET_COLUMNS)
    writer.writerows(
        [
            r.id,
            csv_cell(r.name),
            r.type or "",
            r.status or "",
            r.significance or "",
            r.last_signoff or "",
            r.last_decision or "",
            r.next_review_due or "",
            "yes" if r.overdue else "no",
            r.days_overdue,
            r.open_actions,
            "" if r.flags is None else r.flags,
            *[csv_cell(str(value)) if (value := r.sheet.get(column)) else "" for column in SHEET_COLUMNS],
        ]
        for r in rows
    )
    return out.getvalue().encode("utf-8-sig")


def write_report(
    register_, library, output, fmt: str, today: date | None = None, progress=None, write: Callable | None = None
) -> tuple[int, list[str], list[str]]:
    """Gather and write the report; returns (rows, replaced-character lines, warnings).

    `progress` is an optional object with start(total) / advance(name) /
    rendering() / done() (the CLI's rich progress bar); `write(path, bytes)`
    writes the file (default: Path.write_bytes).
    """
    with collector.paused():  # the report builds data and keeps it until written: wizard.collector
        summaries = register_.list_partnerships()
        versions = register_.versions([summary["id"] for summary in summaries])
        if progress is not None:
            progress.start(len(summaries))
        advance = progress.advance if progress else None
        rows, warnings = gather_rows(register_, library, today, advance, fmt == "csv", summaries, versions)
        replaced: list[str] = []
        if fmt == "csv":
            data = report_csv(rows)
        else:
            if progress is not None:
                progress.rendering()
            from wizard.pdf.register_facts import register_risks
            from wizard.pdf.report_pdf import ReportRenderer

            risks = register_risks(register_, {row.id: row.name for row in rows}, versions)  # the index read once
            result = ReportRenderer(rows, today, str(getattr(register_, "root", "")), risks).render()
            data, replaced = result.pdf, result.replaced
    if progress is not None:
        progress.done()
    if write is not None:
        write(output, data)
    else:
        try:
            output.write_bytes(data)
        except OSError as exc:
            raise UserError(f"cannot write {output}: {exc.strerror or exc}") from None
    return len(rows), replaced, warnings
