"""At 80×24 a table cell wraps in its column rather than being cut ("Meets the gov")."""

from __future__ import annotations

from textual.widgets import DataTable

from wizard import engine

from .conftest import CSP, SIZE, wait_for_screen, wait_until
from .on_screen import screen_lines


def column_text(lines: list[str], first: str, width: int) -> str:
    """The cell that starts with `first`, read down its column (`width` wide) to its end."""
    row = next(i for i, line in enumerate(lines) if first in line)
    x = lines[row].index(first)
    parts = [lines[row][x : x + width].strip()]
    for line in lines[row + 1 :]:
        part = line[x : x + width].strip()
        if not part or line[:x].strip() or " required " in line or " optional " in line:
            break  # the column ends, or the next row starts
        parts.append(part)
    return " ".join(parts)


async def test_the_questionnaires_table_wraps_titles_and_outcomes_at_80_columns(make_app, sample, governance):
    assessment = governance.open_assessment(sample[CSP], "governance-standards")
    definition = governance.definition_for(assessment)
    governance.answer_many(assessment["id"], {q.id: "met" for q in engine.visible_questions(definition, {})})
    app = make_app(partnership_id=sample[CSP])
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: any("Scope screening" in line for line in screen_lines(app)), "the table")
        lines = screen_lines(app)
        assert (
            column_text(lines, "Scope screening", 31)
            == "Scope screening - is this a partnership covered by the policy?"
        )
        assert not any("…" in line for line in lines)
        table = screen.query_one("#questionnaire-table", DataTable)
        table.move_cursor(row=table.get_row_index("governance-standards"))  # nine rows: the table scrolls
        await wait_until(pilot, lambda: any("Meets the" in line for line in screen_lines(app)), "the outcome")
        lines = screen_lines(app)
        assert column_text(lines, "Meets the", 13) == "Meets the governance standards"
        assert not any("…" in line for line in lines)
