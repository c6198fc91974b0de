"""`pwiz assess` from scripts (--answers) and in the line mode (--plain)."""

import json
import re
import time

import pexpect
import pyte
import pytest
import yaml

from questionnaires.library import load_library
from tests.line_mode import spawn_plain

KP = load_library(include_user_dir=False).get("key-principles")
SIG = load_library(include_user_dir=False).get("significance")
ALL_YES = {q.id: "yes" for q in KP.questions()} | {"kp-equality-conflict": "no"}


def add_partnership(pwiz, name="Safer Lancashire CSP"):
    result = pwiz("partnership", "add", name)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[0].strip()


def show(pwiz, pid):
    result = pwiz("partnership", "show", pid, "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def write(tmp_path, data, name="answers.yaml"):
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_answers_file_completes_an_assessment(pwiz, tmp_path):
    pid = add_partnership(pwiz)
    answers = dict(ALL_YES, **{"kp-alternatives": {"value": "unclear", "note": "Not yet — see <b>R&D</b> Łódź"}})
    result = pwiz("assess", pid, "key-principles", "--answers", str(write(tmp_path, answers)))
    assert result.returncode == 0, result.stderr
    aid = result.stdout.strip()
    assert "complete" in result.stderr and "1 flagged for particular care" in result.stderr
    (assessment,) = show(pwiz, pid)["assessments"]
    assert assessment["id"] == aid
    assert assessment["status"] == "complete"
    assert assessment["answers"]["kp-alternatives"] == "unclear"
    assert assessment["answers"]["kp-leadership"] == "yes"


def test_a_bad_answer_names_the_question_and_changes_nothing(pwiz, tmp_path):
    pid = add_partnership(pwiz)
    first = write(tmp_path, {"kp-alternatives": "yes"}, "first.yaml")
    assert pwiz("assess", pid, "key-principles", "--answers", str(first)).returncode == 0
    bad = write(tmp_path, {"kp-leadership": "no", "kp-cost-benefit": "perhaps"}, "bad.yaml")
    result = pwiz("assess", pid, "key-principles", "--answers", str(bad))
    assert result.returncode == 1
    assert (
        result.stderr
        == f"pwiz: error: {bad}: answer to 'kp-cost-benefit': 'perhaps' is not one of the choices: Yes, No, Unclear\n"
    )
    (assessment,) = show(pwiz, pid)["assessments"]
    assert assessment["answers"] == {"kp-alternatives": "yes"}


def test_a_note_or_action_where_the_question_has_no_box_is_refused(pwiz, tmp_path):
    pid = add_partnership(pwiz)
    for given, part in (
        ({"sc-network": {"value": "no", "note": "asked the chair"}}, "note"),
        ({"kp-alternatives": {"value": "no", "action": "Find one"}}, "action"),
    ):
        questionnaire = "scope" if "sc-network" in given else "key-principles"
        answers = write(tmp_path, given)
        result = pwiz("assess", pid, questionnaire, "--answers", str(answers))
        question = next(iter(given))
        assert result.returncode == 1
        assert result.stderr == (
            f"pwiz: error: {answers}: answer to '{question}': this question has no {part} box, so it takes "
            f"no {part}; leave the {part} out (see 'pwiz questionnaires show {questionnaire}')\n"
        )
    assert all(not a["answers"] for a in show(pwiz, pid)["assessments"])  # nothing saved


def test_unknown_question_and_broken_file(pwiz, tmp_path):
    pid = add_partnership(pwiz)
    answers = write(tmp_path, {"kp-nope": "yes"})
    result = pwiz("assess", pid, "key-principles", "--answers", str(answers))
    assert (result.returncode, result.stderr) == (
        1,
        f"pwiz: error: {answers}: 'kp-nope' is not a question of key-principles; see 'pwiz questionnaires show key-principles'\n",
    )
    broken = tmp_path / "broken.yaml"
    broken.write_text("kp-alternatives: yes\n  kp-leadership: no\n", encoding="utf-8")
    result = pwiz("assess", pid, "key-principles", "--answers", str(broken))
    assert result.returncode == 1
    assert result.stderr.startswith(f"pwiz: error: {broken}:2: YAML syntax error")


def test_a_partial_file_leaves_a_draft_that_a_second_file_completes(pwiz, tmp_path):
    pid = add_partnership(pwiz)
    ids = list(ALL_YES)
    half = {q: "yes" for q in ids[:10]}
    rest = {q: "no" for q in ids[10:]}
    one = pwiz("assess", pid, "key-principles", "--answers", str(write(tmp_path, half, "a.yaml")))
    assert "draft" in one.stderr and "13 required still missing" in one.stderr
    two = pwiz("assess", pid, "key-principles", "--answers", str(write(tmp_path, rest, "b.yaml")))
    assert two.stdout == one.stdout  # the same assessment carried on
    (assessment,) = show(pwiz, pid)["assessments"]
    assert assessment["status"] == "complete" and len(assessment["answers"]) == 23


def test_plain_mode_without_a_terminal_points_at_answers(pwiz):
    pid = add_partnership(pwiz)
    result = pwiz("assess", pid, "key-principles", "--plain", input="")
    assert result.returncode == 1
    assert result.stderr == (
        "pwiz: error: the line mode needs a terminal; to answer from a script use --answers FILE "
        "(YAML or JSON map of question id -> answer)\n"
    )


PROMPT = "Answer"  # questionary's own short prompt, below the printed question


def expect_question(child, text: str) -> None:
    """Wait for the question's text, then for its prompt (keys typed earlier could miss it)."""
    child.expect_exact(text)
    child.expect_exact(PROMPT)


def answer_two_then_interrupt(child, note: str = "") -> None:
    """Yes (the highlighted choice) to kp-alternatives, No to kp-vision-agreed, then Ctrl-C."""
    child.send("\r")
    child.expect("Note")
    child.send(note + "\r")
    expect_question(child, "Have the vision, aims and objectives")
    child.send("\x1b[B\r")  # down to No
    child.expect("Note")
    child.send("\r")
    expect_question(child, "Has a leadership and accountability structure")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


@pytest.mark.terminal
@pytest.mark.timeout(180)
def test_plain_mode_keystrokes_ctrl_c_and_resume(pwiz, db_path, tmp_path):
    pid = add_partnership(pwiz)
    child = spawn_plain(db_path, tmp_path, pid)
    expect_question(child, "Have other alternative approaches")
    answer_two_then_interrupt(child, note="Options appraisal done")
    assert "2 answers are saved" in child.before
    (assessment,) = show(pwiz, pid)["assessments"]
    assert assessment["answers"] == {"kp-alternatives": "yes", "kp-vision-agreed": "no"}

    child = spawn_plain(db_path, tmp_path, pid)
    child.expect("Resuming")
    expect_question(child, "Has a leadership and accountability structure")  # straight to the first unanswered
    for n in range(21):
        if n:
            child.expect_exact(PROMPT)
        child.send("\r")  # Yes
        child.expect("Note")
        child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (assessment,) = show(pwiz, pid)["assessments"]
    assert assessment["status"] == "complete"
    assert assessment["answers"]["kp-vision-agreed"] == "no" and len(assessment["answers"]) == 23


@pytest.mark.terminal
@pytest.mark.timeout(180)
def test_plain_mode_in_a_review_asks_each_carried_answer_and_enter_keeps_it(pwiz, db_path, tmp_path):
    pid = add_partnership(pwiz)
    first = pwiz("assess", pid, "key-principles", "--answers", str(write(tmp_path, ALL_YES)))
    assert (
        pwiz("signoff", first.stdout.strip(), "--by", "Jo", "--role", "CEO", "--decision", "approved").returncode == 0
    )
    assert pwiz("review", pid).returncode == 0
    child = spawn_plain(db_path, tmp_path, pid)
    child.expect("Have other alternative approaches")
    expect_question(child, "carried from the last review, not yet confirmed: Enter keeps it")
    answer_two_then_interrupt(child)  # Enter keeps the carried Yes
    review = [
        a for a in show(pwiz, pid)["assessments"] if a["status"] == "draft" and a["questionnaire"] == "key-principles"
    ]
    assert len(review) == 1 and review[0]["answers"]["kp-vision-agreed"] == "no"
    # Resuming goes straight to the first answer still carried, not back to the start.
    child = spawn_plain(db_path, tmp_path, pid)
    child.expect("Resuming")
    expect_question(child, "Has a leadership and accountability structure")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()


class Screen:
    """What a person sees of a pexpect child's output, rendered by pyte."""

    def __init__(self, child, columns: int, rows: int):
        self.child, self.screen = child, pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)

    def words(self) -> str:
        """The screen's text with each run of blanks and line ends as one space."""
        return " ".join(" ".join(self.screen.display).split())

    def wait_for(self, text: str, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while " ".join(text.split()) not in self.words():
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"timed out waiting for {text!r}; the screen shows:\n" + "\n".join(self.screen.display)
                )
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.1))
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                if " ".join(text.split()) not in self.words():
                    raise AssertionError(
                        f"pwiz exited before showing {text!r}:\n" + "\n".join(self.screen.display)
                    ) from None


def sig_question(qid):
    return next(q for q in SIG.questions() if q.id == qid)


def start_significance_at_80_columns(pwiz, db_path, tmp_path, answered: list[str]):
    """A significance assessment with `answered` saved (No), continued with --plain at 80x24."""
    pid = add_partnership(pwiz)
    assert (
        pwiz("assess", pid, "significance", "--answers", str(write(tmp_path, {q: "no" for q in answered}))).returncode
        == 0
    )
    child = spawn_plain(db_path, tmp_path, pid, "significance", dimensions=(24, 80))
    return pid, child, Screen(child, 80, 24)


FIRST_EIGHT = [
    "sig-money",
    "sig-resources",
    "sig-targets",
    "sig-property",
    "sig-staff",
    "sig-contracts",
    "sig-budget",
    "sig-premises",
]


@pytest.mark.terminal
@pytest.mark.timeout(120)
def test_plain_mode_at_80_columns_shows_every_word_of_long_questions(pwiz, db_path, tmp_path):
    """Questionary cuts a prompt line at the terminal edge; the line mode prints the question itself, wrapped."""
    _, child, screen = start_significance_at_80_columns(pwiz, db_path, tmp_path, FIRST_EIGHT + ["sig-employs-staff"])
    commissioning = sig_question("sig-commissioning")
    assert len(commissioning.text) > 80
    screen.wait_for("[Budget, premises, staff, commissioning and statutory basis · 9/14]")
    screen.wait_for(commissioning.text)  # ends "... projects and initiatives?"
    screen.wait_for(f"({commissioning.guidance.strip()})")
    screen.wait_for("? Answer")
    child.send("\x1b[B\r")  # No
    statutory = sig_question("sig-statutory")
    screen.wait_for(statutory.text)
    screen.wait_for(f"({statutory.guidance.strip()}) ? Answer (Use arrow keys)")  # the prompt is up before the key goes
    child.send("\x1b[B\r")
    contribution = sig_question("sig-contribution")
    screen.wait_for(contribution.text)  # "What is the Authority's annual financial contribution to the partnership?"
    screen.wait_for(f"({contribution.guidance.strip()}) ? Answer (£)")  # "... member/officer time or other resources.)"
    child.send("2500\r")
    screen.wait_for("Secondment to the Safer London Foundation.) ? Answer (Use arrow keys)")  # sig-spectrum
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_question_heading_wraps_to_the_width_and_keeps_everything():
    from wizard.linemode import heading

    spectrum = sig_question("sig-spectrum")
    carried = {"answers": {"sig-spectrum": {"value": "strategic", "carried_from": "a-1"}}}
    for width in (20, 40, 80, 200):
        text = heading(spectrum, SIG, carried, width=width)
        lines = text.splitlines()
        assert all(len(line) < max(width, 20) for line in lines), text
        words = " ".join(text.split())
        assert words.startswith("[The partnership spectrum · 1/14] ")
        assert " ".join(spectrum.text.split()) in words
        for paragraph in spectrum.guidance.strip().splitlines()[1:]:  # each kind of partnership starts its own line
            assert " ".join(paragraph.split()) in words
            assert re.search(rf"\n  {re.escape(paragraph.split()[0])}\s", text)
        assert words.endswith("(carried from the last review, not yet confirmed: Enter keeps it)")


@pytest.mark.terminal
@pytest.mark.timeout(120)
@pytest.mark.parametrize("at", ["choice", "number"])
def test_plain_mode_ctrl_d_stops_like_ctrl_c(pwiz, db_path, tmp_path, at):
    answered = FIRST_EIGHT + ["sig-employs-staff", "sig-commissioning"] + (["sig-statutory"] if at == "number" else [])
    pid, child, screen = start_significance_at_80_columns(pwiz, db_path, tmp_path, answered)
    screen.wait_for("(£)" if at == "number" else "(Use arrow keys)")
    child.sendcontrol("d")
    screen.wait_for(f"Stopped. {len(answered)} answers are saved in {pid}-")
    screen.wait_for("--plain' to carry on.")  # the terminal breaks the command itself mid-word at 80 columns
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Aborted!" not in screen.words()


def test_a_carried_zero_is_the_text_prompts_starting_text():
    """Enter keeps a carried answer: a carried 0 (or 0.5) must be offered, not an empty box."""
    from wizard.linemode import _as_text

    assert [_as_text(v) for v in (0, 0.5, 2500, "", None, "2025-03-31")] == ["0", "0.5", "2500", "", "", "2025-03-31"]


@pytest.mark.terminal
@pytest.mark.timeout(120)
def test_plain_mode_skips_an_optional_choice_and_reads_a_uk_date(pwiz, db_path, tmp_path):
    """An optional one-of list offers to leave it unanswered (a list otherwise always picks one);
    a date typed 03/04/2027 is said to be 3 April before the next question."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "dates.yaml").write_text(
        "schema_version: 1\nid: dates\ntitle: Dates\nversion: 1\nsource: {document: test-only, section: none}\n"
        "sections:\n  - id: s\n    title: When\n    questions:\n"
        "      - {id: kind, text: 'Which kind?', type: single_choice, choices: [board, forum]}\n"
        "      - {id: began, text: 'When did it begin?', type: date, required: true}\n",
        encoding="utf-8",
    )
    pid = add_partnership(pwiz)
    child = spawn_plain(db_path, tmp_path, pid, "dates", options=("--questionnaires", str(folder)))
    expect_question(child, "Which kind?")
    child.expect_exact("(leave it unanswered: it is optional)")
    child.send("\x1b[B\x1b[B\r")  # down past board and forum to the last choice
    expect_question(child, "When did it begin?")
    child.expect_exact("(DD/MM/YYYY or YYYY-MM-DD)")
    child.send("03/04/2027\r")
    child.expect_exact("read as 3 April 2027")
    child.expect(pexpect.EOF)
    child.close()
    shown = pwiz("--questionnaires", str(folder), "partnership", "show", pid, "--json")
    (assessment,) = json.loads(shown.stdout)["assessments"]
    assert assessment["answers"] == {"began": "2027-04-03"} and assessment["status"] == "complete"
