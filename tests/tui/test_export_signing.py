"""The export dialog signs the pack with a certificate, as `pwiz export --sign-with` does."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from textual.widgets import Input

from tests.pdf.builders import typical_register
from tests.pdf.certs import Authority
from wizard.signing import pades as signing
from wizard.tui.screens.partnership import pdf_export_available

from .conftest import SIZE, wait_for_screen, wait_until

PASSPHRASE = "correct horse"


@pytest.fixture(scope="module")
def p12(tmp_path_factory):
    authority = Authority()
    return authority.p12(authority.issue("Jane Approver"), tmp_path_factory.mktemp("certs") / "jane.p12", PASSPHRASE)


@pytest.fixture
def signed_off(register_path, frozen_clock):
    """A signed-off, approved partnership in the register the app opens."""
    register, _, pid = typical_register(register_path, questionnaires=("scope", "significance", "key-principles"))
    return register, pid


async def export_dialog(pilot):
    screen = await wait_for_screen(pilot, "PartnershipScreen")
    assert screen.check_action("export", ()) is True
    await pilot.press("e")
    return await wait_for_screen(pilot, "ExportScreen")


def result_text(dialog) -> str:
    return str(dialog.query_one("#export-result").render())


async def run_export(pilot, dialog, target, certificate, passphrase):
    dialog.query_one("#export-path", Input).value = str(target)
    dialog.query_one("#export-cert", Input).value = str(certificate)
    box = dialog.query_one("#export-passphrase", Input)
    assert box.password  # typed in a password box: never shown
    box.value = passphrase
    box.focus()
    await pilot.press("enter")
    await wait_until(
        pilot, lambda: dialog.written is not None or "Not written" in result_text(dialog), "the signed pack", timeout=60
    )


async def test_export_signs_the_pack_and_enters_it_in_the_ledger(make_app, signed_off, p12, tmp_path):
    if not pdf_export_available():
        return
    register, pid = signed_off
    target = tmp_path / "signed.pdf"
    app = make_app(partnership_id=pid)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot)
        await run_export(pilot, dialog, target, p12, PASSPHRASE)
        assert dialog.written == target, result_text(dialog)
        assert "Signed by Jane Approver" in result_text(dialog)
        assert dialog.query_one("#export-passphrase", Input).value == ""
    field = PdfReader(target).get_fields()[signing.FIELD_NAME]
    assert field["/V"]["/SubFilter"] == "/ETSI.CAdES.detached"
    [issued] = register.issued_packs(pid)
    [noted] = issued["signatures"]
    assert noted["subject"].startswith("CN=Jane Approver") and issued["file"] == noted["file"] == "signed.pdf"
    assert (
        issued["command"] == "pwiz (wizard export)"
        and issued["record_digest"] == register.list_approvals(pid)[-1]["digest"]
    )
    assert register.verify() == []


async def test_a_wrong_passphrase_writes_nothing(make_app, signed_off, p12, tmp_path):
    if not pdf_export_available():
        return
    register, pid = signed_off
    before = register.list_signoffs(pid)
    target = tmp_path / "signed.pdf"
    app = make_app(partnership_id=pid)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await export_dialog(pilot)
        await run_export(pilot, dialog, target, p12, "not it")
        assert dialog.written is None
        assert "the passphrase for" in result_text(dialog) and "is wrong" in result_text(dialog)
        assert not dialog.query_one("#export-write").disabled  # the user can correct it and try again
    assert not target.exists()
    assert register.list_signoffs(pid) == before
