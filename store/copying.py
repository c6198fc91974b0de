"""`pwiz db copy`: a whole register copied between a folder and PostgreSQL, either way.

Every partnership's tables are read through the source's own read (`Register._read`) and
written through the target's (`_write_with_index`), record by record in the order they were
added, with their ids and digests as they are: nothing is recomputed, so the target verifies
exactly as the source does. Documents' bytes, the Association Register and (between two
databases) the audit trail come along. The target must hold nothing yet; a copy into
PostgreSQL is one transaction, and a copy into a folder is made beside it and renamed into
place, so a copy that fails leaves the target as it was.

A copy into PostgreSQL needs a pwiz_admin login: it inserts signed-off assessments (only
approvers may) and the audit trail (pwiz.copy_audit, admins only). The database stamps each
sign-off and approval with the copying login; a record that carries the login of the register
it came from keeps it and shows it (store.postgres.schema's stamp_login).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from store.errors import StoreError
from store.ids import TABLE_KINDS
from store.postgres.register import PgRegister
from store.register import Register, VerifyReport

TABLES = ("partnership", *TABLE_KINDS)
STAMP = "signed_in_as"  # who the database saw recording a decision: not part of what was decided


@dataclass
class CopyReport:
    """How much was copied, both sides' verify outcomes, and where they differ (one line each)."""

    partnerships: int = 0
    records: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLE_KINDS, 0))
    documents: int = 0
    associations: int = 0
    audit: int | None = None  # rows of the audit trail copied; None: neither side can hold both ends of one
    source: VerifyReport = field(default_factory=VerifyReport)
    target: VerifyReport = field(default_factory=VerifyReport)
    differences: list[str] = field(default_factory=list)


def copy_register(source: Register, target: Register) -> CopyReport:
    """Copy everything in `source` into the empty `target`, then verify and compare both."""
    if not isinstance(source, PgRegister) and not source.root.is_dir():
        raise StoreError(
            f"there is no register folder {source.root}: give the folder or postgresql:// URL to copy from"
        )
    with _empty(target) as into:  # first: a target that holds anything is refused at once
        report = CopyReport(source=source.verify_report())
        if report.source.problems:
            raise StoreError(
                f"{source.where} does not verify ({len(report.source.problems)} problem(s), the first: "
                f"{report.source.problems[0]}); nothing was copied: run 'pwiz verify' on it and mend it first"
            )
        partnerships = sorted(
            (_tables_of(source, summary["id"]) for summary in source.list_partnerships()),
            key=lambda tables: (tables["partnership"][0].get("created_at") or "", tables["partnership"][0]["id"]),
        )  # oldest first: the order a database keeps them in
        report.audit = _copy_audit(source, into)  # before the records: only an empty register takes one
        for tables in partnerships:
            for record in tables["evidence"]:
                into._keep(source.evidence_data(record["id"]))
            with into._write_with_index(tables["partnership"][0]["id"]) as (written, _):
                for table in TABLES:
                    for record in tables[table]:
                        written.put(table, record)
            report.partnerships += 1
            for table in TABLE_KINDS:
                report.records[table] += len(tables[table])
            report.documents += len(tables["evidence"])
        associations = source.associations._read()
        if associations:
            with into.associations._writing() as db:
                db.storage.write(associations)
            report.associations = sum(len(docs) for docs in associations.values())
    report.target = target.verify_report()
    report.differences = _differences(source, target, [tables["partnership"][0]["id"] for tables in partnerships])
    return report


def _tables_of(register: Register, pid: str) -> dict[str, list[dict]]:
    """A partnership's tables, each record as kept, oldest first."""
    with register._read(pid) as file:
        return {"partnership": [file.record()], **{table: file.all(table) for table in TABLE_KINDS}}


@contextmanager
def _empty(target: Register) -> Iterator[Register]:
    """The target to write into, refused unless it holds nothing; committed (or put in place) whole at the end."""
    from store.postgres.roles import whoami

    if isinstance(target, PgRegister):
        with target.transaction() as connection:
            me = whoami(connection)
            if me["role"] != "admin":
                raise StoreError(
                    f"your login {me['login']} may not copy a register into {target.where}: a copy records sign-offs, "
                    "approvals and the audit trail, which needs a member of pwiz_admin; nothing was copied"
                )
            # nobody adds a partnership between this check and the copy's commit
            connection.execute("LOCK TABLE pwiz.partnerships IN EXCLUSIVE MODE")
            holds = connection.execute(
                "SELECT (SELECT count(*) FROM pwiz.partnerships), (SELECT count(*) FROM pwiz.documents)"
                " + (SELECT count(*) FROM pwiz.evidence_blobs) + (SELECT count(*) FROM pwiz.audit)"
            ).fetchone() or (0, 0)
            if any(holds):
                what = f"{holds[0]} partnership(s)" if holds[0] else "documents, associations or an audit trail"
                raise StoreError(_not_empty(target, what))
            yield target  # the copy's every write joins this one transaction
        return
    root = target.root
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise StoreError(_not_empty(target, "files"))
    root.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=f".{root.name}.copying-", dir=root.parent))
    try:
        yield Register(building)
        if root.exists():
            root.rmdir()  # empty, as checked: the copy takes its place
        building.rename(root)
    finally:
        shutil.rmtree(building, ignore_errors=True)


def _not_empty(target: Register, what: str) -> str:
    return (
        f"{target.where} already holds {what}; nothing was copied: a copy goes only into an empty register "
        "(a new folder, or a database where 'pwiz db init' was just run)"
    )


def _copy_audit(source: Register, target: Register) -> int | None:
    """The audit trail, from one database to another: a folder has none, and cannot keep one."""
    from psycopg.types.json import Jsonb

    if not (isinstance(source, PgRegister) and isinstance(target, PgRegister)):
        return None
    from psycopg.rows import dict_row

    with source.transaction() as connection:
        rows = connection.cursor(row_factory=dict_row).execute(
            "SELECT at, who, kind, operation, partnership_id, record_id, before, after FROM pwiz.audit ORDER BY seq"
        )
        trail = [{**row, "at": row["at"].isoformat()} for row in rows]
    if trail:
        with target.transaction() as connection:
            connection.execute("SELECT pwiz.copy_audit(%s)", (Jsonb(trail),))
    return len(trail)


def _differences(source: Register, target: Register, pids: list[str]) -> list[str]:
    """Where the target's records differ from the source's (the login stamp aside), one line each."""
    lines = []
    copied = {summary["id"] for summary in target.list_partnerships()}
    for pid in pids:
        if pid not in copied:
            lines.append(f"partnership {pid} is missing from {target.where}")
            continue
        mine, theirs = _unstamped(_tables_of(source, pid)), _unstamped(_tables_of(target, pid))
        for table in TABLES:
            if mine[table] != theirs[table]:
                lines.append(f"partnership {pid}: its {table} differ between {source.where} and {target.where}")
    if (source.associations._read() or {}) != (target.associations._read() or {}):
        lines.append(f"the Association Register differs between {source.where} and {target.where}")
    return lines


def _unstamped(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    return {
        table: [{k: v for k, v in record.items() if k != STAMP} for record in records]
        for table, records in tables.items()
    }
