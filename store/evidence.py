"""Evidence: documents (agreements, ISAs, terms of reference, minutes, insurance) kept with a partnership.

A document's bytes are copied into the register under their SHA-256
(`Layout.evidence_file`: REGISTER/evidence/ab/ab12….bin), so the same file
attached twice is stored once, and the name it had on the officer's disk is
only ever shown, never used as a path. The bytes are written atomically
(store.files) and never opened, run or interpreted by pwiz: only hashed and
copied out again. Its record (who, what, when signed, when it expires, which
assessment and question it supports) lives in the partnership's own file,
table `evidence`, written like its actions and risks.

A sign-off covers the SHA-256 of every document linked to the assessment it
signs (`signoff_links`, carried in the sign-off and so in its digest), and
`pwiz verify` rehashes every stored document (`stored_problem`).
"""

from __future__ import annotations

import hashlib
import mimetypes
import re
import shlex
import stat
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import model_validator

from store import files
from store.errors import StoreError
from store.layout import Layout
from store.locks import locked
from store.records import NOT_IN_NAMES, Fields, name_problem

Kind = Literal["agreement", "isa", "terms-of-reference", "minutes", "insurance", "other"]
KINDS = get_args(Kind)
MAX_BYTES = 25_000_000  # a scanned, signed agreement is a few MB; a pack embeds every document
NAME_LIMIT = 200


class EvidenceFields(Fields):
    """What an officer says about a document when attaching it."""

    kind: Kind = "other"
    title: str | None = None
    signed: date | None = None
    expires: date | None = None
    assessment_id: str | None = None
    question_id: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> EvidenceFields:
        if self.signed and self.expires and self.expires < self.signed:
            raise ValueError(f"it expires ({self.expires}) before it was signed ({self.signed})")
        if self.question_id and not self.assessment_id:
            raise ValueError("a question is named only with the assessment it belongs to (--assessment)")
        problem = name_problem(self.title) if self.title is not None else None
        if problem is not None:
            raise ValueError(f"the title {problem}")
        return self


def display_name(name: str) -> str:
    """The original file name as it may be shown: its last part (no folders, whichever
    separator), without characters a terminal obeys, at most NAME_LIMIT characters."""
    last = re.split(r"[\\/]", name)[-1]
    shown = NOT_IN_NAMES.sub("", last).strip()
    if shown in ("", ".", ".."):
        return "unnamed"
    return shown if len(shown) <= NAME_LIMIT else shown[: NAME_LIMIT - 1] + "…"


def media_type(name: str) -> str:
    """The media type its name suggests (kept for the pack's attachment; the bytes are never interpreted)."""
    return mimetypes.guess_type(name, strict=False)[0] or "application/octet-stream"


def read_source(path: Path) -> bytes:
    """The bytes of the document at `path`, or one StoreError line: missing, not a regular file, too big."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise StoreError(f"no file {path}: give the path of the document to attach") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {files.reason(exc)}") from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, a pipe or a socket)"
        raise StoreError(f"cannot attach {path}: it is {what}; give the path of a document")
    check_size(path, info.st_size)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # a file still growing is not read past the limit
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {files.reason(exc)}") from None
    check_size(path, len(data))
    return data


def check_size(path: Path | str, size: int) -> None:
    if size > MAX_BYTES:
        raise StoreError(
            f"{path} is {size / 1_000_000:,.1f} MB; an evidence file is at most {MAX_BYTES // 1_000_000} MB: "
            "attach a smaller copy (a compressed PDF, or the signed pages only)"
        )


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The SHA-256 of a stored document (read in chunks, without copies), or None when it is gone or unreadable."""
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:  # missing, a folder in its place, no permission: not the document it should be
        return None


def keep(layout: Layout, data: bytes) -> str:
    """Store `data` under its SHA-256 (once: an intact copy is left alone, a damaged one replaced); its digest."""
    check_size("the document", len(data))
    sha = sha256_of(data)
    path = layout.evidence_file(sha)
    folder = layout.root / "evidence"
    with locked(layout.lock(folder), folder):  # one lock for all: two partnerships may keep the same file
        if file_digest(path) != sha:
            files.write_atomic(path, data, [])
    return sha


def read_kept(layout: Layout, record: dict, label: str) -> bytes:
    """A stored document's bytes, checked against the SHA-256 its record holds."""
    path = layout.evidence_file(record["sha256"])
    try:
        data = path.read_bytes() if path.stat().st_size <= MAX_BYTES else None
    except OSError:
        data = None
    if data is None or sha256_of(data) != record["sha256"]:
        raise StoreError(stored_problem(layout, record["partnership_id"], record["sha256"], label, path.exists()))
    return data


def stored_problem(layout: Layout, pid: str, sha: str, label: str, present: bool) -> str:
    """One line: which document of which partnership is missing or altered, and how to put it back."""
    what = "altered or damaged since it was attached" if present else "missing"
    return (
        f"{label}: its stored copy {layout.evidence_file(sha)} is {what} (it should have SHA-256 {sha[:16]}…); "
        f"restore it: run 'pwiz --db {shlex.quote(str(layout.root))} evidence add {pid} ORIGINAL-FILE' with the original "
        "document, or put the register's evidence folder back from your own backup"
    )


def label(partnership: dict, record: dict) -> str:
    """How a problem names a document: its partnership and its own id and name."""
    return (
        f"partnership {partnership['id']} {partnership['name']!r}: evidence {record['id']} "
        f"{record.get('title') or record['file_name']!r}"
    )


def new_evidence(eid: str, pid: str, sha: str, size: int, name: str, fields: dict[str, Any], now: str) -> dict:
    """The record of a document kept under `sha`, attached now."""
    return {
        "id": eid,
        "partnership_id": pid,
        **fields,
        "sha256": sha,
        "size": size,
        "file_name": display_name(name),
        "media_type": media_type(display_name(name)),
        "added_at": now,
    }


def same_document(records: list[dict], sha: str, fields: dict[str, Any]) -> dict | None:
    """The record already holding this document, if any: adding it again adds nothing (and repairs
    its stored copy). Given without a link, any record of it matches; given with one, that link must."""
    for record in records:
        if record["sha256"] == sha and (
            fields.get("assessment_id") is None
            or all(record.get(key) == fields.get(key) for key in ("assessment_id", "question_id"))
        ):
            return record
    return None


def signoff_links(evidence: list[dict], assessment_id: str) -> list[dict]:
    """What a sign-off of `assessment_id` covers of the documents linked to it, by id."""
    return [
        {"id": e["id"], "sha256": e["sha256"], "size": e["size"], "question_id": e.get("question_id")}
        for e in sorted(evidence, key=lambda e: e["id"])
        if e.get("assessment_id") == assessment_id
    ]


def link_problems(partnership: dict, signoffs: list[dict], evidence: list[dict]) -> list[str]:
    """One line per document a sign-off covers that its partnership no longer holds as signed."""
    held = {e["id"]: e for e in evidence}
    problems = []
    for signoff in signoffs:
        for link in signoff.get("evidence") or []:
            record = held.get(link["id"])
            if record is None or record["sha256"] != link["sha256"]:
                what = "is no longer in the register" if record is None else "now names another file"
                problems.append(
                    f"partnership {partnership['id']} {partnership['name']!r}: evidence {link['id']}, covered by "
                    f"sign-off {signoff['id']}, {what}; put the partnership's file back from a backup ('pwiz restore')"
                )
    return problems


def kept_documents(partnership: dict, evidence: list[dict]) -> list[list[str]]:
    """[sha256, partnership id, label] of each stored document of a partnership: what verify rehashes."""
    return [[record["sha256"], partnership["id"], label(partnership, record)] for record in evidence]


def kept_problems(layout: Layout, documents: list[list[str]], hashed: dict[str, str | None]) -> list[str]:
    """One line per stored document (`kept_documents`) whose bytes no longer have its SHA-256;
    `hashed` remembers each file's digest, so a document kept for several records is read once."""
    problems = []
    for sha, pid, where in documents:
        if sha not in hashed:
            hashed[sha] = file_digest(layout.evidence_file(sha))
        if hashed[sha] != sha:
            problems.append(stored_problem(layout, pid, sha, where, layout.evidence_file(sha).exists()))
    return problems
