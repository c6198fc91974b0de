"""A repeat section of three partners through every surface: an answers file and `show --json`
(round trip), the line mode, the approval pack, `questionnaires show --json` and the wizard.

The questionnaire is questionnaires/examples/partners.yaml (not in the shipped library).
"""

import json
from pathlib import Path

import pexpect
import pytest
from textual.widgets import Input

from questionnaires.library import load_library
from store import Register
from tests.line_mode import spawn_plain
from wizard.service import Governance
from wizard.tui.app import PwizApp

from ..pdf.pdftext import assert_in_order, body
from .conftest import TODAY, wait_for_screen, wait_until

EXAMPLES = Path(__file__).parents[2] / "questionnaires" / "examples"
WITH = ("--questionnaires", str(EXAMPLES))

THREE = [
    {
        "p-name": "Acme Ltd",
        "p-sector": "private",
        "p-contribution": 60000,
        "p-contract": {"value": "no", "action": "Sign by May"},
    },
    {"p-name": "Shelter Cymru", "p-sector": "voluntary", "p-contribution": 1500},
    {"p-name": "Gwent Council", "p-sector": "public"},
]


def add(pwiz, name: str) -> str:
    return pwiz("partnership", "add", name).stdout.strip()


def answers_of(pwiz, pid: str) -> dict:
    (assessment,) = json.loads(pwiz(*WITH, "partnership", "show", pid, "--json").stdout)["assessments"]
    return assessment


def test_an_answers_file_of_three_partners_round_trips_through_show_json(pwiz, tmp_path):
    first = add(pwiz, "First")
    file = tmp_path / "answers.json"
    file.write_text(json.dumps({"own-contribution": 5000, "pooled": "yes", "partners": THREE}), encoding="utf-8")
    done = pwiz(*WITH, "assess", first, "partner-details", "--answers", str(file))
    assert done.returncode == 0, done.stderr
    assert "1 flagged for particular care; Scale: Small" in done.stderr
    shown = answers_of(pwiz, first)
    assert shown["answers"]["partners"] == THREE and shown["status"] == "complete"

    again = tmp_path / "again.json"  # what show --json printed is an answers file as it stands
    again.write_text(json.dumps(shown["answers"]), encoding="utf-8")
    second = add(pwiz, "Second")
    assert pwiz(*WITH, "assess", second, "partner-details", "--answers", str(again)).returncode == 0
    assert answers_of(pwiz, second)["answers"] == shown["answers"]


def test_an_answers_file_naming_a_bad_item_is_refused_in_one_line(pwiz, tmp_path):
    pid = add(pwiz, "Bad")
    file = tmp_path / "bad.yaml"
    file.write_text("partners:\n  - {p-name: Acme}\n  - {p-sector: council}\n", encoding="utf-8")
    refused = pwiz(*WITH, "assess", pid, "partner-details", "--answers", str(file))
    assert refused.returncode == 1
    assert refused.stderr == (
        f"pwiz: error: {file}: answer to 'partners': Partner 2, 'p-sector': 'council' is not one of the choices: "
        "Public, Private, Voluntary\n"
    )


def test_the_pack_shows_each_partner_under_its_own_heading(pwiz, tmp_path):
    pid = add(pwiz, "Packed")
    file = tmp_path / "answers.json"
    file.write_text(json.dumps({"own-contribution": 5000, "pooled": "yes", "partners": THREE}), encoding="utf-8")
    pwiz(*WITH, "assess", pid, "partner-details", "--answers", str(file))
    pdf = tmp_path / "pack.pdf"
    assert pwiz(*WITH, "export", pid, "-o", str(pdf)).returncode == 0
    text = body(pdf)
    assert_in_order(
        text,
        [
            "Partner 1",
            "Acme Ltd",
            "Private",
            "£60,000",
            "Sign by May",
            "Partner 1: A private partner without",
            "Partner 2",
            "Shelter Cymru",
            "Partner 3",
            "Gwent Council",
            "Worked out from the answers",
            "Partners: 3",
            "Given by partners: 61,500",
            "Money in all: 66,500",
        ],
    )
    assert "14 questions shown · 11 answered · 3 not answered · 1 flagged" in text


def test_questionnaires_show_describes_the_repeat_section_and_computed_values(pwiz):
    text = pwiz(*WITH, "questionnaires", "show", "partner-details").stdout
    assert "Partners (once per Partner: 1 to 10)" in text
    assert "(required if partner-count > 1)" in text and "= partner-count: count of partners" in text
    shown = json.loads(pwiz(*WITH, "questionnaires", "show", "partner-details", "--json").stdout)
    (partners,) = [s for s in shown["sections"] if s["id"] == "partners"]
    assert partners["repeat"] == {"min": 1, "max": 10, "label": "Partner"}
    assert shown["computed"][0] == {"id": "partner-count", "label": "Partners", "count": "partners"}
    assert [q["required_if"] for s in shown["sections"] for q in s["questions"] if q["id"] == "pooled"] == [
        "partner-count > 1"
    ]


@pytest.mark.terminal
@pytest.mark.timeout(120)
def test_the_line_mode_asks_each_partner_then_offers_another(pwiz, db_path, tmp_path):
    pid = add(pwiz, "Plain")
    child = spawn_plain(db_path, tmp_path, pid, "partner-details", options=WITH)

    def question(text: str) -> None:
        child.expect_exact(text)
        child.expect_exact("Answer")

    question("What does the Authority itself put in?")
    child.send("5000\r")
    child.expect_exact("Partners: 0 Partners given (at least 1, at most 10)")
    for n, (name, downs) in enumerate([("Acme Ltd", 1), ("Shelter Cymru", 2), ("Gwent Council", 0)], 1):
        if n > 1:
            child.expect_exact("Add another Partner?")
            child.expect_exact("(y/N)")
            child.send("y")
        question(f"[Partners · Partner {n} ·")
        child.send(name + "\r")
        question("The partner's sector.")
        child.send("\x1b[B" * downs + "\r")
        question("What does this partner put in?")
        child.send("\r")  # optional: left blank
        question("Is there a signed contract")
        if downs == 1:  # a private partner: required, so no "leave it unanswered"
            child.send("\r")  # Yes
            child.expect_exact("Action (optional, Enter to skip)")
            child.send("\r")
        else:
            child.send("\x1b[B\x1b[B\r")  # the last choice: leave it unanswered
    child.expect_exact("Add another Partner?")
    child.send("n")
    question("Are the partners' funds pooled?")
    child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assessment = answers_of(pwiz, pid)
    assert assessment["answers"]["partners"] == [
        {"p-name": "Acme Ltd", "p-sector": "private", "p-contract": "yes"},
        {"p-name": "Shelter Cymru", "p-sector": "voluntary"},
        {"p-name": "Gwent Council", "p-sector": "public"},
    ]
    assert assessment["status"] == "complete"


async def test_the_wizard_adds_three_partners_item_by_item(register_path, frozen_clock):
    governance = Governance(Register.open(register_path), load_library(extra_dirs=[EXAMPLES], include_user_dir=False))
    pid = governance.add_partnership("Wizard")["id"]
    aid = governance.open_assessment(pid, "partner-details")["id"]
    governance.answer(aid, "own-contribution", 5000)
    app = PwizApp(governance, today=TODAY, partnership_id=pid, questionnaire_id="partner-details")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await wait_for_screen(pilot, "AssessmentScreen")
        await wait_until(pilot, lambda: screen.current == "pooled", "the first question still needing an answer")
        await pilot.press("pageup")  # back towards the contribution: through the partners on the way
        items = await wait_for_screen(pilot, "RepeatGroupScreen")
        for name in ("Acme Ltd", "Shelter Cymru", "Gwent Council"):
            await pilot.press("ctrl+n")
            field = await wait_until(
                pilot,
                lambda: (
                    items.query("#a-p-name").first(Input)
                    if items.query("#a-p-name") and items.focused and items.focused.id == "a-p-name"
                    else None
                ),
                "a new partner's name",
            )
            field.value = name
            await pilot.press("enter")
            await wait_until(
                pilot, lambda: items.focused is not None and items.focused.id == "a-p-sector", "the sector"
            )
            await pilot.press("3", "enter")  # Voluntary, and on
            await wait_until(
                pilot, lambda: items.focused is not None and items.focused.id == "a-p-contribution", "the money"
            )
        where = items.query_one("#items-where")
        await pilot.press("ctrl+n")  # a fourth, removed again
        await wait_until(pilot, lambda: "Partner 4 of 4" in str(where.render()), "Partner 4")
        await pilot.press("ctrl+r")
        await wait_for_screen(pilot, "AskScreen")
        await pilot.press("y")
        await wait_until(pilot, lambda: "Partner 3 of 3" in str(where.render()), "back to three")
        await pilot.press("pageup")
        await wait_until(pilot, lambda: "Partner 2 of 3" in str(where.render()), "Partner 2")
        await pilot.press("escape")
        await wait_until(
            pilot,
            lambda: screen_is(app, "AssessmentScreen") and screen.current == "own-contribution",
            "on back to the contribution",
        )
    saved = governance.assessment(aid)["answers"]["partners"]["value"]
    assert [item["p-name"]["value"] for item in saved] == ["Acme Ltd", "Shelter Cymru", "Gwent Council"]
    assert {item["p-sector"]["value"] for item in saved} == {"voluntary"}


def screen_is(app, name: str) -> bool:
    return type(app.screen).__name__ == name


def test_a_review_carries_the_partners_as_one_answer_until_confirmed(register_path, frozen_clock):
    from wizard.errors import UserError

    governance = Governance(Register.open(register_path), load_library(extra_dirs=[EXAMPLES], include_user_dir=False))
    pid = governance.add_partnership("Reviewed")["id"]
    aid = governance.open_assessment(pid, "partner-details")["id"]
    governance.answer_many(aid, {"own-contribution": 5000, "partners": THREE[1:]})
    with pytest.raises(UserError, match=r"is not complete: pooled: no answer yet$"):  # required_if: two partners
        governance.sign_off(aid, by="S. Clarke", role="Chief Executive", decision="approved")
    governance.answer(aid, "pooled", "no")
    governance.sign_off(aid, by="S. Clarke", role="Chief Executive", decision="approved")

    governance.start_review(pid, ["partner-details"])
    draft = governance.register.find_draft(pid, "partner-details")
    assert governance.unconfirmed(draft) == ["own-contribution", "pooled", "partners"]
    assert (
        governance.assessment(draft["id"])["answers"]["partners"]["value"]
        == governance.assessment(aid)["answers"]["partners"]["value"]
    )
    confirmed = governance.confirm(draft["id"], ["partners"])
    assert governance.unconfirmed(confirmed) == ["own-contribution", "pooled"]
    changed = governance.answer(
        draft["id"], "partners", [THREE[1], {**THREE[2], "p-sector": "private", "p-contract": "yes"}]
    )
    changes = {(c.question_text, c.before, c.after) for c in governance.changes_since_review(changed).answers}
    assert changes == {
        ("The partner's sector. (Partner 2)", "Public", "Private"),
        ("Is there a signed contract with this partner? (Partner 2)", "", "Yes"),
    }
