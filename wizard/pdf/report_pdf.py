"""The register report as a PDF (A4 landscape): totals, a chart, the table, then the risk heat map.

The rows come from wizard.pdf.report (`gather_rows`), which also writes the CSV.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.rl_accel import escapePDF
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer

from wizard.pdf import risk_key, styles
from wizard.pdf.charts import _step
from wizard.pdf.document import MARGIN, Furniture, PwizDocument, body_pages
from wizard.pdf.fonts import BOLD, REGULAR, register
from wizard.pdf.register_facts import RegisterRisks
from wizard.pdf.report import Row
from wizard.pdf.styles import TYPE_LABELS, stylesheet
from wizard.pdf.text import Text
from wizard.wording import count

ROWS_PER_TABLE = 40  # one table per page-ful: reportlab never re-wraps a 500-row table


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

    def __init__(
        self,
        rows: list[Row],
        today: date | None = None,
        register_name: str = "",
        risks: RegisterRisks | None = None,
    ):
        self.rows = rows
        self.risks = risks  # None: no heat map (a report of the index alone)
        self.today = today or date.today()
        self.register_name = register_name
        self.fonts = register()
        self.text = Text(self.fonts)
        self.s = stylesheet()
        self.pagesize = landscape(A4)
        self.width = self.pagesize[0] - 2 * MARGIN
        self.encoder = Encoder()  # shared by the tables of one document

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
        if self.risks is not None:
            story += [PageBreak(), *risk_key.section(self.risks, self.width, self.text, s)]
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

    def table(self, rows: list[Row]) -> RowsTable:
        widths = [0.28, 0.14, 0.11, 0.14, 0.1, 0.09, 0.07, 0.07]
        return RowsTable([self.cells(r) for r in rows], [f * self.width for f in widths], self.encoder)

    def cells(self, r: Row) -> tuple[list[Cell], Color]:
        """A row's cells (text, font, colour, right-aligned) and its significance colour."""
        last = [r.last_signoff, styles.decision_label(r.last_decision)] if r.last_signoff else ["never"]
        ink = INK
        return [
            (self.text.display(r.name, bold=True), BOLD, ink, False),
            (r.id, REGULAR, MUTED, False),
            (TYPE_LABELS.get(r.type or "") or self.text.display(r.type or "—"), REGULAR, ink, False),
            (styles.significance_label(r.significance), REGULAR, WHITE, False),
            ("\n".join(last), REGULAR, ink, False),
            (r.next_review_due or "not scheduled", REGULAR, ink, False),
            (f"Yes, {r.days_overdue} days" if r.overdue else "No", REGULAR, FLAG if r.overdue else ink, False),
            (str(r.open_actions), REGULAR, ink, True),
            ("?" if r.flags is None else str(r.flags), REGULAR, ink, True),
        ], styles.significance_colour(r.significance)


Cell = tuple[str, str, str, bool]  # text, font, colour (PDF operands), right-aligned


@dataclass(frozen=True, eq=False)
class Face:
    """A font, size and colour (PDF operands) that text is drawn in: one object per face
    (`_face`), so a page groups its ~150 runs by identity, not by hashing tuples."""

    font: str
    size: float
    colour: str


@lru_cache(maxsize=64)
def _face(font: str, size: float, colour: str) -> Face:
    return Face(font, size, colour)


# x, line number, text, face, drop from the row's top to the baseline; x and drop in 1/100 pt (see _text)
Run = tuple[int, int, str, Face, int]


def hundredths(points: float) -> int:
    return int(points * 100 + 0.5)


def operands(colour: Color) -> str:
    """A colour as the numbers a PDF colour operator takes ("0.106 0.122 0.137")."""
    return f"{colour.red:.3f} {colour.green:.3f} {colour.blue:.3f}"


INK, MUTED, WHITE, FLAG = (operands(c) for c in (styles.INK, styles.MUTED, colors.white, styles.FLAG))


class RowsTable(Flowable):
    """The report's table, drawn straight on the canvas, split across pages with its header.

    platypus's Table (a Paragraph per name, a style command per cell) cost
    ~1 ms a row: 6 s for 5,000 partnerships. Here a row is a few runs of
    text, placed once (a long name wraps at spaces, the partnership id follows
    it in small grey type), and a page draws its runs grouped by font and
    colour, its significance colours as one rectangle per run of equal rows
    and its rules as one path each.
    """

    HEADERS = ReportRenderer.HEADERS
    SIZE, ID_SIZE, LEADING, PAD_X, PAD_Y = 8.0, 7.0, 10.0, 6.0, 2.5

    def __init__(
        self,
        rows: list[tuple[list[Cell], Color]],
        widths: list[float],
        encoder: Encoder,
        placed: tuple[list[list[Run]], list[float]] | None = None,
    ):
        super().__init__()
        self.rows, self.widths, self.encoder = rows, widths, encoder
        self.x = [sum(widths[:n]) for n in range(len(widths))]
        self.boxes = [(x + self.PAD_X, width - 2 * self.PAD_X) for x, width in zip(self.x, widths)]  # (left, inner)
        self.head = self._runs([(h, BOLD, INK, False) for h in self.HEADERS], with_id=False)
        self.head_height = self._height(self.head)
        if placed is None:  # the whole table; its parts (split) share what was placed and measured
            runs = [self._runs(cells) for cells, _ in rows]
            placed = runs, [self._height(row) for row in runs]
        self.placed, self.heights = placed

    def _height(self, runs: list[Run]) -> float:
        return (1 + max(run[1] for run in runs)) * self.LEADING + 2 * self.PAD_Y

    @classmethod
    def _drop(cls, line: int) -> int:
        """From the top of a row to the baseline of its line `line`, in 1/100 pt."""
        return hundredths(cls.PAD_Y + cls.SIZE + line * cls.LEADING)

    def _runs(self, cells: list[Cell], with_id: bool = True) -> list[Run]:
        """Where each line of each cell goes: the name wrapped, its id after it, the rest one column each."""
        pid = cells.pop(1) if with_id else None
        runs: list[Run] = []
        for (left, inner), (text, font, colour, right) in zip(self.boxes, cells):
            runs += _placed(left, inner, text, font, colour, right)
            if pid is not None:  # the name's column
                runs.append(self._id_run(runs[-1], font, pid))
                pid = None
        return runs

    def _id_run(self, name_end: Run, font: str, pid: Cell) -> Run:
        """The partnership id in small type after the name's last line, or below it when it does not fit."""
        _, last, line, *_ = name_end
        (left, inner), text = self.boxes[0], pid[0]
        after = _width(line, font, self.SIZE) + _width(" ", font, self.SIZE)
        x, n = (after, last) if after + _width(text, REGULAR, self.ID_SIZE) <= inner else (0.0, last + 1)
        return hundredths(left + x), n, text, _face(REGULAR, self.ID_SIZE, pid[2]), self._drop(n)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return sum(self.widths), self.head_height + sum(self.heights)

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        room, fits = availHeight - self.head_height, 0
        while fits < len(self.rows) and self.heights[fits] <= room:
            room -= self.heights[fits]
            fits += 1
        if fits in (0, len(self.rows)):
            return []
        return [self._part(0, fits), self._part(fits, len(self.rows))]

    def _part(self, start: int, end: int) -> RowsTable:
        placed = self.placed[start:end], self.heights[start:end]
        return RowsTable(self.rows[start:end], self.widths, self.encoder, placed)

    def draw(self) -> None:
        canvas, width = self.canv, sum(self.widths)
        top = self.head_height + sum(self.heights)
        ops = [f"q {operands(styles.SHADE)} rg 0 {top - self.head_height:.2f} {width:.2f} {self.head_height:.2f} re f"]
        groups: dict[Face, list[tuple[int, int, str]]] = {}
        bands: list[list] = []  # [colour, top, bottom] of the significance column
        rules: list[float] = []
        y = top
        for runs, height in zip([self.head, *self.placed], [self.head_height, *self.heights]):
            row_top = hundredths(y)
            for x, _, text, face, drop in runs:
                groups.setdefault(face, []).append((x, row_top - drop, text))
            if runs is not self.head:
                colour = self.rows[len(rules) - 1][1]
                if bands and bands[-1][0] == colour:
                    bands[-1][2] = y - height
                else:
                    bands.append([colour, y, y - height])
            y -= height
            rules.append(y)
        for colour, upper, lower in bands:
            ops.append(
                f"{operands(colour)} rg {self.x[2]:.2f} {lower:.2f} {self.widths[2]:.2f} {upper - lower:.2f} re f"
            )
        for thickness, colour, heights in ((0.4, styles.RULE, rules[1:]), (0.8, styles.ACCENT, rules[:1])):
            ops.append(f"{operands(colour)} RG {thickness} w")
            ops += [f"0 {at:.2f} m {width:.2f} {at:.2f} l" for at in heights]
            ops.append("S")
        ops.append("Q")
        canvas.addLiteral("\n".join(ops))
        canvas.addLiteral(self._text(groups))

    def _text(self, groups: dict[Face, list[tuple[int, int, str]]]) -> str:
        """The page's text as PDF operators, each distinct string encoded once per document.

        What reportlab's text object writes for a TrueType font (font subset, Tm,
        Tj), without its per-call overhead (cursor widths, number formatting):
        ~60,000 runs at 5,000 partnerships, placed in whole hundredths of a point
        so that a move is integer arithmetic. Font subsets belong to the document
        (`canv._doc`), as in reportlab's own textobject."""
        doc, encoder = self.canv._doc, self.encoder
        ops, at_x, at_y = ["q BT"], 0, 0  # BT starts the text matrix at the origin
        moves = _MOVES
        for face, items in groups.items():
            ops.append(f"{face.colour} rg")
            current, size, known = None, f"{face.size:g} Tf", encoder.known(face.font)
            for x, y, line in items:  # each line placed from the last: the moves repeat, and compress
                move = x - at_x, y - at_y
                td = moves.get(move)
                if td is None:
                    td = moves[move] = f"{move[0] / 100:.2f} {move[1] / 100:.2f} Td"
                ops.append(td)
                at_x, at_y = x, y
                for subset, shown in known.get(line) or encoder.encode(face.font, line, doc):
                    if subset != current:
                        ops.append(f"{subset} {size}")
                        current = subset
                    ops.append(shown)
        ops.append("ET Q")
        return "\n".join(ops)


class Encoder:
    """Strings as a document's font subsets and escaped bytes, each worked out once per document.

    reportlab's `splitString` maps a string to font subsets character by
    character in Python (~25,000 names and ids at 5,000 partnerships). A font
    whose subset 0 holds printable ASCII as itself (reportlab's ASCII-readable
    subsets, checked once per font through splitString itself) takes such a
    string whole.
    """

    PRINTABLE = "".join(map(chr, range(32, 127)))

    def __init__(self) -> None:
        self.done: dict[str, dict[str, list[tuple[str, str]]]] = {}  # font -> text -> [(subset name, "(…) Tj")]
        self.ascii: dict[str, str | None] = {}  # font -> its subset 0's name when it holds ASCII as itself

    def known(self, name: str) -> dict[str, list[tuple[str, str]]]:
        """The strings of font `name` encoded so far (what `encode` would return for each)."""
        return self.done.setdefault(name, {})

    def encode(self, name: str, text: str, doc) -> list[tuple[str, str]]:
        """`text` in font `name`: each font subset's name and the operator showing its part."""
        known = self.known(name)
        found = known.get(text)
        if found is not None:
            return found
        font = getFont(name)
        if name not in self.ascii:
            whole = font.splitString(self.PRINTABLE, doc) == [(0, self.PRINTABLE.encode("ascii"))]
            self.ascii[name] = font.getSubsetInternalName(0, doc) if whole else None
        subset0 = self.ascii[name]
        if subset0 is not None and text.isascii() and text.isprintable():
            found = [(subset0, f"({escapePDF(text)}) Tj")]
        else:
            found = [
                (font.getSubsetInternalName(subset, doc), f"({escapePDF(part)}) Tj")
                for subset, part in font.splitString(text, doc)
            ]
        known[text] = found
        return found


# Text moves (in 1/100 pt) as PDF operators: a report repeats a few hundred of them ~60,000 times.
_MOVES: dict[tuple[int, int], str] = {}


@lru_cache(maxsize=4096)
def _placed(left: float, inner: float, text: str, font: str, colour: str, right: bool) -> tuple[Run, ...]:
    """A cell's lines placed in its column (most cells repeat: labels, dates, counts)."""
    size, face = RowsTable.SIZE, _face(font, RowsTable.SIZE, colour)
    lines = [line for part in text.split("\n") for line in _wrap(part, font, size, inner)]
    return tuple(
        (hundredths(left + (inner - _width(line, font, size) if right else 0.0)), n, line, face, RowsTable._drop(n))
        for n, line in enumerate(lines)
    )


@lru_cache(maxsize=16384)  # a report's names, once each, and its few hundred labels
def _width(text: str, font: str, size: float) -> float:
    """stringWidth, remembered: a report measures the same few labels thousands of times."""
    return stringWidth(text, font, size)


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """The text in lines that fit `width` (a single line when it fits, the common case)."""
    return [text] if _width(text, font, size) <= width else simpleSplit(text, font, size, width) or [""]
