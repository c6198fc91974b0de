"""The engine as the screens and the CLI see it: visibility, gaps, flags, outcomes."""

import datetime as dt

import pytest

from questionnaires.loader import load_text
from wizard import engine
from wizard.engine import InvalidAnswer

DEMO = """\
id: demo
title: Demo
version: 1
source: {document: 002_7973d30938de3e86.txt, section: "6.3"}
sections:
  - id: money
    title: Money
    questions:
      - {id: budget, text: Does it hold a budget, type: yes_no, required: true}
      - id: amount
        text: Our contribution
        type: number
        unit: "£"
        minimum: 0
        required: true
        visible_if: "budget == 'yes'"
      - id: resources
        text: What do we contribute
        type: multi_choice
        choices: [{value: staff, label: Staff}, {value: premises, label: Premises}, {value: money, label: Money}]
  - id: review
    title: Review
    visible_if: "budget == 'yes'"
    questions:
      - id: audited
        text: Are accounts audited
        type: yes_no
        required: true
        action: {label: Action, required_if: "answer == 'no'"}
        rules:
          - when: "answer == 'no'"
            flag: Accounts are not audited.
            action: Arrange an audit.
            risk: {description: Unaudited accounts, category: Finance, likelihood: 3, impact: 4}
      - {id: started, text: Start date, type: date}
      - {id: notes, text: Anything else, type: short_text}
outcomes:
  - id: significance
    title: Significance
    cases:
      - {when: "amount > 10000 or 'staff' in resources", value: high, review_interval_months: 3}
      - {when: "budget == 'yes'", value: medium, review_interval_months: 12}
      - {when: "true", value: low, review_interval_months: 12}
"""


@pytest.fixture(scope="module")
def demo():
    return load_text(DEMO, "demo.yaml")


def ids(questions):
    return [q.id for q in questions]


def test_questions_appear_as_conditions_change(demo):
    assert ids(engine.visible_questions(demo, {})) == ["budget", "resources"]
    shown = engine.visible_questions(demo, {"budget": {"value": "yes"}})
    assert ids(shown) == ["budget", "amount", "resources", "audited", "started", "notes"]


def test_hidden_answers_are_kept_but_count_for_nothing(demo):
    answers = {"budget": "no", "amount": 50_000, "audited": "no"}
    result = engine.evaluate(demo, answers)
    assert result.outcome("significance").value == "low"  # the hidden £50,000 does not count
    assert result.flags == () and result.actions == () and result.risks == ()
    assert answers["amount"] == 50_000  # nothing is dropped from the record


def test_missing_lists_required_visible_answers_and_boxes(demo):
    assert [str(m) for m in engine.missing(demo, {})] == ["budget: no answer yet"]
    gaps = engine.missing(demo, {"budget": "yes", "audited": {"value": "no"}})
    assert [str(m) for m in gaps] == ["amount: no answer yet", "audited: 'Action' is required for this answer"]
    assert (
        engine.missing(demo, {"budget": "yes", "amount": 0, "audited": {"value": "no", "action": "Ask the treasurer"}})
        == []
    )


def test_rules_raise_flags_actions_and_risks_with_the_users_action_text(demo):
    result = engine.evaluate(
        demo, {"budget": "yes", "amount": 100, "audited": {"value": "no", "action": "Ask the treasurer"}}
    )
    assert [f.text for f in result.flags] == ["Accounts are not audited."]
    assert [a.text for a in result.actions] == ["Ask the treasurer"]
    assert [(r.description, r.category, r.likelihood, r.impact) for r in result.risks] == [
        ("Unaudited accounts", "Finance", 3, 4)
    ]


def test_first_matching_outcome_wins(demo):
    assert engine.evaluate(demo, {"budget": "yes", "amount": 20_000}).outcome("significance").value == "high"
    assert engine.evaluate(demo, {"budget": "yes", "amount": 200}).outcome("significance").review_interval_months == 12
    assert engine.evaluate(demo, {"budget": "no", "resources": ["staff"]}).outcome("significance").value == "high"


def test_progress_counts_visible_questions_only(demo):
    assert engine.progress(demo, {"budget": "no"}) == engine.Progress(1, 2)
    assert engine.progress(demo, {"budget": "yes", "amount": 5}, section_id="money") == engine.Progress(2, 3)


def test_a_question_whose_required_action_is_missing_is_not_answered(demo):
    """'5 of 5 answered' must not sit beside 'a required action is missing' (issue 14)."""
    given = {"budget": "yes", "amount": 5, "resources": ["staff"], "started": "2025-01-01", "notes": "n"}
    short = {**given, "audited": {"value": "no"}}
    assert [str(gap) for gap in engine.missing(demo, short)] == ["audited: 'Action' is required for this answer"]
    assert engine.progress(demo, short, section_id="review") == engine.Progress(2, 3)
    assert engine.progress(demo, short) == engine.Progress(5, 6)
    done = {**given, "audited": {"value": "no", "action": "Ask the treasurer"}}
    assert engine.progress(demo, done) == engine.Progress(6, 6) and engine.missing(demo, done) == []


@pytest.mark.parametrize(
    ("question", "raw", "stored"),
    [
        ("budget", "Yes", "yes"),
        ("budget", " no ", "no"),
        ("amount", "£12,500", 12500),
        ("amount", 99.5, 99.5),
        ("amount", "0", 0),
        ("resources", ["money", "Staff"], ["staff", "money"]),
        ("resources", "premises, money", ["premises", "money"]),
        ("started", "2025-03-31", "2025-03-31"),
        ("started", dt.date(2024, 2, 29), "2024-02-29"),
        ("started", "31/03/2027", "2027-03-31"),  # as officers in the UK type it; stored ISO
        ("started", "03/04/2027", "2027-04-03"),  # 3 April, never March 4
        ("notes", "<b>&amp; Łódź ŵ ŷ مرحبا 🚓", "<b>&amp; Łódź ŵ ŷ مرحبا 🚓"),
        ("notes", "", None),
        ("resources", [], None),
    ],
)
def test_answers_are_normalised(demo, question, raw, stored):
    assert engine.normalise(demo.question(question), raw) == stored


@pytest.mark.parametrize(
    ("question", "raw", "message"),
    [
        ("budget", "maybe", "'maybe' is not one of the choices: Yes, No"),
        ("budget", ["yes", "no"], "choose one answer, not 2: Yes, No"),
        ("amount", "lots", "'lots' is not a number; give a number such as 2500"),
        ("amount", True, "True is not a number; give a number such as 2500"),
        ("amount", -5, "must be at least £0"),
        ("started", "31/02/2024", "'31/02/2024' is not a day in the calendar (check the month and the day)"),
        (
            "started",
            "1/2/24",
            "'1/2/24' is not a date: write it as DD/MM/YYYY or YYYY-MM-DD, e.g. 31/03/2027 or 2027-03-31",
        ),
        (
            "started",
            "20240201",
            "'20240201' is not a date: write it as DD/MM/YYYY or YYYY-MM-DD, e.g. 31/03/2027 or 2027-03-31",
        ),
        ("started", "2023-02-29", "'2023-02-29' is not a day in the calendar (check the month and the day)"),
        ("resources", ["staff", "cake"], "'cake' is not one of the choices: Staff, Premises, Money"),
        ("notes", "x" * 1001, "is 1,001 characters long; the limit here is 1,000"),
    ],
)
def test_invalid_answers_are_rejected_with_a_screen_message(demo, question, raw, message):
    with pytest.raises(InvalidAnswer) as err:
        engine.normalise(demo.question(question), raw)
    assert str(err.value) == message
