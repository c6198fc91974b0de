"""Hostile questionnaire and answers files: refused with a line naming the file, never a traceback or a hang.

The corpus is made at test time (some of it is large): alias bombs, aliases that
refer to themselves, deep nesting, 5,000 nested brackets or 'not's in a condition,
a number of 5,000 digits, Python tags, merge keys, a date not in the calendar, and a
file over the size limit. Each goes through `questionnaires validate`, a user's
questionnaire folder (left out with a warning, the rest working) and `assess --answers`.
The readers are fuzzed with hypothesis too.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaires.conditions import ConditionSyntaxError
from questionnaires.conditions import parse as parse_condition
from questionnaires.yaml_lines import MAX_BYTES, YamlProblem, load

LAUGHS = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(9)
)
VALID = """\
schema_version: 1
id: hostile
title: Hostile
version: 1
source: {document: test-only, section: none}
sections:
  - id: s
    title: S
    questions:
      - id: q1
        text: First?
        type: yes_no
      - id: q2
        text: Second?
        type: yes_no
        visible_if: "CONDITION"
"""


def corpus() -> dict[str, str]:
    return {
        "billion laughs": LAUGHS,
        "alias to itself": "a: &a [*a]\n",
        "deep nesting": "a: " + "[" * 5000 + "]" * 5000 + "\n",
        "brackets in a condition": VALID.replace("CONDITION", "(" * 5000 + "q1 == 'yes'" + ")" * 5000),
        "nots in a condition": VALID.replace("CONDITION", "not " * 5000 + "q1 == 'yes'"),
        "a 5,000-digit number": "version: " + "9" * 5000 + "\n",
        "a python tag": "id: !!python/name:os.system\n",
        "a python object": "id: !!python/object/apply:os.system [echo owned]\n",
        "merge keys": "base: &b {id: x}\nother:\n  <<: *b\n",
        "a date not in the calendar": "when: 2026-02-30\n",
        "too big": "a: " + "x" * (MAX_BYTES + 10) + "\n",
    }


CASES = list(corpus())


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    made = {}
    for n, (name, text) in enumerate(corpus().items()):
        made[name] = folder / f"hostile-{n}.yaml"
        made[name].write_text(text, encoding="utf-8")
    return made


@pytest.mark.parametrize("case", CASES)
def test_validate_refuses_each_hostile_file_with_its_name(pwiz, files, case):
    path = files[case]
    done = pwiz("questionnaires", "validate", str(path))
    assert done.returncode == 1, done.stdout
    assert "Traceback" not in done.stderr and done.stderr.startswith(str(path)), done.stderr[:300]


@pytest.mark.parametrize("case", CASES)
def test_assess_refuses_each_hostile_answers_file_in_one_line(pwiz, files, case):
    pid = pwiz("partnership", "add", "Safer Streets").stdout.strip()
    done = pwiz("assess", pid, "scope", "--answers", str(files[case]))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    [line] = done.stderr.splitlines()
    assert line.startswith(f"pwiz: error: {files[case]}"), line[:300]


def test_aliases_are_not_read_in_answers_files(pwiz, tmp_path):
    pid = pwiz("partnership", "add", "Safer Streets").stdout.strip()
    answers = tmp_path / "answers.yaml"
    answers.write_text("sc-network: &no 'no'\nsc-one-off: *no\n")
    done = pwiz("assess", pid, "scope", "--answers", str(answers))
    assert done.returncode == 1 and "aliases (*name) are not read in this file" in done.stderr


def test_a_users_folder_of_hostile_files_leaves_the_library_working(pwiz, files):
    folder = next(iter(files.values())).parent
    done = pwiz("--questionnaires", str(folder), "questionnaires", "list")
    assert done.returncode == 0, done.stderr[:500]
    assert "scope" in done.stdout and "Traceback" not in done.stderr
    warnings = done.stderr.splitlines()
    assert len(warnings) == len(files) and all(
        w.startswith("pwiz: warning: questionnaire file left out: ") for w in warnings
    )


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.text(max_size=300),
        st.binary(max_size=300).map(lambda b: b.decode("latin-1")),
        st.lists(
            st.sampled_from(["[", "]", "{", "}", "&a ", "*a", "- ", ": ", "\n  ", "!!int ", "<<", "'", '"']),
            max_size=200,
        ).map("".join),
    )
)
def test_the_yaml_reader_reads_or_refuses_anything(text):
    try:
        load(text)
    except YamlProblem:
        pass


@settings(max_examples=300, deadline=2000)
@given(
    st.lists(
        st.sampled_from(
            ["(", ")", "not ", "and ", "or ", "q1", "==", "'x'", "9" * 50, "in", "[", "]", ",", "answered"]
        ),
        max_size=400,
    ).map(" ".join)
)
def test_the_condition_reader_reads_or_refuses_anything(text):
    try:
        parse_condition(text, "q1")
    except ConditionSyntaxError:
        pass


NONSENSE = {
    "version: true": (VALID.replace("version: 1", "version: true").replace("CONDITION", "q1 == 'yes'"), "version"),
    "minimum above maximum": (
        VALID.replace("CONDITION", "q1 == 'yes'") + "        minimum: 10\n        maximum: 1\n",
        "minimum 10 is above maximum 1",
    ),
    "an infinite limit": (VALID.replace("CONDITION", "q1 == 'yes'") + "        maximum: .inf\n", "not a finite number"),
    "a limit of 1e400": (VALID.replace("CONDITION", "q1 == 'yes'") + "        maximum: 1e400\n", "finite number"),
    "a binary title": (
        VALID.replace("title: Hostile", "title: !!binary aGVsbG8=").replace("CONDITION", "q1 == 'yes'"),
        "tag:yaml.org,2002:binary is not read",
    ),
    "an ESC in a text": (
        VALID.replace("First?", '"First\\e[2J?"').replace("CONDITION", "q1 == 'yes'"),
        "control character U+001B",
    ),
    "a NUL in a text": (
        VALID.replace("First?", '"First\\0?"').replace("CONDITION", "q1 == 'yes'"),
        "control character U+0000",
    ),
}


@pytest.mark.parametrize("case", NONSENSE)
def test_validate_refuses_nonsense_values_with_the_fix(case):
    from questionnaires.errors import DefinitionError
    from questionnaires.loader import load_text

    text, expected = NONSENSE[case]
    with pytest.raises(DefinitionError) as refused:
        load_text(text, "nonsense.yaml")
    assert expected in str(refused.value) and "nonsense.yaml" in str(refused.value), str(refused.value)


def test_a_condition_with_a_day_not_in_the_calendar_is_refused():
    from questionnaires.errors import DefinitionError
    from questionnaires.loader import load_text

    text = VALID.replace("type: yes_no\n      - id: q2", "type: date\n      - id: q2").replace(
        "CONDITION", "q1 < '2026-02-30'"
    )
    with pytest.raises(DefinitionError, match="a day not in the calendar"):
        load_text(text, "dates.yaml")
