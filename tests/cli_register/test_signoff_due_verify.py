"""`pwiz signoff`, `pwiz due` and `pwiz verify`."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from store import Register

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL

SIGN = ("--by", "A. Chief", "--role", "Chief Executive", "--decision", "approved", "--consulted", "Chair")


def test_signoff_refuses_an_incomplete_assessment(pwiz, register: Register) -> None:
    pid = register.add_partnership("Draft Only")["id"]
    aid = register.start_assessment(pid, "key-principles", 1)["id"]
    result = pwiz("signoff", aid, *SIGN)
    assert result.returncode == 1
    assert result.stderr.startswith(f"pwiz: error: assessment {aid} is not complete: kp-alternatives: no answer yet, ")
    assert register.get_assessment(aid)["status"] == "draft" and register.list_signoffs(pid) == []
    assert register.get_assessment(aid)["status"] == "draft"


def test_signoff_freezes_the_assessment_and_verify_agrees(pwiz, register: Register, complete_assessment: dict) -> None:
    aid = complete_assessment["id"]
    result = pwiz("signoff", aid, *SIGN)
    assert result.returncode == 0, result.stderr
    [signoff] = register.list_signoffs(complete_assessment["partnership_id"])
    assert f"Signed off {aid}: approved by A. Chief (Chief Executive)" in result.stdout
    assert signoff["digest"] in result.stdout and signoff["consulted"] == ["Chair"]
    assert register.get_assessment(aid)["status"] == "signed-off"

    again = pwiz("signoff", aid, *SIGN)
    assert again.returncode == 1 and "signed off and cannot be changed" in again.stderr
    verified = pwiz("verify")
    assert verified.returncode == 0 and "All 1 sign-off in 1 partnership match their digests" in verified.stdout


def test_a_conditional_approval_needs_its_conditions(pwiz, complete_assessment: dict) -> None:
    args = ("signoff", complete_assessment["id"], "--by", "A", "--role", "CEO", "--decision", "conditional")
    assert "needs its conditions" in pwiz(*args).stderr
    assert pwiz(*args, "--conditions", "Report back in 6 months").returncode == 0


@pytest.mark.folder_only
def test_verify_names_each_sign_off_that_no_longer_matches(pwiz, register: Register, complete_assessment: dict) -> None:
    pwiz("signoff", complete_assessment["id"], *SIGN)
    path = register.root / "partnerships" / f"{complete_assessment['partnership_id']}.json"
    path.write_text(path.read_text(encoding="utf-8").replace('"Unclear"', '"Yes"'), encoding="utf-8")
    result = pwiz("verify")
    assert result.returncode == 1
    assert complete_assessment["id"] in result.stdout and "no longer matches its digest" in result.stdout
    assert "pwiz: error: 1 problem found in 1 sign-off in 1 partnership" in result.stderr


def test_verify_of_an_empty_register_says_there_is_nothing_signed(pwiz) -> None:
    result = pwiz("verify")
    assert result.returncode == 0 and "No sign-offs yet" in result.stdout


def test_due_lists_overdue_reviews_first(pwiz, register: Register, complete_assessment: dict) -> None:
    pid = complete_assessment["partnership_id"]
    register.sign_off(complete_assessment["id"], "A", "CEO", "approved", signed_at=datetime(2025, 1, 31))
    register.update_partnership(pid, review_interval_months=3, significance="high")
    later = register.add_partnership("Later", significance="low", review_interval_months=12)["id"]
    aid = register.start_assessment(later, "scope", 1)["id"]
    register.set_status(aid, "complete")
    register.sign_off(aid, "A", "CEO", "approved", signed_at=datetime(2025, 3, 1))

    text = pwiz("due", "--today", "2025-05-10")
    assert text.returncode == 0
    lines = text.stdout.splitlines()
    assert "OVERDUE by 10 days" in lines[1] and pid in lines[1] and "quarterly" in lines[1]
    assert later in lines[2] and "in 295 days" in lines[2]
    rows = json.loads(pwiz("due", "--today", "2025-05-10", "--within", "30", "--json").stdout)
    assert [(r["id"], r["next_review_due"], r["overdue"]) for r in rows] == [(pid, "2025-04-30", True)]


def test_due_with_nothing_scheduled_says_so(pwiz) -> None:
    result = pwiz("due")
    assert result.returncode == 0 and "No reviews are scheduled" in result.stdout
