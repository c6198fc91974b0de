"""Registers to export: a typical partnership answered through the real service.

`answer_everything` walks a definition with the engine, giving every visible
question an answer (cycling through the options so some answers raise flags,
actions and risks) and filling every note or action box the engine requires,
until nothing is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from questionnaires.definition import Definition
from questionnaires.library import load_library
from questionnaires.schema import Question, QuestionType
from store import Register
from store.location import open_register
from wizard import approval, engine
from wizard.issuing import issue_pack
from wizard.service import Governance

ALL = ("scope", "significance", "key-principles", "checklist", "improvement", "risk-assessment", "governance-standards")


def scope_in(definition: Definition) -> dict[str, str]:
    """Scope answers that keep the partnership in scope (every yes/no test answered No)."""
    return {q.id: "no" for q in definition.questions() if q.type is QuestionType.YES_NO}


def issue(register: Register, lib: Any, pid: str, path: Path) -> Path:
    """Export the pack as `pwiz export` does: written, and entered in the register's ledger."""
    issue_pack(Governance(register, lib), pid, path, command="tests")
    return path


def low_significance(definition: Definition) -> dict[str, Any]:
    """Significance answers that make it low (only the key principles required): no high-risk or
    medium criterion met, no contribution, informal collaboration."""
    answers: dict[str, Any] = {q.id: "no" for q in definition.questions() if q.type is QuestionType.YES_NO}
    return {**answers, "sig-contribution": 0, "sig-spectrum": "informal-collaboration"}


def library():
    return load_library(include_user_dir=False)


def sample(q: Question, n: int, text: Callable[[Question, int], str] | None = None) -> Any:
    """The n-th plausible answer to a question."""
    if q.type in (
        QuestionType.YES_NO,
        QuestionType.YES_NO_UNCLEAR,
        QuestionType.MET_PARTLY_NOT,
        QuestionType.SINGLE_CHOICE,
    ):
        options = q.options
        return options[n % len(options)].value
    if q.type is QuestionType.MULTI_CHOICE:
        return [c.value for c in q.options[: 1 + n % len(q.options)]]
    if q.type is QuestionType.NUMBER:
        return 2500 + n
    if q.type is QuestionType.DATE:
        return f"2024-0{1 + n % 9}-1{n % 10}"
    if text is not None:
        return text(q, n)
    return f"Answer {n} to {q.id}: the partnership keeps minutes & reports to the board <quarterly>."


def answer_everything(
    definition: Definition,
    fixed: dict[str, Any] | None = None,
    text: Callable[[Question, int], str] | None = None,
    note: Callable[[Question, int], str | None] | None = None,
    seed: int = 0,
) -> dict[str, dict]:
    answers: dict[str, dict] = {}
    fixed = fixed or {}
    for _ in range(10):
        for n, q in enumerate(engine.visible_questions(definition, answers)):
            if q.id not in answers:
                value = fixed.get(q.id, sample(q, n + seed, text))
                answers[q.id] = {"value": value}
                extra = note(q, n) if note else None
                if extra and q.note:
                    answers[q.id]["note"] = extra
        gaps = engine.missing(definition, answers)
        if not gaps:
            return answers
        for gap in gaps:
            if gap.part == "answer":
                continue
            answers[gap.question.id][gap.part] = (
                f"{gap.part.capitalize()} for {gap.question.id}: agreed at the March board."
            )
    raise AssertionError(f"could not complete {definition.id}: {engine.missing(definition, answers)}")


def typical_register(
    path: Path | str,
    name: str = "Lancashire Community Safety Partnership",
    signed: bool = True,
    questionnaires: tuple[str, ...] = ALL,
    text: Callable[[Question, int], str] | None = None,
    sheet: dict | None = None,
    by: str = "Jo Bloggs",
    approved: bool | None = None,
) -> tuple[Register, Any, str]:
    """A register with one partnership, every questionnaire answered (and signed off, and the
    partnership approved: by default when everything its significance requires is there; the
    significance is low when `questionnaires` lacks what a high one requires)."""
    lib = library()
    register = open_register(path)  # a folder, or a shared register's URL
    gov = Governance(register, lib)
    fields = dict(
        purpose="Reduce crime and disorder in the county through joint tasking & shared data.",
        type="statutory-strategic",
        focus="strategic",
        basis="statutory",
        level="force-wide",
        accountable_body="Lancashire County Council",
        partners=["Lancashire Constabulary", "Lancashire Fire & Rescue", "NHS Lancashire"],
        representatives=[{"name": "Cllr A. Jones", "kind": "member"}, {"name": "DCI B. Smith", "kind": "officer"}],
        lead_officer="B. Smith",
        sub_groups=["Tasking group", "Data-sharing board"],
        financial_contribution=25000,
        start_date="2021-04-01",
        review_timetable="Annual, each April",
        status="active",
    )
    fields.update(sheet or {})
    partnership = register.add_partnership(name, **fields)
    pid = partnership["id"]
    high_needs = {"key-principles", "checklist", "improvement", "risk-assessment", "governance-standards"}
    for qid in questionnaires:
        definition = lib.get(qid)
        fixed = scope_in(definition) if qid == "scope" else None
        if qid == "significance" and not high_needs <= set(questionnaires):  # approvable with what it has
            fixed = low_significance(definition)
        assessment = gov.open_assessment(pid, qid)
        gov.answer_many(assessment["id"], answer_everything(definition, fixed=fixed, text=text))
        gov.complete(assessment["id"])
        if signed:
            gov.sign_off(
                assessment["id"], by=by, role="Chief Executive", decision="approved", consulted=["Chair", "Vice-Chair"]
            )
    if approved or (approved is None and signed and approval.state(gov, pid).approvable):
        approval.approve(
            gov, pid, by=by, role="Chief Executive", decision="approved", consulted=["Chair", "Vice-Chair"]
        )
    return register, lib, pid
