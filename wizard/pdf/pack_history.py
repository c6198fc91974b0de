"""The pack's page "Who entered and changed these answers": for each assessment the pack presents
(and the signed-off one it renews, where a review's carried answers were entered), every change
the shared register's audit trail holds (wizard.history: who, as the database authenticated them,
and when), so an approver sees whose answers they approve.

Only a shared register (PostgreSQL) keeps an audit trail; a pack from a register folder leaves
the page out rather than print an empty one. The page is not part of the signed record: the
trail is the database's, and grows after the pack is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph

if TYPE_CHECKING:
    from wizard.pdf.pack import Cell, PackRenderer

TITLE = "Who entered and changed these answers"


def authors(r: PackRenderer) -> list:
    history = r.data.history
    if history is None or not r.data.assessed:
        return []
    story: list = [
        r.heading(TITLE, "history"),
        Paragraph(
            "Each change to the assessments in this pack, oldest first, as the shared register's database recorded "
            "it: when (UTC), the login that made it (with the person's name where the register has one), and what "
            "changed. Answers are named by question id (see the appendix).",
            r.s["Body"],
        ),
    ]
    for a in r.data.assessed:
        # A heading kept with a table longer than the page would be moved whole to the next page,
        # leaving this one blank: keep only room for the heading and a few rows instead.
        story += [CondPageBreak(30 * mm), r.p(f"{a.definition.title} ({a.id})", "H3Loose")]
        # The signed-off assessment it renews too: a review's carried answers were entered there.
        ids = {a.id, (a.previous or {}).get("id")}
        changes = [entry for entry in history if entry.assessment_id in ids and entry.kind == "assessments"]
        if not changes:
            story.append(Paragraph("The audit trail holds no change to this assessment.", r.s["Small"]))
            continue
        rows: list[list[Cell]] = [["When", "Who", "Change"]]
        rows += [[r.cell(entry.when), r.cell(entry.who), r.cell(entry.what)] for entry in changes]
        story.append(r.table(rows, [41 * mm, 38 * mm, r.width - 79 * mm]))  # the time on one line
    story.append(PageBreak())
    return story
