"""A plain listing table for the register-wide reports (the annual report, the risk key): a shaded
header repeated on each page, thin rules between rows, each cell user text escaped by `Text`."""

from __future__ import annotations

from reportlab.platypus import LongTable, Paragraph, TableStyle

from wizard.pdf import styles
from wizard.pdf.fonts import BOLD
from wizard.pdf.text import Text


class Listing:
    """Cells and tables in one document's stylesheet and text cleaner."""

    def __init__(self, text: Text, s):
        self.text, self.s = text, s
        self.flag_style = s["CellBold"].clone("FlagCell", textColor=styles.FLAG)

    def flagged(self, value: object) -> Paragraph:
        """A cell in bold red, for what is late (its words must say so too: colour is not enough)."""
        return Paragraph(self.text.inline(value, bold=True), self.flag_style)

    def cell(self, value: object, style: str = "Cell") -> Paragraph:
        return Paragraph(self.text.inline(value, bold=self.s[style].fontName == BOLD), self.s[style])

    def table(self, headers: tuple[str, ...], rows: list[list], widths: list[float], extra: list | None = None):
        head = [Paragraph(h, self.s["CellBold"]) for h in headers]
        table = LongTable([head, *rows], colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
                    ("BACKGROUND", (0, 0), (-1, 0), styles.SHADE),
                    ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.ACCENT),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    *(extra or []),
                ]
            )
        )
        return table
