"""Short random ids; an assessment's id starts with its partnership's id so a
lookup opens one file. No counters are stored: a clash is checked and redrawn."""

from __future__ import annotations

import re
from collections.abc import Callable

from store.errors import NotFoundError

PARTNERSHIP_ID = re.compile(r"p[0-9a-f]{6}")
ASSOCIATION_ID = re.compile(r"as[0-9a-f]{6}")  # the Association Register's own (store.associations)
# What follows the partnership id in the ids of the records it holds.
KIND_LETTERS = {
    "assessment": "a",
    "sign-off": "s",
    "action": "t",
    "risk": "r",
    "approval": "d",
    "issued pack": "i",
    "evidence": "e",
}
_CHILD_ID = re.compile(r"(p[0-9a-f]{6})-([asrtdie])[0-9a-f]{6}")
# A partnership file's tables of records, and what one record of each is called.
TABLE_KINDS = {
    "assessments": "assessment",
    "signoffs": "sign-off",
    "actions": "action",
    "risks": "risk",
    "approvals": "approval",
    "issued": "issued pack",
    "evidence": "evidence",
}


def new_partnership_id(taken: Callable[[str], bool]) -> str:
    return _draw(lambda: "p" + _token(), taken)


def new_association_id(taken: Callable[[str], bool]) -> str:
    return _draw(lambda: "as" + _token(), taken)


def new_child_id(pid: str, kind: str, taken: Callable[[str], bool]) -> str:
    return _draw(lambda: f"{pid}-{KIND_LETTERS[kind]}{_token()}", taken)


def _token() -> str:
    import secrets  # here: it loads OpenSSL, which reading the register (the wizard's start) never needs

    return secrets.token_hex(3)


def _draw(make: Callable[[], str], taken: Callable[[str], bool]) -> str:
    while True:
        candidate = make()
        if not taken(candidate):
            return candidate


def is_partnership_id(text: str) -> bool:
    return PARTNERSHIP_ID.fullmatch(text) is not None


def partnership_of(record_id: str, kind: str) -> str:
    """The partnership id inside an assessment/sign-off/action/risk id."""
    match = _CHILD_ID.fullmatch(record_id) if isinstance(record_id, str) else None
    if match is None or match.group(2) != KIND_LETTERS[kind]:
        example = f"p3f9a1c-{KIND_LETTERS[kind]}4b2e01"
        raise NotFoundError(f"no {kind} {record_id!r}: {kind} ids look like {example}")
    return match.group(1)
