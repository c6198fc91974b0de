"""The record embedded in a pack, so anyone can later prove what was signed.

`pwiz-record.json` holds, for each signed assessment in the pack, exactly
what its sign-off digest covers (`store.digest.content_of`, the same
function `store.digest.signed_content` uses) together with that digest, in
the order the sign-offs were made; and the partnership's approval, exactly
what its digest covers (`store.approvals.approval_content`), when the pack
presents one. The pack's *record digest* is the approval's digest: the
approval names the digest of every sign-off it approves, and every
sign-off's content includes the digest of the sign-off before it, so the
approval commits to the whole record. A DRAFT pack (not approved) has none.

Beside that: the partnership's data sheet as it was when the pack was made
(not covered by any sign-off; shown for comparison), the unsigned
assessments of a DRAFT pack (by revision and a digest of their answers),
the questions the pack shows for each assessment, the documents attached to
the PDF (`evidence`: each one's SHA-256 and attachment name), and `pack_digest`, the
SHA-256 of everything else in the record, so that any change to the record
is seen even where it touches no signed content.
"""

from __future__ import annotations

from typing import Any

from store.approvals import approval_content
from store.digest import canonical_json, content_of, sha256_hex
from wizard.pdf import pack_evidence
from wizard.pdf.packdata import PackData

NAME = "pwiz-record.json"
FORMAT = "pwiz-approval-pack"
FORMAT_VERSION = 2  # 2: the partnership's approval is the record's head (1 had none)


def build(data: PackData) -> dict[str, Any]:
    by_signoff = {so["id"]: a for a in data.assessed if (so := a.signed_off)}
    approval = data.approval
    record: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "partnership_id": data.pid,
        "approved": data.final,
        "record_digest": data.digest,
        "approval": {"digest": approval["digest"], "content": approval_content(approval)} if approval else None,
        "signoffs": [
            {"digest": s["digest"], "content": content_of(by_signoff[s["id"]].assessment, s)}
            for s in data.pack_signoffs
        ],
        "drafts": [
            {
                "assessment_id": a.id,
                "questionnaire_id": a.assessment["questionnaire_id"],
                "questionnaire_version": a.assessment["questionnaire_version"],
                "status": a.assessment["status"],
                "revision": a.assessment.get("revision"),
                "answers_digest": sha256_hex(a.assessment["answers"]),
            }
            for a in data.assessed
            if not a.signed
        ],
        "shown": {a.id: [q.id for q in a.shown] for a in data.assessed},
        "partnership": data.partnership,
        "evidence": pack_evidence.in_record(data.documents),
    }
    if data.library.language is not None:  # the questionnaires' wording on the pages (`export --lang`)
        record["language"] = data.library.language
    record["pack_digest"] = pack_digest(record)
    return record


def pack_digest(record: dict[str, Any]) -> str:
    return sha256_hex({k: v for k, v in record.items() if k != "pack_digest"})


def encode(record: dict[str, Any]) -> bytes:
    """The bytes embedded in the PDF: canonical JSON, one line, UTF-8."""
    return canonical_json(record)
