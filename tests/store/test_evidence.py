"""Evidence in the store: documents kept by their SHA-256, once, within a size limit, under any
name, covered by the sign-off of the assessment they support, and rehashed by verify."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from store import Register, StoreError
from store import evidence as kept
from store.digest import content_of, sha256_hex

AGREEMENT = b"%PDF-1.4\nPartnership Agreement, signed by every partner\n"


def stored_files(register: Register) -> list[Path]:
    return sorted((register.root / "evidence").rglob("*.bin"))


@pytest.mark.folder_only
def test_a_document_is_kept_under_its_sha256_once_however_often_it_is_attached(register: Register, pid: str) -> None:
    other = register.add_partnership("Youth Justice Board")["id"]
    first, new = register.add_evidence(pid, AGREEMENT, "agreement.pdf", kind="agreement", expires="2027-03-31")
    again, new_again = register.add_evidence(pid, AGREEMENT, "copy of agreement.pdf")
    elsewhere, _ = register.add_evidence(other, AGREEMENT, "theirs.pdf")

    sha = hashlib.sha256(AGREEMENT).hexdigest()
    assert stored_files(register) == [register.root / "evidence" / sha[:2] / f"{sha}.bin"]
    assert stored_files(register)[0].read_bytes() == AGREEMENT
    assert (new, new_again, again["id"]) == (True, False, first["id"])  # the same document adds no record
    assert first["sha256"] == elsewhere["sha256"] == sha and first["size"] == len(AGREEMENT)
    assert [e["id"] for e in register.list_evidence(pid)] == [first["id"]]
    assert register.evidence_data(elsewhere["id"]) == AGREEMENT
    assert register.list_partnerships()[0]["next_evidence_expiry"] == "2027-03-31"


@pytest.mark.folder_only
@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("../../x", "x"),
        ("..\\..\\Windows\\evil.exe", "evil.exe"),
        ("/etc/passwd", "passwd"),
        ("..", "unnamed"),
        ("Cytundeb Partneriaeth ŵŷ.pdf", "Cytundeb Partneriaeth ŵŷ.pdf"),
        ("Umowa o współpracy.docx", "Umowa o współpracy.docx"),
        ("اتفاقية الشراكة.pdf", "اتفاقية الشراكة.pdf"),
        ("evil\x1b[2J\u202eName.pdf", "evil[2JName.pdf"),
    ],
)
def test_the_name_it_had_is_only_shown_never_used_as_a_path(
    register: Register, pid: str, given: str, shown: str
) -> None:
    record, _ = register.add_evidence(pid, given.encode(), given)
    assert record["file_name"] == shown
    files = [p for p in register.root.rglob("*") if p.is_file()]
    assert all(p.is_relative_to(register.root) for p in files)
    assert {p.name for p in stored_files(register)} == {f"{record['sha256']}.bin"}


def test_a_document_over_the_limit_is_refused_with_one_line_and_nothing_kept(
    register: Register, pid: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kept, "MAX_BYTES", 1_000_000)
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"x" * 1_500_000)
    with pytest.raises(StoreError) as refused:
        kept.read_source(big)
    assert str(refused.value) == (
        f"{big} is 1.5 MB; an evidence file is at most 1 MB: attach a smaller copy (a compressed PDF, or the "
        "signed pages only)"
    )
    with pytest.raises(StoreError, match="at most 1 MB"):
        register.add_evidence(pid, big.read_bytes(), "scan.pdf")
    assert stored_files(register) == [] and register.list_evidence(pid) == []


def test_a_folder_a_pipe_or_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="it is a folder"):
        kept.read_source(tmp_path)
    if hasattr(os, "mkfifo"):  # a pipe would block a reader: refused before it is opened
        os.mkfifo(tmp_path / "pipe")
        with pytest.raises(StoreError, match="not a regular file"):
            kept.read_source(tmp_path / "pipe")
    with pytest.raises(StoreError, match="no file"):
        kept.read_source(tmp_path / "nope.pdf")


def test_the_sign_off_covers_the_digest_of_each_document_linked_to_the_assessment(
    register: Register, pid: str, complete: dict
) -> None:
    linked, _ = register.add_evidence(pid, AGREEMENT, "a.pdf", assessment_id=complete["id"], question_id="kp-2")
    register.add_evidence(pid, b"minutes", "minutes.txt", kind="minutes")  # the partnership's, not the assessment's

    signoff = register.sign_off(complete["id"], by="Chief Executive", role="CEO", decision="approved")

    assert signoff["evidence"] == [
        {"id": linked["id"], "sha256": linked["sha256"], "size": len(AGREEMENT), "question_id": "kp-2"}
    ]
    assessment = register.get_assessment(complete["id"])
    assert signoff["digest"] == sha256_hex(content_of(assessment, signoff))
    assert content_of(assessment, signoff)["signoff"]["evidence"][0]["sha256"] == linked["sha256"]
    assert register.verify() == []


ASSESSMENT = {
    "id": "p3f9a1c-a4b2e01",
    "partnership_id": "p3f9a1c",
    "questionnaire_id": "key-principles",
    "questionnaire_version": 1,
    "answers": {"kp-1": {"value": "Yes", "note": None, "action": None, "answered_at": "2025-01-01T09:00:00+00:00"}},
    "created_at": "2025-01-01T09:00:00+00:00",
    "renews": None,
    "status": "signed-off",
    "revision": 3,
}
SIGNOFF = {
    "id": "p3f9a1c-s000001",
    "partnership_id": "p3f9a1c",
    "assessment_id": "p3f9a1c-a4b2e01",
    "by": "Jo Bloggs",
    "role": "Chief Executive",
    "decision": "approved",
    "consulted": ["Chair"],
    "conditions": None,
    "signed_at": "2025-01-02T10:00:00+00:00",
    "recorded_at": "2025-01-02T10:00:00+00:00",
    "previous_digest": None,
    "digest_format": 2,
}


def test_a_sign_off_without_evidence_is_digested_as_before(register: Register, complete: dict) -> None:
    """Registers signed before evidence existed must still verify: the digests below were computed
    by pwiz before evidence was added (both digest formats), and a new sign-off with no document
    linked carries no `evidence` field."""
    assert sha256_hex(content_of(ASSESSMENT, SIGNOFF)) == (
        "f0639d7babf0061b8abc25aa3713ce8cec67548e593737ad9ac4b768017746cc"
    )
    first_format = {k: v for k, v in SIGNOFF.items() if k not in ("recorded_at", "digest_format")}
    assert sha256_hex(content_of(ASSESSMENT, first_format)) == (
        "0eff880bc80ddc1f386be4a9549a3958e8a616e0df14d8b50f14f2654b16594b"
    )
    signoff = register.sign_off(complete["id"], by="Chief Executive", role="CEO", decision="approved")
    assert "evidence" not in signoff


def test_a_document_cannot_be_linked_to_a_signed_off_assessment(register: Register, pid: str, complete: dict) -> None:
    register.sign_off(complete["id"], by="Chief Executive", role="CEO", decision="approved")
    with pytest.raises(StoreError, match="is signed off, and its sign-off covers the documents linked to it then"):
        register.add_evidence(pid, AGREEMENT, "late.pdf", assessment_id=complete["id"])
    assert register.list_evidence(pid) == []


@pytest.mark.folder_only
def test_changing_the_document_a_sign_off_covers_is_seen_by_verify(
    register: Register, pid: str, complete: dict
) -> None:
    linked, _ = register.add_evidence(pid, AGREEMENT, "a.pdf", assessment_id=complete["id"])
    register.sign_off(complete["id"], by="Chief Executive", role="CEO", decision="approved")
    path = register.root / "partnerships" / f"{pid}.json"
    tables = json.loads(path.read_text())
    other = hashlib.sha256(b"another file").hexdigest()
    for record in tables["evidence"].values():
        record["sha256"] = other
    path.write_text(json.dumps(tables))

    problems = register.verify()
    assert any(f"evidence {linked['id']}, covered by sign-off" in p and "now names another file" in p for p in problems)


@pytest.mark.folder_only
def test_verify_refuses_an_altered_stored_file_naming_the_partnership_and_the_document(
    register: Register, pid: str
) -> None:
    record, _ = register.add_evidence(pid, AGREEMENT, "agreement.pdf", title="Partnership Agreement")
    assert register.verify() == []
    (stored,) = stored_files(register)
    stored.write_bytes(AGREEMENT + b"one clause more")

    (problem,) = register.verify()
    assert problem.startswith(f"partnership {pid} 'Safer Streets': evidence {record['id']} 'Partnership Agreement': ")
    assert "altered or damaged since it was attached" in problem and "restore it" in problem
    with pytest.raises(StoreError, match="altered or damaged"):
        register.evidence_data(record["id"])

    register.add_evidence(pid, AGREEMENT, "the original.pdf")  # what the line says to do
    assert register.verify() == [] and stored.read_bytes() == AGREEMENT

    stored.unlink()
    stored.mkdir()  # something else in its place: a problem line, not a crash
    (problem,) = register.verify()
    assert "is altered or damaged since it was attached" in problem
    stored.rmdir()
    (problem,) = register.verify()
    assert "is missing" in problem


def test_a_renewed_agreement_clears_the_old_one_from_the_index(register: Register, pid: str) -> None:
    register.add_evidence(pid, b"2024 agreement", "old.pdf", kind="agreement", expires="2025-01-31")
    register.add_evidence(pid, b"isa", "isa.pdf", kind="isa", expires="2027-06-30")
    assert register.list_partnerships()[0]["next_evidence_expiry"] == "2025-01-31"
    register.add_evidence(pid, b"2025 agreement", "new.pdf", kind="agreement", expires="2028-01-31")
    assert register.list_partnerships()[0]["next_evidence_expiry"] == "2027-06-30"
