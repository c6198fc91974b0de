"""The partnership's Evidence tab: `a` attaches a document from a typed path, for the partnership or
an assessment not yet signed off, and the table lists it."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, Select

from .conftest import CSP, SIZE, wait_for_screen, wait_until

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


async def test_a_document_is_attached_from_a_path_and_listed(make_app, governance, sample, tmp_path):
    pid = sample[CSP]
    draft = governance.latest(pid, "key-principles")
    agreement = tmp_path / "Cytundeb ŵ.pdf"
    agreement.write_bytes(b"%PDF-1.4 signed agreement")
    app = make_app(partnership_id=pid)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        await pilot.press("f2", "f2", "f2")
        assert screen.check_action("attach", ()) and not screen.check_action("add_entry", ())

        await pilot.press("a")
        dialog = await wait_for_screen(pilot, "AttachEvidenceScreen")
        dialog.query_one("#attach-path", Input).value = str(tmp_path / "missing.pdf")
        await pilot.press("ctrl+s")  # no such file: said in the dialog, nothing attached
        assert "no file" in str(dialog.query_one("#attach-error").render())
        dialog.query_one("#attach-path", Input).value = str(agreement)
        dialog.query_one("#attach-kind", Select).value = "isa"
        dialog.query_one("#attach-expires", Input).value = "31/03/2027"
        dialog.query_one("#attach-supports", Select).value = draft["id"]  # its sign-off will cover the file
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "PartnershipScreen")
        table = screen.query_one("#evidence-table", DataTable)
        await wait_until(pilot, lambda: table.row_count == 1, "the document in the table")
        (record,) = governance.evidence(pid)
        assert [str(cell) for cell in table.get_row(record["id"])] == [
            "isa",
            "—",
            "2027-03-31",
            "25 B",
            "key-principles",
            "Cytundeb ŵ.pdf",
        ]
    assert (record["kind"], record["expires"], record["size"]) == ("isa", "2027-03-31", 25)
    assert record["assessment_id"] == draft["id"]
