"""Signing off a draft straight away is one write of the partnership's file and one of the index,
whatever it changes (the significance, the review interval, raised actions and risks), and a refused
sign-off writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from store import Register, files
from tests.pdf.builders import answer_everything
from tests.review.builders import HIGH, LIBRARY
from wizard.errors import UserError
from wizard.service import Governance


@pytest.fixture
def governance(tmp_path: Path) -> Governance:
    return Governance(Register.open(tmp_path / "register"), LIBRARY)


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    monkeypatch.setattr(
        files, "on_write_step", lambda step, path: names.append(path.name) if step == "replaced" else None
    )
    return names


def test_signing_off_a_draft_significance_writes_once_and_sets_the_data_sheet(governance, written):
    pid = governance.add_partnership("Safer Streets")["id"]
    draft = governance.open_assessment(pid, "significance")
    governance.answer_many(draft["id"], answer_everything(LIBRARY.get("significance"), fixed=HIGH))
    written.clear()
    governance.sign_off(draft["id"], by="Jo Bloggs", role="Chief Executive", decision="approved")
    assert written == [f"{pid}.json", "index.json"]
    sheet = governance.partnership(pid)
    assert (sheet["significance"], sheet["review_interval_months"]) == ("high", 3)
    assert governance.assessment(draft["id"])["status"] == "signed-off"


def test_a_sign_off_refused_for_a_missing_answer_writes_nothing(governance, written):
    pid = governance.add_partnership("Safer Streets")["id"]
    draft = governance.open_assessment(pid, "significance")
    governance.answer_many(draft["id"], {"sig-money": "yes"})
    written.clear()
    with pytest.raises(UserError, match="is not complete"):
        governance.sign_off(draft["id"], by="Jo Bloggs", role="Chief Executive", decision="approved")
    assert written == []
    assert governance.assessment(draft["id"])["status"] == "draft"
    assert governance.partnership(pid).get("significance") is None


@pytest.mark.parametrize("finish", ["sign-off", "complete"])
def test_a_review_at_a_higher_significance_opens_what_it_now_requires(governance, finish):
    """Signed off straight from its draft, or marked complete, the review's significance brings the
    questionnaires the new level requires into the review (and nothing that is already in it)."""
    from tests.review.builders import LOW, first_assessment

    pid = first_assessment(governance, LOW)
    low = set(governance.current_assessments(pid))
    drafts = {d.assessment["questionnaire_id"]: d.assessment["id"] for d in governance.start_review(pid)}
    governance.answer_many(drafts["significance"], answer_everything(LIBRARY.get("significance"), fixed=HIGH))
    if finish == "sign-off":
        governance.sign_off(drafts["significance"], by="Jo Bloggs", role="Chief Executive", decision="approved")
    else:
        governance.complete(drafts["significance"])

    current = governance.current_assessments(pid)
    required = governance.required_questionnaires(governance.partnership(pid))
    assert set(required) > low  # high risk needs more than low
    for qid in required:
        if qid == "significance":
            assert current[qid]["status"] == ("signed-off" if finish == "sign-off" else "complete")
        else:
            assert current[qid]["status"] == "draft", qid
    assert {qid for qid in required if qid in drafts and qid != "significance"} == {
        qid for qid in low if qid != "significance"
    }
    assert all(current[qid]["id"] == drafts[qid] for qid in drafts if qid != "significance")  # none opened twice
