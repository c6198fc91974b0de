"""required_if, computed values and repeat sections as the engine decides them: what is missing,
what each item raises, what the outcome reads."""

from pathlib import Path

import pytest

from questionnaires.loader import load_file
from wizard import engine
from wizard.errors import InvalidAnswer
from wizard.repeat_answers import normalise_items, plain

EXAMPLE = Path(__file__).parents[2] / "questionnaires" / "examples" / "partners.yaml"


@pytest.fixture(scope="module")
def partners():
    return load_file(EXAMPLE)


def given(*items, **top):
    return {**{k.replace("_", "-"): v for k, v in top.items()}, "partners": {"value": list(items)}}


ACME = {"p-name": "Acme", "p-sector": "private", "p-contribution": 60000}
BETA = {"p-name": "Beta", "p-sector": "public", "p-contribution": 1500}


def test_a_repeat_section_below_its_minimum_is_missing_and_counts_in_progress(partners):
    answers = given(own_contribution=5000)
    assert [str(m) for m in engine.missing(partners, answers)] == ["partners: at least 1 × Partner needed, 0 given"]
    assert engine.progress(partners, answers) == engine.Progress(1, 3)  # own, pooled, and the item still needed


def test_each_item_has_its_own_gaps_and_required_if_reads_its_own_sibling(partners):
    answers = given(
        {"p-name": "Acme", "p-sector": "private"}, {"p-name": "Beta", "p-sector": "public"}, {}, own_contribution=0
    )
    assert [str(m) for m in engine.missing(partners, answers)] == [
        "p-contract (Partner 1): no answer yet",  # required_if: a private partner
        "p-name (Partner 3): no answer yet",
        "p-sector (Partner 3): no answer yet",
        "pooled: no answer yet",  # required_if: partner-count > 1
    ]


def test_required_if_that_does_not_hold_leaves_the_question_optional(partners):
    answers = given(BETA, own_contribution=0)
    assert engine.missing(partners, answers) == []
    assert engine.question_required(partners, "pooled", answers) is False


def test_rules_fire_per_item_and_name_the_item(partners):
    answers = given(
        ACME,
        {**ACME, "p-name": "Cobalt", "p-contract": {"value": "no", "action": "Sign by May"}},
        own_contribution=0,
        pooled="yes",
    )
    result = engine.evaluate(partners, answers)
    assert [(f.item, f.text) for f in result.flags] == [(2, "Partner 2: A private partner without a signed contract.")]
    assert [(a.item, a.text) for a in result.actions] == [(2, "Sign by May")]
    assert [str(m) for m in result.missing] == ["p-contract (Partner 1): no answer yet"]


def test_computed_values_sum_over_items_and_decide_the_outcome(partners):
    small = given(ACME, BETA, own_contribution=5000, pooled="no")
    assert engine.computed_values(partners, small) == {"partner-count": 2, "partner-money": 61500, "total-money": 66500}
    assert engine.evaluate(partners, small).outcome("scale").value == "small"
    large = given(ACME, {**BETA, "p-contribution": 40000}, own_contribution=5000, pooled="no")
    assert engine.evaluate(partners, large).outcome("scale").value == "large"  # 105,000 in all


def test_items_are_normalised_and_a_bad_one_is_named(partners):
    section = partners.repeat("partners")
    items = normalise_items(partners, section, [{"p-name": "Acme", "p-contribution": "£2,500", "p-sector": "Private"}])
    assert plain({"value": items}) == [{"p-name": "Acme", "p-contribution": 2500, "p-sector": "private"}]
    with pytest.raises(InvalidAnswer, match=r"^Partner 2, 'p-sector': 'council' is not one of the choices"):
        normalise_items(partners, section, [{"p-name": "A"}, {"p-sector": "council"}])
    with pytest.raises(
        InvalidAnswer, match=r"^Partner 1: 'p-nme' is not a question of 'partners'; did you mean 'p-name'\?"
    ):
        normalise_items(partners, section, [{"p-nme": "A"}])
    with pytest.raises(InvalidAnswer, match=r"^11 × Partner given; at most 10 are taken"):
        normalise_items(partners, section, [{}] * 11)
