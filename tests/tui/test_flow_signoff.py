"""Sign-off and approval end with a read-back of exactly what will be frozen (issue 14)."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Input

from wizard.tui.screens.signoff import SignOffScreen

from .conftest import CSP, wait_for_screen, wait_until
from .on_screen import TWO_SIZES, on_screen, text

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


async def open_scope_signoff(pilot, governance, sample) -> SignOffScreen:
    """The sign-off dialog of the sample CSP's scope (complete, not signed off)."""
    aid = governance.latest(sample[CSP], "scope")["id"]
    pilot.app.push_screen(SignOffScreen(aid))
    return await wait_for_screen(pilot, "SignOffScreen")


@TWO_SIZES
async def test_the_read_back_shows_everything_that_will_be_frozen_and_enter_freezes_it(
    make_app, governance, sample, size
):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        dialog = await open_scope_signoff(pilot, governance, sample)
        assert dialog.query_one("#signoff-date", Input).value == "2025-11-03"  # today, as a starting value
        await pilot.press(*"S. Clarke")
        dialog.query_one("#signoff-consulted", Input).value = "Chair of the Authority, Vice-Chair"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
        shown = text(dialog, "#signoff-readback-text")
        for line in (
            "Scope",
            CSP,
            "Decision       Approved",
            "Approver       S. Clarke",
            "Role           Chief Executive",
            "Consulted      Chair of the Authority; Vice-Chair",
            "Conditions     none",
            "Decision date  3 November 2025 (today)",
        ):
            assert line in shown
        assert on_screen(app, dialog.query_one("#signoff-readback-text"))
        assert on_screen(app, dialog.query_one("#signoff-freeze", Button))
        assert not dialog.query_one("#signoff-form").display
        assert governance.latest(sample[CSP], "scope")["status"] != "signed-off"  # nothing written yet
        await pilot.press("enter")
        await wait_until(pilot, lambda: dialog.has_class("-signed"), "the digest")
        signoff = governance.register.list_signoffs(sample[CSP])[-1]
        assert (signoff["by"], signoff["consulted"]) == ("S. Clarke", ["Chair of the Authority", "Vice-Chair"])
        assert signoff["digest"] in text(dialog, "#signoff-digest")


async def test_a_mangled_name_is_fixed_after_the_read_back_and_only_the_fixed_one_is_stored(
    make_app, governance, sample
):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_scope_signoff(pilot, governance, sample)
        before = len(governance.register.list_signoffs(sample[CSP]))
        await pilot.press(*"Jane SmithChair", "ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
        assert "Approver       Jane SmithChair" in text(dialog, "#signoff-readback-text")
        await pilot.press("escape")  # back to the form, not out of the dialog
        await wait_until(pilot, lambda: not dialog.has_class("-reading"), "the form")
        assert app.screen is dialog and app.focused.id == "signoff-by"
        assert dialog.query_one("#signoff-by", Input).value == "Jane SmithChair"  # as typed
        dialog.query_one("#signoff-by", Input).value = "Jane Smith"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back again")
        assert "Approver       Jane Smith\n" in text(dialog, "#signoff-readback-text")
        await pilot.press("enter")
        await wait_until(pilot, lambda: dialog.has_class("-signed"), "the digest")
    signoffs = governance.register.list_signoffs(sample[CSP])
    assert len(signoffs) == before + 1 and signoffs[-1]["by"] == "Jane Smith"
    assert all(s["by"] != "Jane SmithChair" for s in signoffs)


async def test_the_decision_date_is_read_and_a_bad_one_is_refused_before_the_read_back(make_app, governance, sample):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_scope_signoff(pilot, governance, sample)
        await pilot.press(*"S. Clarke")
        field = dialog.query_one("#signoff-date", Input)
        field.value = "2025-02-30"
        await pilot.press("ctrl+s")
        assert "Date:" in text(dialog, "#signoff-error") and "calendar" in text(dialog, "#signoff-error")
        assert not dialog.has_class("-reading") and app.focused is field
        field.value = "2025-12-01"
        await pilot.press("ctrl+s")
        assert "in the future" in text(dialog, "#signoff-error") and not dialog.has_class("-reading")
        field.value = "2025-11-01"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
        assert "Decision date  1 November 2025 (typed YYYY-MM-DD)" in text(dialog, "#signoff-readback-text")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not dialog.has_class("-reading"), "the form")
        field.value = "02/11/2025"  # as officers in the UK type it: the 2nd of November, not 11 February
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
        assert "Decision date  2 November 2025 (typed DD/MM/YYYY)" in text(dialog, "#signoff-readback-text")
        await pilot.press("enter")
        await wait_until(pilot, lambda: dialog.has_class("-signed"), "the digest")
    assert governance.register.list_signoffs(sample[CSP])[-1]["signed_at"].startswith("2025-11-02")


async def test_the_approver_role_and_consultees_are_offered_next_time_in_this_register(make_app, governance, sample):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_scope_signoff(pilot, governance, sample)
        # nothing remembered yet: empty on a folder, the login's name on the shared register
        assert dialog.query_one("#signoff-by", Input).value == governance.default_signer()
        dialog.query_one("#signoff-by", Input).value = ""
        await pilot.press(*"S. Clarke", "tab")
        dialog.query_one("#signoff-role", Input).value = "Deputy Chief Executive"
        dialog.query_one("#signoff-consulted", Input).value = "Dan Chair"
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: dialog.has_class("-reading"), "the read-back")
        await pilot.press("enter")
        await wait_until(pilot, lambda: dialog.has_class("-signed"), "the digest")
        await pilot.press("enter")  # Close
    kp = governance.latest(sample[CSP], "key-principles")["id"]
    questions = [q.id for q in governance.library.get("key-principles").questions()]
    governance.answer_many(
        kp, {qid: "yes" for qid in questions if qid != "kp-equality-conflict"} | {"kp-equality-conflict": "no"}
    )
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(SignOffScreen(kp))  # the next sign-off, in a later run of the wizard
        dialog = await wait_for_screen(pilot, "SignOffScreen")
        assert dialog.refusal is None
        assert dialog.query_one("#signoff-by", Input).value == "S. Clarke"  # offered, and editable
        assert dialog.query_one("#signoff-role", Input).value == "Deputy Chief Executive"
        assert dialog.query_one("#signoff-consulted", Input).value == "Dan Chair"
    assert governance.decision_makers("sign-off") == {
        "by": "S. Clarke",
        "role": "Deputy Chief Executive",
        "consulted": ["Dan Chair"],
    }
    assert governance.decision_makers("approval") == {}
