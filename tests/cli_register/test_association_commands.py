"""`pwiz association add|list|show|update` as a user runs them, and the scope outcome's hint to run them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Register

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL


def test_add_list_show_update_through_the_command_line(pwiz, register: Register) -> None:
    pid = register.add_partnership(
        "Police Chiefs Network",
        purpose="sharing practice",
        partners=["APA"],
        representatives=[{"name": "Cllr Ames", "kind": "member"}],
    )["id"]
    added = pwiz("association", "add", "Police Chiefs Network", "--partnership", pid, "--held-by", "both")
    assert added.returncode == 0, added.stderr
    aid = added.stdout.strip()
    listed = pwiz("association", "list")
    assert listed.stdout.splitlines()[0].split() == [
        "ID", "NAME", "KIND", "HELD", "BY", "STATUS", "MEMBERS", "EVALUATED", "NEXT", "REVIEW",
    ]  # fmt: skip
    row = [aid, "Police", "Chiefs", "Network", "-", "both", "proposed", "1", "-", "-"]
    assert listed.stdout.splitlines()[1].split() == row
    updated = pwiz(
        "association", "update", "police chiefs network",
        "--status", "active", "--evaluated-on", "03/11/2025", "--evaluated-by", "P. Officer", "--reports-back", "no",
    )  # fmt: skip
    assert updated.returncode == 0, updated.stderr
    assert updated.stdout.splitlines() == [
        f'Updated association {aid} "Police Chiefs Network":',
        "  Status: proposed -> active",
        "  Evaluation 2025-11-03: Evaluated on: - -> 2025-11-03",
        "  Evaluation 2025-11-03: Evaluated by: - -> P. Officer",
        "  Evaluation 2025-11-03: Representatives report back: - -> no",
        "  Evaluation 2025-11-03: Next review: - -> 2026-11-03",
    ]
    shown = json.loads(pwiz("association", "show", aid, "--json").stdout)
    # --partnership filled the sheet from the partnership's: its purpose, partners and representatives.
    assert shown["purpose"] == "sharing practice" and shown["organisations"] == ["APA"]
    assert [(m["name"], m["kind"]) for m in shown["members"]] == [("Cllr Ames", "member")]
    assert shown["partnership_id"] == pid
    assert shown["evaluations"][0]["reports_back"] == "no"
    text = pwiz("association", "show", aid).stdout
    assert "Representatives report back: no" in text and "Other organisations: APA" in text


def test_bad_input_is_one_line_and_exit_1(pwiz) -> None:
    for args, said in (
        (("association", "show", "nothing"), "no association with id or name 'nothing'"),
        (("association", "add", "X", "--kind", "club"), "invalid value for '--kind'"),
        (("association", "add", "X", "--partnership", "nothing"), "no partnership with id or name 'nothing'"),
    ):
        result = pwiz(*args)
        assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
        assert said in result.stderr and "Traceback" not in result.stderr


def test_a_scope_outcome_for_the_association_register_names_the_command(
    pwiz, register: Register, tmp_path: Path
) -> None:
    pid = register.add_partnership("Professional Network")["id"]
    answers = tmp_path / "scope.yaml"
    answers.write_text("sc-network: 'yes'\n")
    assessed = pwiz("assess", pid, "scope", "--answers", str(answers))
    hint = f"record it with pwiz association add 'Professional Network' --partnership {pid}"
    assert hint in assessed.stderr
    signed = pwiz(
        "signoff", assessed.stdout.strip(), "--by", "C. Exec", "--role", "Chief Executive", "--decision", "approved"
    )
    assert signed.returncode == 0 and hint in signed.stderr
    assert pwiz("association", "add", "Professional Network", "--partnership", pid).returncode == 0
    again = pwiz("assess", pid, "scope", "--answers", str(answers))  # a review's draft: linked now, no hint
    assert again.returncode == 0 and "pwiz association add" not in again.stderr
