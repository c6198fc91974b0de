"""The certificate (PAdES) signature of a pack, checked offline with pyHanko.

`check(data, trust)` says, for each PDF signature in the file: is it intact
(the signed bytes still hash to what was signed), does it cover the whole
file (nothing appended since), who signed and when, and whether the
signer's certificate chains to one of the trusted certificates (`Trust`:
a folder of the authority's own root or intermediate certificates, given
with `--trust DIR` or kept in the register's `trusted-certificates/`).

A countersigned pack (signing.countersign) holds several signatures, each
in its own revision of the file. The last must cover the whole file. An
earlier one covers the revision it signed; it passes only if everything
after that revision merely adds signatures: each later revision is one
that a later signature signed, pyHanko's difference analysis rates the
changes at most FORM_FILLING (a new signature is rated so; a new
annotation, a changed page, an added or removed page or a replaced
attachment are rated OTHER), and the file has no form fields but
signatures (FORM_FILLING would also let a text field's value change).

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
    signed_length: int = 0  # bytes of the revision it covers (ByteRange[2] + ByteRange[3]); 0 if unreadable


def load_trust(folder: Path | None) -> Trust:
    """Every certificate (PEM or DER) in `folder`; UserError on a file that is not one."""
    if folder is None:
        return Trust()
    if not folder.is_dir():
        raise UserError(
            f"--trust {folder}: no such folder; give a folder holding your authority's root certificate (.pem, .crt, .cer or .der)"
        )
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
                _ = cert.native  # parse it all now, so a damaged file is reported here
                roots.append(cert)
        except Exception:  # noqa: BLE001 - asn1crypto raises many kinds on garbage
            raise UserError(
                f"{path} is not a certificate (PEM or DER); remove it from the trusted-certificates folder {folder}"
            ) from None
    return Trust(folder=folder, roots=roots)


def has_signature(data: bytes) -> bool:
    return b"/ByteRange" in data


def check(data: bytes, trust: Trust) -> list[Signature]:
    """Each PDF signature in the file, checked; a file that cannot be read gives one failed Signature."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
        later = _Later(
            revisions=reader.xrefs.total_revisions,
            signed={sig.signed_revision for sig in signatures},
            other_fields=_fields_other_than_signatures(reader),
        )
    except Exception as exc:  # noqa: BLE001 - a damaged file: pyHanko raises many kinds
        return [_unreadable(exc)]
    return [_check_one(sig, trust, later, last=n == len(signatures) - 1) for n, sig in enumerate(signatures)]


@dataclass(frozen=True)
class _Later:
    """What the revisions after an earlier signature are judged by."""

    revisions: int  # in the whole file
    signed: set[int]  # the revisions some signature signed
    other_fields: list[str]  # form fields that are not signature fields


def _fields_other_than_signatures(reader) -> list[str]:
    """The names of the form fields whose type (/FT, inherited) is not /Sig."""
    try:
        top = reader.root["/AcroForm"]["/Fields"]
    except (KeyError, TypeError):
        return []
    found: list[str] = []
    seen: set = set()

    def listed(items) -> list:
        items = items.get_object() if hasattr(items, "get_object") else items
        return list(items) if isinstance(items, list) else []

    def field(item):
        node = item.get_object() if hasattr(item, "get_object") else item
        return node if isinstance(node, dict) and "/T" in node else None  # else a bare widget, not a field

    def walk(items, parent: str, inherited) -> None:
        for item in listed(items):
            ref = getattr(item, "reference", None)
            node = field(item) if ref is None or ref not in seen else None
            seen.add(ref)
            if node is None:
                continue
            name = f"{parent}.{node['/T']}" if parent else str(node["/T"])
            kind = node.get("/FT", inherited)
            kids = listed(node.get("/Kids"))
            if any(field(kid) is not None for kid in kids):
                walk(kids, name, kind)
            elif kind != "/Sig":
                found.append(name)

    walk(top, "", None)
    return found


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


def _unreadable(exc: Exception, signed_length: int = 0) -> Signature:
    text = (
        f"the certificate signature cannot be read ({type(exc).__name__}: {exc}): the file was changed or damaged "
        "after it was signed, so the signature no longer covers the content"
    )
    return Signature("?", "", None, [Finding("bad", text)], signed_length)


def _signed_length(sig) -> int:
    """The length of the revision a signature covers: ByteRange[2] + ByteRange[3]."""
    try:
        return int(sig.byte_range[2]) + int(sig.byte_range[3])
    except (IndexError, TypeError, ValueError):
        return 0


def _check_one(sig, trust: Trust, later: _Later, last: bool) -> Signature:
    import hashlib

    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.settings import KeyUsageConstraints
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    length = _signed_length(sig)
    try:
        context = ValidationContext(trust_roots=trust.roots, allow_fetching=False, revocation_mode="soft-fail")
        usage = KeyUsageConstraints(key_usage=SIGNING_USAGES, match_all_key_usages=False)
        status = validate_pdf_signature(sig, context, key_usage_settings=usage)
    except Exception as exc:  # noqa: BLE001 - a damaged signature container: many kinds
        return _unreadable(exc, length)
    cert = status.signing_cert
    signer = describe(cert.subject)
    fingerprint = hashlib.sha256(cert.dump()).hexdigest()
    when = status.signer_reported_dt
    signed_at = when.isoformat(timespec="seconds") if when else None
    findings: list[Finding] = []
    who = f"by {signer} (certificate SHA-256 {fingerprint[:16]}…)" + (f", signed at {signed_at}" if signed_at else "")
    if not (status.intact and status.valid):
        findings.append(
            Finding(
                "bad",
                f"the certificate signature {who} no longer covers the content: the file was changed after it was signed",
            )
        )
        return Signature(signer, fingerprint, signed_at, findings, length)
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        findings.append(Finding("ok", f"certificate signature intact and covering the whole file, {who}"))
    elif last:
        findings.append(
            Finding(
                "bad",
                f"the certificate signature {who} is intact but no longer covers the whole file: something was "
                "added to the file after it was signed",
            )
        )
    else:
        try:
            problem = _changed_after(sig, status, later)
        except Exception as exc:  # noqa: BLE001 - a damaged later revision: pyHanko raises many kinds
            problem = f"the revisions added after it cannot be read ({type(exc).__name__}: {exc})"
        if problem is None:
            findings.append(
                Finding(
                    "ok",
                    f"certificate signature intact and covering the revision it signed, {who}; "
                    "the later revisions only add signatures",
                )
            )
        else:
            findings.append(
                Finding(
                    "bad",
                    f"the certificate signature {who} is intact but no longer covers the whole file: {problem}",
                )
            )
    findings.append(_trust_finding(status, trust, signer))
    return Signature(signer, fingerprint, signed_at, findings, length)


def _changed_after(sig, status, later: _Later) -> str | None:
    """Why the revisions after an earlier signature are more than added signatures; None if they are not."""
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return "what it signed is not a whole revision of the file, so what was added after it cannot be told apart"
    level = status.modification_level
    if not isinstance(status.diff_result, DiffResult) or level is None or level > ModificationLevel.FORM_FILLING:
        return f"the file was changed after it was signed, not only signed again ({_diff_reason(status.diff_result, level)})"
    if later.other_fields:
        names = ", ".join(later.other_fields[:5])
        return f"the file has form fields other than signatures ({names}), so a later revision may have changed what they show"
    unsigned = [n for n in range(sig.signed_revision + 1, later.revisions) if n not in later.signed]
    if unsigned:
        which = ", ".join(str(n + 1) for n in unsigned)
        if len(unsigned) == 1:
            return f"revision {which} of {later.revisions}, added after it was signed, holds no signature"
        return f"revisions {which} of {later.revisions}, added after it was signed, hold no signature"
    retitled = _document_info_changes(sig)
    if retitled:
        return (
            f"the document information ({', '.join(k.lstrip('/') for k in retitled)}) was changed after it was signed"
        )
    if status.docmdp_ok is False:
        return "it allows no change after it, not even another signature, yet revisions were added"
    return None


def _document_info_changes(sig) -> list[str]:
    """The document information entries (title, subject, keywords with the record digest...) that differ
    between the revision a signature signed and the file now. pyHanko rates such changes as harmless
    (LTA_UPDATES); only the modification date and producer, which signing itself updates, are let pass."""

    def info(handler) -> dict:  # the reader, or a view of one revision (an /Info reference resolved in it)
        try:
            raw = handler.trailer_view.raw_get("/Info")
        except KeyError:
            return {}
        found = handler.get_object(raw.reference) if hasattr(raw, "reference") else raw
        return dict(found) if isinstance(found, dict) else {}

    before, now = info(sig.reader.get_historical_resolver(sig.signed_revision)), info(sig.reader)
    return sorted(
        key
        for key in set(before) | set(now)
        if key not in ("/ModDate", "/Producer") and before.get(key) != now.get(key)
    )


def _diff_reason(diff_result, level) -> str:
    """pyHanko's judgement of the later revisions, in one line."""
    rated = f"changes rated {level.name}" if level is not None else "changes not analysed"
    if diff_result is None or hasattr(diff_result, "modification_level"):
        return rated
    said = " ".join(str(diff_result).split("\n", 1)[0].split())
    return f"{rated}: {said[:160]}" if said else rated


def _trust_finding(status, trust: Trust, signer: str) -> Finding:
    if status.trusted:
        anchor = describe(status.validation_path[0].subject) if status.validation_path else "?"
        return Finding(
            "ok",
            f"the signer's certificate is trusted: it chains to {anchor} in {trust.where} "
            "(checked offline: revocation not checked)",
        )
    if not trust.roots:
        how = (
            "no trusted certificates are configured" if trust.folder is None else f"{trust.where} holds no certificates"
        )
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
