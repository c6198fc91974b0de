"""Fixtures for the shared-register tests: an assessment ready for sign-off, and logins by role."""

from __future__ import annotations

import pytest

from store.postgres.register import PgRegister
from tests.postgres_cluster import PostgresCluster, with_user
from tests.shared.workers import KEY_PRINCIPLES, all_yes


@pytest.fixture
def complete(pg_url: str) -> tuple[str, str]:
    """(partnership, assessment): a complete key-principles assessment, ready for sign-off."""
    register = PgRegister(pg_url)
    pid = register.add_partnership("Safer Streets", type="strategic")["id"]
    aid = register.start_assessment(pid, KEY_PRINCIPLES, 1)["id"]
    register.save_answers(aid, {qid: {"value": value} for qid, value in all_yes().items()})
    register.set_status(aid, "complete")
    return pid, aid


@pytest.fixture
def login(pg_cluster: PostgresCluster, pg_url: str):
    """`login(name, role)`: the URL of this test's database as a login in group pwiz_ROLE."""

    def url(name: str, role: str) -> str:
        return with_user(pg_url, pg_cluster.create_login(name, [f"pwiz_{role}"]))

    return url
