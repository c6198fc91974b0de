"""Throw-away certificates for signing tests, made with `cryptography`: no real PKI.

`Authority` is a small certificate authority (a self-signed root); its
`issue` makes a signer certificate with the key usage, validity and name a
test asks for, and `p12` writes it with its key (and the root) as a PKCS#12
file, with or without a passphrase. EC P-256 keys: quick to make and sign.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

SIGNING = "signing"  # digitalSignature + nonRepudiation
NO_SIGNING = "no-signing"  # keyEncipherment only


@dataclass
class Issued:
    certificate: x509.Certificate
    key: ec.EllipticCurvePrivateKey


def _name(common_name: str, organisation: str | None = None) -> x509.Name:
    parts = [x509.NameAttribute(NameOID.COUNTRY_NAME, "GB")]
    if organisation:
        parts.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    parts.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    return x509.Name(parts)


def _usage(kind: str | None) -> x509.KeyUsage | None:
    if kind is None:
        return None
    signing = kind == SIGNING
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,
        key_encipherment=not signing,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )


class Authority:
    """A self-signed root CA that issues signer certificates."""

    def __init__(self, name: str = "Test Police Authority Root CA", organisation: str = "Test Police Authority"):
        self.key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.now(UTC)
        subject = _name(name, organisation)
        self.certificate = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=30))
            .not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.key.public_key()), critical=False)
            .sign(self.key, hashes.SHA256())
        )

    def issue(
        self,
        common_name: str = "Jane Approver",
        organisation: str = "Test Police Authority",
        usage: str | None = SIGNING,
        valid_from: datetime | None = None,
        valid_until: datetime | None = None,
    ) -> Issued:
        key = ec.generate_private_key(ec.SECP256R1())
        now = datetime.now(UTC)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(common_name, organisation))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(valid_from or now - timedelta(days=1))
            .not_valid_after(valid_until or now + timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(self.key.public_key()), critical=False)
        )
        key_usage = _usage(usage)
        if key_usage is not None:
            builder = builder.add_extension(key_usage, critical=True)
        return Issued(builder.sign(self.key, hashes.SHA256()), key)

    def p12(self, issued: Issued, path: Path, passphrase: str | None = "correct horse") -> Path:
        """Write the certificate, its key and this root as a PKCS#12 file."""
        encryption = (
            serialization.BestAvailableEncryption(passphrase.encode()) if passphrase else serialization.NoEncryption()
        )
        data = pkcs12.serialize_key_and_certificates(
            b"signer", issued.key, issued.certificate, [self.certificate], encryption
        )
        path.write_bytes(data)
        return path

    def trust_dir(self, folder: Path) -> Path:
        """A folder holding this root as PEM, as an authority would configure it."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "root.pem").write_bytes(self.certificate.public_bytes(serialization.Encoding.PEM))
        return folder
