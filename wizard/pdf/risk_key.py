"""The register's risks as the register report and the annual report show them: the heat map, then
its key, one line per risk (its reference, partnership, description, score and band in words, owner,
status)."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import LongTable, Paragraph, Spacer

from wizard.pdf import heatmap
from wizard.pdf.listing import Listing
from wizard.pdf.register_facts import RegisterRisk, RegisterRisks
from wizard.pdf.text import Text
from wizard.wording import count

HEADERS = ("Ref", "Partnership", "Risk", "Score", "Owner", "Status")
WIDTHS = (0.065, 0.2, 0.315, 0.15, 0.12, 0.15)


def section(risks: RegisterRisks, width: float, text: Text, s, title: str = "Risks across the register") -> list:
    """A heading, the map of the register's risks not closed, and the key (or a line saying there is none)."""
    story: list = [Paragraph(text.inline(title, bold=True), s["H1"])]
    if not risks.total:
        return [*story, Paragraph("No risk in the register is open, treated or accepted.", s["Body"])]
    listed = (
        "each by its reference, highest score first"
        if risks.by_reference
        else "too many to place by reference: each cell counts its risks"
        + (f", and the key lists the {len(risks.listed)} highest scores" if risks.listed else "")
        + " (every risk: pwiz risk list -o risks.csv)"
    )
    story.append(
        Paragraph(
            f"{count(risks.total, 'risk')} not closed ({risks.unscored} not scored, {risks.high()} high), {listed}. "
            f"Score = likelihood × impact (1–5 each): {heatmap.BANDS_TEXT}.",
            s["Body"],
        )
    )
    if risks.by_reference:
        story.append(heatmap.HeatMap([r.placed for r in risks.listed], min(width, 175 * mm)))
    else:
        story.append(heatmap.HeatMap([], min(width, 175 * mm), counts=risks.counts, unscored=risks.unscored))
    if risks.listed:
        story += [Spacer(1, 4 * mm), key(risks.listed, width, text, s)]
    return story


def key(risks: list[RegisterRisk], width: float, text: Text, s) -> LongTable:
    listing = Listing(text, s)
    rows: list[list] = []
    fills = []
    for r in risks:
        risk = r.risk
        value = heatmap.score(risk.get("likelihood"), risk.get("impact"))
        if value is not None:
            fills.append(("BACKGROUND", (3, len(rows) + 1), (3, len(rows) + 1), heatmap.band(value)[1]))
        due = risk.get("review_due")
        status = (risk.get("status") or "open").capitalize() + (f", review due {str(due)[:10]}" if due else "")
        rows.append(
            [
                listing.cell(r.ref, "CellBold"),
                listing.cell(r.partnership),
                listing.cell(risk.get("description")),
                listing.cell(heatmap.score_text(risk.get("likelihood"), risk.get("impact"))),
                listing.cell(risk.get("owner") or "not assigned"),
                listing.cell(status),
            ]
        )
    return listing.table(HEADERS, rows, [f * width for f in WIDTHS], fills)
