"""`review_interval_months` on any questionnaire's outcome (issue 16): the partnership is reviewed at
the shortest interval the outcomes of its required questionnaires ask for. On a clock the test holds
still (the register's `clock.now`), so which assessment is newest never depends on the wall clock."""

from __future__ import annotations

from datetime import date

import pytest

from store import Register, clock
from tests.review.builders import LOW, answered, with_questionnaires
from wizard.service import Governance

SCOPE = """\
schema_version: 1
id: scope
title: Council scope
version: 7
source: {document: test-only, section: none}
sections:
  - id: s
    title: S
    questions:
      - {id: council-funded, text: 'Does the council fund it?', type: yes_no, required: true}
outcomes:
  - id: scope
    title: Scope
    cases:
      - {when: "council-funded == 'yes'", value: in, requires: [council-safeguarding]}
      - {when: "true", value: out}
"""

SAFEGUARDING = """\
schema_version: 1
id: council-safeguarding
title: Council safeguarding
version: 1
source: {document: test-only, section: none}
sections:
  - id: s
    title: S
    questions:
      - {id: concern, text: 'Is there a safeguarding concern?', type: yes_no, required: true}
outcomes:
  - id: safeguarding
    title: Safeguarding
    cases:
      - {when: "concern == 'yes'", value: concern, review_interval_months: 1}
      - {when: "true", value: none}
"""


@pytest.fixture
def council(tmp_path, monkeypatch) -> Governance:
    monkeypatch.setattr(clock, "now", lambda: "2025-01-01T09:00:00+00:00")  # every record made in the same second
    register = Register.open(tmp_path / "register")
    return with_questionnaires(register, tmp_path / "council", scope=SCOPE, safeguarding=SAFEGUARDING)


def signed(council: Governance, pid: str, questionnaire: str, answers: dict) -> None:
    draft = council.open_assessment(pid, questionnaire)
    council.answer_many(draft["id"], answers)
    council.sign_off(draft["id"], by="Jo Bloggs", role="Chief Executive", decision="approved")


def interval(council: Governance, pid: str) -> int | None:
    return council.partnership(pid)["review_interval_months"]


def test_the_shortest_interval_of_the_required_outcomes_sets_the_review(council):
    pid = council.add_partnership("Safer Streets")["id"]
    signed(council, pid, "scope", {"council-funded": "yes"})
    answered(council, pid, "significance", LOW)
    assert interval(council, pid) == 12  # significance's, as before
    signed(council, pid, "significance", {})
    signed(council, pid, "council-safeguarding", {"concern": "yes"})
    assert interval(council, pid) == 1  # monthly beats significance's yearly
    [row] = council.register.due(date(2025, 1, 2))
    assert row["next_review_due"] == "2025-02-01"

    [draft] = council.start_review(pid, ["scope"])
    council.answer(draft.assessment["id"], "council-funded", "no")  # safeguarding no longer required...
    assert interval(council, pid) == 1  # ...but a draft counts for nothing until it is completed
    council.complete(draft.assessment["id"])
    assert interval(council, pid) == 12
    assert "council-safeguarding" not in council.required_questionnaires(council.partnership(pid))
