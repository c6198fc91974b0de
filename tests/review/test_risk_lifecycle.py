"""A risk's life in the register: scored, treated, reviewed on time and closed once; and the actions
an officer types into answers joining the plan."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from questionnaires.library import Library
from questionnaires.loader import load_text
from store import Register
from store.errors import StoreError
from store.schedule import add_months
from wizard.service import Governance

TYPED = """\
id: typed
title: Typed boxes
version: 1
source: {document: 002_7973d30938de3e86.txt, section: "6.3"}
sections:
  - id: only
    title: Only
    questions:
      - id: tra
        text: Is there a threat and risk assessment
        type: yes_no
        required: true
        action: {label: Action}
      - id: audited
        text: Are accounts audited
        type: yes_no
        required: true
        rules:
          - when: "answer == 'no'"
            risk: {description: Unaudited accounts, category: Finance, likelihood: 3, impact: 4}
"""


@pytest.fixture
def register(tmp_path: Path) -> Register:
    return Register.open(tmp_path / "register")


def today_plus(months: int) -> str:
    return add_months(datetime.now(UTC).date(), months).isoformat()


def test_a_risk_is_scored_from_its_likelihood_and_impact_whatever_changes(register):
    pid = register.add_partnership("Safer Streets")["id"]
    risk = register.add_risk(pid, "Partner funding ends in March", likelihood=4, impact=5)
    unscored = register.add_risk(pid, "Chair may resign")
    assert (risk["score"], risk["status"], unscored["score"]) == (20, "open", None)

    treated = register.update_risk(
        risk["id"], likelihood=2, owner="Insp. Ŵyn", mitigation="Bid early", target_likelihood=1, target_impact=3
    )
    assert (treated["score"], treated["target_score"], treated["owner"]) == (10, 3, "Insp. Ŵyn")
    assert register.list_risks(pid)[0]["score"] == 10  # as written, read back

    with pytest.raises(StoreError) as refused:
        register.update_risk(risk["id"], impact=9)
    assert str(refused.value).startswith("risk field 'impact': Input should be less than or equal to 5")
    assert "\n" not in str(refused.value)
    assert register.list_risks(pid)[0]["impact"] == 5  # nothing changed


def test_a_risk_is_closed_once_with_who_and_why_and_stays_as_closed(register):
    pid = register.add_partnership("Safer Streets")["id"]
    risk = register.add_risk(pid, "Venue unavailable", likelihood=2, impact=2)
    closed = register.close_risk(pid, risk["id"], "Jo Bloggs", "New venue booked for two years")
    assert (closed["status"], closed["closed_by"], closed["close_reason"]) == (
        "closed",
        "Jo Bloggs",
        "New venue booked for two years",
    )
    assert closed["closed_at"][:10] == datetime.now(UTC).date().isoformat()

    for attempt in (
        lambda: register.close_risk(None, risk["id"], "Someone Else", "again"),
        lambda: register.update_risk(risk["id"], owner="Someone Else"),
    ):
        with pytest.raises(StoreError, match=r"already closed by Jo Bloggs on \d{4}-\d{2}-\d{2}"):
            attempt()
    with pytest.raises(StoreError, match="pwiz risk close"):
        register.update_risk(register.add_risk(pid, "Another")["id"], status="closed")
    assert register.list_risks(pid)[0]["closed_by"] == "Jo Bloggs"


@pytest.mark.parametrize(
    ("significance", "interval", "months"),
    [("high", 12, 3), ("medium", 6, 6), ("low", None, 12), (None, None, 12)],
)
def test_risk_reviews_fall_due_quarterly_when_high_else_at_the_partnerships_interval(
    register, significance, interval, months
):
    pid = register.add_partnership("Safer Streets", significance=significance, review_interval_months=interval)["id"]
    risk = register.add_risk(pid, "Partner funding ends in March")
    assert risk["review_due"] == today_plus(months)

    reviewed = register.update_risk(risk["id"], likelihood=3, impact=3)  # an update is a review
    assert reviewed["review_due"] == today_plus(months) and reviewed["reviewed_at"] is not None
    chosen = register.update_risk(risk["id"], review_due="2031-02-01")
    assert chosen["review_due"] == "2031-02-01"


def test_a_risk_written_before_risks_had_a_life_still_reads_as_open_and_not_scored(register):
    pid = register.add_partnership("Safer Streets")["id"]
    register.add_risk(pid, "Old risk", likelihood=2, impact=3)
    path = register.root / "partnerships" / f"{pid}.json"
    data = json.loads(path.read_text())
    for row in data["risks"].values():  # as the store wrote risks before
        for field in ("score", "target_score", "target_likelihood", "target_impact", "review_due", "status"):
            del row[field]
        for field in ("reviewed_at", "closed_at", "closed_by", "close_reason"):
            del row[field]
    path.write_text(json.dumps(data))

    (old,) = register.list_risks(pid)
    assert old.get("status", "open") == "open" and "review_due" not in old
    updated = register.update_risk(old["id"], owner="Jo Bloggs")
    assert (updated["score"], updated["status"], updated["owner"]) == (6, "open", "Jo Bloggs")


def test_typed_action_text_joins_the_plan_and_a_rules_starting_score_the_risk_register(tmp_path):
    """The officer's "Do a TRA" joins the plan though no rule on the question raises an action;
    the rule's starting likelihood and impact come with the risk it raises."""
    definition = load_text(TYPED, "typed.yaml")
    governance = Governance(Register.open(tmp_path / "register"), Library({"typed": definition}))
    pid = governance.add_partnership("Safer Streets", significance="high")["id"]
    draft = governance.open_assessment(pid, "typed")
    governance.answer_many(draft["id"], {"tra": {"value": "no", "action": "Do a TRA"}, "audited": "no"})

    (preview,) = governance.pending_raised(pid).values()
    assert [a.text for a in preview.actions] == ["Do a TRA"]
    governance.sign_off(draft["id"], by="Jo Bloggs", role="Chief Executive", decision="approved")

    (action,) = governance.actions(pid)
    assert (action["text"], action["source"]) == ("Do a TRA", f"{draft['id']} tra")
    (risk,) = governance.risks(pid)
    assert (risk["likelihood"], risk["impact"], risk["score"], risk["review_due"]) == (3, 4, 12, today_plus(3))
    assert [gap.line for gap in governance.plan_gaps(pid)] == [
        f"action {action['id']} (Do a TRA) has no owner and no due date: "
        f"pwiz action update {action['id']} --owner NAME --due DD/MM/YYYY"
    ]
