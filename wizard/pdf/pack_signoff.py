"""The pack's last pages: the partnership's approval and every sign-off (decision,
approver, role, consulted, conditions, date), a signature line for everyone who
decided or was consulted, the record digest, the sign-offs' digests; and the
note of characters the font could not show.

A pack that is to carry a certificate signature (`pwiz export --sign-with`)
also gets a `SignatureSlot` under the signature lines: it prints who signs
(in the pack's Unicode font) and records where on which page it landed, so
signing.py puts the visible signature field exactly over it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from wizard.pdf import styles
from wizard.pdf.fonts import BOLD, REGULAR
from wizard.pdf.styles import hex_colour

if TYPE_CHECKING:
    from wizard.pdf.pack import Cell, PackRenderer


# --- approval and sign-offs ----------------------------------------------------------


def signoff(r: PackRenderer) -> list:
    """The approval (or what it still needs), every sign-off in full, signature lines, the digests."""
    d, s, w = r.data, r.s, r.width
    approval = d.approval
    story: list = [r.heading("Approval and sign-offs", "signoff")]
    if approval is not None:
        colour = hex_colour(styles.DECISION_COLOURS.get(approval["decision"], styles.ACCENT))
        story.append(
            Paragraph(f'<font color="{colour}">{styles.decision_label(approval["decision"])}</font>', s["Decision"])
        )
        story.append(Paragraph("The partnership's approval:", s["Body"]))
        story.append(_decision_table(r, approval))
    else:
        story.append(Paragraph(f'<font color="{hex_colour(styles.DRAFT)}">DRAFT — not approved</font>', s["Decision"]))
        story.append(Paragraph("Still needed before this pack is final:", s["Body"]))
        for line in d.approval_state.needed:
            story.append(r.p(line, "Bullet", prefix="• "))
    signed = [(a, so) for a in d.assessed if (so := a.signed_off)]
    if signed:
        story.append(Paragraph("Sign-offs of the questionnaires", s["H3"]))
        rows: list[list[Cell]] = [["Questionnaire", "Decision", "Approver, role", "Consulted", "Conditions", "Date"]]
        for a, so in signed:
            rows.append(
                [
                    r.cell(a.definition.title),
                    r.cell(styles.decision_label(so["decision"])),
                    r.cell(f"{so['by']}, {so['role']}"),
                    r.cell("\n".join(so.get("consulted") or []) or "—"),
                    r.cell(so.get("conditions") or "—"),
                    so["signed_at"][:10],
                ]
            )
        story.append(r.table(rows, [0.22 * w, 0.13 * w, 0.18 * w, 0.16 * w, 0.19 * w, 0.12 * w], split_rows=False))
    story.append(Spacer(1, 6 * mm))
    signers = _signature_lines(r, _signers(approval, [so for _, so in signed]), w)
    story.append(KeepTogether([Paragraph("Signatures", s["H3"]), signers]))
    story.append(Spacer(1, 4 * mm))
    if r.signature_slot is not None and approval is not None:
        story.append(
            KeepTogether(
                [
                    Paragraph("Digital signature", s["H3"]),
                    Paragraph(
                        "Signed with the approver's certificate (PAdES). A PDF reader shows who signed and whether "
                        "anything changed since; <b>pwiz verify FILE.pdf --trust DIR</b> checks it offline.",
                        s["Small"],
                    ),
                    Spacer(1, 2 * mm),
                    r.signature_slot,
                ]
            )
        )
        story.append(Spacer(1, 4 * mm))
    story.append(CondPageBreak(40 * mm))
    if d.digest is not None:
        story.append(Paragraph("Record digest", s["H3"]))
        story.append(r.p(d.digest, "Digest"))
        story.append(
            Paragraph(
                "SHA-256 of the canonical JSON (sorted keys, UTF-8) of the partnership's approval, which names "
                "the digest of every sign-off it approves; each sign-off's digest covers the answers as signed "
                "and the digest of the sign-off before it. The record is attached to this PDF as "
                "pwiz-record.json; <b>pwiz verify FILE.pdf</b> recomputes it and compares the file with the "
                "register's ledger of issued packs.",
                s["Small"],
            )
        )
    signoffs = d.pack_signoffs
    if signoffs:
        titles = {a.id: a.definition.title for a in d.assessed}
        story.append(CondPageBreak(35 * mm))
        story.append(Paragraph("Sign-offs in this pack", s["H3Loose"]))
        rows = [["Assessment", "Decision", "By", "Date", "Digest"]]
        for so in signoffs:
            rows.append(
                [
                    r.cell(f"{titles.get(so['assessment_id'], '')} ({so['assessment_id']})"),
                    r.cell(styles.decision_label(so["decision"])),
                    r.cell(f"{so['by']}, {so['role']}"),
                    so["signed_at"][:10],
                    r.p(so["digest"], "Small"),
                ]
            )
        story.append(r.table(rows, [0.27 * w, 0.14 * w, 0.2 * w, 0.12 * w, 0.27 * w], split_rows=False))
    return story


def _decision_table(r: PackRenderer, decision: dict) -> Table:
    """Decision, approver, role, consulted, conditions and date of one approval or sign-off."""
    consulted = decision.get("consulted") or []
    rows = [
        ["Decision", styles.decision_label(decision["decision"])],
        ["Approver", decision["by"]],
        ["Role", decision["role"]],
        ["Consulted", "\n".join(consulted) if consulted else "—"],
        ["Conditions", decision.get("conditions") or "—"],
        ["Date", decision["signed_at"][:10]],
    ]
    return r.table(
        [[Paragraph(k, r.s["CellBold"]), r.cell(v)] for k, v in rows], [40 * mm, r.width - 40 * mm], header=False
    )


def _signers(approval: dict | None, signoffs: list[dict]) -> list[tuple[str, str]]:
    """(name, capacity) of everyone who decided or was consulted, each once, the approval's first;
    blank lines for the approver and a consultee while the pack is a DRAFT."""
    people: list[tuple[str, str]] = []
    if approval is None:
        people += [("", "Approver"), ("", "Consulted")]
    for decision in ([approval] if approval else []) + signoffs:
        people.append((decision["by"], decision["role"]))
        people += [(name, "consulted") for name in decision.get("consulted") or []]
    return list(dict.fromkeys(people))


def _signature_lines(r: PackRenderer, signers: list[tuple[str, str]], w: float) -> Table:
    s = r.s
    lines = []
    for name, capacity in signers:
        who = r.text.inline(f"{name}, {capacity}" if name else capacity)
        lines.append([Paragraph("Signature", s["Cell"]), "", Paragraph("Date", s["Cell"]), ""])
        lines.append(["", Paragraph(who, s["Small"]), "", ""])
    sig = Table(lines, colWidths=[20 * mm, w * 0.58, 12 * mm, w - 32 * mm - w * 0.58], hAlign="LEFT")
    sig.setStyle(
        TableStyle(
            [("LINEBELOW", (1, row), (1, row), 0.6, styles.INK) for row in range(0, len(lines), 2)]
            + [("LINEBELOW", (3, row), (3, row), 0.6, styles.INK) for row in range(0, len(lines), 2)]
            + [("TOPPADDING", (0, row), (-1, row), 14) for row in range(0, len(lines), 2)]
            + [("TOPPADDING", (0, row), (-1, row), 1) for row in range(1, len(lines), 2)]
            + [("VALIGN", (0, 0), (-1, -1), "BOTTOM")]
        )
    )
    return sig


class SignatureSlot(Flowable):
    """The box under the signature field: the stamp's lines in the pack's
    font; `placed` is (page index, x1, y1, x2, y2) once drawn, where
    signing.py puts the field (which draws only the frame)."""

    PADDING = 8

    def __init__(self, width: float, lines: list[str], height: float = 24 * mm):
        super().__init__()
        self.width = width
        self.height = height
        self.lines = lines
        self.placed: tuple[int, float, float, float, float] | None = None

    def wrap(self, available_width, available_height):
        return self.width, self.height

    def draw(self):
        canv = self.canv
        x, y = canv.absolutePosition(0, 0)
        self.placed = (canv.getPageNumber() - 1, x, y, x + self.width, y + self.height)
        canv.setFillColor(styles.INK)
        top = self.height - self.PADDING - 6
        for n, line in enumerate(self.lines):
            canv.setFont(BOLD if n == 0 else REGULAR, 8)
            canv.drawString(self.PADDING, top - n * 10, line)


# --- notes --------------------------------------------------------------------


def notes(r: PackRenderer) -> list:
    lines = r.text.report()
    if not lines:
        return []
    story: list = [PageBreak(), r.heading("Characters not shown", "notes")]
    story.append(
        Paragraph(
            "The font in this pack has no glyph for the characters below. Each is shown in the text as "
            "[U+XXXX] (its Unicode code point) instead; the register and the attached record hold the "
            "original text.",
            r.s["Body"],
        )
    )
    for line in lines:
        story.append(Paragraph(r.text.inline(line), r.s["Bullet"], bulletText="•"))
    return story
