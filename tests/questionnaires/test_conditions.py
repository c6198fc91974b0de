"""The condition language: what authors write and what it means."""

import pytest

from questionnaires.conditions import ConditionSyntaxError, evaluate, parse, references


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("q1 == 'yes'", {"q1": "yes"}, True),
        ("q1 == 'yes'", {"q1": "no"}, False),
        ("q1 != 'yes'", {"q1": "no"}, True),
        ("q1 != 'yes'", {}, False),  # unanswered: every comparison is false
        ("not answered(q1)", {}, True),
        ("answered(q1)", {"q1": ""}, False),
        ("amount > 10000", {"amount": 25000}, True),
        ("amount >= 10000.5", {"amount": 10000}, False),
        ("q1 in ['no', 'unclear']", {"q1": "unclear"}, True),
        ("q1 not in ['no', 'unclear']", {"q1": "yes"}, True),
        ("'staff' in resources", {"resources": ["money", "staff"]}, True),
        ("'premises' in resources", {"resources": ["money"]}, False),
        ("a == 'yes' and (b == 'yes' or c == 'yes')", {"a": "yes", "c": "yes"}, True),
        ("not a == 'yes' or b == 'no'", {"a": "yes", "b": "yes"}, False),
        ("start < '2025-01-01'", {"start": "2024-12-31"}, True),
        ("amount > 'text'", {"amount": 5}, False),  # mismatched types never raise
        ("true", {}, True),
    ],
)
def test_meaning(text, values, expected):
    assert evaluate(parse(text), values) is expected


def test_answer_means_the_question_that_owns_the_rule():
    node = parse("answer in ['no', 'unclear']", self_id="kp-1")
    assert references(node) == {"kp-1"}
    assert evaluate(node, {"kp-1": "no"}) is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("q1 ==", "expected a question id or a value at column 6, found 'the end'"),
        ("q1 == 'yes' and", "expected a question id or a value at column 16, found 'the end'"),
        ("(q1 == 'yes'", "expected ')' at column 13, found 'the end'"),
        ("q1", "'q1' at column 1 needs a comparison, e.g. q1 == 'yes' or answered(q1)"),
        ("q1 == 'yes' ; drop", "unexpected character ';' at column 13"),
        ("answer == 'no'", "'answer' at column 1 only means something inside a question's rules"),
        (
            "__import__('os') == 1",
            "'__import__' at column 1 needs a comparison, e.g. __import__ == 'yes' or answered(__import__)",
        ),
        ("", "the condition is empty"),
    ],
)
def test_syntax_errors_say_where(text, message):
    with pytest.raises(ConditionSyntaxError) as err:
        parse(text)
    assert str(err.value) == message
