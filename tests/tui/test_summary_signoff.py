"""Summary (missing, flags, actions, risks, outcome; mark complete) and the sign-off dialog."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, OptionList, RadioSet, TextArea

from wizard.tui.screens.summary import SummaryScreen

from .conftest import CSP, SIZE, burst, wait_for_screen, wait_until
from .on_screen import text

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


async def open_summary(pilot, aid: str) -> SummaryScreen:
    pilot.app.push_screen(SummaryScreen(aid))
    screen = await wait_for_screen(pilot, "SummaryScreen")
    await wait_until(pilot, lambda: screen.result is not None, "the summary")
    return screen


async def test_summary_lists_missing_flags_and_jumps_back(make_app, governance, sample):
    aid = governance.latest(sample[CSP], "key-principles")["id"]
    app = make_app(partnership_id=sample[CSP], questionnaire_id="key-principles")
    async with app.run_test(size=SIZE) as pilot:
        assessment = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: assessment.panel is not None)
        await pilot.press("ctrl+s")
        summary = await wait_for_screen(pilot, "SummaryScreen")
        await wait_until(pilot, lambda: summary.result is not None)
        assert summary.aid == aid
        missing = summary.query_one("#missing", OptionList)
        assert missing.option_count == 18 and "Missing (18)" in text(summary, "#missing-title")
        details = text(summary, "#summary-details")
        assert "Flags: particular care (1)" in details
        assert "criteria for new partners joining" in details
        assert "Not ready to sign off" in text(summary, "#summary-status")
        await pilot.press("c")  # refused: required answers missing
        assert governance.register.get_assessment(aid)["status"] == "draft"
        await pilot.press("down", "enter")  # the second missing question
        await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: assessment.current == "kp-contribution-approved", "the chosen question")


async def test_mark_complete_when_nothing_is_missing(make_app, governance, sample):
    aid = governance.latest(sample[CSP], "key-principles")["id"]
    questions = [q.id for q in governance.library.get("key-principles").questions()]
    governance.answer_many(
        aid, {qid: "yes" for qid in questions if qid != "kp-equality-conflict"} | {"kp-equality-conflict": "no"}
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        summary = await open_summary(pilot, aid)
        assert "Nothing required is missing" in text(summary, "#summary-status")
        assert summary.check_action("complete", ()) is True
        await pilot.press("c")
        await wait_until(pilot, lambda: governance.register.get_assessment(aid)["status"] == "complete")
        assert "Complete" in text(summary, "#summary-status")
        assert summary.check_action("complete", ()) is False


async def test_sign_off_refuses_an_incomplete_assessment(make_app, governance, sample):
    aid = governance.latest(sample[CSP], "key-principles")["id"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_summary(pilot, aid)
        await pilot.press("s")
        dialog = await wait_for_screen(pilot, "SignOffScreen")
        assert "cannot be signed off yet" in text(dialog, "#signoff-refused")
        assert "18 required answers are missing" in text(dialog, "#signoff-refused")
        assert not dialog.query("#signoff-form")
        await pilot.press("enter")  # Close
        await wait_for_screen(pilot, "SummaryScreen")
    assert governance.register.get_assessment(aid)["status"] == "draft"


async def test_sign_off_records_the_decision_and_shows_the_digest(make_app, governance, sample):
    app = make_app(partnership_id=sample[CSP])
    async with app.run_test(size=SIZE) as pilot:
        partnership = await wait_for_screen(pilot, "PartnershipScreen")
        table = partnership.query_one("#questionnaire-table", DataTable)
        await wait_until(pilot, lambda: table.row_count == len(governance.library))
        assert partnership.highlighted_questionnaire == "scope"  # complete, not signed off
        await pilot.press("s")
        dialog = await wait_for_screen(pilot, "SignOffScreen")
        assert app.focused.id == "signoff-by"
        await pilot.press(*"S. Clarke", "enter")  # Enter moves to the next field
        assert app.focused.id == "signoff-role"
        dialog.query_one("#signoff-consulted", Input).value = "Chair of the Authority, Vice-Chair"
        dialog.query_one("#signoff-decision", RadioSet).focus()
        await pilot.press("2")  # approved with conditions...
        await pilot.press("ctrl+s")
        assert "needs its conditions" in text(dialog, "#signoff-error")  # ...needs conditions
        dialog.query_one("#signoff-conditions", TextArea).text = "Report progress to the Authority in six months."
        await pilot.press("1", "ctrl+s")  # conditions with a plain approval: refused, not stored as "approved"
        assert "plain approval" in text(dialog, "#signoff-error")
        assert governance.latest(sample[CSP], "scope")["status"] != "signed-off"
        await pilot.press("2", "ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
        assert "Approved with conditions" in text(dialog, "#signoff-readback-text")
        assert governance.latest(sample[CSP], "scope")["status"] != "signed-off"  # read back, not yet frozen
        await pilot.press("enter")  # Freeze
        await wait_until(pilot, lambda: dialog.has_class("-signed"), "the digest")
        [signoff] = [s for s in governance.register.list_signoffs(sample[CSP]) if s["decision"] == "conditional"]
        assert signoff["digest"] in text(dialog, "#signoff-digest")
        assert signoff["by"] == "S. Clarke" and signoff["role"] == "Chief Executive"
        assert signoff["consulted"] == ["Chair of the Authority", "Vice-Chair"]
        assert signoff["conditions"] == "Report progress to the Authority in six months."
        await pilot.press("enter")  # Close
        await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: partnership.rows["scope"]["status"] == "signed-off", "the refreshed table")
    scope = governance.latest(sample[CSP], "scope")
    assert scope["status"] == "signed-off"


async def test_signed_off_summary_is_read_only(make_app, governance, sample):
    aid = governance.latest(sample[CSP], "significance")["id"]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        pilot.app.push_screen(SummaryScreen(aid, read_only=True))
        summary = await wait_for_screen(pilot, "SummaryScreen")
        await wait_until(pilot, lambda: summary.result is not None)
        status = text(summary, "#summary-status")
        assert "Signed off" in status and "S. Clarke" in status and "Digest" in status
        assert summary.check_action("complete", ()) is False and summary.check_action("sign_off", ()) is False
        assert "Significance: High" in text(summary, "#summary-details")


async def test_a_decision_digit_and_ctrl_s_typed_together_sign_what_was_typed(make_app, governance, sample):
    """'2' then Ctrl+S in one burst asks for approval with conditions, not the highlighted 'Approved'."""
    app = make_app(partnership_id=sample[CSP])
    async with app.run_test(size=SIZE) as pilot:
        partnership = await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(
            pilot, lambda: partnership.query_one("#questionnaire-table", DataTable).row_count == len(governance.library)
        )
        await pilot.press("s")
        dialog = await wait_for_screen(pilot, "SignOffScreen")
        await pilot.press(*"S. Clarke")
        dialog.query_one("#signoff-decision", RadioSet).focus()
        await pilot.pause()
        burst(app, "2", "ctrl+s")
        await wait_until(pilot, lambda: "needs its conditions" in text(dialog, "#signoff-error"), "the refusal")
    assert governance.latest(sample[CSP], "scope")["status"] != "signed-off"


async def test_approval_is_refused_with_what_is_outstanding(make_app, governance, sample):
    app = make_app(partnership_id=sample[CSP])
    async with app.run_test(size=SIZE) as pilot:
        partnership = await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(
            pilot, lambda: partnership.query_one("#questionnaire-table", DataTable).row_count == len(governance.library)
        )
        assert (
            not partnership.questionnaires.approvable and partnership.check_action("approve", ()) is False
        )  # not offered...
        from wizard.tui.screens.signoff import ApprovalScreen

        app.push_screen(ApprovalScreen(sample[CSP]))  # ...and if asked for all the same (the palette), refused
        dialog = await wait_for_screen(pilot, "ApprovalScreen")
        refused = text(dialog, "#signoff-refused")
        assert "cannot be approved yet" in refused and "Scope screening" in refused and "not signed off" in refused
        assert not dialog.query("#signoff-form")
        await pilot.press("enter")  # Close
        await wait_for_screen(pilot, "PartnershipScreen")
    assert governance.register.list_approvals(sample[CSP]) == []


async def test_approval_from_the_partnership_screen_records_it_and_shows_the_digest(
    make_app, governance, register_where
):
    from tests.pdf.builders import typical_register

    _, _, pid = typical_register(
        register_where, questionnaires=("scope", "significance", "key-principles"), approved=False
    )
    app = make_app(partnership_id=pid)
    async with app.run_test(size=SIZE) as pilot:
        partnership = await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: partnership.query_one("#questionnaire-table", DataTable).row_count >= 3)
        await pilot.press("p")
        dialog = await wait_for_screen(pilot, "ApprovalScreen")
        assert app.focused.id == "signoff-by" and "covers every current sign-off" in text(dialog, "#signoff-warning")
        await pilot.press(*"Carol Chief")
        dialog.query_one("#signoff-consulted", Input).value = "Dan Chair, Eve Vice-Chair"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
        assert "Dan Chair; Eve Vice-Chair" in text(dialog, "#signoff-readback-text")
        await pilot.press("enter")  # Freeze
        await wait_until(pilot, lambda: dialog.has_class("-signed"), "the digest")
        [approval] = governance.register.list_approvals(pid)
        assert approval["digest"] in text(dialog, "#signoff-digest") and "Approval recorded" in text(
            dialog, "#signoff-digest"
        )
        assert (approval["by"], approval["role"], approval["decision"]) == (
            "Carol Chief",
            "Chief Executive",
            "approved",
        )
        assert approval["consulted"] == ["Dan Chair", "Eve Vice-Chair"]
        assert len(approval["covers"]) == 3
