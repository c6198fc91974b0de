"""A bilingual questionnaire answered in Welsh in the line mode, kept as such, and its pack in Welsh."""

import json
from pathlib import Path

import pexpect
import pytest

from tests.line_mode import spawn_plain
from tests.pdf.pdftext import body

from .test_assess_cli import PROMPT, add_partnership

EXAMPLES = str(Path(__file__).parents[2] / "questionnaires" / "examples")
ANSWERS = """\
isa-shares-data: "yes"
isa-agreement: "yes"
isa-complies: met
isa-data-kinds: [personal]
isa-kept-by: Siân Jones, Tŷ Hywel
"""


def show(pwiz, pid):
    """`partnership show --json` with the example questionnaires loaded."""
    result = pwiz("--questionnaires", EXAMPLES, "partnership", "show", pid, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.terminal
@pytest.mark.timeout(120)
def test_plain_mode_asks_in_welsh_and_the_record_keeps_it(pwiz, db_path, tmp_path):
    pid = add_partnership(pwiz, "Partneriaeth Diogelwch Cymunedol Gŵyr")
    child = spawn_plain(
        db_path, tmp_path, pid, "information-sharing", options=("--questionnaires", EXAMPLES), after=("--lang", "cy")
    )
    for question, shown_choice in [
        ("A yw'r bartneriaeth yn rhannu data'r heddlu?", "Nac ydy"),  # the question's own Welsh yes/no
        ("A oes Cytundeb Rhannu Gwybodaeth wedi'i lofnodi?", "Nac oes"),
        ("Mae'r cytundeb yn cydymffurfio", "Heb ei fodloni"),  # pwiz's own labels for met/partly/not met
    ]:
        child.expect_exact(question)
        child.expect_exact(shown_choice)
        child.send("\r")  # the first choice: Ydy, Oes, Wedi'i fodloni
    child.expect_exact("Pa fathau o ddata a rennir?")
    child.expect_exact("Data categori arbennig (sensitif)")
    child.send(" \r")  # tick Data personol
    child.expect_exact("[Cofnodion")  # the next section's Welsh title
    child.expect_exact(PROMPT)
    child.send("Siân Jones\r")
    child.expect_exact("Pryd y caiff y cytundeb ei adolygu nesaf?")
    child.expect_exact(PROMPT)
    child.send("\r")  # optional: left unanswered
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Rhannu gwybodaeth: Cytundeb ar waith" in child.before  # the outcome, in Welsh
    (assessment,) = show(pwiz, pid)["assessments"]
    assert assessment["language"] == "cy"
    assert assessment["answers"] == {  # ids, whatever the language
        "isa-shares-data": "yes",
        "isa-agreement": "yes",
        "isa-complies": "met",
        "isa-data-kinds": ["personal"],
        "isa-kept-by": "Siân Jones",
    }


def test_the_pack_is_written_in_the_language_chosen(pwiz, tmp_path):
    pid = add_partnership(pwiz, "Partneriaeth Diogelwch Cymunedol Gŵyr")
    answers = tmp_path / "atebion.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    given = pwiz("--questionnaires", EXAMPLES, "assess", pid, "information-sharing", "--answers", str(answers))
    assert given.returncode == 0, given.stderr
    assert show(pwiz, pid)["assessments"][0]["language"] == "en"  # no language chosen: English

    welsh = tmp_path / "cy.pdf"
    result = pwiz("--questionnaires", EXAMPLES, "export", pid, "--lang", "cy", "-o", str(welsh))
    assert result.returncode == 0, result.stderr
    text = body(welsh)
    assert "Gwiriad cytundeb rhannu gwybodaeth" in text
    assert "A oes Cytundeb Rhannu Gwybodaeth wedi'i lofnodi? Answer: Oes" in text
    assert "Answer: Wedi'i fodloni" in text and "Siân Jones, Tŷ Hywel" in text
    assert "Is there a signed Information Sharing Agreement?" not in text


def test_an_unknown_language_code_is_one_line(pwiz):
    result = pwiz("--lang", "Welsh!", "questionnaires", "list")
    assert result.returncode == 1
    assert result.stderr == (
        "pwiz: error: --lang 'Welsh!' (or PWIZ_LANG) is not a language code; give a lower-case code such as en or cy\n"
    )
