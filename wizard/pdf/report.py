"""The whole register for the annual report: `gather_rows`, then `report_pdf` or `report_csv`.

One row per partnership: type, significance, last sign-off, next review
due, overdue, open actions and flags (particular-care flags raised by its
current assessments); high-risk first, then the most overdue. The PDF
(A4 landscape) opens with the totals and a chart, then the table; the CSV
has the same columns, for spreadsheets (UTF-8 with a byte-order mark so
Excel reads accents, and text that a spreadsheet would run as a formula
prefixed with an apostrophe).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from questionnaires import conditions
from wizard import engine
from wizard.errors import UserError
from wizard.output import csv_cell
from wizard.pdf import styles
from wizard.pdf.charts import _step
from wizard.pdf.document import MARGIN, Furniture, PwizDocument, body_pages
from wizard.pdf.fonts import BOLD, REGULAR, register
from wizard.pdf.styles import TYPE_LABELS, stylesheet
from wizard.pdf.text import Text
from wizard.service import Governance
from wizard.wording import count

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
ROWS_PER_TABLE = 40  # one table per page-ful: reportlab never re-wraps a 500-row table


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

    def sort_key(self):
        return (
            styles.SIGNIFICANCE_ORDER.get(self.significance, 3),
            not self.overdue,
            -self.days_overdue,
            self.next_review_due or "9999",
            self.name.casefold(),
        )


def gather_rows(
    register_, library, today: date | None = None, advance: Callable[[str], None] | None = None
) -> tuple[list[Row], list[str]]:
    """Every partnership's row, high-risk first; and warnings (flags that could not be counted)."""
    today = today or date.today()
    governance = Governance(register_, library)
    rows, warnings = [], []
    for summary in register_.list_partnerships():
        flags = _flags(governance, summary["id"], warnings)
        due = summary.get("next_review_due")
        days = (today - date.fromisoformat(due)).days if due else 0
        overdue = bool(due) and days > 0 and summary.get("status") != "ended"
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
                days_overdue=days if overdue else 0,
                open_actions=summary.get("open_actions") or 0,
                flags=flags,
            )
        )
        if advance:
            advance(summary["name"])
    return sorted(rows, key=Row.sort_key), warnings


def _flags(governance: Governance, pid: str, warnings: list[str]) -> int | None:
    """Particular-care flags raised by the partnership's current assessments."""
    current: dict[str, dict] = {}
    for a in governance.register.list_assessments(pid):
        current[a["questionnaire_id"]] = a
    total = 0
    for a in current.values():
        try:
            definition = governance.definition_for(a)
        except Exception as exc:  # UserError, DefinitionError: that questionnaire is not loaded
            warnings.append(f"{pid}: flags not counted: {exc}")
            return None
        total += flag_count(definition, a["answers"])
    return total


def flag_count(definition, answers: dict) -> int:
    """len(engine.evaluate(definition, answers).flags), in one walk of the questionnaire.

    The report needs only the flags of 500 x 7 assessments; evaluate() also
    works out what is missing, actions, risks and outcomes (three walks).
    The rule is the engine's: a visible question's rule with a flag whose
    condition holds over the visible answers (tests check they agree).
    """
    shown = engine.visible_questions(definition, answers)
    context = {}
    for q in shown:
        item = answers.get(q.id)
        value = item.get("value") if isinstance(item, dict) else item
        if engine.is_answered(value):
            context[q.id] = value
    return sum(
        1 for q in shown for rule, node in definition.rules[q.id] if rule.flag and conditions.evaluate(node, context)
    )


# --- CSV --------------------------------------------------------------------------


def report_csv(rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for r in rows:
        writer.writerow(
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
            ]
        )
    return out.getvalue().encode("utf-8-sig")


# --- PDF --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportResult:
    pdf: bytes
    pages: int
    replaced: list[str]


class ReportRenderer:
    HEADERS = (
        "Partnership",
        "Type",
        "Significance",
        "Last sign-off",
        "Next review due",
        "Overdue",
        "Open actions",
        "Flags",
    )

    def __init__(self, rows: list[Row], today: date | None = None, register_name: str = ""):
        self.rows = rows
        self.today = today or date.today()
        self.register_name = register_name
        self.fonts = register()
        self.text = Text(self.fonts)
        self.s = stylesheet()
        self.pagesize = landscape(A4)
        self.width = self.pagesize[0] - 2 * MARGIN

    def render(self) -> ReportResult:
        story = self.story()
        doc = PwizDocument(io.BytesIO(), self.furniture(), pagesize=self.pagesize)
        pdf = doc.render(story)
        return ReportResult(pdf, doc.page, self.text.report())

    def furniture(self) -> Furniture:
        return Furniture(
            header_left="Partnership register report",
            header_right=f"pwiz · prepared {self.today.isoformat()}",
            footer_left=f"{count(len(self.rows), 'partnership')} · {self.text.display(self.register_name)}"[:150],
            title="Partnership register report",
            subject=f"All {len(self.rows)} partnerships in the register, high-risk first",
        )

    def story(self) -> list:
        s = self.s
        rows = self.rows
        story: list = [body_pages(), Paragraph("Partnership register report", s["H1"])]
        high = sum(r.significance == "high" for r in rows)
        overdue = sum(r.overdue for r in rows)
        story.append(
            Paragraph(
                f"{count(len(rows), 'partnership')} · {high} high significance · "
                f'<font color="{styles.hex_colour(styles.FLAG)}"><b>{count(overdue, "review")} overdue</b></font> · '
                f"{count(sum(r.open_actions for r in rows), 'open action')} · "
                f"{count(sum(r.flags or 0 for r in rows), 'answer')} flagged for particular care. "
                f"High-risk partnerships first, then the most overdue.",
                s["Body"],
            )
        )
        if rows:
            story.append(Spacer(1, 3 * mm))
            story.append(self.chart())
            story.append(Spacer(1, 4 * mm))
        else:
            story.append(Paragraph("The register holds no partnerships.", s["Body"]))
        for start in range(0, len(rows), ROWS_PER_TABLE):
            story.append(self.table(rows[start : start + ROWS_PER_TABLE]))
        return story

    def chart(self) -> Drawing:
        """Partnerships by significance, split into on time and overdue."""
        levels = ("high", "medium", "low", None)
        on_time = [sum(1 for r in self.rows if r.significance == lvl and not r.overdue) for lvl in levels]
        late = [sum(1 for r in self.rows if r.significance == lvl and r.overdue) for lvl in levels]
        width, height = 120 * mm, 52 * mm
        d = Drawing(width, height)
        chart = VerticalBarChart()
        chart.x, chart.y, chart.width, chart.height = 30, 22, width - 130, height - 40
        chart.data = [on_time, late]
        chart.categoryAxis.categoryNames = [styles.significance_label(lvl) for lvl in levels]
        chart.categoryAxis.style = "stacked"
        chart.categoryAxis.labels.fontName = REGULAR
        chart.categoryAxis.labels.fontSize = 8
        chart.valueAxis.valueMin = 0
        tallest = max((a + b for a, b in zip(on_time, late)), default=0)
        chart.valueAxis.valueMax = max(tallest, 1)
        chart.valueAxis.valueStep = _step(tallest)
        chart.valueAxis.labels.fontName = REGULAR
        chart.valueAxis.labels.fontSize = 7.5
        chart.bars.strokeColor = None
        chart.bars[0].fillColor = colors.HexColor("#5B8DB8")
        chart.bars[1].fillColor = styles.FLAG
        d.add(chart)
        for n, (colour, label) in enumerate(
            ((chart.bars[0].fillColor, "On time / not yet due"), (styles.FLAG, "Review overdue"))
        ):
            y = height - 30 - n * 14
            d.add(Rect(width - 92, y, 8, 8, fillColor=colour, strokeColor=None))
            d.add(String(width - 80, y + 1, label, fontName=REGULAR, fontSize=8))
        d.add(String(0, height - 8, "Partnerships by significance", fontName=BOLD, fontSize=9))
        return d

    def table(self, rows: list[Row]) -> Table:
        s = self.s
        w = self.width
        data = [[Paragraph(h, s["CellBold"]) for h in self.HEADERS]]
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), REGULAR),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LEADING", (0, 0), (-1, -1), 10),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
            ("BACKGROUND", (0, 0), (-1, 0), styles.SHADE),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.ACCENT),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
            ("ALIGN", (6, 1), (7, -1), "RIGHT"),
        ]
        for n, r in enumerate(rows, start=1):
            name = Paragraph(
                f"{self.text.inline(r.name, bold=True)} "
                f'<font color="{styles.hex_colour(styles.MUTED)}" size="7">{r.id}</font>',
                s["CellBold"],
            )
            last = f"{r.last_signoff}\n{styles.decision_label(r.last_decision)}" if r.last_signoff else "never"
            overdue = f"Yes, {r.days_overdue} days" if r.overdue else "No"
            data.append(
                [
                    name,
                    TYPE_LABELS.get(r.type, r.type or "—"),
                    styles.significance_label(r.significance),
                    last,
                    r.next_review_due or "not scheduled",
                    overdue,
                    str(r.open_actions),
                    "?" if r.flags is None else str(r.flags),
                ]
            )
            commands += [
                ("BACKGROUND", (2, n), (2, n), styles.significance_colour(r.significance)),
                ("TEXTCOLOR", (2, n), (2, n), colors.white),
            ]
            if r.overdue:
                commands.append(("TEXTCOLOR", (5, n), (5, n), styles.FLAG))
        widths = [0.28 * w, 0.14 * w, 0.11 * w, 0.14 * w, 0.1 * w, 0.09 * w, 0.07 * w, 0.07 * w]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle(commands))
        return table


def write_report(
    register_, library, output, fmt: str, today: date | None = None, progress=None, write: Callable | None = None
) -> tuple[int, list[str], list[str]]:
    """Gather and write the report; returns (rows, replaced-character lines, warnings).

    `progress` is an optional object with start(total) / advance(name) /
    rendering() / done() (the CLI's rich progress bar); `write(path, bytes)`
    writes the file (default: Path.write_bytes).
    """
    if progress is not None:
        progress.start(len(register_.list_partnerships()))
    rows, warnings = gather_rows(register_, library, today, progress.advance if progress else None)
    replaced: list[str] = []
    if fmt == "csv":
        data = report_csv(rows)
    else:
        if progress is not None:
            progress.rendering()
        result = ReportRenderer(rows, today, str(getattr(register_, "root", ""))).render()
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
