"""Where a pack's pages differ from its record: the diagnostics `pwiz verify` prints.

Reading text back out of a PDF proves nothing (anyone can draw over a page and
leave the text under it), so these checks never make a pack verify; the ledger
of issued packs and the certificate signature do (verify.py). What they do is
say *where* a file that is not an issued pack differs from the record it
carries, and they must not cry wolf when it does not: both sides are folded
the same way before they are compared (`fold`), each assessment is looked for
in its own part of the pack (the sign-offs' order is not the pages' order),
and right-to-left text is compared as the characters it holds, since text
extractors put such runs in an order of their own.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
from collections import Counter
from typing import Any

from wizard.pdf.bidi import has_rtl

DIGEST_ON_PAGE = re.compile(r"Record digest ([0-9a-f]{64})")
# Characters an extractor may drop, split off or add on its own: format characters (soft
# hyphens, joiners, direction marks), combining marks (placed apart from their base), white space;
# and hyphens, since a soft hyphen may be drawn as one, and a line may be broken at one; and
# characters beyond the Basic Multilingual Plane that the font draws, which pypdf may not read back
# (those the font lacks are drawn, and compared, as their [U+XXXX] markers).
_DROPPED = ("Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Cc")
_HYPHENS = frozenset("-\u00ad\u2010\u2011")
# In right-to-left runs a bracket may be drawn as its mirror image, or not, by the writer's rules.
_UNMIRRORED = str.maketrans(")]}>»›", "([{<«‹")


def fold(text: str) -> str:
    """Text as compared: compatibility forms unfolded (ligatures, Arabic presentation forms,
    full-width letters), then whatever an extractor may drop, split off or add left out."""
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", "".join(c for c in text if c <= "\uffff"))
        if c not in _HYPHENS and unicodedata.category(c) not in _DROPPED
    )


def fingerprints(data: bytes) -> list[str]:
    """Each page's fingerprint: what it draws and the kinds of annotation on it (the ledger keeps them)."""
    from pypdf import PdfReader

    return page_fingerprints(PdfReader(io.BytesIO(data)))


def page_fingerprints(reader: Any) -> list[str]:
    prints = []
    for page in reader.pages:
        contents = page.get_contents()
        drawn = contents.get_data() if contents is not None else b""
        annotations = sorted(str(a.get_object().get("/Subtype")) for a in page.get("/Annots") or [])
        prints.append(hashlib.sha256(drawn + repr((annotations, list(page.mediabox))).encode()).hexdigest()[:32])
    return prints


def page_differences(issued: list[str], now: list[str]) -> list[str]:
    """Where a file's pages differ from those of the pack the register issued (by fingerprint)."""
    import difflib

    if issued == now:
        return []
    if sorted(issued) == sorted(now):
        return ["its pages are those of the issued pack in another order"]
    missing: list[int] = []
    added: list[int] = []
    changed: list[int] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=issued, b=now, autojunk=False).get_opcodes():
        if tag in ("delete", "replace") and i2 - i1 > j2 - j1:
            missing += range(i1 + 1 + (j2 - j1), i2 + 1)
        if tag in ("insert", "replace") and j2 - j1 > i2 - i1:
            added += range(j1 + 1 + (i2 - i1), j2 + 1)
        if tag == "replace":
            changed += range(j1 + 1, j1 + 1 + min(i2 - i1, j2 - j1))
    lines = []
    if changed:
        lines.append(f"page(s) {pages(changed)} differ from the issued pack: drawn over, annotated or replaced")
    if missing:
        lines.append(f"page(s) {pages(missing)} of the issued pack are missing")
    if added:
        lines.append(f"page(s) {pages(added)} were not in the issued pack")
    return lines


def page_texts(reader: Any) -> list[str]:
    """The text of every page; ValueError when a content stream cannot be read."""
    try:
        return [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # noqa: BLE001 - a damaged content stream: pypdf raises many kinds
        raise ValueError(f"{type(exc).__name__}: {exc}") from None


def digest_problems(texts: list[str], digest: str | None, draft: bool) -> list[str]:
    """Pages whose footer does not carry the record digest (or, for a DRAFT, the word DRAFT)."""
    if draft:
        missing = [n for n, text in enumerate(texts, 1) if "DRAFT" not in text]
        return [f"the record is a draft but page(s) {pages(missing)} do not say DRAFT"] if missing else []
    wrong: dict[int, str | None] = {}
    for n, text in enumerate(texts, 1):
        shown = DIGEST_ON_PAGE.findall(text)
        if not shown or any(d != digest for d in shown):
            wrong[n] = shown[0] if shown else None
    if not wrong:
        return []
    first, seen = next(iter(wrong.items()))
    what = f"shows {seen}" if seen else "shows no record digest"
    return [f"page(s) {pages(list(wrong))} do not show the record digest {digest} (page {first} {what})"]


def text_problems(record: dict, texts: list[str], library: Any) -> tuple[list[str], list[str]]:
    """(differences, notes): each signed question and answer looked for in its assessment's part of the pages."""
    from wizard import engine
    from wizard.pdf.fonts import register as fonts
    from wizard.pdf.text import Text

    cleaner = Text(fonts())
    body = fold("\n".join(_without_furniture(t) for t in texts))
    entries = [(entry.get("content") or {}).get("assessment") or {} for entry in record.get("signoffs") or []]
    starts = {a.get("id"): body.find(fold(f"· assessment {a.get('id')} ·")) for a in entries}
    bounds = sorted(start for start in starts.values() if start >= 0)
    problems: list[str] = []
    notes: list[str] = []
    for assessment in entries:
        aid, qid, version = (
            assessment.get("id"),
            assessment.get("questionnaire_id"),
            assessment.get("questionnaire_version"),
        )
        definition = library.definitions.get(qid)
        if definition is None or definition.version != version:
            notes.append(
                f"questionnaire {qid} version {version} is not loaded: the pages of {aid} were not compared with the record"
            )
            continue
        start = starts.get(aid, -1)
        if start < 0:
            problems.append(f"assessment {aid} ({definition.title}) is not in the pages")
            continue
        end = next((b for b in bounds if b > start), len(body))
        part = body[start:end]
        answers = assessment.get("answers") or {}
        shown = engine.visible_questions(definition, answers)
        if [q.id for q in shown] != (record.get("shown") or {}).get(aid):
            problems.append(f"assessment {aid}: the questions the record lists as shown are not those its answers show")
        missing = _first_missing(part, shown, answers, cleaner)
        if missing is not None:
            question, text = missing
            problems.append(
                f"assessment {aid}, question {question}: the pages do not show {short(text)!r} where the record has it"
            )
    return problems, notes


def _first_missing(part: str, shown: list, answers: dict, cleaner: Any) -> tuple[str, str] | None:
    """The first (question id, text) of an assessment not found, in order, in its part of the pages."""
    from wizard import engine

    position = 0
    for q in shown:
        item = answers.get(q.id) or {}
        item = item if isinstance(item, dict) else {"value": item}
        expected = [q.text]
        if engine.is_answered(item.get("value")):
            expected.append(q.label_for(item.get("value")))
        expected += [item[p] for p in ("note", "action") if isinstance(item.get(p), str) and item[p].strip()]
        for text in expected:
            needle = fold(cleaner.clean(text))
            if has_rtl(needle):
                if Counter(needle.translate(_UNMIRRORED)) - Counter(part[position:].translate(_UNMIRRORED)):
                    return q.id, text
                continue
            found = part.find(needle, position)
            if found < 0:
                return q.id, text
            position = found + len(needle)
    return None


def _without_furniture(text: str) -> str:
    """A page's text without its header and footer lines."""
    return "\n".join(
        line
        for line in text.split("\n")
        if not (
            line.startswith("Partnership approval pack · ")
            or line.startswith("pwiz · prepared ")
            or DIGEST_ON_PAGE.search(line)
            or re.fullmatch(r"\s*Page \d+ of \d+\s*", line)
        )
    )


def short(text: Any, limit: int = 80) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def pages(numbers: list[int]) -> str:
    if len(numbers) > 6:
        return ", ".join(map(str, numbers[:6])) + f" and {len(numbers) - 6} more"
    return ", ".join(map(str, numbers))
