"""What a sign-off's digest covers, and how it is computed.

The digest is the SHA-256 of the canonical JSON (sorted keys, no
whitespace, UTF-8) of `signed_content`: the assessment as signed (without
bookkeeping that changes on signing: status, revision, updated_at,
answer_revisions) and the sign-off itself, including the digest of the
partnership's previous sign-off, which chains the sign-offs together.

Sign-offs made since `digest_format` 2 also cover when they were recorded
(`recorded_at`) and the format itself, so it cannot be taken away to make a
changed record look like an older one. A sign-off of an assessment with
documents linked to it (store.evidence) also covers their SHA-256s, in its
`evidence` field; a sign-off without that field is digested as before, so
registers signed before evidence existed still verify. Everything else stored beside a
sign-off (`pdf_signatures`, kept by versions before the ledger of issued packs)
is not covered.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Protocol

SIGNED_ASSESSMENT_FIELDS = (
    "id",
    "partnership_id",
    "questionnaire_id",
    "questionnaire_version",
    "answers",
    "created_at",
    "renews",
)
SIGNED_SIGNOFF_FIELDS = (
    "id",
    "partnership_id",
    "assessment_id",
    "by",
    "role",
    "decision",
    "consulted",
    "conditions",
    "signed_at",
    "previous_digest",
)
DIGEST_FORMAT = 2
_SINCE_FORMAT_2 = ("recorded_at", "digest_format")


class _Assessments(Protocol):
    def get_assessment(self, aid: str) -> dict: ...


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def sha256_hex(obj: Any) -> str:
    return hashlib.sha256(canonical_json(obj)).hexdigest()


def content_of(assessment: dict, signoff: dict) -> dict:
    """The signed content, given the assessment the sign-off names."""
    fields = SIGNED_SIGNOFF_FIELDS + (_SINCE_FORMAT_2 if signoff.get("digest_format") == DIGEST_FORMAT else ())
    fields += ("evidence",) if "evidence" in signoff else ()
    return {
        "assessment": {field: assessment.get(field) for field in SIGNED_ASSESSMENT_FIELDS},
        "signoff": {field: signoff.get(field) for field in fields},
    }


def signed_content(register: _Assessments, signoff: dict) -> dict:
    """What `signoff["digest"]` covers, read from the register (embed this in a pack)."""
    return content_of(register.get_assessment(signoff["assessment_id"]), signoff)
