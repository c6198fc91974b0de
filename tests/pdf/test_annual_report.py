"""`pwiz report --annual`: the committee's paper of the year's reviews, approvals, overdue items, risks and actions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from store import Register
from tests.pdf.builders import answer_everything, library, low_significance, scope_in
from tests.pdf.pdftext import body, pages
from wizard import approval
from wizard.pdf.annual import write_annual
from wizard.service import Governance

TODAY = date(2026, 12, 7)
APPROVABLE = ("scope", "significance", "key-principles")  # a low-significance partnership needs these


def reviewed(gov: Governance, name: str, when: datetime | None, interval: int = 12) -> str:
    """A partnership whose assessments were signed off (and approved) on `when`; None: only completed."""
    lib = gov.library
    pid = gov.register.add_partnership(name, type="strategic", status="active")["id"]
    for qid in APPROVABLE:
        definition = lib.get(qid)
        fixed = (
            scope_in(definition) if qid == "scope" else low_significance(definition) if qid == "significance" else None
        )
        assessment = gov.open_assessment(pid, qid)
        gov.answer_many(assessment["id"], answer_everything(definition, fixed=fixed))
        gov.complete(assessment["id"])
        if when is not None:
            gov.sign_off(assessment["id"], by="Jo Bloggs", role="Chief Executive", decision="approved", signed_at=when)
    if when is not None:
        approval.approve(
            gov, pid, by="Ann Chair", role="Chief Executive", decision="approved", consulted=["Chair"], signed_at=when
        )
    gov.register.update_partnership(pid, review_interval_months=interval)
    return pid


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    """Reviewed in 2025 only (and overdue by today), in 2026, and never; risks and actions in each."""
    reg = Register.open(tmp_path_factory.mktemp("annual") / "register")
    gov = Governance(reg, library())
    old = reviewed(gov, "Youth Offending Board", datetime(2025, 3, 10), interval=3)
    new = reviewed(gov, "Road Safety Group", datetime(2026, 9, 30))
    never = reviewed(gov, "Drug Action Team", None)
    reg.add_action(old, "Refresh the terms of reference", owner="A. Officer", due="2026-01-31")
    reg.add_action(new, "Agree the data-sharing protocol", owner="B. Officer", due="2027-03-01")
    reg.add_risk(new, "Funding may lapse", likelihood=5, impact=4, owner="Treasurer")
    reg.add_risk(never, "Partner withdraws")
    return reg


def annual_text(register, tmp_path, year: int) -> str:
    out = tmp_path / f"annual-{year}.pdf"
    write_annual(register, library(), out, year, today=TODAY)
    return body(out)


def between(text: str, start: str, end: str) -> str:
    """The part of the text from its section heading (the last `start`: the title page names the parts too)."""
    return text.rsplit(start, 1)[1].split(end, 1)[0]


def test_the_year_lists_its_own_sign_offs_and_approvals_not_the_years_before(register, tmp_path):
    text = annual_text(register, tmp_path, 2026)
    reviews = between(text, "Reviews signed off in 2026", "Approvals in 2026")
    assert "3 sign-offs dated in 2026" in reviews
    assert "2026-09-30 Road Safety Group Scope screening" in reviews
    assert "Youth Offending Board" not in reviews and "2025-03-10" not in reviews
    approvals = between(text, "Approvals in 2026", "Reviews overdue on")
    assert "2026-09-30 Road Safety Group Approved Ann Chair, Chief Executive; in consultation with Chair" in approvals
    assert "Youth Offending Board" not in approvals

    before = annual_text(register, tmp_path, 2025)
    reviews = between(before, "Reviews signed off in 2025", "Approvals in 2025")
    assert "2025-03-10 Youth Offending Board" in reviews and "Road Safety Group" not in reviews


def test_overdue_reviews_and_actions_are_marked_in_words(register, tmp_path):
    text = annual_text(register, tmp_path, 2026)
    overdue = between(text, "Reviews overdue on 2026-12-07", "Risks across the register")
    assert "1 partnership past the date" in overdue
    assert "Youth Offending Board Low 2025-03-10 2025-06-10 OVERDUE by 545 days" in overdue
    actions = text.rsplit("Open actions", 1)[1]
    assert "2 open actions, 1 overdue" in actions
    assert "Youth Offending Board Refresh the terms of reference A. Officer 2026-01-31 OVERDUE" in actions
    assert "Road Safety Group Agree the data-sharing protocol B. Officer 2027-03-01 open" in actions


def test_the_risk_heat_map_covers_the_register(register, tmp_path):
    risks = between(annual_text(register, tmp_path, 2026), "Risks across the register", "Open actions")
    assert "2 risks not closed (1 not scored, 1 high), each by its reference" in risks
    assert "Not scored (1, no cell): R2" in risks
    assert "R1 Road Safety Group Funding may lapse 5 × 4 = 20 High Treasurer Open" in risks
    assert "R2 Drug Action Team Partner withdraws not scored not assigned Open" in risks


def test_cli_writes_the_annual_report_with_a_title_page_naming_the_year_and_register(pwiz, db_path, tmp_path):
    reviewed(Governance(Register.open(db_path), library()), "Road Safety Group", datetime(2026, 9, 30))
    out = tmp_path / "annual.pdf"
    done = pwiz("report", "--annual", "--year", "2026", "-o", str(out))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"wrote {out}: annual report 2026, {len(pages(out))} pages (PDF)"
    title = " ".join(pages(out)[0].split())
    assert "Partnership register: the year 2026" in title and str(db_path) in title
    assert "For the Management Team and the Audit & Standards Committee" in title
    assert "Reviews signed off in 2026 3" in title

    alone = pwiz("report", "--year", "2026", "-o", str(tmp_path / "x.pdf"))
    assert alone.returncode != 0 and "--year goes with --annual" in alone.stderr
    assert alone.stderr.count("\n") == 1 and not (tmp_path / "x.pdf").exists()


def test_the_association_register_closes_the_paper_with_evaluations_overdue_in_words(tmp_path):
    reg = Register.open(tmp_path / "register")
    reg.associations.add(
        "Association of Police Authorities",
        {"evaluated_on": "2026-01-05", "evaluated_by": "P. Officer", "recommendation": "continue"},
        membership_held_by="authority",
        members=[{"name": "Cllr Ames", "kind": "member"}],
    )
    reg.associations.add("Chief Officers Network", membership_held_by="force")
    associations = annual_text(reg, tmp_path, 2026).rsplit("Association Register", 1)[1]
    assert (
        "Associations and groups that members and officers belong to (001): 2; 1 with an evaluation overdue"
        in associations
    )
    assert (
        "Association of Police Authorities Authority Cllr Ames (member) 2026-01-05 2027-01-05 continue" in associations
    )
    assert "Chief Officers Network Force none recorded never OVERDUE (never evaluated)" in associations
