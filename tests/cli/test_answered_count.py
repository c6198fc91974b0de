"""One meaning of "answered" in the CLI's counts: a question whose required note or action is
missing is not answered, so "12 of 12 answered" never sits beside "a required note is missing"."""

from __future__ import annotations

import json

import yaml

from questionnaires.library import load_library

GS = load_library(include_user_dir=False).get("governance-standards")


def test_a_missing_required_note_leaves_its_question_unanswered(pwiz, tmp_path) -> None:
    pid = pwiz("partnership", "add", "Safer Roads").stdout.strip()
    answers = {q.id: "met" for q in GS.questions()} | {"gs-wp-aims": "partly"}  # its Evidence is required
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    total = len(GS.questions())

    result = pwiz("assess", pid, "governance-standards", "--answers", str(path))
    assert result.returncode == 0, result.stderr
    assert f"{total} answers saved, {total - 1} of {total} questions answered, draft" in result.stderr
    assert "gs-wp-aims: 'Evidence' is required for this answer" in result.stderr

    shown = pwiz("partnership", "show", pid)
    assert f"draft  {total - 1} of {total} questions answered" in shown.stdout
    [assessment] = json.loads(pwiz("partnership", "show", pid, "--json").stdout)["assessments"]
    assert (assessment["answered"], assessment["questions"]) == (total - 1, total)

    path.write_text(yaml.safe_dump({"gs-wp-aims": {"value": "partly", "note": "Aims drafted"}}), encoding="utf-8")
    done = pwiz("assess", pid, "governance-standards", "--answers", str(path))
    assert f"{total} of {total} questions answered, complete" in done.stderr
