"""Issuing an approval pack: lay it out, sign it if asked, enter it in the ledger, write the file.

`pwiz export`, `pwiz sign` and the wizard's export dialog all come here, so a
pack is made, signed and recorded one way. Every issued file is entered in the
register's ledger of issued packs (its SHA-256, size, record digest, the
command, the certificate signatures it carries) just before it is put in
place: if the entry cannot be written, no file appears, so `pwiz verify`
never meets a pack of ours the register does not know.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wizard.errors import UserError
from wizard.output import write_file

if TYPE_CHECKING:
    from store import Register
    from wizard.pdf.pack import PackResult
    from wizard.service import Governance
    from wizard.signing.credential import Credential, Signed

Signer = Callable[["PackResult", "Credential"], "Signed"]


@dataclass(frozen=True)
class Issued:
    """What was written: the pack as laid out, its signature (if any) and its ledger entry."""

    path: Path
    result: PackResult | None  # None for a countersignature: nothing was laid out
    signed: Signed | None
    entry: dict[str, Any]


def issue_pack(
    governance: Governance,
    partnership: str,
    output: Path,
    *,
    command: str,
    credential: Credential | None = None,
    sign: Signer | None = None,
    today: date | None = None,
) -> Issued:
    """Write the approval pack of `partnership` to `output`, signed with `credential` if given.

    `sign` signs a laid-out pack (default: in this process; the CLI passes its
    helper process's). `command` says in the ledger what issued it."""
    from wizard.pdf.pack import build_pack

    stamp = None
    if credential is not None:
        from wizard.signing.credential import SignatureStamp

        stamp = SignatureStamp.of(credential)
    result = build_pack(governance.register, governance.library, partnership, today=today, signature=stamp)
    data, signed = result.pdf, None
    if credential is not None:
        if sign is None:
            from wizard.signing.pades import sign_result

            sign = sign_result
        signed = sign(result, credential)
        data = signed.pdf
    signatures = [{**signed.info, "file": output.name}] if signed is not None else []
    entry: dict[str, Any] = {}

    def enter_in_ledger() -> None:
        entry.update(
            record_issue(governance.register, result.partnership_id, data, result.digest, command, output, signatures)
        )

    write_file(output, data, before_rename=enter_in_ledger)
    return Issued(path=output, result=result, signed=signed, entry=entry)


def countersign_pack(governance: Governance, source: Path, output: Path, credential: Credential, trust: Any) -> Issued:
    """Add `credential`'s signature to a certificate-signed pack the register issued (a countersignature).

    The pack must verify first, with the register at hand and `trust` (a
    signature_check.Trust): countersigning a changed file would put it in the
    ledger as if it had been issued."""
    import json

    from wizard.pdf import record as pack_record
    from wizard.pdf.embed import read_attachment
    from wizard.signing.pades import countersign
    from wizard.verify.pack_check import verify_pack

    data = source.read_bytes()
    ok, lines = verify_pack(source, governance.register, governance.library, trust=trust)
    if not ok:
        first = next((line for line in lines if line.startswith("FAILED: ")), lines[-1])
        raise UserError(f"{source} does not verify, so it is not countersigned ({first}); see 'pwiz verify {source}'")
    record = json.loads(read_attachment(data, pack_record.NAME)[0])
    pid, digest = record["partnership_id"], record["record_digest"]
    approval_id = record["approval"]["content"]["id"]
    signed = countersign(
        data,
        credential,
        reason=f"Countersignature of partnership {pid}: approval {approval_id}, record digest {digest}",
        record_digest=digest,
    )
    earlier = _ledger_signatures(governance.register, pid, data)
    signatures = [*earlier, {**signed.info, "file": output.name}]
    entry: dict[str, Any] = {}

    def enter_in_ledger() -> None:
        entry.update(record_issue(governance.register, pid, signed.pdf, digest, "pwiz sign", output, signatures))

    write_file(output, signed.pdf, before_rename=enter_in_ledger)
    return Issued(path=output, result=None, signed=signed, entry=entry)


def _ledger_signatures(register: Register, pid: str, data: bytes) -> list[dict]:
    """The certificate signatures the ledger records for this file (or for what it was issued as)."""
    issued = {entry["sha256"]: entry for entry in register.issued_packs(pid)}
    entry = issued.get(hashlib.sha256(data).hexdigest())
    return list(entry["signatures"]) if entry else []


def record_issue(
    register: Register,
    pid: str,
    data: bytes,
    record_digest: str | None,
    command: str,
    output: Path,
    signatures: list[dict],
) -> dict[str, Any]:
    """Enter the bytes of an issued pack in the register's ledger."""
    from wizard.verify.pages import fingerprints

    return register.record_issue(
        pid,
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        record_digest=record_digest,
        command=command,
        file_name=output.name,
        signatures=signatures,
        pages=fingerprints(data),
    )
