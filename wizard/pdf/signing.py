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

pyHanko takes a quarter of a second to import, so only signing imports this
module; the CLI runs it in a helper process started before the pack is laid
out, so that import overlaps the layout (sign_worker.py, BENCHMARKS.md).
"""

from __future__ import annotations

import io
import logging
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
from wizard.pdf.credential import Credential, SignatureStamp, Signed, load_credential, refuse_draft, signature_info

__all__ = ["FIELD_NAME", "Credential", "SignatureStamp", "Signed", "load_credential", "sign_pack", "sign_result"]

for _name in ("pyhanko", "pyhanko_certvalidator"):  # errors reach the user as one UserError line
    logging.getLogger(_name).addHandler(logging.NullHandler())

FIELD_NAME = "pwiz-approval-signature"
STAMP_TEXT = " "  # the pack prints the box's text in its own Unicode font (pack_signoff.SignatureSlot)


def sign_result(result, credential: Credential) -> Signed:
    """Sign a pack built with `build_pack(..., signature=SignatureStamp.of(credential))`; a DRAFT pack is refused."""
    refuse_draft(result)
    return sign_pack(
        result.pdf,
        credential,
        result.signature_box,
        partnership_id=result.partnership_id,
        signoff_id=result.signoff_id,
        record_digest=result.digest,
        when=result.signature_time,
    )


def sign_pack(
    pdf: bytes,
    credential: Credential,
    box: tuple[int, float, float, float, float],
    *,
    partnership_id: str,
    signoff_id: str,
    record_digest: str,
    when: datetime | None = None,
) -> Signed:
    """Add a visible PAdES signature in `box` (page index, x1, y1, x2, y2) of a finished pack."""
    when = (when or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    page, x1, y1, x2, y2 = box
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        name=credential.common_name,
        reason=f"Approval of partnership {partnership_id}: sign-off {signoff_id}, record digest {record_digest}",
    )
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
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        pdf_signer = _AtTime(meta, _signer(credential), stamp_style=style, new_field_spec=spec, when=when)
        out = pdf_signer.sign_pdf(writer)
    except Exception as exc:  # noqa: BLE001 - pyHanko raises many kinds; the user gets one line
        raise UserError(
            f"pyHanko could not sign the pack with {credential.path} ({type(exc).__name__}: {exc}); "
            "nothing was written; please report this with the certificate's key type"
        ) from None
    return Signed(pdf=out.getvalue(), info=signature_info(credential, when, record_digest))


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
