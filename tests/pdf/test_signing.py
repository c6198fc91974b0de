"""`pwiz export --sign-with CERT.p12` and `pwiz verify FILE.pdf --trust DIR`, as a user runs them.

Certificates are made per module by tests/pdf/certs.py (no real PKI).
"""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from store import Register
from tests.pdf.builders import typical_register
from tests.pdf.certs import NO_SIGNING, Authority
from tests.pdf.pdftext import pages
from wizard.errors import UserError
from wizard.signing import pades as signing

PASSPHRASE = "correct horse"
NAME = "Lancashire Community Safety Partnership"


@pytest.fixture(scope="module")
def authority():
    return Authority()


@pytest.fixture(scope="module")
def certs(authority, tmp_path_factory):
    """name -> a .p12 file: good, unencrypted, expired, not yet valid, no signing usage, other authority."""
    folder = tmp_path_factory.mktemp("certs")
    now = datetime.now(UTC)
    stranger = Authority("Somebody Else's Root CA", "Somebody Else")
    return {
        "good": authority.p12(authority.issue("Jane Approver"), folder / "good.p12"),
        "welsh": authority.p12(authority.issue("Siân Ŵyn Approver", "Heddlu Gogledd Cymru"), folder / "welsh.p12"),
        "open": authority.p12(authority.issue("Open Approver"), folder / "open.p12", passphrase=None),
        "expired": authority.p12(
            authority.issue(valid_from=now - timedelta(days=400), valid_until=now - timedelta(days=2)),
            folder / "expired.p12",
        ),
        "future": authority.p12(authority.issue(valid_from=now + timedelta(days=5)), folder / "future.p12"),
        "no-usage": authority.p12(authority.issue(usage=NO_SIGNING), folder / "no-usage.p12"),
        "no-ku": authority.p12(authority.issue(usage=None), folder / "no-ku.p12"),
        "stranger": stranger.p12(stranger.issue("Mallory Signer", "Somebody Else"), folder / "stranger.p12"),
        "trust": authority.trust_dir(folder / "trust"),
    }


@pytest.fixture
def built(db_path):
    return typical_register(db_path, questionnaires=("scope", "significance", "key-principles"))


def export(pwiz, out, cert, passphrase=PASSPHRASE, *more):
    """Export signed; no passphrase = the variable empty (unset) and stdin not a terminal."""
    env = {"PWIZ_P12_PASSPHRASE": passphrase or "", "PWIZ_LOCK_TIMEOUT": "0.2"}
    return pwiz("export", NAME, "-o", str(out), "--sign-with", str(cert), *more, env=env, input="")


def partnership_file(register: Register, pid: str):
    return register.root / "partnerships" / f"{pid}.json"


# --- signing and verifying ------------------------------------------------------------


def test_a_signed_pack_verifies_intact_and_trusted(pwiz, built, certs, tmp_path):
    register, lib, pid = built
    out = tmp_path / "signed.pdf"
    done = export(pwiz, out, certs["good"])
    assert done.returncode == 0, done.stderr
    head = register.list_approvals(pid)[-1]
    issued = register.issued_packs(pid)[-1]
    assert f"record digest {head['digest']}, signed by Jane Approver" in done.stdout
    assert f"entered in the register as issued pack {issued['id']}" in done.stdout

    # PAdES, a visible field on the sign-off page, covering the whole file
    reader = PdfReader(out)
    field = reader.get_fields()[signing.FIELD_NAME]
    assert field["/FT"] == "/Sig" and field["/V"]["/SubFilter"] == "/ETSI.CAdES.detached"
    byte_range = field["/V"]["/ByteRange"]
    assert byte_range[0] == 0 and byte_range[2] + byte_range[3] == out.stat().st_size
    widget_page = next(
        n
        for n, page in enumerate(reader.pages)
        for a in page.get("/Annots") or []
        if a.get_object().get("/T") == signing.FIELD_NAME
    )
    assert "Digital signature" in pages(out)[widget_page]
    assert "Digitally signed by Jane Approver Test Police Authority" in " ".join(pages(out)[widget_page].split())
    rect = [float(v) for v in next(a.get_object() for a in reader.pages[widget_page]["/Annots"])["/Rect"]]
    assert rect[2] - rect[0] > 300 and rect[3] - rect[1] > 40  # visible, not a zero-size field

    verified = pwiz("verify", str(out), "--trust", str(certs["trust"]))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    lines = verified.stdout
    assert "ok: the embedded record matches its digests" in lines  # the record still checks after signing
    assert (
        "ok: certificate signature intact and covering the whole file, by Jane Approver (Test Police Authority)"
        in lines
    )
    assert "ok: the signer's certificate is trusted: it chains to Test Police Authority Root CA" in lines
    assert f"ok: this file is exactly the pack issued from the register on {issued['issued_at'][:10]}" in lines
    assert (
        f"ok: the register records the certificate signature by Jane Approver (Test Police Authority) at {issued['signatures'][0]['signed_at']}"
        in lines
    )
    assert lines.strip().endswith("VERIFIED")
    assert verified.stderr == ""


def test_the_ledger_notes_each_signed_file_outside_the_digests(pwiz, built, certs, tmp_path):
    register, lib, pid = built
    before = register.list_signoffs(pid), register.list_approvals(pid)
    assert export(pwiz, tmp_path / "a.pdf", certs["good"]).returncode == 0
    assert (
        export(pwiz, tmp_path / "b.pdf", certs["open"], None).returncode == 0
    )  # an unencrypted .p12 needs no passphrase
    assert (register.list_signoffs(pid), register.list_approvals(pid)) == before
    issued = register.issued_packs(pid)
    assert [i["file"] for i in issued] == ["a.pdf", "b.pdf"]
    for entry, name in zip(issued, ("a.pdf", "b.pdf")):
        assert entry["sha256"] == hashlib.sha256((tmp_path / name).read_bytes()).hexdigest()
    first = issued[0]["signatures"][0]
    assert first["subject"] == "CN=Jane Approver,O=Test Police Authority,C=GB"
    assert len(first["fingerprint_sha256"]) == 64 and first["record_digest"] == before[1][-1]["digest"]
    assert datetime.fromisoformat(first["signed_at"]).tzinfo is not None
    assert register.verify() == []  # the chains and every digest still hold


def test_one_flipped_byte_breaks_the_signature(pwiz, built, certs, tmp_path):
    out = tmp_path / "signed.pdf"
    assert export(pwiz, out, certs["good"]).returncode == 0
    data = bytearray(out.read_bytes())
    at = data.index(b"/Creator (pwiz)") + len(b"/Creator (pwi")  # inside the signed bytes, still a readable PDF
    data[at] ^= 0x01
    out.write_bytes(bytes(data))
    verified = pwiz("verify", str(out), "--trust", str(certs["trust"]))
    assert verified.returncode == 1
    assert "FAILED: the certificate signature by Jane Approver (Test Police Authority)" in verified.stdout
    assert "no longer covers the content: the file was changed after it was signed" in verified.stdout
    assert "NOT VERIFIED" in verified.stdout
    assert "Traceback" not in verified.stderr


def test_a_flipped_byte_anywhere_in_the_signed_part_is_seen(pwiz, built, certs, tmp_path):
    out = tmp_path / "signed.pdf"
    assert export(pwiz, out, certs["good"]).returncode == 0
    data = bytearray(out.read_bytes())
    data[len(data) // 3] ^= 0x20  # somewhere in the pages
    out.write_bytes(bytes(data))
    verified = pwiz("verify", str(out), "--trust", str(certs["trust"]))
    assert verified.returncode == 1
    assert "no longer covers the content" in verified.stdout
    assert "Traceback" not in verified.stderr + verified.stdout


def test_an_untrusted_signer_is_reported_untrusted_not_valid(pwiz, built, certs, tmp_path):
    out = tmp_path / "stranger.pdf"
    assert export(pwiz, out, certs["stranger"]).returncode == 0
    verified = pwiz("verify", str(out), "--trust", str(certs["trust"]))
    assert verified.returncode == 1
    assert (
        "FAILED: the signer's certificate, Mallory Signer (Somebody Else), is NOT trusted by the certificates in"
        in verified.stdout
    )
    assert "ok: the signer's certificate is trusted" not in verified.stdout
    assert verified.stdout.strip().endswith("NOT VERIFIED")
    assert "Traceback" not in verified.stderr

    no_roots = pwiz("verify", str(out))  # nothing configured: never taken as trusted
    assert no_roots.returncode == 1
    assert "is NOT trusted: no trusted certificates are configured; give --trust DIR" in no_roots.stdout


def test_the_registers_trust_folder_is_used_without_trust(pwiz, built, certs, tmp_path, authority):
    register, lib, pid = built
    out = tmp_path / "signed.pdf"
    assert export(pwiz, out, certs["good"]).returncode == 0
    authority.trust_dir(register.root / "trusted-certificates")
    verified = pwiz("verify", str(out))
    assert verified.returncode == 0, verified.stdout
    assert "the signer's certificate is trusted" in verified.stdout


def test_an_unsigned_pack_still_verifies_and_says_it_has_no_certificate_signature(pwiz, built, tmp_path):
    out = tmp_path / "plain.pdf"
    assert pwiz("export", NAME, "-o", str(out)).returncode == 0
    verified = pwiz("verify", str(out))
    assert verified.returncode == 0, verified.stdout
    assert "note: no certificate signature on this pack" in verified.stdout


# --- bad input: one line, exit 1, nothing changed --------------------------------------


@pytest.mark.parametrize(
    "cert, passphrase, message",
    [
        ("good", "wrong", "the passphrase for {path} is wrong"),
        ("good", None, "{path} is protected by a passphrase; set PWIZ_P12_PASSPHRASE"),
        ("expired", PASSPHRASE, "the certificate of Jane Approver in {path} expired on"),
        ("future", PASSPHRASE, "the certificate of Jane Approver in {path} is not valid until"),
        (
            "no-usage",
            PASSPHRASE,
            "may not be used for signing (its key usage has neither digitalSignature nor nonRepudiation)",
        ),
        ("no-ku", PASSPHRASE, "may not be used for signing"),
        ("not-p12", PASSPHRASE, "{path} is not a PKCS#12 file"),
        ("missing", PASSPHRASE, "{path}: no such file"),
    ],
)
def test_bad_certificates_are_one_line_and_change_nothing(pwiz, built, certs, tmp_path, cert, passphrase, message):
    register, lib, pid = built
    if cert == "not-p12":
        path = tmp_path / "notes.p12"
        path.write_text("-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n")
    elif cert == "missing":
        path = tmp_path / "nowhere.p12"
    else:
        path = certs[cert]
    before = partnership_file(register, pid).read_bytes()
    out = tmp_path / "pack.pdf"
    done = export(pwiz, out, path, passphrase)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("pwiz: error: ") and message.format(path=path) in lines[0]
    assert not out.exists() and not list(tmp_path.glob(".pack.pdf.*"))
    assert partnership_file(register, pid).read_bytes() == before


def test_a_draft_pack_is_not_signed(pwiz, db_path, certs, tmp_path):
    register, lib, pid = typical_register(db_path, questionnaires=("scope",), signed=False)
    before = partnership_file(register, pid).read_bytes()
    out = tmp_path / "draft.pdf"
    done = export(pwiz, out, certs["good"])
    assert done.returncode == 1
    assert done.stderr.startswith("pwiz: error: the pack of") and "is a DRAFT" in done.stderr
    assert "approve it (pwiz approve)" in done.stderr and len(done.stderr.splitlines()) == 1
    assert not out.exists()
    assert partnership_file(register, pid).read_bytes() == before


def test_a_pack_that_cannot_be_entered_in_the_ledger_leaves_no_file(pwiz, built, certs, tmp_path):
    register, lib, pid = built
    from filelock import FileLock

    before = partnership_file(register, pid).read_bytes()
    out = tmp_path / "pack.pdf"
    lock = FileLock(register.root / "locks" / f"{pid}.lock")
    with lock:  # another session is writing this partnership: the pack cannot be entered in the ledger
        done = export(pwiz, out, certs["good"], PASSPHRASE)
    done = done if done.returncode else pytest.fail(done.stdout)
    assert done.returncode == 1 and done.stderr.startswith("pwiz: error: ") and "is locked" in done.stderr
    assert len(done.stderr.splitlines()) == 1
    assert not out.exists() and not list(tmp_path.glob(".pack.pdf.*"))
    assert partnership_file(register, pid).read_bytes() == before


def test_trust_folder_errors_are_one_line(pwiz, built, certs, tmp_path):
    out = tmp_path / "signed.pdf"
    assert export(pwiz, out, certs["good"]).returncode == 0
    missing = pwiz("verify", str(out), "--trust", str(tmp_path / "nope"))
    assert missing.returncode == 1 and "pwiz: error: --trust" in missing.stderr and "no such folder" in missing.stderr
    bad = tmp_path / "badtrust"
    bad.mkdir()
    (bad / "root.pem").write_text("hello")
    damaged = pwiz("verify", str(out), "--trust", str(bad))
    assert damaged.returncode == 1
    assert (
        damaged.stderr.strip()
        == f"pwiz: error: {bad / 'root.pem'} is not a certificate (PEM or DER); remove it from the trusted-certificates folder {bad}"
    )


# --- the library API ----------------------------------------------------------------


def test_load_credential_asks_for_a_passphrase_only_when_needed(certs):
    asked = []
    credential = signing.load_credential(certs["open"], lambda: asked.append(1) or "unused")
    assert asked == [] and credential.common_name == "Open Approver"
    credential = signing.load_credential(certs["good"], lambda: asked.append(1) or PASSPHRASE)
    assert asked == [1] and credential.common_name == "Jane Approver"
    with pytest.raises(UserError, match="is wrong"):
        signing.load_credential(certs["good"], lambda: "")


def test_a_signer_named_in_welsh_is_printed_exactly(pwiz, built, certs, tmp_path):
    out = tmp_path / "signed.pdf"
    done = export(pwiz, out, certs["welsh"])
    assert done.returncode == 0, done.stderr
    assert "signed by Siân Ŵyn Approver" in done.stdout and "no glyph" not in done.stderr
    text = " ".join(" ".join(pages(out)).split())
    assert "Digitally signed by Siân Ŵyn Approver Heddlu Gogledd Cymru" in text


def test_signing_time_in_the_pdf_is_the_one_recorded(certs, signed):
    register, lib, pid, _ = signed
    from wizard.pdf.pack import build_pack
    from wizard.signing.signature_check import Trust, check

    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    credential = signing.load_credential(certs["good"], lambda: PASSPHRASE, now=datetime.now(UTC))
    result = build_pack(register, lib, pid, signature=signing.SignatureStamp.of(credential, when))
    done = signing.sign_result(result, credential)
    assert done.info["signed_at"] == "2026-01-02T03:04:05+00:00"
    assert "Date 2026-01-02 03:04:05 UTC" in " ".join(pages(done.pdf)[result.signature_box[0]].split())
    [found] = check(done.pdf, Trust())
    assert datetime.fromisoformat(found.signed_at) == when
    assert found.fingerprint == credential.fingerprint
    assert json.loads(json.dumps(done.info)) == done.info  # plain text fields, as the register stores them


@pytest.mark.terminal
def test_in_a_terminal_the_passphrase_is_asked_without_echo(built, certs, db_path, tmp_path):
    pexpect = pytest.importorskip("pexpect")
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PWIZ_P12_PASSPHRASE"}
    env.update(PWIZ_DB=str(db_path), XDG_CONFIG_HOME=str(tmp_path / "config"), PYTHONIOENCODING="utf-8")
    out = tmp_path / "signed.pdf"
    child = pexpect.spawn(
        sys.executable,
        ["-m", "wizard", "export", NAME, "-o", str(out), "--sign-with", str(certs["good"])],
        env=env,
        encoding="utf-8",
        timeout=60,
    )
    child.expect("Passphrase for .*good.p12: ")
    child.sendline(PASSPHRASE)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert PASSPHRASE not in child.before  # not echoed
    assert "signed by Jane Approver" in child.before
    assert out.exists()


def test_the_helper_process_and_its_fallback_sign_alike(certs, signed, monkeypatch):
    import subprocess
    import sys

    from wizard.pdf.pack import build_pack
    from wizard.signing.signature_check import Trust, check
    from wizard.signing.worker import IN_PROCESS_VARIABLE, Worker

    register, lib, pid, _ = signed
    credential = signing.load_credential(certs["good"], lambda: PASSPHRASE)
    result = build_pack(register, lib, pid, signature=signing.SignatureStamp.of(credential))

    helper = Worker()
    try:
        by_helper = helper.sign(result, credential)
    finally:
        helper.close()
    broken = Worker()
    broken.close()
    broken._process = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.exit(3)"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    by_fallback = broken.sign(result, credential)  # the helper died: signed in this process instead
    monkeypatch.setenv(IN_PROCESS_VARIABLE, "1")
    assert Worker()._process is None
    for done in (by_helper, by_fallback):
        assert done.pdf.startswith(result.pdf)  # an incremental update: the pack's bytes untouched
        assert done.info["fingerprint_sha256"] == credential.fingerprint
        [found] = check(done.pdf, Trust())
        assert found.findings[0].level == "ok"


# --- countersigning: pwiz sign ----------------------------------------------------------------


def countersign(pwiz, source, out, cert, *more):
    env = {"PWIZ_P12_PASSPHRASE": PASSPHRASE}
    return pwiz("sign", str(source), "--sign-with", str(cert), "-o", str(out), *more, env=env, input="")


def test_the_chair_countersigns_and_verify_names_both_signers(pwiz, built, certs, authority, tmp_path):
    register, lib, pid = built
    chair = authority.p12(authority.issue("Chris Chair"), tmp_path / "chair.p12")
    signed = tmp_path / "signed.pdf"
    assert export(pwiz, signed, certs["good"]).returncode == 0
    both = tmp_path / "both.pdf"
    done = countersign(pwiz, signed, both, chair, "--trust", str(certs["trust"]))
    assert done.returncode == 0, done.stderr
    issued = register.issued_packs(pid)[-1]
    assert done.stdout.startswith("wrote ") and "countersigned by Chris Chair" in done.stdout
    assert f"entered in the register as issued pack {issued['id']}" in done.stdout and done.stderr == ""
    assert both.read_bytes().startswith(signed.read_bytes())  # an incremental update: Jane's signature still holds
    assert [s["subject"].split(",")[0] for s in issued["signatures"]] == ["CN=Jane Approver", "CN=Chris Chair"]

    verified = pwiz("verify", str(both), "--trust", str(certs["trust"]))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    lines = verified.stdout
    jane_at, chris_at = (s["signed_at"] for s in issued["signatures"])
    assert "by Jane Approver (Test Police Authority) (certificate SHA-256" in lines and jane_at in lines
    assert "the later revisions only add signatures" in lines
    assert "by Chris Chair (Test Police Authority) (certificate SHA-256" in lines and chris_at in lines
    assert "this file is exactly the pack issued from the register" in lines and lines.strip().endswith("VERIFIED")
    assert verified.stderr == ""


def test_a_countersignature_made_elsewhere_verifies_against_the_issued_pack(pwiz, built, certs, authority, tmp_path):
    """Signed again outside pwiz (e.g. in a PDF reader): not in the ledger, but what it adds to is."""
    register, lib, pid = built
    signed = tmp_path / "signed.pdf"
    assert export(pwiz, signed, certs["good"]).returncode == 0
    chair = signing.load_credential(
        authority.p12(authority.issue("Chris Chair"), tmp_path / "chair.p12"), lambda: PASSPHRASE
    )
    elsewhere = tmp_path / "elsewhere.pdf"
    elsewhere.write_bytes(signing.countersign(signed.read_bytes(), chair, reason="Seen and agreed").pdf)
    verified = pwiz("verify", str(elsewhere), "--trust", str(certs["trust"]))
    assert verified.returncode == 0, verified.stdout
    assert "with 1 certificate signature(s) added since: Chris Chair (Test Police Authority) at" in verified.stdout

    from tests.pdf.tampering import free_text, pyhanko_update

    changed = tmp_path / "changed.pdf"
    changed.write_bytes(pyhanko_update(elsewhere.read_bytes(), free_text))
    verified = pwiz("verify", str(changed), "--trust", str(certs["trust"]))
    assert verified.returncode == 1 and "NOT VERIFIED" in verified.stdout


def test_countersigning_refuses_an_unsigned_or_changed_pack_in_one_line(pwiz, built, certs, authority, tmp_path):
    register, lib, pid = built
    chair = authority.p12(authority.issue("Chris Chair"), tmp_path / "chair.p12")
    plain = tmp_path / "plain.pdf"
    assert pwiz("export", NAME, "-o", str(plain)).returncode == 0
    done = countersign(pwiz, plain, tmp_path / "out.pdf", chair, "--trust", str(certs["trust"]))
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1
    assert "carries no certificate signature yet" in done.stderr and not (tmp_path / "out.pdf").exists()

    signed = tmp_path / "signed.pdf"
    assert export(pwiz, signed, certs["good"]).returncode == 0
    data = bytearray(signed.read_bytes())
    at = data.index(b"/Creator (pwiz)") + len(b"/Creator (pwi")
    data[at] ^= 0x01
    signed.write_bytes(bytes(data))
    entries = len(register.issued_packs(pid))
    done = countersign(pwiz, signed, tmp_path / "out.pdf", chair, "--trust", str(certs["trust"]))
    assert done.returncode == 1 and len(done.stderr.splitlines()) == 1
    assert "does not verify, so it is not countersigned" in done.stderr
    assert not (tmp_path / "out.pdf").exists() and len(register.issued_packs(pid)) == entries
