"""Adding a partnership asks for what the pack's data sheet needs, then opens on the questionnaires;
the status follows the approval (issue 14)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Select

from .conftest import fill_add_dialog, wait_for_screen, wait_until
from .on_screen import TWO_SIZES, on_screen, text

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


@TWO_SIZES
async def test_add_asks_for_the_data_sheet_basics_then_opens_on_scope(make_app, governance, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("n")
        dialog = await wait_for_screen(pilot, "AddPartnershipScreen")
        for selector in ("#add-name", "#add-type", "#add-accountable-body", "#add-lead-officer", "#add-partners"):
            assert on_screen(app, dialog.query_one(selector))
        assert on_screen(app, dialog.query_one("#add-confirm"))
        await fill_add_dialog(pilot, dialog)
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: screen.rows, "the questionnaires")
        assert screen.query_one("#partnership-tabs").active == "questionnaires"
        assert app.focused is screen.query_one("#questionnaire-table", DataTable)
        assert screen.highlighted_questionnaire == "scope"
        assert "Youth Justice Board · Service delivery · Proposed" in text(screen, "#partnership-heading")
    [summary] = governance.partnerships()
    record = governance.partnership(summary["id"])
    assert (record["type"], record["accountable_body"], record["lead_officer"]) == (
        "service-delivery",
        "Shire County Council",
        "Ann Officer",
    )
    assert [p["name"] for p in record["partners"]] == ["Police", "Probation Service", "NHS Trust"]


async def test_the_status_follows_the_approval(make_app, governance, register_where):
    from tests.pdf.builders import typical_register

    _, _, pid = typical_register(
        register_where, questionnaires=("scope", "significance", "key-principles"), approved=False
    )
    governance.update_partnership(pid, status="proposed")  # a new partnership, approved for the first time
    app = make_app(partnership_id=pid)
    async with app.run_test(size=(80, 24)) as pilot:
        partnership = await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: partnership.query_one("#questionnaire-table", DataTable).row_count >= 3)
        assert "Proposed" in text(partnership, "#partnership-heading")
        await pilot.press("p")
        dialog = await wait_for_screen(pilot, "ApprovalScreen")
        await pilot.press(*"Carol Chief", "ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
        await pilot.press("enter")
        await wait_until(pilot, lambda: dialog.has_class("-signed"), "the digest")
        assert "The partnership's status: Active." in text(dialog, "#signoff-digest")
        await pilot.press("enter")  # Close
        await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(pilot, lambda: "Active" in text(partnership, "#partnership-heading"), "the heading")
        assert partnership.query_one("#field-status", Select).value == "active"  # the data sheet agrees
        await pilot.press("escape")  # leaving saves what the data sheet holds: the new status, not the old
        await wait_for_screen(pilot, "HomeScreen")
    assert governance.partnership(pid)["status"] == "active"
