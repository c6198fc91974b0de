"""Adding a partnership asks for what the pack's data sheet needs, then opens on the questionnaires;
the status follows the approval (issue 14)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select

from .conftest import wait_for_screen, wait_until

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector).render())


def on_screen(app, widget) -> bool:
    region, size = widget.region, app.size
    return widget.display and region.area > 0 and region.right <= size.width and region.bottom <= size.height


@SIZES
async def test_add_asks_for_the_data_sheet_basics_then_opens_on_scope(make_app, governance, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await wait_for_screen(pilot, "HomeScreen")
        await pilot.press("n")
        dialog = await wait_for_screen(pilot, "AddPartnershipScreen")
        for selector in ("#add-name", "#add-type", "#add-accountable-body", "#add-lead-officer", "#add-partners"):
            assert on_screen(app, dialog.query_one(selector))
        assert on_screen(app, dialog.query_one("#add-confirm"))
        await pilot.press(*"Youth Justice Board")
        dialog.query_one("#add-type", Select).value = "service-delivery"
        dialog.query_one("#add-accountable-body", Input).value = "Shire County Council"
        dialog.query_one("#add-lead-officer", Input).value = "Ann Officer"
        dialog.query_one("#add-partners", Input).value = "Police, Probation Service, NHS Trust"
        await pilot.press("ctrl+s")
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
    assert record["partners"] == ["Police", "Probation Service", "NHS Trust"]


async def test_the_status_follows_the_approval(make_app, governance, register_path):
    from tests.pdf.builders import typical_register

    _, _, pid = typical_register(
        register_path, questionnaires=("scope", "significance", "key-principles"), approved=False
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
