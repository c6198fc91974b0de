"""The record embedded in a pack, so anyone can later prove what was signed.

`pwiz-record.json` holds, for each signed assessment in the pack, exactly
what its sign-off digest covers (`store.digest.content_of`, the same
function `store.digest.signed_content` uses) together with that digest, in
the order the sign-offs were made. The pack's *record digest* is the digest
of the newest of them; every sign-off's content includes the digest of the
sign-off before it, so the newest one commits to the whole chain.

Beside that: the partnership's data sheet as it was when the pack was made
(not covered by any sign-off; shown for comparison), the unsigned
assessments of a DRAFT pack (by revision and a digest of their answers),
the questions the pack shows for each assessment, and `pack_digest`, the
SHA-256 of everything else in the record, so that any change to the record
is seen even where it touches no signed content.
"""

from __future__ import annotations

from typing import Any

from store.digest import canonical_json, content_of, sha256_hex
from wizard.pdf.packdata import PackData

NAME = "pwiz-record.json"
FORMAT = "pwiz-approval-pack"
FORMAT_VERSION = 1


def build(data: PackData) -> dict[str, Any]:
    by_signoff = {a.signoff["id"]: a for a in data.assessed if a.signed}
    record: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "partnership_id": data.pid,
        "signed": data.signed,
        "record_digest": data.digest,
        "signoffs": [
            {"digest": s["digest"], "content": content_of(by_signoff[s["id"]].assessment, s)} for s in data.pack_signoffs
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
    }
    record["pack_digest"] = pack_digest(record)
    return record


def pack_digest(record: dict[str, Any]) -> str:
    return sha256_hex({k: v for k, v in record.items() if k != "pack_digest"})


def encode(record: dict[str, Any]) -> bytes:
    """The bytes embedded in the PDF: canonical JSON, one line, UTF-8."""
    return canonical_json(record)
