"""The certificate (PAdES) signature of a pack, checked offline with pyHanko.

`check(data, trust)` says, for each PDF signature in the file: is it intact
(the signed bytes still hash to what was signed), does it cover the whole
file (nothing appended since), who signed and when, and whether the
signer's certificate chains to one of the trusted certificates (`Trust`:
a folder of the authority's own root or intermediate certificates, given
with `--trust DIR` or kept in the register's `trusted-certificates/`).

Nothing is fetched: no revocation lists, no OCSP, no timestamp authority,
so revocation is not checked (said in the output). An untrusted signer is
reported as a failure, never as a valid signature. A pack without any
certificate signature gets a note: signing is optional.

pyHanko is imported only when the file holds a signature (`/ByteRange`).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from wizard.errors import UserError

# pyHanko logs a traceback for every untrusted path; the findings below say it in one line.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

TRUST_FOLDER = "trusted-certificates"  # inside the register's folder
CERT_SUFFIXES = {".pem", ".crt", ".cer", ".der"}
SIGNING_USAGES = {"digital_signature", "non_repudiation"}


@dataclass
class Trust:
    """Trusted certificates (asn1crypto) and the folder they came from."""

    folder: Path | None = None
    roots: list = field(default_factory=list)

    @property
    def where(self) -> str:
        return str(self.folder) if self.folder is not None else "no folder"


@dataclass
class Finding:
    level: str  # "ok" | "bad" | "note"
    text: str


@dataclass
class Signature:
    """One PDF signature as checked: who, when, and what the register may compare."""

    signer: str
    fingerprint: str
    signed_at: str | None
    findings: list[Finding]


def load_trust(folder: Path | None) -> Trust:
    """Every certificate (PEM or DER) in `folder`; UserError on a file that is not one."""
    if folder is None:
        return Trust()
    if not folder.is_dir():
        raise UserError(f"--trust {folder}: no such folder; give a folder holding your authority's root certificate (.pem, .crt, .cer or .der)")
    from asn1crypto import pem, x509

    roots = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in CERT_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        try:
            blobs = [der for _, _, der in pem.unarmor(data, multiple=True)] if pem.detect(data) else [data]
            for der in blobs:
                cert = x509.Certificate.load(der)
                cert.native  # parse it all now, so a damaged file is reported here
                roots.append(cert)
        except Exception:  # noqa: BLE001 - asn1crypto raises many kinds on garbage
            raise UserError(f"{path} is not a certificate (PEM or DER); remove it from the trusted-certificates folder {folder}") from None
    return Trust(folder=folder, roots=roots)


def has_signature(data: bytes) -> bool:
    return b"/ByteRange" in data


def check(data: bytes, trust: Trust) -> list[Signature]:
    """Each PDF signature in the file, checked; a file that cannot be read gives one failed Signature."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception as exc:  # noqa: BLE001 - a damaged file: pyHanko raises many kinds
        return [_unreadable(exc)]
    return [_check_one(sig, trust) for sig in signatures]


def describe(name) -> str:
    """An asn1crypto Name as a person reads it: 'Jane Approver (Test Police Authority)'."""
    parts = name.native if isinstance(name.native, dict) else {}
    common, organisation = parts.get("common_name"), parts.get("organization_name")
    if isinstance(common, list):
        common = ", ".join(common)
    if isinstance(organisation, list):
        organisation = ", ".join(organisation)
    if not common:
        return name.human_friendly
    return f"{common} ({organisation})" if organisation else str(common)


def _unreadable(exc: Exception) -> Signature:
    text = (
        f"the certificate signature cannot be read ({type(exc).__name__}: {exc}): the file was changed or damaged "
        "after it was signed, so the signature no longer covers the content"
    )
    return Signature(signer="?", fingerprint="", signed_at=None, findings=[Finding("bad", text)])


def _check_one(sig, trust: Trust) -> Signature:
    import hashlib

    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        context = ValidationContext(trust_roots=trust.roots, allow_fetching=False, revocation_mode="soft-fail")
        usage = KeyUsageConstraints(key_usage=SIGNING_USAGES, match_all_key_usages=False)
        status = validate_pdf_signature(sig, context, key_usage_settings=usage)
    except Exception as exc:  # noqa: BLE001 - a damaged signature container: many kinds
        return _unreadable(exc)
    cert = status.signing_cert
    signer = describe(cert.subject)
    fingerprint = hashlib.sha256(cert.dump()).hexdigest()
    when = status.signer_reported_dt
    signed_at = when.isoformat(timespec="seconds") if when else None
    findings: list[Finding] = []
    who = f"by {signer} (certificate SHA-256 {fingerprint[:16]}…)" + (f", signed at {signed_at}" if signed_at else "")
    if not (status.intact and status.valid):
        findings.append(
            Finding("bad", f"the certificate signature {who} no longer covers the content: the file was changed after it was signed")
        )
        return Signature(signer, fingerprint, signed_at, findings)
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        findings.append(Finding("ok", f"certificate signature intact and covering the whole file, {who}"))
    else:
        findings.append(
            Finding(
                "bad",
                f"the certificate signature {who} is intact but no longer covers the whole file: something was "
                "added to the file after it was signed",
            )
        )
    findings.append(_trust_finding(status, trust, signer))
    return Signature(signer, fingerprint, signed_at, findings)


def _trust_finding(status, trust: Trust, signer: str) -> Finding:
    if status.trusted:
        anchor = describe(status.validation_path[0].subject) if status.validation_path else "?"
        return Finding(
            "ok",
            f"the signer's certificate is trusted: it chains to {anchor} in {trust.where} "
            "(checked offline: revocation not checked)",
        )
    if not trust.roots:
        how = "no trusted certificates are configured" if trust.folder is None else f"{trust.where} holds no certificates"
        return Finding(
            "bad",
            f"the signer's certificate, {signer}, is NOT trusted: {how}; give --trust DIR, a folder with your "
            f"authority's root certificate, or put it in the register's {TRUST_FOLDER}/ folder",
        )
    problem = status.trust_problem_indic
    reason = problem.name.lower().replace("_", " ") if problem is not None else "no chain to a trusted certificate"
    return Finding(
        "bad",
        f"the signer's certificate, {signer}, is NOT trusted by the certificates in {trust.where} ({reason}); "
        "if this authority should be trusted, add its root certificate to that folder",
    )
