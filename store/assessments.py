"""Assessment records and the rules for changing them, without any I/O.

Every change returns a new record with `revision` one higher. For each
question, `answer_revisions` remembers the revision that last changed its
answer: a session that loaded revision N may still save any answer nobody
else has changed since N (the writes merge), but not overwrite one that was.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from store.errors import ConflictError, FrozenError, StoreError

DRAFT, COMPLETE, SIGNED_OFF = "draft", "complete", "signed-off"
ANSWER_PARTS = ("value", "note", "action")


def new_assessment(
    aid: str, pid: str, questionnaire_id: str, version: int, renews: str | None, now: str, carried: dict | None = None
) -> dict:
    """A draft; `carried` answers ({qid: stored answer}) come from the assessment it renews."""
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise StoreError(f"questionnaire version must be a whole number from 1, not {version!r}")
    if carried and renews is None:
        raise StoreError("answers can only be carried into an assessment that renews another one")
    answers = (
        {qid: carried_answer(given, renews) for qid, given in (carried or {}).items()} if renews is not None else {}
    )
    return {
        "id": aid,
        "partnership_id": pid,
        "questionnaire_id": questionnaire_id,
        "questionnaire_version": version,
        "status": DRAFT,
        "answers": answers,
        "answer_revisions": dict.fromkeys(answers, 1),
        "created_at": now,
        "updated_at": now,
        "renews": renews,
        "revision": 1,
    }


def answer(value: Any, note: str | None, action: str | None, now: str | None) -> dict:
    """One stored answer; the value must be plain JSON data."""
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        raise StoreError(f"an answer must be text, a number, true/false, a list or a mapping, not {value!r}") from None
    for part, text in (("note", note), ("action", action)):
        if text is not None and not isinstance(text, str):
            raise StoreError(f"an answer's {part} must be text, not {text!r}")
    return {"value": value, "note": note, "action": action, "answered_at": now}


def carried_answer(given: dict, from_assessment: str) -> dict:
    """An answer copied from the assessment being renewed: it stays marked
    `carried_from` until the reviewer confirms or changes it (any save of
    that question writes a fresh answer without the mark)."""
    stored = answer(given.get("value"), given.get("note"), given.get("action"), given.get("answered_at"))
    return {**stored, "carried_from": from_assessment}


def is_carried(stored: dict | None) -> bool:
    return isinstance(stored, dict) and bool(stored.get("carried_from"))


def answers_from_mapping(changes: dict[str, dict], now: str) -> dict[str, dict]:
    """{qid: {"value", "note"?, "action"?}} as stored answers."""
    stored = {}
    for qid, given in changes.items():
        if not isinstance(given, dict) or "value" not in given or set(given) - set(ANSWER_PARTS):
            raise StoreError(f"the answer to {qid!r} must be a mapping with 'value' and optionally 'note' and 'action'")
        stored[qid] = answer(given["value"], given.get("note"), given.get("action"), now)
    return stored


def ensure_editable(assessment: dict) -> None:
    if assessment["status"] == SIGNED_OFF:
        raise FrozenError(
            f"assessment {assessment['id']} is signed off and cannot be changed; start a review to record new answers"
        )


def with_answers(assessment: dict, changes: Mapping[str, dict | None], expected_revision: int | None, now: str) -> dict:
    """The record after setting (dict) or clearing (None) the given answers."""
    ensure_editable(assessment)
    for qid, new in changes.items():
        _check_conflict(assessment, qid, new, expected_revision)
    revision = assessment["revision"] + 1
    answers = dict(assessment["answers"])
    for qid, new in changes.items():
        if new is None:
            answers.pop(qid, None)
        else:
            answers[qid] = new
    touched = dict.fromkeys(changes, revision)
    return {
        **assessment,
        "answers": answers,
        "answer_revisions": {**assessment["answer_revisions"], **touched},
        "revision": revision,
        "updated_at": now,
    }


def with_language(assessment: dict, language: str | None) -> dict:
    """The record noting the language its answers were given in (None: left as it is). A record
    without one was answered in English (`language_of`)."""
    return assessment if language is None else {**assessment, "language": language}


def language_of(assessment: dict) -> str:
    return assessment.get("language") or "en"


def with_status(assessment: dict, status: str, now: str) -> dict:
    ensure_editable(assessment)
    if status not in (DRAFT, COMPLETE):
        raise StoreError(f"an assessment's status can be set to {DRAFT!r} or {COMPLETE!r}, not {status!r}")
    return {**assessment, "status": status, "revision": assessment["revision"] + 1, "updated_at": now}


def signed(assessment: dict, now: str, completing: bool = False) -> dict:
    """The record as it is once signed off (frozen from then on); `completing`: a draft its
    caller found complete is signed off as it stands."""
    ensure_editable(assessment)
    if assessment["status"] != COMPLETE and not (completing and assessment["status"] == DRAFT):
        raise StoreError(
            f"assessment {assessment['id']} is still a draft and cannot be signed off; "
            "answer its required questions and mark it complete first"
        )
    return {**assessment, "status": SIGNED_OFF, "revision": assessment["revision"] + 1, "updated_at": now}


def _check_conflict(assessment: dict, qid: str, new: dict | None, expected_revision: int | None) -> None:
    if expected_revision is None or expected_revision == assessment["revision"]:
        return
    if assessment["answer_revisions"].get(qid, 0) <= expected_revision:
        return  # nobody changed this answer since the caller loaded the record: merge
    current = assessment["answers"].get(qid)
    if _same(current, new):
        return  # the other session gave the same answer
    raise ConflictError(
        f"another session changed the answer to {qid!r} in assessment {assessment['id']} "
        f"since you loaded it (revision {expected_revision}, now {assessment['revision']}); "
        "your answer was not saved: reload the assessment to see the other answer, then answer again"
    )


def _same(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return a is b
    return all(a.get(part) == b.get(part) for part in ANSWER_PARTS)
