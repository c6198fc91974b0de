"""The whole review cycle through the CLI, as a reviewer scripting it would run it."""

from __future__ import annotations

import json
import time

import pytest
import yaml

from tests.pdf.builders import answer_everything, library, scope_in
from tests.pdf.pdftext import body, norm

pytestmark = pytest.mark.both_registers  # a whole review cycle on a folder and on PostgreSQL

LIBRARY = library()
LOW = {q.id: "no" for q in LIBRARY.get("significance").questions() if q.type.value == "yes_no"} | {
    "sig-spectrum": "informal-collaboration",
    "sig-contribution": 0,
}


def answers_for(questionnaire: str) -> dict:
    definition = LIBRARY.get(questionnaire)
    fixed = {"scope": scope_in(definition), "significance": LOW}.get(questionnaire, {})
    return answer_everything(definition, fixed=fixed)


def write(tmp_path, name, data):
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return str(path)


def ok(result):
    assert result.returncode == 0, result.stderr
    return result


def sign(pwiz, aid, date):
    return ok(
        pwiz("signoff", aid, "--by", "Jo Bloggs", "--role", "Chief Executive", "--decision", "approved", "--date", date)
    )


@pytest.mark.long
def test_assess_sign_review_change_two_confirm_rest_sign(pwiz, tmp_path):
    pid = ok(pwiz("partnership", "add", "Safer Lancashire CSP")).stdout.strip()
    # On the action plan before the first sign-offs: carried into the review.
    terms = ok(pwiz("action", "add", pid, "Agree terms of reference")).stdout.strip()
    ok(pwiz("action", "update", terms, "--owner", "Jo Bloggs", "--due", "2024-06-01"))
    assert "Agree terms of reference  owner Jo Bloggs  due 2024-06-01" in ok(pwiz("action", "list", pid)).stdout
    ok(pwiz("action", "add", pid, "Publish minutes <online> & in print"))

    first = {}
    for questionnaire in ("scope", "significance", "key-principles"):
        given = answers_for(questionnaire)
        aid = ok(pwiz("assess", pid, questionnaire, "--answers", write(tmp_path, questionnaire, given))).stdout.strip()
        first[questionnaire] = (aid, given)
        sign(pwiz, aid, "2024-01-02")

    due = json.loads(ok(pwiz("due", "--json", "--today", "2025-01-03")).stdout)
    assert [(row["id"], row["next_review_due"], row["overdue"]) for row in due if row["reason"] == "review due"] == [
        (pid, "2025-01-02", True)
    ]
    # The owned action was due on 1 June 2024: `due` lists it as overdue too.
    assert [(row["action_id"], row["due"]) for row in due if row["reason"] == "action overdue"] == [
        (terms, "2024-06-01")
    ]

    review = ok(pwiz("review", pid))
    drafts = dict(reversed(line.split()) for line in review.stdout.splitlines())
    assert sorted(drafts) == ["key-principles", "scope", "significance"]
    assert "answers carried from" in review.stderr and "not yet confirmed" in review.stderr

    time.sleep(1.1)  # the register's times have whole seconds: the rest of the review happens after the sign-offs
    ok(pwiz("action", "close", terms, "--by", "Sam Reviewer"))
    ok(pwiz("action", "add", pid, "Review the data-sharing agreement"))
    open_actions = ok(pwiz("action", "list", pid)).stdout
    assert "Agree terms of reference" not in open_actions and "Review the data-sharing agreement" in open_actions

    kp = drafts["key-principles"]
    shown = {a["id"]: a for a in json.loads(ok(pwiz("partnership", "show", pid, "--json")).stdout)["assessments"]}
    assert shown[kp]["renews"] == first["key-principles"][0]
    assert shown[kp]["carried_unconfirmed"] == sorted(first["key-principles"][1])
    refused = pwiz("signoff", kp, "--by", "Jo Bloggs", "--role", "Chief Executive", "--decision", "approved")
    assert refused.returncode == 1
    assert "carried answer(s) not yet confirmed" in refused.stderr

    old_kp = first["key-principles"][1]
    changed = {
        "kp-leadership": {
            "value": "no" if old_kp["kp-leadership"]["value"] != "no" else "yes",
            "note": "Chair resigned",
        },
        "kp-cost-benefit": {"value": "unclear" if old_kp["kp-cost-benefit"]["value"] != "unclear" else "yes"},
    }
    ok(pwiz("assess", pid, "key-principles", "--answers", write(tmp_path, "changes", changed)))
    for aid in drafts.values():
        confirmed = ok(pwiz("confirm", aid))
        assert "0 still to confirm" in confirmed.stderr
        sign(pwiz, aid, "2025-01-06")

    due = json.loads(ok(pwiz("due", "--json", "--today", "2025-01-06")).stdout)
    reviews = [row for row in due if row["reason"] == "review due"]
    assert [(row["next_review_due"], row["overdue"]) for row in reviews] == [("2026-01-06", False)]
    assert ok(pwiz("verify")).stdout.startswith("All 6 sign-offs")

    approved = ok(
        pwiz(
            "approve",
            pid,
            "--by",
            "Jo Bloggs",
            "--role",
            "Chief Executive",
            "--decision",
            "approved",
            "--consulted",
            "Chair",
            "--date",
            "2025-01-06",
        )
    )
    assert approved.stdout.startswith(f"Approved partnership {pid}: approved by Jo Bloggs (Chief Executive)")
    pack = tmp_path / "pack.pdf"
    ok(pwiz("export", pid, "-o", str(pack)))
    text = body(pack)
    section = text[text.rindex("Changes since the previous review") :]
    listed = section[: section.index("Approval and sign-offs")]  # questions by their words, not their ids
    rows = [q.id for q in library().get("key-principles").questions() if norm(q.text) in listed]
    assert sorted(rows) == ["kp-cost-benefit", "kp-leadership"]
    assert section.count("No answer changed.") == 2  # scope and significance
    plan = section[section.index("Action plan since the previous review") :]
    assert "Closed (1): • Agree terms of reference (closed" in plan and "by Sam Reviewer" in plan
    assert "Carried, still open (1): • Publish minutes <online> & in print" in plan
    assert "New (1): • Review the data-sharing agreement" in plan
    assert ok(pwiz("verify", str(pack))).returncode == 0


def test_action_add_prints_the_id_and_says_what_it_did(pwiz):
    pid = pwiz("partnership", "add", "Safer Streets").stdout.strip()
    done = pwiz("action", "add", pid, "Agree terms of reference", "--owner", "Jo", "--due", "2027-01-31")
    assert done.returncode == 0
    action_id = done.stdout.strip()
    assert done.stderr.strip() == f"Added action {action_id} to the plan of {pid}: owner Jo, due 2027-01-31"
