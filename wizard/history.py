"""The shared register's audit trail as people read it: one entry per change, without any I/O.

The database writes a row for every record added or changed (store.postgres.schema's
`audit_change`: the login, when, which table, before and after; an update keeps only the keys
that changed, and an assessment's only the answers that changed). A row becomes one entry per
thing a person changed: each answer, each field of the data sheet, an action or a risk, each
decision. Keys the register keeps for its own bookkeeping (revisions, update times, when an
answer was given, scores worked out from other fields) are never a change on their own, and
an answer saved again as it was is no change at all. `pwiz history`, the wizard's History tab
and the approval pack's appendix all read the entries from here, so they cannot disagree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from questionnaires.definition import Definition
from questionnaires.library import Library
from wizard.wording import DECISION_LABELS

BOOKKEEPING = frozenset(
    {"revision", "updated_at", "answer_revisions", "answered_at", "created_at", "reviewed_at", "score", "target_score"}
)
ANSWER_PARTS = ("value", "note", "action")
VALUE_LIMIT = 200  # characters of a value an entry quotes: `--json` keeps it whole
QUESTION_LIMIT = 50  # characters of a question's text an entry quotes after its id
SIGNED_OFF = "signed-off"


@dataclass(frozen=True)
class Entry:
    """One change: when (ISO-8601 UTC), who (the login the database authenticated, and the
    name pwiz.people gives it), and what, in one line; an answer's entry names its question."""

    at: str
    login: str
    display_name: str | None
    what: str
    kind: str  # the register's table: partnerships, assessments, signoffs, approvals, actions, risks, evidence
    record_id: str
    assessment_id: str | None = None  # the assessment an answer, a sign-off or a document belongs to
    question_id: str | None = None  # an answer's question (or repeat section)
    before: Any = None
    after: Any = None

    @property
    def when(self) -> str:
        """ "2026-12-07 23:52:39 UTC": the register's times are UTC."""
        return self.at.replace("T", " ").replace("+00:00", " UTC")

    @property
    def who(self) -> str:
        """ "Alice Smith (asmith)", or the login alone when pwiz.people names nobody for it."""
        return f"{self.display_name} ({self.login})" if self.display_name else self.login

    def as_json(self) -> dict[str, Any]:
        return {
            "at": self.at,
            "who": self.login,
            "display_name": self.display_name,
            "what": self.what,
            "kind": self.kind,
            "record_id": self.record_id,
            "assessment_id": self.assessment_id,
            "question_id": self.question_id,
            "before": self.before,
            "after": self.after,
        }


def entries(rows: Iterable[dict], assessments: dict[str, dict], library: Library) -> list[Entry]:
    """The entries of a partnership's audit rows (store's `history`, oldest first), in that order.

    `assessments`: the partnership's assessments by id (an update's row does not say which
    questionnaire the assessment answers); `library`: where questions' texts and answers'
    labels come from, when it holds the questionnaire."""
    namer = _Namer(assessments, library)
    found: list[Entry] = []
    for row in rows:
        found += _of_row(row, namer)
    return found


def of_assessment(found: list[Entry], assessment_id: str) -> list[Entry]:
    """The entries about one assessment: its answers, its status, its sign-off, its documents."""
    return [entry for entry in found if entry.assessment_id == assessment_id]


# --- one row ---------------------------------------------------------------------------


class _Namer:
    """Names assessments and questions as people know them."""

    def __init__(self, assessments: dict[str, dict], library: Library):
        self.assessments = assessments
        self.library = library

    def definition(self, aid: str) -> Definition | None:
        questionnaire = (self.assessments.get(aid) or {}).get("questionnaire_id")
        return self.library.definitions.get(questionnaire) if questionnaire else None

    def assessment(self, aid: str) -> str:
        """ "assessment P-…-A1 (Key principles)" """
        definition = self.definition(aid)
        questionnaire = definition.title if definition else (self.assessments.get(aid) or {}).get("questionnaire_id")
        return f"assessment {aid} ({_one_line(questionnaire)})" if questionnaire else f"assessment {aid}"

    def question(self, aid: str, qid: str) -> str:
        """ "kp-3 ("Is the purpose clear …")", or the id alone when the library does not have it."""
        definition = self.definition(aid)
        text = None
        if definition is not None:
            section = definition.repeat(qid)
            if section is not None:
                text = section.title
            elif qid in definition.model.by_id:
                text = definition.question(qid).text
        return f'{qid} ("{_short(text, QUESTION_LIMIT)}")' if text else qid

    def answer(self, aid: str, qid: str, value: Any) -> str:
        """An answer's value as the questionnaire labels it ('Yes', not 'yes'), quoted."""
        definition = self.definition(aid)
        if definition is not None and qid in definition.model.by_id and definition.repeat(qid) is None:
            try:
                return _quoted(definition.question(qid).label_for(value)) if value not in (None, "") else "(none)"
            except (TypeError, ValueError):  # a value an older version stored differently
                pass
        return _shown(value)


def _of_row(row: dict, namer: _Namer) -> list[Entry]:
    kind, operation = row["kind"], row["operation"]
    before, after = row.get("before") or {}, row.get("after") or {}

    def entry(what: str, **more: Any) -> Entry:
        return Entry(
            at=row["at"],
            login=row["who"],
            display_name=row.get("display_name"),
            what=what,
            kind=kind,
            record_id=row["record_id"],
            **more,
        )

    if operation == "delete":  # the register never removes records; said if the database ever did
        return [entry(f"{_singular(kind)} {row['record_id']} removed", before=before)]
    if kind == "assessments":
        return _assessment(row["record_id"], operation, before, after, namer, entry)
    if kind in ("signoffs", "approvals"):
        decided = (
            f"{namer.assessment(after.get('assessment_id', ''))} signed off"
            if kind == "signoffs"
            else "partnership approved"
        )
        decision = DECISION_LABELS.get(str(after.get("decision")), str(after.get("decision"))).lower()
        what = f"{decided} by {_one_line(after.get('by'))} ({_one_line(after.get('role'))}): {decision}"
        if after.get("conditions"):
            what += f", on condition {_quoted(after['conditions'])}"
        return [entry(what, assessment_id=after.get("assessment_id"), after=after)]
    if kind == "evidence":
        title = after.get("title") or after.get("file_name")
        to = f" to {namer.assessment(after['assessment_id'])}" if after.get("assessment_id") else ""
        to += f", question {after['question_id']}" if after.get("question_id") and to else ""
        return [
            entry(
                f"document {_quoted(title)} ({after.get('kind')}) attached{to}",
                assessment_id=after.get("assessment_id"),
                after=after,
            )
        ]
    if kind == "partnerships":
        if operation == "insert":
            return [entry(f"partnership {_quoted(after.get('name'))} added", after=after)]
        return [
            entry(f"partnership data sheet: {field} {_shown(before.get(field))} → {_shown(after.get(field))}", **part)
            for field, part in _fields(before, after)
        ]
    if kind in ("actions", "risks"):
        return _plan_row(kind, row["record_id"], operation, before, after, entry)
    done = {"insert": "added", "update": "changed"}.get(operation, operation)
    return [entry(f"{_singular(kind)} {row['record_id']} {done}", before=before or None, after=after)]


def _assessment(aid: str, operation: str, before: dict, after: dict, namer: _Namer, entry: Any) -> list[Entry]:
    named = namer.assessment(aid)
    if operation == "insert":
        carried = len(after.get("answers") or {})
        what = f"{named} started"
        if after.get("renews"):
            what += f", renewing {after['renews']}" + (f": {carried} answer(s) carried, to confirm" if carried else "")
        return [entry(what, assessment_id=aid, after=after)]
    found = []
    old_answers, new_answers = before.get("answers") or {}, after.get("answers") or {}
    for qid in _in_order(namer.definition(aid), [*old_answers, *(q for q in new_answers if q not in old_answers)]):
        old, new = old_answers.get(qid), new_answers.get(qid)
        changed = _answer_change(namer, aid, qid, old, new)
        if changed is not None:
            found.append(entry(changed, assessment_id=aid, question_id=qid, before=old, after=new))
    for field, part in _fields(before, after, also=("answers",)):
        if field == "status":
            status = after.get("status")
            if status == SIGNED_OFF:
                continue  # the sign-off's own entry says it, with who decided what
            what = f"{named} marked complete" if status == "complete" else f"{named} back to {_shown(status)}"
        else:
            what = f"{named}: {field} {_shown(before.get(field))} → {_shown(after.get(field))}"
        found.append(entry(what, assessment_id=aid, **part))
    return found


def _answer_change(namer: _Namer, aid: str, qid: str, old: Any, new: Any) -> str | None:
    """What happened to one answer, or None when nothing a person changed did (saved again as it was)."""
    old, new = _parts(old), _parts(new)
    named = f"answer {namer.question(aid, qid)} of {namer.assessment(aid)}"
    if new is None:
        return f"{named} cleared (it was {namer.answer(aid, qid, (old or {}).get('value'))})"
    if old is None:
        return f"{named}: {namer.answer(aid, qid, new.get('value'))}" + _extras({}, new, given=True)
    changed = [part for part in ANSWER_PARTS if old.get(part) != new.get(part)]
    if not changed:
        if old.get("carried_from") and not new.get("carried_from"):
            return f"{named} confirmed as carried: {namer.answer(aid, qid, new.get('value'))}"
        return None
    said = (
        f"{named}: {namer.answer(aid, qid, old.get('value'))} → {namer.answer(aid, qid, new.get('value'))}"
        if "value" in changed
        else f"{named}"
    )
    return said + _extras(old, new, given=False)


def _extras(old: dict, new: dict, given: bool) -> str:
    """The note's and action's part of an answer's entry: what was given, or what changed."""
    said = ""
    for part in ("note", "action"):
        if given and new.get(part):
            said += f"; {part} {_shown(new[part])}"
        elif not given and old.get(part) != new.get(part):
            said += f"; {part} {_shown(old.get(part))} → {_shown(new.get(part))}"
    return said


def _plan_row(kind: str, rid: str, operation: str, before: dict, after: dict, entry: Any) -> list[Entry]:
    thing = _singular(kind)
    if operation == "insert":
        text = after.get("text") if kind == "actions" else after.get("description")
        return [entry(f"{thing} {rid} {'raised' if kind == 'actions' else 'added'}: {_shown(text)}", after=after)]
    if after.get("status") == "closed" and before.get("status") != "closed":
        what = f"{thing} {rid} closed by {_one_line(after.get('closed_by'))}"
        if after.get("close_reason"):
            what += f": {_shown(after['close_reason'])}"
        return [entry(what, before=before, after=after)]
    return [
        entry(f"{thing} {rid}: {field} {_shown(before.get(field))} → {_shown(after.get(field))}", **part)
        for field, part in _fields(before, after)
    ]


# --- wording ----------------------------------------------------------------------------


def _fields(before: dict, after: dict, also: tuple[str, ...] = ()) -> list[tuple[str, dict[str, Any]]]:
    """The fields a person changed (bookkeeping and `also` left out), each with its before and after."""
    names = [*before, *(k for k in after if k not in before)]
    return [
        (name, {"before": before.get(name), "after": after.get(name)})
        for name in names
        if name not in BOOKKEEPING and name not in also and before.get(name) != after.get(name)
    ]


def _in_order(definition: Definition | None, qids: list[str]) -> list[str]:
    """Question ids in the questionnaire's order (sections' ids where their questions would be), the rest after."""
    if definition is None:
        return sorted(qids)
    order: dict[str, int] = {}
    for section in definition.model.sections:
        order.setdefault(section.id, len(order))
        for question in section.questions:
            order.setdefault(question.id, len(order))
    return sorted(qids, key=lambda qid: (order.get(qid, len(order)), qid))


def _parts(stored: Any) -> dict | None:
    if stored is None:
        return None
    return stored if isinstance(stored, dict) else {"value": stored}


def _shown(value: Any) -> str:
    """A stored value in an entry: text quoted, on one line, shortened; nothing as "(none)"."""
    if value is None or value == "" or value == []:
        return "(none)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return _quoted(value)
    return _short(json.dumps(value, ensure_ascii=False), VALUE_LIMIT)


def _quoted(text: Any) -> str:
    return f"'{_short(text, VALUE_LIMIT)}'"


def _short(text: Any, limit: int) -> str:
    line = _one_line(text)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _one_line(text: Any) -> str:
    return " ".join(str(text).split())


def _singular(kind: str) -> str:
    return {"signoffs": "sign-off", "evidence": "document", "partnerships": "partnership"}.get(kind, kind.rstrip("s"))
