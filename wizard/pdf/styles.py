"""One named stylesheet and the colours every pwiz PDF shares."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle, StyleSheet1

from wizard.pdf.fonts import BOLD, REGULAR, register
from wizard.wording import DECISION_LABELS

INK = colors.HexColor("#1B1F23")
MUTED = colors.HexColor("#5F6B76")
RULE = colors.HexColor("#C9D1D9")
SHADE = colors.HexColor("#F2F4F7")
ACCENT = colors.HexColor("#1F4E79")  # headings, cover band
FLAG = colors.HexColor("#B03A2E")
DRAFT = colors.HexColor("#B03A2E")

SIGNIFICANCE_COLOURS = {
    "high": colors.HexColor("#C0392B"),
    "medium": colors.HexColor("#D68910"),
    "low": colors.HexColor("#1E8449"),
    None: colors.HexColor("#7F8C8D"),
}
SIGNIFICANCE_LABELS = {"high": "High", "medium": "Medium", "low": "Low", None: "Not yet assessed"}

TYPE_LABELS = {
    "informal-collaboration": "Informal collaboration",
    "strategic": "Strategic",
    "statutory-strategic": "Statutory strategic",
    "service-delivery": "Service delivery",
}
STATUS_LABELS = {"draft": "Draft", "complete": "Complete (not signed off)", "signed-off": "Signed off"}

DECISION_COLOURS = {
    "approved": colors.HexColor("#1E8449"),
    "conditional": colors.HexColor("#D68910"),
    "not-approved": colors.HexColor("#C0392B"),
    "deferred": colors.HexColor("#5F6B76"),
}

# Chart series: answered, flagged, not answered.
CHART_COLOURS = (colors.HexColor("#5B8DB8"), FLAG, colors.HexColor("#D5DBE1"))


def significance_colour(level: str | None) -> colors.Color:
    return SIGNIFICANCE_COLOURS.get(level, SIGNIFICANCE_COLOURS[None])


def significance_label(level: str | None) -> str:
    return SIGNIFICANCE_LABELS.get(level, str(level))


def decision_label(decision: str | None) -> str:
    return DECISION_LABELS.get(decision or "", str(decision or ""))


def hex_colour(colour: colors.Color) -> str:
    """For <font color="..."> inside a paragraph."""
    return "#" + colour.hexval()[2:]


@cache
def stylesheet() -> StyleSheet1:
    """The named styles; fonts are registered on first use."""
    register()
    sheet = StyleSheet1()

    def add(name: str, **kwargs) -> None:
        parent = kwargs.pop("parent", "Body" if name != "Body" else None)
        base = sheet[parent] if parent else None
        sheet.add(ParagraphStyle(name, parent=base, **kwargs))

    add("Body", fontName=REGULAR, fontSize=9.5, leading=12.5, textColor=INK, alignment=TA_LEFT, spaceAfter=3)
    add("Small", fontSize=8, leading=10, textColor=MUTED)
    add("Muted", textColor=MUTED)
    add("CoverKicker", fontName=BOLD, fontSize=11, leading=14, textColor=ACCENT, spaceAfter=8)
    add("CoverTitle", fontName=BOLD, fontSize=24, leading=29, spaceAfter=10)
    add("CoverLine", fontSize=11, leading=15, spaceAfter=2)
    add("H1", fontName=BOLD, fontSize=15, leading=19, textColor=ACCENT, spaceBefore=4, spaceAfter=8, keepWithNext=1)
    add("H2", fontName=BOLD, fontSize=12, leading=15, textColor=ACCENT, spaceBefore=10, spaceAfter=5, keepWithNext=1)
    add("H3", fontName=BOLD, fontSize=10.5, leading=13.5, spaceBefore=8, spaceAfter=4, keepWithNext=1)
    add("H3Loose", parent="H3", keepWithNext=0)
    add("Question", fontName=BOLD, spaceBefore=5, spaceAfter=1, keepWithNext=1)
    add("Answer", leftIndent=14, spaceAfter=1)
    add("AnswerMore", parent="Answer", spaceBefore=0)
    add("Extra", leftIndent=14, textColor=MUTED, spaceAfter=1)
    add("FlagLine", leftIndent=14, textColor=FLAG, spaceAfter=1)
    add("Bullet", leftIndent=14, bulletIndent=4, spaceAfter=2)
    add("Cell", fontSize=8.5, leading=10.5, spaceAfter=0)
    add("CellBold", parent="Cell", fontName=BOLD)
    add("CellRight", parent="Cell", alignment=TA_RIGHT)
    add("CellCentre", parent="Cell", alignment=TA_CENTER)
    add("Digest", fontSize=8, leading=10.5, textColor=INK, spaceAfter=2)
    add("Decision", fontName=BOLD, fontSize=16, leading=20, spaceAfter=6)
    add("TOC", fontSize=10.5, leading=17)
    return sheet
