"""The risk heat map: a 5×5 likelihood × impact matrix with each risk placed by its reference.

The score bands are decided here, once (the pack, the register report and the
annual report all read them from `band`):

    score = likelihood × impact (1–25)
    Low     1–4    green
    Medium  5–12   amber
    High    15–25  red

(no product of two scores 1–5 falls between 12 and 15). Colour is never the
only carrier: every place that shows a risk also prints its score and the
band's name (`score_text`), and a cell of the map names its own score.

A risk without both a likelihood and an impact is "not scored": it has no
cell, and the map lists it beneath the grid by its reference.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from wizard.pdf import styles
from wizard.pdf.fonts import BOLD, REGULAR, register
from wizard.wording import count

SCALE = range(1, 6)
NOT_SCORED = "not scored"
# (name, lowest score, fill: light enough for dark text, and for a black-and-white print)
BANDS = (
    ("High", 15, colors.HexColor("#F1A9A0")),
    ("Medium", 5, colors.HexColor("#F8D58C")),
    ("Low", 1, colors.HexColor("#A9DCB8")),
)
CLOSED = "closed"
BANDS_TEXT = "Low 1–4, Medium 5–12, High 15–25"  # as BANDS says, for a line under a map


def score(likelihood: int | None, impact: int | None) -> int | None:
    """likelihood × impact, or None when either is not scored."""
    return likelihood * impact if likelihood and impact else None


def band(value: int) -> tuple[str, colors.Color]:
    """The band a score falls in: (name, fill)."""
    for name, lowest, fill in BANDS:
        if value >= lowest:
            return name, fill
    raise ValueError(f"a risk score is 1 to 25, not {value}")


def score_text(likelihood: int | None, impact: int | None) -> str:
    """A risk's score as a reader gets it without colour: "4 × 5 = 20 High", or "not scored"."""
    value = score(likelihood, impact)
    if value is None:
        return NOT_SCORED
    return f"{likelihood} × {impact} = {value} {band(value)[0]}"


def live(risk: dict) -> bool:
    """A risk the map shows: any not closed (open, treated and accepted risks are all still held)."""
    return (risk.get("status") or "open") != CLOSED


@dataclass(frozen=True)
class Placed:
    """One risk on the map: its reference (R1, R2, ...) and its scores (None: not scored)."""

    ref: str
    likelihood: int | None
    impact: int | None


class HeatMap(Flowable):
    """The matrix: likelihood rows 5 (top) to 1, impact columns 1 to 5, each cell in its band's
    colour with its score in the corner and the references of the risks in it; the references of
    risks not scored are listed under it. A crowded cell shows what fits and "+N more"."""

    LABEL_W, CELL_H, HEAD_H, FOOT_H = 30.0, 42.0, 18.0, 28.0
    SIZE, LEADING = 8.0, 9.5

    def __init__(
        self,
        risks: Iterable[Placed],
        width: float,
        title: str = "Risk heat map",
        counts: dict[tuple[int, int], int] | None = None,
        unscored: int = 0,
    ):
        """`risks` placed by reference; or, for a register too big for that, `counts` (scored risks by
        cell) and `unscored` (how many are not scored), each cell then saying how many it holds."""
        super().__init__()
        register()  # the fonts it measures and draws with
        self.title = title
        self.cell_w = min((width - self.LABEL_W) / 5, 90.0)
        self.width = self.LABEL_W + 5 * self.cell_w
        self.counts = counts
        self.cells: dict[tuple[int, int], list[str]] = {(lk, im): [] for lk in SCALE for im in SCALE}
        self.unscored: list[str] = []
        for risk in risks:
            if risk.likelihood and risk.impact:
                self.cells[(risk.likelihood, risk.impact)].append(risk.ref)
            else:
                self.unscored.append(risk.ref)
        self.unscored_count = unscored if counts is not None else len(self.unscored)
        self.height = self.HEAD_H + 5 * self.CELL_H + self.FOOT_H + (self.LEADING * 2 if self.unscored_count else 0)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def cell_box(self, likelihood: int, impact: int) -> tuple[float, float, float, float]:
        """Where a cell is drawn, in the flowable's own points: (x0, y0, x1, y1)."""
        x0 = self.LABEL_W + (impact - 1) * self.cell_w
        y0 = self.height - self.HEAD_H - (6 - likelihood) * self.CELL_H
        return x0, y0, x0 + self.cell_w, y0 + self.CELL_H

    def shown(self, likelihood: int, impact: int) -> list[str]:
        """The lines a cell prints: its references as fit, the last line "+N more" when not all do
        (a map of counts: how many risks it holds)."""
        if self.counts is not None:
            held = self.counts.get((likelihood, impact), 0)
            return [count(held, "risk")] if held else []
        refs = self.cells[(likelihood, impact)]
        lines: list[list[str]] = []
        for ref in refs:
            if lines and stringWidth(" ".join([*lines[-1], ref]), BOLD, self.SIZE) <= self.cell_w - 8:
                lines[-1].append(ref)
            else:
                lines.append([ref])
        room = int((self.CELL_H - 12) // self.LEADING)
        if len(lines) > room:
            lines = lines[: room - 1]
            lines.append([f"+{len(refs) - sum(map(len, lines))} more"])
        return [" ".join(line) for line in lines]

    def _unscored_line(self) -> str:
        """ "Not scored (N, no cell): R7, R9, ..." with as many references as fit the map's width."""
        text = f"Not scored ({self.unscored_count}, no cell):"
        if self.counts is not None:
            return f"Not scored: {count(self.unscored_count, 'risk')}, no cell"
        for n, ref in enumerate(self.unscored):
            more = f"{text} {ref}" + ("," if n < len(self.unscored) - 1 else "")
            if stringWidth(f"{more} …", REGULAR, 7.5) > self.width:
                return f"{text} …"
            text = more
        return text

    def draw(self) -> None:
        c = self.canv
        c.saveState()
        c.setFont(BOLD, 9)
        c.setFillColor(styles.INK)
        c.drawString(0, self.height - 10, self.title)
        for lk in SCALE:
            for im in SCALE:
                x0, y0, x1, y1 = self.cell_box(lk, im)
                name, fill = band(lk * im)
                c.setFillColor(fill)
                c.setStrokeColor(colors.white)
                c.setLineWidth(1.5)
                c.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=1)
                c.setFont(REGULAR, 6.5)
                c.setFillColor(styles.INK)
                c.drawRightString(x1 - 3, y1 - 8, f"{lk * im} {name}")
                c.setFont(BOLD, self.SIZE)
                for n, text in enumerate(self.shown(lk, im)):
                    c.drawString(x0 + 4, y1 - 9 - self.LEADING * (n + 1), text)
            _, y0, _, y1 = self.cell_box(lk, 1)
            c.setFont(REGULAR, 7.5)
            c.setFillColor(styles.INK)
            c.drawRightString(self.LABEL_W - 6, (y0 + y1) / 2 - 3, str(lk))
        bottom = self.cell_box(1, 1)[1]
        for im in SCALE:
            x0, _, x1, _ = self.cell_box(1, im)
            c.drawCentredString((x0 + x1) / 2, bottom - 10, str(im))
        c.setFillColor(styles.MUTED)
        c.drawCentredString(self.LABEL_W + 2.5 * self.cell_w, bottom - 21, "Impact →")
        c.saveState()
        c.translate(10, bottom + 2.5 * self.CELL_H)
        c.rotate(90)
        c.setFillColor(styles.MUTED)
        c.drawCentredString(0, 0, "Likelihood →")
        c.restoreState()
        if self.unscored_count:
            c.setFont(REGULAR, 7.5)
            c.setFillColor(styles.INK)
            c.drawString(0, bottom - self.FOOT_H - self.LEADING, self._unscored_line())
        c.restoreState()
