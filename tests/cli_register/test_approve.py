"""`pwiz approve`: the partnership's approval, refused until everything its significance requires is signed off."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from store import Register
from tests.pdf.builders import answer_everything, library, low_significance, scope_in
from tests.pdf.pdftext import norm, pages
from wizard.service import Governance

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL

APPROVER = ("--by", "Carol Chief", "--role", "Chief Executive")


def assessed(register: Register, name: str, questionnaires: tuple[str, ...], sign: bool = True) -> str:
    """A partnership at low significance (scope, significance and key principles required)."""
    lib = library()
    gov = Governance(register, lib)
    pid = register.add_partnership(name)["id"]
    for qid in questionnaires:
        definition = lib.get(qid)
        fixed = (
            scope_in(definition) if qid == "scope" else low_significance(definition) if qid == "significance" else None
        )
        draft = gov.open_assessment(pid, qid)
        gov.answer_many(draft["id"], answer_everything(definition, fixed=fixed))
        if sign:
            gov.sign_off(
                draft["id"],
                by="Jo Officer",
                role="Partnerships Officer",
                decision="approved",
                signed_at=datetime(2026, 1, 10, 9, 30),
            )
        else:
            gov.complete(draft["id"])
    return pid


def test_approval_is_refused_in_one_line_until_every_required_questionnaire_is_signed_off(pwiz, register):
    pid = assessed(register, "Safer Streets", ("scope", "significance"))
    done = pwiz("approve", pid, *APPROVER, "--decision", "approved")
    assert done.returncode == 1 and done.stdout == ""
    [line] = done.stderr.splitlines()
    assert line == (
        f"pwiz: error: partnership {pid} cannot be approved yet: Key principles, value and purpose, governance "
        "arrangements: not assessed yet; sign those off first"
    )
    assert register.list_approvals(pid) == []

    nothing = assessed(register, "Nothing Yet", ())
    done = pwiz("approve", "nothing yet", *APPROVER, "--decision", "approved")
    assert (
        done.returncode == 1
        and "Scope screening" in done.stderr
        and "Significance assessment: not assessed yet" in done.stderr
    )
    assert register.list_approvals(nothing) == []


def test_a_complete_but_unsigned_questionnaire_holds_approval_up(pwiz, register):
    pid = assessed(register, "Half Way", ("scope", "significance"))
    assessed_kp = Governance(register, library())
    draft = assessed_kp.open_assessment(pid, "key-principles")
    assessed_kp.answer_many(draft["id"], answer_everything(library().get("key-principles")))
    assessed_kp.complete(draft["id"])
    done = pwiz("approve", pid, *APPROVER, "--decision", "approved")
    assert done.returncode == 1
    assert "Key principles, value and purpose, governance arrangements: complete but not signed off" in done.stderr


def test_approval_records_the_decision_and_the_pack_carries_it(pwiz, register, tmp_path: Path):
    pid = assessed(register, "Safer Streets", ("scope", "significance", "key-principles"))
    draft_pack = tmp_path / "draft.pdf"
    assert pwiz("export", pid, "-o", str(draft_pack)).returncode == 0
    assert all("DRAFT — not approved" in text for text in pages(draft_pack))

    done = pwiz(
        "approve",
        "safer streets",
        *APPROVER,
        "--decision",
        "conditional",
        "--consulted",
        "Dan Chair",
        "--consulted",
        "Eve Vice-Chair",
        "--conditions",
        "Quarterly report <to> the Authority & partners",
        "--date",
        "2026-01-14",
    )
    assert done.returncode == 0, done.stderr
    [approval] = register.list_approvals(pid)
    login = f"; signed in as {approval['signed_in_as']}" if "signed_in_as" in approval else ""  # the shared register's
    assert done.stdout.strip() == (
        f"Approved partnership {pid}: conditional by Carol Chief (Chief Executive) as {approval['id']}, covering the "
        f"sign-offs of scope, significance, key-principles; digest {approval['digest']}{login}"
    )
    assert approval["signed_at"].startswith("2026-01-14") and approval["consulted"] == ["Dan Chair", "Eve Vice-Chair"]
    assert {c["signoff_id"] for c in approval["covers"]} == {s["id"] for s in register.list_signoffs(pid)}
    assert pwiz("verify").stdout.strip() == "All 3 sign-offs and 1 approval in 1 partnership match their digests."

    pack = tmp_path / "pack.pdf"
    assert pwiz("export", pid, "-o", str(pack)).returncode == 0
    cover = norm(pages(pack)[0])
    assert "Decision: Approved with conditions" in cover and "DRAFT" not in cover
    for shown in (
        "2026-01-14",
        "Carol Chief, Chief Executive",
        "Dan Chair",
        "Eve Vice-Chair",
        "Quarterly report <to> the Authority & partners",
        f"Record digest {approval['digest']}",
    ):
        assert shown in cover, shown


def test_approval_needs_its_conditions_and_no_future_date(pwiz, register):
    pid = assessed(register, "Safer Streets", ("scope", "significance", "key-principles"))
    done = pwiz("approve", pid, *APPROVER, "--decision", "conditional")
    assert done.returncode == 1 and "a conditional approval needs its conditions" in done.stderr
    done = pwiz("approve", pid, *APPROVER, "--decision", "approved", "--date", "2999-01-01")
    assert done.returncode == 1 and "an approval cannot be dated in the future" in done.stderr
    assert register.list_approvals(pid) == []


@pytest.mark.folder_only
def test_a_later_review_needs_a_new_approval_and_verify_names_a_changed_one(pwiz, register):
    pid = assessed(register, "Safer Streets", ("scope", "significance", "key-principles"))
    assert pwiz("approve", pid, *APPROVER, "--decision", "approved").returncode == 0
    gov = Governance(register, library())
    review = gov.open_assessment(pid, "key-principles")
    gov.confirm(review["id"])
    gov.sign_off(review["id"], by="Jo Officer", role="Partnerships Officer", decision="approved")
    from wizard import approval

    state = approval.state(gov, pid)
    assert state.current is None and state.needed[0].startswith(
        "a new approval (pwiz approve): sign-offs were made since"
    )
    assert pwiz("approve", pid, *APPROVER, "--decision", "approved").returncode == 0
    assert approval.state(gov, pid).current is not None

    path = register.root / "partnerships" / f"{pid}.json"
    path.write_text(path.read_text().replace('"decision": "approved"', '"decision": "deferred"', 1))
    done = pwiz("verify")
    assert (
        done.returncode == 1
        and "what was approved no longer matches its digest" in done.stdout + done.stderr
        or "no longer matches" in done.stdout
    )
