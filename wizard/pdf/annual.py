"""The annual committee report: `pwiz report --annual [--year YYYY] -o annual.pdf`.

Policy 001 (Responsibilities) has the Partnership & Performance Officer
report the annual reviews to the Management Team, the Audit & Standards
Committee own the registers, and a summarised risk assessment go each year
to the officer who keeps the Authority's risk register. This is that paper,
one PDF (A4):

    title page    the year, the register, the totals; then, one after the other:
    reviews       sign-offs made in the year (by the date signed)
    approvals     approvals made in the year
    overdue       partnerships whose review is overdue today
    risks         the heat map of every risk not closed, and its key
    actions       every open action: owner, due date, OVERDUE when past
    associations  the Association Register (001): each association, its last
                  evaluation and the next, OVERDUE when past

Sign-offs, approvals, actions and risks come from register_facts (cached per
partnership file); the overdue list from the index.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from store.schedule import days_overdue
from wizard.datasheet_text import SHORT_MEMBERSHIP_LABELS
from wizard.errors import UserError
from wizard.pdf import risk_key, styles
from wizard.pdf.document import MARGIN, PAGE_WIDTH, Furniture, PwizDocument, body_pages
from wizard.pdf.fonts import register as register_fonts
from wizard.pdf.listing import Listing
from wizard.pdf.register_facts import RegisterRisks, facts, register_risks
from wizard.pdf.styles import stylesheet
from wizard.pdf.text import Text
from wizard.wording import count

AUDIENCE = "the Management Team and the Audit & Standards Committee"


@dataclass(frozen=True)
class AnnualResult:
    year: int
    pdf: bytes
    pages: int
    replaced: list[str]


@dataclass(frozen=True)
class Year:
    """What the report shows, gathered from the register."""

    year: int
    today: date
    register_name: str
    partnerships: int
    signoffs: list[tuple[str, dict]]  # (partnership name, sign-off), oldest first
    approvals: list[tuple[str, dict]]
    overdue: list[tuple[dict, int]]  # (index summary, days overdue), most overdue first
    risks: RegisterRisks
    actions: list[tuple[str, dict]]  # (partnership name, open action), soonest due first
    associations: list[dict] = field(default_factory=list)  # the Association Register, by name


def gather(register_, year: int, today: date) -> Year:
    summaries = register_.list_partnerships()
    names = {s["id"]: s["name"] for s in summaries}
    versions = register_.versions(list(names))  # one pass of stats for the facts and the risks
    known = facts(register_, list(names), versions)
    prefix = f"{year:04d}-"

    def each(kind: str) -> list[tuple[str, dict]]:
        return [(names.get(pid, pid), row) for pid, held in known.items() for row in held[kind]]

    in_year = [(n, row) for n, row in each("signoffs") if row["signed_at"].startswith(prefix)]
    approved = [(n, row) for n, row in each("approvals") if row["signed_at"].startswith(prefix)]
    late = [(s, days_overdue(s.get("next_review_due"), s.get("status"), today)) for s in summaries]
    return Year(
        year=year,
        today=today,
        register_name=str(getattr(register_, "root", "")),
        partnerships=len(summaries),
        signoffs=sorted(in_year, key=lambda item: (item[1]["signed_at"], item[0].casefold())),
        approvals=sorted(approved, key=lambda item: (item[1]["signed_at"], item[0].casefold())),
        overdue=sorted(((s, days) for s, days in late if days > 0), key=lambda item: (-item[1], item[0]["name"])),
        risks=register_risks(register_, names, versions),
        actions=sorted(each("actions"), key=lambda item: (item[1].get("due") or "9999", item[0].casefold())),
        associations=register_.associations.all(),
    )


def write_annual(register_, library, output: Path, year: int | None = None, today: date | None = None, write=None):
    """Gather and write the annual report of `year` (default: this year); returns the AnnualResult.
    `write(path, bytes)` writes the file (default: Path.write_bytes)."""
    today = today or date.today()
    result = AnnualRenderer(gather(register_, year or today.year, today), library).render()
    if write is not None:
        write(output, result.pdf)
    else:
        try:
            output.write_bytes(result.pdf)
        except OSError as exc:
            raise UserError(f"cannot write {output}: {exc.strerror or exc}") from None
    return result


class AnnualRenderer:
    def __init__(self, data: Year, library=None):
        self.data = data
        self.library = library
        self.text = Text(register_fonts())
        self.s = stylesheet()
        self.width = PAGE_WIDTH - 2 * MARGIN
        self.listing = Listing(self.text, self.s)

    def render(self) -> AnnualResult:
        story = self.story()
        doc = PwizDocument(io.BytesIO(), self.furniture())
        pdf = doc.render(story)
        return AnnualResult(self.data.year, pdf, doc.page, self.text.report())

    def furniture(self) -> Furniture:
        d = self.data
        return Furniture(
            header_left=f"Annual partnership report {d.year}",
            header_right=f"pwiz · prepared {d.today.isoformat()}",
            footer_left=self.text.display(f"Partnership register {d.register_name}")[:150],
            title=f"Annual partnership report {d.year}",
            subject=f"The year's reviews, approvals, overdue items, risks and open actions, for {AUDIENCE}",
        )

    def story(self) -> list:
        story = self.title_page()
        for part in (self.reviews, self.approvals, self.overdue, self.risks, self.actions, self.associations):
            story += part()
        return story

    # --- the parts ---------------------------------------------------------

    def title_page(self) -> list:
        d, s = self.data, self.s
        late_actions = sum(self._late(action) for _, action in d.actions)
        totals = [
            ("Partnerships in the register", str(d.partnerships)),
            (f"Reviews signed off in {d.year}", str(len(d.signoffs))),
            (f"Approvals in {d.year}", str(len(d.approvals))),
            (f"Reviews overdue on {d.today.isoformat()}", str(len(d.overdue))),
            ("Risks not closed", f"{d.risks.total} ({d.risks.high()} high, {d.risks.unscored} not scored)"),
            ("Open actions", f"{len(d.actions)} ({late_actions} overdue)"),
        ]
        return [
            body_pages(),
            Spacer(1, 18 * mm),
            Paragraph("ANNUAL PARTNERSHIP REPORT", s["CoverKicker"]),
            Paragraph(f"Partnership register: the year {d.year}", s["CoverTitle"]),
            Paragraph(f"For {AUDIENCE}", s["CoverLine"]),
            Paragraph(self.text.inline(f"Register: {d.register_name}"), s["CoverLine"]),
            Paragraph(f"Prepared {d.today.isoformat()}; overdue items as on that day.", s["CoverLine"]),
            Spacer(1, 8 * mm),
            self.listing.table(
                ("", ""),
                [[self.listing.cell(k, "CellBold"), self.listing.cell(v)] for k, v in totals],
                [80 * mm, self.width - 80 * mm],
            ),
            Spacer(1, 8 * mm),
            Paragraph(
                "The Partnership &amp; Performance Officer reports the annual reviews to the Management Team; "
                "the Audit &amp; Standards Committee owns the Partnership Policy and Toolkit and the registers. "
                "The risks section is the summarised risk assessment for partnership working, for the officers "
                "who keep the Authority's risk register.",
                s["Small"],
            ),
            PageBreak(),
        ]

    def reviews(self) -> list:
        d = self.data
        rows = [
            [
                self.listing.cell(so["signed_at"][:10]),
                self.listing.cell(name),
                self.listing.cell(self._questionnaire(so.get("questionnaire_id"))),
                self.listing.cell(styles.decision_label(so.get("decision"))),
                self.listing.cell(f"{so.get('by')}, {so.get('role')}"),
            ]
            for name, so in d.signoffs
        ]
        return self._part(
            f"Reviews signed off in {d.year}",
            f"{count(len(rows), 'sign-off')} dated in {d.year}, oldest first.",
            ("Date", "Partnership", "Questionnaire", "Decision", "Signed off by"),
            rows,
            [0.14, 0.25, 0.25, 0.14, 0.22],
        )

    def approvals(self) -> list:
        d = self.data
        rows = [
            [
                self.listing.cell(a["signed_at"][:10]),
                self.listing.cell(name),
                self.listing.cell(styles.decision_label(a.get("decision"))),
                self.listing.cell(
                    f"{a.get('by')}, {a.get('role')}"
                    + (f"; in consultation with {', '.join(a['consulted'])}" if a.get("consulted") else "")
                ),
                self.listing.cell(a.get("conditions") or "none"),
            ]
            for name, a in d.approvals
        ]
        return self._part(
            f"Approvals in {d.year}",
            f"{count(len(rows), 'approval')} dated in {d.year}, oldest first.",
            ("Date", "Partnership", "Decision", "Approved by", "Conditions"),
            rows,
            [0.14, 0.25, 0.16, 0.25, 0.2],
        )

    def overdue(self) -> list:
        d = self.data
        rows = [
            [
                self.listing.cell(summary["name"]),
                self.listing.cell(styles.significance_label(summary.get("significance"))),
                self.listing.cell(summary.get("last_signoff_date") or "never"),
                self.listing.cell(summary.get("next_review_due")),
                self.listing.flagged(f"OVERDUE by {count(days, 'day')}"),
            ]
            for summary, days in d.overdue
        ]
        return self._part(
            f"Reviews overdue on {d.today.isoformat()}",
            f"{count(len(rows), 'partnership')} past the date its next review was due, most overdue first.",
            ("Partnership", "Significance", "Last sign-off", "Review was due", "Overdue"),
            rows,
            [0.3, 0.16, 0.16, 0.16, 0.22],
        )

    def risks(self) -> list:
        return [*risk_key.section(self.data.risks, self.width, self.text, self.s), Spacer(1, 6 * mm)]

    def actions(self) -> list:
        d = self.data
        rows = []
        for name, action in d.actions:
            late = self._late(action)
            rows.append(
                [
                    self.listing.cell(name),
                    self.listing.cell(action.get("text")),
                    self.listing.cell(action.get("owner") or "no owner"),
                    self.listing.cell(action.get("due") or "no due date"),
                    self.listing.flagged("OVERDUE") if late else self.listing.cell("open"),
                ]
            )
        overdue = sum(self._late(action) for _, action in d.actions)
        return self._part(
            "Open actions",
            f"{count(len(rows), 'open action')}, {overdue} overdue, soonest due first.",
            ("Partnership", "Action", "Owner", "Due", "Status"),
            rows,
            [0.22, 0.36, 0.14, 0.14, 0.14],
        )

    def associations(self) -> list:
        """001: the Partnership & Performance Officer maintains the Association Register too, updated annually."""
        rows, late = [], 0
        for association in self.data.associations:
            newest = association["evaluations"][-1] if association["evaluations"] else {}
            due = newest.get("next_review")
            overdue = association["status"] != "ended" and (due is None or date.fromisoformat(due) < self.data.today)
            late += overdue
            members = ", ".join(f"{m['name']} ({m['kind']})" for m in association["members"]) or "none recorded"
            rows.append(
                [
                    self.listing.cell(association["name"]),
                    self.listing.cell(
                        SHORT_MEMBERSHIP_LABELS.get(association["membership_held_by"] or "", "not recorded")
                    ),
                    self.listing.cell(members),
                    self.listing.cell(newest.get("evaluated_on") or "never"),
                    self.listing.flagged(f"OVERDUE ({due or 'never evaluated'})")
                    if overdue
                    else self.listing.cell(due),
                    self.listing.cell(newest.get("recommendation") or "-"),
                ]
            )
        return self._part(
            "Association Register",
            f"Associations and groups that members and officers belong to (001): {len(rows)}; "
            f"{late} with an evaluation overdue or never made.",
            ("Association", "Held by", "Members", "Evaluated", "Next evaluation", "Recommended"),
            rows,
            [0.22, 0.11, 0.2, 0.13, 0.18, 0.16],
        )

    # --- helpers -------------------------------------------------------------

    def _part(self, title, summary, headers, rows, widths) -> list:
        """A part of the report: its heading, a line of totals, its table; the next part follows on."""
        story: list = [Paragraph(title, self.s["H1"]), Paragraph(summary, self.s["Body"])]
        if rows:
            story.append(self.listing.table(headers, rows, [f * self.width for f in widths]))
        return [*story, Spacer(1, 6 * mm)]

    def _late(self, action: dict) -> bool:
        due = action.get("due")
        return bool(due) and date.fromisoformat(str(due)[:10]) < self.data.today

    def _questionnaire(self, qid: str | None) -> str:
        definitions = getattr(self.library, "definitions", {})
        return definitions[qid].title if qid in definitions else (qid or "unknown questionnaire")
