"""Partnership approvals: the decision taken on the whole partnership, over its sign-offs.

001 (Responsibilities): the Chief Executive approves a partnership, in
consultation with the Chair and/or Vice-Chair. The questionnaires' sign-offs
are the assessments leading up to it. An approval names the sign-offs it
approves by their digests, so it commits to what each of them signed and,
through their chain, to every sign-off before them. Approvals chain too: each
carries the digest of the partnership's previous approval.

The digest covers every field of the record but `digest` itself, the time it
was recorded included.
"""

from __future__ import annotations

from store.digest import sha256_hex

COVERED_FIELDS = (
    "id",
    "partnership_id",
    "by",
    "role",
    "decision",
    "consulted",
    "conditions",
    "signed_at",
    "recorded_at",
    "covers",
    "previous_digest",
)


def new_approval(
    aid: str, pid: str, fields: dict, covers: list[dict], signed_at: str, recorded_at: str, previous_digest: str | None
) -> dict:
    """The approval record, with its digest. `covers`: {signoff_id, assessment_id, questionnaire_id, digest}."""
    record = {
        "id": aid,
        "partnership_id": pid,
        **fields,
        "covers": covers,
        "signed_at": signed_at,
        "recorded_at": recorded_at,
        "previous_digest": previous_digest,
    }
    return {**record, "digest": approval_digest(record)}


def approval_digest(approval: dict) -> str:
    return sha256_hex(approval_content(approval))


def approval_content(approval: dict) -> dict:
    """What an approval's digest covers (embed this in a pack)."""
    return {field: approval.get(field) for field in COVERED_FIELDS}


def covered(signoff: dict, questionnaire_id: str) -> dict:
    """How an approval names one sign-off it approves."""
    return {
        "signoff_id": signoff["id"],
        "assessment_id": signoff["assessment_id"],
        "questionnaire_id": questionnaire_id,
        "digest": signoff["digest"],
    }


def approval_problems(partnership: dict, signoffs: list[dict], approvals: list[dict]) -> list[str]:
    """One line per approval that no longer matches its digest, its chain or the sign-offs it names."""
    label = f"partnership {partnership['id']} {partnership['name']!r}"
    digests = {signoff["id"]: signoff.get("digest") for signoff in signoffs}
    problems = []
    previous = None
    for approval in approvals:
        where = f"approval {approval['id']} ({label})"
        if approval_digest(approval) != approval.get("digest"):
            problems.append(f"{where}: what was approved no longer matches its digest (changed after approval)")
        if approval.get("previous_digest") != previous:
            problems.append(f"{where}: chain broken: its previous digest is not the digest of the approval before it")
        for item in approval.get("covers") or []:
            if item.get("signoff_id") not in digests:
                problems.append(f"{where}: the sign-off {item.get('signoff_id')} it approves is missing")
            elif digests[item["signoff_id"]] != item.get("digest"):
                problems.append(
                    f"{where}: the sign-off {item['signoff_id']} it approves no longer has the digest it approved"
                )
        previous = approval.get("digest")
    return problems
