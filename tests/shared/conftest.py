"""Helpers for the shared-register tests: child processes on the checkout, and what a register holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from store.postgres.register import PgRegister
from tests.postgres_cluster import PostgresCluster, with_user
from tests.shared.workers import KEY_PRINCIPLES, all_yes

CHECKOUT = Path(__file__).resolve().parents[2]


def start_child(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`python ARGS...` in the checkout (so `-m tests.shared.workers` and `-m wizard` import it),
    unbuffered so a test sees each line as it is printed."""
    return subprocess.Popen(
        [sys.executable, *args],
        cwd=CHECKOUT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8", **(env or {})},
    )


def counted(url: str, table: str) -> int:
    """How many rows the database holds in one of the register's tables (read as the superuser)."""
    with psycopg.connect(url) as connection:
        (count,) = connection.execute(f"SELECT count(*) FROM pwiz.{table}").fetchone() or (0,)
    return count


def one_line_error(stderr: str) -> str:
    """A command's refusal as a person sees it: one `pwiz: error:` line, no traceback."""
    assert "Traceback" not in stderr, stderr
    (line,) = stderr.splitlines()
    assert line.startswith("pwiz: error: "), line
    return line


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
