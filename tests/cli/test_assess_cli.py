"""`pwiz assess` from scripts (--answers) and in the line mode (--plain)."""

import json
import os
import sys

import pexpect
import pytest
import yaml

from questionnaires.library import load_library

KP = load_library(include_user_dir=False).get("key-principles")
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
    assert result.stderr == "pwiz: error: answer to 'kp-cost-benefit': 'perhaps' is not one of the choices: Yes, No, Unclear\n"
    (assessment,) = show(pwiz, pid)["assessments"]
    assert assessment["answers"] == {"kp-alternatives": "yes"}


def test_unknown_question_and_broken_file(pwiz, tmp_path):
    pid = add_partnership(pwiz)
    result = pwiz("assess", pid, "key-principles", "--answers", str(write(tmp_path, {"kp-nope": "yes"})))
    assert (result.returncode, result.stderr) == (
        1, "pwiz: error: 'kp-nope' is not a question of key-principles; see 'pwiz questionnaires show key-principles'\n")
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


def spawn_plain(db_path, tmp_path, pid):
    env = dict(os.environ, PWIZ_DB=str(db_path), XDG_CONFIG_HOME=str(tmp_path / "config"), TERM="xterm", LANG="C.UTF-8")
    return pexpect.spawn(sys.executable, ["-m", "wizard", "assess", pid, "key-principles", "--plain"],
                         env=env, encoding="utf-8", timeout=30, dimensions=(40, 160))


def answer_two_then_interrupt(child, note: str = "") -> None:
    """Yes (the highlighted choice) to kp-alternatives, No to kp-vision-agreed, then Ctrl-C."""
    child.send("\r")
    child.expect("Note")
    child.send(note + "\r")
    child.expect("Have the vision, aims and objectives")
    child.send("\x1b[B\r")  # down to No
    child.expect("Note")
    child.send("\r")
    child.expect("Has a leadership and accountability structure")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


@pytest.mark.timeout(180)
def test_plain_mode_keystrokes_ctrl_c_and_resume(pwiz, db_path, tmp_path):
    pid = add_partnership(pwiz)
    child = spawn_plain(db_path, tmp_path, pid)
    child.expect("Have other alternative approaches")
    answer_two_then_interrupt(child, note="Options appraisal done")
    assert "2 answers are saved" in child.before
    (assessment,) = show(pwiz, pid)["assessments"]
    assert assessment["answers"] == {"kp-alternatives": "yes", "kp-vision-agreed": "no"}

    child = spawn_plain(db_path, tmp_path, pid)
    child.expect("Resuming")
    child.expect("Has a leadership and accountability structure")  # straight to the first unanswered
    for _ in range(21):
        child.send("\r")  # Yes
        child.expect("Note")
        child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    (assessment,) = show(pwiz, pid)["assessments"]
    assert assessment["status"] == "complete"
    assert assessment["answers"]["kp-vision-agreed"] == "no" and len(assessment["answers"]) == 23


@pytest.mark.timeout(180)
def test_plain_mode_in_a_review_asks_each_carried_answer_and_enter_keeps_it(pwiz, db_path, tmp_path):
    pid = add_partnership(pwiz)
    first = pwiz("assess", pid, "key-principles", "--answers", str(write(tmp_path, ALL_YES)))
    assert pwiz("signoff", first.stdout.strip(), "--by", "Jo", "--role", "CEO", "--decision", "approved").returncode == 0
    assert pwiz("review", pid).returncode == 0
    child = spawn_plain(db_path, tmp_path, pid)
    child.expect("Have other alternative approaches")
    child.expect("carried from the last review, not yet confirmed: Enter keeps it")
    answer_two_then_interrupt(child)  # Enter keeps the carried Yes
    review = [a for a in show(pwiz, pid)["assessments"] if a["status"] == "draft" and a["questionnaire"] == "key-principles"]
    assert len(review) == 1 and review[0]["answers"]["kp-vision-agreed"] == "no"
    # Resuming goes straight to the first answer still carried, not back to the start.
    child = spawn_plain(db_path, tmp_path, pid)
    child.expect("Resuming")
    child.expect("Has a leadership and accountability structure")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
