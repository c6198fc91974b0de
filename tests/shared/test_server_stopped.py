"""The shared register's server stopping under a command or before the wizard: one line saying
so, never a driver's traceback, and everything acknowledged before the stop is still there."""

from __future__ import annotations

import asyncio

from store.postgres.register import PgRegister
from tests.postgres_cluster import PostgresCluster
from tests.shared.support import one_line_error, start_child

ROWS = 2000  # far more than are imported before the stop: the import is cut mid-way
BEFORE_STOP = 20  # partnerships acknowledged before the server is stopped


def test_an_import_cut_by_the_server_stopping_keeps_every_acknowledged_partnership(
    pg_cluster: PostgresCluster, pg_url: str, complete, pwiz, tmp_path
) -> None:
    PgRegister(pg_url).sign_off(complete[1], "A. Chief", "Chief Executive", "approved")  # a chain to verify
    listing = tmp_path / "partnerships.csv"
    listing.write_text(
        "Name,Type\n" + "".join(f"Imported partnership {n:04d},strategic\n" for n in range(ROWS)), encoding="utf-8"
    )
    command = start_child("-m", "wizard", "partnership", "import", str(listing), env={"PWIZ_DB": pg_url})
    assert command.stdout is not None
    acknowledged = []
    try:
        while len(acknowledged) < BEFORE_STOP:  # "ID  NAME", printed once each partnership is committed
            line = command.stdout.readline()
            assert line, command.stderr.read() if command.stderr else "the import ended early"
            acknowledged.append(line.split()[0])
        pg_cluster.stop("immediate")
        rest, stderr = command.communicate(timeout=60)
    finally:
        if not pg_cluster.running:
            pg_cluster.start()
    acknowledged += [line.split()[0] for line in rest.splitlines()]

    assert command.returncode == 1
    line = one_line_error(stderr)
    assert "lost the connection to the shared register" in line and "check that the server is running" in line
    assert f"{len(acknowledged)} partnerships imported before it" in line
    assert len(acknowledged) < ROWS

    kept = {p["id"] for p in PgRegister(pg_url).list_partnerships()}
    assert set(acknowledged) <= kept
    verified = pwiz("verify", env={"PWIZ_DB": pg_url})
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout == f"All 1 sign-off in {len(kept)} partnerships match their digests.\n"


def test_the_wizard_started_while_the_server_is_down_says_so_and_reads_it_once_it_is_back(
    pg_cluster: PostgresCluster, pg_url: str, complete
) -> None:
    from textual.widgets import Static

    from wizard.cli.context import AppContext
    from wizard.cli.tui import build_app

    pg_cluster.stop("immediate")
    try:
        app = build_app(AppContext(db_path=pg_url))

        async def scenario() -> tuple[str, int]:
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                shown = str(app.screen.query_one("#register-error", Static).render())
                pg_cluster.start()
                await pilot.press("ctrl+r")  # Reload
                await pilot.pause()
                return shown, len(app.screen.table.summaries)

        shown, rows = asyncio.run(scenario())
    finally:
        if not pg_cluster.running:
            pg_cluster.start()
    assert "The register could not be read." in shown
    assert "cannot connect to the shared register" in shown and "check that the server is running" in shown
    assert "Traceback" not in shown
    assert rows == 1
