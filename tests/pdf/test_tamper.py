"""A forger's changes to an issued pack, unsigned and certificate-signed: each one refused.

With the register at hand: an overlay drawn on a page, an annotation added, a page
removed, pages reordered, one byte of a content stream changed, the embedded record
swapped for another pack's, and an incremental update after signing. Every one
leaves the record's own digests intact (the forger does not touch them, or copies a
whole valid record), so only the ledger of issued packs and the certificate
signature can tell; verify must say NOT VERIFIED and not VERIFIED.
"""

from __future__ import annotations

import io
import json
import shutil
from types import SimpleNamespace

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from tests.pdf.builders import issue, typical_register
from tests.pdf.certs import Authority
from tests.pdf.tampering import free_text, pyhanko_update, white_out
from tests.pdf.test_verify import replace_record
from wizard.issuing import issue_pack
from wizard.pdf import record as pack_record
from wizard.service import Governance
from wizard.signing.pades import load_credential
from wizard.signing.signature_check import load_trust
from wizard.verify.pack_check import verify_pack

PASSPHRASE = "correct horse"
QUESTIONNAIRES = ("scope", "significance", "key-principles")


@pytest.fixture(scope="module")
def packs(tmp_path_factory):
    """One approved partnership, its pack issued unsigned and signed, and another partnership's pack."""
    root = tmp_path_factory.mktemp("tamper")
    register, lib, pid = typical_register(root / "register", questionnaires=QUESTIONNAIRES)
    authority = Authority()
    jane = load_credential(authority.p12(authority.issue("Jane Approver"), root / "jane.p12"), lambda: PASSPHRASE)
    unsigned = issue(register, lib, pid, root / "unsigned.pdf")
    signed = root / "signed.pdf"
    issue_pack(Governance(register, lib), pid, signed, command="tests", credential=jane)
    other_register, _, other_pid = typical_register(
        root / "other", name="Another Partnership", questionnaires=QUESTIONNAIRES
    )
    other = issue(other_register, lib, other_pid, root / "other.pdf")
    trust = load_trust(authority.trust_dir(root / "trust"))
    return SimpleNamespace(register=register, lib=lib, unsigned=unsigned, signed=signed, other=other, trust=trust)


def verify(packs, path):
    return verify_pack(path, packs.register, packs.lib, trust=packs.trust)


def rewrite(path, change) -> None:
    """Rewrite the whole file with pypdf after `change(writer)`."""
    writer = PdfWriter(clone_from=PdfReader(path))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())


def overlay(writer) -> None:
    """A white box and "Decision: Not approved" drawn over the cover's decision."""
    buffer = io.BytesIO()
    drawing = canvas.Canvas(buffer, pagesize=A4)
    drawing.setFillColorRGB(1, 1, 1)
    drawing.rect(40, 480, 520, 200, fill=1, stroke=0)
    drawing.setFillColorRGB(0, 0, 0)
    drawing.drawString(60, 600, "Decision: Not approved")
    drawing.save()
    writer.pages[0].merge_page(PdfReader(io.BytesIO(buffer.getvalue())).pages[0])


def annotate(writer) -> None:
    writer.add_annotation(page_number=0, annotation=FreeText(text="NOT APPROVED", rect=(50, 500, 400, 560)))


def remove_page(writer) -> None:
    writer.remove_page(len(writer.pages) - 1)


def reorder(writer) -> None:
    pages = list(writer.pages)
    for _ in pages:
        writer.remove_page(0)
    for page in [pages[0], pages[2], pages[1], *pages[3:]]:
        writer.add_page(page)


def byte_in_content_stream(path) -> None:
    """One byte flipped inside the (compressed) content stream of page 1, as stored in the file."""
    data = bytearray(path.read_bytes())
    number = PdfReader(path).pages[0].raw_get("/Contents").idnum
    start = data.index(b"stream", data.index(b"\n%d 0 obj" % number)) + len(b"stream\n")
    data[start + 40] ^= 0x01
    path.write_bytes(bytes(data))


def swap_record(packs):
    def change(path) -> None:
        theirs = json.loads(PdfReader(packs.other).attachments[pack_record.NAME][0])
        replace_record(path, lambda record: (record.clear(), record.update(theirs)))

    return change


TAMPERS = {
    "overlay": lambda packs: lambda path: rewrite(path, overlay),
    "annotation": lambda packs: lambda path: rewrite(path, annotate),
    "page removed": lambda packs: lambda path: rewrite(path, remove_page),
    "pages reordered": lambda packs: lambda path: rewrite(path, reorder),
    "content stream byte": lambda packs: byte_in_content_stream,
    "record swapped": swap_record,
    "incremental overlay": lambda packs: lambda path: path.write_bytes(pyhanko_update(path.read_bytes(), white_out)),
    "incremental annotation": lambda packs: lambda path: path.write_bytes(pyhanko_update(path.read_bytes(), free_text)),
}


WHERE = {  # what verify says about where the pages differ from the issued pack
    "overlay": "page(s) 1 differ from the issued pack",
    "annotation": "page(s) 1 differ from the issued pack",
    "page removed": "of the issued pack are missing",
    "pages reordered": "its pages are those of the issued pack in another order",
    "incremental overlay": "page(s) 2 differ from the issued pack",
    "incremental annotation": "page(s) 2 differ from the issued pack",
}


@pytest.mark.parametrize("kind", ["unsigned", "signed"])
@pytest.mark.parametrize("tamper", list(TAMPERS))
def test_every_change_to_an_issued_pack_is_refused(packs, tmp_path, kind, tamper):
    path = tmp_path / f"{kind}.pdf"
    shutil.copy(getattr(packs, kind), path)
    ok, lines = verify(packs, path)
    assert ok and lines[-1] == "VERIFIED", "\n".join(lines)  # as issued
    TAMPERS[tamper](packs)(path)
    assert path.read_bytes() != getattr(packs, kind).read_bytes()
    ok, lines = verify(packs, path)
    assert not ok and lines[-1] == "NOT VERIFIED", "\n".join(lines)
    report = "\n".join(lines)
    if tamper != "record swapped":  # (the other partnership is not in this register: see the test below)
        assert "this file is not a pack issued from the register" in report or "does not match its digest" in report
    if tamper in WHERE:
        assert WHERE[tamper] in report
    if kind == "signed" and tamper not in ("record swapped",):
        assert "FAILED: the certificate signature" in report or "is intact but" in report or "cannot be read" in report


def test_a_swapped_record_names_the_other_partnership(packs, tmp_path):
    """The swapped record is self-consistent; the register and the pages give it away."""
    path = tmp_path / "swapped.pdf"
    shutil.copy(packs.unsigned, path)
    swap_record(packs)(path)
    ok, lines = verify(packs, path)
    report = "\n".join(lines)
    assert not ok
    assert "holds no partnership" in report or "not a pack issued" in report
    assert "do not show the record digest" in report
