"""Sign-off records, and checking a partnership's sign-offs against their digests.

A partnership's sign-offs form a chain in the order they were recorded:
each carries the digest of the one before, so removing or editing one is
seen at the next.
"""

from __future__ import annotations

from store.assessments import SIGNED_OFF
from store.digest import DIGEST_FORMAT, content_of, sha256_hex


def new_signoff(
    sid: str,
    assessment: dict,
    fields: dict,
    signed_at: str,
    recorded_at: str,
    previous_digest: str | None,
    evidence: list[dict] | None = None,
) -> dict:
    """The sign-off record of `assessment`, with its digest (which covers when it was recorded, and
    the documents linked to the assessment, `evidence` (store.evidence.signoff_links), when there are any)."""
    record = {
        "id": sid,
        "partnership_id": assessment["partnership_id"],
        "assessment_id": assessment["id"],
        **fields,
        "signed_at": signed_at,
        "recorded_at": recorded_at,
        "previous_digest": previous_digest,
        "digest_format": DIGEST_FORMAT,
    }
    if evidence:
        record["evidence"] = evidence
    return {**record, "digest": sha256_hex(content_of(assessment, record))}


def chain_problems(partnership: dict, assessments: list[dict], signoffs: list[dict]) -> list[str]:
    """One line per sign-off that no longer matches, in recording order."""
    label = f"partnership {partnership['id']} {partnership['name']!r}"
    by_id = {a["id"]: a for a in assessments}
    problems = []
    previous = None
    for signoff in signoffs:
        where = f"sign-off {signoff['id']} of assessment {signoff['assessment_id']} ({label})"
        assessment = by_id.get(signoff["assessment_id"])
        if assessment is None:
            problems.append(f"{where}: the assessment it signs is missing")
        elif sha256_hex(content_of(assessment, signoff)) != signoff.get("digest"):
            problems.append(f"{where}: what was signed no longer matches its digest (changed after sign-off)")
        elif assessment["status"] != SIGNED_OFF:
            problems.append(f"{where}: the assessment is no longer marked signed off")
        if signoff.get("previous_digest") != previous:
            problems.append(f"{where}: chain broken: its previous digest is not the digest of the sign-off before it")
        previous = signoff.get("digest")
    signed_ids = {signoff["assessment_id"] for signoff in signoffs}
    problems += [
        f"assessment {a['id']} ({label}) is marked signed off but has no sign-off"
        for a in assessments
        if a["status"] == SIGNED_OFF and a["id"] not in signed_ids
    ]
    return problems
