"""The risks table of a partnership's "Actions & risks" tab: each risk's score, status and next
review, rescored or treated with `u` and closed with who and why with `x`."""

from __future__ import annotations

from textual.widgets import DataTable, Input, Select

from .conftest import CSP, SIZE, wait_for_screen, wait_until


def cells(table: DataTable, key: str) -> list[str]:
    return [str(cell) for cell in table.get_row(key)]


async def on_the_risk(pilot, screen, risk_id: str) -> DataTable:
    """The risk table focused, its cursor on `risk_id`."""
    await pilot.press("f2", "f2")
    risks = screen.query_one("#risk-table", DataTable)
    risks.focus()
    await wait_until(pilot, lambda: risk_id in screen.plan.live_risks, "the risk in the table")
    risks.move_cursor(row=risks.get_row_index(risk_id))
    await pilot.pause()
    return risks


async def test_a_risk_is_reviewed_from_the_risk_table_and_shows_its_score_status_and_review(
    make_app, governance, sample
):
    pid = sample[CSP]
    risk = governance.add_risk(pid, description="Partner funding ends in March")
    app = make_app(partnership_id=pid)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        risks = await on_the_risk(pilot, screen, risk["id"])
        assert cells(risks, risk["id"])[:2] == ["[dim]not scored[/]", "open"]
        assert screen.check_action("review_risk", ()) and screen.check_action("close_risk", ())
        assert screen.check_action("close_action", ()) is False  # x closes the risk here, not an action

        await pilot.press("u")
        dialog = await wait_for_screen(pilot, "PlanEntryScreen")
        assert dialog.form.kind == "risk review"
        dialog.query_one("#entry-likelihood", Select).value = 4
        dialog.query_one("#entry-impact", Select).value = 5
        dialog.query_one("#entry-status", Select).value = "treated"
        dialog.query_one("#entry-review_due", Input).value = "31/02/2026"
        await pilot.press("ctrl+s")  # not a day: refused, nothing changed
        assert "not a day in the calendar" in str(dialog.query_one("#entry-error").render())
        dialog.query_one("#entry-review_due", Input).value = "01/02/2026"
        dialog.query_one("#entry-owner", Input).value = "Insp. Ŵyn"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: cells(risks, risk["id"])[0] == "4×5=20", "the new score in the table")
        assert cells(risks, risk["id"])[1:3] == ["treated", "2026-02-01"]
    (stored,) = [r for r in governance.risks(pid) if r["id"] == risk["id"]]
    assert (stored["score"], stored["status"], stored["owner"], stored["review_due"]) == (
        20,
        "treated",
        "Insp. Ŵyn",
        "2026-02-01",
    )


async def test_a_risk_is_closed_with_who_and_why_and_then_cannot_be_closed_again(make_app, governance, sample):
    pid = sample[CSP]
    risk = governance.add_risk(pid, description="Venue unavailable", likelihood=2, impact=2)
    app = make_app(partnership_id=pid)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        risks = await on_the_risk(pilot, screen, risk["id"])
        await pilot.press("x")
        dialog = await wait_for_screen(pilot, "CloseRiskScreen")
        await pilot.press(*"Sam Reviewer", "enter", "enter")  # no reason: refused
        assert "Say why the risk is closed." in str(dialog.query_one("#close-risk-error").render())
        await pilot.press(*"New venue booked", "enter")
        await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: risk["id"] not in screen.plan.live_risks, "the risk closed")
        assert cells(risks, risk["id"])[1:3] == ["[green]closed[/]", "2025-11-03"]
        risks.move_cursor(row=risks.get_row_index(risk["id"]))
        await pilot.pause()
        assert screen.check_action("close_risk", ()) is False  # a closed risk offers no second close
    (closed,) = [r for r in governance.risks(pid) if r["id"] == risk["id"]]
    assert (closed["closed_by"], closed["close_reason"]) == ("Sam Reviewer", "New venue booked")
