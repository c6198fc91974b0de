"""On the shared register the sign-off dialog offers the signed-in person's display name."""

from __future__ import annotations

from textual.widgets import Input

from store.postgres.register import PgRegister
from tests.pdf.builders import answer_everything, scope_in
from tests.postgres_cluster import PostgresCluster, with_user
from wizard.service import Governance
from wizard.tui.app import PwizApp
from wizard.tui.screens.signoff import SignOffScreen

from .conftest import TODAY, wait_for_screen


async def test_the_name_starts_as_the_logins_display_name(pg_cluster: PostgresCluster, pg_url: str, library) -> None:
    pg_cluster.create_login("carol", ["pwiz_approver"])
    admin = PgRegister(pg_url)
    with admin.transaction() as connection:
        connection.execute("INSERT INTO pwiz.people (role, display_name) VALUES ('carol', 'Carol Chief')")
    governance = Governance(PgRegister(with_user(pg_url, "carol")), library)
    pid = governance.add_partnership("Safer Streets")["id"]
    draft = governance.open_assessment(pid, "scope")
    governance.answer_many(draft["id"], answer_everything(library.get("scope"), fixed=scope_in(library.get("scope"))))
    async with PwizApp(governance, today=TODAY).run_test(size=(80, 24)) as pilot:
        pilot.app.push_screen(SignOffScreen(draft["id"]))
        dialog = await wait_for_screen(pilot, "SignOffScreen")
        assert dialog.refusal is None
        assert dialog.query_one("#signoff-by", Input).value == "Carol Chief"
