"""The review asks first: which questionnaires, what starting will do; carried answers confirmed in bulk (issue 14)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from textual.command import CommandPalette
from textual.widgets import Checkbox, OptionList

from store import clock
from tests.review.builders import LOW, first_assessment
from wizard.tui.screens.assessment import AssessmentScreen

from .conftest import NOW, press_r_on, wait_for_screen, wait_until
from .on_screen import TWO_SIZES, on_screen, text


@pytest.fixture
def reviewed(governance, monkeypatch) -> str:
    """A partnership of low significance, everything signed off a year ago; the clock is now later that day."""
    pid = first_assessment(governance, LOW, signed_at=datetime(2024, 11, 1))
    monkeypatch.setattr(clock, "now", lambda: clock.stamp(NOW + timedelta(hours=2)))
    return pid


@TWO_SIZES
async def test_r_asks_which_questionnaires_and_says_what_will_happen(make_app, governance, reviewed, size):
    signed = {q: a["id"] for q, a in governance.current_assessments(reviewed).items()}
    app = make_app(partnership_id=reviewed)
    async with app.run_test(size=size) as pilot:
        dialog = await press_r_on(pilot, "key-principles")
        boxes = {box.id: box for box in dialog.query(Checkbox)}
        assert set(boxes) == {"review-scope", "review-significance", "review-key-principles"}
        assert all(box.value for box in boxes.values())  # the required set, ticked
        assert str(boxes["review-key-principles"].label).startswith("Key principles")
        assert text(dialog, "#review-note-scope").startswith("required · ")
        assert "answers carried from the last sign-off" in text(dialog, "#review-note-key-principles")
        plan = text(dialog, "#review-plan")
        assert "3 drafts will be started with their answers carried" in plan
        assert "each carried answer must be confirmed or changed" in plan
        assert {a["id"] for a in governance.current_assessments(reviewed).values()} == set(signed.values())
        for widget in (
            boxes["review-key-principles"],
            dialog.query_one("#review-plan"),
            dialog.query_one("#review-start"),
        ):
            assert on_screen(app, widget)
        boxes["review-significance"].focus()
        await pilot.press("space")  # untick significance
        await wait_until(pilot, lambda: "2 drafts will be started" in text(dialog, "#review-plan"), "the new plan")
        await pilot.press("ctrl+s")
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.panel is not None, "the question")
        assert screen.assessment["questionnaire_id"] == "key-principles"
    current = governance.current_assessments(reviewed)
    assert current["significance"]["id"] == signed["significance"]  # left alone
    assert (
        current["scope"]["renews"] == signed["scope"]
        and current["key-principles"]["renews"] == signed["key-principles"]
    )


async def test_escape_on_the_review_dialog_starts_nothing(make_app, governance, reviewed):
    before = governance.current_assessments(reviewed)
    app = make_app(partnership_id=reviewed)
    async with app.run_test(size=(80, 24)) as pilot:
        await press_r_on(pilot, "scope")
        await pilot.press("escape")
        await wait_for_screen(pilot, "PartnershipScreen")
    assert governance.current_assessments(reviewed) == before


async def open_review_draft(pilot, questionnaire: str) -> AssessmentScreen:
    dialog = await press_r_on(pilot, questionnaire)
    for box in dialog.query(Checkbox):
        box.value = box.id == f"review-{questionnaire}"
    await pilot.press("ctrl+s")
    screen = await wait_for_screen(pilot, "AssessmentScreen")
    await wait_until(pilot, lambda: screen.panel is not None, "the question")
    return screen


async def test_confirm_the_rest_of_the_section_then_all_remaining_each_asking_once(make_app, governance, reviewed):
    app = make_app(partnership_id=reviewed)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review_draft(pilot, "key-principles")
        aid = screen.aid
        total = len(governance.unconfirmed(governance.assessment(aid)))
        assert f"{total} carried to confirm" in text(screen, "#overall-label")
        section = screen.definition.section_of[screen.current]
        in_section = [
            q
            for q in governance.unconfirmed(governance.assessment(aid))
            if screen.definition.section_of[q].id == section.id
        ]
        assert 0 < len(in_section) < total

        await pilot.press("f3")
        ask = await wait_for_screen(pilot, "AskScreen")
        assert f"Confirm {len(in_section)} carried answers in the section “{section.title}”" in text(
            ask, "#ask-question"
        )
        await pilot.press("n")  # no: nothing changes
        await wait_for_screen(pilot, "AssessmentScreen")
        assert len(governance.unconfirmed(governance.assessment(aid))) == total

        await pilot.press(
            "f3",
        )
        await wait_for_screen(pilot, "AskScreen")
        await pilot.press("y")
        left = total - len(in_section)
        await wait_until(pilot, lambda: f"{left} carried to confirm" in text(screen, "#overall-label"), "the sidebar")
        assert not set(in_section) & set(governance.unconfirmed(governance.assessment(aid)))

        await pilot.press("f4")
        ask = await wait_for_screen(pilot, "AskScreen")
        assert f"Confirm {left} carried answers in “Key principles" in text(ask, "#ask-question")
        await pilot.press("y")
        await wait_until(pilot, lambda: "carried to confirm" not in text(screen, "#overall-label"), "the sidebar")
        assert governance.unconfirmed(governance.assessment(aid)) == []
        assert screen.check_action("confirm_all", ()) is False  # nothing left: the command is gone
    assessment = governance.assessment(aid)
    before = governance.assessment(assessment["renews"])
    assert {q: a["value"] for q, a in assessment["answers"].items()} == {
        q: a["value"] for q, a in before["answers"].items()
    }  # confirmed as they stood


async def test_the_palette_finds_the_confirm_commands(make_app, governance, reviewed):
    app = make_app(partnership_id=reviewed)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review_draft(pilot, "scope")
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, "CommandPalette")
        assert isinstance(palette, CommandPalette)
        await pilot.press(*"confirm")
        results = palette.query_one(OptionList)
        found = lambda: [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]  # noqa: E731
        await wait_until(pilot, lambda: len(found()) >= 2, "the commands")
        shown = " ".join(found())
        assert "Confirm the rest of this section" in shown and "Confirm all remaining carried answers" in shown


async def test_every_questionnaire_of_a_high_risk_review_is_reachable_at_80x24(make_app, governance, monkeypatch):
    from tests.review.builders import HIGH

    pid = first_assessment(governance, HIGH, signed_at=datetime(2024, 11, 1))
    monkeypatch.setattr(clock, "now", lambda: clock.stamp(NOW + timedelta(hours=2)))
    app = make_app(partnership_id=pid)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await press_r_on(pilot, "scope")
        boxes = list(dialog.query(Checkbox))
        assert len(boxes) == 7 and all(box.value for box in boxes)
        assert "7 drafts will be started with their answers carried" in text(dialog, "#review-plan")
        for widget in (dialog.query_one("#review-plan"), dialog.query_one("#review-start")):
            assert on_screen(app, widget)  # the list scrolls; what starting does and the button stay
        for _ in range(6):
            await pilot.press("tab")
        assert app.focused is boxes[-1]
        choices = dialog.query_one("#review-choices")
        await wait_until(
            pilot, lambda: choices.region.contains_region(boxes[-1].region), "the last one scrolled into view"
        )
