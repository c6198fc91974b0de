"""Property tests: whatever the answers, the engine neither crashes nor wavers."""

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaires.library import load_library
from wizard import engine
from wizard.engine import InvalidAnswer

LIBRARY = list(load_library(include_user_dir=False))

anything = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=30) | st.dates(),
    lambda inner: st.lists(inner, max_size=4),
    max_leaves=6,
)


@st.composite
def answer_sets(draw, well_formed: bool):
    """A definition and answers to a random subset of its questions."""
    definition = draw(st.sampled_from(LIBRARY))
    answers = {}
    for q in definition.questions():
        if not draw(st.booleans()):
            continue
        if well_formed and q.options:
            if q.type.value == "multi_choice":
                value = draw(st.lists(st.sampled_from([c.value for c in q.options]), unique=True))
            else:
                value = draw(st.sampled_from([c.value for c in q.options]))
        elif well_formed:
            value = draw(st.one_of(st.integers(0, 10**6), st.text(max_size=20)))
        else:
            value = draw(anything)
        answers[q.id] = {"value": value, "note": draw(st.none() | st.text(max_size=10))}
    return definition, answers


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets(well_formed=False))
def test_random_answers_never_crash_the_engine(case):
    definition, answers = case
    engine.evaluate(definition, answers)
    engine.progress(definition, answers)
    engine.visible_questions(definition, answers)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets(well_formed=True))
def test_hidden_questions_never_count_as_missing(case):
    definition, answers = case
    shown = {q.id for q in engine.visible_questions(definition, answers)}
    assert all(m.question.id in shown for m in engine.missing(definition, answers))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets(well_formed=True), st.randoms())
def test_outcomes_are_deterministic_and_ignore_answer_order(case, rnd: random.Random):
    definition, answers = case
    shuffled = list(answers.items())
    rnd.shuffle(shuffled)
    assert engine.evaluate(definition, answers) == engine.evaluate(definition, dict(shuffled))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(answer_sets(well_formed=True), st.data())
def test_changing_a_hidden_answer_changes_nothing(case, data):
    definition, answers = case
    shown = {q.id for q in engine.visible_questions(definition, answers)}
    hidden = [q for q in definition.questions() if q.id not in shown]
    if not hidden:
        return
    target = data.draw(st.sampled_from(hidden))
    changed = dict(answers, **{target.id: {"value": data.draw(anything)}})
    assert engine.evaluate(definition, changed) == engine.evaluate(definition, answers)


@settings(max_examples=300)
@given(st.sampled_from([q for d in LIBRARY for q in d.questions()]), anything)
def test_normalise_accepts_or_explains(question, raw):
    try:
        value = engine.normalise(question, raw)
    except InvalidAnswer as err:
        assert str(err)
        return
    if value is not None:
        assert engine.normalise(question, value) == value  # stored values are stable
