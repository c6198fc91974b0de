"""The approval pack of one partnership: `build_pack(register, library, partnership)`.

Layout (each part starts on a new page):

    cover             partnership, decision, date, significance in colour, digest
    contents          with page numbers (filled in when the PDF is saved)
    data sheet
    significance      result, review schedule, outcomes, required questionnaires, chart
    assessments       one part per current assessment: question, its source (the
                      document's title and section), answer, note, action, flags;
                      hidden questions left out
    particular care   every flagged answer
    action plan       the register's actions, and those the answers raise
    risk register     the heat map (heatmap.py), then the register's risks and those
                      the answers raise, by reference, every column filled
    changes           since the previous signed-off review (when there is one)
    evidence          the documents attached to the PDF (pack_evidence.py)
    sign-off          decision, approver, role, consulted, conditions, date,
                      signature lines, the record digest, every sign-off
    appendix          the question ids (as in the record and the CLI) and their questions;
                      who entered and changed the answers, from a shared register's audit
                      trail (pack_history.py; left out for a register folder, which keeps none)
    notes             characters the font could not show (only when there are some)

The signed record is attached as pwiz-record.json (see record.py); an
unsigned pack says DRAFT on every page. Given a `SignatureStamp` the
sign-off page prints a box naming the certificate's signer, and
`PackResult.signature_box` says where it is (signing.py signs over it).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeAlias

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer, Table, TableStyle

from questionnaires.citations import citation
from store.schedule import next_review_due
from wizard.pdf import pack_appendix as appendix
from wizard.pdf import pack_datasheet as datasheet
from wizard.pdf import pack_evidence as evidence
from wizard.pdf import pack_history, styles
from wizard.pdf import pack_registers as registers
from wizard.pdf import pack_signoff as signoff
from wizard.pdf import record as pack_record
from wizard.pdf.charts import answers_by_questionnaire
from wizard.pdf.document import Furniture, PwizDocument, body_pages
from wizard.pdf.flowables import Contents, Heading
from wizard.pdf.fonts import register
from wizard.pdf.packdata import Assessed, PackData, gather
from wizard.pdf.styles import STATUS_LABELS, TYPE_LABELS, hex_colour, stylesheet
from wizard.pdf.text import Text

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from questionnaires.schema import Source
    from wizard.signing.credential import SignatureStamp

# What a table cell holds: plain text, a flowable, or user text cut into paragraphs.
Cell: TypeAlias = "str | Flowable | list[Paragraph]"


@dataclass(frozen=True)
class PackResult:
    pdf: bytes
    pages: int
    partnership_id: str
    digest: str | None  # the record digest; None for a DRAFT pack
    draft: bool
    record: dict
    replaced: list[str]  # one line per character the font could not show
    approval_id: str | None = None  # the approval the pack presents (its digest is the record digest)
    signature_box: tuple[int, float, float, float, float] | None = None  # page index, x1, y1, x2, y2 (points)
    signature_time: datetime | None = None  # the signing time the box shows, for the signature itself


def build_pack(
    register_, library, partnership: str, today: date | None = None, signature: SignatureStamp | None = None
) -> PackResult:
    """Gather, lay out and return the approval pack of `partnership` (id or name).

    `signature`: print this certificate signature's box on the sign-off page,
    for signing.py to sign over (only a signed-off pack gets one)."""
    return PackRenderer(gather(register_, library, partnership), today=today, signature=signature).render()


class PackRenderer:
    """Story building in small hooks, after pretix's invoice renderer."""

    def __init__(self, data: PackData, today: date | None = None, signature: SignatureStamp | None = None):
        self.data = data
        self.today = today or date.today()
        self.fonts = register()
        self.text = Text(self.fonts)
        self.s = stylesheet()
        self.contents: list[tuple[str, str, int]] = []
        self.signature = signature
        self.signature_slot = None
        if signature is not None and data.approval is not None:
            lines = [self.text.display(line) for line in signature.lines(data.approval["id"], data.approval["digest"])]
            self.signature_slot = signoff.SignatureSlot(self.width, lines)

    # --- the whole ---------------------------------------------------------

    def render(self) -> PackResult:
        record = pack_record.build(self.data)
        story = self._get_story()
        furniture = self._get_furniture(record)
        doc = PwizDocument(io.BytesIO(), furniture)
        pdf = doc.render(story)
        return PackResult(
            pdf=pdf,
            pages=doc.page,
            partnership_id=self.data.pid,
            digest=self.data.digest,
            draft=not self.data.final,
            record=record,
            replaced=self.text.report(),
            approval_id=self.data.approval["id"] if self.data.approval else None,
            signature_box=self.signature_slot.placed if self.signature_slot is not None else None,
            signature_time=self.signature.when
            if self.signature is not None and self.signature_slot is not None
            else None,
        )

    def _get_furniture(self, record: dict) -> Furniture:
        d = self.data
        name = self.text.display(d.partnership["name"], bold=True)
        if len(name) > 70:
            name = name[:69].rstrip() + "…"
        footer = f"{d.pid} · Record digest {d.digest}" if d.final else f"{d.pid} · DRAFT — not approved"
        return Furniture(
            header_left=f"Partnership approval pack · {name}",
            header_right=f"pwiz · prepared {self.today.isoformat()}",
            footer_left=footer,
            draft=not d.final,
            title=f"Partnership approval pack: {d.partnership['name']}",
            subject=f"Approval pack of partnership {d.pid}" + ("" if d.final else " (DRAFT, not approved)"),
            keywords=f"pwiz approval pack; partnership {d.pid}; record digest {d.digest or 'none (draft)'}",
            attachments=[
                (
                    pack_record.NAME,
                    pack_record.encode(record),
                    "application/json",
                    "What was signed: the canonical JSON each sign-off digest covers (pwiz verify checks it)",
                ),
                *evidence.attachments(d.documents),
            ],
        )

    def _get_story(self) -> list:
        story = self._cover()
        story += self._contents_page()
        for part in (
            self._data_sheet,
            self._significance,
            self._assessments,
        ):
            story += part()
        for section in (
            registers.particular_care,
            registers.action_plan,
            registers.risk_register,
            registers.changes,
            evidence.evidence,
            signoff.signoff,
            appendix.question_ids,
            pack_history.authors,
        ):
            story += section(self)
        story += signoff.notes(self)  # last: it lists what every other part had to replace
        return story

    # --- helpers -----------------------------------------------------------

    def p(self, text, style: str = "Body", prefix: str = "") -> Paragraph:
        """One paragraph of user text (escaped), with optional trusted markup before it."""
        return Paragraph(prefix + self.text.inline(text, bold=self._bold(style)), self.s[style])

    def paras(self, text, style: str = "Body", prefix: str = "", more_style: str | None = None) -> list[Paragraph]:
        """User text as paragraphs of bounded size; `prefix` (trusted markup) starts the first."""
        pieces = self.text.pieces(text, bold=self._bold(style))
        if not pieces:
            return [Paragraph(prefix, self.s[style])] if prefix else []
        out = [Paragraph(prefix + pieces[0], self.s[style])]
        follow = self.s[more_style or style]
        out += [Paragraph(piece, follow) for piece in pieces[1:]]
        return out

    def cell(self, text, style: str = "Cell") -> list[Paragraph] | str:
        if text is None or text == "":
            return ""
        return self.paras(text, style)

    def _bold(self, style: str) -> bool:
        return self.s[style].fontName == self.fonts.bold

    def heading(self, title: str, key: str, style: str = "H1", level: int = 0) -> Heading:
        self.contents.append((key, self.text.display(title, bold=True), level))
        clean = self.text.clean(title, bold=True)
        return Heading(self.text.inline(title, bold=True), self.s[style], key=key, outline=clean, level=level)

    def cited(self, source: Source | None, already: Source | None = None) -> list[Paragraph]:
        """ "Source: TITLE: SECTION" as the officer cites it, unless the part around it cites the same."""
        if source is None or source == already:
            return []
        return [self.p(citation(source), "Small", prefix="<i>Source:</i> ")]

    def table(
        self,
        rows: list[list[Cell]],
        widths: list[float],
        header: bool = True,
        extra: list | None = None,
        split_rows: bool = True,
    ) -> Table:
        """A table of escaped cells; `split_rows=False` keeps each row whole
        (short rows near a page end would otherwise be cut mid-row)."""
        if header:
            rows = [[Paragraph(h, self.s["CellBold"]) if isinstance(h, str) else h for h in rows[0]], *rows[1:]]
        t = Table(rows, colWidths=widths, repeatRows=1 if header else 0, splitInRow=int(split_rows), hAlign="LEFT")
        commands = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("FONTNAME", (0, 0), (-1, -1), self.fonts.regular),
            ("FONTSIZE", (0, 0), (-1, -1), 8.5),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, styles.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        if header:
            commands += [
                ("BACKGROUND", (0, 0), (-1, 0), styles.SHADE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, styles.ACCENT),
            ]
        t.setStyle(TableStyle(commands + (extra or [])))
        return t

    @property
    def width(self) -> float:
        from wizard.pdf.document import MARGIN, PAGE_WIDTH

        return PAGE_WIDTH - 2 * MARGIN

    # --- cover and contents ------------------------------------------------

    def _cover(self) -> list:
        d, s = self.data, self.s
        sheet = d.partnership
        approval = d.approval
        level = sheet.get("significance")
        story: list = [body_pages(), Spacer(1, 18 * mm)]
        story.append(Paragraph("PARTNERSHIP APPROVAL PACK", s["CoverKicker"]))
        story += self.paras(sheet["name"], "CoverTitle")
        story.append(
            Paragraph(
                f"Partnership {d.pid} · {TYPE_LABELS.get(sheet.get('type') or '', 'type not recorded')} · "
                f"status {self.text.inline(_label(sheet.get('status')) or 'not recorded').lower()}",
                s["CoverLine"],
            )
        )
        story.append(Spacer(1, 10 * mm))

        if approval is not None:
            band_colour = styles.DECISION_COLOURS.get(approval["decision"], styles.ACCENT)
            band_text = f"Decision: {styles.decision_label(approval['decision'])}"
        else:
            band_colour, band_text = styles.INK, "DRAFT — not approved"
        story.append(self._band(band_text, band_colour, 16))
        story.append(Spacer(1, 4 * mm))
        story.append(
            self._band(f"Significance: {styles.significance_label(level)}", styles.significance_colour(level), 13)
        )
        story.append(Spacer(1, 8 * mm))

        flags = sum(len(a.evaluation.flags) for a in d.assessed)
        open_actions = sum(1 for a in d.actions if a.get("status") == "open") + len(d.raised_actions)
        due, overdue = self._next_review()
        if approval is not None:
            rows = [
                ["Decision", styles.decision_label(approval["decision"])],
                ["Date of decision", approval["signed_at"][:10]],
                ["Approver", f"{approval['by']}, {approval['role']}"],
                ["In consultation with", "\n".join(approval.get("consulted") or []) or "—"],
                ["Conditions", approval.get("conditions") or "—"],
            ]
        else:
            rows = [["Decision", "Not approved yet"], ["Still needed", "\n".join(d.approval_state.needed)]]
        rows += [
            ["Significance", styles.significance_label(level)],
            ["Next review due", (due + (" — OVERDUE" if overdue else "")) if due else "—"],
            ["Assessments in this pack", f"{len(d.assessed)} ({sum(a.signed for a in d.assessed)} signed off)"],
            ["Flagged for particular care", str(flags)],
            ["Open actions", str(open_actions)],
        ]
        overdue_row = next(n for n, row in enumerate(rows) if row[0] == "Next review due")
        story.append(
            self.table(
                [[Paragraph(k, s["CellBold"]), self.cell(v)] for k, v in rows],
                [55 * mm, self.width - 55 * mm],
                header=False,
                extra=[("TEXTCOLOR", (1, overdue_row), (1, overdue_row), styles.FLAG)] if overdue else None,
            )
        )
        story.append(Spacer(1, 8 * mm))
        if approval is not None:
            story.append(
                Paragraph("<b>Record digest</b> (SHA-256 of the approval and everything it approves)", s["Body"])
            )
            story.append(self.p(d.digest, "Digest"))
            story.append(
                Paragraph(
                    "The signed record is attached to this PDF as pwiz-record.json. "
                    "Check the pack against it and the register with <b>pwiz verify FILE.pdf</b>.",
                    s["Small"],
                )
            )
        else:
            story.append(
                Paragraph(
                    "This pack is a DRAFT: the partnership is not approved as it stands, "
                    "so it carries no record digest and cannot be verified as approved.",
                    s["Small"],
                )
            )
        story.append(PageBreak())
        return story

    def _band(self, text: str, colour, size: float) -> Table:
        style = self.s["Decision"].clone(
            "Band", textColor=colors.white, fontSize=size, leading=size * 1.25, spaceAfter=0
        )
        t = Table([[Paragraph(self.text.inline(text, bold=True), style)]], colWidths=[self.width], hAlign="LEFT")
        t.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), colour),
                    ("TOPPADDING", (0, 0), (-1, -1), 7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                    ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ]
            )
        )
        return t

    def _contents_page(self) -> list:
        # Entries are appended as the parts are built; the flowable draws them later.
        return [Paragraph("Contents", self.s["H1"]), Spacer(1, 2 * mm), Contents(self.contents), PageBreak()]

    # --- data sheet ----------------------------------------------------------

    def _data_sheet(self) -> list:
        sheet = self.data.partnership
        money = sheet.get("financial_contribution")
        rows = [
            ("Name", sheet.get("name")),
            ("Purpose", sheet.get("purpose")),
            ("Type", TYPE_LABELS.get(sheet.get("type") or "", sheet.get("type"))),
            ("Strategic or operational", _label(sheet.get("focus"))),
            ("Statutory or voluntary", _label(sheet.get("basis"))),
            ("Level", _label(sheet.get("level"))),
            ("Accountable body", sheet.get("accountable_body")),
            ("Lead officer", sheet.get("lead_officer")),
            ("Sub-groups and boards", "\n".join(sheet.get("sub_groups") or [])),
            ("Our financial contribution", _money(money)),
            ("Start date", sheet.get("start_date")),
            ("Life span or review timetable", sheet.get("review_timetable")),
            *datasheet.facts(sheet),
            ("Status", _label(sheet.get("status"))),
        ]
        body = [
            [Paragraph(label, self.s["CellBold"]), self.cell(value) or Paragraph("—", self.s["Cell"])]
            for label, value in rows
        ]
        return [
            self.heading("Partnership data sheet", "datasheet"),
            self.table(body, [50 * mm, self.width - 50 * mm], header=False),
            *datasheet.partners_and_representatives(self),
            PageBreak(),
        ]

    # --- significance and review schedule -------------------------------------

    def _next_review(self) -> tuple[str | None, bool]:
        """When the next review is due, and whether that is already past."""
        summary = self.data.summary or {}
        due = summary.get("next_review_due")
        if not due:
            last = self.data.signoffs[-1]["signed_at"][:10] if self.data.signoffs else None
            due = next_review_due(last, self.data.partnership.get("review_interval_months"))
        return due, due is not None and date.fromisoformat(due) < self.today

    def _significance(self) -> list:
        d, s = self.data, self.s
        level = d.partnership.get("significance")
        colour = hex_colour(styles.significance_colour(level))
        story: list = [self.heading("Significance and review schedule", "significance")]
        story.append(
            Paragraph(f'Significance: <font color="{colour}"><b>{styles.significance_label(level)}</b></font>', s["H2"])
        )
        result = d.significance_result
        if result is not None and result.explanation:
            story += self.paras(result.explanation)
        interval = d.partnership.get("review_interval_months")
        due, overdue = self._next_review()
        last = d.signoffs[-1] if d.signoffs else None
        schedule = [
            [
                "Review interval",
                f"every {interval} months" if interval else "not set (no significance assessment completed)",
            ],
            [
                "Last sign-off",
                f"{last['signed_at'][:10]} ({styles.decision_label(last['decision'])})" if last else "none yet",
            ],
            ["Next review due", (due + (" — OVERDUE" if overdue else "")) if due else "not scheduled"],
        ]
        extra = [("TEXTCOLOR", (1, 2), (1, 2), styles.FLAG)] if overdue else []
        story.append(Paragraph("Review schedule", s["H3"]))
        story.append(
            self.table(
                [[Paragraph(k, s["CellBold"]), self.cell(v)] for k, v in schedule],
                [50 * mm, self.width - 50 * mm],
                header=False,
                extra=extra,
            )
        )
        if 0 < len(d.assessed) <= 30:  # a chart of more rows would not fit a page
            chart_rows = [(self.text.display(a.definition.title), *a.counts()) for a in d.assessed]
            story.append(Spacer(1, 5 * mm))
            story.append(answers_by_questionnaire(chart_rows, self.width))

        outcomes = [
            [
                self.cell(a.definition.title),
                self.cell(o.title),
                self.cell(o.label or "not decided yet (answers missing)"),
            ]
            for a in d.assessed
            for o in a.evaluation.outcomes
        ]
        if outcomes:
            story.append(Paragraph("Outcomes of the assessments", s["H3"]))
            story.append(
                self.table(
                    [["Questionnaire", "Outcome", "Result"], *outcomes], [70 * mm, 40 * mm, self.width - 110 * mm]
                )
            )

        story.append(Paragraph("Questionnaires this partnership needs", s["H3"]))
        current = {a.definition.id: a for a in d.assessed}
        rows: list[list[Cell]] = [["Questionnaire", "Status in this pack"]]
        for qid in dict.fromkeys([*d.required, *current]):
            a = current.get(qid)
            title = a.definition.title if a else d.library.definitions[qid].title
            if a is None:
                status = "MISSING: no assessment yet"
            elif so := a.signed_off:
                status = f"Signed off {so['signed_at'][:10]} by {so['by']}"
            else:
                status = STATUS_LABELS.get(a.assessment["status"], a.assessment["status"])
            if qid not in d.required:
                status += " (not required at this significance)"
            rows.append([self.cell(title), self.cell(status)])
        story.append(self.table(rows, [90 * mm, self.width - 90 * mm]))

        story.append(PageBreak())
        return story

    # --- assessments ---------------------------------------------------------

    def _assessments(self) -> list:
        story: list = []
        if not self.data.assessed:
            story += [
                self.heading("Assessments", "assessments"),
                Paragraph("No assessment has been started.", self.s["Body"]),
                PageBreak(),
            ]
        for a in self.data.assessed:
            story += self._assessment(a)
        return story

    def _assessment(self, a: Assessed) -> list:
        s = self.s
        info = a.assessment
        story: list = [self.heading(a.definition.title, f"a-{a.id}")]
        t = self.text.inline
        meta = t(f"Version {a.definition.version} · assessment {a.id} · ")
        if so := a.signed_off:
            meta += t(f"signed off {so['signed_at'][:10]} by {so['by']} ({styles.decision_label(so['decision'])})")
        else:
            meta += f'<font color="{hex_colour(styles.DRAFT)}"><b>{t(STATUS_LABELS.get(info["status"], info["status"]))}</b></font>'
        if a.previous is not None:
            meta += t(f" · renews {a.previous['id']}")
        story.append(Paragraph(meta, s["Small"]))
        story += self.cited(a.definition.model.source)
        ok, flagged, blank = a.counts()
        shown, unanswered = ok + flagged + blank, blank + self._flagged_blank(a)  # flagged cuts across both
        story.append(
            Paragraph(
                f"{shown} questions shown · {shown - unanswered} answered · {unanswered} not answered · "
                f'<font color="{hex_colour(styles.FLAG)}">{flagged} flagged</font>',
                s["Small"],
            )
        )
        for section, questions in a.sections:
            story.append(self.p(section.title, "H3"))
            story += self.cited(section.source, a.definition.model.source)
            if section.id in a.items:
                story += self._items(a, section)
            for q in questions:
                story += self._question(a, q, section.source or a.definition.model.source)
        story += self._computed(a)
        story.append(PageBreak())
        return story

    def _flagged_blank(self, a: Assessed) -> int:
        """Flagged questions that have no answer (a rule may flag a missing answer)."""
        from wizard.engine import is_answered

        flagged = {(f.question_id, f.item) for f in a.evaluation.flags}
        return sum(1 for qid, item in flagged if not is_answered(a.answer(qid, item).get("value")))

    def _items(self, a: Assessed, section) -> list:
        """A repeat section's answers, item by item under "Partner 1", "Partner 2", …"""
        repeat = section.repeat
        items = a.items[section.id]
        out: list = []
        if not items:
            out.append(self.p(f"No {repeat.label} given.", "Small"))
        for number, slots in enumerate(items, 1):
            out.append(self.p(repeat.item_label(number), "H3Loose"))
            for slot in slots:
                out += self._question(a, slot.question, section.source or a.definition.model.source, slot)
        return out

    def _computed(self, a: Assessed) -> list:
        """The computed values the questionnaire defines, as its conditions read them."""
        computed = a.definition.model.computed
        if not computed:
            return []
        out: list = [self.p("Worked out from the answers", "H3")]
        for c in computed:
            out.append(self.p(f"{c.label or c.id}: {a.computed.get(c.id, 0):,}", "Answer"))
        return out

    def _question(self, a: Assessed, q, cited: Source, slot=None) -> list:
        """A question as the officer reads it: its text and source (its id is in the appendix), the answer;
        `slot`: asked for one item of a repeat section (its answer and flags are that item's)."""
        from wizard.engine import is_answered

        s = self.s
        if slot is None:
            flags = a.flags_for(q.id)
            item = a.answer(q.id)
        else:
            flags = [f.text for f in a.evaluation.flags if f.question_id == q.id and f.item == slot.item]
            item = slot.stored if isinstance(slot.stored, dict) else {"value": slot.stored}
        mark = f'<font color="{hex_colour(styles.FLAG)}">⚑</font> ' if flags else ""
        out = [self.p(q.text, "Question", prefix=mark), *self.cited(q.source, cited)]
        value = item.get("value")
        if is_answered(value):
            out += self.paras(q.label_for(value), "Answer", prefix="<b>Answer:</b> ", more_style="AnswerMore")
        else:
            out.append(
                Paragraph(
                    f'<b>Answer:</b> <font color="{hex_colour(styles.MUTED)}">— not answered —</font>', s["Answer"]
                )
            )
        for part, default in (("note", "Note"), ("action", "Action")):
            text = item.get(part)
            if isinstance(text, str) and text.strip():
                box = getattr(q, part)
                label = self.text.inline(box.label if box else default, bold=True)
                out += self.paras(text, "Extra", prefix=f"<b>{label}:</b> ")
        for flag in flags:
            out.append(self.p(flag, "FlagLine", prefix="<b>⚑ Flag:</b> "))
        return out


def _label(code: str | None) -> str | None:
    """A data-sheet code as words: 'force-wide' -> 'Force-wide', 'under-review' -> 'Under review'."""
    if not code:
        return code
    words = code if code == "force-wide" else code.replace("-", " ")
    return words[:1].upper() + words[1:]


def _money(amount) -> str | None:
    if amount is None:
        return None
    if float(amount).is_integer():
        return f"£{int(amount):,}"
    return f"£{amount:,.2f}"
