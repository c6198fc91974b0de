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
        with pytest.raises(StoreError) as lost:  # the connection it had
            register.list_partnerships()
        with pytest.raises(StoreError) as refused:  # a new one
            PgRegister(pg_url).list_partnerships()
    finally:
        pg_cluster.start()

    assert "\n" not in str(lost.value) and "\n" not in str(refused.value)
    assert "lost the connection" in str(lost.value) and "check that the server is running" in str(lost.value)
    assert "cannot connect" in str(refused.value) and "check that the server is running" in str(refused.value)
    assert [p["id"] for p in PgRegister(pg_url).list_partnerships()] == [pid]
