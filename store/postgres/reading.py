"""What `partnership list`, `due` and the wizard's first screen read from the shared register:
every partnership's summary, one query, importing neither the register's write side (pydantic,
~0.2 s) nor anything else of store.register, as store.reading does for a register folder."""

from __future__ import annotations

from store.postgres import rows
from store.postgres.connection import connect, refusals


def read_summaries(url: str) -> list[dict]:
    """Every partnership's summary, by name, as `Register.list_partnerships` gives them."""
    with connect(url) as connection, refusals(url):
        return rows.summaries(connection)
