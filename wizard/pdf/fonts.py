"""The Unicode font every PDF is written in, and which characters it can show.

DejaVu Sans ships inside the package (wizard/fonts/, with its licence), so a
fresh machine renders Welsh, Polish, Greek, Cyrillic and Arabic letters
without installing anything; a system copy is the fallback. Arabic is shown
letter by letter, left to right, without contextual shaping (reportlab does
not shape scripts).

`Fonts.covers(codepoint, bold)` says whether a glyph exists, so text can
replace what the font lacks visibly instead of printing empty boxes.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

REGULAR = "PwizSans"
BOLD = "PwizSans-Bold"
FAMILY = "PwizSans"

_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}
_SYSTEM_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
    Path.home() / ".fonts",
    Path.home() / ".local/share/fonts",
)


class FontMissing(RuntimeError):
    """Neither the shipped nor a system copy of DejaVu Sans was found."""


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    sources: dict[str, Path]
    _regular_cover: frozenset[int]
    _bold_cover: frozenset[int]

    def covers(self, codepoint: int, bold: bool = False) -> bool:
        return codepoint in (self._bold_cover if bold else self._regular_cover)

    def coverage(self, bold: bool = False) -> frozenset[int]:
        return self._bold_cover if bold else self._regular_cover


def shipped_dir() -> Path:
    return Path(str(resources.files("wizard") / "fonts"))


def locate(filename: str) -> Path:
    """The shipped copy of a font file, else a system copy."""
    for folder in (shipped_dir(), *_SYSTEM_DIRS):
        candidate = folder / filename
        if candidate.is_file():
            return candidate
    raise FontMissing(
        f"the font {filename} was not found in {shipped_dir()} or the system font folders; "
        "reinstall pwiz, or install DejaVu (Debian: apt-get install fonts-dejavu-core)"
    )


@cache
def register() -> Fonts:
    """Register the fonts with reportlab once per process."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    sources = {name: locate(filename) for name, filename in _FILES.items()}
    faces = {}
    for name, path in sources.items():
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
        faces[name] = font
    # <b> inside a paragraph picks the bold face; there is no italic face, so
    # italic maps to the upright ones rather than to a font without our glyphs.
    for bold, italic, name in ((0, 0, REGULAR), (1, 0, BOLD), (0, 1, REGULAR), (1, 1, BOLD)):
        addMapping(FAMILY, bold, italic, name)
    return Fonts(
        regular=REGULAR,
        bold=BOLD,
        sources=sources,
        _regular_cover=frozenset(faces[REGULAR].face.charToGlyph),
        _bold_cover=frozenset(faces[BOLD].face.charToGlyph),
    )
