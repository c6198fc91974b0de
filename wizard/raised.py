"""The actions and risks that answers raise, and which of them the register already holds.

A raised item is known by the question that raised it and its words as a
reader sees them (case and spacing ignored). A review raises the same item
again and must not add it twice; two questions raising the same words are
two items, each about its own question.

One rule for "raised but not yet in the plan", asked by sign-off (which adds
them), the partnership screen and the pack (which list them): an action is
held while an *open* action holds it (a closed one is done, so the next
sign-off that still raises it adds it again); a risk is held by any risk row;
and an assessment already signed off adds nothing more (it is frozen, its
items joined when it was signed). `pending` is that rule; `new_rows` is what
sign-off writes from it. An action is raised by a rule, or by text typed in
a question's action box (wizard.engine.evaluate), so preview, sign-off and the
pack take both alike.

`gaps` says what the plan still lacks once items have joined it: an owner or
due date for an action, a likelihood and impact for a risk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from store.assessments import SIGNED_OFF

if TYPE_CHECKING:
    from wizard.engine import Action, Evaluation, Risk


def source(assessment_id: str, question_id: str) -> str:
    """What a raised item's register row keeps as its `source`."""
    return f"{assessment_id} {question_id}"


class Held:
    """The raised items that register rows of one kind hold (actions: words in "text", risks: in "description")."""

    def __init__(self, rows: Iterable[dict[str, Any]], words_field: str):
        self._keys = {_key(_question_of(row.get("source")), row.get(words_field)) for row in rows}

    def holds(self, question_id: str, words: Any) -> bool:
        """Whether the item `question_id` raises, in `words`, is held (one question may raise several)."""
        return _key(question_id, words) in self._keys

    def add(self, question_id: str, words: Any) -> None:
        """Count an item as held from now (just added to the register)."""
        self._keys.add(_key(question_id, words))


@dataclass
class Pending:
    """What signing one assessment off adds to the plan and the risk register."""

    actions: list[Action] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)


def pending(assessment: dict[str, Any], result: Evaluation, actions: list[dict], risks: list[dict]) -> Pending:
    """The items `assessment` (evaluated as `result`) raises that its sign-off would add to a
    register holding `actions` and `risks` (all rows, any status): each once, in answer order."""
    if assessment.get("status") == SIGNED_OFF:
        return Pending()
    return _unheld(result, actions, risks)


def new_rows(
    assessment_id: str, result: Evaluation, actions: list[dict], risks: list[dict]
) -> tuple[list[dict], list[dict]]:
    """The action and risk fields that signing `assessment_id` off writes (see `pending`)."""
    unheld = _unheld(result, actions, risks)
    new_actions = [{"text": a.text, "source": source(assessment_id, a.question_id)} for a in unheld.actions]
    new_risks = [
        {
            "description": r.description,
            "category": r.category,
            "likelihood": r.likelihood,
            "impact": r.impact,
            "source": source(assessment_id, r.question_id),
        }
        for r in unheld.risks
    ]
    return new_actions, new_risks


def _unheld(result: Evaluation, actions: list[dict], risks: list[dict]) -> Pending:
    held_actions = Held((a for a in actions if a.get("status", "open") == "open"), "text")
    held_risks = Held(risks, "description")
    found = Pending()
    for action in result.actions:
        if not held_actions.holds(action.question_id, action.text):
            found.actions.append(action)
            held_actions.add(action.question_id, action.text)
    for risk in result.risks:
        if not held_risks.holds(risk.question_id, risk.description):
            found.risks.append(risk)
            held_risks.add(risk.question_id, risk.description)
    return found


def _key(question_id: str | None, words: Any) -> tuple[str | None, str]:
    return question_id, " ".join(str(words or "").split()).casefold()


def _question_of(recorded: str | None) -> str | None:
    """The question in a row's source ("ASSESSMENT QUESTION"); None for a row added by hand."""
    parts = (recorded or "").split()
    return parts[1] if len(parts) == 2 else None


class Gap(NamedTuple):
    """What one open action or risk lacks: `kind` "action" or "risk", a line saying how to give it,
    and the row itself (the wizard offers its form)."""

    kind: str
    line: str
    row: dict

    def raised_by(self, assessment_id: str) -> bool:
        """Whether signing off that assessment put the row on the plan or the risk register."""
        return (self.row.get("source") or "").split(" ")[0] == assessment_id


def gaps(actions: list[dict], risks: list[dict]) -> list[Gap]:
    """Each open action without an owner or a due date and each risk (not closed) without a score."""
    lines = []
    for action in actions:
        lacking = [what for what, key in (("owner", "owner"), ("due date", "due")) if not action.get(key)]
        if action.get("status") == "open" and lacking:
            lines.append(
                Gap(
                    "action",
                    f"action {action['id']} ({action['text']}) has no {' and no '.join(lacking)}: "
                    f"pwiz action update {action['id']} --owner NAME --due DD/MM/YYYY",
                    action,
                )
            )
    for risk in risks:
        if risk.get("status", "open") != "closed" and not (risk.get("likelihood") and risk.get("impact")):
            lines.append(
                Gap(
                    "risk",
                    f"risk {risk['id']} ({risk['description']}) is not scored: "
                    f"pwiz risk update {risk['id']} --likelihood 1-5 --impact 1-5",
                    risk,
                )
            )
    return lines
