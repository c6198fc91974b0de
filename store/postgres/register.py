"""`PgRegister`: the register's every rule (store.register.Register) over a PostgreSQL database.

Only where records are kept differs: a partnership's file is its rows (store.postgres.rows),
read and written inside one transaction that holds the partnership's advisory lock, so two
officers saving at once are serialised by the database instead of a lock file; the index is
the summaries beside the rows; documents are kept in `pwiz.evidence_blobs`. What stays on
the user's machine (where each assessment was left, the derived-data cache) lives in a
folder of the user's own for this database (`root`, in the user state folder).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import TYPE_CHECKING, Any

from tinydb import TinyDB

from store import clock, evidence, verification
from store.associations import Associations
from store.derived import Revision, Versions
from store.errors import StoreError
from store.layout import Layout
from store.location import local_folder
from store.locks import lock_timeout
from store.partnership_file import PartnershipFile
from store.postgres import rows
from store.postgres.connection import connect, refusals, shown
from store.register import Register, VerifyReport
from store.restore import RestoreReport
from store.shapes import partnership_file_problem

if TYPE_CHECKING:
    import psycopg

    from store.index import IndexFile

_HISTORY = """
SELECT audit.at, audit.who, people.display_name, audit.kind, audit.operation, audit.record_id,
       audit.before, audit.after
FROM pwiz.audit AS audit LEFT JOIN pwiz.people AS people ON people.role = audit.who
WHERE audit.partnership_id = %s
ORDER BY audit.seq
"""


class PgRegister(Register):
    """The shared register in the database at `url` (see the module's docstring)."""

    keeps_history = True  # the database's trigger writes the audit trail (store.postgres.schema)

    def __init__(self, url: str):
        self.url = url
        super().__init__(local_folder(url))
        with suppress(OSError):  # without it, caches are computed afresh each time: slower, never wrong
            self.root.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()  # a connection per thread: the wizard reads in workers

    @classmethod
    def open(cls, path: Any = None) -> Register:
        raise StoreError("a shared register is opened by its URL: PgRegister(url)")

    @property
    def where(self) -> str:
        return f"the shared register {shown(self.url)}"

    # --- the connection -------------------------------------------------------

    @property
    def connection(self) -> psycopg.Connection:
        """This thread's connection, opened (again, after a lost one) when first needed."""
        connection = getattr(self._local, "connection", None)
        if connection is None or connection.closed or connection.broken:
            connection = self._local.connection = connect(self.url)
        return connection

    def close(self) -> None:
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    @contextmanager
    def transaction(self, lock: str | None = None) -> Iterator[psycopg.Connection]:
        """A transaction, holding the advisory lock named `lock` (a partnership's id) when given;
        the database's errors as StoreErrors (store.postgres.connection)."""
        with refusals(self.url):
            connection = self.connection
            with connection.transaction():
                if lock is not None:
                    # As long as a register folder's writer waits for its lock (PWIZ_LOCK_TIMEOUT), then one line.
                    connection.execute(f"SET LOCAL lock_timeout = '{int(lock_timeout() * 1000)}ms'")
                    connection.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (lock,))
                yield connection

    def present(self) -> bool:
        """A database is there once installed (`pwiz db init`); one that is not says so when read."""
        return True

    @contextmanager
    def reading(self) -> Iterator[psycopg.Connection]:
        """The connection for one statement that only reads: in autocommit a statement is its own
        transaction, one snapshot, so BEGIN and COMMIT would only add two round trips to each
        read (a cold `report` at 5,000 partnerships reads each one several times)."""
        with refusals(self.url):
            yield self.connection

    @property
    def local_layout(self) -> Layout:
        """The user's own folder for this database: where each assessment was left, caches."""
        return self._layout

    # --- where records are kept (store.register's hooks) -------------------------

    def list_partnerships(self) -> list[dict]:
        with self.reading() as connection:
            return rows.summaries(connection)

    def exists(self, pid: str) -> bool:
        with self.reading() as connection:
            return connection.execute("SELECT 1 FROM pwiz.partnerships WHERE id = %s", (pid,)).fetchone() is not None

    @contextmanager
    def _read(self, pid: str) -> Iterator[PartnershipFile]:
        with self.reading() as connection:  # RowStorage reads every table in one statement
            yield PartnershipFile(TinyDB(connection, pid, storage=rows.RowStorage), pid, None)

    @contextmanager
    def _write(self, pid: str) -> Iterator[PartnershipFile]:
        with self.transaction(pid) as connection:
            file = PartnershipFile(TinyDB(connection, pid, storage=rows.RowStorage), pid, None)
            yield file
            file.commit()

    @contextmanager
    def _write_with_index(self, pid: str) -> Iterator[tuple[PartnershipFile, IndexFile]]:
        with self._write(pid) as file:
            index = rows.RowIndex(self.connection)
            yield file, index  # type: ignore[misc]  # RowIndex has the IndexFile methods the rules use
            file.commit()
            index.put(file.summary())

    def _keep(self, data: bytes) -> str:
        evidence.check_size("the document", len(data))
        sha = evidence.sha256_of(data)
        with self.transaction() as connection:
            connection.execute(
                "INSERT INTO pwiz.evidence_blobs (sha256, data) VALUES (%s, %s) ON CONFLICT (sha256) DO NOTHING",
                (sha, data),
            )
        return sha

    def _kept(self, record: dict, where: str) -> bytes:
        data = self._blobs([record["sha256"]]).get(record["sha256"])
        if data is None or evidence.sha256_of(data) != record["sha256"]:
            what = "altered since it was attached" if data is not None else "missing"
            raise StoreError(
                f"{where}: its stored copy in {self.where} is {what} (it should have SHA-256 {record['sha256'][:16]}…)"
            )
        return data

    def _blobs(self, digests: list[str]) -> dict[str, bytes]:
        with self.reading() as connection:
            found = connection.execute(
                "SELECT sha256, data FROM pwiz.evidence_blobs WHERE sha256 = ANY(%s)", (digests,)
            ).fetchall()
        return {sha: bytes(data) for sha, data in found}

    def versions(self, pids: list[str]) -> Versions:
        """Each partnership's row revision, read in one query before any partnership is read."""
        with self.reading() as connection:
            current = dict(connection.execute("SELECT id, revision FROM pwiz.partnerships").fetchall())
        return Versions([(pid, current.get(pid)) for pid in pids], _row_revision)

    @property
    def associations(self) -> Associations:
        from store.postgres.associations import PgAssociations

        return PgAssociations(self)

    def whoami(self) -> dict:
        """The connecting login, its display name and its pwiz role (store.postgres.roles)."""
        from store.postgres.roles import whoami

        with self.transaction() as connection:
            return {**whoami(connection), "shared": True}

    # --- the register as a whole --------------------------------------------------

    def verify_report(self) -> VerifyReport:
        """Every sign-off and approval checked against its digest and chain, every document rehashed,
        every summary compared with the records it summarises: as a folder's verify, from the rows."""
        report = VerifyReport()
        with self.transaction() as connection:
            # One snapshot for all the reads: officers saving meanwhile must not look like tampering.
            connection.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            partnerships = connection.execute(
                "SELECT id, record, summary FROM pwiz.partnerships ORDER BY seq"
            ).fetchall()
            tables: dict[str, dict[str, dict[str, dict]]] = {
                pid: {"partnership": {"1": record}} for pid, record, _ in partnerships
            }
            for table in rows.CHILD_TABLES:
                for pid, record in connection.execute(f"SELECT partnership_id, record FROM pwiz.{table} ORDER BY seq"):
                    docs = tables[pid].setdefault(table, {})
                    docs[str(len(docs) + 1)] = record
        documents: list[list[str]] = []
        for pid, _, summary in partnerships:
            problem = partnership_file_problem(tables[pid], pid)
            if problem is not None:
                report.problems.append(
                    f"partnership {pid} in {self.where}: its records are not as pwiz writes them ({problem})"
                )
                continue
            outcome = verification.check_tables(tables[pid])
            report.problems += outcome["problems"]
            report.signoffs += len(outcome["signoffs"])
            report.approvals += len(outcome["approvals"])
            documents += outcome["evidence"]
            if verification.summary_digest(summary) != outcome["summary"]:
                report.problems.append(
                    f"partnership {pid}: its summary in {self.where} does not match its records: "
                    "it was changed outside pwiz; ask your register's admin"
                )
        report.partnerships = len(partnerships)
        report.problems += self.associations.problems()
        report.documents = len(documents)
        blobs = self._blobs(sorted({sha for sha, _, _ in documents}))
        for sha, _, where in documents:
            data = blobs.get(sha)
            if data is None or evidence.sha256_of(data) != sha:
                report.problems.append(
                    f"{where}: its stored copy in {self.where} is {'altered' if data else 'missing'}"
                )
        return report

    def history(self, pid: str) -> list[dict]:
        """The audit trail of a partnership (id or name), oldest first: one row per record added or
        changed, as the database's trigger wrote it (store.postgres.schema: `who` is the login,
        an update's `before`/`after` hold only what changed), with the login's display name from
        pwiz.people when it has one and `at` as the register stamps times (store.clock)."""
        pid = self.resolve_partnership(pid)
        with self.transaction() as connection:
            found = connection.execute(_HISTORY, (pid,)).fetchall()
        return [
            {
                "at": clock.stamp(at),
                "who": who,
                "display_name": display_name,
                "kind": kind,
                "operation": operation,
                "record_id": record_id,
                "before": before,
                "after": after,
            }
            for at, who, display_name, kind, operation, record_id, before, after in found
        ]

    def restore(self, forget: list[str] | None = None) -> RestoreReport:
        raise StoreError(
            f"{self.where} is restored from the database's own backups (pg_dump, point-in-time recovery), "
            "not by pwiz restore: ask your database's administrator"
        )


def _row_revision(revision: int | None) -> Revision | None:
    """A partnership row's revision as store.derived keys values (None: no such partnership)."""
    return None if revision is None else [revision]
