"""Every kind of authoring mistake gets one exact, helpful line."""

import textwrap

import pytest

from questionnaires.errors import DefinitionError
from questionnaires.loader import load_text

HEAD = """\
schema_version: 1
id: demo
title: Demo
version: 1
source: {document: 001_1251f4b6c06a9e5b.txt, section: Key Principles}
sections:
  - id: s1
    title: Section one
    questions:
"""


def problems(body: str, head: str = HEAD) -> list[str]:
    with pytest.raises(DefinitionError) as err:
        load_text(head + textwrap.indent(textwrap.dedent(body), "      "), "demo.yaml")
    return [str(p) for p in err.value.problems]


def test_yaml_syntax_error_names_the_line():
    with pytest.raises(DefinitionError) as err:
        load_text("id: x\ntitle: [unclosed\nversion: 1\n", "demo.yaml")
    assert str(err.value) == (
        "demo.yaml:3: YAML syntax error: expected ',' or ']', but got ':' "
        "(fix: check the indentation and quoting on this line)"
    )


def test_duplicate_yaml_key():
    assert problems("""\
        - id: q1
          text: First
          text: Again
          type: yes_no
        """) == ["demo.yaml:12: duplicate key 'text' (fix: keep one of the two entries)"]


def test_unknown_field_suggests_the_right_one():
    assert problems("""\
        - id: q1
          txt: First
          type: yes_no
        """) == [
        "demo.yaml:10: question 'q1': missing required field 'text' (fix: add 'text:')",
        "demo.yaml:11: question 'q1': unknown field 'txt' (fix: did you mean 'text'?)",
    ]


def test_unknown_type():
    assert problems("""\
        - id: q1
          text: First
          type: yesno
        """) == [
        "demo.yaml:12: question 'q1': unknown question type 'yesno' (fix: did you mean 'yes_no'? use one of: "
        "yes_no, yes_no_unclear, single_choice, multi_choice, short_text, long_text, date, number, met_partly_not)"
    ]


def test_bad_id():
    assert problems("""\
        - id: Question One
          text: First
          type: yes_no
        """) == [
        "demo.yaml:10: question 'Question One': 'Question One' is not a valid id (fix: use lower-case letters, "
        "digits, '-', '_' or '.', starting with a letter or digit)"
    ]


def test_duplicate_question_id():
    assert problems("""\
        - {id: q1, text: First, type: yes_no}
        - {id: q1, text: Second, type: yes_no}
        """) == [
        "demo.yaml:11: question 'q1': duplicate question id 'q1' (first used on line 10) (fix: give each question its own id)"
    ]


def test_a_duplicate_id_read_by_the_other_question_is_not_also_called_a_cycle():
    assert problems("""        - {id: q1, text: First, type: yes_no}
        - {id: q1, text: Second, type: yes_no, visible_if: "q1 == 'yes'"}
        """) == [
        "demo.yaml:11: question 'q1': duplicate question id 'q1' (first used on line 10) (fix: give each question its own id)"
    ]


def test_choice_question_without_choices():
    assert problems("""\
        - {id: q1, text: Pick, type: single_choice}
        """) == ["demo.yaml:10: question 'q1': a single_choice question has no choices (fix: add a 'choices:' list)"]


def test_choices_on_a_fixed_type():
    assert problems("""\
        - {id: q1, text: Pick, type: yes_no, choices: [a, b]}
        - {id: q2, text: Note, type: short_text, choices: [a, b]}
        """) == [
        "demo.yaml:10: question 'q1': a yes_no question's choices are fixed (yes, no); 'choices' may only relabel them "
        "(fix: list exactly yes, no, in that order, each with its label, or remove 'choices')",
        "demo.yaml:11: question 'q2': 'choices' is not used by a short_text question "
        "(fix: remove 'choices' or make it a single_choice or multi_choice question)",
    ]


def test_condition_names_unknown_question():
    assert problems("""\
        - {id: budget, text: Budget, type: yes_no}
        - {id: q2, text: How much, type: number, visible_if: "budgt == 'yes'"}
        """) == [
        "demo.yaml:11: question 'q2': condition \"budgt == 'yes'\" names unknown question 'budgt' (fix: did you mean 'budget'?)"
    ]


def test_condition_with_impossible_value():
    assert problems("""\
        - {id: budget, text: Budget, type: yes_no}
        - {id: q2, text: How much, type: number, visible_if: "budget == 'maybe'"}
        """) == [
        "demo.yaml:11: question 'q2': condition \"budget == 'maybe'\" compares 'budget' with 'maybe', "
        "which it can never be (fix: use one of: yes, no)"
    ]


def test_condition_comparing_number_with_text():
    assert problems("""\
        - {id: amount, text: How much, type: number, unit: "£"}
        - {id: q2, text: Why, type: long_text, visible_if: "amount > 'lots'"}
        """) == [
        "demo.yaml:11: question 'q2': condition \"amount > 'lots'\" compares 'amount' with 'lots', "
        "but it holds a number (fix: compare with a number, e.g. amount > 0)"
    ]


def test_condition_syntax_error():
    assert problems("""\
        - {id: q1, text: First, type: yes_no}
        - {id: q2, text: Second, type: yes_no, visible_if: "q1 = 'yes'"}
        """) == [
        "demo.yaml:11: question 'q2': condition \"q1 = 'yes'\": unexpected character '=' at column 4 "
        "(fix: see 'Conditions' in questionnaires/README.md)"
    ]


def test_visibility_cycle():
    assert problems("""\
        - {id: q1, text: First, type: yes_no, visible_if: "q2 == 'yes'"}
        - {id: q2, text: Second, type: yes_no, visible_if: "q1 == 'yes'"}
        """) == [
        "demo.yaml:10: question 'q1': visibility conditions form a cycle: q1 -> q2 -> q1 "
        "(fix: make each question's visible_if depend only on questions that do not depend back on it)"
    ]


def test_rule_without_effect():
    assert problems("""\
        - id: q1
          text: First
          type: yes_no
          rules:
            - when: "answer == 'no'"
        """) == [
        "demo.yaml:14: question 'q1': a rule needs at least one of flag, action or risk (fix: see questionnaires/README.md)"
    ]


def test_every_problem_is_reported_at_once():
    found = problems("""\
        - {id: q1, text: First, type: yes_no, visible_if: "nope == 'x'"}
        - {id: q2, text: Pick, type: multi_choice}
        - {id: q2, text: Again, type: yes_no}
        """)
    assert len(found) == 3


def test_file_that_is_not_a_mapping():
    with pytest.raises(DefinitionError) as err:
        load_text("- just\n- a list\n", "demo.yaml")
    assert str(err.value) == (
        "demo.yaml:1: a questionnaire file must be a mapping (id:, title:, sections: ...) "
        "(fix: start from a shipped questionnaire file)"
    )


def test_unsupported_schema_version():
    with pytest.raises(DefinitionError) as err:
        load_text(
            HEAD.replace("schema_version: 1", "schema_version: 7") + "      - {id: q1, text: A, type: yes_no}\n",
            "demo.yaml",
        )
    assert str(err.value) == (
        "demo.yaml:1: schema_version 7 is not supported; this pwiz reads schema_version 1 (fix: see questionnaires/README.md)"
    )


def test_a_datasheet_field_that_cannot_take_the_answer_says_which_can():
    assert problems("""\
        - id: q1
          text: Annual contribution
          type: yes_no
          datasheet: financial_contribution
        """) == [
        "demo.yaml:10: question 'q1': datasheet: 'financial_contribution' cannot take a yes_no answer; "
        "it takes no data-sheet field (fix: see questionnaires/README.md)"
    ]
    assert problems("""\
        - id: q1
          text: Who leads it?
          type: short_text
          datasheet: lead_oficer
        """)[0].endswith(
        "datasheet: 'lead_oficer' cannot take a short_text answer; "
        "it takes one of purpose, accountable_body, lead_officer, review_timetable (fix: see questionnaires/README.md)"
    )


def test_datasheet_choices_must_be_the_data_sheets_own_values():
    found = problems("""\
        - id: q1
          text: What kind of partnership?
          type: single_choice
          datasheet: type
          choices: [strategic, joint-venture]
        """)
    assert found == [
        "demo.yaml:10: question 'q1': datasheet: type takes only informal-collaboration, strategic, "
        "statutory-strategic, service-delivery, not joint-venture (fix: see questionnaires/README.md)"
    ]
