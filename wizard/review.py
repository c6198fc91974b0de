"""Re-running the evaluation: drafts pre-filled from the last signed-off answers.

Each carried answer stays marked "carried, not yet confirmed" until the
reviewer confirms or changes it, and an assessment with one left cannot be
completed: a review never passes for re-assessed when it was not. When the
questionnaire changed version since, answers are carried by question id;
answers to removed questions, and answers the new version no longer
accepts, are reported and left behind; new questions are simply asked.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from questionnaires.definition import Definition
from store.assessments import is_carried as is_carried  # re-exported: the screens' way to it
from wizard import engine, repeat_answers
from wizard.errors import UserError
from wizard.repeat_answers import plain

if TYPE_CHECKING:
    from wizard.service import Governance


@dataclass
class Draft:
    """The draft a review works on for one questionnaire, and how it was made."""

    assessment: dict[str, Any]
    renews: dict[str, Any] | None = None  # the signed-off assessment it carries from
    resumed: bool = False  # it was already open
    carried: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)  # answered last time, gone from this version
    dropped: list[str] = field(default_factory=list)  # "qid: why" for answers this version rejects
    new_questions: list[str] = field(default_factory=list)  # in this version, not the last

    @property
    def questionnaire_id(self) -> str:
        return self.assessment["questionnaire_id"]


@dataclass(frozen=True)
class Choice:
    """One questionnaire a review could take in, and what starting it would do."""

    questionnaire_id: str
    title: str
    required: bool  # the significance requires it: offered ticked
    state: str  # "carry" (from its last sign-off), "resume" (a draft is open), "new" (never assessed), "done"
    carried: int = 0  # answers that would be carried ("carry"), each to be confirmed or changed


def choices(governance: Governance, partnership_id: str) -> list[Choice]:
    """The questionnaires a review of the partnership could take in: the required ones and any other
    it has, in the library's order; "done" for one already reviewed and signed off in this round."""
    pid = governance.register.resolve_partnership(partnership_id)
    partnership = governance.register.get_partnership(pid)
    current = governance.current_assessments(pid)
    required = governance.required_questionnaires(partnership)
    round_started = _round_started(current)
    found = []
    for qid, definition in governance.library.definitions.items():
        latest = current.get(qid)
        if qid not in required and latest is None:
            continue
        if latest is None:
            state, carried = "new", 0
        elif latest["status"] != "signed-off":
            state, carried = "resume", 0
        elif round_started and latest["created_at"] >= round_started:
            state, carried = "done", 0
        else:
            state, carried = "carry", len(carry(latest, definition, _definition_or_none(governance, latest)).carried)
        found.append(Choice(qid, definition.title, qid in required, state, carried))
    return found


def start(governance: Governance, partnership_id: str, questionnaires: list[str] | None = None) -> list[Draft]:
    """A draft for every questionnaire the partnership's significance requires (or those named).

    Safe to run again while a review is under way: open drafts are kept,
    questionnaires already signed off in this round are left alone, and
    newly required ones are added (after a significance change).
    """
    pid = governance.register.resolve_partnership(partnership_id)
    if not governance.register.list_signoffs(pid):
        name = governance.register.get_partnership(pid)["name"]
        raise UserError(
            f"partnership {pid} ({name}) has nothing signed off yet, so there is nothing to review: "
            f"assess it first ('pwiz assess {pid} scope')"
        )
    partnership = governance.register.get_partnership(pid)
    current = governance.current_assessments(pid)
    round_started = _round_started(current)
    wanted = governance.required_questionnaires(partnership) if questionnaires is None else questionnaires
    unknown = [qid for qid in wanted if qid not in governance.library.definitions]
    if unknown:
        raise UserError(
            f"no questionnaire {', '.join(unknown)}; see 'pwiz questionnaires list' for the ids a review can take"
        )
    drafts = []
    for qid in wanted:
        latest = current.get(qid)
        if round_started and latest and latest["status"] == "signed-off" and latest["created_at"] >= round_started:
            continue  # already reviewed and signed off in this round
        drafts.append(open_draft(governance, pid, qid))
    return drafts


def joining(governance: Governance, partnership_id: str, partnership: dict[str, Any]) -> list[str]:
    """The questionnaires `partnership` (as it is about to stand, e.g. with a new significance)
    requires that the review under way does not hold yet: no assessment, or only one signed off
    before this round began."""
    current = governance.current_assessments(partnership_id)
    round_started = _round_started(current)
    return [
        qid
        for qid in governance.required_questionnaires(partnership)
        if (latest := current.get(qid)) is None
        or (latest["status"] == "signed-off" and (round_started is None or latest["created_at"] < round_started))
    ]


def _round_started(current: dict[str, dict[str, Any]]) -> str | None:
    """When the review under way began (its first draft), or None when none is."""
    return min((a["created_at"] for a in current.values() if _under_review(a)), default=None)


def _under_review(assessment: dict[str, Any]) -> bool:
    return assessment["status"] != "signed-off" and bool(assessment.get("renews"))


def open_draft(governance: Governance, partnership_id: str, questionnaire_id: str) -> Draft:
    """The open assessment of one questionnaire, or a new draft: carried from
    the latest one when it is signed off, empty when there is none."""
    definition = governance.library.get(questionnaire_id)
    latest = governance.latest(partnership_id, questionnaire_id)
    if latest is not None and latest["status"] != "signed-off":
        return Draft(latest, resumed=True)
    if latest is None:
        return Draft(governance.register.start_assessment(partnership_id, definition.id, definition.version))
    draft = carry(latest, definition, _definition_or_none(governance, latest))
    draft.assessment = governance.register.start_assessment(
        partnership_id, definition.id, definition.version, renews=latest["id"], carried=draft.assessment
    )
    return draft


def carry(previous: dict[str, Any], definition: Definition, before: Definition | None) -> Draft:
    """Which of `previous`'s answers carry into `definition` (returned as the
    Draft's `assessment`: {qid: stored answer}, ready for the store)."""
    draft = Draft(assessment={}, renews=previous)
    questions = definition.model.by_id
    for qid, stored in previous["answers"].items():
        section = definition.repeat(qid)  # a repeat section's items carry as one answer
        if qid not in questions and section is None:
            draft.removed.append(qid)
            continue
        try:
            if section is not None:
                repeat_answers.normalise_items(definition, section, plain(stored))
            else:
                engine.normalise(definition.question(qid), stored.get("value"))
        except engine.InvalidAnswer as exc:
            draft.dropped.append(f"{qid}: {exc}")
            continue
        draft.assessment[qid] = stored
        draft.carried.append(qid)
    if before is None or before.version != definition.version:
        known = set(before.model.by_id) if before is not None else set(previous["answers"])
        draft.new_questions = [q.id for q in definition.questions() if q.id not in known]
    return draft


def _definition_or_none(governance: Governance, assessment: dict[str, Any]) -> Definition | None:
    try:
        return governance.definition_for(assessment)
    except UserError:
        return None
