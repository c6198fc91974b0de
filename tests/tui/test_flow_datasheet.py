"""Facts answered in a questionnaire fill the data sheet when signed off, and the officer is told (issue 14)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select

from tests.review.builders import HIGH, answered

from .conftest import wait_for_screen, wait_until
from .on_screen import text

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


async def test_signing_off_significance_fills_the_contribution_and_type(make_app, governance):
    pid = governance.add_partnership("Safer Streets", type="strategic")["id"]
    answered(governance, pid, "scope")
    answered(governance, pid, "significance", HIGH | {"sig-contribution": 75000})
    app = make_app(partnership_id=pid)
    async with app.run_test(size=(80, 24)) as pilot:
        partnership = await wait_for_screen(pilot, "PartnershipScreen")
        table = partnership.query_one("#questionnaire-table", DataTable)
        await wait_until(pilot, lambda: partnership.rows, "the questionnaires")
        table.move_cursor(row=table.get_row_index("significance"))
        await pilot.pause()
        await pilot.press("s")
        dialog = await wait_for_screen(pilot, "SignOffScreen")
        await pilot.press(*"S. Clarke", "ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
        assert (
            "Data sheet     will take financial contribution £75,000; type on the spectrum Service delivery"
            in " ".join(text(dialog, "#signoff-readback-text").split("\n"))
        )
        assert governance.partnership(pid).get("financial_contribution") is None  # not before freezing
        await pilot.press("enter")
        await wait_until(pilot, lambda: dialog.has_class("-signed"), "the digest")
        told = " ".join(text(dialog, "#signoff-digest").split())
        assert "The data sheet now holds the signed answers: financial contribution £75,000" in told
        await pilot.press("enter")  # Close
        await wait_for_screen(pilot, "PartnershipScreen")
        await wait_until(
            pilot,
            lambda: partnership.query_one("#field-financial_contribution", Input).value == "75000",
            "the data sheet tab",
        )
        assert partnership.query_one("#field-type", Select).value == "service-delivery"
        assert "Service delivery" in text(partnership, "#partnership-heading")
        await pilot.press("escape")  # leaving saves what the tab holds: the filled facts stay
        await wait_for_screen(pilot, "HomeScreen")
    record = governance.partnership(pid)
    assert (record["financial_contribution"], record["type"]) == (75000, "service-delivery")


async def test_only_the_sign_off_fills_the_data_sheet_in_its_own_write(governance):
    """Complete is not signed off: the facts wait; the sign-off (the CLI's too) writes them with itself."""
    pid = governance.add_partnership("Safer Streets")["id"]
    answered(governance, pid, "scope")
    significance = answered(governance, pid, "significance", HIGH | {"sig-contribution": 5000})
    assert governance.datasheet_facts(significance) == {"financial_contribution": 5000, "type": "service-delivery"}
    assert governance.partnership(pid).get("financial_contribution") is None
    governance.sign_off(significance["id"], by="Jo Bloggs", role="Chief Executive", decision="approved")
    record = governance.partnership(pid)
    assert (record["financial_contribution"], record["type"]) == (5000, "service-delivery")


def test_another_authoritys_questionnaire_names_its_own_data_sheet_facts(governance, tmp_path):
    """`datasheet:` is questionnaire data: a council's intake form fills the lead officer and
    start date it asks for, and a question left unanswered leaves the data sheet as it was."""
    from tests.review.builders import with_questionnaires

    council = with_questionnaires(
        governance.register,
        tmp_path / "council",
        intake=(
            "schema_version: 1\nid: intake\ntitle: Council intake\nversion: 1\n"
            "source: {document: 001_1251f4b6c06a9e5b.txt, section: Key Principles}\n"
            "sections:\n  - id: who\n    title: Who and when\n    questions:\n"
            "      - {id: lead, text: 'Who leads it for the council?', type: short_text, datasheet: lead_officer}\n"
            "      - {id: began, text: 'When did it begin?', type: date, datasheet: start_date}\n"
            "      - {id: body, text: 'Accountable body?', type: short_text, datasheet: accountable_body}\n"
        ),
    )
    pid = council.add_partnership("Safer Streets", accountable_body="County Council")["id"]
    draft = council.open_assessment(pid, "intake")
    council.answer_many(draft["id"], {"lead": "Insp. Ада Łukasz", "began": "2026-04-01"})
    intake = council.complete(draft["id"])
    assert council.datasheet_facts(intake) == {"lead_officer": "Insp. Ада Łukasz", "start_date": "2026-04-01"}
    council.sign_off(intake["id"], by="Jo Bloggs", role="Chief Executive", decision="approved")
    record = council.partnership(pid)
    assert (record["lead_officer"], record["start_date"], record["accountable_body"]) == (
        "Insp. Ада Łukasz",
        "2026-04-01",
        "County Council",
    )
