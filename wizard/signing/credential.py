"""The approver's certificate: a PKCS#12 file opened and checked fit to sign.

An approver's organisation gives them a PKCS#12 file (.p12/.pfx: their
certificate and private key). `load_credential` opens it and refuses, with
one line saying what and how to fix, anything a PDF reader would later show
as a bad signature: a wrong passphrase, a file that is not PKCS#12, a
certificate that is expired or not yet valid, or one whose key usage does
not allow signing (digitalSignature or nonRepudiation).

Only `cryptography` and `asn1crypto` here, no pyHanko (slow to import): the
CLI checks the certificate, and asks for the passphrase, before anything
else, while pyHanko loads in a helper process (sign_worker.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from asn1crypto import pkcs12 as asn1_pkcs12
from cryptography import x509
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_der_private_key,
    pkcs12,
)
from cryptography.x509.oid import NameOID

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

from wizard.errors import UserError

SIGNING_USAGES = ("digital_signature", "content_commitment")  # content_commitment is nonRepudiation

Passphrase = Callable[[], str]  # asked only when the file is protected


@dataclass(frozen=True)
class Credential:
    """A signer's certificate and private key, checked fit to sign."""

    path: Path
    certificate: x509.Certificate
    key: PrivateKeyTypes
    chain: tuple[x509.Certificate, ...]

    @property
    def subject(self) -> str:
        return self.certificate.subject.rfc4514_string()

    @property
    def issuer(self) -> str:
        return self.certificate.issuer.rfc4514_string()

    @property
    def common_name(self) -> str:
        return name_part(self.certificate.subject, NameOID.COMMON_NAME) or self.subject

    @property
    def organisation(self) -> str:
        return name_part(self.certificate.subject, NameOID.ORGANIZATION_NAME) or ""

    @property
    def fingerprint(self) -> str:
        """SHA-256 of the certificate (DER), lowercase hex."""
        return hashlib.sha256(self.certificate.public_bytes(Encoding.DER)).hexdigest()

    def key_der(self) -> bytes:
        """The private key as unencrypted PKCS#8 DER (for pyHanko, or the helper process's pipe)."""
        return self.key.private_bytes(Encoding.DER, PrivateFormat.PKCS8, NoEncryption())

    def to_parts(self) -> dict:
        """Plain bytes and text, to hand to the helper process."""
        return {
            "path": str(self.path),
            "certificate": self.certificate.public_bytes(Encoding.DER),
            "key": self.key_der(),
            "chain": [c.public_bytes(Encoding.DER) for c in self.chain],
        }

    @classmethod
    def from_parts(cls, parts: dict) -> Credential:
        return cls(
            path=Path(parts["path"]),
            certificate=x509.load_der_x509_certificate(parts["certificate"]),
            key=load_der_private_key(parts["key"], None),
            chain=tuple(x509.load_der_x509_certificate(c) for c in parts["chain"]),
        )


@dataclass(frozen=True)
class Signed:
    """A signed pack, and what the register keeps about its signature (`signature_info`)."""

    pdf: bytes
    info: dict


def load_credential(path: Path, passphrase: Passphrase | None = None, now: datetime | None = None) -> Credential:
    """Open a PKCS#12 file and check its certificate can sign now; UserError if not.

    `passphrase()` is called only if the file is protected."""
    path = Path(path)
    fix = "give the PKCS#12 file (.p12 or .pfx) your organisation issued with --sign-with"
    if not path.exists():
        raise UserError(f"{path}: no such file; {fix}")
    if not path.is_file():
        raise UserError(f"{path} is not a file; {fix}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}; check its permissions") from None
    if not _looks_like_pkcs12(data):
        raise UserError(f"{path} is not a PKCS#12 file (.p12/.pfx with a certificate and its private key); {fix}")
    loaded = _open(data, None) or _open(data, b"")
    if loaded is None:
        if passphrase is None:
            raise UserError(
                f"{path} is protected by a passphrase; set PWIZ_P12_PASSPHRASE or run pwiz in a terminal to be asked"
            )
        secret = passphrase()
        loaded = _open(data, secret.encode("utf-8")) if secret else None
        if loaded is None:
            raise UserError(f"the passphrase for {path} is wrong; check it (or PWIZ_P12_PASSPHRASE) and try again")
    key, certificate, others = loaded
    if key is None or certificate is None:
        missing = "private key" if key is None else "certificate"
        raise UserError(
            f"{path} holds no {missing}; export it again from your certificate store with the {missing} included"
        )
    _check_fit_to_sign(path, certificate, now or datetime.now(UTC))
    return Credential(path=path, certificate=certificate, key=key, chain=tuple(others or ()))


def refuse_draft(result) -> None:
    """A DRAFT pack (a PackResult) is not signed: it carries no approval for the
    signature to vouch for, and a certificate signature on it would read as approval."""
    if result.draft or result.signature_box is None or result.approval_id is None:
        raise UserError(
            f"the pack of {result.partnership_id} is a DRAFT (the partnership is not approved as it stands), so it "
            "cannot be signed with a certificate; sign off what it needs and approve it (pwiz approve), then export again"
        )


def signature_info(credential: Credential, when: datetime, record_digest: str | None) -> dict:
    """What the register keeps: the certificate's subject, issuer, serial and fingerprint, and when."""
    return {
        "subject": credential.subject,
        "issuer": credential.issuer,
        "serial_number": format(credential.certificate.serial_number, "x"),
        "fingerprint_sha256": credential.fingerprint,
        "signed_at": when.astimezone(UTC).isoformat(timespec="seconds"),
        "record_digest": record_digest,
    }


def name_part(name: x509.Name, oid) -> str | None:
    values = name.get_attributes_for_oid(oid)
    return str(values[0].value) if values else None


def _looks_like_pkcs12(data: bytes) -> bool:
    """The outer PFX structure parses (version 3, a data or signed-data auth safe)."""
    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        return pfx["version"].native == "v3" and pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
    except Exception:  # noqa: BLE001 - asn1crypto raises many kinds on garbage
        return False


def _open(data: bytes, secret: bytes | None):
    try:
        return pkcs12.load_key_and_certificates(data, secret)
    except (ValueError, TypeError):
        return None


def _check_fit_to_sign(path: Path, certificate: x509.Certificate, now: datetime) -> None:
    who = name_part(certificate.subject, NameOID.COMMON_NAME) or certificate.subject.rfc4514_string()
    where = f"the certificate of {who} in {path}"
    ask = "ask your certificate authority for a current one"
    if now < certificate.not_valid_before_utc:
        raise UserError(
            f"{where} is not valid until {certificate.not_valid_before_utc:%Y-%m-%d %H:%M} UTC; {ask} or sign after that time"
        )
    if now > certificate.not_valid_after_utc:
        raise UserError(f"{where} expired on {certificate.not_valid_after_utc:%Y-%m-%d}; {ask}")
    try:
        usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    if usage is None or not any(getattr(usage, name) for name in SIGNING_USAGES):
        raise UserError(
            f"{where} may not be used for signing (its key usage has neither digitalSignature nor "
            f"nonRepudiation); ask your certificate authority for a signing certificate"
        )


@dataclass(frozen=True)
class SignatureStamp:
    """What the visible signature box on the sign-off page says.

    The pack draws it in its own Unicode font, so any signer's name prints
    (the PDF standard fonts pyHanko would use have Latin-1 only); the
    signature field lies over it, and the signature covers it like every
    other byte. `when` is also the signing time written into the signature.
    """

    signer: str
    organisation: str
    fingerprint: str
    when: datetime

    @classmethod
    def of(cls, credential: Credential, when: datetime | None = None) -> SignatureStamp:
        when = (when or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
        return cls(credential.common_name, credential.organisation or credential.issuer, credential.fingerprint, when)

    def lines(self, approval_id: str, digest: str) -> list[str]:
        return [
            f"Digitally signed by {self.signer}",
            self.organisation,
            f"Date {self.when:%Y-%m-%d %H:%M:%S} UTC",
            f"Certificate SHA-256 {self.fingerprint[:32]}…",
            f"Approval {approval_id}, record digest {digest[:16]}…",
        ]
