"""How the shared-register tests run pwiz and the officers' processes, and read what they print
and what the database holds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg

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
