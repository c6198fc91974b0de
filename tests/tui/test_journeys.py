"""The two whole journeys of issue 14, at 80×24 and 120×40, each step checked on screen:
an officer's first assessment of a new partnership, and the reviewer's quarterly review."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from pypdf import PdfReader
from textual.widgets import Checkbox, DataTable, Input

from questionnaires.schema import QuestionType
from store import clock
from tests.pdf.builders import answer_everything, scope_in
from tests.review.builders import HIGH, first_assessment
from wizard import approval
from wizard.tui.screens.assessment import AssessmentScreen
from wizard.tui.screens.partnership import pdf_export_available

from .conftest import NOW, fill_add_dialog, press_r_on, sign_in_dialog, wait_for_screen, wait_until
from .on_screen import TWO_SIZES, screen_text, text

# Scope and significance are answered whole by keys on screen (the answers that keep it in scope and make
# it high risk); of each other questionnaire, one question by keys (the rest pre-answered), and how:
# a value, and the note and action typed in the wizard's boxes.
TYPED: dict[str, dict[str, Any]] = {
    "key-principles": {"kp-leadership": {"value": "no", "note": "Terms of reference unsigned"}},
    "governance-standards": {
        "gs-wp-aims": {
            "value": "partly",
            "note": "Measures drafted, not agreed",
            "action": "Agree the measures at the March board",
        }
    },
}


KEYED = {"scope": scope_in, "significance": lambda definition: HIGH}


def pack_text(path) -> str:
    return " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(path).pages)


def pre_answer(governance, pid: str, questionnaire: str) -> tuple[str, str, dict]:
    """Answer all but one question through the service; the one left, and its answer, to type on screen."""
    definition = governance.library.get(questionnaire)
    typed = TYPED.get(questionnaire, {})
    fixed = {qid: entry["value"] for qid, entry in typed.items()}
    answers = answer_everything(definition, fixed=fixed)
    if typed:
        [(question, entry)] = typed.items()
    else:  # the first question of a choice, or the first of all
        question = next((q for q in answers if definition.question(q).options), next(iter(answers)))
        entry = answers[question]
    draft = governance.open_assessment(pid, questionnaire)
    governance.answer_many(draft["id"], {q: a for q, a in answers.items() if q != question})
    return draft["id"], question, entry


async def open_from_table(pilot, partnership, questionnaire: str) -> AssessmentScreen:
    table = partnership.query_one("#questionnaire-table", DataTable)
    await wait_until(pilot, lambda: questionnaire in partnership.rows, f"the {questionnaire} row")
    table.move_cursor(row=table.get_row_index(questionnaire))
    await pilot.pause()
    await pilot.press("enter")
    screen = await wait_for_screen(pilot, "AssessmentScreen")
    await wait_until(pilot, lambda: screen.panel is not None, "the question")
    return screen


async def answer_by_keys(pilot, screen: AssessmentScreen, question: str, entry: dict, advance: bool = True) -> None:
    """As an officer answers: the digit of a choice (Down and Space for each box of a tick list, the
    characters of a typed answer), Tab into the note and action boxes to type them, then Enter to
    move on (`advance`; else what comes next saves it: Ctrl+S for the summary)."""
    definition = screen.definition.question(question)
    value = entry["value"]
    values = [o.value for o in definition.options]
    if isinstance(value, list):  # a tick list: the highlight starts on the first choice
        at = 0
        for index in sorted(values.index(v) for v in value):
            await pilot.press(*["down"] * (index - at), "space")
            at = index
    elif values:
        await pilot.press(str(values.index(value) + 1))
    else:
        await pilot.press(*str(value))
    if values:
        await wait_until(
            pilot, lambda: screen.assessment["answers"].get(question, {}).get("value") == value, "the answer"
        )
    for box in ("note", "action"):
        if entry.get(box):
            await pilot.press("tab")
            await wait_until(pilot, lambda: pilot.app.focused.id == f"{box}-box", f"the {box} box")
            await pilot.press(*entry[box])
    if advance:
        await pilot.press("pagedown" if definition.type is QuestionType.LONG_TEXT else "enter")  # Enter: a new line
        await wait_until(pilot, lambda: screen.current != question, f"the question after {question} ({value!r})")


async def answer_all_by_keys(pilot, screen: AssessmentScreen, answers: dict[str, dict]) -> None:
    """Every question in the order the screen asks it, each answered by keys; the last one is left
    for Ctrl+S (the summary) to save."""
    while True:
        question = screen.current
        last = question == screen.shown[-1].id
        await answer_by_keys(pilot, screen, question, answers[question], advance=not last)
        if last:
            return


async def sign_off_from_summary(pilot, screen: AssessmentScreen) -> str:
    """Ctrl+S for the summary, `s`, the sign-off read back and frozen; back on the partnership screen."""
    await pilot.press("ctrl+s")
    summary = await wait_for_screen(pilot, "SummaryScreen")
    await wait_until(pilot, lambda: summary.result is not None, "the summary")
    details = text(summary, "#summary-details")
    assert "Nothing required is missing" in text(summary, "#summary-status")
    await pilot.press("s")
    await wait_for_screen(pilot, "SignOffScreen")
    read_back = await sign_in_dialog(pilot)
    assert "Approver       S. Clarke" in read_back and screen.definition.title in read_back
    await wait_until(pilot, lambda: "Signed off" in text(summary, "#summary-status"), "the signed summary")
    await pilot.press("escape")  # the signed-off assessment closes too
    await wait_for_screen(pilot, "PartnershipScreen")
    return details


async def approve_and_export(pilot, partnership, target, by: str) -> str:
    """`p`, the approval read back and frozen, then `e` and the pack written; the dialog's digest line."""
    await wait_until(pilot, lambda: partnership.check_action("approve", ()), "approval offered")
    assert "Ready for approval: p approves the partnership." in " ".join(screen_text(pilot.app).split())
    await pilot.press("p")
    dialog = await wait_for_screen(pilot, "ApprovalScreen")
    dialog.query_one("#signoff-by", Input).value = by
    await pilot.press("ctrl+s")
    await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
    assert f"Approver       {by}" in text(dialog, "#signoff-readback-text")
    await pilot.press("enter")  # Freeze
    await wait_until(pilot, lambda: dialog.has_class("-signed"), "the digest")
    digest = text(dialog, "#signoff-digest")
    await pilot.press("enter")  # Close
    await wait_for_screen(pilot, "PartnershipScreen")
    await wait_until(pilot, lambda: f"Approved 2025-11-03 (Approved, {by})" in text(partnership, "#questionnaire-hint"))
    await pilot.press("e")
    export = await wait_for_screen(pilot, "ExportScreen")
    export.query_one("#export-path", Input).value = str(target)
    export.query_one("#export-path", Input).focus()
    await pilot.press("enter")
    result = lambda: text(export, "#export-result")  # noqa: E731
    await wait_until(pilot, lambda: export.written is not None or "Not written" in result(), "the pack", timeout=60)
    assert export.written == target, result()
    assert "DRAFT" not in result() and "digest" in result()
    await pilot.press("escape")
    await wait_for_screen(pilot, "PartnershipScreen")
    return digest


@pytest.mark.long
@TWO_SIZES
async def test_first_assessment_add_answer_sign_off_approve_export(make_app, governance, size, tmp_path):
    """A new partnership added through the dialog, assessed high risk, every questionnaire signed off,
    approved and exported. Scope and significance are answered question by question on screen. To
    keep it quick, each later questionnaire's answers are given through `governance.answer_many`
    just before it is opened, all but one question, which is answered on screen by its digit key (a
    note typed in the key principles, a note and an action in the governance standards)."""
    if not pdf_export_available():
        pytest.skip("the PDF writer is not installed")
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("n")
        dialog = await wait_for_screen(pilot, "AddPartnershipScreen")
        assert "Accountable body" in screen_text(app) and "Lead officer" in screen_text(app)
        await fill_add_dialog(pilot, dialog)
        partnership = await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: partnership.rows, "the questionnaires")
        assert "Youth Justice Board · Service delivery · Proposed" in screen_text(app)
        assert partnership.highlighted_questionnaire == "scope"
        [pid] = [p["id"] for p in governance.partnerships()]

        for questionnaire in approval_order(governance):
            if questionnaire in KEYED:  # every question by keys, as the officer meets it
                definition = governance.library.get(questionnaire)
                answers = answer_everything(definition, fixed=KEYED[questionnaire](definition))
                screen = await open_from_table(pilot, partnership, questionnaire)
                aid, question = screen.aid, screen.shown[0].id
                entry = answers[question]
                await answer_all_by_keys(pilot, screen, answers)
            else:  # all but one through the service, that one by keys
                aid, question, entry = pre_answer(governance, pid, questionnaire)
                screen = await open_from_table(pilot, partnership, questionnaire)
                assert screen.current == question  # opens where the officer left off
                title = screen.definition.question(question).text
                assert " ".join(title.split()[:4]) in " ".join(screen_text(app).split())
                typed = not screen.definition.question(question).options  # saved by Ctrl+S, for the summary
                await answer_by_keys(pilot, screen, question, entry, advance=not typed)
            details = await sign_off_from_summary(pilot, screen)
            if questionnaire == "significance":
                assert "Significance: High" in details
                await wait_until(
                    pilot, lambda: "significance High · review every 3" in " ".join(screen_text(app).split())
                )
            await wait_until(
                pilot, lambda: partnership.rows[questionnaire]["status"] == "signed-off", "the refreshed table"
            )
            shown = " ".join(screen_text(app).split())
            signed = sum(1 for row in partnership.rows.values() if row and row["status"] == "signed-off")
            assert shown.count("signed 2025-11-03") == signed  # each signed row says so
            assert f"{signed} of {2 if signed < 2 else 7} required questionnaires signed off" in shown
            saved = governance.assessment(aid)["answers"][question]
            assert {k: saved.get(k) for k in entry} == entry
        assert len(governance.required_questionnaires(governance.partnership(pid))) == 7

        target = tmp_path / "pack.pdf"
        digest = await approve_and_export(pilot, partnership, target, "Carol Chief")
        assert "The partnership's status: Active." in digest
        await wait_until(pilot, lambda: "Youth Justice Board · Service delivery · Active" in screen_text(app))
        assert "Approved 2025-11-03 (Approved, Carol Chief)" in text(partnership, "#questionnaire-hint")
    words = pack_text(target)
    assert "The partnership's approval: Decision Approved Approver Carol Chief Role Chief Executive" in words
    assert "DRAFT" not in words and "status active" in words
    assert "Shire County Council" in words and "Ann Officer" in words  # the add dialog's facts, on the data sheet
    assert "Terms of reference unsigned" in words and "Agree the measures at the March board" in words


def approval_order(governance) -> list[str]:
    """What a high-risk partnership needs, in the order an officer meets it (no optional questionnaire)."""
    significance = next(o for o in governance.library.get("significance").outcomes if o.outcome.id == "significance")
    high = next(c.case for c in significance.cases if c.case.value == "high")
    return ["scope", "significance", *[q for q in governance.library.definitions if q in high.requires]]


@pytest.fixture
def approved_high(governance, monkeypatch) -> str:
    """A high-risk partnership signed off and approved a year ago, with one action of its own on the plan;
    the clock is now later on review day."""
    pid = first_assessment(governance, HIGH, signed_at=datetime(2024, 11, 1))
    approval.approve(
        governance, pid, by="Jo Bloggs", role="Chief Executive", decision="approved", signed_at=datetime(2024, 11, 1)
    )
    governance.register.add_action(pid, "Agree terms of reference")  # on the plan at the last review
    monkeypatch.setattr(clock, "now", lambda: clock.stamp(NOW + timedelta(hours=2)))
    return pid


@pytest.mark.long
@TWO_SIZES
async def test_quarterly_review_confirm_change_sign_off_approve_export(
    make_app, governance, approved_high, size, tmp_path
):
    """`r` on an approved high-risk partnership: all seven drafts started; scope and significance
    confirmed with F4 ("confirm all remaining carried answers"), one key principle changed by its
    key and the rest confirmed with F4, the others confirmed with F4 too; each signed off, the
    partnership approved again and the new pack exported."""
    if not pdf_export_available():
        pytest.skip("the PDF writer is not installed")
    pid = approved_high
    carried = len(governance.register.list_actions(pid, open_only=True))
    governance.register.add_action(pid, "Publish the minutes")  # new at this review
    before = governance.latest(pid, "key-principles")["answers"]["kp-leadership"]["value"]
    changed = "no" if before != "no" else "yes"
    app = make_app(partnership_id=pid)
    async with app.run_test(size=size) as pilot:
        dialog = await press_r_on(pilot, "scope")
        boxes = list(dialog.query(Checkbox))
        assert len(boxes) == 7 and all(box.value for box in boxes)  # the required set, ticked
        assert "7 drafts will be started with their answers carried" in " ".join(screen_text(app).split())
        await pilot.press("ctrl+s")
        partnership = None
        for questionnaire in approval_order(governance):
            if partnership is None:
                screen = await wait_for_screen(pilot, "AssessmentScreen")
                await wait_until(pilot, lambda: screen.panel is not None, "the question")
                partnership = app.screen_stack[-2]
            else:
                screen = await open_from_table(pilot, partnership, questionnaire)
            assert screen.assessment["questionnaire_id"] == questionnaire
            assert "carried to confirm" in text(screen, "#overall-label")
            if questionnaire == "key-principles":
                while screen.current != "kp-leadership":  # PgDn confirms each carried answer on the way
                    question = screen.current
                    await pilot.press("pagedown")
                    await wait_until(pilot, lambda: screen.current != question, "the next question")
                await answer_by_keys(pilot, screen, "kp-leadership", {"value": changed})
            await pilot.press("f4")
            ask = await wait_for_screen(pilot, "AskScreen")
            assert "Confirm" in text(ask, "#ask-question") and "carried answers" in text(ask, "#ask-question")
            await pilot.press("y")
            await wait_for_screen(pilot, "AssessmentScreen")
            await wait_until(pilot, lambda: "carried to confirm" not in text(screen, "#overall-label"), "confirmed")
            details = await sign_off_from_summary(pilot, screen)
            shown = " ".join(details.split())
            if questionnaire == "key-principles":
                assert "Changes since the last review (1)" in shown
                question = screen.definition.question("kp-leadership").text
                assert f"{question}: {before.capitalize()} → {changed.capitalize()}" in shown
            else:
                assert "Changes since the last review (0)" in shown

        target = tmp_path / "review-pack.pdf"
        await approve_and_export(pilot, partnership, target, "Dana Director")
        await pilot.press("f2", "f2")  # the actions tab sums up the plan against the last review
        line = f"since the last review: 0 closed, {carried} carried, 1 new"
        await wait_until(pilot, lambda: line in " ".join(screen_text(app).split()), "the actions tab's summing up")
    words = pack_text(target)
    approved = "The partnership's approval: Decision Approved Approver Dana Director Role Chief Executive"
    assert f"{approved} Consulted — Conditions — Date 2025-11-03" in words  # the new approval, not the last
    assert "Jo Bloggs" not in words and "DRAFT" not in words
