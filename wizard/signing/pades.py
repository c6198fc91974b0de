"""Certificate signatures on approval packs: PAdES, made with pyHanko, offline.

`sign_pack` adds the approver's signature (credential.py opened and checked
their PKCS#12 file) to the finished pack as an incremental update: the
pack's bytes, the embedded record included, are left exactly as they were
and covered by the signature. The signature sits in a visible field placed
over the box the pack builder printed on the sign-off page naming the
signer from the certificate (`PackResult.signature_box`); the field draws
only its frame, so the names print in the pack's Unicode font.
Nothing is fetched from the network: no timestamp authority, no revocation
data; the signing time is the signer's clock.

`countersign` adds a further approver's signature (the Chair's, say) to a
pack that already carries one: another incremental update, in a new,
invisible signature field `pwiz-countersignature-N` (PDF readers list it in
their signature panel). The bytes before it, the first signature's included,
stay exactly as they were; signature_check.py accepts the earlier signatures
as long as every later revision only adds signatures.

pyHanko takes a quarter of a second to import, so only signing imports this
module; the CLI runs it in a helper process started before the pack is laid
out, so that import overlaps the layout (sign_worker.py, BENCHMARKS.md).
"""

from __future__ import annotations

import io
import math
from datetime import UTC, datetime

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.layout import AxisAlignment, Margins, SimpleBoxLayoutRule
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.sign import fields, signers
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator.registry import SimpleCertificateStore

from wizard.errors import UserError
from wizard.signing.credential import (
    Credential,
    SignatureStamp,
    Signed,
    load_credential,
    refuse_draft,
    signature_info,
)

__all__ = [
    "COUNTERSIGNATURE_FIELD",
    "FIELD_NAME",
    "Credential",
    "SignatureStamp",
    "Signed",
    "countersign",
    "load_credential",
    "sign_pack",
    "sign_result",
]

FIELD_NAME = "pwiz-approval-signature"
COUNTERSIGNATURE_FIELD = "pwiz-countersignature-{n}"  # n: 1 + the signature fields already in the file
STAMP_TEXT = " "  # the pack prints the box's text in its own Unicode font (pack_signoff.SignatureSlot)


def sign_result(result, credential: Credential) -> Signed:
    """Sign a pack built with `build_pack(..., signature=SignatureStamp.of(credential))`; a DRAFT pack is refused."""
    refuse_draft(result)
    return sign_pack(
        result.pdf,
        credential,
        result.signature_box,
        partnership_id=result.partnership_id,
        approval_id=result.approval_id,
        record_digest=result.digest,
        when=result.signature_time,
    )


def sign_pack(
    pdf: bytes,
    credential: Credential,
    box: tuple[int, float, float, float, float],
    *,
    partnership_id: str,
    approval_id: str,
    record_digest: str,
    when: datetime | None = None,
) -> Signed:
    """Add a visible PAdES signature in `box` (page index, x1, y1, x2, y2) of a finished pack."""
    when = _signing_time(when)
    page, x1, y1, x2, y2 = box
    spec = fields.SigFieldSpec(
        sig_field_name=FIELD_NAME,
        on_page=page,
        box=(math.floor(x1), math.floor(y1), math.ceil(x2), math.ceil(y2)),  # over the whole reserved box
        readable_field_name="Approver's signature",
    )
    style = TextStampStyle(
        stamp_text=STAMP_TEXT,
        timestamp_format="%Y-%m-%d %H:%M:%S UTC",
        text_box_style=TextBoxStyle(font_size=8, leading=10),
        border_width=1,
        border_color=(0.12, 0.31, 0.47),
        background=None,
        inner_content_layout=SimpleBoxLayoutRule(
            x_align=AxisAlignment.ALIGN_MIN, y_align=AxisAlignment.ALIGN_MID, margins=Margins(8, 8, 4, 4)
        ),
    )
    reason = f"Approval of partnership {partnership_id}: approval {approval_id}, record digest {record_digest}"
    try:
        out = _sign(
            IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False), credential, spec, reason, when, stamp_style=style
        )
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many kinds; the user gets one line
        raise _failed("sign", credential, exc) from None
    return Signed(pdf=out, info=signature_info(credential, when, record_digest))


def countersign(
    pdf: bytes,
    credential: Credential,
    *,
    reason: str,
    when: datetime | None = None,
    record_digest: str | None = None,
) -> Signed:
    """Add one more PAdES signature to a pack that is already signed (the Chair's, after the approver's).

    An incremental update in a new, invisible field `pwiz-countersignature-N`;
    the existing signature fields are left alone. `record_digest` (the
    pack's, when the caller knows it) goes into `Signed.info` only."""
    when = _signing_time(when)
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        existing = list(fields.enumerate_sig_fields(writer))
    except Exception as exc:  # noqa: BLE001 - not a PDF pyHanko can read: many kinds
        raise UserError(
            f"the file to countersign cannot be read as a PDF ({type(exc).__name__}: {_one_line(exc)}); "
            "give the signed pack written by `pwiz export --sign-with CERT.p12`"
        ) from None
    if not any(value for _, value, _ in existing):
        raise UserError(
            "this pack carries no certificate signature yet, so there is nothing to countersign; "
            "sign it first with `pwiz export --sign-with CERT.p12`, then countersign that file"
        )
    name = COUNTERSIGNATURE_FIELD.format(n=len(existing) + 1)
    spec = fields.SigFieldSpec(sig_field_name=name, readable_field_name="Countersignature")  # no box: invisible
    try:
        out = _sign(writer, credential, spec, reason, when)
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many kinds; the user gets one line
        raise _failed("countersign", credential, exc) from None
    return Signed(pdf=out, info=signature_info(credential, when, record_digest))


def _signing_time(when: datetime | None) -> datetime:
    """The signing time written into the PDF and the register: UTC, whole seconds."""
    return (when or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)


def _sign(
    writer: IncrementalPdfFileWriter,
    credential: Credential,
    spec: fields.SigFieldSpec,
    reason: str,
    when: datetime,
    stamp_style: TextStampStyle | None = None,
) -> bytes:
    """Sign in a new field `spec` (PAdES, SHA-256, at `when`), appended to `writer`'s file; the new file."""
    meta = signers.PdfSignatureMetadata(
        field_name=spec.sig_field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=credential.common_name,
        reason=reason,
    )
    pdf_signer = _AtTime(meta, _signer(credential), stamp_style=stamp_style, new_field_spec=spec, when=when)
    return pdf_signer.sign_pdf(writer).getvalue()


def _failed(action: str, credential: Credential, exc: Exception) -> UserError:
    return UserError(
        f"pyHanko could not {action} the pack with {credential.path} ({type(exc).__name__}: {_one_line(exc)}); "
        "nothing was written; please report this with the certificate's key type"
    )


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def _signer(credential: Credential) -> signers.SimpleSigner:
    cert = _asn1_cert(credential.certificate)
    chain = [_asn1_cert(c) for c in credential.chain]
    return signers.SimpleSigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(credential.key_der()),
        cert_registry=SimpleCertificateStore.from_certs([cert, *chain]),
    )


def _asn1_cert(certificate) -> asn1_x509.Certificate:
    return asn1_x509.Certificate.load(certificate.public_bytes(Encoding.DER))


class _AtTime(signers.PdfSigner):
    """A PdfSigner whose signing time is given, so the register records the very time in the PDF."""

    def __init__(self, *args, when: datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self._when = when

    def init_signing_session(self, pdf_out, existing_fields_only=False):
        session = super().init_signing_session(pdf_out, existing_fields_only)
        session.system_time = self._when
        return session
