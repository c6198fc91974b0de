"""`pwiz verify FILE.pdf`: is this file an approval pack the register issued, unchanged?

`verify_pack(path, register=None, library=None, trust=None)` returns (ok, lines to print).

What proves a pack:

- **With its register at hand**, the ledger of issued packs (every export is
  entered there with its file's SHA-256, wizard.issuing): the file is exactly
  one of them, or one of them with nothing after it but further certificate
  signatures (a countersignature). Then the record it carries is compared with
  the register: each sign-off and the approval are still there, with the same
  digests, and still match what they signed.
- **Away from the register**, only a certificate signature (PAdES, `pwiz export
  --sign-with`) can: intact, trusted, and nothing but further signatures after
  it. An unsigned pack's pages are then not proven, and verify says so plainly:
  anyone can draw over a page and leave the attached record as it was.

Always: the attached record must hold together (its digests recomputed, the
approval naming exactly the sign-offs it carries). When the file is not proven,
the page diagnostics (verify_pages.py) say where its pages differ from the
record. A DRAFT pack (not approved) never verifies: it carries no decision.
Newer sign-offs and approvals, and data-sheet edits since the pack was made,
are notes: they do not make an old pack false.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from store.approvals import approval_content, approval_digest
from store.digest import content_of, sha256_hex
from store.errors import StoreError
from store.records import read_sheet
from wizard.pdf import record as pack_record
from wizard.pdf.embed import AttachmentError, read_attachment
from wizard.verify import pages as verify_pages

MAX_DIFFS = 12


class _Report:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.ok = True

    def good(self, text: str) -> None:
        self.lines.append(f"ok: {text}")

    def bad(self, text: str) -> None:
        self.ok = False
        self.lines.append(f"FAILED: {text}")

    def note(self, text: str) -> None:
        self.lines.append(f"note: {text}")

    def detail(self, text: str) -> None:
        self.lines.append(f"    {text}")


def verify_pack(path: str | Path, register=None, library=None, trust=None) -> tuple[bool, list[str]]:
    """Check an approval pack; (True, lines) only if the file is proven and every check passes.

    `trust`: a signature_check.Trust for certificate signatures (default: none trusted)."""
    path = Path(path)
    report = _Report()
    data = path.read_bytes()
    try:
        raw, reader = read_attachment(data, pack_record.NAME)
    except AttachmentError as exc:
        report.bad(f"{path}: {exc}")
        return False, report.lines
    record = _parse(raw, report)
    if record is None:
        return False, report.lines
    pid = record.get("partnership_id")
    name = (record.get("partnership") or {}).get("name", "?")
    report.lines.append(
        f"{path}: approval pack of partnership {pid} ({name}), {len(record.get('signoffs') or [])} sign-off(s)"
    )

    _check_record(record, report)
    _check_documents(record, reader, report)
    signatures = _check_certificate_signatures(data, trust, report)
    at_hand = _register_holding(register, pid, report)
    if at_hand is not None:
        proven = _check_ledger(data, record, at_hand, signatures, report)
        _check_register(record, at_hand, report)
    else:
        proven = _signature_proof(signatures, report)
    if not proven:
        _diagnose_pages(record, reader, library, report)
    if report.ok and not proven:
        report.lines.append("NOT PROVEN")
        report.ok = False
    else:
        report.lines.append("VERIFIED" if report.ok else "NOT VERIFIED")
    return report.ok, report.lines


# --- the record -------------------------------------------------------------------


def _parse(raw: bytes, report: _Report) -> dict | None:
    try:
        record = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        report.bad(f"the embedded record {pack_record.NAME} was changed or damaged: it is not valid JSON ({exc})")
        return None
    if not isinstance(record, dict) or record.get("format") != pack_record.FORMAT:
        report.bad(f"the embedded {pack_record.NAME} is not a pwiz approval-pack record")
        return None
    if record.get("format_version") != pack_record.FORMAT_VERSION:
        report.bad(
            f"the record's format version {record.get('format_version')!r} is not one this pwiz reads "
            f"({pack_record.FORMAT_VERSION}): a pack made before partnership approvals; export it again"
        )
        return None
    return record


def _check_record(record: dict, report: _Report) -> None:
    """The record holds together: its own digest, every sign-off's, the approval's and what it names."""
    if record.get("pack_digest") != pack_record.pack_digest(record):
        report.bad("the embedded record was changed: its pack digest no longer matches its content")
    entries = record.get("signoffs") or []
    broken = 0
    for entry in entries:
        content = entry.get("content") or {}
        so = content.get("signoff") or {}
        computed = sha256_hex(content)
        if computed != entry.get("digest"):
            broken += 1
            report.bad(
                f"sign-off {so.get('id')} of assessment {so.get('assessment_id')}: the embedded content does not "
                f"match its digest (recorded {str(entry.get('digest'))[:16]}…, computed {computed[:16]}…)"
            )
    approval = record.get("approval")
    if not record.get("approved") or not isinstance(approval, dict):
        drafts = record.get("drafts") or []
        waiting = ", ".join(
            f"{d.get('questionnaire_id')} ({d.get('assessment_id')}, {d.get('status')})" for d in drafts
        )
        report.bad(
            "this is a DRAFT pack: the partnership was not approved as it stood"
            + (f" ({waiting} not signed off)" if waiting else "")
            + ", so there is no decision to verify"
        )
        return
    content = approval.get("content") or {}
    if approval_digest(content) != approval.get("digest") or approval.get("digest") != record.get("record_digest"):
        report.bad("the approval in the record does not match its digest, or is not the record digest: it was changed")
        return
    named = {(c.get("signoff_id"), c.get("digest")) for c in content.get("covers") or []}
    carried = {((e.get("content") or {}).get("signoff") or {}).get("id"): e.get("digest") for e in entries}
    if named != set(carried.items()):
        report.bad(
            "the approval does not name exactly the sign-offs the record carries (one was added, removed or swapped)"
        )
    elif not broken:
        report.good(f"the embedded record matches its digests (record digest {record.get('record_digest')})")


def _check_documents(record: dict, reader: Any, report: _Report) -> None:
    """Each document the record lists is attached, with the SHA-256 the record gives it (wizard.pdf.pack_evidence)."""
    listed = record.get("evidence") or []
    if not listed:
        return
    attached = reader.attachments
    changed = 0
    for entry in listed:
        copies = attached.get(entry.get("attachment"), [])
        if len(copies) != 1 or hashlib.sha256(copies[0]).hexdigest() != entry.get("sha256"):
            changed += 1
            report.bad(
                f"evidence {entry.get('id')} ({entry.get('attachment')}): the attached document is missing or "
                f"does not match its SHA-256 {str(entry.get('sha256'))[:16]}… in the record"
            )
    if not changed:
        report.good(f"the {len(listed)} attached document(s) match their SHA-256 in the record")


# --- proof: the ledger, or a certificate signature -------------------------------------------


def _register_holding(register, pid: str | None, report: _Report):
    """The register, if it is at hand and holds the pack's partnership; else None (with a note)."""
    if register is None:
        report.note("no register given: the pack was checked away from its register")
        return None
    where = register.where
    if not register.present():
        report.note(f"{where} does not exist: the pack was checked away from its register")
        return None
    try:
        register.get_partnership(pid)
    except StoreError:
        report.note(f"{where} holds no partnership {pid}: the pack was checked away from its register")
        return None
    return register


def _check_ledger(data: bytes, record: dict, register, signatures: list, report: _Report) -> bool:
    """Is the file an issued pack, or one with only certificate signatures added since?"""
    try:
        ledger = {entry["sha256"]: entry for entry in register.issued_packs(record.get("partnership_id"))}
    except StoreError as exc:
        report.bad(f"cannot read the register's ledger of issued packs: {exc}")
        return False
    entry = ledger.get(hashlib.sha256(data).hexdigest())
    added: list = []
    if entry is None:  # a countersigned copy: the revision an intact signature covers was issued
        for n, signature in enumerate(signatures):
            prefix = getattr(signature, "signed_length", None)
            if prefix and _is_ok(signature) and all(_is_ok(s) for s in signatures[n:]):
                entry = ledger.get(hashlib.sha256(data[:prefix]).hexdigest())
                if entry is not None:
                    added = [s for s in signatures[n:] if s.fingerprint not in _fingerprints(entry)]
                    break
    if entry is None:
        report.bad(
            f"this file is not a pack issued from {register.where}: no export recorded there has its "
            "SHA-256, so it was changed after it was written (or made elsewhere)"
        )
        _compare_pages(data, record, ledger.values(), report)
        return False
    if entry.get("record_digest") != record.get("record_digest"):
        report.bad(
            f"the register issued this file ({entry['id']}) with record digest {entry.get('record_digest')}, not the one it carries"
        )
        return False
    report.good(
        f"this file is exactly the pack issued from the register on {entry['issued_at'][:10]} by {entry['command']} "
        f"(issued pack {entry['id']}, {entry['file']})"
        + (
            f", with {len(added)} certificate signature(s) added since: " + "; ".join(_signer(s) for s in added)
            if added
            else ""
        )
    )
    for signature in signatures:
        if signature.fingerprint in _fingerprints(entry):
            report.good(
                f"the register records the certificate signature by {_signer(signature)} (issued pack {entry['id']})"
            )
    return True


def _compare_pages(data: bytes, record: dict, ledger: Any, report: _Report) -> None:
    """Which pages differ from the pack the register issued with the same record that this file is closest to."""
    import difflib

    same = [e for e in ledger if e.get("record_digest") == record.get("record_digest") and e.get("pages")]
    if not same:
        return
    try:
        now = verify_pages.fingerprints(data)
    except Exception:  # noqa: BLE001 - the diagnostics below say what cannot be read
        return
    issued = max(same, key=lambda e: difflib.SequenceMatcher(a=e["pages"], b=now, autojunk=False).ratio())
    for line in verify_pages.page_differences(issued["pages"], now):
        report.detail(
            f"compared with issued pack {issued['id']} ({issued['file']}, {issued['issued_at'][:10]}): {line}"
        )


def _signature_proof(signatures: list, report: _Report) -> bool:
    """Away from the register: a certificate signature, intact and trusted, is the only proof."""
    if signatures and all(_is_ok(s) for s in signatures):
        report.good("the certificate signature(s) prove the file unchanged since it was signed")
        return True
    if not signatures:
        report.note(
            "an unsigned pack's pages cannot be proven away from the register that issued it (anyone can draw over "
            "a page and keep the attached record); verify it where its register is (--db), or send out a pack "
            "signed with a certificate (pwiz export --sign-with CERT.p12), which proves itself"
        )
    return False


def _check_certificate_signatures(data: bytes, trust, report: _Report) -> list:
    """Each certificate signature's findings, in signing order; [] when the file carries none."""
    from wizard.signing import signature_check

    if not signature_check.has_signature(data):
        report.note("no certificate signature on this pack (pwiz export --sign-with CERT.p12 adds one)")
        return []
    signatures = signature_check.check(data, trust or signature_check.Trust())
    for signature in signatures:
        for finding in signature.findings:
            {"ok": report.good, "bad": report.bad, "note": report.note}[finding.level](finding.text)
    return signatures


def _is_ok(signature) -> bool:
    return all(finding.level != "bad" for finding in signature.findings)


def _fingerprints(entry: dict) -> set[str]:
    return {s.get("fingerprint_sha256") for s in entry.get("signatures") or []}


def _signer(signature) -> str:
    return f"{signature.signer}" + (f" at {signature.signed_at}" if signature.signed_at else "")


# --- the register ------------------------------------------------------------------------


def _check_register(record: dict, register, report: _Report) -> None:
    """The record's sign-offs and approval against the register's, field by field where they differ."""
    pid = record.get("partnership_id")
    where = register.where
    try:
        signoffs = register.list_signoffs(pid)
        approvals = register.list_approvals(pid)
        assessments = {a["id"]: a for a in register.list_assessments(pid)}
        sheet = register.get_partnership(pid)
    except StoreError as exc:
        report.bad(f"cannot compare with {where}: {exc}")
        return
    by_id = {s["id"]: s for s in signoffs}
    entries = record.get("signoffs") or []
    differs = sum(_compare_signoff(entry, by_id, assessments, where, report) for entry in entries)
    approval = record.get("approval") if record.get("approved") else None
    if isinstance(approval, dict):
        differs += _compare_approval(approval, {a["id"]: a for a in approvals}, where, report)
    if approval is not None and not differs:
        report.good(
            f"the record it carries matches {where} (its approval and {len(entries)} sign-off(s): same digests, "
            "signed content unchanged)"
        )
    elif approval is None:
        _compare_drafts(record, assessments, report)
    _newer(record, signoffs, approvals, assessments, report)
    old_sheet = read_sheet(record.get("partnership") or {})  # a pack made before partners had details reads as now
    changed = sorted(k for k in set(old_sheet) | set(sheet) if k != "updated_at" and old_sheet.get(k) != sheet.get(k))
    if changed:
        report.note(
            f"the data sheet changed since the pack was made (not covered by the approval): {', '.join(changed)}"
        )


def _compare_signoff(entry: dict, by_id: dict, assessments: dict, where: Any, report: _Report) -> int:
    """1 if the register's copy of this sign-off differs from the pack's (said why), else 0."""
    content = entry.get("content") or {}
    so = content.get("signoff") or {}
    sid, aid = so.get("id"), so.get("assessment_id")
    registered = by_id.get(sid)
    if registered is None:
        report.bad(
            f"sign-off {sid} of assessment {aid} is not in {where} (removed, or the pack is from another register)"
        )
        return 1
    current = assessments.get(registered["assessment_id"])
    if current is None:
        report.bad(f"assessment {aid}, signed by {sid}, is missing from {where}")
        return 1
    now = content_of(current, registered)
    register_intact = sha256_hex(now) == registered.get("digest")
    if registered.get("digest") != entry.get("digest"):
        report.bad(
            f"sign-off {sid} of assessment {aid}: the register records digest {registered.get('digest')}, "
            f"the pack {entry.get('digest')}; what differs (pack → register):"
        )
    elif content != now and register_intact:
        report.bad(
            f"sign-off {sid} of assessment {aid}: the pack's copy of what was signed differs from the register's, "
            "which still matches the digest: the pack's record was changed; what differs (pack → register):"
        )
    elif not register_intact:
        report.bad(
            f"assessment {aid} in {where} no longer matches its sign-off {sid}: it was changed after "
            "sign-off; what differs (pack → register):"
        )
    else:
        return 0
    _diff(content, now, report)
    return 1


def _compare_approval(approval: dict, by_id: dict, where: Any, report: _Report) -> int:
    content = approval.get("content") or {}
    registered = by_id.get(content.get("id"))
    if registered is None:
        report.bad(f"approval {content.get('id')} is not in {where} (removed, or the pack is from another register)")
        return 1
    now = approval_content(registered)
    if registered.get("digest") == approval.get("digest") == approval_digest(registered) and now == content:
        return 0
    report.bad(
        f"approval {content.get('id')}: the register's copy differs from the pack's; what differs (pack → register):"
    )
    _diff(content, now, report)
    return 1


def _newer(record: dict, signoffs: list[dict], approvals: list[dict], assessments: dict, report: _Report) -> None:
    """Notes of what the register decided after the pack was made."""
    entries = record.get("signoffs") or []
    in_pack = {(e.get("content") or {}).get("assessment", {}).get("questionnaire_id") for e in entries}
    pack_ids = {(e.get("content") or {}).get("signoff", {}).get("id") for e in entries}
    newest: dict[str, dict] = {}
    for s in signoffs:
        a = assessments.get(s["assessment_id"])
        if a is not None:
            newest[a["questionnaire_id"]] = s
    later = [s for q, s in newest.items() if q in in_pack and s["id"] not in pack_ids]
    if later:
        report.note(
            f"the register has newer sign-offs since this pack was made ({', '.join(s['id'] for s in later)}): "
            "export a new pack for the current position"
        )
    approval = ((record.get("approval") or {}).get("content") or {}).get("id")
    if approvals and approvals[-1]["id"] != approval:
        report.note(
            f"the register has a newer approval ({approvals[-1]['id']}, {approvals[-1]['signed_at'][:10]}) than this pack"
        )


def _compare_drafts(record: dict, assessments: dict[str, dict], report: _Report) -> None:
    for draft in record.get("drafts") or []:
        current = assessments.get(draft.get("assessment_id"))
        if current is None:
            report.note(f"draft assessment {draft.get('assessment_id')} is no longer in the register")
        elif sha256_hex(current["answers"]) != draft.get("answers_digest"):
            report.note(f"draft assessment {draft.get('assessment_id')} has different answers in the register now")


# --- where the pages differ ------------------------------------------------------------------


def _diagnose_pages(record: dict, reader: Any, library, report: _Report) -> None:
    """For a file not proven: whether its pages show the record, and where not."""
    try:
        texts = verify_pages.page_texts(reader)
    except ValueError as exc:
        report.bad(f"the pages cannot be read ({exc}): the file is damaged")
        return
    keywords = str((reader.metadata or {}).get("/Keywords", ""))
    digest = record.get("record_digest")
    draft = not record.get("approved")
    problems = verify_pages.digest_problems(texts, digest, draft)
    if not draft and not problems and f"record digest {digest}" not in keywords:
        problems.append(f"the PDF metadata does not carry the record digest {digest}")
    notes: list[str] = []
    if library is not None and not draft:
        worded = library.in_language(record.get("language"))  # as the pages are (pack_record.build)
        more, notes = verify_pages.text_problems(record, texts, worded)
        problems += more
    for line in problems:
        report.bad(line)
    for line in notes:
        report.note(line)
    if not problems and not draft:
        report.note(
            f"the text of all {len(texts)} pages agrees with the record, but text proves nothing about what a "
            "reader sees (a drawing or an annotation over a page leaves it as it was)"
        )


def _diff(pack: Any, register: Any, report: _Report) -> None:
    a, b = _flatten(pack), _flatten(register)
    keys = sorted(k for k in set(a) | set(b) if a.get(k, _ABSENT) != b.get(k, _ABSENT))
    for key in keys[:MAX_DIFFS]:
        report.detail(f"{key}: {_show(a.get(key, _ABSENT))} → {_show(b.get(key, _ABSENT))}")
    if len(keys) > MAX_DIFFS:
        report.detail(f"… and {len(keys) - MAX_DIFFS} more")
    if not keys:
        report.detail("(the same content: only the digest differs)")


_ABSENT = object()


def _flatten(obj: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(obj, dict) and obj:
        out: dict[str, Any] = {}
        for key, value in obj.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: obj}


def _show(value: Any) -> str:
    if value is _ABSENT:
        return "(absent)"
    return verify_pages.short(json.dumps(value, ensure_ascii=False))
