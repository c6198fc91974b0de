"""Flowables that talk to the NumberedCanvas: headings that know their page,
and a contents list whose page numbers are filled in when the document is
saved (one layout pass: no multiBuild)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph

from wizard.pdf import styles
from wizard.pdf.fonts import BOLD, REGULAR


class Heading(Paragraph):
    """A heading that records its page (for the contents) and adds a PDF bookmark."""

    def __init__(self, text: str, style, key: str | None = None, outline: str | None = None, level: int = 0):
        super().__init__(text, style)
        self.key = key
        self.outline = outline
        self.level = level

    def draw(self):
        super().draw()
        canv = self.canv
        if self.key is None or not hasattr(canv, "defer"):
            return
        canv.anchor(self.key)
        _, top = canv.absolutePosition(0, self.height)
        key, title, level = self.key, self.outline, self.level

        def bookmark(c, total):
            c.bookmarkPage(key, fit="XYZ", left=0, top=top + 6)
            if title:
                c.addOutlineEntry(title, key, level=level, closed=level > 0)

        canv.defer(bookmark)


class Contents(Flowable):
    """Entries (key, title, level); page numbers drawn once every page is laid out."""

    LEADING = 17

    def __init__(self, entries: list[tuple[str, str, int]]):
        super().__init__()
        self.entries = entries

    def wrap(self, available_width, available_height):
        self.width = available_width
        self.height = len(self.entries) * self.LEADING
        return self.width, self.height

    def split(self, available_width, available_height):
        fits = int(available_height // self.LEADING)
        if fits <= 0 or fits >= len(self.entries):
            return [] if fits <= 0 else [self]
        return [Contents(self.entries[:fits]), Contents(self.entries[fits:])]

    def draw(self):
        canv = self.canv
        placed = []
        for n, (key, title, level) in enumerate(self.entries):
            y = self.height - (n + 1) * self.LEADING + 5
            x = 6 * mm * level
            font, size = (BOLD, 10.5) if level == 0 else (REGULAR, 9.5)
            canv.setFont(font, size)
            canv.setFillColor(styles.INK)
            text = _fit(title, font, size, self.width - x - 20 * mm)
            canv.drawString(x, y, text)
            end = x + stringWidth(text, font, size) + 2
            placed.append(
                (
                    key,
                    canv.absolutePosition(end, y),
                    canv.absolutePosition(self.width, y),
                    font,
                    size,
                    canv.absolutePosition(x, y),
                )
            )

        def numbers(c, total):
            for key, (x0, y0), (x1, y1), font, size, (lx, _) in placed:
                page = c.anchors.get(key)
                if page is None:
                    continue
                label = str(page)
                c.saveState()
                c.setFont(font, size)
                c.setFillColor(styles.INK)
                c.drawRightString(x1, y1, label)
                c.setStrokeColor(styles.RULE)
                c.setDash(1, 2)
                c.line(x0 + 2, y0, x1 - stringWidth(label, font, size) - 4, y0)
                c.restoreState()
                c.linkRect("", key, (lx, y0 - 3, x1, y0 + size), relative=0, thickness=0)

        if hasattr(canv, "defer"):  # a plain reportlab canvas: titles without page numbers
            canv.defer(numbers)


def _fit(text: str, font: str, size: float, width: float) -> str:
    if stringWidth(text, font, size) <= width:
        return text
    text = text[:300]
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
