"""The data sheet's later facts and its two lists, for the pack's data-sheet page.

001's register is "the Partnership Data Sheet, Details of other Partners";
002 §6.1 and §9.2 ask who represents us, appointed by whom, with what
written delegation, reporting back how. The page keeps the data sheet's
table and adds these facts to it, then a table of the partners and one of
our representatives. Functions of the PackRenderer (its helpers escape
every user string).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer

from wizard.datasheet_text import KIND_LABELS, MEMBERSHIP_LABELS, ORGANISATION_LABELS, SECTOR_LABELS, contract_line

if TYPE_CHECKING:
    from wizard.pdf.pack import Cell, PackRenderer


def facts(sheet: dict[str, Any]) -> list[tuple[str, str | None]]:
    """The rows the data sheet's table gains: membership, organisation, end, exit, methodology, contract."""
    return [
        ("Membership held by", MEMBERSHIP_LABELS.get(sheet.get("membership_held_by") or "")),
        ("Single or multi organisation", ORGANISATION_LABELS.get(sheet.get("organisation") or "")),
        ("End date", sheet.get("end_date")),
        ("Exit strategy", sheet.get("exit_strategy")),
        ("Performance management methodology", sheet.get("performance_methodology")),
        ("Contract (service delivery)", contract_line(sheet.get("contract"))),
    ]


def partners_and_representatives(r: PackRenderer) -> list:
    """The partners (sector, role, contact, accountable body) and our representatives (who appointed
    them and when, their delegation, how they report back), each a table, or a line saying none."""
    sheet, s, w = r.data.partnership, r.s, r.width
    story: list = [Spacer(1, 3 * mm), Paragraph("Partners", s["H2"])]
    partners = sheet.get("partners") or []
    if partners:
        rows: list[list[Cell]] = [["Partner", "Sector", "Role", "Contact", "Accountable"]]
        rows += [
            [
                r.cell(p["name"]),
                r.cell(SECTOR_LABELS.get(p.get("sector") or "", p.get("sector"))),
                r.cell(p.get("role")),
                r.cell(p.get("contact")),
                "Yes" if p.get("accountable") else "",
            ]
            for p in partners
        ]
        story.append(r.table(rows, [0.24 * w, 0.16 * w, 0.24 * w, 0.22 * w, 0.14 * w]))
    else:
        story.append(Paragraph("No partner is recorded.", s["Body"]))
    story += [Spacer(1, 3 * mm), Paragraph("Our representatives", s["H2"])]
    representatives = sheet.get("representatives") or []
    if representatives:
        rows = [["Name", "Member or officer", "Represents", "Appointed", "Written delegation", "Reports back"]]
        rows += [
            [
                r.cell(rep["name"]),
                KIND_LABELS.get(rep.get("kind") or "", rep.get("kind") or ""),
                r.cell(rep.get("represents")),
                r.cell(_appointed(rep)),
                r.cell(rep.get("delegation")),
                r.cell(rep.get("reports_back")),
            ]
            for rep in representatives
        ]
        story.append(r.table(rows, [0.17 * w, 0.11 * w, 0.15 * w, 0.17 * w, 0.22 * w, 0.18 * w]))
    else:
        story.append(Paragraph("No representative is recorded.", s["Body"]))
    return story


def _appointed(rep: dict[str, Any]) -> str | None:
    """ "by the AGM, 2026-05-20"."""
    by, on = rep.get("appointed_by"), rep.get("appointed_on")
    return ", ".join(filter(None, (f"by {by}" if by else None, on))) or None
