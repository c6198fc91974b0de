"""A shared register whose server has stopped: one line saying so, never a driver's traceback."""

from __future__ import annotations

import pytest

from store.errors import StoreError
from store.postgres.register import PgRegister
from tests.postgres_cluster import PostgresCluster


def test_a_register_whose_server_stopped_says_so_in_one_line(pg_cluster: PostgresCluster, pg_url: str) -> None:
    register = PgRegister(pg_url)
    pid = register.add_partnership("Safer Streets", type="strategic")["id"]

    pg_cluster.stop("immediate")
    try:
        with pytest.raises(StoreError) as refused:
            PgRegister(pg_url).list_partnerships()
    finally:
        pg_cluster.start()

    message = str(refused.value)
    assert "\n" not in message
    assert "lost the connection" in message and "check that the server is running" in message
    assert [p["id"] for p in PgRegister(pg_url).list_partnerships()] == [pid]
