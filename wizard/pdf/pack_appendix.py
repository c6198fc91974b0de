"""The pack's appendix: the question ids, which the record (pwiz-record.json), the
CLI (`pwiz show --json`, answers files) and `pwiz confirm` use, beside the questions
the body pages print without them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import PageBreak, Paragraph

if TYPE_CHECKING:
    from wizard.pdf.pack import Cell, PackRenderer


def question_ids(r: PackRenderer) -> list:
    if not r.data.assessed:
        return []
    story: list = [
        r.heading("Appendix: question ids", "appendix"),
        Paragraph(
            "The ids by which the signed record (pwiz-record.json, attached) and the pwiz command line "
            "name each questionnaire and question in this pack.",
            r.s["Body"],
        ),
    ]
    for a in r.data.assessed:
        story.append(r.p(f"{a.definition.title} ({a.definition.id}, version {a.definition.version})", "H3"))
        rows: list[list[Cell]] = [["Id", "Question"]]
        rows += [[r.cell(q.id), r.cell(q.text)] for q in a.shown]
        story.append(r.table(rows, [0.3 * r.width, 0.7 * r.width]))
    story.append(PageBreak())
    return story
