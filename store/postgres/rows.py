"""One partnership's rows seen as the tables of its register file, so that every rule of
store.register runs unchanged on the shared register.

`RowStorage` is a TinyDB storage inside an open database transaction: it reads the
partnership's rows once (one query) and writes back only the records TinyDB changed,
each as its own row. An assessment is updated only at the revision it was read at
(`UPDATE ... WHERE revision = :read`), so a change made in between is refused, not
overwritten. `RowIndex` is the index's part of a write: the summaries live beside each
partnership's row.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from store.errors import ConflictError, CorruptRegisterError, StoreError
from store.index import by_name
from store.postgres.schema import CHILD_TABLES, DECISIONS
from store.shapes import partnership_file_problem
from store.storage import CommittingStorage

if TYPE_CHECKING:
    import psycopg

Tables = dict[str, dict[str, dict]]

_LOAD = (
    " UNION ALL ".join(
        ["SELECT 'partnership', record, 0::bigint AS seq FROM pwiz.partnerships WHERE id = %(pid)s"]
        + [
            f"SELECT '{table}', "
            + ("jsonb_build_object('signed_in_as', signed_in_as) || record" if table in DECISIONS else "record")
            + f", seq FROM pwiz.{table} WHERE partnership_id = %(pid)s"
            for table in CHILD_TABLES
        ]
    )
    + " ORDER BY 3"
)


def jsonb(value: Any) -> Any:
    """A record as a JSONB parameter, read back exactly as written (`exact_json`)."""
    from psycopg.types.json import Jsonb

    return Jsonb(value, dumps=exact_json)


_EXPONENT = re.compile(r"\de[+-]\d")  # how Python writes a float below 1e-4 or from 1e16: 1e+20
_SPELLED = re.compile(r'"\\u0000(\d+)\\u0000"')


def exact_json(value: Any) -> str:
    """JSON that JSONB keeps so that it reads back as the same value, and so the same digest.

    JSONB keeps a number's digits, not its notation: Python's 1e+20 would come back as the
    integer 100000000000000000000, whose canonical JSON (store.digest) differs, and a sign-off
    copied from a register folder would no longer verify. Such floats are written out in full
    with a decimal point (100000000000000000000.0), which JSONB keeps and Python reads back as
    the same float. Text is sent as UTF-8 rather than \\u escapes, so that a lone surrogate
    fails as a UnicodeEncodeError before reaching the server (store.postgres.connection)."""
    text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    if "\\u0000" in text or not _EXPONENT.search(text):  # a NUL is refused as it is; no float to spell out
        return text
    spelled: list[str] = []

    def marked(item: Any) -> Any:
        if isinstance(item, dict):
            return {key: marked(inner) for key, inner in item.items()}
        if isinstance(item, list):
            return [marked(inner) for inner in item]
        if isinstance(item, float) and "e" in repr(item):
            digits = format(Decimal(repr(item)), "f")
            spelled.append(digits if "." in digits else digits + ".0")
            return f"\0{len(spelled) - 1}\0"  # NUL: no text JSONB can keep holds it
        return item

    text = json.dumps(marked(value), ensure_ascii=False, allow_nan=False)
    return _SPELLED.sub(lambda found: spelled[int(found[1])], text)


class RowStorage(CommittingStorage):
    """A TinyDB storage over one partnership's rows (see the module's docstring)."""

    def __init__(self, connection: psycopg.Connection, pid: str):
        self._connection = connection
        self._pid = pid
        self._tables: Tables | None = None
        self._stored: dict[str, dict[str, dict]] = {}  # table -> id -> the record as the database holds it
        self._changed = False

    def read(self) -> Tables:
        if self._tables is None:
            tables: Tables = {}
            for table, record, _ in self._connection.execute(_LOAD, {"pid": self._pid}).fetchall():
                docs = tables.setdefault(table, {})
                docs[str(len(docs) + 1)] = record
                self._stored.setdefault(table, {})[record["id"]] = dict(record)
            problem = partnership_file_problem(tables, self._pid) if tables else None
            if problem is not None:  # rows written by hand, around pwiz: reported, never a KeyError later
                raise CorruptRegisterError(
                    f"partnership {self._pid}'s records in the shared register are not as pwiz writes them "
                    f"({problem}); ask your register's admin to correct the row"
                )
            self._tables = tables
        return self._tables

    def write(self, data: Tables) -> None:
        for table, docs in data.items():
            stored = self._stored.setdefault(table, {})
            seen = set()
            for _, record in sorted(docs.items(), key=lambda item: int(item[0])):
                seen.add(record["id"])
                before = stored.get(record["id"])
                if before != record:
                    self._put(table, record, before)  # may add what the database stamps on it
                    stored[record["id"]] = dict(record)
                    self._changed = True
            if stored.keys() - seen:
                raise StoreError(f"records of partnership {self._pid} are never removed ({table})")
        self._tables = data

    def _put(self, table: str, record: dict, before: dict | None) -> None:
        run = self._connection.execute
        if table == "partnership":
            if before is None:
                run(
                    "INSERT INTO pwiz.partnerships (id, name, record) VALUES (%s, %s, %s)",
                    (record["id"], record["name"], jsonb(record)),
                )
            else:
                run(
                    "UPDATE pwiz.partnerships SET name = %s, record = %s WHERE id = %s",
                    (record["name"], jsonb(record), record["id"]),
                )
            return
        if table not in CHILD_TABLES:
            raise StoreError(f"a partnership has no table {table!r}")
        if before is None:
            columns = "id, partnership_id, record" + (", revision" if table == "assessments" else "")
            values = [record["id"], self._pid, jsonb(record)] + ([record["revision"]] if table == "assessments" else [])
            returning = " RETURNING signed_in_as" if table in DECISIONS else ""
            inserted = run(
                f"INSERT INTO pwiz.{table} ({columns}) VALUES ({', '.join(['%s'] * len(values))}){returning}", values
            )
            if returning:
                # the login the database recorded, unless the record was copied with its own (store.copying)
                record.setdefault("signed_in_as", (inserted.fetchone() or (None,))[0])
        elif table == "assessments":
            changed = run(
                "UPDATE pwiz.assessments SET record = %s WHERE id = %s AND revision = %s",
                (jsonb(record), record["id"], before["revision"]),
            ).rowcount
            if changed != 1:
                raise ConflictError(
                    f"someone else changed assessment {record['id']} since it was read; nothing was changed: "
                    "reload it and answer again"
                )
        else:
            run(f"UPDATE pwiz.{table} SET record = %s WHERE id = %s", (jsonb(record), record["id"]))

    def commit(self) -> None:
        """The database transaction commits the rows; here the partnership's revision moves on,
        once, so caches keyed by it (store.derived) see the change."""
        if self._changed:
            self._connection.execute("UPDATE pwiz.partnerships SET revision = revision + 1 WHERE id = %s", (self._pid,))
            self._changed = False


class RowIndex:
    """The index's part of a change: names to keep unique, the partnership's summary to write."""

    def __init__(self, connection: psycopg.Connection):
        self._connection = connection

    def named(self, name: str) -> list[dict]:
        folded = name.casefold()
        rows = self._connection.execute("SELECT id, name FROM pwiz.partnerships").fetchall()
        return [{"id": pid, "name": text} for pid, text in rows if text.casefold() == folded]

    def put(self, summary: dict) -> None:
        self._connection.execute(
            "UPDATE pwiz.partnerships SET summary = %s WHERE id = %s AND summary IS DISTINCT FROM %s",
            (jsonb(summary), summary["id"], jsonb(summary)),
        )


def summaries(connection: psycopg.Connection) -> list[dict]:
    """Every partnership's summary, by name, as `Register.list_partnerships` gives them."""
    rows = connection.execute("SELECT id, summary FROM pwiz.partnerships WHERE summary IS NOT NULL").fetchall()
    return by_name({"partnerships": {pid: summary for pid, summary in rows}})
