"""`pwiz partnership add|list|show`: ids for scripts, JSON for tools, text exactly as typed."""

from __future__ import annotations

import json

import pytest

from store import Register
from tests.store import test_text

FULL_SHEET = [
    "--purpose", "Reduce crime & disorder",
    "--type", "statutory-strategic",
    "--focus", "strategic",
    "--basis", "statutory",
    "--level", "local",
    "--accountable-body", "Cardiff Council",
    "--partner", "South Wales Police", "--partner", "Cardiff Council",
    "--member", "Cllr Jones", "--officer", "A. Officer",
    "--lead-officer", "Head of Community Safety",
    "--sub-group", "Serious Violence Board",
    "--contribution", "£12,500.50",
    "--start-date", "2019-04-01",
    "--review-timetable", "annual",
    "--status", "active",
]  # fmt: skip


def test_add_prints_only_the_new_id_on_stdout(pwiz) -> None:
    added = pwiz("partnership", "add", "Safer Streets")
    assert added.returncode == 0, added.stderr
    [pid] = added.stdout.splitlines()
    assert pid.startswith("p") and len(pid) == 7
    assert f"Added partnership {pid}" in added.stderr
    listed = json.loads(pwiz("partnership", "list", "--json").stdout)
    assert [(s["id"], s["name"], s["status"]) for s in listed] == [(pid, "Safer Streets", "proposed")]


def test_every_data_sheet_option_is_stored(pwiz) -> None:
    pid = pwiz("partnership", "add", "Cardiff CSP", *FULL_SHEET).stdout.strip()
    shown = json.loads(pwiz("partnership", "show", pid, "--json").stdout)
    assert [p["name"] for p in shown["partners"]] == ["South Wales Police", "Cardiff Council"]
    assert [(r["name"], r["kind"]) for r in shown["representatives"]] == [
        ("Cllr Jones", "member"),
        ("A. Officer", "officer"),
    ]
    assert (shown["financial_contribution"], shown["start_date"], shown["status"]) == (12500.5, "2019-04-01", "active")
    spectrum = (shown["type"], shown["focus"], shown["basis"], shown["level"])
    assert spectrum == ("statutory-strategic", "strategic", "statutory", "local")
    text = pwiz("partnership", "show", "cardiff csp").stdout
    assert "£12,500.50" in text and "Cllr Jones (member)" in text


def test_show_json_lists_assessments_with_their_answers(pwiz, register: Register, complete_assessment: dict) -> None:
    shown = json.loads(pwiz("partnership", "show", "Safer Streets", "--json").stdout)
    assert shown["assessments"] == [
        {
            "id": complete_assessment["id"],
            "answered": 0,  # kp-1 and kp-2 are stand-ins, not questions of key-principles
            "questions": 23,
            "questionnaire": "key-principles",
            "version": 1,
            "status": "complete",
            "answers": {"kp-1": "Yes", "kp-2": "Unclear"},
            "notes": {"kp-2": "ask the chair"},
            "answer_actions": {},
            "renews": None,
            "language": "en",  # none recorded: answered in English
            "carried_unconfirmed": [],
        }
    ]


def test_list_of_an_empty_register_says_how_to_add_one(pwiz, db_path) -> None:
    listed = pwiz("partnership", "list")
    assert listed.returncode == 0 and "pwiz partnership add" in listed.stdout
    assert json.loads(pwiz("partnership", "list", "--json").stdout) == []
    assert not db_path.exists()


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("partnership", "show", "Nowhere"), 1, "no partnership with id or name 'Nowhere'"),
        (("partnership", "add", "X", "--start-date", "1 April"), 1, "'--start-date': '1 April' is not a date"),
        (("partnership", "add", "X", "--type", "alliance"), 1, "'alliance' is not one of"),
        (("partnership", "add", "X", "--contribution", "lots"), 1, "not an amount of money"),
        (("partnership", "add", "X", "--contribution", "inf"), 1, "not an amount of money"),
        (("partnership", "add", "X", "--contribution", "-5"), 1, "is negative"),
        (("partnership", "add"), 1, "missing argument 'NAME'; see 'pwiz partnership add --help'"),
        (("partnership", "add", "X", "--colour", "red"), 1, "no such option"),
        (
            ("signoff", "a1", "--by", "Jo", "--role", "CE", "--decision", "approved", "--date", "2026-02-30"),
            1,
            "'2026-02-30' is not a day in the calendar",
        ),
        (("due", "--within", "soon"), 1, "invalid value for '--within'"),
    ],
)
def test_mistakes_are_one_line_without_a_traceback(pwiz, args, status: int, message: str) -> None:
    result = pwiz(*args)
    assert result.returncode == status
    assert message in result.stderr and "Traceback" not in result.stderr
    assert result.stderr.startswith("pwiz: error: ") and result.stderr.count("\n") == 1


def test_a_second_partnership_with_the_same_name_is_refused(pwiz) -> None:
    pwiz("partnership", "add", "Safer Streets")
    again = pwiz("partnership", "add", "SAFER STREETS")
    assert again.returncode == 1 and again.stdout == ""
    assert again.stderr.strip().startswith("pwiz: error: a partnership named 'Safer Streets' already exists")


TEXTS = [
    "<b>&amp;",
    "Partneriaeth ŵ ŷ",
    "Łódź",
    "شراكة السلامة المجتمعية",
    "🤝 👮‍♀️ ✅",
    ("Deg mil o nodau, Łódź & <b>. " * 400)[:10_000],
]


def test_text_round_trips_exactly_under_lang_c(pwiz, register: Register) -> None:
    plain_c = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": ""}
    pids = []
    for n, text in enumerate(TEXTS):
        added = pwiz(
            "partnership",
            "add",
            test_text.as_name(f"{n} {text[:40]}"),
            "--purpose",
            text,
            "--partner",
            test_text.as_name(text),
            env=plain_c,
        )
        assert added.returncode == 0, added.stderr
        pids.append(added.stdout.strip())
    aid = register.start_assessment(pids[0], "checklist", 1)["id"]
    register.save_answers(aid, {f"c-{n}": {"value": text, "note": text} for n, text in enumerate(TEXTS)})

    for pid, text in zip(pids, TEXTS):
        shown = json.loads(pwiz("partnership", "show", pid, "--json", env=plain_c).stdout)
        assert (shown["purpose"], shown["partners"][0]["name"]) == (text, test_text.as_name(text))
    shown = json.loads(pwiz("partnership", "show", pids[0], "--json", env=plain_c).stdout)
    assert shown["assessments"][0]["answers"] == {f"c-{n}": text for n, text in enumerate(TEXTS)}
    assert shown["assessments"][0]["notes"] == {
        f"c-{n}": text for n, text in enumerate(TEXTS)
    }  # notes are part of the record
    names = [s["name"] for s in json.loads(pwiz("partnership", "list", "--json", env=plain_c).stdout)]
    assert sorted(names) == sorted(test_text.as_name(f"{n} {text[:40]}") for n, text in enumerate(TEXTS))


def test_names_a_terminal_would_obey_are_refused_and_old_ones_print_escaped(pwiz, register: Register) -> None:
    for name, problem in (
        ("\x1b[2J\x1b]0;pwned\x07X", "holds the control character U+001B"),
        ("two\nlines", "holds a line break"),
        ("x" * 10_000, "is 10,000 characters long"),
        ("right \u202eto left", "holds the control character U+202E"),
    ):
        done = pwiz("partnership", "add", name)
        [line] = done.stderr.splitlines()
        assert done.returncode == 1 and problem in line and "\x1b" not in line, line
    assert register.list_partnerships() == []

    pid = register.add_partnership("Written before the rule")["id"]
    path = register.root / "partnerships" / f"{pid}.json"
    path.write_text(path.read_text().replace("Written before the rule", "Evil \\u001b]0;pwned\\u0007 \\u202eTITLE"))
    assert pwiz("restore").returncode == 0
    listed = pwiz("partnership", "list").stdout
    assert "\x1b" not in listed and "\u202e" not in listed
    assert "Evil \\u001b]0;pwned\\u0007 \\u202eTITLE" in listed  # shown, as escapes
    assert json.loads(pwiz("partnership", "list", "--json").stdout)[0]["name"] == "Evil \x1b]0;pwned\x07 \u202eTITLE"
