"""Assessment: one question at a time, the right widget per type, saved as given."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.widgets import OptionList, Select

from questionnaires.library import load_library
from store import Register
from wizard.service import Governance
from wizard.tui.app import PwizApp
from wizard.tui.screens.assessment import AssessmentScreen
from wizard.tui.widgets.answers import ChoiceAnswer, DropdownAnswer, LongTextAnswer, MultiAnswer, TextAnswer

from .conftest import SIZE, TODAY, burst, wait_for_screen, wait_until

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def test_library():
    return load_library(extra_dirs=[DATA], include_user_dir=False)


@pytest.fixture
def typed(register_path, test_library, frozen_clock):
    """A register with one partnership and a draft of the every-type questionnaire."""
    governance = Governance(Register.open(register_path), test_library)
    pid = governance.register.add_partnership("Youth Justice Board")["id"]
    assessment = governance.open_assessment(pid, "tui-all-types")
    return governance, assessment["id"]


async def open_assessment(pilot, aid: str) -> AssessmentScreen:
    pilot.app.push_screen(AssessmentScreen(aid))
    screen = await wait_for_screen(pilot, "AssessmentScreen")
    await wait_until(pilot, lambda: screen.panel is not None, "the first question")
    return screen


def answers(governance, aid):
    return {qid: a["value"] for qid, a in governance.register.get_assessment(aid)["answers"].items()}


async def test_every_type_gets_its_widget(typed):
    governance, aid = typed
    governance.answer(aid, "q-yes", "no", note="n")  # hides the follow-up question
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        await pilot.press("pageup")  # it opened on the first unanswered question
        seen = {}
        for _ in range(6):
            seen[screen.current] = type(screen.panel.answer)
            await pilot.press("pagedown")
        assert seen == {
            "q-yes": ChoiceAnswer,
            "q-many": DropdownAnswer,
            "q-multi": MultiAnswer,
            "q-date": TextAnswer,
            "q-number": TextAnswer,
            "q-long": LongTextAnswer,
        }


async def test_a_choice_is_saved_at_once_and_enter_moves_on(typed):
    governance, aid = typed
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        assert screen.current == "q-yes" and isinstance(app.focused, ChoiceAnswer)
        assert "Guidance for the yes or no question." in str(screen.panel.query_one("#question-guidance").render())
        await pilot.press("1")
        await wait_until(pilot, lambda: answers(governance, aid).get("q-yes") == "yes", "the saved answer")
        assert screen.current == "q-yes"  # a digit chooses without moving on
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.current == "q-followup", "the follow-up question")


async def test_enter_on_a_highlighted_choice_saves_and_moves_on(typed):
    governance, aid = typed
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        await pilot.press("down", "enter")  # highlight No, choose it and move on
        await wait_until(pilot, lambda: screen.current == "q-many", "the next question (the follow-up is hidden)")
        assert answers(governance, aid) == {"q-yes": "no"}


async def test_keys_typed_ahead_answer_each_question_as_typed(make_app, governance):
    """ "2 Enter 1 Enter 3 Enter" in one burst answers three questions No, Yes, Unclear."""
    pid = governance.register.add_partnership("Youth Justice Board")["id"]
    aid = governance.open_assessment(pid, "key-principles")["id"]
    ids = [q.id for q in governance.library.get("key-principles").questions()]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        burst(app, "2", "enter", "1", "enter", "3", "enter")
        await wait_until(pilot, lambda: screen.current == ids[3], "the fourth question")
        await pilot.pause()
        assert answers(governance, aid) == {ids[0]: "no", ids[1]: "yes", ids[2]: "unclear"}
        assert screen.panel.answer.answer_value() is None  # nothing spilt onto the fourth


async def test_text_typed_ahead_goes_to_the_next_box_not_into_the_saved_answer(typed):
    """ "2025-03-31 Enter 1200 Enter" in one burst: a date, then an amount, each in its own question."""
    governance, aid = typed
    governance.answer(aid, "q-yes", "no", note="Minutes of 3 March")
    governance.answer_many(aid, {"q-many": "alpha", "q-multi": ["x"]})
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        assert screen.current == "q-date"
        burst(app, *"2025-03-31", "enter", *"1200", "enter")
        await wait_until(pilot, lambda: screen.current == "q-long", "the long-text question")
        await pilot.pause()
        saved = answers(governance, aid)
        assert (saved["q-date"], saved["q-number"]) == ("2025-03-31", 1200)


async def test_keys_typed_ahead_follow_onto_a_new_kind_of_question(typed):
    """A choice then Enter, at once: the next question (a text box) has the focus and nothing else changed."""
    governance, aid = typed
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        burst(app, "1", "enter")
        await wait_until(pilot, lambda: screen.current == "q-followup", "the follow-up question")
        await wait_until(pilot, lambda: isinstance(app.focused, TextAnswer), "the text box focused")
        await pilot.press(*"Moved")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.current == "q-many", "the next question")
        assert answers(governance, aid) == {"q-yes": "yes", "q-followup": "Moved"}


async def test_questions_appear_and_disappear_as_answers_change(typed):
    governance, aid = typed
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        total = lambda: len(screen.shown)  # noqa: E731
        assert total() == 6 and "0 of 6 answered" in str(screen.query_one("#overall-label").render())
        await pilot.press("1")
        await wait_until(pilot, lambda: total() == 7, "the follow-up question to appear")
        assert "1 of 7 answered" in str(screen.query_one("#overall-label").render())
        await pilot.press("2")
        await wait_until(pilot, lambda: total() == 6, "the follow-up question to go")
        # "No" makes the evidence note required, and says so
        await wait_until(
            pilot, lambda: "required for this answer" in str(screen.panel.query_one("#note-label").render())
        )


async def test_note_and_action_boxes_save_with_the_answer(typed):
    governance, aid = typed
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        await pilot.press("2", "tab")
        assert app.focused.id == "note-box"
        await pilot.press(*"Terms of reference not signed", "tab")
        assert app.focused.id == "action-box"
        await pilot.press(*"Chase the signatures & file them", "enter")
        await wait_until(pilot, lambda: screen.current == "q-many", "the next question")
    saved = governance.register.get_assessment(aid)["answers"]["q-yes"]
    assert saved["value"] == "no"
    assert saved["note"] == "Terms of reference not signed"
    assert saved["action"] == "Chase the signatures & file them"


async def test_text_answers_are_validated_and_saved(typed):
    governance, aid = typed
    governance.answer(aid, "q-yes", "no", note="n")
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        assert screen.current == "q-many"
        await pilot.press("pagedown", "pagedown")
        assert screen.current == "q-date"
        await pilot.press(*"31/12/25", "enter")
        error = screen.panel.query_one("#answer-error")
        await wait_until(pilot, lambda: error.has_class("-shown"), "the error under the answer")
        assert "YYYY-MM-DD" in str(error.render()) and screen.current == "q-date"
        assert "q-date" not in answers(governance, aid)
        await pilot.press("pagedown")  # an invalid answer keeps you here too
        assert screen.current == "q-date"
        hint = screen.panel.query_one("#answer-hint")
        screen.panel.answer.value = ""
        await pilot.press(*"03/12/2025")  # the UK form: which day it reads is said before it is saved
        await wait_until(pilot, lambda: "read as 3 December 2025 (DD/MM/YYYY)" in str(hint.render()), "the reading")
        screen.panel.answer.value = ""
        await pilot.press(*"2025-12-3")
        await wait_until(pilot, lambda: "Type a date as DD/MM/YYYY or YYYY-MM-DD" in str(hint.render()))
        await pilot.press("1")
        await wait_until(pilot, lambda: "read as 31 December 2025 (YYYY-MM-DD)" in str(hint.render()))
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.current == "q-number", "the number question")
        assert "Type a number" in str(screen.panel.query_one("#answer-hint").render())  # its own hint
        await pilot.press(*"£2,500", "enter")
        await wait_until(pilot, lambda: screen.current == "q-long", "the long-text question")
        await pilot.press(*"Line one", "enter")
        screen.panel.answer.insert("Line two — Cymraeg: diolch, Polski: dziękuję, عربى 🙂 <&>")  # as if pasted
        await pilot.press("pageup")  # moving away saves the long text
        await wait_until(pilot, lambda: screen.current == "q-number")
    saved = answers(governance, aid)
    assert saved["q-date"] == "2025-12-31" and saved["q-number"] == 2500
    assert saved["q-long"] == "Line one\nLine two — Cymraeg: diolch, Polski: dziękuję, عربى 🙂 <&>"


async def test_dropdown_and_tick_list(typed):
    governance, aid = typed
    governance.answer(aid, "q-yes", "no", note="n")
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        assert screen.current == "q-many"
        dropdown = screen.panel.answer
        assert isinstance(dropdown, Select)
        dropdown.value = "echo"
        await wait_until(pilot, lambda: answers(governance, aid).get("q-many") == "echo", "the dropdown answer")
        await pilot.press("pagedown")
        assert isinstance(app.focused, MultiAnswer)
        await pilot.press("space", "down", "down", "space")
        await wait_until(pilot, lambda: answers(governance, aid).get("q-multi") == ["x", "z"], "the ticks")
        await pilot.press("enter")
        await wait_until(pilot, lambda: screen.current == "q-date")


async def test_previous_next_and_gap_keys(typed):
    governance, aid = typed
    governance.answer(aid, "q-yes", "no", note="n")
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        assert screen.current == "q-many"  # lands on the first question without an answer
        await pilot.press("pageup")
        assert screen.current == "q-yes"
        await pilot.press("ctrl+n", "ctrl+n")
        assert screen.current == "q-multi"
        await pilot.press("ctrl+b")
        assert screen.current == "q-many"
        await pilot.press("ctrl+g")
        assert screen.current == "q-multi"  # the next question still needing an answer
        for _ in range(3):  # back past "About this section" to the sections in the sidebar
            await pilot.press("shift+tab")
            if isinstance(app.focused, OptionList):
                break
        assert isinstance(app.focused, OptionList)
        await pilot.press("down", "enter")  # the "Text" section
        await wait_until(pilot, lambda: screen.current == "q-date", "the Text section")


async def test_reopening_lands_where_the_officer_left_off(typed):
    governance, aid = typed
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        await pilot.press("1", "enter")
        await wait_until(pilot, lambda: screen.current == "q-followup")
        await pilot.press(*"It went well", "enter")
        await wait_until(pilot, lambda: screen.current == "q-many")
        await pilot.press("pagedown")  # look ahead, then leave
        await pilot.press("escape")
        # the same session remembers the question last shown
        app.push_screen(AssessmentScreen(aid))
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.current == "q-multi")
        await pilot.press("ctrl+q")
    # so does the next run, after quitting
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        assert screen.current == "q-multi"
    # with the place forgotten (the user's state folder emptied), the first question still needing an answer
    for kept in (Path(os.environ["XDG_STATE_HOME"]) / "pwiz").glob("*.json"):
        kept.unlink()
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        assert screen.current == "q-many"


async def test_another_sessions_change_is_reported_not_overwritten(typed):
    governance, aid = typed
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        governance.answer(aid, "q-yes", "no", note="from the other session")  # another session
        await pilot.press("1")
        error = screen.panel.query_one("#answer-error")
        await wait_until(pilot, lambda: error.has_class("-shown"), "the conflict message")
        assert "another session changed" in str(error.render())
    assert governance.register.get_assessment(aid)["answers"]["q-yes"]["note"] == "from the other session"


async def test_a_refused_save_on_leaving_asks_before_dropping_it(typed):
    governance, aid = typed
    governance.answer(aid, "q-yes", "no", note="n")
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        await pilot.press("pagedown", "pagedown")
        assert screen.current == "q-date"
        await pilot.press(*"soon", "escape")
        assert screen.is_current  # not left: the date is invalid
        await pilot.press("escape")  # a second Esc leaves without it
        await wait_for_screen(pilot, "HomeScreen")
    assert "q-date" not in answers(governance, aid)


async def test_significance_outcome_reaches_the_partnership(make_app, governance):
    pid = governance.register.add_partnership("Youth Justice Board")["id"]
    aid = governance.open_assessment(pid, "significance")["id"]
    app = make_app(partnership_id=pid, questionnaire_id="significance")
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.panel is not None)
        assert screen.aid == aid
        for _ in range(11):  # no to the eleven yes/no questions
            await pilot.press("2", "enter")
        await wait_until(pilot, lambda: screen.current == "sig-contribution", "the contribution question")
        await pilot.press(*"0", "enter")
        await wait_until(pilot, lambda: screen.current == "sig-spectrum")
        await pilot.press("2", "enter")  # strategic
        await wait_until(pilot, lambda: screen.current == "sig-police-data")
        await pilot.press("1", "enter")  # last question: Enter opens the summary
        summary = await wait_for_screen(pilot, "SummaryScreen")
        assert "Significance: Low" in str(summary.query_one("#summary-details").render())
        await pilot.press("c")
        await wait_until(pilot, lambda: governance.register.get_assessment(aid)["status"] == "complete")
    assert governance.register.get_partnership(pid)["significance"] == "low"


async def test_the_mouse_answers_and_moves_between_sections(typed):
    governance, aid = typed
    app = PwizApp(governance, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        no = screen.panel.answer.query("RadioButton")[1]
        await pilot.click(no)
        await wait_until(pilot, lambda: answers(governance, aid).get("q-yes") == "no", "the clicked answer")
        sections = screen.query_one("#sections", OptionList)
        await pilot.click(sections, offset=(2, 2))  # the second section, "Text"
        await wait_until(pilot, lambda: screen.current == "q-date", "the Text section")


async def test_a_long_choice_wraps_instead_of_being_cut(make_app, governance):
    """At 80 columns the scope's second role is two lines long; it is shown whole, not ending in '…'."""
    pid = governance.register.add_partnership("Youth Justice Board")["id"]
    aid = governance.open_assessment(pid, "scope")["id"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_assessment(pilot, aid)
        for _ in range(20):  # through scope's questions (left unanswered) to the role question
            if screen.current == "sc-role":
                break
            await pilot.press("pagedown")
            await pilot.pause()
        long_one = [b for b in screen.panel.answer.query("ChoiceButton") if "active member" in str(b.label)][0]
        await pilot.pause()
        assert long_one.size.height >= 2
        shown = "".join(long_one.render_line(y).text for y in range(long_one.size.height))
        assert "active member" in shown and "…" not in shown
