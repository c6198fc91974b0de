"""Fixtures for tests against a real PostgreSQL server (a pytest plugin, loaded by tests/conftest.py).

- `pg_cluster`: one throw-away cluster per test process (per xdist worker), stopped at the end.
- `pg_template`: the name of a database holding the register's schema, installed once per cluster.
- `pg_url`: a fresh database copied from that template for one test, as a postgresql:// URL for
  the superuser; dropped afterwards. Connect as another role with `tests.postgres_cluster.with_user(pg_url, name)`
  after `pg_cluster.create_login(name, ["pwiz_officer"])`.

Without a PostgreSQL server installed these tests are skipped; with PWIZ_TEST_REQUIRE_POSTGRES=1
(CI sets it) they fail instead, so a broken install cannot pass as a green run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.postgres_cluster import PostgresCluster, PostgresNotInstalled, dbname_of


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    """This test process's throw-away cluster (started once; stopped and removed at the end)."""
    try:
        cluster = PostgresCluster()
    except PostgresNotInstalled as exc:
        missing = f"no PostgreSQL server installed (Debian: apt-get install postgresql): {exc}"
    else:
        missing = ""
    if missing:  # outside the except block: the reason alone, not a chained traceback
        if os.environ.get("PWIZ_TEST_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"{missing}; PWIZ_TEST_REQUIRE_POSTGRES=1 makes this a failure", pytrace=False)
        pytest.skip(missing)
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.cleanup()


@pytest.fixture(scope="session")
def pg_template(pg_cluster: PostgresCluster) -> str:
    """A database with the register's schema and group roles, installed once for the session.

    It takes no connections afterwards: PostgreSQL refuses to copy a database someone is in."""
    from store.postgres import schema

    name = "pwiz_template"
    schema.install(pg_cluster.create_database(name))
    pg_cluster.make_template(name)
    return name


@pytest.fixture(scope="session")
def pg_dropper(pg_cluster: PostgresCluster) -> Iterator[ThreadPoolExecutor]:
    """Drops test databases behind the tests' backs: a drop waits at least 100 ms for any
    connection a test's register still holds to end, and nothing needs to wait for it."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pg-drop") as dropper:
        yield dropper


@pytest.fixture
def pg_url(pg_cluster: PostgresCluster, pg_template: str, pg_dropper: ThreadPoolExecutor) -> Iterator[str]:
    """A fresh database holding the register's empty schema, for this test alone: its
    postgresql:// URL, connecting as the superuser."""
    url = pg_cluster.create_database(template=pg_template)
    yield url
    if not pg_cluster.running:  # a test stopped the server and failed before starting it again
        pg_cluster.start()
    # A drop that fails (the next test stopped the server meanwhile) only leaves the database
    # on the throw-away cluster until its folder is removed.
    pg_dropper.submit(pg_cluster.drop_database, dbname_of(url))
