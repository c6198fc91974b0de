"""The review cycle driven through the wizard: start the review, change two
answers, confirm the rest by stepping through them, sign off."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.widgets import DataTable

from store import clock
from tests.review.builders import LOW, first_assessment
from wizard.tui.screens.assessment import AssessmentScreen

from .conftest import NOW, SIZE, sign_in_dialog, wait_for_screen, wait_until

CHANGED = {"kp-leadership": ("2", "no"), "kp-cost-benefit": ("3", "unclear")}  # digit pressed, value saved


async def step_through(pilot, screen: AssessmentScreen, changes: dict[str, tuple[str, str]]) -> None:
    """PgDn through every question (confirming carried answers), pressing a digit where an answer changes."""
    seen = set()
    while pilot.app.screen is screen:
        question = screen.current
        assert question not in seen, f"came back to {question}"
        seen.add(question)
        if question in changes:
            await pilot.press(changes[question][0])
            await wait_until(pilot, lambda: screen.assessment["answers"][question]["value"] == changes[question][1])
        await pilot.press("pagedown")
        await wait_until(
            pilot, lambda: pilot.app.screen is not screen or screen.current != question, "the next question"
        )


@pytest.mark.long
async def test_review_change_two_confirm_the_rest_and_sign_off(make_app, governance, monkeypatch):
    pid = first_assessment(
        governance, LOW, kp={"kp-leadership": "yes", "kp-cost-benefit": "yes"}, signed_at=datetime(2024, 11, 1)
    )
    before = governance.latest(pid, "key-principles")
    governance.register.add_action(pid, "Agree terms of reference")  # on the plan at the last review
    monkeypatch.setattr(clock, "now", lambda: clock.stamp(NOW + timedelta(hours=2)))  # the review, later that day
    governance.register.add_action(pid, "Publish the minutes")
    app = make_app(partnership_id=pid)
    async with app.run_test(size=SIZE) as pilot:
        partnership = await wait_for_screen(pilot, "PartnershipScreen")
        table = partnership.query_one("#questionnaire-table", DataTable)
        await wait_until(pilot, lambda: partnership.rows, "the questionnaires")
        for questionnaire in ("key-principles", "scope", "significance"):
            if questionnaire != "key-principles":  # the row says how many carried answers are left to confirm
                await wait_until(
                    pilot,
                    lambda: str(table.get_row(questionnaire)[2]).endswith(
                        " ↻14 left" if questionnaire == "significance" else " ↻15 left"
                    ),
                    "the review state",
                )
            table.move_cursor(row=table.get_row_index(questionnaire))
            await pilot.pause()
            if questionnaire == "key-principles":
                await pilot.press("r")  # asks which questionnaires, every required one ticked...
                await wait_for_screen(pilot, "StartReviewScreen")
                await pilot.press("ctrl+s")  # ...and starts the review of them
            else:
                await pilot.press("enter")  # already under review: opens its draft
            screen = await wait_for_screen(pilot, "AssessmentScreen")
            await wait_until(pilot, lambda: screen.panel is not None, "the question")
            assert screen.assessment["renews"] is not None
            assert screen.panel.query_one("#carried-note").display  # the first question is a carried one
            assert "carried to confirm" in str(screen.query_one("#overall-label").render())
            await step_through(pilot, screen, CHANGED if questionnaire == "key-principles" else {})
            summary = await wait_for_screen(pilot, "SummaryScreen")
            await wait_until(pilot, lambda: summary.result is not None, "the summary")
            details = str(summary.query_one("#summary-details").render())
            if questionnaire == "key-principles":
                assert "Changes since the last review (2)" in details
                flat = " ".join(details.split())
                assert (
                    "Has a leadership and accountability structure been agreed for the partnership?: Yes → No" in flat
                )
                assert "Where applicable, has a cost/benefit analysis been undertaken?: Yes → Unclear" in flat
            else:
                assert "Changes since the last review (0)" in details
            await pilot.press("s")
            await wait_for_screen(pilot, "SignOffScreen")
            await sign_in_dialog(pilot)
            await wait_for_screen(pilot, "SummaryScreen")
            await pilot.press("escape")  # the signed-off assessment closes too
            await wait_for_screen(pilot, "PartnershipScreen")

        await pilot.press("f2", "f2")  # the actions tab sums up the plan against the last review
        title = str(partnership.query_one("#actions-title").render())
        assert "since the last review: 0 closed, 1 carried, 1 new" in title

    after = governance.latest(pid, "key-principles")
    assert after["status"] == "signed-off" and after["renews"] == before["id"]
    assert {q for q, a in after["answers"].items() if a["value"] != before["answers"][q]["value"]} == set(CHANGED)
    assert not any(a.get("carried_from") for a in after["answers"].values())
    assert {a["status"] for a in governance.current_assessments(pid).values()} == {"signed-off"}
    assert governance.register.verify() == []
    assert governance.register.due(NOW.date())[0]["next_review_due"] == "2026-11-03"
