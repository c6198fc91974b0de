"""The pack's lists: particular care, the action plan, the risk register, and
what changed since the previous signed-off review. Each part is a function of
the PackRenderer (its helpers escape every user string)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, Spacer

from questionnaires.citations import asked
from wizard.pdf import heatmap, styles

if TYPE_CHECKING:
    from wizard.pdf.pack import Cell, PackRenderer


# --- particular care ----------------------------------------------------------


def particular_care(r: PackRenderer) -> list:
    s = r.s
    story: list = [r.heading("Particular care", "care")]
    rows: list[list[Cell]] = [["Questionnaire", "Question", "Answer", "Flag"]]
    for a in r.data.assessed:
        for f in a.evaluation.flags:
            q = a.definition.question(f.question_id)
            rows.append(
                [
                    r.cell(a.definition.title),
                    r.cell(q.text),
                    r.cell(q.label_for(a.answer(q.id, f.item).get("value")) or "— not answered —"),
                    r.cell(f.text),
                ]
            )
    if len(rows) == 1:
        story.append(Paragraph("No answer in this pack is flagged for particular care.", s["Body"]))
    else:
        story.append(
            Paragraph(
                f"{len(rows) - 1} answers are flagged: where a principle cannot be clearly answered, "
                "particular care should be taken in that area.",
                s["Body"],
            )
        )
        w = r.width
        story.append(r.table(rows, [0.18 * w, 0.34 * w, 0.14 * w, 0.34 * w]))
    story.append(PageBreak())
    return story


# --- action plan and risks ----------------------------------------------------


def action_plan(r: PackRenderer) -> list:
    d, s = r.data, r.s
    story: list = [r.heading("Action plan", "actions")]
    actions = sorted(
        d.actions, key=lambda a: (a.get("status") != "open", a.get("due") or "9999", a.get("created_at") or "")
    )
    rows: list[list[Cell]] = [["Action", "Owner", "Due", "Status", "Raised by"]]
    overdue_rows = []
    for action in actions:
        status = (
            "Open"
            if action.get("status") == "open"
            else f"Closed {str(action.get('closed_at') or '')[:10]} by {action.get('closed_by') or '—'}"
        )
        due = action.get("due")
        if action.get("status") == "open" and due and date.fromisoformat(due) < r.today:
            status = "Open — OVERDUE"
            overdue_rows.append(len(rows))
        rows.append(
            [
                r.cell(action.get("text")),
                r.cell(action.get("owner") or "—"),
                r.cell(due or "—"),
                r.cell(status),
                r.cell(d.raised_by(action.get("source")) or "—"),
            ]
        )
    for raised in d.raised_actions:
        rows.append(
            [
                r.cell(raised.item.text),
                "—",
                "—",
                r.cell("Raised by the answers; not yet in the register"),
                r.cell(asked(raised.assessed.definition, raised.question_id)),
            ]
        )
    if len(rows) == 1:
        story.append(Paragraph("No actions are recorded or raised.", s["Body"]))
    else:
        w = r.width
        extra = [("TEXTCOLOR", (3, row), (3, row), styles.FLAG) for row in overdue_rows]
        story.append(r.table(rows, [0.3 * w, 0.13 * w, 0.14 * w, 0.15 * w, 0.28 * w], extra=extra))
    story.append(PageBreak())
    return story


def risk_register(r: PackRenderer) -> list:
    """The heat map of the risks not closed, then every risk by its reference (R1, R2, ...): the
    table is the map's key, each row with its score and band in words. No cell is left blank:
    a risk without likelihood or impact says "not scored", a missing owner "not assigned"."""
    d, s = r.data, r.s
    story: list = [r.heading("Risk register", "risks")]
    rows: list[list[Cell]] = [["Ref", "Risk", "Category", "L", "I", "Score", "Owner", "Mitigation", "Status"]]
    extra = []
    placed = []

    def add(description, category, likelihood, impact, owner, mitigation, status, on_map=True):
        ref = f"R{len(rows)}"
        value = heatmap.score(likelihood, impact)
        if value is not None:
            _, fill = heatmap.band(value)
            extra.append(("BACKGROUND", (5, len(rows)), (5, len(rows)), fill))
        if on_map:
            placed.append(heatmap.Placed(ref, likelihood, impact))
        rows.append(
            [
                ref,
                r.cell(description),
                r.cell(category or "not recorded"),
                r.cell(str(likelihood or heatmap.NOT_SCORED)),
                r.cell(str(impact or heatmap.NOT_SCORED)),
                r.cell(heatmap.score_text(likelihood, impact)),
                r.cell(owner or "not assigned"),
                r.cell(mitigation or "none recorded"),
                r.cell(status),
            ]
        )

    for risk in d.risks:
        add(
            risk.get("description"),
            risk.get("category"),
            risk.get("likelihood"),
            risk.get("impact"),
            risk.get("owner"),
            _mitigation(risk),
            _status(risk),
            heatmap.live(risk),
        )
    for raised in d.raised_risks:
        item = raised.item
        add(
            item.description,
            item.category,
            item.likelihood,
            item.impact,
            None,
            "Raised by the answers; not yet in the register",
            "Raised",
        )
    if len(rows) == 1:
        story.append(Paragraph("No risks are recorded or raised.", s["Body"]))
    else:
        story.append(heatmap.HeatMap(placed, r.width, title="Risks not closed, by likelihood and impact"))
        story.append(Spacer(1, 3 * mm))
        story.append(
            Paragraph(
                f"L likelihood, I impact (1–5); score = L × I, {heatmap.BANDS_TEXT}. "
                "The references (R1, R2, …) place each risk on the map above.",
                s["Small"],
            )
        )
        w = r.width
        widths = [0.05, 0.18, 0.125, 0.08, 0.08, 0.12, 0.1, 0.145, 0.12]  # L, I: room for "scored"
        story.append(r.table(rows, [f * w for f in widths], extra=extra))
    story.append(PageBreak())
    return story


def _mitigation(risk: dict) -> str | None:
    """The mitigation, and the score it aims for when a target is set."""
    target = heatmap.score(risk.get("target_likelihood"), risk.get("target_impact"))
    aim = (
        f"Target {heatmap.score_text(risk.get('target_likelihood'), risk.get('target_impact'))}"
        if target is not None
        else ""
    )
    return "\n".join(part for part in (risk.get("mitigation"), aim) if part) or None


def _status(risk: dict) -> str:
    """Open, treated, accepted or closed (a risk from before statuses is open), and its next review."""
    status = (risk.get("status") or "open").capitalize()
    if status == "Closed":
        when = str(risk.get("closed_at") or "")[:10]
        return " ".join(
            part for part in ("Closed", when, f"by {risk['closed_by']}" if risk.get("closed_by") else "") if part
        )
    due = risk.get("review_due")
    return f"{status}, review due {str(due)[:10]}" if due else status


# --- changes since the previous review ----------------------------------------


def changes(r: PackRenderer) -> list:
    renewed = [a for a in r.data.assessed if a.previous is not None]
    if not renewed:
        return []
    s = r.s
    story: list = [r.heading("Changes since the previous review", "changes")]
    for a in renewed:
        prev = a.previous
        assert prev is not None  # renewed: it has one
        signed = next((x for x in r.data.signoffs if x["assessment_id"] == prev["id"]), None)
        when = f" signed off {signed['signed_at'][:10]}" if signed else ""
        story.append(r.p(f"{a.definition.title}: compared with {prev['id']}{when}", "H2"))
        if not a.changes:
            story.append(Paragraph("No answer changed.", s["Body"]))
        else:
            rows: list[list[Cell]] = [["Question", "What", "Before", "Now"]]
            for c in a.changes:
                rows.append(
                    [
                        r.cell(c.question_text),
                        c.part,
                        r.cell(c.before or "—"),
                        r.cell(c.after or "—"),
                    ]
                )
            w = r.width
            story.append(r.table(rows, [0.38 * w, 0.1 * w, 0.26 * w, 0.26 * w]))
        story += _listed(r, "Flags raised", a.flags_raised) + _listed(r, "Flags cleared", a.flags_cleared)
    plan = r.data.action_changes
    if plan is not None:
        story.append(r.p("Action plan since the previous review", "H2"))
        story += _listed(
            r, "Closed", [f"{x['text']} (closed {x['closed_at'][:10]} by {x['closed_by']})" for x in plan.closed]
        )
        story += _listed(r, "Carried, still open", [x["text"] for x in plan.carried])
        story += _listed(r, "New", [x["text"] for x in plan.new])
        if not (plan.closed or plan.carried or plan.new):
            story.append(Paragraph("No actions before or since.", s["Body"]))
    story.append(PageBreak())
    return story


def _listed(r: PackRenderer, title: str, items: list[str]) -> list:
    if not items:
        return []
    return [r.p(f"{title} ({len(items)}):", "Body")] + [r.p(f"• {item}", "Body") for item in items]
