"""The format's later additions load (required_if, repeat sections, computed values), and a
file that misuses one is refused with one line per problem: file:line, what, how to fix it."""

from pathlib import Path

import pytest

from questionnaires.errors import DefinitionError
from questionnaires.loader import load_file, load_text

EXAMPLE = Path(__file__).parents[2] / "questionnaires" / "examples" / "partners.yaml"

HEAD = """\
id: demo
title: Demo
version: 1
source: {document: test-only, section: none}
"""


def problems(body: str) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        load_text(HEAD + body, "demo.yaml")
    return [str(p) for p in caught.value.problems]


def test_the_example_questionnaire_loads_with_its_repeat_section_and_computed_values():
    definition = load_file(EXAMPLE)
    assert definition.repeat("partners").repeat.label == "Partner"
    assert definition.group_of["p-name"] == "partners" and "own-contribution" not in definition.group_of
    assert [c.id for c in definition.model.computed] == ["partner-count", "partner-money", "total-money"]
    order = definition.visibility_order
    assert order.index("partners") < order.index("partner-money") < order.index("total-money")


def test_required_and_required_if_together_is_one_line():
    assert problems(
        """sections:
  - id: s
    title: S
    questions:
      - {id: q1, text: One, type: yes_no}
      - {id: q2, text: Two, type: yes_no, required: true, required_if: "q1 == 'yes'"}
"""
    ) == [
        "demo.yaml:10: question 'q2': both 'required: true' and 'required_if' are given "
        "(fix: keep one: required_if makes the question required only while its condition holds)"
    ]


def test_a_required_if_naming_an_unknown_question_is_caught_like_visible_if():
    (line,) = problems(
        """sections:
  - id: s
    title: S
    questions:
      - {id: q1, text: One, type: yes_no}
      - {id: q2, text: Two, type: yes_no, required_if: "q3 == 'yes'"}
"""
    )
    assert line.startswith("demo.yaml:10: question 'q2': condition \"q3 == 'yes'\" names unknown question 'q3'")


REPEAT = """sections:
  - id: s
    title: S
    questions:
      - {id: q1, text: One, type: number}
      - {id: kind, text: Kind, type: yes_no}
  - id: partners
    title: Partners
    repeat: {min: 1, max: 5, label: Partner}
    questions:
      - {id: p-name, text: Name, type: short_text}
      - {id: p-money, text: Money, type: number}
"""


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "computed:\n  - {id: n, count: q1}\n",
            "demo.yaml:18: computed value 'n': count: 'q1' is a number question; only a multi_choice question's "
            "ticks are counted (fix: count a repeat section's id or a multiple-choice question's id)",
        ),
        (
            "computed:\n  - {id: t, sum: [q1, kind]}\n",
            "demo.yaml:18: computed value 't': sum: 'kind' is a yes_no question "
            "(fix: only number questions and computed values add up)",
        ),
        (
            "computed:\n  - {id: t, sum: [q1, p-mony]}\n",
            "demo.yaml:18: computed value 't': sum: 'p-mony' is not a question or a computed value "
            "(fix: did you mean 'p-money'?)",
        ),
        (
            "computed:\n  - {id: q1, count: partners}\n",
            "demo.yaml:18: computed value 'q1': the id 'q1' is already a question's (fix: give the computed value its own id)",
        ),
        (
            "computed:\n  - {id: n, count: partners, sum: [q1]}\n",
            "demo.yaml:18: computed value 'n': a computed value takes exactly one of 'count' or 'sum' "
            "(fix: see questionnaires/README.md)",
        ),
        (
            "computed:\n  - {id: n, count: partners}\noutcomes:\n  - id: o\n    title: O\n    cases:\n"
            "      - {when: \"n == 'many'\", value: big}\n",
            "demo.yaml:23: outcome 'o': condition \"n == 'many'\" compares computed value 'n' with 'many', "
            "but it holds a number (fix: compare with a number, e.g. n > 0)",
        ),
        (
            'outcomes:\n  - id: o\n    title: O\n    cases:\n      - {when: "p-money > 10", value: big}\n',
            "demo.yaml:21: outcome 'o': condition 'p-money > 10' names 'p-money', which is asked once per Partner "
            "in repeat section 'partners' (fix: read a computed value instead, e.g. computed: "
            "[{id: partners-count, count: partners}])",
        ),
    ],
    ids=[
        "count-a-number",
        "sum-a-yes-no",
        "sum-a-typo",
        "id-taken",
        "count-and-sum",
        "computed-vs-text",
        "outside-reads-inside",
    ],
)
def test_hostile_computed_values_and_scopes_are_one_line_each(extra, expected):
    assert problems(REPEAT + extra) == [expected]


def test_a_cycle_through_a_computed_value_is_reported():
    (line,) = problems(
        REPEAT.replace("{id: q1, text: One, type: number}", "{id: q1, text: One, type: number, visible_if: 't > 1'}")
        + "computed:\n  - {id: t, sum: [q1]}\n"
    )
    assert "conditions and computed values depend on each other in a cycle: q1 -> t -> q1" in line
    assert line.startswith("demo.yaml:9: question 'q1'")


def test_computed_values_that_read_each_other_are_named_as_such():
    (line,) = problems(REPEAT + "computed:\n  - {id: a, sum: [b]}\n  - {id: b, sum: [a]}\n")
    assert "computed value 'a': conditions and computed values depend on each other in a cycle: a -> b -> a" in line


def test_repeat_limits_out_of_order_and_a_question_of_another_item_are_refused():
    lines = problems(
        REPEAT.replace("{min: 1, max: 5, label: Partner}", "{min: 6, max: 5, label: Partner}")
        + """  - id: deals
    title: Deals
    repeat: {label: Deal}
    questions:
      - {id: d-value, text: Value, type: number, visible_if: "p-money > 0"}
"""
    )
    assert lines == [
        "demo.yaml:13: section 'partners': repeat min 6 is above max 5: swap them (fix: see questionnaires/README.md)"
    ]  # the schema's problems come first; with them fixed, the scope check speaks
    (line,) = problems(
        REPEAT
        + """  - id: deals
    title: Deals
    repeat: {label: Deal}
    questions:
      - {id: d-value, text: Value, type: number, visible_if: "p-money > 0"}
"""
    )
    assert line == (
        "demo.yaml:21: question 'd-value': condition 'p-money > 0' names 'p-money', which is asked once per Partner "
        "in repeat section 'partners' (fix: a question in a repeat section can read its own item's answers and "
        "questions outside any repeat section)"
    )


def test_a_repeat_section_and_a_computed_value_are_named_in_the_chosen_language():
    definition = load_text(
        """id: demo
title: Demo
version: 1
languages: [en, cy]
source: {document: test-only, section: none}
computed:
  - {id: deals, label: {en: Agreements, cy: Cytundebau}, count: agreements}
sections:
  - id: agreements
    title: {en: Agreements, cy: Cytundebau}
    repeat: {label: {en: Agreement, cy: Cytundeb}}
    questions:
      - {id: a-title, text: {en: Its title, cy: Ei deitl}, type: short_text}
""",
        "demo.yaml",
    )
    assert definition.repeat("agreements").repeat.item_label(2) == "Agreement 2"
    welsh = definition.in_language("cy")
    assert welsh.repeat("agreements").repeat.item_label(2) == "Cytundeb 2"
    assert welsh.model.computed[0].label == "Cytundebau"
    (line,) = problems(
        "languages: [en, cy]\n"
        + """sections:
  - id: agreements
    title: Agreements
    repeat: {label: {en: Agreement}}
    questions:
      - {id: a-title, text: Its title, type: short_text}
"""
    )
    assert line.startswith("demo.yaml:9: section 'agreements': 'label' has no 'cy' text")
