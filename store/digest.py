"""What a sign-off's digest covers, and how it is computed.

The digest is the SHA-256 of the canonical JSON (sorted keys, no
whitespace, UTF-8) of `signed_content`: the assessment as signed (without
bookkeeping that changes on signing: status, revision, updated_at,
answer_revisions) and the sign-off itself, including the digest of the
partnership's previous sign-off, which chains the sign-offs together.
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


class _Assessments(Protocol):
    def get_assessment(self, aid: str) -> dict: ...


def canonical_json(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def sha256_hex(obj: Any) -> str:
    return hashlib.sha256(canonical_json(obj)).hexdigest()


def content_of(assessment: dict, signoff: dict) -> dict:
    """The signed content, given the assessment the sign-off names."""
    return {
        "assessment": {field: assessment.get(field) for field in SIGNED_ASSESSMENT_FIELDS},
        "signoff": {field: signoff.get(field) for field in SIGNED_SIGNOFF_FIELDS},
    }


def signed_content(register: _Assessments, signoff: dict) -> dict:
    """What `signoff["digest"]` covers, read from the register (embed this in a pack)."""
    return content_of(register.get_assessment(signoff["assessment_id"]), signoff)
