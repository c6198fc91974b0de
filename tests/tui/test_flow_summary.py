"""The summary lists the answers an approver signs, and says what is next once complete (issue 14)."""

from __future__ import annotations

from wizard.tui.screens.summary import SummaryScreen

from .conftest import CSP, SIZE, wait_for_screen, wait_until


def text(screen, selector: str) -> str:
    return " ".join(str(screen.query_one(selector).render()).split())


async def test_the_summary_shows_the_answers_and_no_stale_hint_after_c(make_app, governance, sample):
    aid = governance.latest(sample[CSP], "key-principles")["id"]
    questions = [q.id for q in governance.library.get("key-principles").questions()]
    answers = {qid: "yes" for qid in questions if qid != "kp-equality-conflict"} | {"kp-equality-conflict": "no"}
    governance.answer_many(aid, answers | {"kp-leadership": {"value": "yes", "note": "Chair elected annually"}})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SummaryScreen(aid))
        summary = await wait_for_screen(pilot, "SummaryScreen")
        await wait_until(pilot, lambda: summary.result is not None, "the summary")
        details = text(summary, "#summary-details")
        assert f"Answers ({len(questions)} questions)" in details
        assert (
            "Has a leadership and accountability structure been agreed for the partnership?: Yes "
            "Note: Chair elected annually" in details
        )
        assert "c marks it complete" in text(summary, "#summary-status")
        await pilot.press("c")
        await wait_until(pilot, lambda: "Complete: s signs it off" in text(summary, "#summary-status"), "the status")
        assert "c marks it complete" not in text(summary, "#summary-status")
