"""`pwiz evidence add|list|show|export`, and evidence in `verify` and `due`, run as subprocesses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from store import Register
from wizard.reminders import reminders

pytestmark = pytest.mark.both_registers  # the CLI and the wizard on a folder and on PostgreSQL

SCAN = bytes(range(256)) * 40 + "Cytundeb wedi'i lofnodi ✓".encode()  # binary, not text


def test_a_document_goes_in_and_comes_out_byte_for_byte(pwiz, register: Register, tmp_path: Path) -> None:
    pid = register.add_partnership("Partneriaeth Diogelwch Cymunedol")["id"]
    original = tmp_path / "Cytundeb partneriaeth – ŵ.pdf"
    original.write_bytes(SCAN)

    added = pwiz(
        "evidence", "add", pid, str(original), "--kind", "agreement", "--signed", "01/04/2025",
        "--expires", "2028-03-31", "--title", "Partnership Agreement",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    eid = added.stdout.strip()
    assert f"Attached Partnership Agreement (agreement, 10.3 kB) to partnership {pid} as {eid}" in added.stderr

    listed = pwiz("evidence", "list", pid)
    assert eid in listed.stdout and "2025-04-01" in listed.stdout and "2028-03-31" in listed.stdout
    shown = json.loads(pwiz("evidence", "show", eid, "--json").stdout)
    assert shown["file_name"] == original.name and shown["media_type"] == "application/pdf"
    assert shown["signed"] == "2025-04-01" and shown["size"] == len(SCAN)

    out = tmp_path / "out" / "copy.pdf"
    out.parent.mkdir()
    exported = pwiz("evidence", "export", eid, "-o", str(out))
    assert exported.returncode == 0 and out.read_bytes() == SCAN
    again = pwiz("evidence", "add", pid, str(original))
    assert again.stdout.strip() == eid and "nothing added" in again.stderr


def test_a_folder_is_refused_in_one_line(pwiz, register: Register, tmp_path: Path) -> None:
    pid = register.add_partnership("Safer Streets")["id"]
    result = pwiz("evidence", "add", pid, str(tmp_path))
    assert result.returncode == 1
    assert result.stderr == f"pwiz: error: cannot attach {tmp_path}: it is a folder; give the path of a document\n"


@pytest.mark.folder_only
def test_verify_refuses_an_altered_stored_file(pwiz, register: Register) -> None:
    pid = register.add_partnership("Safer Streets")["id"]
    record, _ = register.add_evidence(pid, SCAN, "isa.pdf", kind="isa", title="Information Sharing Agreement")
    assert pwiz("verify").returncode == 0
    stored = register.root / "evidence" / record["sha256"][:2] / f"{record['sha256']}.bin"
    stored.write_bytes(SCAN[:-1] + b"!")

    result = pwiz("verify")
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(
        f"partnership {pid} 'Safer Streets': evidence {record['id']} 'Information Sharing Agreement'"
    )
    assert "altered or damaged since it was attached" in line and f"evidence add {pid} ORIGINAL-FILE" in line
    assert "pwiz: error: 1 problem found" in result.stderr
    refused = pwiz("evidence", "export", record["id"], "-o", str(stored.parent / "out.pdf"))
    assert refused.returncode == 1 and "altered or damaged" in refused.stderr


def test_due_lists_an_agreement_expiring_within_sixty_days(pwiz, register: Register) -> None:
    pid = register.add_partnership("Safer Streets")["id"]
    register.add_evidence(pid, b"old", "old.pdf", kind="agreement", title="Agreement 2024", expires="2026-01-31")
    record, _ = register.add_evidence(
        pid, b"2025", "new.pdf", kind="agreement", title="Agreement", expires="2026-03-01"
    )
    insurance, _ = register.add_evidence(pid, b"later", "ins.pdf", kind="insurance", expires="2026-09-30")

    rows = json.loads(pwiz("due", "--json", "--today", "2026-01-15").stdout)
    expiring = [row for row in rows if row["reason"].startswith("document")]
    assert [(row["evidence_id"], row["days_until_due"]) for row in expiring] == [(record["id"], 45)]
    assert "Agreement (agreement)" in pwiz("due", "--today", "2026-01-15").stdout
    calendar = [(r.uid, r.day.isoformat()) for r in reminders(register) if r.kind == "evidence"]
    assert calendar == [
        (f"evidence-{record['id']}@pwiz", "2026-03-01"),
        (f"evidence-{insurance['id']}@pwiz", "2026-09-30"),
    ]


def test_a_document_linked_to_a_question_is_covered_by_the_sign_off(
    pwiz, register: Register, complete_assessment: dict, tmp_path: Path
) -> None:
    aid, pid = complete_assessment["id"], complete_assessment["partnership_id"]
    (tmp_path / "tor.pdf").write_bytes(SCAN)
    wrong = pwiz("evidence", "add", pid, str(tmp_path / "tor.pdf"), "--assessment", aid, "--question", "kp-99")
    assert wrong.returncode == 1 and "has no question 'kp-99'" in wrong.stderr and wrong.stderr.count("\n") == 1

    added = pwiz(
        "evidence", "add", pid, str(tmp_path / "tor.pdf"), "--assessment", aid, "--question", "kp-alternatives"
    )
    assert added.returncode == 0, added.stderr
    eid = added.stdout.strip()
    signed = pwiz("signoff", aid, "--by", "A. Chief", "--role", "Chief Executive", "--decision", "approved")
    assert f"It covers 1 document(s): {eid}" in signed.stdout
    verified = pwiz("verify")
    assert verified.returncode == 0
    assert "All 1 sign-off in 1 partnership (and 1 evidence file) match their digests." in verified.stdout
