"""What the wizard shows as raised (not yet in the plan) is what sign-off adds.

Issue 17: the partnership screen counted closed actions as held, sign-off
only open ones, so after an action was closed the preview showed nothing
raised where signing the review off added the action again."""

from __future__ import annotations

from textual.widgets import DataTable

from wizard.tui.screens.partnership import PartnershipScreen

from .conftest import CSP, SIZE, wait_for_screen, wait_until

SIGNIFICANCE = "significance"


def raised_rows(screen: PartnershipScreen) -> list[str]:
    """The action table's rows marked raised: their action text."""
    table = screen.query_one("#action-table", DataTable)
    rows = [table.get_row(row.key) for row in table.ordered_rows]
    return [str(row[2]) for row in rows if "raised" in str(row[0])]


async def test_after_an_action_is_closed_the_preview_shows_what_sign_off_adds(make_app, governance, sample):
    pid = sample[CSP]
    from_answers = next(a for a in governance.actions(pid) if a.get("source"))  # raised by the signed significance
    governance.close_action(pid, from_answers["id"], "S. Clarke")
    drafts = {d.questionnaire_id: d.assessment["id"] for d in governance.start_review(pid)}
    review = drafts[SIGNIFICANCE]
    governance.confirm(review)  # the carried answers, as they stand: they still raise the action

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(PartnershipScreen(pid, tab="actions"))
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: screen.query_one("#action-table", DataTable).row_count, "the action table")
        previewed = raised_rows(screen)

    before = {a["id"] for a in governance.actions(pid)}
    governance.sign_off(review, by="S. Clarke", role="Chief Executive", decision="approved")
    added = [a["text"] for a in governance.actions(pid) if a["id"] not in before]

    assert previewed == added == [from_answers["text"]]


def test_a_signed_off_assessment_previews_nothing_and_its_items_are_held(governance, sample):
    """Once signed, an assessment adds nothing more: a closed action it raised is done, not raised again."""
    pid = sample[CSP]
    from_answers = next(a for a in governance.actions(pid) if a.get("source"))
    governance.close_action(pid, from_answers["id"], "S. Clarke")
    pending = governance.pending_raised(pid)
    assert governance.current_assessments(pid)[SIGNIFICANCE]["status"] == "signed-off"
    assert pending[SIGNIFICANCE].actions == [] and pending[SIGNIFICANCE].risks == []
