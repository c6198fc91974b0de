"""The throw-away PostgreSQL server the tests run against: a real server, reached as real roles."""

from __future__ import annotations

import psycopg
import pytest

from tests.postgres_cluster import PostgresCluster, dbname_of, with_user


def test_a_fresh_database_is_a_copy_of_the_register_template(pg_url: str) -> None:
    with psycopg.connect(pg_url) as connection:
        roles = {row[0] for row in connection.execute("SELECT rolname FROM pg_roles WHERE rolname LIKE 'pwiz_%'")}
        tables = connection.execute(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        ).fetchone()
    assert {"pwiz_reader", "pwiz_officer", "pwiz_approver", "pwiz_admin"} <= roles
    assert tables and tables[0] > 0


def test_each_test_gets_a_database_of_its_own(pg_cluster: PostgresCluster, pg_template: str, pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE scratch (x int)")
    other = pg_cluster.create_database(template=pg_template)
    try:
        with psycopg.connect(other) as connection:
            assert connection.execute("SELECT to_regclass('scratch')").fetchone() == (None,)
    finally:
        pg_cluster.drop_database(dbname_of(other))


def test_a_login_connects_as_itself_with_its_group_s_rights_only(pg_cluster: PostgresCluster, pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as connection:
        connection.execute("CREATE ROLE test_readers NOLOGIN")
        connection.execute("CREATE TABLE notes (body text)")
        connection.execute("GRANT SELECT ON notes TO test_readers")
    pg_cluster.create_login("test_alice", ["test_readers"])
    pg_cluster.create_login("test_alice", ["test_readers"])  # again: nothing changes, nothing fails

    with psycopg.connect(with_user(pg_url, "test_alice")) as connection:
        assert connection.execute("SELECT current_user").fetchone() == ("test_alice",)
        assert connection.execute("SELECT count(*) FROM notes").fetchone() == (0,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            connection.execute("INSERT INTO notes VALUES ('not mine to write')")


@pytest.mark.parametrize("mode", ["immediate", "fast"])
def test_committed_data_survives_the_server_stopping(pg_cluster: PostgresCluster, pg_url: str, mode: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as connection:
        connection.execute("CREATE TABLE kept (x int)")
        connection.execute("INSERT INTO kept VALUES (1)")

    pg_cluster.stop(mode)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(pg_url, connect_timeout=2)
    pg_cluster.start()

    with psycopg.connect(pg_url) as connection:
        assert connection.execute("SELECT x FROM kept").fetchall() == [(1,)]
