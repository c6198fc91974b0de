"""One partnership's TinyDB file: its data sheet and everything recorded about it.

Tables: `partnership` (one record), `assessments`, `signoffs`, `actions`,
`risks`, `evidence` (attached documents, store.evidence). Records are found
by their own `id` field; TinyDB's document ids only keep the order in which
they were added.
"""

from __future__ import annotations

from pathlib import Path

from tinydb import Query, TinyDB

from store.errors import NotFoundError
from store.ids import TABLE_KINDS
from store.index import summarise
from store.storage import commit


class PartnershipFile:
    """A partnership's file inside a transaction (see store.storage.transaction)."""

    def __init__(self, db: TinyDB, pid: str, path: Path | None):
        self._db = db
        self.pid = pid
        self.path = path  # None: the partnership's rows in the shared register (store.postgres)

    @property
    def exists(self) -> bool:
        return bool(self._db.table("partnership"))

    def record(self) -> dict:
        docs = self._db.table("partnership").all()
        if not docs:
            where = f" ({self.path} does not exist)" if self.path is not None else ""
            raise NotFoundError(f"no partnership {self.pid} in the register{where}")
        return dict(docs[0])

    def all(self, table: str) -> list[dict]:
        """A table's records in the order they were added."""
        return [dict(doc) for doc in sorted(self._db.table(table).all(), key=lambda doc: doc.doc_id)]

    def get(self, table: str, record_id: str) -> dict:
        self.record()  # a missing partnership is reported as such
        doc = self._db.table(table).get(Query().id == record_id)
        if doc is None:
            raise NotFoundError(f"no {TABLE_KINDS[table]} {record_id} in partnership {self.pid}")
        return dict(doc)

    def has(self, table: str, record_id: str) -> bool:
        return self._db.table(table).contains(Query().id == record_id)

    def put(self, table: str, record: dict) -> None:
        """Add the record, or replace the one with the same id."""
        self._db.table(table).upsert(record, Query().id == record["id"])

    def summary(self) -> dict:
        return summarise(
            self.record(),
            self.all("signoffs"),
            self.all("actions"),
            self.all("approvals"),
            self.all("risks"),
            self.all("evidence"),
        )

    def commit(self) -> None:
        commit(self._db)
