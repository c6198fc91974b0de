"""Sign-offs freeze what they sign, carry its digest, and chain to the previous one."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime

import pytest

from store import (
    FrozenError,
    Register,
    StoreError,
    canonical_json,
    sha256_hex,
    signed_content,
)


def sign(register: Register, aid: str, **extra) -> dict:
    return register.sign_off(aid, "Chief Executive", "Chief Executive", "approved", ["Chair"], **extra)


def edit_file(register: Register, pid: str, change) -> None:
    """Change a partnership file behind the register's back (as a person with an editor could)."""
    path = register.root / "partnerships" / f"{pid}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_an_assessment_must_be_complete_to_be_signed_off(register: Register, draft: dict) -> None:
    with pytest.raises(StoreError, match=r"still a draft.*mark it complete"):
        sign(register, draft["id"])
    assert register.get_assessment(draft["id"])["status"] == "draft"
    assert register.list_signoffs(draft["partnership_id"]) == []


def test_a_sign_off_records_the_decision_and_freezes_the_assessment(register: Register, complete: dict) -> None:
    when = datetime(2025, 3, 4, 10, 30, tzinfo=UTC)
    signoff = register.sign_off(
        complete["id"],
        "A. Chief",
        "Chief Executive",
        "conditional",
        consulted=["Chair", "Vice-Chair"],
        conditions="report in 6 months",
        signed_at=when,
    )
    assert signoff["id"].startswith(f"{complete['partnership_id']}-s")
    assert (signoff["by"], signoff["role"], signoff["decision"]) == ("A. Chief", "Chief Executive", "conditional")
    assert signoff["consulted"] == ["Chair", "Vice-Chair"] and signoff["conditions"] == "report in 6 months"
    assert signoff["signed_at"] == "2025-03-04T10:30:00+00:00"
    assert register.get_assessment(complete["id"])["status"] == "signed-off"
    assert register.list_signoffs(complete["partnership_id"]) == [signoff]


def test_no_api_changes_a_signed_off_assessment(register: Register, complete: dict) -> None:
    aid = complete["id"]
    sign(register, aid)
    before = register.get_assessment(aid)
    for change in (
        lambda: register.save_answer(aid, "kp-1", "No"),
        lambda: register.save_answers(aid, {"kp-9": {"value": "Yes"}}),
        lambda: register.clear_answer(aid, "kp-1"),
        lambda: register.set_status(aid, "draft"),
        lambda: register.set_status(aid, "complete"),
        lambda: sign(register, aid),
    ):
        with pytest.raises(FrozenError, match="signed off and cannot be changed"):
            change()
    assert register.get_assessment(aid) == before


def test_the_digest_is_sha256_of_the_canonical_json_of_the_signed_content(register: Register, complete: dict) -> None:
    signoff = sign(register, complete["id"])
    content = signed_content(register, signoff)
    text = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert signoff["digest"] == hashlib.sha256(text.encode("utf-8")).hexdigest() == sha256_hex(content)
    assert content["assessment"]["answers"] == register.get_assessment(complete["id"])["answers"]
    assert content["signoff"]["decision"] == "approved" and "digest" not in content["signoff"]
    assert "revision" not in content["assessment"] and "status" not in content["assessment"]


def test_canonical_json_has_sorted_keys_no_whitespace_and_raw_utf8() -> None:
    assert canonical_json({"b": [1, 2], "a": "Łódź ŵ"}) == '{"a":"Łódź ŵ","b":[1,2]}'.encode()


def test_sign_offs_of_a_partnership_form_a_chain(register: Register, pid: str, complete: dict) -> None:
    first = sign(register, complete["id"])
    review = register.start_assessment(pid, "key-principles", 1, renews=complete["id"])
    register.save_answer(review["id"], "kp-1", "Yes")
    register.set_status(review["id"], "complete")
    second = sign(register, review["id"])
    assert first["previous_digest"] is None
    assert second["previous_digest"] == first["digest"]
    other = register.add_partnership("Another")["id"]
    elsewhere = register.start_assessment(other, "scope", 1)
    register.set_status(elsewhere["id"], "complete")
    assert sign(register, elsewhere["id"])["previous_digest"] is None
    assert register.verify() == []


@pytest.mark.folder_only
def test_verify_reports_an_answer_changed_after_sign_off(register: Register, pid: str, complete: dict) -> None:
    signoff = sign(register, complete["id"])

    def change_answer(data):
        for doc in data["assessments"].values():
            doc["answers"]["kp-1"]["value"] = "No"

    edit_file(register, pid, change_answer)
    [problem] = register.verify()
    assert signoff["id"] in problem and complete["id"] in problem and "no longer matches its digest" in problem


@pytest.mark.folder_only
def test_verify_reports_a_sign_off_whose_decision_was_edited(register: Register, pid: str, complete: dict) -> None:
    sign(register, complete["id"])
    edit_file(register, pid, lambda data: [s.update(decision="deferred") for s in data["signoffs"].values()])
    assert "no longer matches its digest" in register.verify()[0]


@pytest.mark.folder_only
def test_verify_reports_a_removed_sign_off_as_a_broken_chain(register: Register, pid: str, complete: dict) -> None:
    sign(register, complete["id"])
    review = register.start_assessment(pid, "key-principles", 1)
    register.set_status(review["id"], "complete")
    second = sign(register, review["id"])
    edit_file(register, pid, lambda data: data["signoffs"].pop("1"))
    problems = register.verify()
    assert any(second["id"] in p and "chain broken" in p for p in problems)
    assert any(complete["id"] in p and "has no sign-off" in p for p in problems)


@pytest.mark.folder_only
def test_verify_reports_a_signed_off_assessment_reopened_by_hand(register: Register, pid: str, complete: dict) -> None:
    sign(register, complete["id"])
    edit_file(register, pid, lambda data: [a.update(status="draft") for a in data["assessments"].values()])
    assert "no longer marked signed off" in register.verify()[0]


@pytest.mark.folder_only
def test_the_digest_covers_when_a_sign_off_was_recorded(register: Register, complete: dict) -> None:
    signoff = sign(register, complete["id"])
    assert signoff["digest_format"] == 2 and signoff["recorded_at"]
    path = register.root / "partnerships" / f"{complete['partnership_id']}.json"
    for forged in (signoff["recorded_at"].replace(signoff["recorded_at"][:4], "1999"), None):
        text = path.read_text()
        changed = text.replace(f'"recorded_at": "{signoff["recorded_at"]}"', f'"recorded_at": {json.dumps(forged)}')
        assert changed != text
        path.write_text(changed)
        [problem] = register.verify()
        assert "no longer matches its digest" in problem
        path.write_text(text)
    assert register.verify() == []


@pytest.mark.folder_only
def test_removing_the_newest_sign_off_is_caught_by_the_index_anchor_even_after_restore(
    register: Register, complete: dict
) -> None:
    """The forger deletes the newest sign-off and sets its assessment back to complete: the file's own chain
    is consistent, but the index still anchors the removed sign-off, and restore does not launder it."""
    signoff = sign(register, complete["id"])
    pid = complete["partnership_id"]
    path = register.root / "partnerships" / f"{pid}.json"
    tables = json.loads(path.read_text())
    tables["signoffs"] = {}
    for assessment in tables["assessments"].values():
        assessment["status"] = "complete"
    path.write_text(json.dumps(tables))
    [problem] = register.verify()
    assert problem.startswith(
        f"partnership {pid} (Safer Streets): the index recorded 1 sign-off(s), the newest with digest {signoff['digest'][:16]}"
    )
    assert f"restore --forget {pid}" in problem

    report = register.restore()
    assert report.failed == [problem] and register.verify() == [problem]  # still anchored: restore does not launder
    report = register.restore(forget=[pid])
    assert report.failed == [] and any(
        line.startswith(f"accepted the file of partnership {pid}") for line in report.done
    )
    assert register.verify() == []
