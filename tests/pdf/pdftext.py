"""Reading PDFs back with pypdf, as a reader would, not trusting the writer."""

from __future__ import annotations

import io
import re
from pathlib import Path

from pypdf import PdfReader

FURNITURE = (
    re.compile(r"^Partnership approval pack · .*$"),
    re.compile(r"^Partnership register report$"),
    re.compile(r"^pwiz · prepared \d{4}-\d{2}-\d{2}$"),
    re.compile(r"^p[0-9a-f]{6} · (Record digest [0-9a-f]{64}|DRAFT — not approved)$"),
    re.compile(r"^\s*Page \d+ of \d+\s*$"),
)


def reader(pdf: bytes | Path) -> PdfReader:
    return PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)


def pages(pdf: bytes | Path) -> list[str]:
    return [page.extract_text() or "" for page in reader(pdf).pages]


def body(pdf: bytes | Path) -> str:
    """All pages' text without headers and footers, whitespace collapsed to single spaces."""
    kept = []
    for text in pages(pdf):
        kept += [line for line in text.split("\n") if not any(p.match(line) for p in FURNITURE)]
    return norm("\n".join(kept))


def norm(text: str) -> str:
    return " ".join(str(text).split())


def squash(text: str) -> str:
    return re.sub(r"\s+", "", str(text))


def assert_in_order(haystack: str, needles: list[str], squash_ws: bool = False) -> None:
    """Each needle occurs in the haystack after the previous one."""
    fold = squash if squash_ws else norm
    hay = fold(haystack)
    at = 0
    for needle in needles:
        wanted = fold(needle)
        found = hay.find(wanted, at)
        assert found >= 0, f"not found after position {at}: {wanted[:120]!r}\n…around: {hay[at : at + 300]!r}"
        at = found + len(wanted)
