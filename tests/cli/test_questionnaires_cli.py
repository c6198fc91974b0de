"""`pwiz questionnaires ...` run as a user runs it: a subprocess."""

import json
import textwrap

from wizard import __version__


def test_version_and_help(pwiz):
    assert pwiz("--version").stdout.strip() == f"pwiz, version {__version__}"
    result = pwiz("--help")
    assert result.returncode == 0
    assert "questionnaires" in result.stdout


def test_list_json_names_every_shipped_questionnaire(pwiz):
    result = pwiz("questionnaires", "list", "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert {"key-principles"} <= {r["id"] for r in rows}
    kp = next(r for r in rows if r["id"] == "key-principles")
    assert kp["questions"] == 23


def test_show_json_has_the_documented_shape(pwiz):
    result = pwiz("questionnaires", "show", "key-principles", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"id", "title", "version", "sections"} <= set(data)
    first = data["sections"][0]["questions"][0]
    assert {"id", "text", "type", "required", "choices"} <= set(first)
    assert first["choices"] == ["yes", "no", "unclear"]
    assert first["text"].startswith("Have other alternative approaches been considered")


def test_show_unknown_id_is_one_line_and_exit_1(pwiz):
    result = pwiz("questionnaires", "show", "nope")
    assert result.returncode == 1
    assert result.stderr.startswith("pwiz: error: unknown questionnaire 'nope' (fix: use one of: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_validate_reports_each_problem_with_file_line_and_fix(pwiz, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        textwrap.dedent("""\
        id: bad
        title: Bad
        version: 1
        source: {document: x.txt, section: y}
        sections:
          - id: s1
            title: S
            questions:
              - {id: q1, text: One, type: yes_no, visble_if: "q1 == 'yes'"}
              - {id: q2, text: Two, type: single_choice}
        """),
        encoding="utf-8",
    )
    good = tmp_path / "good.yaml"
    good.write_text(
        bad.read_text().replace("visble_if: \"q1 == 'yes'\"", "required: true").replace("single_choice", "yes_no"),
        encoding="utf-8",
    )
    result = pwiz("questionnaires", "validate", str(good), str(bad))
    assert result.returncode == 1
    assert result.stdout == f"{good}: ok (bad v1, 2 questions)\n"
    assert result.stderr.splitlines() == [
        f"{bad}:9: question 'q1': unknown field 'visble_if' (fix: did you mean 'visible_if'?)",
    ]
    bad.write_text(bad.read_text().replace("visble_if", "visible_if"), encoding="utf-8")
    assert pwiz("questionnaires", "validate", str(bad)).stderr.splitlines() == [
        f"{bad}:9: question 'q1': visibility conditions form a cycle: q1 -> q1 "
        "(fix: make each question's visible_if depend only on questions that do not depend back on it)",
        f"{bad}:10: question 'q2': a single_choice question has no choices (fix: add a 'choices:' list)",
    ]


def test_validate_missing_file_and_broken_yaml(pwiz, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\n  title: y\n", encoding="utf-8")
    result = pwiz("questionnaires", "validate", str(tmp_path / "absent.yaml"), str(broken))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{tmp_path / 'absent.yaml'}: file not found (fix: check the path)",
        f"{broken}:2: YAML syntax error: mapping values are not allowed here (fix: check the indentation and quoting on this line)",
    ]


def test_user_questionnaire_with_higher_version_supersedes_shipped(pwiz, tmp_path):
    from questionnaires.library import shipped_dir

    folder = tmp_path / "mine"
    folder.mkdir()
    text = (shipped_dir() / "key-principles.yaml").read_text(encoding="utf-8")
    (folder / "kp.yaml").write_text(
        text.replace("\nversion: 1\n", "\nversion: 2\n").replace(
            "title: Key principles, value and purpose, governance arrangements", "title: Our own key principles"
        ),
        encoding="utf-8",
    )
    rows = json.loads(pwiz("--questionnaires", str(folder), "questionnaires", "list", "--json").stdout)
    kp = next(r for r in rows if r["id"] == "key-principles")
    assert (kp["version"], kp["title"]) == (2, "Our own key principles")


def test_a_broken_user_questionnaire_is_left_out_with_one_warning_and_the_rest_works(pwiz, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "oops.yaml").write_text("id: [\n", encoding="utf-8")
    (folder / "fine.yaml").write_text(REQUIRING.format(id="fine", requires="scope"))
    (folder / "stranded.yaml").write_text(REQUIRING.format(id="stranded", requires="oops"))  # needs the broken one
    result = pwiz("--questionnaires", str(folder), "questionnaires", "list")
    assert result.returncode == 0, result.stderr
    warnings = result.stderr.splitlines()
    assert len(warnings) == 2
    assert warnings[0].startswith(
        f"pwiz: warning: questionnaire file left out: {folder / 'oops.yaml'}:2: YAML syntax error"
    )
    assert warnings[1].startswith(f"pwiz: warning: questionnaire file left out: {folder / 'stranded.yaml'}")
    assert "requires unknown questionnaire 'oops'" in warnings[1]
    listed = [line.split()[0] for line in result.stdout.splitlines()]
    assert "scope" in listed and "fine" in listed and "stranded" not in listed
    validated = pwiz("questionnaires", "validate", str(folder / "oops.yaml"))
    assert validated.returncode == 1 and "YAML syntax error" in validated.stderr


def test_a_left_out_user_file_that_would_supersede_a_shipped_one_leaves_the_shipped_one(tmp_path):
    from questionnaires.library import load_library

    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "scope.yaml").write_text(
        REQUIRING.format(id="scope", requires="nowhere").replace("\nversion: 1", "\nversion: 9")
    )
    library = load_library(extra_dirs=[folder], include_user_dir=False)
    assert library.get("scope").version == 1 and len(library.skipped) == 1
    assert "requires unknown questionnaire 'nowhere'" in str(library.skipped[0])


REQUIRING = """\
schema_version: 1
id: {id}
title: Requires another
version: 1
source: {{document: test-only, section: none}}
sections:
  - id: s
    title: S
    questions:
      - id: {id}-q
        text: Big?
        type: yes_no
outcomes:
  - id: size
    title: Size
    cases:
      - when: "{id}-q == 'yes'"
        value: big
        requires: [{requires}]
"""


def test_validate_catches_a_requirement_nobody_defines_but_accepts_one_beside_it(pwiz, tmp_path):
    orphan = tmp_path / "orphan.yaml"
    orphan.write_text(REQUIRING.format(id="orphan", requires="no-such-questionnaire"))
    result = pwiz("questionnaires", "validate", str(orphan))
    assert result.returncode == 1
    assert "requires unknown questionnaire 'no-such-questionnaire'" in result.stderr and "use one of:" in result.stderr

    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(REQUIRING.format(id="first", requires="second"))
    second.write_text(REQUIRING.format(id="second", requires="scope"))  # a shipped one
    result = pwiz("questionnaires", "validate", str(first), str(second))
    assert result.returncode == 0, result.stderr
    assert result.stdout.count(": ok (") == 2


def test_show_cites_the_source_by_title_not_file_name(pwiz):
    text = pwiz("questionnaires", "show", "key-principles").stdout
    assert "Source: Lancashire Police Authority, Partnership Policy: Partnerships - Key Principles" in text
    assert "001_1251f4b6c06a9e5b.txt" not in text
    source = json.loads(pwiz("questionnaires", "show", "key-principles", "--json").stdout)["source"]
    assert source["document"] == "001_1251f4b6c06a9e5b.txt"  # scripts keep the file name
    assert source["citation"].startswith("Lancashire Police Authority, Partnership Policy")


def test_show_json_gives_a_questions_rules_boxes_and_limits_and_each_outcome_case(pwiz):
    """What a script reads to know what an answer raises, without the YAML (keys in a fixed order)."""
    improvement = json.loads(pwiz("questionnaires", "show", "improvement", "--json").stdout)
    lead_officer = improvement["sections"][0]["questions"][0]
    expected = {
        "id": "im-lead-officer",
        "text": "Whether there is a 'Lead Officer' or 'Project Sponsor' who has responsibility for the Council's "
        "involvement in the partnership, but who will not necessarily be the Council's representative within the "
        "partnership.",
        "type": "yes_no",
        "required": True,
        "choices": ["yes", "no"],
        "choice_labels": {"yes": "Yes", "no": "No"},
        "guidance": None,
        "visible_if": None,
        "required_if": None,
        "unit": None,
        "minimum": None,
        "maximum": None,
        "max_length": None,
        "multiple": False,
        "note": None,
        "action": {"label": "Action", "required_if": "answer == 'no'", "max_length": 100000},
        "rules": [
            {
                "when": "answer == 'no'",
                "flag": "Improvement needed: no Lead Officer or Project Sponsor responsible for the Council's "
                "involvement.",
                "action": "Improve: Lead Officer or Project Sponsor",
                "risk": None,
            }
        ],
        "datasheet": None,
        "source": None,
    }
    assert lead_officer == expected and list(lead_officer) == list(expected)

    significance = json.loads(pwiz("questionnaires", "show", "significance", "--json").stdout)
    questions = {q["id"]: q for s in significance["sections"] for q in s["questions"]}
    contribution = questions["sig-contribution"]
    assert (contribution["unit"], contribution["minimum"], contribution["maximum"]) == ("£", 0, None)
    assert contribution["datasheet"] == "financial_contribution"
    assert questions["sig-spectrum"]["choices"][-1] == "service-delivery"
    high = significance["outcomes"][0]["cases"][0]
    assert list(high) == [
        "when",
        "value",
        "label",
        "explanation",
        "requires",
        "review_interval_months",
        "association_register",
        "source",
    ]
    scope = json.loads(pwiz("questionnaires", "show", "scope", "--json").stdout)
    cases = [case for outcome in scope["outcomes"] for case in outcome["cases"]]
    assert any(case["association_register"] for case in cases)  # where the scope sends a body elsewhere
    assert (scope["languages"], scope["computed"], scope["sections"][0]["repeat"]) == (["en"], [], None)
    assert (high["value"], high["label"], high["review_interval_months"]) == ("high", "High", 3)
    assert high["requires"] == ["key-principles", "checklist", "improvement", "risk-assessment", "governance-standards"]
    assert high["when"].startswith("sig-money == 'yes' or sig-resources == 'yes'")
    assert significance["outcomes"][0]["values"] == ["high", "medium", "low"]
