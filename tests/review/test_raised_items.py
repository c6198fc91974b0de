"""What a sign-off adds to the action plan and the risk register, and what a review does not add again."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Register
from tests.review.builders import HIGH, LIBRARY, answered, sign_all
from wizard.service import Governance

SHARED = "Agree the lead officer's terms in writing"


@pytest.fixture
def governance(tmp_path: Path) -> Governance:
    return Governance(Register.open(tmp_path / "register"), LIBRARY)


def high_risk_partnership(governance: Governance) -> str:
    """Every questionnaire a high-risk partnership needs, answered and signed off; two questions raise the same words."""
    pid = governance.register.add_partnership("Safer Streets")["id"]
    for questionnaire in ("scope", "significance"):
        answered(governance, pid, questionnaire, HIGH)
    shared = {
        "improvement": {"im-lead-officer": {"value": "no", "action": SHARED}},
        "governance-standards": {"gs-wp-aims": {"value": "not-met", "note": "Aims not written down", "action": SHARED}},
    }
    for questionnaire in governance.required_questionnaires(governance.register.get_partnership(pid))[2:]:
        draft = answered(governance, pid, questionnaire)
        if questionnaire in shared:
            governance.answer_many(draft["id"], shared[questionnaire])
    sign_all(governance, pid)
    return pid


def test_the_same_words_from_two_questions_are_two_actions(governance):
    pid = high_risk_partnership(governance)
    sources = sorted(a["source"].split()[1] for a in governance.register.list_actions(pid) if a["text"] == SHARED)
    assert sources == ["gs-wp-aims", "im-lead-officer"]


def test_signed_off_risks_join_the_risk_register_and_a_review_adds_nothing_twice(governance):
    pid = high_risk_partnership(governance)
    raised = {
        (risk.question_id, risk.description)
        for assessment in governance.current_assessments(pid).values()
        for risk in governance.evaluate(assessment).risks
    }
    assert raised, "the sample answers raise no risk: the test shows nothing"
    held = {(r["source"].split()[1], r["description"]) for r in governance.register.list_risks(pid)}
    assert held == raised
    actions_before = len(governance.register.list_actions(pid))

    governance.start_review(pid)
    for assessment in governance.current_assessments(pid).values():
        governance.confirm(assessment["id"], governance.unconfirmed(assessment))
    sign_all(governance, pid)

    assert len(governance.register.list_risks(pid)) == len(raised)
    assert len(governance.register.list_actions(pid)) == actions_before


def test_the_pack_lists_each_raised_risk_the_register_does_not_hold_though_its_question_raised_one_it_does(governance):
    """One question may raise several risks; holding one of them does not hold the others."""
    from wizard.pdf.packdata import gather

    pid = governance.register.add_partnership("Safer Streets")["id"]
    for questionnaire in ("scope", "significance"):
        answered(governance, pid, questionnaire, HIGH)
    draft = answered(governance, pid, "risk-assessment")
    by_question: dict[str, list] = {}
    for risk in governance.evaluate(draft).risks:
        by_question.setdefault(risk.question_id, []).append(risk)
    qid, several = next((q, risks) for q, risks in by_question.items() if len(risks) > 1)
    governance.register.add_risk(pid, several[0].description, source=f"{draft['id']} {qid}")

    listed = {
        r.item.description for r in gather(governance.register, LIBRARY, pid).raised_risks if r.question_id == qid
    }
    assert listed == {risk.description for risk in several[1:]}
