"""`pwiz risk update|close`, `pwiz due` with risk reviews and overdue actions, and what sign-off
says the plan still lacks: run as an officer runs them."""

from __future__ import annotations

import json

import pytest

from store import Register

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


def test_a_risk_is_scored_treated_and_closed_from_the_command_line(pwiz, register: Register) -> None:
    pid = register.add_partnership("Safer Streets", significance="high")["id"]
    rid = pwiz("risk", "add", pid, "Partner funding ends in March").stdout.strip()
    assert pwiz("risk", "list", pid).stdout.split("  ")[1:3] == ["not scored", "open"]

    done = pwiz(
        "risk",
        "update",
        rid,
        "--likelihood",
        "4",
        "--impact",
        "5",
        "--owner",
        "Insp. Ŵyn",
        "--mitigation",
        "Bid early",
        "--target-likelihood",
        "2",
        "--target-impact",
        "5",
        "--status",
        "treated",
        "--review-date",
        "01/02/2031",
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == (
        f"Updated {rid}: 4 Likely × 5 Severe = 20, treated, owner Insp. Ŵyn, next review 2031-02-01"
    )
    line = pwiz("risk", "list").stdout.strip()
    assert line.split("  ") == [
        rid,
        "20",
        "treated",
        "review 2031-02-01",
        "Safer Streets",
        "Partner funding ends in March",
        "owner Insp. Ŵyn",
    ]
    (stored,) = json.loads(pwiz("risk", "list", pid, "--json").stdout)
    assert (stored["target_score"], stored["mitigation"]) == (10, "Bid early")
    shown = pwiz("partnership", "show", pid).stdout  # the same line on the partnership's own page
    assert f"{rid}  20  treated  review 2031-02-01  Partner funding ends in March  owner Insp. Ŵyn" in shown

    closed = pwiz("risk", "close", rid, "--by", "Jo Bloggs", "--reason", "Funding secured to 2030")
    assert closed.returncode == 0, closed.stderr
    assert pwiz("risk", "list").stdout.split("  ")[2] == "closed"
    again = pwiz("risk", "close", rid, "--by", "Jo Bloggs", "--reason", "twice")
    assert again.returncode == 1 and len(again.stderr.strip().splitlines()) == 1
    assert "was already closed by Jo Bloggs" in again.stderr and "(Funding secured to 2030)" in again.stderr


def test_bad_risk_updates_are_one_line_and_change_nothing(pwiz, register: Register) -> None:
    pid = register.add_partnership("Safer Streets")["id"]
    rid = register.add_risk(pid, "Venue unavailable", likelihood=2, impact=2)["id"]
    for args, says in (
        (("risk", "update", rid, "--likelihood", "6"), "invalid value for '--likelihood'"),
        (("risk", "update", rid, "--review-date", "31/02/2031"), "not a day in the calendar"),
        (("risk", "update", rid, "--status", "closed"), "invalid value for '--status'"),
        (("risk", "update", rid), "give at least one of the options"),
        (("risk", "close", rid, "--by", "Jo Bloggs", "--reason", "  "), "needs the reason it is closed"),
    ):
        done = pwiz(*args)
        assert done.returncode == 1, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1 and says in done.stderr, (args, done.stderr)
    assert register.list_risks(pid)[0]["status"] == "open"


def test_due_lists_risk_reviews_due_and_actions_overdue_after_the_reviews(pwiz, register: Register) -> None:
    pid = register.add_partnership("Safer Streets")["id"]
    later = register.add_partnership("Later")["id"]
    due_risk = register.add_risk(pid, "Partner funding ends", review_due="2025-05-01")["id"]
    register.add_risk(later, "Not yet", review_due="2025-09-01")
    register.close_risk(None, register.add_risk(later, "Closed", review_due="2025-01-01")["id"], "Jo", "gone")
    late = register.add_action(pid, "Agree terms of reference", due="2025-05-08")["id"]
    register.add_action(pid, "Not late", due="2025-05-10")
    register.close_action(later, register.add_action(later, "Done", due="2025-01-01")["id"], "Jo")

    text = pwiz("due", "--today", "2025-05-10").stdout
    reviews, risks, actions = text.split("\n\n")
    assert "significance not assessed" in reviews  # the partnerships' own rows, as before
    assert risks.splitlines()[0] == "Risk reviews:"
    assert risks.splitlines()[2].split() == [
        "OVERDUE", "by", "9", "days", "2025-05-01", due_risk, "Safer", "Streets", "Partner", "funding", "ends"
    ]  # fmt: skip
    assert len(risks.splitlines()) == 3  # not the one due in September, nor the closed one
    assert actions.splitlines()[0] == "Overdue actions:" and len(actions.splitlines()) == 3
    assert "OVERDUE by 2 days" in actions and late in actions

    rows = json.loads(pwiz("due", "--today", "2025-05-10", "--within", "120", "--json").stdout)
    assert [(r["reason"], r.get("risk_id") or r.get("action_id"), r.get("due")) for r in rows][2:] == [
        ("risk review due", due_risk, "2025-05-01"),
        ("risk review due", register.list_risks(later)[0]["id"], "2025-09-01"),
        ("action overdue", late, "2025-05-08"),
    ]


def test_sign_off_names_each_action_without_an_owner_or_due_date_and_each_unscored_risk(
    pwiz, register: Register, complete_assessment: dict
) -> None:
    pid = complete_assessment["partnership_id"]
    owned = register.add_action(pid, "Owned and dated", owner="Jo Bloggs", due="2031-01-01")
    bare = register.add_action(pid, "Agree terms of reference")
    unscored = register.add_risk(pid, "Chair may resign")
    register.add_risk(pid, "Scored", likelihood=1, impact=1)

    done = pwiz("signoff", complete_assessment["id"], "--by", "A", "--role", "CEO", "--decision", "approved")
    assert done.returncode == 0, done.stderr
    missing = [line for line in done.stderr.splitlines() if line.startswith("missing: ")]
    assert missing == [
        f"missing: action {bare['id']} (Agree terms of reference) has no owner and no due date: "
        f"pwiz action update {bare['id']} --owner NAME --due DD/MM/YYYY",
        f"missing: risk {unscored['id']} (Chair may resign) is not scored: "
        f"pwiz risk update {unscored['id']} --likelihood 1-5 --impact 1-5",
    ]
    assert owned["id"] not in done.stderr
