"""verify_pack: a pack proves what was signed, and any change to it or the register shows."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from store import Register, sha256_hex
from store.approvals import approval_digest
from store.digest import content_of
from tests.pdf.builders import issue, typical_register
from wizard.pdf import record as pack_record
from wizard.pdf.pack import build_pack
from wizard.service import Governance
from wizard.verify.pack_check import verify_pack


@pytest.fixture
def fresh(tmp_path):
    """A register and its pack on disk, for tests that tamper with one of them."""
    register, lib, pid = typical_register(
        tmp_path / "register", questionnaires=("scope", "significance", "key-principles")
    )
    return register, lib, pid, issue(register, lib, pid, tmp_path / "pack.pdf")


def partnership_file(register: Register, pid: str) -> Path:
    return register.root / "partnerships" / f"{pid}.json"


def edit_register(register: Register, pid: str, change) -> None:
    path = partnership_file(register, pid)
    tables = json.loads(path.read_text())
    change(tables)
    path.write_text(json.dumps(tables, indent=1, sort_keys=True))


def replace_record(pdf: Path, change) -> None:
    """Rewrite the attached record (as a forger would, with pypdf)."""
    writer = PdfWriter(clone_from=PdfReader(pdf))
    names = writer.root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    stream = names[1].get_object()["/EF"]["/F"].get_object()
    record = json.loads(stream.get_data())
    change(record)
    stream.set_data(pack_record.encode(record))
    out = io.BytesIO()
    writer.write(out)
    pdf.write_bytes(out.getvalue())


def text(lines: list[str]) -> str:
    return "\n".join(lines)


def test_an_issued_pack_verifies_with_its_register_and_is_not_proven_away_from_it(signed, tmp_path):
    register, lib, pid, _ = signed
    path = issue(register, lib, pid, tmp_path / "pack.pdf")
    ok, lines = verify_pack(path, register, lib)
    assert ok, text(lines)
    assert lines[-1] == "VERIFIED"
    assert f"record digest {register.list_approvals(pid)[-1]['digest']}" in text(lines)
    issued = register.issued_packs(pid)[-1]
    assert f"this file is exactly the pack issued from the register on {issued['issued_at'][:10]}" in text(lines)
    assert "the record it carries matches the register" in text(lines)
    ok, lines = verify_pack(path, None, lib)
    assert not ok and lines[-1] == "NOT PROVEN", text(lines)
    assert not [line for line in lines if line.startswith("FAILED")]  # nothing wrong with it, only unproven
    assert "an unsigned pack's pages cannot be proven away from the register" in text(lines)
    assert "pwiz export --sign-with" in text(lines)


def test_an_answer_changed_in_the_register_is_caught(fresh):
    register, lib, pid, path = fresh

    def change(tables):
        kp = next(a for a in tables["assessments"].values() if a["questionnaire_id"] == "key-principles")
        kp["answers"]["kp-leadership"]["value"] = "yes" if kp["answers"]["kp-leadership"]["value"] != "yes" else "no"

    edit_register(register, pid, change)
    ok, lines = verify_pack(path, register, lib)
    assert not ok
    report = text(lines)
    assert "no longer matches its sign-off" in report and "changed after sign-off" in report
    assert "assessment.answers.kp-leadership.value:" in report
    assert lines[-1] == "NOT VERIFIED"


def test_one_byte_of_the_embedded_record_changed_is_caught(fresh):
    register, lib, pid, path = fresh
    data = path.read_bytes()
    at = data.index(b'"by":"Jo Bloggs"', data.index(b'"signoffs":[{'))  # a sign-off's, not the approval's
    path.write_bytes(data[: at + 14] + b"z" + data[at + 15 :])  # Jo Bloggs -> Jo Bloggz
    ok, lines = verify_pack(path, register, lib)
    assert not ok
    report = text(lines)
    assert "pack digest no longer matches" in report
    assert "does not match its digest" in report
    assert "this file is not a pack issued from the register" in report
    assert 'signoff.by: "Jo Bloggz" → "Jo Bloggs"' in report


def test_a_byte_flipped_into_invalid_json_is_caught(fresh):
    *_, path = fresh
    data = path.read_bytes()
    at = data.index(b'"format":"pwiz-approval-pack"')
    path.write_bytes(data[:at] + b"!" + data[at + 1 :])
    ok, lines = verify_pack(path)
    assert not ok and "not valid JSON" in text(lines)


def test_a_record_re_signed_with_another_name_is_caught(fresh):
    """A forger renames the approver and recomputes every digest in the record."""
    register, lib, pid, path = fresh

    def forge(record):
        previous = None
        for entry in record["signoffs"]:
            entry["content"]["signoff"]["by"] = "Mallory"
            if previous is not None:
                entry["content"]["signoff"]["previous_digest"] = previous
            entry["digest"] = previous = sha256_hex(entry["content"])
        approval = record["approval"]["content"]
        digests = {e["content"]["signoff"]["id"]: e["digest"] for e in record["signoffs"]}
        approval["covers"] = [{**c, "digest": digests[c["signoff_id"]]} for c in approval["covers"]]
        record["approval"]["digest"] = record["record_digest"] = approval_digest(approval)
        record["pack_digest"] = pack_record.pack_digest(record)

    replace_record(path, forge)
    ok, lines = verify_pack(path, None, lib)  # even without the register: the pages still show the old digest
    assert not ok
    assert "do not show the record digest" in text(lines)
    assert "ok: the embedded record matches its digests" in text(lines)  # a consistent forgery of the record
    ok, lines = verify_pack(path, register, lib)
    report = text(lines)
    assert not ok
    assert "the register records digest" in report
    assert 'signoff.by: "Mallory" → "Jo Bloggs"' in report


def test_a_sign_off_re_made_in_the_register_under_another_name_is_caught(fresh):
    """Someone edits the register's sign-offs (and recomputes their digests): the pack disagrees."""
    register, lib, pid, path = fresh

    def resign(tables):
        assessments = {a["id"]: a for a in tables["assessments"].values()}
        previous = None
        digests = {}
        for key in sorted(tables["signoffs"], key=int):
            so = tables["signoffs"][key]
            so["by"] = "Mallory"
            so["previous_digest"] = previous
            so["digest"] = previous = digests[so["id"]] = sha256_hex(content_of(assessments[so["assessment_id"]], so))
        for approval in tables["approvals"].values():
            approval["covers"] = [{**c, "digest": digests[c["signoff_id"]]} for c in approval["covers"]]
            approval["digest"] = approval_digest(approval)

    edit_register(register, pid, resign)
    tables = json.loads((register.root / "index.json").read_text())  # ...and of the index's anchor
    entry = next(e for e in tables["partnerships"].values() if e["id"] == pid)
    entry["signoff_head"] = register.list_signoffs(pid)[-1]["digest"]
    entry["approval_head"] = register.list_approvals(pid)[-1]["digest"]
    (register.root / "index.json").write_text(json.dumps(tables))
    assert register.verify() == []  # a consistent forgery inside the register...
    ok, lines = verify_pack(path, register, lib)
    report = text(lines)
    assert not ok  # ...but not consistent with the pack
    assert 'signoff.by: "Jo Bloggs" → "Mallory"' in report


def test_a_draft_pack_does_not_verify(draft, tmp_path):
    register, lib, pid, _ = draft
    path = issue(register, lib, pid, tmp_path / "draft.pdf")
    ok, lines = verify_pack(path, register, lib)
    assert not ok
    assert "this is a DRAFT pack" in text(lines)


def test_a_newer_sign_off_is_a_note_not_a_failure(fresh):
    register, lib, pid, path = fresh
    gov = Governance(register, lib)
    previous = gov.latest(pid, "scope")
    review = gov.open_assessment(pid, "scope")
    gov.answer_many(
        review["id"],
        {qid: {k: v for k, v in item.items() if k != "answered_at"} for qid, item in previous["answers"].items()},
    )
    gov.sign_off(review["id"], by="Sam Other", role="Chief Executive", decision="approved")
    register.update_partnership(pid, lead_officer="Somebody New")
    ok, lines = verify_pack(path, register, lib)
    report = text(lines)
    assert ok, report
    assert "newer sign-offs" in report
    assert "the data sheet changed since the pack was made" in report and "lead_officer" in report


def test_pages_that_disagree_with_the_record_are_caught(fresh, tmp_path):
    """The record of one pack attached to the pages of another."""
    register, lib, pid, path = fresh
    other_register, _, other_pid = typical_register(
        tmp_path / "other", questionnaires=("scope", "significance", "key-principles"), by="Jo Bloggs"
    )
    other = tmp_path / "other.pdf"
    other.write_bytes(build_pack(other_register, lib, other_pid).pdf)
    own = json.loads(PdfReader(path).attachments[pack_record.NAME][0])
    replace_record(other, lambda record: (record.clear(), record.update(own)))
    ok, lines = verify_pack(other, register, lib)
    assert not ok
    assert "do not show the record digest" in text(lines)


def test_not_a_pack(tmp_path):
    plain = tmp_path / "plain.pdf"
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    with plain.open("wb") as handle:
        writer.write(handle)
    ok, lines = verify_pack(plain)
    assert not ok and "no attached pwiz-record.json" in text(lines)
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a PDF")
    ok, lines = verify_pack(junk)
    assert not ok and "cannot read it as a PDF" in text(lines)


def test_unicode_and_long_answers_verify(tmp_path):
    def answer(q, n):
        return ["مرحبا بالعالم 2024 (نص)", "Zażółć & <b>", "x" * 5000, "Кириллица"][n % 4]

    register, lib, pid = typical_register(
        tmp_path / "register", questionnaires=("scope", "significance", "key-principles", "checklist"), text=answer
    )
    path = issue(register, lib, pid, tmp_path / "pack.pdf")
    ok, lines = verify_pack(path, register, lib)
    assert ok, text(lines)
    ok, lines = verify_pack(path, None, lib)  # the page diagnostics find nothing wrong either
    assert lines[-1] == "NOT PROVEN" and not [line for line in lines if line.startswith("FAILED")], text(lines)
