"""The page machinery every pwiz PDF shares (after pretix's invoice renderer).

- `NumberedCanvas` keeps each finished page aside and draws "Page X of Y"
  when the document is saved and Y is known: one layout pass, not two.
  Flowables can `defer` drawing until then too (the contents page's page
  numbers, the outline), and record on which page a heading landed
  (`anchor`).
- `PwizDocument` has two PageTemplates (cover, body), each with one Frame;
  the header and the footer (partnership id and record digest, or DRAFT)
  are drawn once, as a form each page's onPage hook places, and the DRAFT
  watermark by the hook itself.
- The document is built into a BytesIO; attachments (the signed record) are
  written by the canvas as it saves.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageTemplate

from wizard.pdf import styles
from wizard.pdf.embed import attach
from wizard.pdf.fonts import BOLD, REGULAR

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FOOTER_Y = 9 * mm
FURNITURE_FORM = "PwizFurniture"


@dataclass
class Furniture:
    """What every page carries. All strings must already be cleaned (see Text.clean)."""

    header_left: str
    header_right: str
    footer_left: str
    draft: bool = False
    title: str = ""
    subject: str = ""
    keywords: str = ""
    attachments: list[tuple[str, bytes, str, str]] = field(default_factory=list)


class NumberedCanvas(Canvas):
    """Defers every page until save() so each can say "Page X of Y"."""

    furniture: Furniture  # set on the subclass made by `canvas_for`

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._saved_pages: list[dict] = []
        self._deferred: dict[int, list[Callable[[Canvas, int], None]]] = {}
        self.anchors: dict[str, int] = {}

    # --- used by flowables -------------------------------------------------

    def defer(self, draw: Callable[[Canvas, int], None]) -> None:
        """Call draw(canvas, total_pages) on this page when the document is saved."""
        self._deferred.setdefault(self._pageNumber, []).append(draw)

    def anchor(self, key: str) -> None:
        self.anchors[key] = self._pageNumber

    # --- the two passes ---------------------------------------------------

    def showPage(self):
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            for draw in self._deferred.get(self._pageNumber, ()):
                draw(self, total)
            self._page_number(total)
            Canvas.showPage(self)
        attach(self._doc, self.furniture.attachments)
        Canvas.save(self)

    def _page_number(self, total: int) -> None:
        self.saveState()
        self.setFont(REGULAR, 8)
        self.setFillColor(styles.MUTED)
        self.drawRightString(self._pagesize[0] - MARGIN, FOOTER_Y, f"Page {self._pageNumber} of {total}")
        self.restoreState()


def canvas_for(furniture: Furniture) -> type[NumberedCanvas]:
    return type("PwizCanvas", (NumberedCanvas,), {"furniture": furniture})


class PwizDocument(BaseDocTemplate):
    """A4, a cover template and a body template, furniture on every page."""

    def __init__(self, buffer: io.BytesIO, furniture: Furniture, pagesize: tuple[float, float] = A4):
        self.furniture = furniture
        super().__init__(
            buffer,
            pagesize=pagesize,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 2 * mm,
            bottomMargin=MARGIN,
            title=furniture.title,
            author="pwiz",
            subject=furniture.subject,
            keywords=furniture.keywords,
            creator="pwiz",
            invariant=False,
        )
        body = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height, id="body", leftPadding=0, rightPadding=0
        )
        cover = Frame(
            self.leftMargin, self.bottomMargin, self.width, self.height, id="cover", leftPadding=0, rightPadding=0
        )
        self.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[cover], onPage=self._place_furniture, pagesize=pagesize),
                PageTemplate(id="body", frames=[body], onPage=self._place_furniture, pagesize=pagesize),
            ]
        )

    # --- hooks -----------------------------------------------------------

    def _place_furniture(self, canvas: Canvas, doc: BaseDocTemplate) -> None:
        """The furniture, the same on every page: drawn once as a form (a PDF XObject) that each
        page places, rather than drawn again on each (a 270-page register report spent a tenth
        of its drawing there). The DRAFT watermark is drawn on each page: its transparency is
        a page resource that reportlab does not give a form."""
        if self.furniture.draft:
            self._watermark(canvas)
        if not canvas.hasForm(FURNITURE_FORM):
            canvas.beginForm(FURNITURE_FORM)
            self._furniture(canvas)
            canvas.endForm()
        canvas.doForm(FURNITURE_FORM)

    def _furniture(self, canvas: Canvas) -> None:
        f = self.furniture
        page_width, page_height = self.pagesize
        header_y = page_height - 11 * mm
        canvas.saveState()
        room = page_width - 2 * MARGIN - stringWidth(f.header_right, REGULAR, 8) - 6 * mm
        canvas.setFont(BOLD, 8)
        canvas.setFillColor(styles.ACCENT)
        canvas.drawString(MARGIN, header_y, fit(f.header_left, BOLD, 8, room))
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(styles.MUTED)
        canvas.drawRightString(page_width - MARGIN, header_y, f.header_right)
        canvas.setStrokeColor(styles.RULE)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN, header_y - 2.5 * mm, page_width - MARGIN, header_y - 2.5 * mm)
        canvas.line(MARGIN, FOOTER_Y + 4 * mm, page_width - MARGIN, FOOTER_Y + 4 * mm)
        canvas.setFont(BOLD if f.draft else REGULAR, 7)
        canvas.setFillColor(styles.DRAFT if f.draft else styles.MUTED)
        canvas.drawString(MARGIN, FOOTER_Y, f.footer_left)
        canvas.restoreState()

    def _watermark(self, canvas: Canvas) -> None:
        canvas.saveState()
        canvas.setFillColor(styles.DRAFT)
        canvas.setFillAlpha(0.10)
        canvas.translate(self.pagesize[0] / 2, self.pagesize[1] / 2)
        canvas.rotate(50)
        canvas.setFont(BOLD, 120)
        canvas.drawCentredString(0, -40, "DRAFT")
        canvas.restoreState()

    # --- building --------------------------------------------------------

    def render(self, story: list) -> bytes:
        """Lay the story out once and return the PDF bytes."""
        self.build(story, canvasmaker=canvas_for(self.furniture))
        return self.filename.getvalue()


def body_pages() -> NextPageTemplate:
    """Put this on the cover: every later page uses the body template."""
    return NextPageTemplate("body")


def fit(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut with '…' so that it takes at most `width` points (a long name must not run into the date)."""
    if stringWidth(text, font, size) <= width:
        return text
    while text and stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"
