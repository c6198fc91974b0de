"""The Association Register (store.associations) kept in the shared register: its tables are one
JSONB document (`pwiz.documents`, name "associations"), changed under an advisory lock so that
two officers adding associations at once are serialised, and every rule is store.associations'."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from tinydb import TinyDB

from store.associations import Associations
from store.errors import StoreError
from store.postgres.rows import jsonb
from store.reading import Tables
from store.storage import CommittingStorage

if TYPE_CHECKING:
    import psycopg

    from store.postgres.register import PgRegister

NAME = "associations"


class DocumentStorage(CommittingStorage):
    """A TinyDB storage over one document row, inside an open transaction (committed with it)."""

    def __init__(self, connection: psycopg.Connection, name: str):
        self._connection = connection
        self._name = name

    def read(self) -> Tables | None:
        row = self._connection.execute("SELECT content FROM pwiz.documents WHERE name = %s", (self._name,)).fetchone()
        return row[0] if row else None

    def write(self, data: Tables) -> None:
        self._connection.execute(
            "INSERT INTO pwiz.documents (name, content) VALUES (%s, %s) "
            "ON CONFLICT (name) DO UPDATE SET content = EXCLUDED.content",
            (self._name, jsonb(data)),
        )


class PgAssociations(Associations):
    """The shared register's Association Register."""

    def __init__(self, register: PgRegister):
        super().__init__(register.local_layout)
        self._register = register

    @property
    def where(self) -> str:
        return f"of {self._register.where}"

    @contextmanager
    def _writing(self) -> Iterator[TinyDB]:
        with self._register.transaction(lock=NAME) as connection:
            yield TinyDB(connection, NAME, storage=DocumentStorage)

    def _read(self) -> Tables | None:
        with self._register.transaction() as connection:
            tables = DocumentStorage(connection, NAME).read()
        self._check(tables)
        return tables

    def _partnership_exists(self, pid: str) -> bool:
        return self._register.exists(pid)

    def problems(self) -> list[str]:
        try:
            self._read()
        except StoreError as exc:
            return [str(exc)]
        return []
