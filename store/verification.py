"""`verify`'s check of one partnership file, remembered by the file's content digest.

Checking a file means parsing it, checking its shape and recomputing every
sign-off's and approval's digest: ~1 ms for a typical partnership, 5 s for
5,000. The outcome is a function of the file's bytes and of the checking
code alone, so it is kept in the derived-data cache (store.derived) under
the SHA-256 of those bytes and the digest of the store's source
(`checks_identity`): `verify` still reads every byte of every file, and a
file differing by one byte, or a pwiz with other checks, is checked afresh.

The cache is as open to someone who can write the register folder as the
files are: such a person can equally recompute the (unkeyed) digests inside
a file; the index's anchor, checked on every run, is what catches removals.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from store import evidence
from store.approvals import approval_problems
from store.digest import sha256_hex
from store.index import summarise
from store.signoffs import chain_problems

NAME = "verify"


@cache
def checks_identity() -> str:
    """The digest of the store's source: other checking code, other outcomes."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def content_digest(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def records(tables: dict[str, dict[str, Any]], table: str) -> list[dict]:
    """A table's records in the order they were added (TinyDB's document ids), as PartnershipFile.all."""
    return [dict(doc) for _, doc in sorted((tables.get(table) or {}).items(), key=lambda item: int(item[0]))]


def check_tables(tables: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One parsed, shape-checked partnership file's outcome: its problems, the digests of its sign-offs
    and approvals (for the index's anchor), the digest of its index entry (`summary_digest`), and
    the documents it keeps (store.evidence), whose stored bytes `verify` rehashes every time."""
    (record,) = (dict(doc) for doc in tables["partnership"].values())
    signoffs, approvals = records(tables, "signoffs"), records(tables, "approvals")
    documents = records(tables, "evidence")
    return {
        "problems": chain_problems(record, records(tables, "assessments"), signoffs)
        + approval_problems(record, signoffs, approvals)
        + evidence.link_problems(record, signoffs, documents),
        "signoffs": [signoff.get("digest") for signoff in signoffs],
        "approvals": [approval.get("digest") for approval in approvals],
        "summary": summary_digest(
            summarise(record, signoffs, records(tables, "actions"), approvals, records(tables, "risks"), documents)
        ),
        "evidence": evidence.kept_documents(record, documents),  # rehashed on every run, never remembered
    }


def summary_digest(summary: dict | None) -> str:
    """What an index entry is compared by (the outcome keeps this, not the whole summary)."""
    return sha256_hex(summary)
