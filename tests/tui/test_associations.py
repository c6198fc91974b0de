"""The Association Register tab, and the scope outcome's offer to record a body there (001)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select

from wizard.tui.screens.summary import SummaryScreen

from .conftest import SIZE, TODAY, sign_in_dialog, wait_for_screen, wait_until
from .on_screen import text
from .test_keys_and_shutdown import footer_problems

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


async def test_the_tab_lists_associations_and_records_a_new_one(make_app, governance):
    governance.add_association(
        "Association of Police Authorities",
        {"evaluated_on": "2024-10-01", "evaluated_by": "P. Officer"},
        membership_held_by="authority",
    )
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        assert footer_problems(app) == []  # every key on the line at 80 columns, the new one too
        await pilot.press("a")
        screen = await wait_for_screen(pilot, "AssociationsScreen")
        assert footer_problems(app) == []
        table = screen.query_one(DataTable)
        assert [str(cell) for cell in table.get_row_at(0)] == [
            "Association of Police Authori…",
            "—",
            "Authority",
            "Proposed",
            "2025-10-01 !",  # a year after its evaluation, passed by TODAY
        ]
        assert "1 evaluation(s) overdue" in text(screen, "#associations-status")
        await pilot.press("n")
        form = await wait_for_screen(pilot, "AssociationFormScreen")
        assert footer_problems(app) == []
        await pilot.press(*"Chief Officers Network")
        form.query_one("#association-kind", Select).value = "network"
        form.query_one("#association-officers", Input).value = "Ann Officer, Bo Officer"
        form.query_one("#association-evaluated-by", Input).value = "P. Officer"
        form.query_one("#association-reports-back", Select).value = "yes"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "AssociationsScreen")
        await wait_until(pilot, lambda: table.row_count == 2, "the new row")
    saved = governance.association("chief officers network")
    assert saved["kind"] == "network" and [m["kind"] for m in saved["members"]] == ["officer", "officer"]
    assert saved["evaluations"][0]["evaluated_on"] == TODAY.isoformat()
    assert saved["evaluations"][0]["reports_back"] == "yes"


async def test_signing_off_a_scope_for_the_association_register_offers_to_record_it(make_app, governance):
    pid = governance.add_partnership(
        "Regional Chiefs Network", partners=["APA"], representatives=[{"name": "Cllr Ames", "kind": "member"}]
    )["id"]
    aid = governance.open_assessment(pid, "scope")["id"]
    governance.answer_many(aid, {"sc-network": "yes"})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(SummaryScreen(aid))
        summary = await wait_for_screen(pilot, "SummaryScreen")
        await wait_until(pilot, lambda: summary.result is not None, "the summary")
        assert "a records it on the Association Register" in text(summary, "#summary-status")
        assert footer_problems(app) == []  # a draft's c and s, and the offer's a
        await pilot.press("s")
        await wait_for_screen(pilot, "SignOffScreen")
        await sign_in_dialog(pilot)
        form = await wait_for_screen(pilot, "AssociationFormScreen")  # offered as the next step
        assert form.query_one("#association-name", Input).value == "Regional Chiefs Network"
        assert form.query_one("#association-organisations", Input).value == "APA"
        assert form.query_one("#association-members", Input).value == "Cllr Ames"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "SummaryScreen")
        await wait_until(pilot, lambda: summary.association is None, "the offer withdrawn")
        assert "Association Register" not in text(summary, "#summary-status")
    (recorded,) = governance.associations()
    assert recorded["partnership_id"] == pid and recorded["organisations"] == ["APA"]
