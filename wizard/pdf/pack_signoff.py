"""The pack's last pages: the sign-off (decision, approver, role, consulted,
conditions, date, signature lines, record digest, every sign-off in the pack)
and the note of characters the font could not show.

A pack that is to carry a certificate signature (`pwiz export --sign-with`)
also gets a `SignatureSlot` under the signature lines: it prints who signs
(in the pack's Unicode font) and records where on which page it landed, so
signing.py puts the visible signature field exactly over it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table, TableStyle

from wizard.pdf import styles
from wizard.pdf.fonts import BOLD, REGULAR
from wizard.pdf.styles import STATUS_LABELS, hex_colour

if TYPE_CHECKING:
    from wizard.pdf.pack import PackRenderer


# --- sign-off -----------------------------------------------------------------


def signoff(r: PackRenderer) -> list:
    d, s = r.data, r.s
    story: list = [r.heading("Sign-off", "signoff")]
    head = d.decisive  # whose decision is the pack's; the record digest stays the newest sign-off's
    w = r.width
    if head is not None:
        colour = hex_colour(styles.DECISION_COLOURS.get(head["decision"], styles.ACCENT))
        story.append(Paragraph(f'<font color="{colour}">{styles.decision_label(head["decision"])}</font>', s["Decision"]))
        if len(d.decisions()) > 1:
            story.append(Paragraph("The questionnaires were not all decided alike; the most restrictive decision is the pack's:", s["Body"]))
            for a in d.assessed:
                if a.signed:
                    so = a.signoff
                    story.append(r.p(f"{a.definition.title}: {styles.decision_label(so['decision'])}, by {so['by']} ({so['role']}), "
                                     f"{so['signed_at'][:10]}", "Bullet", prefix="• "))
        consulted = head.get("consulted") or []
        rows = [
            ["Decision", styles.decision_label(head["decision"])],
            ["Approver", head["by"]],
            ["Role", head["role"]],
            ["Consulted", "\n".join(consulted) if consulted else "—"],
            ["Conditions", head.get("conditions") or "—"],
            ["Date", head["signed_at"][:10]],
        ]
        signers = [(head["by"], head["role"]), *((name, "consulted") for name in consulted)]
    else:
        story.append(Paragraph(f'<font color="{hex_colour(styles.DRAFT)}">DRAFT — not signed off</font>', s["Decision"]))
        unsigned = [a for a in d.assessed if not a.signed]
        if unsigned:
            story.append(Paragraph("Not signed off yet:", s["Body"]))
            for a in unsigned:
                story.append(r.p(f"{a.definition.title} ({a.id}, {STATUS_LABELS.get(a.assessment['status'], a.assessment['status'])})", "Bullet", prefix="• "))
        rows = [[label, ""] for label in ("Decision", "Approver", "Role", "Consulted", "Conditions", "Date")]
        signers = [("", "approver"), ("", "consulted")]
    story.append(r.table([[Paragraph(k, s["CellBold"]), r.cell(v)] for k, v in rows], [40 * mm, w - 40 * mm], header=False))
    story.append(Spacer(1, 8 * mm))
    lines = []
    for name, role in signers:
        who = r.text.inline(f"{name}, {role}" if name else role.capitalize())
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
    story.append(Paragraph("Signatures", s["H3"]))
    story.append(KeepTogether([sig]))
    story.append(Spacer(1, 4 * mm))
    if r.signature_slot is not None and head is not None:
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
                "SHA-256 of the canonical JSON (sorted keys, UTF-8) of what the newest sign-off covers: the "
                "assessment's answers as signed and the sign-off itself, including the digest of the sign-off "
                "before it, so it vouches for every earlier sign-off too. That record is attached to this PDF as "
                "pwiz-record.json; <b>pwiz verify FILE.pdf</b> recomputes it and compares it with the register.",
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
