"""Everything an approval pack shows, gathered from the register in one go.

No layout here: `gather` reads the partnership, its current assessments
(the newest of each questionnaire, rendered with the definition version it
was answered under), their sign-offs, the action plan and the risk
register, evaluates each assessment with the engine, and works out what
changed since the previous signed-off review. `pack.py` lays it out;
`record.py` turns the signed part into the embedded record.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from questionnaires.citations import asked
from questionnaires.definition import Definition
from questionnaires.library import Library
from questionnaires.schema import Question, Section
from store.approvals import approval_problems
from store.signoffs import chain_problems
from wizard import engine, raised
from wizard.approval import ApprovalState, state_of
from wizard.changes import ActionChanges, Change
from wizard.errors import UserError
from wizard.history import Entry
from wizard.pdf import pack_evidence
from wizard.service import SIGNIFICANCE, Governance

SIGNED_OFF = "signed-off"


@dataclass
class Assessed:
    """One current assessment, evaluated under its own definition version."""

    assessment: dict
    definition: Definition
    evaluation: engine.Evaluation
    sections: list[tuple[Section, list[Question]]]
    signoff: dict | None = None
    previous: dict | None = None  # the signed-off assessment this one renews
    changes: list[Change] = field(default_factory=list)
    flags_raised: list[str] = field(default_factory=list)
    flags_cleared: list[str] = field(default_factory=list)
    # A repeat section's visible questions per item (its id -> [[slot, ...], ...]); computed values by id.
    items: dict[str, list[list[engine.Slot]]] = field(default_factory=dict)
    computed: dict[str, int | float] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.assessment["id"]

    @property
    def signed(self) -> bool:
        return self.signed_off is not None

    @property
    def signed_off(self) -> dict | None:
        """Its sign-off, when it is signed off (a typed `if so := a.signed_off`)."""
        return self.signoff if self.assessment["status"] == SIGNED_OFF else None

    @property
    def shown(self) -> list[Question]:
        return [q for _, questions in self.sections for q in questions]

    def flags_for(self, question_id: str) -> list[str]:
        return [f.text for f in self.evaluation.flags if f.question_id == question_id]

    def answer(self, question_id: str, item: int | None = None) -> dict:
        """The stored answer; `item` (from 1): that item's, for a question of a repeat section."""
        found = self.assessment["answers"].get(question_id)
        if item is not None:
            items = engine.group_items(self.assessment["answers"].get(self.definition.group_of.get(question_id, "")))
            found = items[item - 1].get(question_id) if item <= len(items) else None
        return found if isinstance(found, dict) else {"value": found}

    def counts(self) -> tuple[int, int, int]:
        """(answered without a flag, flagged, not answered) over the questions shown, each item's included."""
        flagged = {(f.question_id, f.item) for f in self.evaluation.flags}
        asked: list[tuple[str, int | None]] = [(q.id, None) for q in self.shown]
        asked += [(slot.question.id, slot.item) for items in self.items.values() for slots in items for slot in slots]
        ok = bad = blank = 0
        for qid, item in asked:
            if (qid, item) in flagged:
                bad += 1
            elif engine.is_answered(self.answer(qid, item).get("value")):
                ok += 1
            else:
                blank += 1
        return ok, bad, blank


@dataclass(frozen=True)
class Raised:
    """An action or risk the answers raise that the register does not hold yet."""

    assessed: Assessed
    question_id: str
    item: Any  # engine.Action | engine.Risk


@dataclass
class PackData:
    partnership: dict
    summary: dict | None
    assessed: list[Assessed]
    signoffs: list[dict]  # the partnership's whole chain, in order
    actions: list[dict]
    risks: list[dict]
    raised_actions: list[Raised]
    raised_risks: list[Raised]
    required: list[str]
    library: Library
    approval_state: ApprovalState
    action_changes: ActionChanges | None = None  # since the previous review, when there is one
    documents: list[tuple[dict, bytes]] = field(default_factory=list)  # evidence and its bytes (pack_evidence.py)
    history: list[Entry] | None = None  # who changed what (pack_history.py); None: the register keeps none

    @property
    def pid(self) -> str:
        return self.partnership["id"]

    @property
    def approval(self) -> dict | None:
        """The approval the pack presents: the partnership's, if it covers every current sign-off."""
        return self.approval_state.current

    @property
    def final(self) -> bool:
        """Approved (whatever the decision) as the pack stands; otherwise every page says DRAFT."""
        return self.approval is not None

    @property
    def pack_signoffs(self) -> list[dict]:
        """Sign-offs of the pack's assessments, in chain order."""
        ids = {so["id"] for a in self.assessed if (so := a.signed_off)}
        return [s for s in self.signoffs if s["id"] in ids]

    @property
    def digest(self) -> str | None:
        """The record digest: the approval's, which commits to every sign-off it covers."""
        return self.approval["digest"] if self.approval else None

    @property
    def significance_result(self) -> engine.OutcomeResult | None:
        for a in self.assessed:
            if a.definition.id == SIGNIFICANCE:
                return a.evaluation.outcome(SIGNIFICANCE)
        return None

    def raised_by(self, source: str | None) -> str | None:
        """Where a register row was raised, as an officer reads it: "QUESTIONNAIRE: QUESTION",
        from its `source` ("ASSESSMENT QUESTION-ID", see wizard.raised); None for a row added by hand."""
        assessment_id, _, question_id = (source or "").partition(" ")
        if not question_id:
            return source or None
        definitions = [
            a.definition for a in self.assessed if assessment_id in (a.id, (a.previous or {}).get("id"))
        ] + list(self.library.definitions.values())
        for definition in definitions:
            if question_id in definition.model.by_id:
                return asked(definition, question_id)
        return source

    def missing_required(self) -> list[str]:
        present = {a.definition.id for a in self.assessed}
        return [q for q in self.required if q not in present]


def gather(register, library: Library, partnership: str) -> PackData:
    """Read and evaluate everything the pack of `partnership` (id or name) shows."""
    governance = Governance(register, library)
    pid = register.resolve_partnership(partnership)
    sheet = register.get_partnership(pid)
    assessments = register.list_assessments(pid)
    signoffs = register.list_signoffs(pid)
    actions = register.list_actions(pid)
    risks = register.list_risks(pid)
    summary = next((s for s in register.list_partnerships() if s["id"] == pid), None)
    approvals = register.list_approvals(pid)
    problems = chain_problems(sheet, assessments, signoffs) + approval_problems(sheet, signoffs, approvals)
    if problems:  # a pack would present changed answers as signed
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise UserError(
            f"no pack made: {problems[0]}{more}; put the register back from its backups "
            "('pwiz restore', or your own backup) and check it with 'pwiz verify'"
        )

    by_id = {a["id"]: a for a in assessments}
    current: dict[str, dict] = {}
    for a in assessments:  # oldest first: the last one of each questionnaire wins
        current[a["questionnaire_id"]] = a
    order = {qid: n for n, qid in enumerate(library.definitions)}
    chosen = sorted(
        current.values(), key=lambda a: (order.get(a["questionnaire_id"], len(order)), a["questionnaire_id"])
    )
    signoff_of = {s["assessment_id"]: s for s in signoffs}

    assessed = [_assess(governance, a, signoff_of.get(a["id"]), by_id) for a in chosen]
    raised_actions, raised_risks = _raised(assessed, actions, risks)
    required = _required(governance, sheet, assessed)
    return PackData(
        partnership=sheet,
        summary=summary,
        assessed=assessed,
        signoffs=signoffs,
        actions=actions,
        risks=risks,
        raised_actions=raised_actions,
        raised_risks=raised_risks,
        required=required,
        library=library,
        approval_state=state_of(library, required, current, signoffs, approvals),
        action_changes=governance.action_changes(pid),
        documents=pack_evidence.documents(register, pid, {a.id for a in assessed}),
        history=governance.history(pid) if register.keeps_history else None,
    )


def _required(governance: Governance, sheet: dict, assessed: list[Assessed]) -> list[str]:
    required = ["scope", SIGNIFICANCE]
    for a in assessed:
        if a.definition.id == SIGNIFICANCE:
            result = a.evaluation.outcome(SIGNIFICANCE)
            if result is not None:
                required += [q for q in result.requires if q not in required]
    return [q for q in required if q in governance.library.definitions]


def _assess(governance: Governance, assessment: dict, signoff: dict | None, by_id: dict[str, dict]) -> Assessed:
    definition = governance.definition_for(assessment)
    answers = assessment["answers"]
    shown = {q.id for q in engine.visible_questions(definition, answers)}
    sections = []
    items = _items(definition, answers)
    for section in definition.model.sections:
        questions = [q for q in section.questions if q.id in shown]
        if questions or section.id in items:  # a repeat section's questions are its items'
            sections.append((section, questions))
    result = Assessed(
        assessment=assessment,
        definition=definition,
        evaluation=engine.evaluate(definition, answers),
        sections=sections,
        signoff=signoff if assessment["status"] == SIGNED_OFF else None,
        items=items,
        computed=engine.computed_values(definition, answers),
    )
    review = governance.changes_since_review(assessment, by_id)
    if review is not None:
        result.previous = review.previous
        result.changes = review.answers
        result.flags_raised = review.flags_raised
        result.flags_cleared = review.flags_cleared
    return result


def _items(definition: Definition, answers: dict) -> dict[str, list[list[engine.Slot]]]:
    """Each visible repeat section's slots, item by item (an item with nothing visible kept empty)."""
    found: dict[str, list[list[engine.Slot]]] = {
        g.section.id: [[] for _ in g.items] for g in engine.groups(definition, answers)
    }
    for slot in engine.slots(definition, answers):
        if slot.group is not None and slot.item is not None:
            found[slot.group.id][slot.item - 1].append(slot)
    return found


def _raised(assessed: list[Assessed], actions: list[dict], risks: list[dict]) -> tuple[list[Raised], list[Raised]]:
    """Actions and risks the current answers raise that signing off would add (wizard.raised.pending:
    the rule the wizard's preview and sign-off itself follow)."""
    raised_actions: list[Raised] = []
    raised_risks: list[Raised] = []
    for a in assessed:
        adds = raised.pending(a.assessment, a.evaluation, actions, risks)
        raised_actions += [Raised(a, x.question_id, x) for x in adds.actions]
        raised_risks += [Raised(a, x.question_id, x) for x in adds.risks]
    return raised_actions, raised_risks
