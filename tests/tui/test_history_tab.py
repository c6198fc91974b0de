"""The partnership's History tab: who changed what, newest first, from the shared register's audit
trail; on a register folder, one line saying that only a shared register keeps one."""

from __future__ import annotations

import re

from store.postgres.register import PgRegister
from tests.history.builders import ALICE, reviewed
from wizard.service import Governance
from wizard.tui.app import PwizApp

from .conftest import CSP, LARGE, SIZE, TODAY, wait_for_screen, wait_until
from .on_screen import screen_text, text


async def test_the_history_tab_lists_who_changed_what_newest_first(pg_cluster, pg_url, library):
    review = reviewed(pg_cluster, pg_url, library)
    register = PgRegister(pg_url)
    app = PwizApp(Governance(register, library), today=TODAY, partnership_id=review.pid)
    try:
        async with app.run_test(size=LARGE) as pilot:
            screen = await wait_for_screen(pilot, "PartnershipScreen")
            await pilot.press("f2", "f2", "f2", "f2")  # questionnaires → data sheet → actions → evidence → history
            await wait_until(pilot, lambda: "answer cl-1b" in screen_text(app), "the history")
            assert screen.query_one("#history-scroll").has_focus
            shown = screen_text(app)
            assert "History  10 change(s), newest first" in shown
            lines = [line.strip() for line in shown.splitlines()]
            heads = [n for n, line in enumerate(lines) if re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC · ", line)]
            assert len(heads) == 10
            assert lines[heads[0]].endswith(f"· {ALICE} (alice)")  # the confirmation, the newest
            assert lines[heads[1]].endswith("· bob")
            assert lines[heads[-1]].endswith(f"· {ALICE} (alice)")  # the partnership added, the oldest
            assert lines[heads[-1] + 1] == "partnership 'Safer Streets' added"
            changed = " ".join(lines[heads[1] + 1 : heads[2]])
            assert "answer cl-1b" in changed and "'Fewer burglaries' →" in changed
            assert (
                "[bold]not bold[/bold] [red]x[/red] مرحبا بالعالم 你好世界" in changed
            )  # as typed: not read as markup
            assert max(len(line) for line in shown.splitlines()) <= LARGE[0]  # wrapped to the width
    finally:
        register.close()


async def test_on_a_register_folder_the_tab_says_only_a_shared_register_keeps_history(make_app, sample):
    app = make_app(partnership_id=sample[CSP])
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, "PartnershipScreen")
        screen.action_tab("history")
        await wait_until(pilot, lambda: "audit trail" in text(screen, "#history-title"), "the line")
        line = text(screen, "#history-title")
        assert "keeps no audit trail of who changed what; the shared register on PostgreSQL does" in line
        assert "\n" not in line.strip() and text(screen, "#history-entries") == ""
