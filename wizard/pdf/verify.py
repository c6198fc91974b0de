"""`pwiz verify FILE.pdf`: does a pack match its digest, its pages and the register?

`verify_pack(path, register=None, library=None)` returns (ok, lines to print).
It checks, in order:

1. the record: pwiz-record.json is attached, parses, its `pack_digest`
   covers it, each sign-off's content hashes (SHA-256 of canonical JSON) to
   the digest stored beside it, and the record digest is the newest of them;
2. the pages: every page's footer and the PDF metadata show that record
   digest (so a record swapped for another, even a self-consistent one, is
   seen); with the questionnaire library, the pages also show every signed
   question and answer, in order, exactly as the signed record has them;
3. the register (when given): each sign-off is there with the same digest,
   the register's copy of what it signed still hashes to that digest, and
   where anything differs, which fields differ, pack against register;
4. the certificate signature, when the pack carries one (`pwiz export
   --sign-with`): intact, covering the whole file, signer, signing time,
   trusted by the given trusted certificates (signature_check.py), and
   noted on the sign-off in the register. `_check_certificate_signature`.

A DRAFT pack (anything in it not signed off) never verifies: it carries no
sign-off to check. Newer sign-offs and data-sheet edits since the pack was
made are reported as notes; they do not make an old pack false.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from store.digest import content_of, sha256_hex
from store.errors import StoreError
from wizard.pdf import record as pack_record
from wizard.pdf.bidi import has_rtl
from wizard.pdf.embed import AttachmentError, read_attachment

DIGEST_ON_PAGE = re.compile(r"Record digest ([0-9a-f]{64})")
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
    """Check an approval pack; (True, lines) only if every check passes.

    `trust`: a signature_check.Trust for the certificate signature (default: none trusted)."""
    path = Path(path)
    report = _Report()
    try:
        raw, reader = read_attachment(path, pack_record.NAME)
    except AttachmentError as exc:
        report.bad(f"{path}: {exc}")
        return False, report.lines
    record = _parse(raw, report)
    if record is None:
        return False, report.lines

    pid = record.get("partnership_id")
    name = (record.get("partnership") or {}).get("name", "?")
    entries = record.get("signoffs") or []
    report.lines.insert(0, f"{path}: approval pack of partnership {pid} ({name}), {len(entries)} sign-off(s)")

    _check_record(record, report)
    _check_pages(record, reader, report, library)
    if register is not None:
        _check_register(record, register, report)
    else:
        report.note("no register given: the pack was checked against itself only")
    _check_certificate_signature(path, record, register, trust, report)
    report.lines.append("VERIFIED" if report.ok else "NOT VERIFIED")
    return report.ok, report.lines


# --- 1. the record --------------------------------------------------------------


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
        report.bad(f"the record's format version {record.get('format_version')!r} is not one this pwiz reads ({pack_record.FORMAT_VERSION})")
        return None
    return record


def _check_record(record: dict, report: _Report) -> None:
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
    if not record.get("signed"):
        drafts = record.get("drafts") or []
        report.bad(
            "this is a DRAFT pack: "
            + (", ".join(f"{d.get('questionnaire_id')} ({d.get('assessment_id')}, {d.get('status')})" for d in drafts) or "nothing in it")
            + " not signed off, so there is no sign-off to verify"
        )
        return
    if not entries:
        report.bad("the record says it is signed but holds no sign-off")
        return
    head = entries[-1].get("digest")
    if record.get("record_digest") != head:
        report.bad(f"the record digest {record.get('record_digest')} is not the digest of its newest sign-off ({head})")
    elif not broken:
        report.good(f"the embedded record matches its digests (record digest {head})")


# --- 2. the pages -----------------------------------------------------------------


def _check_pages(record: dict, reader: Any, report: _Report, library) -> None:
    digest = record.get("record_digest")
    keywords = str((reader.metadata or {}).get("/Keywords", ""))
    try:
        texts = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # a damaged content stream: pypdf raises many kinds
        report.bad(f"the pages cannot be read ({type(exc).__name__}: {exc}): the file is damaged")
        return
    if not record.get("signed"):
        missing = [n for n, text in enumerate(texts, 1) if "DRAFT" not in text]
        if missing:
            report.bad(f"the record is a draft but page(s) {_pages(missing)} do not say DRAFT")
        return
    wrong = {}
    for n, text in enumerate(texts, 1):
        shown = DIGEST_ON_PAGE.findall(text)
        if not shown or any(d != digest for d in shown):
            wrong[n] = shown[0] if shown else None
    if wrong:
        first = next(iter(wrong.items()))
        seen = f"shows {first[1]}" if first[1] else "shows no record digest"
        report.bad(f"page(s) {_pages(list(wrong))} do not show the record digest {digest} (page {first[0]} {seen})")
    elif f"record digest {digest}" not in keywords:
        report.bad(f"the PDF metadata does not carry the record digest {digest}")
    else:
        report.good(f"all {len(texts)} pages show the record digest")
    if library is not None:
        _check_page_text(record, texts, report, library)


def _check_page_text(record: dict, texts: list[str], report: _Report, library) -> None:
    """Every signed question and answer appears on the pages, in order, as signed."""
    from wizard import engine
    from wizard.pdf.fonts import register as fonts
    from wizard.pdf.text import Text

    cleaner = Text(fonts())
    body = _squash("\n".join(_strip_furniture(t) for t in texts))
    position = 0
    for entry in record.get("signoffs") or []:
        assessment = (entry.get("content") or {}).get("assessment") or {}
        qid, version = assessment.get("questionnaire_id"), assessment.get("questionnaire_version")
        definition = library.definitions.get(qid)
        if definition is None or definition.version != version:
            report.note(f"questionnaire {qid} version {version} is not loaded: the pages of {assessment.get('id')} were not compared with the record")
            continue
        answers = assessment.get("answers") or {}
        shown = [q for q in engine.visible_questions(definition, answers)]
        if [q.id for q in shown] != (record.get("shown") or {}).get(assessment.get("id")):
            report.bad(f"assessment {assessment.get('id')}: the questions the record lists as shown are not those its answers show")
        for q in shown:
            item = answers.get(q.id) or {}
            item = item if isinstance(item, dict) else {"value": item}
            expected = [q.text]
            if engine.is_answered(item.get("value")):
                expected.append(q.label_for(item.get("value")))
            expected += [item.get(part) for part in ("note", "action") if isinstance(item.get(part), str) and item.get(part).strip()]
            for text in expected:
                needle = _squash(cleaner.clean(text))
                if has_rtl(needle):
                    # Text extractors reorder right-to-left runs by their own rules: compare characters only.
                    window = body[position : position + 3 * len(needle) + 200]
                    if Counter(needle) - Counter(window):
                        report.bad(
                            f"assessment {assessment.get('id')}, question {q.id}: the pages do not show "
                            f"{_short(text)!r} where the signed record has it"
                        )
                        return
                    continue
                found = body.find(needle, position)
                if found < 0:
                    report.bad(
                        f"assessment {assessment.get('id')}, question {q.id}: the pages do not show {_short(text)!r} "
                        "where the signed record has it (the pages were changed, or belong to another record)"
                    )
                    return
                position = found + len(needle)
    report.good("the pages show every signed question and answer, in order, as the record has them")


def _strip_furniture(text: str) -> str:
    lines = text.split("\n")
    keep = [
        line
        for line in lines
        if not (
            line.startswith("Partnership approval pack · ")
            or line.startswith("pwiz · prepared ")
            or DIGEST_ON_PAGE.search(line)
            or re.fullmatch(r"\s*Page \d+ of \d+\s*", line)
        )
    ]
    return "\n".join(keep)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- 3. the register ---------------------------------------------------------------


def _check_register(record: dict, register, report: _Report) -> None:
    pid = record.get("partnership_id")
    where = getattr(register, "root", "the register")
    if isinstance(where, Path) and not where.exists():
        report.note(f"there is no register at {where}: the pack was checked against itself only")
        return
    try:
        signoffs = register.list_signoffs(pid)
        assessments = {a["id"]: a for a in register.list_assessments(pid)}
        sheet = register.get_partnership(pid)
    except StoreError as exc:
        report.bad(f"cannot compare with the register {where}: {exc}")
        return
    by_id = {s["id"]: s for s in signoffs}
    entries = record.get("signoffs") or []
    differs = 0
    for entry in entries:
        content = entry.get("content") or {}
        so = content.get("signoff") or {}
        sid, aid = so.get("id"), so.get("assessment_id")
        registered = by_id.get(sid)
        if registered is None:
            differs += 1
            report.bad(f"sign-off {sid} of assessment {aid} is not in the register {where} (removed, or the pack is from another register)")
            continue
        current = assessments.get(registered["assessment_id"])
        if current is None:
            differs += 1
            report.bad(f"assessment {aid}, signed by {sid}, is missing from the register {where}")
            continue
        now = content_of(current, registered)
        register_intact = sha256_hex(now) == registered.get("digest")
        if registered.get("digest") != entry.get("digest"):
            differs += 1
            report.bad(
                f"sign-off {sid} of assessment {aid}: the register records digest {registered.get('digest')}, "
                f"the pack {entry.get('digest')}; what differs (pack → register):"
            )
            _diff(content, now, report)
        elif content != now and register_intact:
            differs += 1
            report.bad(
                f"sign-off {sid} of assessment {aid}: the pack's copy of what was signed differs from the "
                "register's, which still matches the digest: the pack's record was changed; what differs (pack → register):"
            )
            _diff(content, now, report)
        if not register_intact:
            differs += 1
            report.bad(
                f"assessment {aid} in the register {where} no longer matches its sign-off {sid}: it was changed "
                "after sign-off; what differs (pack → register):"
            )
            _diff(content, now, report)
    if record.get("signed") and not differs:
        report.good(f"the pack matches the register {where} ({len(entries)} sign-off(s), same digests, signed content unchanged)")
    elif not record.get("signed"):
        _compare_drafts(record, assessments, report)

    in_pack = {(e.get("content") or {}).get("assessment", {}).get("questionnaire_id") for e in entries}
    newest = {}
    for s in signoffs:
        a = assessments.get(s["assessment_id"])
        if a is not None:
            newest[a["questionnaire_id"]] = s
    pack_ids = {(e.get("content") or {}).get("signoff", {}).get("id") for e in entries}
    later = [s for q, s in newest.items() if q in in_pack and s["id"] not in pack_ids]
    if later:
        report.note(
            f"the register has newer sign-offs since this pack was made ({', '.join(s['id'] for s in later)}): "
            "export a new pack for the current position"
        )
    old_sheet = record.get("partnership") or {}
    changed = sorted(k for k in set(old_sheet) | set(sheet) if k != "updated_at" and old_sheet.get(k) != sheet.get(k))
    if changed:
        report.note(f"the data sheet changed since the pack was made (not covered by the sign-off): {', '.join(changed)}")


# --- 4. the certificate signature ----------------------------------------------------


def _check_certificate_signature(path: Path, record: dict, register, trust, report: _Report) -> None:
    """Kept apart from the record checks: a pack need not carry a certificate signature."""
    from wizard.pdf import signature_check

    data = path.read_bytes()
    entries = record.get("signoffs") or []
    head = ((entries[-1].get("content") or {}).get("signoff") or {}).get("id") if record.get("signed") and entries else None
    noted = _register_signatures(register, head)
    if not signature_check.has_signature(data):
        if noted:
            report.note(f"the register records a certificate signature of a pack of sign-off {head}, but this file carries none")
        else:
            report.note("no certificate signature on this pack (pwiz export --sign-with CERT.p12 adds one)")
        return
    for signature in signature_check.check(data, trust or signature_check.Trust()):
        for finding in signature.findings:
            {"ok": report.good, "bad": report.bad, "note": report.note}[finding.level](finding.text)
        if register is None or head is None or not signature.fingerprint:
            continue
        if any(n.get("fingerprint_sha256") == signature.fingerprint for n in noted):
            report.good(f"the register records this certificate signature on sign-off {head}")
        else:
            report.note(f"the register has no record of a certificate signature by this certificate on sign-off {head}")


def _register_signatures(register, signoff_id: str | None) -> list[dict]:
    if register is None or signoff_id is None:
        return []
    root = getattr(register, "root", None)
    if isinstance(root, Path) and not root.exists():
        return []
    try:
        pid = signoff_id.split("-")[0]
        found = [s for s in register.list_signoffs(pid) if s["id"] == signoff_id]
    except (StoreError, OSError):
        return []
    return list(found[0].get("pdf_signatures") or []) if found else []


def _compare_drafts(record: dict, assessments: dict[str, dict], report: _Report) -> None:
    for draft in record.get("drafts") or []:
        current = assessments.get(draft.get("assessment_id"))
        if current is None:
            report.note(f"draft assessment {draft.get('assessment_id')} is no longer in the register")
        elif sha256_hex(current["answers"]) != draft.get("answers_digest"):
            report.note(f"draft assessment {draft.get('assessment_id')} has different answers in the register now")


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
    return _short(json.dumps(value, ensure_ascii=False))


def _short(text: Any, limit: int = 80) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _pages(numbers: list[int]) -> str:
    if len(numbers) > 6:
        return ", ".join(map(str, numbers[:6])) + f" and {len(numbers) - 6} more"
    return ", ".join(map(str, numbers))
