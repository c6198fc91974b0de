"""The review cycle through the service, on a simulated clock: the schedule
set by the significance questionnaire, carried answers, version changes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from questionnaires.library import Library
from questionnaires.loader import load_text
from store import Register, clock
from tests.pdf.builders import answer_everything
from tests.review.builders import HIGH, LIBRARY, LOW, MEDIUM, first_assessment, sign_all
from wizard.errors import UserError
from wizard.service import Governance


class Clock:
    """The register's clock, moved by the test."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, start: datetime):
        self.moment = start
        monkeypatch.setattr(clock, "now", lambda: clock.stamp(self.moment))

    def set(self, *ymd: int) -> None:
        self.moment = datetime(*ymd, 9, 0, tzinfo=UTC)


@pytest.fixture
def time_machine(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch, datetime(2025, 1, 1, 9, 0, tzinfo=UTC))


@pytest.fixture
def governance(tmp_path: Path, time_machine: Clock) -> Governance:
    return Governance(Register.open(tmp_path / "register"), LIBRARY)


def due_row(governance: Governance, pid: str, today: date) -> dict:
    (row,) = [r for r in governance.register.due(today) if r["id"] == pid]
    return row


def test_a_high_risk_partnership_signed_off_on_1_january_is_due_on_1_april(governance, time_machine):
    pid = first_assessment(governance, HIGH)
    assert governance.register.get_partnership(pid)["significance"] == "high"
    assert due_row(governance, pid, date(2025, 3, 31))["next_review_due"] == "2025-04-01"
    assert due_row(governance, pid, date(2025, 3, 31))["overdue"] is False
    assert due_row(governance, pid, date(2025, 4, 2))["overdue"] is True


def test_a_medium_one_is_due_on_1_january_next_year_and_overdue_after(governance, time_machine):
    pid = first_assessment(governance, MEDIUM)
    assert governance.register.get_partnership(pid)["significance"] == "medium"
    assert due_row(governance, pid, date(2025, 12, 31)) == due_row(governance, pid, date(2025, 12, 31)) | {
        "next_review_due": "2026-01-01",
        "overdue": False,
        "days_until_due": 1,
    }
    assert due_row(governance, pid, date(2026, 1, 2))["overdue"] is True


def test_a_review_carries_every_answer_unconfirmed_until_confirmed_or_changed(governance, time_machine):
    pid = first_assessment(governance, LOW)
    before = governance.latest(pid, "key-principles")
    time_machine.set(2026, 1, 5)

    drafts = {d.questionnaire_id: d for d in governance.start_review(pid)}
    assert sorted(drafts) == ["key-principles", "scope", "significance"]
    kp = drafts["key-principles"].assessment
    assert kp["renews"] == before["id"] and kp["status"] == "draft"
    assert {q: a["value"] for q, a in kp["answers"].items()} == {q: a["value"] for q, a in before["answers"].items()}
    assert set(governance.unconfirmed(kp)) == set(before["answers"])
    with pytest.raises(UserError, match=r"carried answer\(s\) not yet confirmed .*pwiz confirm"):
        governance.complete(kp["id"])

    governance.answer(kp["id"], "kp-leadership", "no", note="Chair resigned")
    kp = governance.confirm(kp["id"], ["kp-alternatives"])
    pending = governance.unconfirmed(kp)
    assert "kp-leadership" not in pending and "kp-alternatives" not in pending
    assert len(pending) == len(before["answers"]) - 2
    assert governance.complete(governance.confirm(kp["id"])["id"])["status"] == "complete"

    # Running review again while it is under way keeps the drafts it made.
    again = {d.questionnaire_id: d for d in governance.start_review(pid)}
    assert (
        all(d.resumed for d in again.values()) and again["scope"].assessment["id"] == drafts["scope"].assessment["id"]
    )


def test_review_refuses_a_partnership_never_signed_off(governance):
    pid = governance.register.add_partnership("New")["id"]
    with pytest.raises(UserError, match="nothing signed off yet, so there is nothing to review: assess it first"):
        governance.start_review(pid)


def test_a_review_that_raises_significance_adds_the_newly_required_questionnaires_and_moves_the_schedule(
    governance, time_machine
):
    pid = first_assessment(governance, MEDIUM)
    assert "risk-assessment" not in governance.current_assessments(pid)
    time_machine.set(2026, 1, 2)
    drafts = {d.questionnaire_id: d.assessment for d in governance.start_review(pid)}
    assert "risk-assessment" not in drafts

    significance = drafts["significance"]["id"]
    governance.answer(significance, "sig-money", "yes")
    for draft in drafts.values():
        governance.confirm(draft["id"])
    governance.complete(significance)

    current = governance.current_assessments(pid)
    assert current["risk-assessment"]["status"] == "draft" and current["risk-assessment"]["renews"] is None
    assert governance.register.get_partnership(pid)["review_interval_months"] == 3
    for questionnaire in ("risk-assessment",):
        governance.answer_many(current[questionnaire]["id"], answer_everything(LIBRARY.get(questionnaire)))
    sign_all(governance, pid)
    assert due_row(governance, pid, date(2026, 1, 2))["next_review_due"] == "2026-04-02"


def test_a_new_questionnaire_version_carries_by_question_id_and_reports_the_rest(governance, time_machine):
    pid = first_assessment(governance, LOW, kp={"kp-cost-benefit": "unclear"})
    source = (Path(__file__).parents[2] / "questionnaires/library/key-principles.yaml").read_text(encoding="utf-8")
    old_kp = governance.latest(pid, "key-principles")
    v2 = source.replace("\nversion: 1\n", "\nversion: 2\n", 1)
    v2 = v2.replace("      - id: kp-alternatives\n", "      - id: kp-alternatives-considered\n", 1)
    cost_benefit = v2[v2.index("      - id: kp-cost-benefit\n") : v2.index("      - id: kp-life-span\n")]
    v2 = v2.replace(cost_benefit, cost_benefit.replace("yes_no_unclear", "yes_no").replace(", 'unclear'", ""))
    definition = load_text(v2, "key-principles-v2.yaml")
    assert definition.version == 2
    governance.library = Library({**LIBRARY.definitions, "key-principles": definition})

    time_machine.set(2026, 1, 5)
    drafts = {d.questionnaire_id: d for d in governance.start_review(pid)}
    kp = drafts["key-principles"]
    assert kp.assessment["questionnaire_version"] == 2
    assert kp.removed == ["kp-alternatives"]
    assert kp.new_questions == ["kp-alternatives-considered"]
    assert kp.dropped == ["kp-cost-benefit: 'unclear' is not one of the choices: Yes, No"]
    assert set(kp.assessment["answers"]) == set(old_kp["answers"]) - {"kp-alternatives", "kp-cost-benefit"}
    assert set(kp.carried) == set(kp.assessment["answers"])
