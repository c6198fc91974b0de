"""A second approver countersigns a certificate-signed pack (`signing.countersign`),
and the offline check (`signature_check.check`) accepts later revisions that only
add signatures while refusing any other change made after a signature.

The changes are made the way a forger would: incremental updates written with
pyHanko's or pypdf's incremental writers, appended after the last signature or
hidden in the revision of a further countersignature.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pypdf import PdfReader

from tests.pdf.certs import Authority
from tests.pdf.tampering import (
    add_page,
    free_text,
    new_page_content,
    pyhanko_update,
    pypdf_free_text,
    remove_last_page,
    replace_record,
    retitle,
    white_out,
)
from wizard.errors import UserError
from wizard.pdf.pack import build_pack
from wizard.pdf.record import NAME as RECORD_NAME
from wizard.signing import pades as signing
from wizard.signing.signature_check import check, load_trust

PASSPHRASE = "correct horse"
SIGNED_AT = datetime(2026, 3, 2, 9, 30, 0, tzinfo=UTC)
COUNTERSIGNED_AT = SIGNED_AT + timedelta(days=1)
JANE = "Jane Approver (Test Police Authority)"
CHRIS = "Chris Chair (Test Police Authority)"


@pytest.fixture(scope="module")
def people(tmp_path_factory):
    """Jane (the approver) and Chris (the Chair): .p12 files, credentials, and the trusted root."""
    authority = Authority()
    folder = tmp_path_factory.mktemp("countersign-certs")
    files = {
        "jane": authority.p12(authority.issue("Jane Approver"), folder / "jane.p12"),
        "chris": authority.p12(authority.issue("Chris Chair"), folder / "chris.p12"),
    }
    credentials = {who: signing.load_credential(path, lambda: PASSPHRASE) for who, path in files.items()}
    return SimpleNamespace(files=files, trust=load_trust(authority.trust_dir(folder / "trust")), **credentials)


@pytest.fixture(scope="module")
def unsigned(signed, people):
    """The pack laid out for Jane's signature, before she signs it."""
    register, lib, pid, _ = signed
    return build_pack(register, lib, pid, signature=signing.SignatureStamp.of(people.jane, SIGNED_AT))


@pytest.fixture(scope="module")
def first(unsigned, people):
    """The pack as `pwiz export --sign-with` writes it: signed by Jane."""
    return signing.sign_result(unsigned, people.jane).pdf


@pytest.fixture(scope="module")
def once(first, people):
    """Jane's pack, countersigned by the Chair."""
    return signing.countersign(first, people.chris, reason="Countersigned by the Chair", when=COUNTERSIGNED_AT)


# --- countersigning ------------------------------------------------------------------


def test_countersigning_once_and_twice_keeps_what_was_signed_and_every_signature_checks(first, once, people):
    assert once.pdf.startswith(first)  # an incremental update: Jane's revision byte for byte
    twice = signing.countersign(
        once.pdf, people.jane, reason="Seen after the Chair", when=COUNTERSIGNED_AT + timedelta(hours=2)
    )
    assert twice.pdf.startswith(once.pdf)

    assert once.info["subject"] == "CN=Chris Chair,O=Test Police Authority,C=GB"
    assert once.info["fingerprint_sha256"] == people.chris.fingerprint
    assert once.info["signed_at"] == COUNTERSIGNED_AT.isoformat(timespec="seconds")

    reader = PdfReader(io.BytesIO(twice.pdf))
    found = reader.get_fields()
    assert set(found) == {signing.FIELD_NAME, "pwiz-countersignature-2", "pwiz-countersignature-3"}
    before = PdfReader(io.BytesIO(first)).get_fields()[signing.FIELD_NAME]["/V"]
    assert list(found[signing.FIELD_NAME]["/V"]["/ByteRange"]) == list(
        before["/ByteRange"]
    )  # the first field untouched
    chair = found["pwiz-countersignature-2"]["/V"]
    assert chair["/SubFilter"] == "/ETSI.CAdES.detached" and chair["/Reason"] == "Countersigned by the Chair"
    widgets = [a.get_object() for page in reader.pages for a in page.get("/Annots") or []]
    for name in ("pwiz-countersignature-2", "pwiz-countersignature-3"):
        [rect] = [[float(v) for v in w["/Rect"]] for w in widgets if w.get("/T") == name]
        assert rect[2] - rect[0] == 0 and rect[3] - rect[1] == 0  # invisible: covers nothing on the page

    signatures = check(twice.pdf, people.trust)
    assert [s.signer for s in signatures] == [JANE, CHRIS, JANE]
    assert [s.signed_length for s in signatures] == [len(first), len(once.pdf), len(twice.pdf)]
    assert [s.fingerprint for s in signatures] == [
        people.jane.fingerprint,
        people.chris.fingerprint,
        people.jane.fingerprint,
    ]
    for signature in signatures:
        assert [f.level for f in signature.findings] == ["ok", "ok"], signature.findings
        assert signature.signer in signature.findings[0].text
        assert f"signed at {signature.signed_at}" in signature.findings[0].text
        assert "the signer's certificate is trusted" in signature.findings[1].text
    assert signatures[0].signed_at == SIGNED_AT.isoformat(timespec="seconds")
    assert signatures[1].signed_at == COUNTERSIGNED_AT.isoformat(timespec="seconds")
    for earlier in signatures[:2]:
        text = earlier.findings[0].text
        assert (
            "intact and covering the revision it signed" in text and "the later revisions only add signatures" in text
        )
    assert (
        signatures[2]
        .findings[0]
        .text.startswith("certificate signature intact and covering the whole file, by Jane Approver")
    )


def test_countersigning_a_pack_nobody_signed_is_refused_in_one_line(unsigned, people):
    with pytest.raises(UserError) as refused:
        signing.countersign(unsigned.pdf, people.chris, reason="Countersigned by the Chair")
    message = str(refused.value)
    assert len(message.splitlines()) == 1
    assert "no certificate signature" in message and "sign it first with `pwiz export --sign-with CERT.p12`" in message

    with pytest.raises(UserError) as unreadable:
        signing.countersign(b"%PDF-1.4 not really", people.chris, reason="Countersigned by the Chair")
    assert len(str(unreadable.value).splitlines()) == 1 and "cannot be read as a PDF" in str(unreadable.value)


# --- changes after the last signature ------------------------------------------------


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda pdf: pyhanko_update(pdf, free_text), id="free-text-pyhanko"),
        pytest.param(pypdf_free_text, id="free-text-pypdf"),
        pytest.param(lambda pdf: pyhanko_update(pdf, white_out), id="overlay"),
    ],
)
def test_anything_appended_after_the_countersignature_is_bad(once, people, change):
    changed = change(once.pdf)
    assert changed.startswith(once.pdf) and len(changed) > len(once.pdf)  # an incremental update, as intended
    jane, chris = check(changed, people.trust)
    assert (jane.signer, chris.signer) == (JANE, CHRIS)
    assert chris.findings[0].level == "bad"
    assert (
        "is intact but no longer covers the whole file: something was added to the file after it was signed"
        in chris.findings[0].text
    )
    assert jane.findings[0].level == "bad" and JANE in jane.findings[0].text
    assert "the later revisions only add signatures" not in jane.findings[0].text


def test_a_revision_without_a_signature_between_signatures_is_bad(once, people):
    """Only the title changes (pyHanko rates that as harmless) and the Chair countersigns it again."""
    retitled = pyhanko_update(once.pdf, retitle)
    again = signing.countersign(retitled, people.chris, reason="Countersigned again")
    jane, chris, last = check(again.pdf, people.trust)
    assert last.findings[0].level == "ok"  # it signed what it saw
    for earlier in (jane, chris):
        assert earlier.findings[0].level == "bad"
        assert "revision 4 of 5, added after it was signed, holds no signature" in earlier.findings[0].text


# --- changes hidden in a countersigning revision -------------------------------------


def _sign_with_change(pdf: bytes, change, p12, field: str = "pwiz-countersignature-3") -> bytes:
    """`change`, and a signature by the holder of `p12` (invisible, in a new `field`), in ONE incremental update."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    change(writer)
    signer = signers.SimpleSigner.load_pkcs12(str(p12), passphrase=PASSPHRASE.encode())
    meta = signers.PdfSignatureMetadata(field_name=field, subfilter=fields.SigSeedSubFilter.PADES)
    return signers.PdfSigner(meta, signer).sign_pdf(writer).getvalue()


@pytest.mark.parametrize(
    "change, seen, reason",
    [
        (
            free_text,
            lambda r: "/FreeText" in [a.get_object()["/Subtype"] for a in r.pages[1].get("/Annots") or []],
            "rated OTHER",
        ),
        (white_out, lambda r: b"1 1 1 rg" in r.pages[1].get_contents().get_data(), "rated OTHER"),
        (new_page_content, lambda r: b"REJECTED" in r.pages[1].get_contents().get_data(), "rated OTHER"),
        (add_page, lambda r: b"(Conditions)" in r.pages[-1].get_contents().get_data(), "rated OTHER"),
        (remove_last_page, None, "rated OTHER"),
        (replace_record, lambda r: r.attachments[RECORD_NAME] == [b'{"forged": true}'], "rated OTHER"),
        (retitle, lambda r: r.metadata.title == "Partnership approval pack: REJECTED", "document information (Title)"),
    ],
    ids=["free-text", "overlay", "page-content", "added-page", "removed-page", "attachment", "title"],
)
def test_a_change_made_while_countersigning_is_bad_for_every_earlier_signature(once, people, change, seen, reason):
    changed = _sign_with_change(once.pdf, change, people.files["chris"])
    assert changed.startswith(once.pdf)
    reader = PdfReader(io.BytesIO(changed))
    if change is remove_last_page:
        assert len(reader.pages) == len(PdfReader(io.BytesIO(once.pdf)).pages) - 1
    else:
        assert seen(reader)  # the change is really there
    jane, chris, last = check(changed, people.trust)
    assert last.signer == CHRIS and last.findings[0].level == "ok"  # it covers the whole file, change included
    for earlier, who in ((jane, JANE), (chris, CHRIS)):
        finding = earlier.findings[0]
        assert finding.level == "bad", finding.text
        assert who in finding.text and "is intact but no longer covers the whole file" in finding.text
        assert reason in finding.text


def test_a_form_field_other_than_a_signature_makes_later_revisions_bad(unsigned, people):
    """pyHanko rates a text field's new value as FORM_FILLING, the level of a new signature: so a
    pack with such a field cannot show that its later revisions only added signatures."""

    def text_field(writer: IncrementalPdfFileWriter) -> None:
        field = generic.DictionaryObject(
            {
                pdf_name("/FT"): pdf_name("/Tx"),
                pdf_name("/T"): pdf_string("decision"),
                pdf_name("/V"): pdf_string("approved"),
                pdf_name("/Type"): pdf_name("/Annot"),
                pdf_name("/Subtype"): pdf_name("/Widget"),
                pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in (0, 0, 0, 0)),
            }
        )
        writer.root[pdf_name("/AcroForm")] = generic.DictionaryObject(
            {pdf_name("/Fields"): generic.ArrayObject([writer.add_object(field)])}
        )
        writer.update_root()

    with_field = _sign_with_change(unsigned.pdf, text_field, people.files["jane"], field=signing.FIELD_NAME)
    countersigned = signing.countersign(with_field, people.chris, reason="Countersigned by the Chair")
    jane, chris = check(countersigned.pdf, people.trust)
    assert chris.findings[0].level == "ok"
    assert jane.findings[0].level == "bad"
    assert "the file has form fields other than signatures (decision)" in jane.findings[0].text


# --- damage inside a signed revision ------------------------------------------------


def test_one_byte_changed_inside_the_countersigned_revision_is_bad(first, once, people):
    data = bytearray(once.pdf)
    at = data.index(b"Countersigned by the Chair", len(first))  # in the Chair's signature dictionary
    data[at] ^= 0x01  # "Bountersigned": still a readable PDF
    jane, chris = check(bytes(data), people.trust)
    assert chris.signer == CHRIS
    assert chris.findings[0].level == "bad"
    assert "no longer covers the content: the file was changed after it was signed" in chris.findings[0].text
