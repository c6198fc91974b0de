"""The approval pack's evidence: an evidence page listing each document, the documents attached
to the PDF byte for byte, and verify checking each attached copy against the record."""

from __future__ import annotations

import hashlib

from pypdf import PdfWriter

from tests.pdf.builders import issue, typical_register
from tests.pdf.pdftext import pages, reader, squash
from wizard import approval
from wizard.service import Governance
from wizard.verify.pack_check import verify_pack

AGREEMENT = b"%PDF-1.4\n" + bytes(range(256)) * 8 + b"\nSigned by every partner\n"
INSURANCE = "Tystysgrif yswiriant – 2026 ✓".encode()


def test_the_pack_lists_and_attaches_each_document_and_verify_checks_them(tmp_path) -> None:
    register, lib, pid = typical_register(
        tmp_path / "register", questionnaires=("scope", "significance", "key-principles"), signed=False
    )
    gov = Governance(register, lib)
    principles = gov.latest(pid, "key-principles")
    question = lib.get("key-principles").questions()[0].id
    (tmp_path / "Partnership Agreement.pdf").write_bytes(AGREEMENT)
    (tmp_path / "Yswiriant ŵ.txt").write_bytes(INSURANCE)
    agreement, _ = gov.attach_evidence(
        pid,
        tmp_path / "Partnership Agreement.pdf",
        kind="agreement",
        title="Partnership Agreement 2026",
        signed="2026-04-01",
        expires="2029-03-31",
        assessment_id=principles["id"],
        question_id=question,
    )
    insurance, _ = gov.attach_evidence(pid, tmp_path / "Yswiriant ŵ.txt", kind="insurance")
    for assessment in gov.current_assessments(pid).values():
        gov.sign_off(assessment["id"], by="Jo Bloggs", role="Chief Executive", decision="approved")
    approval.approve(gov, pid, by="Jo Bloggs", role="Chief Executive", decision="approved", consulted=["Chair"])
    signoff = next(s for s in register.list_signoffs(pid) if s["assessment_id"] == principles["id"])
    assert [link["sha256"] for link in signoff["evidence"]] == [hashlib.sha256(AGREEMENT).hexdigest()]

    pack = issue(register, lib, pid, tmp_path / "pack.pdf")

    page = next(text for text in pages(pack) if "2 documents are attached to this PDF" in text)
    for shown in (
        "Partnership Agreement 2026",
        "Partnership agreement",
        "2026-04-01",
        "2029-03-31",
        f"{len(AGREEMENT):,} bytes",
        agreement["sha256"],
        "Insurance",
        "Yswiriant ŵ.txt",
        insurance["sha256"],
        f"({principles['id']}, question {question})",
        "the partnership as a whole",
    ):
        assert squash(shown) in squash(page), shown
    attached = reader(pack).attachments
    assert attached[f"{agreement['id']}-Partnership Agreement.pdf"] == [AGREEMENT]
    assert attached[f"{insurance['id']}-Yswiriant ŵ.txt"] == [INSURANCE]

    ok, lines = verify_pack(pack, register, lib)
    assert ok, lines
    assert "ok: the 2 attached document(s) match their SHA-256 in the record" in lines

    swapped = PdfWriter(clone_from=reader(pack))  # a second "agreement" beside the first: which one was signed?
    swapped.add_attachment(f"{agreement['id']}-Partnership Agreement.pdf", b"%PDF-1.4 another agreement")
    changed = tmp_path / "changed.pdf"
    swapped.write(changed)
    ok, lines = verify_pack(changed)
    assert not ok
    assert any(line.startswith(f"FAILED: evidence {agreement['id']} (") for line in lines), lines
